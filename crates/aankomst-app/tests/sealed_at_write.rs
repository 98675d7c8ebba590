//! Sealed at write time (DESIGN §4.14): a sealed questionnaire's answers are sealed for the GGD
//! the moment they are given, so the counsellor's laptop never holds them readable — not in the
//! database, its WAL or journal, nor any other file of its data directory, before or after sync.
//! Without the GGD's key a sealed questionnaire is refused before the first answer; a store
//! written before this change is sealed and forgotten at the next unlock.
//!
//! The data directory's files are encrypted by SQLCipher, so a marker is never found in their
//! raw bytes either way; the search that can fail is over what the key holder reads: every
//! value of every table ([`aankomst_store::Store::readable_content`]), after a checkpoint. The
//! control (the same form, not sealed) shows that it finds the marker.

mod common;
mod team;

use aankomst_app::screening_ipc::*;
use aankomst_app::{ipc::*, AppService, LockReason};
use aankomst_core::RecordKind;
use aankomst_seal::Envelope;
use aankomst_store::{MemoryKeychain, OpenOptions, Profiles, Store};
use common::*;
use serde_json::json;
use std::sync::Arc;
use team::*;

/// Typed into the free-text item of a record-only form.
const TEXT_MARKER: &str = "ZZMARK-VERZEGELD-antwoord-nachtmerries";
/// The encoded form of any K10 answer as a revision carries it.
const K10_ANSWER_MARKER: &str = "\"answer/k10.";
const FORM: &str = "leerbaarheidstoets";
const FORM_TEXT_ITEM: &str = "lbt.opmerkingen_afname";

fn conversation(svc: &AppService) -> String {
    let client = new_client(svc, json!({"preferred_name": "Selam"}));
    let client = svc
        .open_case(OpenCaseRequest {
            client_id: client.id.clone(),
        })
        .unwrap();
    svc.create_conversation(CreateConversationRequest {
        case_id: client.cases[0].id.clone(),
    })
    .unwrap()
    .id
}

fn start(svc: &AppService, conversation: &str, id: &str, mode: &str) -> AdministrationView {
    svc.start_administration(StartAdministrationRequest {
        conversation_id: conversation.into(),
        definition_id: id.into(),
        mode: mode.into(),
        language: "nl".into(),
    })
    .unwrap()
}

/// The client fills in the K10 on the client-facing view (every item 3) and finishes.
fn k10_by_the_client(svc: &AppService, conversation: &str) -> String {
    let k10 = start(svc, conversation, "k10-nl", "self_completed");
    let mut step = svc.enter_client_view(&k10.id).unwrap();
    let mut n = 0;
    while let Some(q) = step.question.clone() {
        step = svc
            .client_answer(ClientAnswerRequest {
                link_id: q.link_id,
                value: Some(3),
                state: None,
            })
            .unwrap();
        n += 1;
    }
    assert_eq!(n, 10);
    // Going back shows the client's own answer: it is in this session's memory.
    let back = svc.client_back().unwrap();
    let question = back.question.unwrap();
    assert_eq!(question.chosen_value, Some(3));
    let review = svc
        .client_answer(ClientAnswerRequest {
            link_id: question.link_id,
            value: Some(3),
            state: None,
        })
        .unwrap();
    assert_eq!(review.stage, ClientStage::Review);
    svc.client_finish().unwrap();
    svc.leave_client_view(PASS).unwrap();
    let view = svc.get_administration(&k10.id).unwrap();
    assert_eq!(view.status, "completed");
    assert!(view.sealed && view.hidden && view.items.is_empty());
    assert_eq!(
        view.answered, 10,
        "the counsellor sees progress, not answers"
    );
    k10.id
}

