//! A hostile colleague through the real server (DESIGN §4.12): an enrolled team device, using
//! its own keys as any laptop owner can, pushes revisions into another device's sealed K10 —
//! clearing `sealed_for`, changing answers and the status, with a later clock — once in a team
//! envelope and once sealed for the GGD. The victim refuses the team one (counted and in the
//! ledger), cannot open the GGD one, keeps its seal, and seals its later answers for the GGD
//! still; the team never receives the administration.

mod common;

use aankomst_core::{Fields, Hlc, RecordKind, Revision};
use aankomst_seal::{
    Audience, DeviceKey, RecipientListPin, Sealer, SignedRecipientList, VerifiedRecipientList,
};
use aankomst_store::{SealedRevision, Store};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use common::*;
use serde_json::{json, Value};
use uuid::Uuid;

fn fields(v: Value) -> Fields {
    match v {
        Value::Object(m) => m,
        _ => panic!("fields are an object"),
    }
}

fn answer(value: u8) -> Value {
    json!({"value": value, "mode": "self_completed", "entered_by": "client", "at": "2026-03-01T10:05:00Z"})
}

/// The keys a laptop's owner holds: its device key and the tenant's accepted recipient list,
/// read from its own (unlocked) store.
fn owner_keys(world: &World, store: &Store, device_id: &str) -> (DeviceKey, VerifiedRecipientList) {
    let enrolment: Value =
        serde_json::from_str(&store.sync_state("enrolment").unwrap().unwrap()).unwrap();
    let secret = URL_SAFE_NO_PAD
        .decode(enrolment["device_secret"].as_str().unwrap())
        .unwrap();
    let device =
        DeviceKey::from_secret_bytes(device_id, &<[u8; 32]>::try_from(secret).unwrap()).unwrap();
    let list = store.sync_state("recipient_list").unwrap().unwrap();
    let list = RecipientListPin::new(&world.tenant.id, world.tenant.root.public())
        .accept(&SignedRecipientList::from_json(list.as_bytes()).unwrap())
        .unwrap();
    (device, list)
}

/// Seals `rev` as `device` for `audience` and queues it in `store` for the next push, as a
/// modified app would.
fn queue_forged(
    store: &mut Store,
    device: &DeviceKey,
    list: &VerifiedRecipientList,
    audience: Audience,
    rev: &Revision,
) {
    let wire = match &audience {
        Audience::Team => "team".to_owned(),
        Audience::Sealed { recipient } => format!("sealed:{recipient}"),
    };
    let sealer = Sealer::new(list, audience, device).unwrap();
    let record_id = rev.record_id.to_string();
    let revision_id = rev.rev_id.to_string();
    let hlc = rev.hlc.to_string();
    let parents: Vec<String> = rev.parents.iter().map(|p| p.to_string()).collect();
    let plaintext = serde_json::to_vec(rev).unwrap();
    let envelopes = sealer
        .seal_batch(
            &mut aankomst_seal::system_rng(),
            &[aankomst_seal::Revision {
                record_id: &record_id,
                record_kind: rev.kind.as_str(),
                revision_id: &revision_id,
                hlc: &hlc,
                parents: &parents,
                plaintext: &plaintext,
            }],
        )
        .unwrap();
    store
        .save_sealed(
            &[SealedRevision {
                rev_id: rev.rev_id,
                envelope_id: envelopes[0].id().to_base64url(),
                record_kind: rev.kind,
                audience: wire,
                envelope: envelopes[0].to_json(),
            }],
            1,
        )
        .unwrap();
}

