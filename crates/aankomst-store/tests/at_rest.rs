//! Encryption at rest (DESIGN §4.1): marker strings planted in client fields must not
//! appear in the raw bytes of any file the store writes, whether the database is open
//! (WAL and SHM present) or closed; and the file cannot be opened without the key.

mod common;

use aankomst_core::RecordKind;
use aankomst_store::{DbKey, Identity, OpenOptions, Store, StoreError};
use common::*;
use serde_json::json;

const MARKERS: [&str; 5] = [
    "ZZMARKER-NAME-71",
    "ZZMARKER-NOTE-72",
    "ZZMARKER-ADDR-73",
    "ZZMARKER-TOLK-74",
    "ZZMARKERمحمد75",
];

fn plant(store: &mut Store) {
    let client = write(
        store,
        RecordKind::Client,
        json!({
            "document_given_names": MARKERS[0],
            "document_family_name": MARKERS[4],
            "address": MARKERS[2],
            "bsn": "111222333",
            "v_number": "2612345678",
        }),
    );
    let case = write(
        store,
        RecordKind::Case,
        json!({"client_id": client.to_string(), "status": "intake"}),
    );
    let conversation = write(
        store,
        RecordKind::Conversation,
        json!({"case_id": case.to_string(), "interpreter_name": MARKERS[3], "notes": MARKERS[1]}),
    );
    // Many small saves, as when typing, so the WAL holds many versions of the page.
    for i in 0..200 {
        store
            .write(
                RecordKind::Conversation,
                conversation,
                fields(json!({"notes": format!("{} typed {i}", MARKERS[1])})),
            )
            .unwrap();
    }
}

fn assert_no_marker_in(dir: &std::path::Path) -> usize {
    let files = all_files(dir);
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        for m in MARKERS.iter().chain(["111222333", "2612345678"].iter()) {
            assert!(
                !contains_marker(&bytes, m),
                "{m} found in plaintext in {}",
                f.display()
            );
        }
    }
    files.len()
}

#[test]
fn no_plaintext_in_any_file_while_open_or_after_close() {
    let dir = tempfile::tempdir().unwrap();
    let (profiles, _) = profiles(dir.path());
    let (meta, mut store) = profiles
        .create("Counsellor", PASSPHRASE, false, cheap_kdf())
        .unwrap();
    plant(&mut store);
    let db = profiles.db_path(&meta.id);
    let wal = db.with_extension("db-wal");
    assert!(
        wal.exists() && std::fs::metadata(&wal).unwrap().len() > 0,
        "the WAL should hold pages while open"
    );
    let open_files = assert_no_marker_in(dir.path());
    assert!(
        open_files >= 4,
        "db, wal, shm and profile.json expected, saw {open_files}"
    );
    drop(store);
    assert_no_marker_in(dir.path());
    // And the data is really there when opened with the passphrase.
    let (_, store) = profiles
        .unlock(&meta.id, PASSPHRASE, 0, &OpenOptions::default())
        .unwrap();
    assert_eq!(store.revision_count().unwrap(), 203);
}

#[test]
fn plain_sqlite_and_a_wrong_key_cannot_open_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let (profiles, _) = profiles(dir.path());
    let (meta, mut store) = profiles
        .create("Counsellor", PASSPHRASE, false, cheap_kdf())
        .unwrap();
    plant(&mut store);
    drop(store);
    let db = profiles.db_path(&meta.id);

    // rusqlite without a key: the header is ciphertext.
    let plain = rusqlite::Connection::open(&db).unwrap();
    let err = plain
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap_err();
    assert!(err.to_string().contains("not a database"), "{err}");
    drop(plain);

    // A wrong raw key.
    let wrong = DbKey::from_bytes([42u8; 32]);
    let identity = Identity {
        user: "u".into(),
        device: "d".into(),
    };
    assert!(matches!(
        Store::open(&db, &wrong, identity, &OpenOptions::default()),
        Err(StoreError::DatabaseCorrupt)
    ));

    // The sqlite3 command-line shell, if installed (CI installs it).
    if let Ok(out) = std::process::Command::new("sqlite3")
        .arg(&db)
        .arg("SELECT * FROM records;")
        .output()
    {
        assert!(!out.status.success(), "sqlite3 read the database");
        let all = [out.stdout, out.stderr].concat();
        assert!(String::from_utf8_lossy(&all).contains("not a database"));
        assert!(!contains_marker(&all, MARKERS[0]));
    }
}