/// The record-only form read aloud, its free-text item holding the marker, completed.
fn form_with_text(svc: &AppService, conversation: &str) -> String {
    let form = start(svc, conversation, FORM, "read_aloud");
    let view = svc
        .answer_item(AnswerRequest {
            administration_id: form.id.clone(),
            link_id: FORM_TEXT_ITEM.into(),
            text: Some(TEXT_MARKER.into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(view.answered, 1);
    svc.set_administration_status(&form.id, "completed")
        .unwrap();
    form.id
}

/// Every byte of the data directory (database, WAL, journal, anything else) and everything the
/// key holder reads through SQL, for the profile in `dir`.
fn readable(dir: &std::path::Path, keys: &Arc<MemoryKeychain>) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = walk(dir)
        .into_iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    let profiles = Profiles::new(dir, keys.clone());
    let meta = profiles.list().unwrap().remove(0);
    let (_, store) = profiles
        .unlock(&meta.id, PASS, now_ms(), &OpenOptions::default())
        .unwrap();
    out.push(store.readable_content().unwrap());
    out
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

fn holds(haystacks: &[Vec<u8>], needle: &str) -> bool {
    haystacks
        .iter()
        .any(|h| h.windows(needle.len()).any(|w| w == needle.as_bytes()))
}

fn unlock(svc: &AppService) {
    let profile = svc.app_status().unwrap().profiles.remove(0);
    svc.unlock(UnlockRequest {
        profile_id: profile.id,
        passphrase: PASS.into(),
    })
    .unwrap();
}

#[test]
fn a_sealed_instrument_is_refused_without_the_ggds_key_before_the_first_answer() {
    let dir = tempfile::tempdir().unwrap();
    let (svc, _) = service(dir.path(), Arc::new(MemoryKeychain::new()));
    svc.create_profile(CreateProfileRequest {
        name: "Fatima de Vries".into(),
        passphrase: PASS.into(),
        demo: false,
    })
    .unwrap();
    assert!(!svc.sync_status().unwrap().ggd_key_pinned);
    let conv = conversation(&svc);
    let refused = svc
        .start_administration(StartAdministrationRequest {
            conversation_id: conv.clone(),
            definition_id: "k10-nl".into(),
            mode: "self_completed".into(),
            language: "nl".into(),
        })
        .unwrap_err();
    assert_eq!(refused.key, "sealed_instrument_without_key");
    assert!(
        svc.list_administrations(&conv).unwrap().is_empty(),
        "nothing was started"
    );
    // Both languages say it in plain words.
    for lang in ["nl", "en"] {
        let ftl = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../locales")
                .join(lang)
                .join("aankomst.ftl"),
        )
        .unwrap();
        for key in ["sealed_instrument_without_key", "sealing_failed"] {
            assert!(ftl.contains(&format!("error-{key} = ")), "{lang}: {key}");
        }
    }
    // A questionnaire that is not sealed is given as before.
    start(&svc, &conv, "who5", "read_aloud");

    // A list not signed by the root given is refused; the municipality's own is pinned.
    let keys = municipal_keys("gemeente-test");
    let other = municipal_keys("gemeente-test");
    assert_eq!(
        svc.pin_recipient_list(&other.root_public_key, &keys.recipient_list)
            .unwrap_err()
            .key,
        "sync_recipients_refused"
    );
    assert!(!svc.sync_status().unwrap().ggd_key_pinned);
    assert!(
        svc.pin_recipient_list(&keys.root_public_key, &keys.recipient_list)
            .unwrap()
            .ggd_key_pinned
    );
    start(&svc, &conv, "k10-nl", "self_completed");
}

#[test]
fn a_demo_profile_gives_the_k10_sealed_for_a_ggd_key_nobody_holds() {
    let dir = tempfile::tempdir().unwrap();
    let (svc, _) = service(dir.path(), Arc::new(MemoryKeychain::new()));
    svc.create_profile(CreateProfileRequest {
        name: "Demo".into(),
        passphrase: PASS.into(),
        demo: true,
    })
    .unwrap();
    assert!(svc.sync_status().unwrap().ggd_key_pinned);
    let conv = conversation(&svc);
    assert!(start(&svc, &conv, "k10-nl", "self_completed").sealed);
}

/// The control: the same form, not sealed, leaves its marker readable — so the search below
/// can fail.
#[test]
fn the_marker_search_finds_an_answer_that_is_not_sealed() {
    let dir = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeychain::new());
    let (svc, _) = service(dir.path(), keys.clone());
    svc.create_profile(CreateProfileRequest {
        name: "Fatima de Vries".into(),
        passphrase: PASS.into(),
        demo: false,
    })
    .unwrap();
    let conv = conversation(&svc);
    form_with_text(&svc, &conv);
    let phq9 = start(&svc, &conv, "who5", "read_aloud");
    assert!(!phq9.sealed);
    svc.lock(LockReason::Manual);
    let bytes = readable(dir.path(), &keys);
    assert!(holds(&bytes, TEXT_MARKER), "an unsealed answer is readable");
    // The raw files alone never show it (SQLCipher): that search could not fail.
    assert!(!holds(&bytes[..bytes.len() - 1], TEXT_MARKER));
}

#[test]
fn a_sealed_questionnaire_completed_offline_leaves_no_readable_answer_before_or_after_sync() {
    let team = Team::start();
    let supervisor = team.first_supervisor("supervisor", "Sanne Bakker");
    let data = team.path().join("counsellor");
    let keys = Arc::new(MemoryKeychain::new());
    let (svc, _) = service(&data, keys.clone());
    svc.create_profile(CreateProfileRequest {
        name: "Fatima de Vries".into(),
        passphrase: PASS.into(),
        demo: false,
    })
    .unwrap();
    let status = team.enrol(&svc, "counsellor");
    grant(&supervisor, &status);
    svc.sync_now().unwrap();
    // The form with a free-text item is sealed for the GGD too (the profile's setting adds it).
    let mut settings = svc.get_screening_settings().unwrap();
    settings.sealed_instruments.push(FORM.into());
    svc.save_screening_settings(settings).unwrap();

    // Offline: the server is not asked for anything until the sync below.
    let conv = conversation(&svc);
    let k10 = k10_by_the_client(&svc, &conv);
    let form = form_with_text(&svc, &conv);
    assert!(svc.get_administration(&form).unwrap().sealed);
    let unsynced = svc.sync_status().unwrap().unsynced;
    assert!(unsynced > 0);
    svc.lock(LockReason::Manual);

    let before = readable(&data, &keys);
    assert!(
        !holds(&before, TEXT_MARKER),
        "the free text is readable before sync"
    );
    assert!(
        !holds(&before, K10_ANSWER_MARKER),
        "a K10 answer is readable before sync"
    );
    // What is kept: that the items were answered.
    assert!(holds(&before, "\"answered/k10."));

    unlock(&svc);
    svc.sync_now().unwrap();
    assert_eq!(svc.sync_status().unwrap().unsynced, 0);
    svc.lock(LockReason::Manual);
    let after = readable(&data, &keys);
    assert!(
        !holds(&after, TEXT_MARKER),
        "the free text is readable after sync"
    );
    assert!(
        !holds(&after, K10_ANSWER_MARKER),
        "a K10 answer is readable after sync"
    );

    // The GGD opens both, each revision's author shown.
    let export = team.path().join("export.json");
    team.server
        .admin(&["export-sealed", TENANT, export.to_str().unwrap()]);
    let opened = run(
        "aankomst-ggd",
        &[
            "open",
            "--key",
            team.ggd_secret.to_str().unwrap(),
            "--tenant-root",
            team.root_pub.trim(),
            "--json",
            export.to_str().unwrap(),
        ],
    );
    assert!(opened.contains(TEXT_MARKER), "the GGD reads the free text");
    let opened: serde_json::Value = serde_json::from_str(&opened).unwrap();
    let admins = opened["administrations"].as_array().unwrap();
    let k10_opened = admins
        .iter()
        .find(|a| a["administration_id"] == k10.as_str())
        .expect("the K10 reaches the GGD");
    assert_eq!(k10_opened["total"], "30");
    assert_eq!(k10_opened["answers"].as_object().unwrap().len(), 10);
    let device = status.device_id.unwrap();
    assert!(
        k10_opened.to_string().contains(&device),
        "the author is shown: {k10_opened}"
    );
    assert!(admins
        .iter()
        .any(|a| a["administration_id"] == form.as_str()));
}

/// A store written before this change (answers in its revisions, no envelope): at the next
/// unlock they are sealed for the GGD and the readable copies forgotten.
#[test]
fn answers_written_readable_before_this_change_are_sealed_and_forgotten_at_unlock() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::new());
    let (svc, _) = service(dir.path(), keychain.clone());
    svc.create_profile(CreateProfileRequest {
        name: "Fatima de Vries".into(),
        passphrase: PASS.into(),
        demo: false,
    })
    .unwrap();
    let municipal = pin_municipal_keys(&svc);
    let conv = conversation(&svc);
    let k10 = start(&svc, &conv, "k10-nl", "read_aloud");
    svc.lock(LockReason::Manual);
    let open_store = || -> Store {
        let profiles = Profiles::new(dir.path(), keychain.clone());
        let meta = profiles.list().unwrap().remove(0);
        profiles
            .unlock(&meta.id, PASS, now_ms(), &OpenOptions::default())
            .unwrap()
            .1
    };
    // The old way: answers written as plain revisions, as the app did before, not sealed.
    let id: uuid::Uuid = k10.id.parse().unwrap();
    let mut store = open_store();
    for code in ["k10.tired", "k10.nervous"] {
        store
            .write(
                RecordKind::Administration,
                id,
                serde_json::from_value(json!({
                    format!("answer/{code}"): {"value": 4, "mode": "read_aloud", "entered_by": "counsellor", "at": "2026-03-01T10:05:00Z"}
                }))
                .unwrap(),
            )
            .unwrap();
    }
    assert!(holds(
        &[store.readable_content().unwrap()],
        K10_ANSWER_MARKER
    ));
    drop(store);

    unlock(&svc);
    let view = svc.get_administration(&k10.id).unwrap();
    assert_eq!(view.answered, 2, "that they were answered is kept");
    assert!(view.items.iter().all(|i| i.answer.is_none()));
    svc.lock(LockReason::Manual);
    let store = open_store();
    assert!(
        !holds(&[store.readable_content().unwrap()], K10_ANSWER_MARKER),
        "forgotten at unlock"
    );
    // Sealed for the GGD, not the team, signed by this device: the envelopes wait for push.
    let secret = store.sync_state("local_device_key").unwrap().unwrap();
    let secret: [u8; 32] =
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, secret)
            .unwrap()
            .try_into()
            .unwrap();
    let author = aankomst_seal::DeviceKey::from_secret_bytes(&store.identity().device, &secret)
        .unwrap()
        .public();
    let pending = store.unreceipted_envelopes(100).unwrap();
    assert_eq!(pending.len(), 3, "the start and both answers");
    let mut answers = 0;
    for p in &pending {
        let envelope = Envelope::from_json(&p.envelope).unwrap();
        assert_eq!(
            envelope.audience(),
            &aankomst_seal::Audience::Sealed {
                recipient: "ggd".into()
            }
        );
        let plain = envelope.open(&municipal.ggd, &author).unwrap();
        let text = String::from_utf8(plain.as_bytes().to_vec()).unwrap();
        answers += usize::from(text.contains(K10_ANSWER_MARKER));
    }
    assert_eq!(answers, 2, "the GGD reads both answers");
    drop(store);
    // A second unlock finds nothing more to do: no second envelope for the same revision.
    unlock(&svc);
    svc.lock(LockReason::Manual);
    assert_eq!(open_store().unreceipted_envelopes(100).unwrap().len(), 3);
}

