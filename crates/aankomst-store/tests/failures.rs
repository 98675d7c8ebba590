//! Each failure a counsellor can meet gets its own error, and none of them loses or
//! replaces what was saved: wrong passphrase (slowed down, across restarts), keychain
//! locked or missing, key missing, database missing or damaged, disk full.

mod common;

use aankomst_core::RecordKind;
use aankomst_store::{OpenOptions, SecretError, Store, StoreError};
use common::*;
use serde_json::json;

#[test]
fn wrong_passphrases_are_counted_and_slowed_down_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let (p, keys) = profiles(dir.path());
    let (meta, _) = p.create("Anna", PASSPHRASE, false, cheap_kdf()).unwrap();
    let now = 1_800_000_000_000u64;
    for attempt in 1..=3u32 {
        match p.unlock(
            &meta.id,
            "wrong words here please",
            now,
            &OpenOptions::default(),
        ) {
            Err(StoreError::WrongPassphrase {
                failed_attempts,
                retry_after_secs,
            }) => {
                assert_eq!(failed_attempts, attempt);
                assert_eq!(retry_after_secs, if attempt < 3 { 0 } else { 5 });
            }
            other => panic!("expected wrong passphrase, got {other:?}"),
        }
    }
    // A fresh `Profiles` (the app restarted) still enforces the wait, even for the
    // right passphrase, without trying it.
    let p2 = aankomst_store::Profiles::new(dir.path(), keys);
    assert!(matches!(
        p2.unlock(&meta.id, PASSPHRASE, now + 1_000, &OpenOptions::default()),
        Err(StoreError::TooManyAttempts {
            retry_after_secs: 4
        })
    ));
    // After the wait the right passphrase works and the counter resets.
    assert!(p2
        .unlock(&meta.id, PASSPHRASE, now + 6_000, &OpenOptions::default())
        .is_ok());
    assert_eq!(p2.get(&meta.id).unwrap().failed_attempts, 0);
}

#[test]
fn keychain_locked_unavailable_or_missing_key_each_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let (p, keys) = profiles(dir.path());
    let (meta, _) = p.create("Anna", PASSPHRASE, false, cheap_kdf()).unwrap();
    keys.set_failure(Some(SecretError::Locked));
    assert!(matches!(
        p.unlock(&meta.id, PASSPHRASE, 0, &OpenOptions::default()),
        Err(StoreError::KeychainLocked)
    ));
    keys.set_failure(Some(SecretError::Unavailable));
    assert!(matches!(
        p.unlock(&meta.id, PASSPHRASE, 0, &OpenOptions::default()),
        Err(StoreError::KeychainUnavailable)
    ));
    // Creating a profile while the keychain is unavailable leaves nothing behind.
    assert!(matches!(
        p.create("Bram", PASSPHRASE, false, cheap_kdf()),
        Err(StoreError::KeychainUnavailable)
    ));
    assert_eq!(p.list().unwrap().len(), 1);
    keys.set_failure(None);
    use aankomst_store::SecretStore;
    keys.delete(&format!("profile-{}", meta.id)).unwrap();
    assert!(matches!(
        p.unlock(&meta.id, PASSPHRASE, 0, &OpenOptions::default()),
        Err(StoreError::KeyMissing)
    ));
    // The database file is untouched by all of this.
    assert!(p.db_path(&meta.id).is_file());
}

#[test]
fn a_missing_database_is_reported_and_never_recreated() {
    let dir = tempfile::tempdir().unwrap();
    let (p, _) = profiles(dir.path());
    let (meta, store) = p.create("Anna", PASSPHRASE, false, cheap_kdf()).unwrap();
    drop(store);
    let db = p.db_path(&meta.id);
    std::fs::rename(&db, dir.path().join("moved-away.db")).unwrap();
    assert!(matches!(
        p.unlock(&meta.id, PASSPHRASE, 0, &OpenOptions::default()),
        Err(StoreError::DatabaseMissing)
    ));
    assert!(
        !db.exists(),
        "an empty database was created in place of the missing one"
    );
}

