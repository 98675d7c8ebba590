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
