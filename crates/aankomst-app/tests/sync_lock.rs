//! Locking never waits for the network: a counsellor's laptop syncs through a proxy that
//! stalls (it takes the request and never answers), the lock returns while the sync is provably
//! still blocked inside that request, and the stalled sync then ends on its (shortened) timeout
//! without harming the store: it opens again, nothing is half-applied, and the next sync to the
//! healthy server completes. Against the real server binary (see `team`).

mod common;
mod team;

use aankomst_app::ipc::*;
use aankomst_app::sync_ipc::EnrolRequest;
use aankomst_app::{AppService, LockReason, ServiceConfig};
use aankomst_store::MemoryKeychain;
use common::*;
use serde_json::json;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use team::*;

/// A TCP proxy in front of the server (TLS passes through untouched). While `stalled`, every
/// byte a client sends is taken and held: no answer ever comes, the connection stays open
/// until the client gives up. `held` counts the requests (or handshakes) caught so.
struct StallingProxy {
    url: String,
    stalled: Arc<AtomicBool>,
    held: Arc<AtomicUsize>,
}

impl StallingProxy {
    fn start(upstream: SocketAddr) -> StallingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("https://{}", listener.local_addr().unwrap());
        let stalled = Arc::new(AtomicBool::new(false));
        let held = Arc::new(AtomicUsize::new(0));
        let (s, h) = (stalled.clone(), held.clone());
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                let Ok(server) = TcpStream::connect(upstream) else {
                    continue;
                };
                let (client2, server2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                let (s, h) = (s.clone(), h.clone());
                std::thread::spawn(move || pump(client, server, Some((s, h))));
                std::thread::spawn(move || pump(server2, client2, None));
            }
        });
        StallingProxy { url, stalled, held }
    }
}

fn pump(
    mut from: TcpStream,
    mut to: TcpStream,
    stall: Option<(Arc<AtomicBool>, Arc<AtomicUsize>)>,
) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => {
                let _ = to.shutdown(Shutdown::Write);
                return;
            }
            Ok(n) => n,
        };
        if let Some((stalled, held)) = &stall {
            if stalled.load(Ordering::SeqCst) {
                held.fetch_add(1, Ordering::SeqCst);
                // Swallow everything until the client closes; never forward, never answer.
                while matches!(from.read(&mut buf), Ok(n) if n > 0) {}
                let _ = to.shutdown(Shutdown::Both);
                return;
            }
        }
        if to.write_all(&buf[..n]).is_err() {
            return;
        }
    }
}

fn upstream(url: &str) -> SocketAddr {
    url.trim_start_matches("https://")
        .trim_end_matches('/')
        .parse()
        .expect("the server listens on an IP address and port")
}

#[test]
fn a_lock_during_a_stalled_sync_returns_at_once_and_the_sync_ends_without_harm() {
    let team = Team::start();
    let supervisor = team.first_supervisor("supervisor", "Marieke Supervisor");
    let proxy = StallingProxy::start(upstream(&team.server.url));

    // The counsellor's laptop talks to the server through the proxy, with a short timeout.
    let dir = team.path().join("counsellor");
    let host = Arc::new(FakeHost::default());
    let mut config = ServiceConfig::new(dir, Arc::new(MemoryKeychain::new()));
    config.kdf = cheap;
    config.sync_request_timeout = Some(Duration::from_secs(8));
    let counsellor = AppService::new(config, host.clone());
    let session = counsellor
        .create_profile(CreateProfileRequest {
            name: "Fatima de Vries".into(),
            passphrase: PASS.into(),
            demo: false,
        })
        .unwrap();
    let code = team
        .server
        .admin(&["enrol-code", TENANT, "--role", "counsellor"]);
    let status = counsellor
        .enrol_device(EnrolRequest {
            server_url: proxy.url.clone(),
            server_certificate: team.server.cert.clone(),
            tenant: TENANT.into(),
            tenant_root_key: team.root_pub.clone(),
            code: code.trim().into(),
        })
        .unwrap();
    grant(&supervisor, &status);
    new_client(&counsellor, json!({"preferred_name": "Selam"}));
    assert!(
        counsellor.sync_now().unwrap().pushed > 0,
        "the first client went"
    );

    // A second client waits to be pushed; the proxy now stalls.
    new_client(&counsellor, json!({"preferred_name": "Yonas"}));
    proxy.stalled.store(true, Ordering::SeqCst);
    let counsellor = Arc::new(counsellor);
    let syncing = {
        let c = counsellor.clone();
        std::thread::spawn(move || c.sync_now())
    };
    // Wait (no time limit asserted) until the sync is inside a request the proxy holds.
    while proxy.held.load(Ordering::SeqCst) == 0 {
        assert!(
            !syncing.is_finished(),
            "the sync ended before reaching the server"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    // Lock while the sync is blocked in that request: it returns, and the sync is still
    // blocked (before this change the lock waited for the whole sync).
    counsellor.lock(LockReason::Manual);
    assert!(
        !syncing.is_finished(),
        "the lock returned only after the sync ended"
    );
    assert_eq!(host.locks.lock().unwrap().as_slice(), &[LockReason::Manual]);
    assert_eq!(
        counsellor
            .list_cases(CaseListRequest::default())
            .unwrap_err()
            .key,
        "locked"
    );
    // Every other command answers at once too (locked), the sync's own included.
    assert_eq!(counsellor.sync_status().unwrap_err().key, "locked");

    // The stalled request times out; the sync ends with a plain error and tries nothing more.
    let ended = syncing.join().unwrap().unwrap_err();
    assert!(
        ["sync_unreachable", "locked"].contains(&ended.key.as_str()),
        "{ended:?}"
    );
    assert_eq!(
        proxy.held.load(Ordering::SeqCst),
        1,
        "no request after the lock"
    );

    // The store opens again, both clients are there, nothing half-applied, and the next sync
    // (the proxy healthy again) pushes what waited.
    counsellor
        .unlock(UnlockRequest {
            profile_id: session.profile.id.clone(),
            passphrase: PASS.into(),
        })
        .unwrap();
    assert_eq!(
        counsellor
            .list_cases(CaseListRequest::default())
            .unwrap()
            .rows
            .len(),
        2
    );
    assert_eq!(counsellor.verify_audit_chain().unwrap().broken, None);
    proxy.stalled.store(false, Ordering::SeqCst);
    let report = counsellor.sync_now().unwrap();
    assert!(report.pushed > 0, "the second client went now");
    assert_eq!(counsellor.sync_status().unwrap().unsynced, 0);
    supervisor.sync_now().unwrap();
    let mut names: Vec<String> = supervisor
        .list_cases(CaseListRequest::default())
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.display_name)
        .collect();
    names.sort();
    assert_eq!(names, ["Selam", "Yonas"]);
}
