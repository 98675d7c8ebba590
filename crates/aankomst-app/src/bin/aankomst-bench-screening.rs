//! Scoring throughput over 100 000 stored administrations (issue: screening instruments).
//! Run in release mode:
//!
//!     cargo run --release -p aankomst-app --bin aankomst-bench-screening -- [--write docs/benchmarks.md]
//!
//! A store is filled with administrations of the shipped instruments, answered at random
//! (about 3% of answers declined or "don't know", 2% not asked), each written as the app
//! writes it: one revision per administration, validated. Then every stored administration
//! is read back and scored (decode + score). Baseline in the same run: reading and decoding
//! the same records without scoring, so the ratio shows what scoring itself adds.

use aankomst_app::score_stored;
use aankomst_core::records::{view, Administration};
use aankomst_core::{Fields, RecordKind};
use aankomst_instruments::{Item, Registry};
use aankomst_store::{KdfParams, MemoryKeychain, Profiles};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Instant;

const ADMINISTRATIONS: usize = 100_000;
const INSTRUMENTS: [&str; 10] = [
    "phq9", "gad7", "k10-nl", "k6", "who5", "pcl5", "pcptsd5", "phq4", "k10-au", "k10-us",
];

fn answered_fields(registry: &Registry, id: &str, rng: &mut StdRng) -> Fields {
    let def = registry
        .iter()
        .find(|d| d.id == id)
        .expect("shipped instrument");
    let mut fields = serde_json::Map::new();
    let at = "2026-11-22T10:00:00Z";
    for (k, v) in [
        ("conversation_id", json!(uuid::Uuid::now_v7().to_string())),
        ("case_id", json!(uuid::Uuid::now_v7().to_string())),
        ("client_id", json!(uuid::Uuid::now_v7().to_string())),
        ("definition_id", json!(def.id)),
        ("definition_url", json!(def.url)),
        ("definition_version", json!(def.version)),
        ("definition_hash", json!(def.hash())),
        ("mode", json!("self_completed")),
        ("language", json!("nl")),
        ("status", json!("completed")),
        ("started_at", json!(at)),
        ("completed_at", json!(at)),
    ] {
        fields.insert(k.into(), v);
    }
    for item in &def.items {
        let Item::Choice(choice) = item else { continue };
        let roll: f64 = rng.random();
        let answer: Value = if roll < 0.02 {
            continue; // not asked
        } else if roll < 0.035 {
            json!({"state": "declined", "mode": "self_completed", "entered_by": "client", "at": at, "language": "nl"})
        } else if roll < 0.05 {
            json!({"state": "dont_know", "mode": "self_completed", "entered_by": "client", "at": at, "language": "nl"})
        } else {
            let option = &choice.options[rng.random_range(0..choice.options.len())];
            json!({"value": option.value, "mode": "self_completed", "entered_by": "client", "at": at, "language": "nl"})
        };
        fields.insert(format!("answer/{}", choice.link_id), answer);
    }
    fields
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let write_to = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let registry = Registry::with_shipped()?;
    let dir = tempfile::tempdir()?;
    let profiles = Profiles::new(dir.path(), Arc::new(MemoryKeychain::new()));
    // The key derivation is not what is measured here.
    let (_, mut store) = profiles.create(
        "Bench",
        "tulp fiets regen lantaarn",
        false,
        KdfParams::with_cost(1024, 1, 1),
    )?;
    let mut rng = StdRng::seed_from_u64(42);
    let t = Instant::now();
    for chunk in 0..ADMINISTRATIONS / 10_000 {
        let batch: Vec<_> = (0..10_000)
            .map(|i| {
                let id = INSTRUMENTS[(chunk * 10_000 + i) % INSTRUMENTS.len()];
                (
                    RecordKind::Administration,
                    uuid::Uuid::now_v7(),
                    answered_fields(&registry, id, &mut rng),
                )
            })
            .collect();
        store.write_batch(batch)?;
    }
    store.checkpoint()?;
    let seed_secs = t.elapsed().as_secs_f64();

    // Baseline: read and decode every administration, no scoring.
    let mut decoded = 0u64;
    let t = Instant::now();
    let read = store.for_each_of_kind(RecordKind::Administration, |_, state| {
        let admin: Administration = view(&state.fields);
        decoded += u64::from(admin.definition_hash.is_some());
    })?;
    let baseline = t.elapsed();

    // Read, decode and score every administration.
    let (mut scored, mut with_total, mut flags) = (0u64, 0u64, 0u64);
    let t = Instant::now();
    store.for_each_of_kind(RecordKind::Administration, |_, state| {
        if let Some(result) = score_stored(&registry, &state.fields) {
            scored += 1;
            with_total += u64::from(result.total.is_some());
            flags += result
                .flags
                .iter()
                .filter(|f| f.state == aankomst_instruments::FlagState::Raised)
                .count() as u64;
        }
    })?;
    let scoring = t.elapsed();
    assert_eq!(read as usize, ADMINISTRATIONS);
    assert_eq!(scored, read, "every stored administration scores");
    assert_eq!(decoded, read);

    let per_sec = |d: std::time::Duration| read as f64 / d.as_secs_f64();
    let report = format!(
        "## Screening: scoring throughput ({read} stored administrations)\n\n\
         Command: `cargo run --release -p aankomst-app --bin aankomst-bench-screening -- --write docs/benchmarks.md`  \n\
         Machine: {} cores. {read} administrations of 10 shipped instruments, answered at random \
         (about 5% declined, don't know or not asked), written through the store as the app writes \
         them in {seed_secs:.1} s. Scored: {scored}; with a total: {with_total}; raised flags: {flags}.\n\n\
         | measure | result |\n|---|---|\n\
         | read + decode + score every administration | {:.0} administrations/s ({:.2} s) |\n\
         | baseline, same run: read + decode only | {:.0} administrations/s ({:.2} s) |\n\
         | ratio (scoring run time / baseline run time) | {:.2} |\n",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        per_sec(scoring),
        scoring.as_secs_f64(),
        per_sec(baseline),
        baseline.as_secs_f64(),
        scoring.as_secs_f64() / baseline.as_secs_f64(),
    );
    println!("{report}");
    if let Some(path) = write_to {
        aankomst_app::benchmarks::replace_section(
            std::path::Path::new(&path),
            "## Screening: scoring throughput",
            &report,
        )?;
    }
    Ok(())
}
