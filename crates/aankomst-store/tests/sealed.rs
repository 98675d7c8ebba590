//! A sealed administration's answers leave this device once every revision of it sits in a
//! receipted envelope — not before, and never for an administration still being filled in.

mod common;

use aankomst_core::RecordKind;
use aankomst_store::{DbKey, Identity, SealedRevision, Store, SyncReceiptRow};
use common::*;
use serde_json::json;
use uuid::Uuid;

fn store(dir: &std::path::Path) -> Store {
    let identity = Identity {
        user: "u1".into(),
        device: "d1".into(),
    };
    Store::create(&dir.join("db"), &DbKey::random(), identity).unwrap()
}

/// Pretends sync sealed (and, with `receipt`, the server receipted) every revision of `id`.
fn seal(store: &mut Store, id: Uuid, receipt: bool) {
    let revs = store.revisions(id).unwrap();
    let sealed: Vec<SealedRevision> = revs
        .iter()
        .map(|r| SealedRevision {
            rev_id: r.rev_id,
            envelope_id: format!("env-{}", r.rev_id),
            record_kind: RecordKind::Administration,
            audience: "sealed:ggd".into(),
            envelope: b"ciphertext".to_vec(),
        })
        .collect();
    store.save_sealed(&sealed, 1).unwrap();
    if receipt {
        let receipts: Vec<SyncReceiptRow> = revs
            .iter()
            .enumerate()
            .map(|(i, r)| SyncReceiptRow {
                envelope_id: format!("env-{}", r.rev_id),
                receipt: b"receipt".to_vec(),
                server_sequence: i as u64 + 1,
            })
            .collect();
        store.save_receipts(&receipts, 2).unwrap();
    }
}

fn k10(store: &mut Store, status: &str) -> Uuid {
    let id = write(
        store,
        RecordKind::Administration,
        json!({
            "client_id": Uuid::now_v7().to_string(),
            "conversation_id": Uuid::now_v7().to_string(),
            "case_id": Uuid::now_v7().to_string(),
            "definition_id": "k10-nl",
            "status": "in_progress",
            "sealed_for": "ggd",
            "started_at": "2026-03-01T10:00:00Z",
        }),
    );
    for code in ["k10-01", "k10-02"] {
        store
            .write(
                RecordKind::Administration,
                id,
                fields(json!({ format!("answer/{code}"): {"value": 4, "mode": "self_completed", "entered_by": "client", "at": "2026-03-01T10:05:00Z"} })),
            )
            .unwrap();
    }
    store
        .write(
            RecordKind::Administration,
            id,
            fields(json!({"status": status})),
        )
        .unwrap();
    id
}

fn answers_left(store: &Store, id: Uuid) -> usize {
    let in_state = store
        .get(id)
        .unwrap()
        .unwrap()
        .state
        .fields
        .keys()
        .filter(|k| k.starts_with("answer/"))
        .count();
    let in_revisions: usize = store
        .revisions(id)
        .unwrap()
        .iter()
        .map(|r| r.fields.keys().filter(|k| k.starts_with("answer/")).count())
        .sum();
    in_state + in_revisions
}

#[test]
fn answers_are_forgotten_only_when_completed_and_every_revision_is_receipted() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let done = k10(&mut store, "completed");
    let still_open = k10(&mut store, "in_progress");
    let not_receipted = k10(&mut store, "completed");
    seal(&mut store, done, true);
    seal(&mut store, still_open, true);
    seal(&mut store, not_receipted, false);

    assert_eq!(store.forget_receipted_sealed().unwrap(), 1);
    assert_eq!(answers_left(&store, done), 0);
    assert_eq!(answers_left(&store, still_open), 4);
    assert_eq!(answers_left(&store, not_receipted), 4);
    // What is not an answer stays: the status, the seal, the definition.
    let kept = store.get(done).unwrap().unwrap().state.fields;
    assert_eq!(kept["status"], "completed");
    assert_eq!(kept["sealed_for"], "ggd");
    assert_eq!(kept["definition_id"], "k10-nl");
    // Nothing left to forget: a second call changes nothing.
    assert_eq!(store.forget_receipted_sealed().unwrap(), 0);
}

/// Sealed at write time: the envelope and the revision without its answers are stored in one
/// transaction; the readable answer is never written. A sealer that fails writes nothing.
#[test]
fn a_sealed_write_keeps_the_envelope_and_only_that_the_item_was_answered() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let id = Uuid::now_v7();
    let start = fields(json!({
        "client_id": Uuid::now_v7().to_string(),
        "conversation_id": Uuid::now_v7().to_string(),
        "case_id": Uuid::now_v7().to_string(),
        "definition_id": "k10-nl",
        "status": "in_progress",
        "sealed_for": "ggd",
        "started_at": "2026-03-01T10:00:00Z",
    }));
    let mut sealed_bodies = Vec::new();
    let mut seal = |rev: &aankomst_core::Revision| {
        sealed_bodies.push(serde_json::to_string(&rev.fields).unwrap());
        Ok(SealedRevision {
            rev_id: rev.rev_id,
            envelope_id: format!("env-{}", rev.rev_id),
            record_kind: RecordKind::Administration,
            audience: "sealed:ggd".into(),
            envelope: b"ciphertext".to_vec(),
        })
    };
    store
        .write_sealed(RecordKind::Administration, id, start, &mut seal)
        .unwrap();
    let answer = fields(
        json!({"answer/k10.tired": {"value": 4, "mode": "self_completed", "entered_by": "client", "at": "2026-03-01T10:05:00Z"}}),
    );
    let kept = store
        .write_sealed(RecordKind::Administration, id, answer.clone(), &mut seal)
        .unwrap();
    assert_eq!(kept.fields.get("answered/k10.tired"), Some(&json!(true)));
    assert!(
        sealed_bodies[1].contains("answer/k10.tired"),
        "the envelope had it"
    );
    assert_eq!(answers_left(&store, id), 0);
    assert_eq!(store.unreceipted_envelopes(10).unwrap().len(), 2);
    assert_eq!(store.own_unsealed_sealed_revisions().unwrap().len(), 0);
    let content = store.readable_content().unwrap();
    assert!(!content.windows(7).any(|w| w == b"answer/"));

    // A sealer that fails: nothing of the revision is stored.
    let before = store.revisions(id).unwrap().len();
    let mut failing = |_: &aankomst_core::Revision| Err(aankomst_store::StoreError::SealingFailed);
    assert!(matches!(
        store.write_sealed(RecordKind::Administration, id, answer, &mut failing),
        Err(aankomst_store::StoreError::SealingFailed)
    ));
    assert_eq!(store.revisions(id).unwrap().len(), before);
    assert_eq!(store.unreceipted_envelopes(10).unwrap().len(), 2);
}
