//! Whole-system benchmark of the foundation (issue: 5 000 clients, 50 000 conversations):
//! cold start to an unlocked case list, case-list search p50/p99, durable save of one
//! field p50/p99, resident memory. Run in release mode:
//!
//!     cargo run --release -p aankomst-app --bin aankomst-bench -- [--write docs/benchmarks.md]
//!
//! The data set is seeded by a child process (`--seed <dir>`), so that the memory figure is
//! that of a process which only opened and used the store, as the app does. The keychain
//! is the in-memory one (the child hands over the wrapped key); Argon2id runs at the
//! production cost.

use aankomst_app::ipc::*;
use aankomst_app::{AppService, Host, LockReason, ServiceConfig};
use aankomst_core::demo::{generate, DemoScale};
use aankomst_core::RecordKind;
use aankomst_store::{KdfParams, MemoryKeychain, Profiles, SecretStore};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};

const CLIENTS: usize = 5_000;
const CONVERSATIONS: usize = 50_000;
const PASS: &str = "tulp fiets regen lantaarn";

struct NoHost;
impl Host for NoHost {
    fn locked(&self, _: LockReason) {}
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(|l| l.to_owned())
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|k| k.parse::<f64>().ok())
        })
        .map(|kib| kib / 1024.0)
        .unwrap_or(0.0)
}

