//! Device certificates against a hostile server (DESIGN §4.11): the real server process with
//! its SQLite database edited behind its back. It adds a device with its own key, promotes a
//! counsellor, and blocks a laptop with no (or a forged) revocation. Every laptop refuses each
//! with a typed error and loses nothing. Also: a new device is certified by the supervisor's
//! grant, after the fingerprint check, and pushes only then.

mod common;

use aankomst_seal::{
    Audience, DeviceCertificate, DeviceKey, DeviceRole, Issuer, RecipientListPin, Revision, Sealer,
    Statement, StatementKind,
};
use aankomst_sync::{Role, SyncEngine, SyncError};
use common::*;

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

/// The server's database, opened beside the running server.
fn db(world: &World) -> rusqlite::Connection {
    rusqlite::Connection::open(world.server.data.join("aankomst-server.sqlite3")).unwrap()
}

/// A trust document the server stores as if it had admitted it.
fn plant_trust_document(world: &World, kind: &str, id: [u8; 32], json: &[u8]) {
    db(world)
        .execute(
            "INSERT INTO trust_documents (tenant, document_id, kind, body, received_at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![
                world.tenant.id,
                &id[..],
                kind,
                String::from_utf8(json.to_vec()).unwrap(),
                now_ms() as i64
            ],
        )
        .unwrap();
}

/// A supervisor holding the team key and a counsellor granted it, both synced once.
fn team(world: &World) -> (Device, Device) {
    let mut supervisor = world.supervisor("supervisor-1");
    let mut counsellor = world.device("laptop-1", "counsellor");
    let fingerprint = counsellor.engine.as_ref().unwrap().fingerprint();
    supervisor
        .engine
        .as_ref()
        .unwrap()
        .grant_team_key("laptop-1", &fingerprint)
        .unwrap();
    counsellor.write_client(1);
    counsellor.sync().unwrap();
    supervisor.sync().unwrap();
    (supervisor, counsellor)
}

#[test]
fn a_device_the_server_adds_with_its_own_key_is_refused_and_nothing_it_sent_is_taken() {
    let world = World::start("sqlite", "");
    let (mut supervisor, _counsellor) = team(&world);
    let before = state_of(&supervisor.store);

    // The server enrols a "supervisor" of its own: a device row, a certificate it signed
    // itself, and a team envelope signed by that key (the team key is public: anyone can
    // seal for it).
    let intruder = DeviceKey::generate("intruder", &mut aankomst_seal::system_rng()).unwrap();
    db(&world)
        .execute(
            "INSERT INTO devices (tenant, device_id, public_key, role, status, enrolled_at_ms)
             VALUES (?1, 'intruder', ?2, 'supervisor', 'active', ?3)",
            rusqlite::params![
                world.tenant.id,
                &intruder.public().to_bytes()[..],
                now_ms() as i64
            ],
        )
        .unwrap();
    let forged = DeviceCertificate::issue(
        Issuer::Device(&intruder),
        &world.tenant.id,
        &intruder.public(),
        DeviceRole::Supervisor,
        now_ms(),
    )
    .unwrap();
    plant_trust_document(&world, "certificate", forged.id(), &forged.to_json());
    let list = RecipientListPin::new(&world.tenant.id, world.tenant.root.public())
        .accept(&world.tenant.signed_list)
        .unwrap();
    let envelope = Sealer::new(&list, Audience::Team, &intruder)
        .unwrap()
        .seal(
            &mut aankomst_seal::system_rng(),
            &Revision {
                record_id: "0190c1d2-0000-7000-8000-00000000dead",
                record_kind: "client",
                revision_id: "0190c1d2-0000-7000-8000-00000000beef",
                hlc: "0000018f2a3b4c5d-0000-intruder",
                parents: &[],
                plaintext: b"{}",
            },
        )
        .unwrap();
    let conn = db(&world);
    let seq: i64 = conn
        .query_row("SELECT coalesce(max(seq), 0) + 1 FROM envelopes", [], |r| {
            r.get(0)
        })
        .unwrap();
    let body = envelope.to_json();
    conn.execute(
        "INSERT INTO envelopes
         (tenant, seq, envelope_id, author_device, record_id, size, received_at_ms, body)
         VALUES (?1, ?2, ?3, 'intruder', ?4, ?5, ?6, ?7)",
        rusqlite::params![
            world.tenant.id,
            seq,
            &envelope.id().as_bytes()[..],
            envelope.record_id(),
            body.len() as i64,
            now_ms() as i64,
            body
        ],
    )
    .unwrap();

    let err = supervisor.sync().unwrap_err();
    assert!(
        matches!(&err, SyncError::UnknownAuthor(d) if d == "intruder"),
        "{err:?}"
    );
    assert_eq!(err.code(), "sync-unknown-author");
    let engine = supervisor.engine.as_ref().unwrap();
    assert!(engine.trust_directory().device("intruder").is_none());
    assert_eq!(engine.device_role("intruder"), None);
    assert!(engine.device_public_key("intruder").is_none());
    assert_eq!(
        state_of(&supervisor.store),
        before,
        "nothing taken, nothing lost"
    );
    // A new laptop builds its directory from scratch: the forged certificate is not in it.
    let mut fresh = world.device("laptop-2", "counsellor");
    let _ = fresh.sync();
    assert!(fresh
        .engine
        .as_ref()
        .unwrap()
        .trust_directory()
        .device("intruder")
        .is_none());
}

