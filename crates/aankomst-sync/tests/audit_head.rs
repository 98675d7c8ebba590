//! The audit chain head every push carries, against the real server binary: a device whose
//! store is restored from an older copy (its chain cut back) is flagged after its next push, a
//! device that then writes a different chain over the numbers it had shown is flagged as a
//! fork, and a server that drops a device's audit entries is caught by the supervisor's own
//! chain check. On SQLite, and on PostgreSQL when `AANKOMST_TEST_POSTGRES_URL` is set.

mod common;

use aankomst_core::audit::{AuditAction, AuditEvent, ChainBreak};
use aankomst_protocol::AuditFlagKind;
use aankomst_store::{DbKey, Identity, OpenOptions, Store};
use aankomst_sync::{Enrolment, SyncEngine};
use common::*;
use std::path::{Path, PathBuf};

const KEY: [u8; 32] = [42; 32];

/// A device whose database key the test knows, so its store can be closed, copied and
/// reopened as its owner could.
struct OwnedDevice {
    id: String,
    path: PathBuf,
    store: Option<Store>,
    engine: Option<SyncEngine>,
}

fn identity(id: &str) -> Identity {
    Identity {
        user: format!("user-of-{id}"),
        device: id.to_owned(),
    }
}

impl OwnedDevice {
    fn enrol(world: &World, id: &str) -> OwnedDevice {
        let path = world.dir.path().join(format!("{id}.aankomst"));
        let mut store = Store::create(&path, &DbKey::from_bytes(KEY), identity(id)).unwrap();
        let engine = SyncEngine::enrol(
            &mut store,
            &Enrolment {
                server: world.server.settings(),
                tenant: world.tenant.id.clone(),
                tenant_root_public_key: world.tenant.root.public().to_base64url(),
                code: world.code("counsellor"),
            },
        )
        .unwrap();
        OwnedDevice {
            id: id.to_owned(),
            path,
            store: Some(store),
            engine: Some(engine),
        }
    }

    fn store(&mut self) -> &mut Store {
        self.store.as_mut().unwrap()
    }

    fn audit(&mut self, what: &str) {
        let id = self.id.clone();
        self.store()
            .append_audit(AuditEvent {
                at: chrono::Utc::now(),
                user: format!("user-of-{id}"),
                device: id,
                client: None,
                action: AuditAction::Read,
                object: format!("client:{what}"),
                on_behalf_of: None,
            })
            .unwrap();
    }

    fn sync(&mut self) -> aankomst_sync::SyncReport {
        let store = self.store.as_mut().unwrap();
        self.engine
            .as_mut()
            .unwrap()
            .sync(store, &mut |_| {})
            .unwrap()
    }

    fn files(path: &Path) -> Vec<PathBuf> {
        ["", "-wal", "-shm"]
            .iter()
            .map(|s| {
                let mut p = path.as_os_str().to_owned();
                p.push(s);
                PathBuf::from(p)
            })
            .collect()
    }

    /// Closes the store, copies its files to `to`, and opens it again.
    fn copy_to(&mut self, to: &Path) {
        self.engine = None;
        self.store.take().unwrap().close().unwrap();
        for (from, to) in Self::files(&self.path).iter().zip(Self::files(to)) {
            if from.exists() {
                std::fs::copy(from, to).unwrap();
            }
        }
        self.reopen();
    }

    /// Closes the store, puts the copy at `from` back in its place, and opens it.
    fn restore_from(&mut self, from: &Path) {
        self.engine = None;
        self.store.take().unwrap().close().unwrap();
        for (from, to) in Self::files(from).iter().zip(Self::files(&self.path)) {
            let _ = std::fs::remove_file(&to);
            if from.exists() {
                std::fs::copy(from, to).unwrap();
            }
        }
        self.reopen();
    }

    fn reopen(&mut self) {
        let store = Store::open(
            &self.path,
            &DbKey::from_bytes(KEY),
            identity(&self.id),
            &OpenOptions::default(),
        )
        .unwrap();
        self.engine = Some(SyncEngine::load(&store).unwrap().unwrap());
        self.store = Some(store);
    }
}

fn flags_of(supervisor: &Device, id: &str) -> Vec<aankomst_protocol::AuditFlag> {
    supervisor
        .engine
        .as_ref()
        .unwrap()
        .managed_devices()
        .unwrap()
        .into_iter()
        .find(|d| d.device_id == id)
        .unwrap()
        .audit_flags
}

