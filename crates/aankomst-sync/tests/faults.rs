//! Interruptions at any byte: a fault-injecting proxy (TLS-terminating, so it cuts, delays and
//! duplicates whole HTTP requests) between the devices and the real server. After every
//! interruption the next sync completes, and no revision is lost or duplicated on either side.

mod common;

use std::collections::BTreeSet;
use std::sync::atomic::Ordering;

use aankomst_core::RecordKind;
use aankomst_sync::SyncEngine;
use common::proxy::{FaultProxy, Faults};
use common::*;

fn interrupted_syncs_converge(storage: &str, seed: u64) {
    let world = World::start(storage, "max_batch = 7\nmax_pull_page = 5\n");
    let faults = Faults {
        cut_request: 0.12,
        cut_response: 0.12,
        duplicate: 0.12,
        max_delay_ms: 30,
    };
    let proxy_a = FaultProxy::start(world.server.addr, &world.server.cert_pem, faults, seed);
    let proxy_s = FaultProxy::start(world.server.addr, &world.server.cert_pem, faults, seed + 1);
    // Enrolment through a quiet proxy; faults from the first sync on.
    proxy_a.enabled.store(false, Ordering::SeqCst);
    proxy_s.enabled.store(false, Ordering::SeqCst);
    let mut supervisor = world.device_via("supervisor-1", "supervisor", proxy_s.settings());
    let secret = world.tenant.team.secret_bytes();
    supervisor
        .engine
        .as_mut()
        .unwrap()
        .import_team_key(&mut supervisor.store, &secret)
        .unwrap();
    let mut counsellor = world.device_via("laptop-1", "counsellor", proxy_a.settings());
    supervisor
        .engine
        .as_ref()
        .unwrap()
        .grant_team_key(
            "laptop-1",
            &counsellor.engine.as_ref().unwrap().fingerprint(),
        )
        .unwrap();

    let mut interruptions = 0;
    let mut written = 0usize;
    for round in 0..8 {
        for (device, proxy) in [(&mut counsellor, &proxy_a), (&mut supervisor, &proxy_s)] {
            for _ in 0..6 {
                device.write_client(written);
                written += 1;
            }
            // One edit of a record the device holds, so pulls carry edits too.
            let mut ids = Vec::new();
            device
                .store
                .for_each_of_kind(RecordKind::Client, |id, _| ids.push(id))
                .unwrap();
            let mut f = aankomst_core::Fields::new();
            f.insert("phone".into(), serde_json::json!(format!("06-{round}")));
            device.store.write(RecordKind::Client, ids[0], f).unwrap();
            written += 1;

            proxy.enabled.store(true, Ordering::SeqCst);
            for _ in 0..4 {
                match device.sync() {
                    Ok(_) => {}
                    Err(e) => {
                        assert!(e.is_retryable(), "an interruption must be retryable: {e:?}");
                        interruptions += 1;
                        // The next sync, uninterrupted, completes.
                        proxy.enabled.store(false, Ordering::SeqCst);
                        device.sync().unwrap_or_else(|e| {
                            panic!("the sync after an interruption failed: {e:?}")
                        });
                        proxy.enabled.store(true, Ordering::SeqCst);
                    }
                }
            }
            proxy.enabled.store(false, Ordering::SeqCst);
        }
    }
    // Both up to date.
    counsellor.sync().unwrap();
    supervisor.sync().unwrap();
    counsellor.sync().unwrap();

    // The proxy really did all of it.
    for p in [&proxy_a, &proxy_s] {
        let s = &p.stats;
        eprintln!("{storage}: {s:?}");
    }
    let sum = |f: fn(&common::proxy::Stats) -> u64| f(&proxy_a.stats) + f(&proxy_s.stats);
    assert!(sum(|s| s.cut_requests.load(Ordering::SeqCst)) > 0);
    assert!(sum(|s| s.cut_responses.load(Ordering::SeqCst)) > 0);
    assert!(sum(|s| s.duplicated.load(Ordering::SeqCst)) > 0);
    assert!(sum(|s| s.delayed.load(Ordering::SeqCst)) > 0);
    assert!(interruptions > 0);

    // Nothing lost, nothing duplicated: the server holds one envelope per revision written,
    // each device holds every revision once, and both show the same state.
    // The audit trails travel beside the revisions: every device's entries reach the server
    // exactly once too.
    let (audit, bodies): (Vec<_>, Vec<_>) = world
        .server_envelope_ids()
        .into_iter()
        .map(|b| aankomst_seal::Envelope::from_json(&b).unwrap())
        .partition(|e| e.record_kind() == aankomst_sync::AUDIT_KIND);
    let links: BTreeSet<(String, String)> = audit
        .iter()
        .map(|e| (e.author_device().to_owned(), e.revision_id().to_owned()))
        .collect();
    assert_eq!(
        links.len(),
        audit.len(),
        "no audit entry twice on the server"
    );
    let audited: usize = [&counsellor, &supervisor]
        .iter()
        .map(|d| d.store.audit_entries(0, u32::MAX).unwrap().len())
        .sum();
    assert_eq!(audit.len(), audited, "every audit entry on the server");
    // Each device keeps the other's audit trail for the supervisor's search: every entry
    // once however often a page was cut and pulled again, the chain whole, no fork.
    for (d, other) in [(&counsellor, &supervisor), (&supervisor, &counsellor)] {
        let theirs = other.store.audit_entries(0, u32::MAX).unwrap();
        let chains = d.store.audit_chains().unwrap();
        let held = chains
            .iter()
            .find(|c| c.device == other.store.identity().device);
        assert_eq!(held.map_or(0, |c| c.entries), theirs.len() as u64);
        if let Some(c) = held {
            assert!(!c.own);
            assert_eq!(c.status, Ok(theirs.last().unwrap().seq));
            assert_eq!(c.conflicts, 0);
        }
    }
    let revisions: BTreeSet<String> = bodies.iter().map(|e| e.revision_id().to_owned()).collect();
    assert_eq!(
        bodies.len(),
        written,
        "one envelope per revision on the server"
    );
    assert_eq!(revisions.len(), written, "no revision twice on the server");
    for d in [&counsellor, &supervisor] {
        assert_eq!(d.store.revision_count().unwrap(), written as u64);
        assert_eq!(SyncEngine::unsynced(&d.store).unwrap(), 0);
        let ledger = SyncEngine::ledger(&d.store, 10_000).unwrap();
        let pushed: Vec<_> = ledger.iter().filter(|e| e.direction == "pushed").collect();
        let distinct: BTreeSet<_> = pushed.iter().map(|e| &e.envelope_id).collect();
        assert_eq!(pushed.len(), distinct.len());
    }
    assert_eq!(state_of(&counsellor.store), state_of(&supervisor.store));
    world.assert_server_holds_no_plaintext();
}

#[test]
fn interrupted_syncs_converge_with_nothing_lost_or_duplicated() {
    for (i, storage) in backends().iter().enumerate() {
        interrupted_syncs_converge(storage, 0x5eed + i as u64);
    }
}
