//! Revisions from another device (what sync will deliver): the store's state then follows
//! the merge rule, whatever the order, and same-field concurrent edits are kept as conflicts
//! until someone settles them.

mod common;

use aankomst_core::RecordKind;
use aankomst_store::Store;
use common::*;
use serde_json::json;

fn store(dir: &std::path::Path, name: &str) -> Store {
    let (profiles, _keys) = profiles(dir);
    profiles
        .create(name, PASSPHRASE, false, cheap_kdf())
        .expect("profile")
        .1
}

/// Everything `from` holds of the record that `to` does not, delivered in the given order.
fn deliver(from: &Store, to: &mut Store, record: uuid::Uuid, reverse: bool) -> usize {
    let mut revs = from.revisions(record).unwrap();
    if reverse {
        revs.reverse();
    }
    revs.iter().filter(|r| to.receive(r).unwrap()).count()
}

#[test]
fn two_laptops_converge_and_a_same_field_edit_becomes_a_conflict_until_settled() {
    let dir_a = tempfile::tempdir().unwrap();
    let dir_b = tempfile::tempdir().unwrap();
    let mut a = store(dir_a.path(), "Counsellor A");
    let mut b = store(dir_b.path(), "Counsellor B");

    let case = write(
        &mut a,
        RecordKind::Case,
        json!({"status": "intake", "counsellor": "A"}),
    );
    assert_eq!(deliver(&a, &mut b, case, false), 1);

    // Offline on both laptops: the same field, and a different one.
    a.write(RecordKind::Case, case, fields(json!({"status": "pip"})))
        .unwrap();
    b.write(RecordKind::Case, case, fields(json!({"status": "route"})))
        .unwrap();
    b.write(RecordKind::Case, case, fields(json!({"counsellor": "B"})))
        .unwrap();

    // Exchange, in opposite orders; a second delivery brings nothing new.
    deliver(&a, &mut b, case, true);
    deliver(&b, &mut a, case, false);
    assert_eq!(
        deliver(&b, &mut a, case, false),
        0,
        "duplicates change nothing"
    );
    let on_a = a.get(case).unwrap().unwrap().state;
    let on_b = b.get(case).unwrap().unwrap().state;
    assert_eq!(on_a.fields, on_b.fields);
    assert_eq!(on_a.conflicts, on_b.conflicts);
    assert_eq!(on_a.fields["counsellor"], "B", "different fields merge");
    let versions: Vec<_> = on_a.conflicts["status"]
        .iter()
        .map(|v| v.value.clone())
        .collect();
    assert!(versions.contains(&json!("pip")) && versions.contains(&json!("route")));
    assert_eq!(a.revisions(case).unwrap().len(), 4);

    // Settled on laptop A, which now knows both versions: the conflict is gone everywhere.
    a.write(RecordKind::Case, case, fields(json!({"status": "pip"})))
        .unwrap();
    assert!(a.get(case).unwrap().unwrap().state.conflicts.is_empty());
    deliver(&a, &mut b, case, false);
    let settled = b.get(case).unwrap().unwrap().state;
    assert!(settled.conflicts.is_empty());
    assert_eq!(settled.fields["status"], "pip");
    // The case list index follows the merged state.
    assert_eq!(
        b.get(case).unwrap().unwrap().state.fields,
        a.get(case).unwrap().unwrap().state.fields
    );
}

#[test]
fn a_received_revision_with_an_invalid_field_is_refused_and_nothing_is_stored() {
    let dir_a = tempfile::tempdir().unwrap();
    let dir_b = tempfile::tempdir().unwrap();
    let mut a = store(dir_a.path(), "Counsellor A");
    let mut b = store(dir_b.path(), "Counsellor B");
    let client = write(
        &mut a,
        RecordKind::Client,
        json!({"preferred_name": "Selam"}),
    );
    let mut rev = a.revisions(client).unwrap().remove(0);
    rev.fields.insert("bsn".into(), json!("111222334"));
    assert!(b.receive(&rev).is_err());
    assert!(b.get(client).unwrap().is_none());
    assert_eq!(b.revision_count().unwrap(), 0);
}