#[test]
fn a_damaged_database_is_reported_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let (p, _) = profiles(dir.path());
    let (meta, mut store) = p.create("Anna", PASSPHRASE, false, cheap_kdf()).unwrap();
    write(
        &mut store,
        RecordKind::Client,
        json!({"preferred_name": "Selam"}),
    );
    drop(store);
    let db = p.db_path(&meta.id);
    let mut bytes = std::fs::read(&db).unwrap();
    for b in bytes.iter_mut().take(4096) {
        *b ^= 0x5a;
    }
    std::fs::write(&db, &bytes).unwrap();
    assert!(matches!(
        p.unlock(&meta.id, PASSPHRASE, 0, &OpenOptions::default()),
        Err(StoreError::DatabaseCorrupt)
    ));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "the damaged file must be kept for recovery"
    );
}

#[test]
fn store_create_refuses_to_replace_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    std::fs::write(&path, b"precious").unwrap();
    let identity = aankomst_store::Identity {
        user: "u".into(),
        device: "d".into(),
    };
    assert!(Store::create(&path, &aankomst_store::DbKey::random(), identity).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), b"precious");
}

#[test]
fn a_full_disk_refuses_the_write_and_keeps_what_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (p, _) = profiles(dir.path());
    let (meta, mut store) = p.create("Anna", PASSPHRASE, false, cheap_kdf()).unwrap();
    let kept = write(
        &mut store,
        RecordKind::Client,
        json!({"preferred_name": "Selam"}),
    );
    drop(store);
    // Reopen with the database capped at its current size plus a little: a large write
    // then runs out of room exactly as on a full disk (SQLITE_FULL).
    let pages = {
        let (_, s) = p
            .unlock(&meta.id, PASSPHRASE, 0, &OpenOptions::default())
            .unwrap();
        s.checkpoint().unwrap();
        (std::fs::metadata(p.db_path(&meta.id)).unwrap().len() / 4096) as u32 + 2
    };
    let (_, mut store) = p
        .unlock(
            &meta.id,
            PASSPHRASE,
            0,
            &OpenOptions {
                max_page_count: Some(pages),
            },
        )
        .unwrap();
    let big = "x".repeat(40_000);
    let err = store
        .write(
            RecordKind::Conversation,
            uuid::Uuid::now_v7(),
            fields(json!({"notes": big})),
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::DiskFull), "{err:?}");
    // The earlier record is intact, and the store still takes small writes.
    assert!(store.get(kept).unwrap().is_some());
    drop(store);
    let (_, store) = p
        .unlock(&meta.id, PASSPHRASE, 0, &OpenOptions::default())
        .unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert!(store.get(kept).unwrap().is_some());
}

#[test]
fn invalid_fields_refuse_the_whole_revision() {
    let dir = tempfile::tempdir().unwrap();
    let (p, _) = profiles(dir.path());
    let (_, mut store) = p.create("Anna", PASSPHRASE, false, cheap_kdf()).unwrap();
    let id = write(
        &mut store,
        RecordKind::Client,
        json!({"preferred_name": "Selam", "bsn": "111222333"}),
    );
    let before = store.revision_count().unwrap();
    let err = store
        .write(
            RecordKind::Client,
            id,
            fields(json!({"preferred_name": "S.", "bsn": "123456789"})),
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::Field { ref field, .. } if field == "bsn"));
    assert_eq!(store.revision_count().unwrap(), before);
    let state = store.get(id).unwrap().unwrap().state;
    assert_eq!(state.fields["preferred_name"], "Selam");
    assert_eq!(state.fields["bsn"], "111222333");
    // The error text names the field, never the refused value.
    assert!(!err.to_string().contains("123456789"));
}