/// A K10 given before enrolment (the municipality's list pinned first) is sealed with the device
/// key made then, which enrolment enrols: the server takes its envelopes. Enrolling with another
/// municipality than the one whose list was pinned is refused.
#[test]
fn a_k10_sealed_before_enrolment_is_pushed_after_it_and_only_to_the_same_municipality() {
    let team = Team::start();
    let supervisor = team.first_supervisor("supervisor", "Sanne Bakker");

    let elsewhere = team.profile("elsewhere", "Joris");
    pin_municipal_keys(&elsewhere);
    let code = team
        .server
        .admin(&["enrol-code", TENANT, "--role", "counsellor"]);
    assert_eq!(
        team.enrol_with_code(&elsewhere, code.trim())
            .unwrap_err()
            .key,
        "sync_recipients_refused"
    );

    let svc = team.profile("counsellor", "Fatima de Vries");
    let list = std::fs::read_to_string(team.keys.join("recipients.json")).unwrap();
    assert!(
        svc.pin_recipient_list(team.root_pub.trim(), &list)
            .unwrap()
            .ggd_key_pinned
    );
    let conv = conversation(&svc);
    let k10 = start(&svc, &conv, "k10-nl", "read_aloud");
    let first = k10.items.iter().find(|i| i.kind == "choice").unwrap();
    let view = svc
        .answer_item(AnswerRequest {
            administration_id: k10.id.clone(),
            link_id: first.link_id.clone(),
            value: Some(2),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(view.answered, 1);
    // After a lock the answer is gone from memory; that it was given is not: the client view
    // resumes at the second question.
    svc.lock(LockReason::Manual);
    unlock(&svc);
    let view = svc.get_administration(&k10.id).unwrap();
    assert_eq!(view.answered, 1);
    assert!(view.items.iter().all(|i| i.answer.is_none()));
    let step = svc.enter_client_view(&k10.id).unwrap();
    assert_eq!(step.position, 2);
    svc.leave_client_view(PASS).unwrap();
    let status = team.enrol(&svc, "counsellor");
    grant(&supervisor, &status);
    svc.sync_now().unwrap();
    assert_eq!(
        svc.sync_status().unwrap().unsynced,
        0,
        "every envelope receipted"
    );
}
