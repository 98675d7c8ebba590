//! Test helper for the crash test: writes revisions as fast as it can and prints each
//! revision id on stdout once its transaction has committed. The test kills it with
//! SIGKILL at random moments and then checks that every printed revision survived.
//!
//! Usage: aankomst-store-crashwriter <db path> <64 hex key>

use aankomst_core::{Fields, RecordKind};
use aankomst_store::{DbKey, Identity, OpenOptions, Store};
use serde_json::json;
use std::io::Write;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(hex_key)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: aankomst-store-crashwriter <db path> <hex key>");
        std::process::exit(2);
    };
    let bytes: [u8; 32] = hex::decode(hex_key)
        .ok()
        .and_then(|b| b.try_into().ok())
        .expect("key must be 64 hex digits");
    let key = DbKey::from_bytes(bytes);
    let identity = Identity {
        user: "crash-test".into(),
        device: "crash-device".into(),
    };
    let path = Path::new(path);
    let mut store = if path.exists() {
        Store::open(path, &key, identity, &OpenOptions::default()).expect("open")
    } else {
        Store::create(path, &key, identity).expect("create")
    };
    let record = uuid::Uuid::now_v7();
    let stdout = std::io::stdout();
    for i in 0u64.. {
        let mut fields = Fields::new();
        // Alternate between updating one record and creating new ones, with a large field
        // so that transactions span several pages.
        fields.insert(
            "notes".into(),
            json!(format!(
                "revision {i} {}",
                "x".repeat((i % 7 * 600) as usize)
            )),
        );
        let (kind, id) = if i % 3 == 0 {
            (RecordKind::Conversation, uuid::Uuid::now_v7())
        } else {
            (RecordKind::Conversation, record)
        };
        let rev = store.write(kind, id, fields).expect("write");
        let mut out = stdout.lock();
        writeln!(out, "{}", rev.rev_id).expect("stdout");
        out.flush().expect("flush");
    }
}