/// Creates a profile in `dir`, fills it and prints its id and the wrapped key entry.
fn seed(dir: &std::path::Path) -> anyhow::Result<()> {
    let keys = Arc::new(MemoryKeychain::new());
    let t = Instant::now();
    let profiles = Profiles::new(dir, keys.clone());
    let (meta, mut store) =
        profiles.create("Bench Begeleider", PASS, false, KdfParams::recommended())?;
    let mut records = generate(
        chrono::Utc::now().date_naive(),
        "Bench Begeleider",
        &DemoScale {
            clients: CLIENTS,
            conversations_per_case: 40,
        },
        42,
        uuid::Uuid::now_v7,
    );
    let mut conversations = 0;
    records.retain(|r| {
        if r.kind != RecordKind::Conversation {
            return true;
        }
        conversations += 1;
        conversations <= CONVERSATIONS
    });
    let counts = |k| records.iter().filter(|r| r.kind == k).count();
    let (clients, conversations) = (counts(RecordKind::Client), counts(RecordKind::Conversation));
    store.write_batch(records.into_iter().map(|r| (r.kind, r.id, r.fields)))?;
    store.checkpoint()?;
    drop(store);
    let wrapped = keys
        .get(&format!("profile-{}", meta.id))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "{}\n{}\n{}\n{}\n{}",
        meta.id,
        wrapped,
        clients,
        conversations,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if let Some(dir) = args
        .iter()
        .position(|a| a == "--seed")
        .and_then(|i| args.get(i + 1))
    {
        return seed(std::path::Path::new(dir));
    }
    let write_to = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let dir = tempfile::tempdir()?;
    let out = std::process::Command::new(std::env::current_exe()?)
        .arg("--seed")
        .arg(dir.path())
        .output()?;
    anyhow::ensure!(
        out.status.success(),
        "seeding failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout)?;
    let lines: Vec<&str> = text.lines().collect();
    anyhow::ensure!(lines.len() == 5, "unexpected seed output");
    let (profile_id, wrapped) = (lines[0].to_owned(), lines[1]);
    let (n_clients, n_conv): (usize, usize) = (lines[2].parse()?, lines[3].parse()?);
    let seed_secs: f64 = lines[4].parse()?;
    let keys = Arc::new(MemoryKeychain::new());
    keys.set(&format!("profile-{profile_id}"), wrapped)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let profiles = Profiles::new(dir.path(), keys.clone());
    let db_size = std::fs::metadata(profiles.db_path(&profile_id))?.len();

    // Cold start: a new service (as a fresh process would build), unlock, first case list.
    let mut cold = Vec::new();
    let mut service = None;
    for _ in 0..5 {
        // The previous service must let go of the instance lock first.
        drop(service.take());
        let t = Instant::now();
        let svc = AppService::new(
            ServiceConfig::new(dir.path().to_path_buf(), keys.clone()),
            Arc::new(NoHost),
        );
        svc.unlock(UnlockRequest {
            profile_id: profile_id.clone(),
            passphrase: PASS.into(),
        })?;
        let list = svc.list_cases(CaseListRequest::default())?;
        assert!(!list.rows.is_empty());
        cold.push(t.elapsed());
        service = Some(svc);
    }
    let svc = service.expect("service");
    cold.sort();

    // Search: names, name prefixes, V-number and BSN prefixes, years of birth.
    let all = svc
        .list_cases(CaseListRequest {
            limit: 5_000,
            ..Default::default()
        })?
        .rows;
    let mut rng = StdRng::seed_from_u64(1);
    let mut search = Vec::new();
    for i in 0..1_000 {
        let row = &all[rng.random_range(0..all.len())];
        let text = match i % 4 {
            0 => row.display_name.split(' ').next().unwrap_or("").to_owned(),
            1 => row.display_name.chars().take(4).collect(),
            2 => row
                .v_number
                .clone()
                .unwrap_or_default()
                .chars()
                .take(6)
                .collect(),
            _ => row
                .date_of_birth
                .clone()
                .unwrap_or_default()
                .chars()
                .take(4)
                .collect(),
        };
        let t = Instant::now();
        let r = svc.list_cases(CaseListRequest {
            text,
            ..Default::default()
        })?;
        search.push(t.elapsed());
        assert!(!r.rows.is_empty());
    }
    search.sort();

    // Durable save of one field (a revision, synchronous = FULL), as while typing notes.
    let case_id = all.iter().find_map(|r| r.case_id.clone()).expect("a case");
    let conv = svc.create_conversation(CreateConversationRequest { case_id })?;
    let mut save = Vec::new();
    let mut notes = String::new();
    for i in 0..1_000 {
        notes.push_str(&format!("woord{i} "));
        let t = Instant::now();
        svc.save_field(SaveFieldRequest {
            record_id: conv.id.clone(),
            field: "notes".into(),
            value: json!(notes),
        })?;
        save.push(t.elapsed());
    }
    save.sort();
    let rss = rss_mib();

    let report = format!(
        "## Foundation: store and commands ({} clients, {} conversations)\n\n\
         Command: `cargo run --release -p aankomst-app --bin aankomst-bench -- --write docs/benchmarks.md`  \n\
         Machine: {} cores; database {:.1} MiB on disk, seeded in {:.1} s.\n\n\
         | measure | result | target |\n|---|---|---|\n\
         | cold start to unlocked case list (median of 5; Argon2id 64 MiB, t=3, p=4 included) | {} (min {}, max {}) | — |\n\
         | case-list search p50 / p99 (1 000 queries: names, prefixes, V-numbers, years) | {} / {} | p99 < 50 ms |\n\
         | durable save of one field p50 / p99 (1 000 saves, synchronous=FULL) | {} / {} | p99 < 20 ms |\n\
         | resident memory of the backend process after the run (VmRSS; the data set was seeded by a child process) | {:.0} MiB | < 250 MB (whole app: see below) |\n",
        n_clients,
        n_conv,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        db_size as f64 / 1_048_576.0,
        seed_secs,
        ms(percentile(&cold, 0.5)),
        ms(cold[0]),
        ms(cold[cold.len() - 1]),
        ms(percentile(&search, 0.5)),
        ms(percentile(&search, 0.99)),
        ms(percentile(&save, 0.5)),
        ms(percentile(&save, 0.99)),
        rss,
    );
    println!("{report}");
    if let Some(path) = write_to {
        aankomst_app::benchmarks::replace_section(
            std::path::Path::new(&path),
            "## Foundation: store and commands",
            &report,
        )?;
    }
    Ok(())
}
