//! Sync benchmark (figures go to `docs/benchmarks.md`):
//!
//! 1. Push then pull 10 000 revisions of about 2 KB through the real server (release binary)
//!    over loopback TLS, on SQLite and (with `AANKOMST_TEST_POSTGRES_URL`) PostgreSQL:
//!    revisions per second, and in the same run two baselines on the same revisions:
//!    * **local crypto + storage**: seal them (batches, both cores), verify each signature (what
//!      the server does), store the envelopes in a SQLite table, read them back, open them
//!      (both cores) and hand them to `Store::receive_batch` a page of 1000 at a time — everything but HTTP/TLS and the
//!      server's bookkeeping;
//!    * **plaintext rows**: write the revisions' plaintext JSON as rows of a SQLite table and
//!      read them back.
//! 2. 200 simulated devices (each a real encrypted store and engine) syncing at once: the p99
//!    request latency, and a check that no revision is lost or duplicated.
//!
//! ```sh
//! cargo bench -p aankomst-sync --bench sync_round_trip
//! ```

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use aankomst_core::{Fields, RecordKind, Revision};
use aankomst_seal::{Audience, DeviceKey, Envelope, Opener, Sealer};
use aankomst_sync::SyncEngine;
use common::*;

const REVISIONS: usize = 10_000;

/// Record id, revision id, HLC, parents and plaintext of one revision, as text for sealing.
type SealInput = (String, String, String, Vec<String>, Vec<u8>);

fn two_kb_fields(n: usize) -> Fields {
    let filler = |label: &str, len: usize| {
        let mut s = format!("{label}-{n}-");
        while s.len() < len {
            s.push_str("lorem ipsum dolor sit amet ");
        }
        s.truncate(len);
        serde_json::json!(s)
    };
    let mut f = Fields::new();
    f.insert("document_family_name".into(), filler("fam", 180));
    f.insert("document_given_names".into(), filler("giv", 180));
    f.insert("preferred_name".into(), filler("pref", 180));
    f.insert("other_spellings".into(), filler("spell", 480));
    f.insert("address".into(), filler("addr", 480));
    f.insert("azc_location".into(), filler("azc", 180));
    f.insert("phone".into(), filler("tel", 40));
    f
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

struct RoundTrip {
    storage: String,
    push: Duration,
    pull: Duration,
    local: Duration,
    plaintext: Duration,
    avg_plaintext_bytes: usize,
}

fn round_trip(storage: &str) -> RoundTrip {
    let world = World::start(storage, "max_pull_page = 1000\n");
    let mut supervisor = world.supervisor("supervisor-1");
    let mut counsellor = world.device("laptop-1", "counsellor");
    supervisor
        .engine
        .as_ref()
        .unwrap()
        .grant_team_key(
            "laptop-1",
            &counsellor.engine.as_ref().unwrap().fingerprint(),
        )
        .unwrap();
    counsellor.sync().unwrap(); // take the grant; nothing to push yet
    supervisor.sync().unwrap();
    counsellor
        .store
        .write_batch(
            (0..REVISIONS).map(|n| (RecordKind::Client, uuid::Uuid::now_v7(), two_kb_fields(n))),
        )
        .unwrap();
    let revisions: Vec<Revision> = counsellor.store.unsealed_own_revisions(REVISIONS).unwrap();
    let avg_plaintext_bytes = revisions
        .iter()
        .map(|r| serde_json::to_vec(r).unwrap().len())
        .sum::<usize>()
        / revisions.len();

    let started = Instant::now();
    let pushed = counsellor.sync().unwrap();
    let push = started.elapsed();
    assert_eq!(pushed.pushed as usize, REVISIONS);
    let started = Instant::now();
    let pulled = supervisor.sync().unwrap();
    let pull = started.elapsed();
    assert_eq!(pulled.pulled as usize, REVISIONS);

    let local = local_crypto_and_storage(&world, &revisions);
    let plaintext = plaintext_rows(&world, &revisions);
    RoundTrip {
        storage: if storage == "sqlite" {
            "SQLite".into()
        } else {
            "PostgreSQL".into()
        },
        push,
        pull,
        local,
        plaintext,
        avg_plaintext_bytes,
    }
}

fn split2<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> Vec<R> + Sync) -> Vec<R> {
    let half = items.len().div_ceil(2);
    std::thread::scope(|s| {
        let handles: Vec<_> = items.chunks(half).map(|c| s.spawn(|| f(c))).collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    })
}