/// The slow-down counter lives in the keychain: editing `profile.json` back to zero failures,
/// restoring a copy saved before the failures, or deleting it and putting that copy back does
/// not give the free attempts back.
#[test]
fn editing_deleting_or_restoring_profile_json_does_not_reset_the_slowdown() {
    let dir = tempfile::tempdir().unwrap();
    let (p, keys) = profiles(dir.path());
    let (meta, store) = p.create("Anna", PASSPHRASE, false, cheap_kdf()).unwrap();
    drop(store);
    let file = p.dir(&meta.id).join("profile.json");
    let clean_copy = std::fs::read(&file).unwrap();
    let now = 1_800_000_000_000u64;
    for _ in 0..4 {
        let _ = p.unlock(
            &meta.id,
            "wrong words here please",
            now,
            &OpenOptions::default(),
        );
    }
    let waiting = |p: &aankomst_store::Profiles| match p.unlock(
        &meta.id,
        PASSPHRASE,
        now + 1_000,
        &OpenOptions::default(),
    ) {
        Err(StoreError::TooManyAttempts { retry_after_secs }) => retry_after_secs,
        other => panic!("expected the slow-down, got {other:?}"),
    };
    // Three failures (the fourth try already met the wait): 5 s from the last one.
    assert_eq!(waiting(&p), 4);

    // 1. Edited: the counter fields set back to none.
    let mut edited: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(
        edited["failed_attempts"], 3,
        "the copy on file follows the count"
    );
    edited["failed_attempts"] = 0.into();
    edited["last_failed_at_ms"] = serde_json::Value::Null;
    std::fs::write(&file, serde_json::to_vec(&edited).unwrap()).unwrap();
    assert_eq!(waiting(&p), 4);

    // 2. Restored: the copy from before any failure.
    std::fs::write(&file, &clean_copy).unwrap();
    assert_eq!(waiting(&p), 4);

    // 3. Deleted and restored, under a fresh `Profiles` (the app restarted).
    std::fs::remove_file(&file).unwrap();
    assert!(matches!(
        p.unlock(&meta.id, PASSPHRASE, now + 1_000, &OpenOptions::default()),
        Err(StoreError::ProfileNotFound)
    ));
    std::fs::write(&file, &clean_copy).unwrap();
    let p2 = aankomst_store::Profiles::new(dir.path(), keys.clone());
    assert_eq!(waiting(&p2), 4);

    // A fourth failure after the wait doubles it, counted on from the keychain's three.
    assert!(matches!(
        p2.unlock(
            &meta.id,
            "wrong words here please",
            now + 20_000,
            &OpenOptions::default()
        ),
        Err(StoreError::WrongPassphrase {
            failed_attempts: 4,
            retry_after_secs: 10
        })
    ));
    // After the wait the right passphrase opens it and clears the count everywhere.
    p2.unlock(&meta.id, PASSPHRASE, now + 41_000, &OpenOptions::default())
        .unwrap();
    assert_eq!(p2.get(&meta.id).unwrap().failed_attempts, 0);
    for _ in 0..3 {
        let _ = p2.unlock(
            &meta.id,
            "wrong words here please",
            now + 50_000,
            &OpenOptions::default(),
        );
    }
    assert!(matches!(
        p2.unlock(&meta.id, PASSPHRASE, now + 50_000, &OpenOptions::default()),
        Err(StoreError::TooManyAttempts {
            retry_after_secs: 5
        })
    ));
}

/// Attempts at the same moment are taken one at a time: of eight wrong passphrases tried at
/// once, exactly the three free ones are tried and counted; the other five meet the
/// slow-down the third one started. Without the lock several would read the same count and
/// be tried (and the count would lose updates).
#[test]
fn parallel_attempts_are_serialised() {
    let dir = tempfile::tempdir().unwrap();
    let (p, _keys) = profiles(dir.path());
    let (meta, store) = p.create("Anna", PASSPHRASE, false, cheap_kdf()).unwrap();
    drop(store);
    let p = std::sync::Arc::new(p);
    let now = 1_800_000_000_000u64;
    let start = std::sync::Arc::new(std::sync::Barrier::new(8));
    let results: Vec<Result<(), StoreError>> = (0..8)
        .map(|_| {
            let (p, start, id) = (p.clone(), start.clone(), meta.id.clone());
            std::thread::spawn(move || {
                start.wait();
                p.verify_passphrase(&id, "wrong words here please", now)
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|h| h.join().unwrap())
        .collect();
    let mut tried: Vec<u32> = results
        .iter()
        .filter_map(|r| match r {
            Err(StoreError::WrongPassphrase {
                failed_attempts, ..
            }) => Some(*failed_attempts),
            _ => None,
        })
        .collect();
    tried.sort_unstable();
    let slowed = results
        .iter()
        .filter(|r| matches!(r, Err(StoreError::TooManyAttempts { .. })))
        .count();
    assert_eq!(tried, [1, 2, 3], "each tried attempt saw the one before");
    assert_eq!(slowed, 5);
    assert_eq!(p.get(&meta.id).unwrap().failed_attempts, 3);
}
