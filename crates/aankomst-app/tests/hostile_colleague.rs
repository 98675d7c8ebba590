//! A hostile colleague against the real binaries (DESIGN §4.12): the municipality's keys, the
//! server, a supervisor's and a counsellor's app profiles, and a colleague's laptop that is
//! enrolled and holds the team key but runs modified software: it signs revisions into the
//! counsellor's sealed K10 — clearing `sealed_for`, changing an answer and the status, a day
//! ahead on the clock — once for the team and once sealed for the GGD. Nothing becomes readable
//! to the team or on the counsellor's own screen, the counsellor's later answers stay sealed
//! for the GGD, and the GGD's reader shows the client's own answers with the device that wrote
//! each revision and the colleague's revisions as refused, with their author.

mod common;
mod team;

use aankomst_app::screening_ipc::*;
use aankomst_app::{ipc::*, AppService};
use aankomst_core::{Fields, Hlc, RecordKind, Revision};
use aankomst_seal::{
    Audience, DeviceKey, RecipientListPin, Sealer, SignedRecipientList, TenantRootPublicKey,
};
use aankomst_store::{DbKey, Identity, SealedRevision, Store};
use aankomst_sync::{Enrolment, ServerSettings, SyncEngine};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use common::*;
use serde_json::{json, Value};
use team::*;
use uuid::Uuid;

const COLLEAGUE: &str = "laptop-of-a-hostile-colleague";

/// The colleague's laptop: its own encrypted store and sync engine, enrolled with a code.
fn colleague_laptop(team: &Team) -> (Store, SyncEngine) {
    let mut store = Store::create(
        &team.path().join("colleague.aankomst"),
        &DbKey::random(),
        Identity {
            user: "colleague".into(),
            device: COLLEAGUE.into(),
        },
    )
    .unwrap();
    let code = team
        .server
        .admin(&["enrol-code", TENANT, "--role", "counsellor"]);
    let engine = SyncEngine::enrol(
        &mut store,
        &Enrolment {
            server: ServerSettings {
                url: team.server.url.clone(),
                ca_pem: team.server.cert.clone(),
            },
            tenant: TENANT.into(),
            tenant_root_public_key: team.root_pub.trim().into(),
            code: code.trim().into(),
        },
    )
    .unwrap();
    (store, engine)
}

/// What a laptop's owner can take from their own unlocked store: the device key and the
/// tenant's recipient list.
fn owner_keys(team: &Team, store: &Store) -> (DeviceKey, aankomst_seal::VerifiedRecipientList) {
    let enrolment: Value =
        serde_json::from_str(&store.sync_state("enrolment").unwrap().unwrap()).unwrap();
    let secret = URL_SAFE_NO_PAD
        .decode(enrolment["device_secret"].as_str().unwrap())
        .unwrap();
    let device =
        DeviceKey::from_secret_bytes(COLLEAGUE, &<[u8; 32]>::try_from(secret).unwrap()).unwrap();
    let list = store.sync_state("recipient_list").unwrap().unwrap();
    let root = TenantRootPublicKey::from_base64url(team.root_pub.trim()).unwrap();
    let list = RecipientListPin::new(TENANT, root)
        .accept(&SignedRecipientList::from_json(list.as_bytes()).unwrap())
        .unwrap();
    (device, list)
}

fn forge(
    store: &mut Store,
    key: &DeviceKey,
    list: &aankomst_seal::VerifiedRecipientList,
    audience: Audience,
    rev: &Revision,
) {
    let wire = match &audience {
        Audience::Team => "team".to_owned(),
        Audience::Sealed { recipient } => format!("sealed:{recipient}"),
    };
    let (record_id, revision_id, hlc) = (
        rev.record_id.to_string(),
        rev.rev_id.to_string(),
        rev.hlc.to_string(),
    );
    let parents: Vec<String> = rev.parents.iter().map(|p| p.to_string()).collect();
    let plaintext = serde_json::to_vec(rev).unwrap();
    let envelope = Sealer::new(list, audience, key)
        .unwrap()
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
    store
        .save_sealed(
            &[SealedRevision {
                rev_id: rev.rev_id,
                envelope_id: envelope.id().to_base64url(),
                record_kind: RecordKind::Administration,
                audience: wire,
                envelope: envelope.to_json(),
            }],
            1,
        )
        .unwrap();
}