#[test]
fn a_counsellor_the_server_promotes_stays_a_counsellor_everywhere() {
    let world = World::start("sqlite", "");
    let (mut supervisor, mut counsellor) = team(&world);
    db(&world)
        .execute(
            "UPDATE devices SET role = 'supervisor' WHERE device_id = 'laptop-1'",
            [],
        )
        .unwrap();
    supervisor.sync().unwrap();
    counsellor.sync().unwrap();
    // Its plan approvals are checked against this role (aankomst-app's review): refused.
    assert_eq!(
        supervisor.engine.as_ref().unwrap().device_role("laptop-1"),
        Some(Role::Counsellor)
    );
    let engine = counsellor.engine.as_ref().unwrap();
    assert_eq!(engine.role(), Role::Counsellor);
    // The server itself goes by the directory, not by its device table.
    let err = engine.pending_grants().unwrap_err();
    assert!(
        matches!(&err, SyncError::Refused { code, .. } if code == "not_supervisor"),
        "{err:?}"
    );
    // And the promoted counsellor cannot certify anyone.
    assert!(matches!(
        engine.change_role("supervisor-1", Role::Counsellor),
        Err(SyncError::NotCertifiedSupervisor)
    ));
}

#[test]
fn a_revocation_the_server_makes_up_wipes_nothing_and_loses_nothing() {
    let world = World::start("sqlite", "");
    let (_supervisor, mut counsellor) = team(&world);
    counsellor.write_client(2);
    let before = state_of(&counsellor.store);

    // An unsigned block: the status code alone.
    db(&world)
        .execute(
            "UPDATE devices SET status = 'revoked' WHERE device_id = 'laptop-1'",
            [],
        )
        .unwrap();
    let err = counsellor.sync().unwrap_err();
    assert!(
        matches!(err, SyncError::RevocationUnverified(None)),
        "{err:?}"
    );
    assert_eq!(err.code(), "sync-revocation-unverified");

    // A revocation signed by a key the server made up, served with the refusal.
    let intruder = DeviceKey::generate("intruder", &mut aankomst_seal::system_rng()).unwrap();
    let me = counsellor
        .engine
        .as_ref()
        .unwrap()
        .device_public_key("laptop-1")
        .unwrap();
    let forged = Statement::issue(
        Issuer::Device(&intruder),
        &world.tenant.id,
        StatementKind::Revocation,
        &me,
        now_ms(),
    )
    .unwrap();
    plant_trust_document(&world, "statement", forged.id(), &forged.to_json());
    let err = counsellor.sync().unwrap_err();
    assert!(
        matches!(err, SyncError::RevocationUnverified(Some(_))),
        "{err:?}"
    );
    assert!(counsellor.path.exists());
    assert_eq!(SyncEngine::unsynced(&counsellor.store).unwrap(), 1);
    assert_eq!(state_of(&counsellor.store), before, "nothing lost");
}

#[test]
fn a_new_device_is_certified_by_the_supervisors_grant_and_pushes_only_then() {
    let world = World::start("sqlite", "");
    let mut supervisor = world.supervisor("supervisor-1");
    supervisor.sync().unwrap();
    let mut laptop = world.uncertified_device("laptop-1", "counsellor");
    laptop.write_client(1);
    let err = laptop.sync().unwrap_err();
    assert!(matches!(err, SyncError::NotCertified), "{err:?}");
    assert_eq!(SyncEngine::unsynced(&laptop.store).unwrap(), 1);

    let fingerprint = laptop.engine.as_ref().unwrap().fingerprint();
    supervisor
        .engine
        .as_ref()
        .unwrap()
        .grant_team_key("laptop-1", &fingerprint)
        .unwrap();
    let report = laptop.sync().unwrap();
    assert_eq!(report.pushed, 1);
    supervisor.sync().unwrap();
    let entry = supervisor
        .engine
        .as_ref()
        .unwrap()
        .trust_directory()
        .device("laptop-1")
        .unwrap()
        .clone();
    assert_eq!(entry.role, DeviceRole::Counsellor);
    assert_eq!(entry.chain_depth, 2, "root → supervisor → laptop");

    // Promoted by a signed role change, it is a supervisor for everyone.
    supervisor
        .engine
        .as_ref()
        .unwrap()
        .change_role("laptop-1", Role::Supervisor)
        .unwrap();
    supervisor.sync().unwrap();
    laptop.sync().unwrap();
    assert_eq!(
        supervisor.engine.as_ref().unwrap().device_role("laptop-1"),
        Some(Role::Supervisor)
    );
    assert_eq!(laptop.engine.as_ref().unwrap().role(), Role::Supervisor);
    assert!(laptop.engine.as_ref().unwrap().pending_grants().is_ok());
}
