//! The GGD reader applies the same write rules as every laptop (DESIGN §4.12): an export
//! holding a counsellor's sealed K10 and a colleague's revisions sealed for the GGD into it
//! shows the original answers with the device that wrote each revision, and lists the
//! colleague's revisions as refused, with their author.

use aankomst_core::{Fields, Hlc, RecordKind, Revision};
use aankomst_instruments::Registry;
use aankomst_keys::{base64url, ceremony, open_sealed_export};
use aankomst_protocol::sealed_export::{SealedExport, SEALED_EXPORT_FORMAT};
use aankomst_seal::{Audience, DeviceKey, DeviceRole, RecipientKeyPair, RecipientListPin, Sealer};
use serde_json::value::RawValue;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use uuid::Uuid;

const TENANT: &str = "gemeente-zwolle";

fn fields(v: Value) -> Fields {
    match v {
        Value::Object(m) => m,
        _ => panic!("fields are an object"),
    }
}

fn answer(value: u8) -> Value {
    json!({"value": value, "mode": "self_completed", "entered_by": "client", "at": "2026-03-01T10:05:00Z"})
}

fn revision(device: &str, record_id: Uuid, parents: Vec<Uuid>, wall_ms: u64, f: Value) -> Revision {
    Revision {
        rev_id: Uuid::now_v7(),
        record_id,
        kind: RecordKind::Administration,
        parents,
        author_user: format!("user-of-{device}"),
        author_device: device.into(),
        hlc: Hlc {
            wall_ms,
            counter: 0,
            node: device.into(),
        },
        fields: fields(f),
    }
}

#[test]
fn the_reader_keeps_the_creators_answers_and_shows_a_colleagues_revisions_as_refused() {
    let mut rng = aankomst_seal::system_rng();
    let ggd = RecipientKeyPair::generate(&mut rng);
    let c = ceremony(
        TENANT,
        BTreeMap::from([("ggd".to_owned(), ggd.public().clone())]),
    )
    .unwrap();
    let list = RecipientListPin::new(TENANT, c.root.public())
        .accept(&c.signed_list)
        .unwrap();
    let victim = DeviceKey::generate("laptop-victim", &mut rng).unwrap();
    let colleague = DeviceKey::generate("laptop-colleague", &mut rng).unwrap();

    let k10 = Uuid::now_v7();
    let start = revision(
        "laptop-victim",
        k10,
        vec![],
        1_000,
        json!({"definition_id": "k10-nl", "definition_hash": "h1", "mode": "self_completed",
               "status": "in_progress", "sealed_for": "ggd"}),
    );
    let answered = revision(
        "laptop-victim",
        k10,
        vec![start.rev_id],
        2_000,
        json!({"answer/k10-01": answer(2), "answer/k10-02": answer(3)}),
    );
    // The colleague's revisions: clearing the seal and changing an answer, later on the clock.
    let unseal = revision(
        "laptop-colleague",
        k10,
        vec![answered.rev_id],
        9_000,
        json!({"sealed_for": null, "answer/k10-01": answer(5)}),
    );
    let status = revision(
        "laptop-colleague",
        k10,
        vec![unseal.rev_id],
        9_001,
        json!({"status": "abandoned"}),
    );
    // And a "first revision" of an administration that does not exist, by the colleague.
    let orphan = revision(
        "laptop-colleague",
        Uuid::now_v7(),
        vec![Uuid::now_v7()],
        9_002,
        json!({"answer/k10-01": answer(5)}),
    );
    let sealed = |key: &DeviceKey, rev: &Revision| -> Box<RawValue> {
        let sealer = Sealer::new(
            &list,
            Audience::Sealed {
                recipient: "ggd".into(),
            },
            key,
        )
        .unwrap();
        let (record_id, revision_id, hlc) = (
            rev.record_id.to_string(),
            rev.rev_id.to_string(),
            rev.hlc.to_string(),
        );
        let parents: Vec<String> = rev.parents.iter().map(|p| p.to_string()).collect();
        let plaintext = serde_json::to_vec(rev).unwrap();
        let envelope = sealer
            .seal_batch(
                &mut aankomst_seal::system_rng(),
                &[aankomst_seal::Revision {
                    record_id: &record_id,
                    record_kind: "administration",
                    revision_id: &revision_id,
                    hlc: &hlc,
                    parents: &parents,
                    plaintext: &plaintext,
                }],
            )
            .unwrap()
            .remove(0);
        RawValue::from_string(String::from_utf8(envelope.to_json()).unwrap()).unwrap()
    };
    let export = SealedExport {
        format: SEALED_EXPORT_FORMAT.into(),
        tenant: TENANT.into(),
        recipient: "ggd".into(),
        recipient_list: RawValue::from_string(String::from_utf8(c.signed_list.to_json()).unwrap())
            .unwrap(),
        // Both devices certified by the root: the colleague's revision is refused by the
        // write rules, not for want of a certificate.
        certificates: [
            (&victim, DeviceRole::Counsellor),
            (&colleague, DeviceRole::Counsellor),
        ]
        .into_iter()
        .map(|(device, role)| {
            let certificate = aankomst_keys::certify(
                &c.root,
                TENANT,
                device.device_id(),
                &base64url(&device.public().to_bytes()),
                role,
                1,
            )
            .unwrap();
            RawValue::from_string(String::from_utf8(certificate.to_json()).unwrap()).unwrap()
        })
        .collect(),
        statements: Vec::new(),
        envelopes: vec![
            sealed(&victim, &start),
            sealed(&victim, &answered),
            sealed(&colleague, &unseal),
            sealed(&colleague, &status),
            sealed(&colleague, &orphan),
        ],
        last_sequence: 5,
    };
    let report = open_sealed_export(
        &export,
        &c.root.public(),
        &ggd,
        &Registry::with_shipped().unwrap(),
    )
    .unwrap();

    assert_eq!(report.refused, 0, "every envelope verified");
    assert_eq!(report.administrations.len(), 1, "{report:#?}");
    let a = &report.administrations[0];
    assert_eq!(a.administration_id, k10.to_string());
    assert_eq!(a.created_by, "laptop-victim");
    assert_eq!(a.status.as_deref(), Some("in_progress"));
    assert_eq!(
        a.answers["k10-01"]["value"], 2,
        "the client's answer, not the colleague's"
    );
    assert_eq!(a.answers["k10-02"]["value"], 3);
    assert_eq!(a.revisions, 2);
    let history: Vec<(&str, bool)> = a
        .history
        .iter()
        .map(|r| (r.author_device.as_str(), r.refused.is_some()))
        .collect();
    assert_eq!(
        history,
        vec![
            ("laptop-victim", false),
            ("laptop-victim", false),
            ("laptop-colleague", true),
            ("laptop-colleague", true),
        ]
    );
    assert_eq!(report.refused_revisions.len(), 3);
    assert!(report
        .refused_revisions
        .iter()
        .all(|r| r.author_device == "laptop-colleague"));
    let orphan_refused = report
        .refused_revisions
        .iter()
        .find(|r| r.revision_id == orphan.rev_id.to_string())
        .unwrap();
    assert!(orphan_refused.reason.contains("not the first revision"));

    // The JSON output names the author of every revision.
    let out = serde_json::to_value(&report).unwrap();
    assert_eq!(
        out["administrations"][0]["history"][2]["author_device"],
        "laptop-colleague"
    );
    assert_eq!(
        out["refused_revisions"][0]["author_device"],
        "laptop-colleague"
    );
}