/// `aankomst-server audit-check`: (success, output).
fn audit_check(world: &World) -> (bool, String) {
    let out = std::process::Command::new(server_binary())
        .arg("--data-dir")
        .arg(&world.server.data)
        .args(["--storage", &world.server.storage])
        .args(["audit-check", &world.tenant.id])
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_rolled_back_store_and_a_rewritten_chain_are_flagged_by_the_server_and_nothing_is_lost() {
    for storage in backends() {
        let world = World::start(&storage, "");
        let supervisor = world.supervisor("supervisor-1");
        let mut laptop = OwnedDevice::enrol(&world, "laptop-1");
        supervisor
            .engine
            .as_ref()
            .unwrap()
            .grant_team_key("laptop-1", &laptop.engine.as_ref().unwrap().fingerprint())
            .unwrap();

        for n in 0..3 {
            laptop.audit(&format!("a{n}"));
        }
        assert_eq!(laptop.sync().audit_pushed, 3);
        let snapshot = world.dir.path().join("laptop-1-copy.aankomst");
        laptop.copy_to(&snapshot);

        // Two entries more, shown to the server by the next sync (pushed with their head).
        laptop.audit("b0");
        laptop.audit("b1");
        assert_eq!(laptop.sync().audit_pushed, 2);
        // Nothing new: the sync still shows the head (an empty push carrying it), no flag.
        assert_eq!(laptop.sync().audit_pushed, 0);
        assert!(flags_of(&supervisor, "laptop-1").is_empty());
        assert!(audit_check(&world).0);

        // The owner puts the older copy back: the chain ends at entry 3 again. A client
        // written meanwhile in the restored store still goes up: flagged, not refused.
        laptop.restore_from(&snapshot);
        assert_eq!(laptop.store().audit_head().unwrap().unwrap().seq, 3);
        let mut fields = aankomst_core::Fields::new();
        fields.insert("preferred_name".into(), serde_json::json!("Amal"));
        laptop
            .store()
            .create_record(aankomst_core::RecordKind::Client, fields)
            .unwrap();
        // (Writing the client is itself an audit entry: the head is 4, still below 5.)
        let head = laptop.store().audit_head().unwrap().unwrap().seq;
        assert!(head < 5);
        let report = laptop.sync();
        assert!(report.pushed >= 1, "the work of the restored store is kept");
        let flags = flags_of(&supervisor, "laptop-1");
        assert_eq!(flags.len(), 1, "{flags:?}");
        assert_eq!(flags[0].kind, AuditFlagKind::Regression);
        assert_eq!((flags[0].seen_seq, flags[0].claimed_seq), (5, head));

        // It writes other entries under the numbers it had shown (4 and 5): a fork.
        laptop.audit("c0");
        laptop.audit("c1");
        laptop.sync();
        let flags = flags_of(&supervisor, "laptop-1");
        assert_eq!(flags.len(), 2, "{flags:?}");
        assert_eq!(flags[1].kind, AuditFlagKind::Fork);
        assert_eq!((flags[1].seen_seq, flags[1].claimed_seq), (5, 5));
        assert_ne!(flags[1].seen_hash, flags[1].claimed_hash);

        // IT's check lists both and fails.
        let (ok, out) = audit_check(&world);
        assert!(!ok);
        assert!(out.contains("laptop-1\tFLAGGED\tregression"), "{out}");
        assert!(out.contains("laptop-1\tFLAGGED\tfork"), "{out}");
        // The supervisor's own device is not flagged.
        assert!(flags_of(&supervisor, "supervisor-1").is_empty());
    }
}

#[test]
fn a_server_that_drops_a_devices_audit_entries_is_caught_by_the_supervisors_chain_check() {
    let world = World::start("sqlite", "");
    let mut supervisor = world.supervisor("supervisor-1");
    let mut laptop = OwnedDevice::enrol(&world, "laptop-1");
    supervisor
        .engine
        .as_ref()
        .unwrap()
        .grant_team_key("laptop-1", &laptop.engine.as_ref().unwrap().fingerprint())
        .unwrap();
    for n in 0..5 {
        laptop.audit(&format!("a{n}"));
    }
    assert_eq!(laptop.sync().audit_pushed, 5);

    // The server's database is edited behind its back: entries 2 and 3 of laptop-1's chain
    // are gone (a server hiding who read what).
    let conn =
        rusqlite::Connection::open(world.server.data.join("aankomst-server.sqlite3")).unwrap();
    let bodies: Vec<(i64, Vec<u8>)> = {
        let mut stmt = conn
            .prepare("SELECT seq, body FROM envelopes WHERE author_device = 'laptop-1'")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    let mut dropped = 0;
    for (seq, body) in bodies {
        let envelope = aankomst_seal::Envelope::from_json(&body).unwrap();
        if envelope.record_kind() == "audit"
            && (envelope.revision_id().starts_with("2:")
                || envelope.revision_id().starts_with("3:"))
        {
            conn.execute("DELETE FROM envelopes WHERE seq = ?1", [seq])
                .unwrap();
            dropped += 1;
        }
    }
    assert_eq!(dropped, 2);
    drop(conn);

    let report = supervisor.sync().unwrap();
    assert_eq!(report.audit_verified, 3);
    let chains = supervisor.store.audit_chains().unwrap();
    let chain = chains.iter().find(|c| c.device == "laptop-1").unwrap();
    assert_eq!(chain.entries, 3);
    assert_eq!(chain.status, Err(ChainBreak::Gap { after: 1, next: 4 }));
    // The server's own check says so too.
    let (ok, out) = audit_check(&world);
    assert!(!ok);
    assert!(out.contains("entries 2 to 3 missing"), "{out}");
}