/// The same crypto and storage, in one process, without the network.
fn local_crypto_and_storage(world: &World, revisions: &[Revision]) -> Duration {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = aankomst_seal::system_rng();
    let device = DeviceKey::generate("bench-device", &mut rng).unwrap();
    let mut pin =
        aankomst_seal::RecipientListPin::new(&world.tenant.id, world.tenant.root.public());
    let list = pin.accept(&world.tenant.signed_list).unwrap();
    let mut receiver = Device::create(dir.path(), "bench-receiver");
    let conn = rusqlite::Connection::open(dir.path().join("envelopes.sqlite3")).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         CREATE TABLE envelopes (seq INTEGER PRIMARY KEY, envelope_id BLOB UNIQUE, body BLOB);",
    )
    .unwrap();
    // The revisions as the bench device wrote them.
    let revisions: Vec<Revision> = revisions
        .iter()
        .map(|r| Revision {
            author_device: "bench-device".into(),
            ..r.clone()
        })
        .collect();

    let started = Instant::now();
    let sealer = Sealer::new(&list, Audience::Team, &device).unwrap();
    let meta: Vec<SealInput> = revisions
        .iter()
        .map(|r| {
            (
                r.record_id.to_string(),
                r.rev_id.to_string(),
                r.hlc.to_string(),
                r.parents.iter().map(|p| p.to_string()).collect(),
                serde_json::to_vec(r).unwrap(),
            )
        })
        .collect();
    let envelopes: Vec<Envelope> = split2(&meta, |chunk| {
        chunk
            .chunks(500)
            .flat_map(|batch| {
                let revs: Vec<aankomst_seal::Revision<'_>> = batch
                    .iter()
                    .map(
                        |(record, rev, hlc, parents, plaintext)| aankomst_seal::Revision {
                            record_id: record,
                            record_kind: "client",
                            revision_id: rev,
                            hlc,
                            parents,
                            plaintext,
                        },
                    )
                    .collect();
                sealer
                    .seal_batch(&mut aankomst_seal::system_rng(), &revs)
                    .unwrap()
            })
            .collect()
    });
    let bodies: Vec<(Vec<u8>, [u8; 32])> = split2(&envelopes, |chunk| {
        chunk
            .iter()
            .map(|e| {
                let json = e.to_json();
                let parsed = Envelope::from_json(&json).unwrap();
                parsed.verify_signature(&device.public()).unwrap();
                (json, *parsed.id().as_bytes())
            })
            .collect()
    });
    let mut conn = conn;
    for batch in bodies.chunks(500) {
        let tx = conn.transaction().unwrap();
        for (body, id) in batch {
            tx.execute(
                "INSERT INTO envelopes (envelope_id, body) VALUES (?1, ?2)",
                rusqlite::params![&id[..], body],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
    let mut stmt = conn
        .prepare("SELECT body FROM envelopes ORDER BY seq")
        .unwrap();
    let stored: Vec<Vec<u8>> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let author = device.public();
    let team = &world.tenant.team;
    let opened: Vec<Revision> = split2(&stored, |chunk| {
        let mut opener = Opener::new([team]);
        chunk
            .iter()
            .map(|b| {
                let e = Envelope::from_json(b).unwrap();
                let p = opener.open(&e, &author).unwrap();
                serde_json::from_slice(p.as_bytes()).unwrap()
            })
            .collect()
    });
    // As the engine does: a pull page (1000) per transaction.
    for page in opened.chunks(1000) {
        for result in receiver.store.receive_batch(page).unwrap() {
            assert!(result.unwrap());
        }
    }
    started.elapsed()
}

/// The same bytes as plaintext rows: written and read back, no crypto.
fn plaintext_rows(_world: &World, revisions: &[Revision]) -> Duration {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = rusqlite::Connection::open(dir.path().join("plain.sqlite3")).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         CREATE TABLE rows (seq INTEGER PRIMARY KEY, rev_id TEXT UNIQUE, body BLOB);",
    )
    .unwrap();
    let started = Instant::now();
    let bodies: Vec<(String, Vec<u8>)> = revisions
        .iter()
        .map(|r| (r.rev_id.to_string(), serde_json::to_vec(r).unwrap()))
        .collect();
    for batch in bodies.chunks(500) {
        let tx = conn.transaction().unwrap();
        for (id, body) in batch {
            tx.execute(
                "INSERT INTO rows (rev_id, body) VALUES (?1, ?2)",
                rusqlite::params![id, body],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
    let mut stmt = conn.prepare("SELECT body FROM rows ORDER BY seq").unwrap();
    let back: Vec<Revision> = stmt
        .query_map([], |r| r.get::<_, Vec<u8>>(0))
        .unwrap()
        .map(|r| serde_json::from_slice(&r.unwrap()).unwrap())
        .collect();
    assert_eq!(back.len(), revisions.len());
    started.elapsed()
}

struct Crowd {
    storage: String,
    devices: usize,
    revisions: usize,
    requests: usize,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    wall: Duration,
}

fn crowd(storage: &str, devices: usize, per_device: usize) -> Crowd {
    let world = World::start(storage, "");
    let supervisor = world.supervisor("supervisor-1");
    let mut crowd: Vec<Device> = (0..devices)
        .map(|i| world.device(&format!("laptop-{i:03}"), "counsellor"))
        .collect();
    for (i, device) in crowd.iter().enumerate() {
        supervisor
            .engine
            .as_ref()
            .unwrap()
            .grant_team_key(
                &format!("laptop-{i:03}"),
                &device.engine.as_ref().unwrap().fingerprint(),
            )
            .unwrap();
    }
    for d in crowd.iter_mut() {
        for n in 0..per_device {
            d.write_client(n);
        }
    }
    let started = Instant::now();
    let timings: Vec<Vec<u64>> = std::thread::scope(|s| {
        let handles: Vec<_> = crowd
            .iter_mut()
            .map(|d| s.spawn(move || d.sync().unwrap().request_durations_us))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let wall = started.elapsed();
    let mut all: Vec<u64> = timings.into_iter().flatten().collect();
    all.sort_unstable();
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)] as f64 / 1000.0;

    // Nothing lost or duplicated: one envelope per revision on the server, none unsynced.
    let bodies = world.server_envelope_ids();
    let ids: BTreeSet<String> = bodies
        .iter()
        .map(|b| Envelope::from_json(b).unwrap().revision_id().to_owned())
        .collect();
    assert_eq!(bodies.len(), devices * per_device);
    assert_eq!(ids.len(), devices * per_device);
    for d in &crowd {
        assert_eq!(SyncEngine::unsynced(&d.store).unwrap(), 0);
    }
    Crowd {
        storage: if storage == "sqlite" {
            "SQLite".into()
        } else {
            "PostgreSQL".into()
        },
        devices,
        revisions: devices * per_device,
        requests: all.len(),
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
        max_ms: *all.last().unwrap() as f64 / 1000.0,
        wall,
    }
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing: run only for real.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let backends = backends();
    let mut lines = vec![
        "| storage | push 10 000 | pull 10 000 | round trip | revisions/s | local crypto + storage | ratio | plaintext rows | ratio |".to_owned(),
        "|---|---|---|---|---|---|---|---|---|".to_owned(),
    ];
    let mut avg = 0;
    for storage in &backends {
        let r = round_trip(storage);
        avg = r.avg_plaintext_bytes;
        let total = r.push + r.pull;
        lines.push(format!(
            "| {} | {:.2} s | {:.2} s | {:.2} s | {:.0} | {:.2} s | {:.2}× | {:.3} s | {:.0}× |",
            r.storage,
            secs(r.push),
            secs(r.pull),
            secs(total),
            REVISIONS as f64 / secs(total),
            secs(r.local),
            secs(total) / secs(r.local),
            secs(r.plaintext),
            secs(total) / secs(r.plaintext),
        ));
        eprintln!("{}", lines.last().unwrap());
    }
    lines.push(String::new());
    lines.push(format!("Average revision plaintext: {avg} bytes."));
    lines.push(String::new());
    lines.push("| storage | devices | revisions | requests | p50 | p99 | max | wall |".to_owned());
    lines.push("|---|---|---|---|---|---|---|---|".to_owned());
    // Fresh databases: the round trips used the first ones.
    for storage in &common::backends() {
        let c = crowd(storage, 200, 5);
        lines.push(format!(
            "| {} | {} | {} | {} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} s |",
            c.storage,
            c.devices,
            c.revisions,
            c.requests,
            c.p50_ms,
            c.p99_ms,
            c.max_ms,
            secs(c.wall)
        ));
        eprintln!("{}", lines.last().unwrap());
    }
    println!("{}", lines.join("\n"));
}