/// Answers the client view's questions with `value` until `limit` are answered or none is
/// left; the link ids answered.
fn answer_on_client_view(svc: &AppService, admin: &str, value: i32, limit: usize) -> Vec<String> {
    let mut step = svc.enter_client_view(admin).unwrap();
    let mut answered = Vec::new();
    while let Some(q) = step.question.clone() {
        if answered.len() == limit {
            break;
        }
        step = svc
            .client_answer(ClientAnswerRequest {
                link_id: q.link_id.clone(),
                value: Some(value),
                state: None,
            })
            .unwrap();
        answered.push(q.link_id);
    }
    if step.question.is_none() {
        svc.client_finish().unwrap();
    }
    svc.leave_client_view(PASS).unwrap();
    answered
}

/// Nothing of the answers or the score crosses IPC to the counsellor's screen.
fn assert_nothing_readable(view: &AdministrationView) {
    assert!(view.sealed && view.hidden, "{view:?}");
    assert!(view.result.is_none());
    assert!(view.items.iter().all(|i| i.answer.is_none()));
    assert!(view.explanation_english.is_none());
}

#[test]
fn a_colleagues_laptop_cannot_unseal_a_k10_and_the_ggd_sees_who_wrote_what() {
    let team = Team::start();
    let supervisor = team.first_supervisor("supervisor", "Marieke Supervisor");
    let (victim, victim_status) = team.counsellor(&supervisor, "counsellor", "Fatima de Vries");
    let victim_device = victim_status.device_id.clone().unwrap();
    let (mut colleague_store, mut colleague) = colleague_laptop(&team);
    supervisor
        .grant_team_key(COLLEAGUE, &colleague.fingerprint())
        .unwrap();

    // The counsellor starts a self-completed K10; the client answers three questions.
    let client = new_client(&victim, json!({"preferred_name": "Tesfay"}));
    let conversation = victim
        .create_conversation(CreateConversationRequest {
            case_id: client.cases[0].id.clone(),
        })
        .unwrap();
    let k10 = victim
        .start_administration(StartAdministrationRequest {
            conversation_id: conversation.id.clone(),
            definition_id: "k10-nl".into(),
            mode: "self_completed".into(),
            language: "nl".into(),
        })
        .unwrap()
        .id;
    let first = answer_on_client_view(&victim, &k10, 3, 3);
    assert_eq!(first.len(), 3);
    victim.sync_now().unwrap();

    // The colleague learns the record and its latest revision from the clear metadata the
    // server relays, and forges two revisions into it.
    colleague.sync(&mut colleague_store, &mut |_| {}).unwrap();
    let export = team.path().join("before.json");
    team.server
        .admin(&["export-sealed", TENANT, export.to_str().unwrap()]);
    let before: Value = serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    let head = before["envelopes"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["record_id"] == k10.as_str())
        .map(|e| e["revision_id"].as_str().unwrap().to_owned())
        .unwrap();
    let (key, list) = owner_keys(&team, &colleague_store);
    let tomorrow = chrono::Utc::now().timestamp_millis() as u64 + 86_400_000;
    let forged = |f: Value| Revision {
        rev_id: Uuid::now_v7(),
        record_id: k10.parse().unwrap(),
        kind: RecordKind::Administration,
        parents: vec![head.parse().unwrap()],
        author_user: "colleague".into(),
        author_device: COLLEAGUE.into(),
        hlc: Hlc {
            wall_ms: tomorrow,
            counter: 0,
            node: COLLEAGUE.into(),
        },
        fields: match f {
            Value::Object(m) => m as Fields,
            _ => unreachable!(),
        },
    };
    let changed_answer = json!({"value": 0, "mode": "self_completed", "entered_by": "client",
                                "at": "2026-03-01T10:05:00Z"});
    let as_team = forged(json!({
        "sealed_for": null,
        format!("answer/{}", first[0]): changed_answer,
    }));
    let as_sealed = forged(json!({
        "sealed_for": null,
        format!("answer/{}", first[1]): changed_answer,
        "status": "completed",
    }));
    forge(&mut colleague_store, &key, &list, Audience::Team, &as_team);
    forge(
        &mut colleague_store,
        &key,
        &list,
        Audience::Sealed {
            recipient: "ggd".into(),
        },
        &as_sealed,
    );
    let pushed = colleague.sync(&mut colleague_store, &mut |_| {}).unwrap();
    assert_eq!(pushed.pushed, 2);

    // The counsellor's laptop refuses the team revision (counted, in the ledger) and cannot
    // open the sealed one; its screen still shows nothing of the answers.
    let report = victim.sync_now().unwrap();
    assert_eq!(report.refused, 1, "{report:?}");
    assert!(victim
        .sync_ledger()
        .unwrap()
        .iter()
        .any(|l| l.direction == "pulled"
            && l.outcome == "refused"
            && l.record_kind == "administration"));
    assert_nothing_readable(&victim.get_administration(&k10).unwrap());

    // The client answers the rest; the counsellor still sees nothing, and every revision of
    // it went to the server sealed for the GGD only.
    let rest = answer_on_client_view(&victim, &k10, 3, usize::MAX);
    assert_eq!(rest.len(), 7);
    let view = victim.get_administration(&k10).unwrap();
    assert_nothing_readable(&view);
    assert_eq!(view.status, "completed");
    let shown = serde_json::to_string(&view).unwrap();
    assert!(!shown.contains("\"value\":3"), "{shown}");
    victim.sync_now().unwrap();

    // Neither the supervisor nor the colleague can read the administration.
    supervisor.sync_now().unwrap();
    assert!(supervisor.get_administration(&k10).is_err());
    colleague.sync(&mut colleague_store, &mut |_| {}).unwrap();
    assert!(colleague_store.get(k10.parse().unwrap()).unwrap().is_none());

    // The GGD's reader: the client's ten answers, the device that wrote each revision, and the
    // colleague's sealed revision refused with its author.
    let export = team.path().join("export.json");
    team.server
        .admin(&["export-sealed", TENANT, export.to_str().unwrap()]);
    let args = [
        "open",
        "--key",
        team.ggd_secret.to_str().unwrap(),
        "--tenant-root",
        team.root_pub.trim(),
    ];
    let opened = run(
        "aankomst-ggd",
        &[&args[..], &["--json", export.to_str().unwrap()]].concat(),
    );
    let opened: Value = serde_json::from_str(&opened).unwrap();
    let admins = opened["administrations"].as_array().unwrap();
    assert_eq!(admins.len(), 1, "{opened:#}");
    let a = &admins[0];
    assert_eq!(a["administration_id"], k10.as_str());
    assert_eq!(a["created_by"], victim_device.as_str());
    assert_eq!(a["status"], "completed");
    let answers = a["answers"].as_object().unwrap();
    assert_eq!(answers.len(), 10);
    assert!(answers.values().all(|v| v["value"] == 3), "{answers:?}");
    assert_eq!(a["total"], "30");
    let history = a["history"].as_array().unwrap();
    let refused: Vec<&Value> = history.iter().filter(|r| !r["refused"].is_null()).collect();
    assert_eq!(refused.len(), 1, "{history:?}");
    assert_eq!(refused[0]["author_device"], COLLEAGUE);
    assert_eq!(refused[0]["revision_id"], as_sealed.rev_id.to_string());
    assert!(history
        .iter()
        .filter(|r| r["refused"].is_null())
        .all(|r| r["author_device"] == victim_device.as_str()));
    assert_eq!(opened["refused_revisions"][0]["author_device"], COLLEAGUE);
    // The text output says it too.
    let text = run(
        "aankomst-ggd",
        &[&args[..], &[export.to_str().unwrap()]].concat(),
    );
    assert!(
        text.contains(&format!(
            "REFUSED revision {} by device {COLLEAGUE}",
            as_sealed.rev_id
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("started on device {victim_device}")),
        "{text}"
    );
}