#[test]
fn a_colleague_cannot_unseal_or_rewrite_another_devices_k10() {
    let world = World::start("sqlite", "");
    let mut supervisor = world.supervisor("supervisor-1");
    let mut victim = world.device("laptop-victim", "counsellor");
    let mut colleague = world.device("laptop-colleague", "counsellor");
    for (d, fingerprint) in [
        (
            "laptop-victim",
            victim.engine.as_ref().unwrap().fingerprint(),
        ),
        (
            "laptop-colleague",
            colleague.engine.as_ref().unwrap().fingerprint(),
        ),
    ] {
        supervisor
            .engine
            .as_ref()
            .unwrap()
            .grant_team_key(d, &fingerprint)
            .unwrap();
    }

    // The victim starts a K10 (sealed for the GGD by its definition) and records 3 answers.
    let start = victim
        .store
        .create_record(
            RecordKind::Administration,
            fields(json!({
                "definition_id": "k10-nl",
                "definition_hash": "sha256-k10",
                "mode": "self_completed",
                "status": "in_progress",
                "sealed_for": "ggd",
            })),
        )
        .unwrap();
    let k10 = start.record_id;
    let mut head = start.rev_id;
    for item in 1..=3 {
        head = victim
            .store
            .write(
                RecordKind::Administration,
                k10,
                fields(json!({ format!("answer/k10-{item:02}"): answer(2) })),
            )
            .unwrap()
            .rev_id;
    }
    victim.sync().unwrap();
    colleague.sync().unwrap();
    supervisor.sync().unwrap();
    assert!(colleague.store.get(k10).unwrap().is_none());

    // The colleague forges revisions into it (the record and revision ids are in the clear
    // metadata the server relays), a day ahead on the clock.
    let (key, list) = owner_keys(&world, &colleague.store, "laptop-colleague");
    let forged = |fields_: Value| Revision {
        rev_id: Uuid::now_v7(),
        record_id: k10,
        kind: RecordKind::Administration,
        parents: vec![head],
        author_user: "user-of-laptop-colleague".into(),
        author_device: "laptop-colleague".into(),
        hlc: Hlc {
            wall_ms: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_millis() as u64
                + 86_400_000,
            counter: 0,
            node: "laptop-colleague".into(),
        },
        fields: fields(fields_),
    };
    let as_team = forged(json!({
        "sealed_for": null,
        "answer/k10-01": answer(5),
        "status": "completed",
    }));
    let as_sealed = forged(json!({
        "sealed_for": null,
        "answer/k10-02": answer(5),
    }));
    queue_forged(&mut colleague.store, &key, &list, Audience::Team, &as_team);
    queue_forged(
        &mut colleague.store,
        &key,
        &list,
        Audience::Sealed {
            recipient: "ggd".into(),
        },
        &as_sealed,
    );
    let pushed = colleague.sync().unwrap();
    assert_eq!(pushed.pushed, 2, "the server relays what a device signed");

    // The victim refuses the team revision and cannot open the sealed one.
    let report = victim.sync().unwrap();
    assert_eq!(report.refused, 1, "{report:?}");
    assert_eq!(report.sealed_for_others, 1, "{report:?}");
    assert_eq!(report.pulled, 0);
    let ledger = aankomst_sync::SyncEngine::ledger(&victim.store, 20).unwrap();
    assert!(ledger.iter().any(|l| l.direction == "pulled"
        && l.outcome == "refused"
        && l.record_kind == "administration"));
    assert!(!victim.store.has_revision(as_team.rev_id).unwrap());
    let state = victim.store.get(k10).unwrap().unwrap().state;
    assert_eq!(state.fields["sealed_for"], "ggd");
    assert_eq!(state.fields["status"], "in_progress");
    assert_eq!(state.fields["answer/k10-01"]["value"], 2);
    assert!(state.conflicts.is_empty(), "nothing of it was applied");

    // The victim's later answers are sealed for the GGD as before.
    for item in 4..=10 {
        victim
            .store
            .write(
                RecordKind::Administration,
                k10,
                fields(json!({ format!("answer/k10-{item:02}"): answer(3) })),
            )
            .unwrap();
    }
    victim
        .store
        .write(
            RecordKind::Administration,
            k10,
            fields(json!({"status": "completed"})),
        )
        .unwrap();
    victim.sync().unwrap();
    let revisions = victim.store.revisions(k10).unwrap();
    assert!(revisions
        .iter()
        .all(|r| victim.store.sync_receipt(r.rev_id).unwrap().is_some()));
    let audiences = victim_audiences(&victim.store, k10);
    assert_eq!(audiences.len(), 12, "every revision of the K10 went out");
    assert!(audiences.iter().all(|a| a == "sealed:ggd"), "{audiences:?}");

    // Neither the supervisor nor the colleague ever holds the administration.
    let report = supervisor.sync().unwrap();
    assert_eq!(report.pulled, 0, "{report:?}");
    assert_eq!(
        report.refused, 1,
        "the forged team revision is refused there too"
    );
    assert!(supervisor.store.get(k10).unwrap().is_none());
    colleague.sync().unwrap();
    assert!(colleague.store.get(k10).unwrap().is_none());
}

/// The audience each of the victim's revisions of `k10` was sealed for (from its envelopes).
fn victim_audiences(store: &Store, k10: Uuid) -> Vec<String> {
    store
        .revisions(k10)
        .unwrap()
        .iter()
        .map(|r| store.sync_envelope_audience(r.rev_id).unwrap().unwrap())
        .collect()
}
