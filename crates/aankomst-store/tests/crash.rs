//! Kill a writing process with SIGKILL in the middle of saves, many times: the database
//! must open afterwards, pass SQLite's integrity check and hold every revision whose
//! commit was reported before the kill.

mod common;

use aankomst_store::{DbKey, Identity, OpenOptions, Store};
use rand::Rng;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const ROUNDS: usize = 25;

#[test]
fn every_committed_revision_survives_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let key_bytes = [7u8; 32];
    let mut committed: Vec<uuid::Uuid> = Vec::new();
    let mut rng = rand::rng();
    for round in 0..ROUNDS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_aankomst-store-crashwriter"))
            .arg(&db)
            .arg(hex::encode(key_bytes))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        // Let it commit a random number of revisions, then kill it mid-flight: it is
        // always in the middle of its next write when the signal arrives.
        let wait_for = rng.random_range(1..60);
        for _ in 0..wait_for {
            let line = lines.next().expect("writer ended early").unwrap();
            committed.push(line.parse().unwrap());
        }
        child.kill().unwrap(); // SIGKILL on Unix
                               // Lines printed between our last read and the kill were committed too.
        for line in lines.map_while(Result::ok) {
            committed.push(line.parse().unwrap());
        }
        child.wait().unwrap();

        let store = Store::open(
            &db,
            &DbKey::from_bytes(key_bytes),
            Identity {
                user: "check".into(),
                device: "check".into(),
            },
            &OpenOptions::default(),
        )
        .unwrap_or_else(|e| panic!("round {round}: database does not open after SIGKILL: {e}"));
        assert_eq!(store.integrity_check().unwrap(), "ok", "round {round}");
        for rev in &committed {
            assert!(
                store.has_revision(*rev).unwrap(),
                "round {round}: committed revision {rev} lost"
            );
        }
        assert!(store.revision_count().unwrap() >= committed.len() as u64);
    }
    assert!(committed.len() >= ROUNDS);
}
