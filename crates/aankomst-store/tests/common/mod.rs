#![allow(dead_code)]

use aankomst_core::{Fields, RecordKind};
use aankomst_store::{KdfParams, MemoryKeychain, Profiles, Store};
use serde_json::Value;
use std::path::Path;
use std::sync::Arc;

pub const PASSPHRASE: &str = "tulp fiets regen lantaarn";

/// Cheap Argon2id so tests stay fast; the production cost is tested in the benchmark.
pub fn cheap_kdf() -> KdfParams {
    KdfParams::with_cost(1024, 1, 1)
}

pub fn profiles(dir: &Path) -> (Profiles, Arc<MemoryKeychain>) {
    let keys = Arc::new(MemoryKeychain::new());
    (Profiles::new(dir, keys.clone()), keys)
}

pub fn fields(v: Value) -> Fields {
    v.as_object().cloned().unwrap_or_default()
}

pub fn write(store: &mut Store, kind: RecordKind, v: Value) -> uuid::Uuid {
    store
        .create_record(kind, fields(v))
        .expect("write")
        .record_id
}

/// Every file below `dir`, recursively.
pub fn all_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Whether `needle` occurs in `haystack` as UTF-8 or as UTF-16 (either byte order).
pub fn contains_marker(haystack: &[u8], needle: &str) -> bool {
    let utf8 = needle.as_bytes().to_vec();
    let utf16le: Vec<u8> = needle
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let utf16be: Vec<u8> = needle
        .encode_utf16()
        .flat_map(|u| u.to_be_bytes())
        .collect();
    [utf8, utf16le, utf16be]
        .iter()
        .any(|n| haystack.windows(n.len()).any(|w| w == n.as_slice()))
}
