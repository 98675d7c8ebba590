//! The sync client against the real server binary over loopback TLS, on SQLite and (when
//! `AANKOMST_TEST_POSTGRES_URL` is set) PostgreSQL.

mod common;

use aankomst_core::RecordKind;
use aankomst_sync::{SyncEngine, SyncError};
use common::*;

#[test]
fn enrol_grant_push_pull_round_trip_with_receipts_ledger_and_check_in() {
    for storage in backends() {
        let world = World::start(&storage, "");
        let mut supervisor = world.supervisor("supervisor-1");
        let mut counsellor = world.device("laptop-1", "counsellor");
        assert!(!counsellor.engine.as_ref().unwrap().has_team_key());

        // The supervisor sees the new device waiting, with the fingerprint it shows, and grants.
        let pending = supervisor
            .engine
            .as_ref()
            .unwrap()
            .pending_grants()
            .unwrap();
        assert_eq!(pending.len(), 1, "{pending:?}");
        assert_eq!(pending[0].device_id, "laptop-1");
        assert_eq!(
            pending[0].fingerprint,
            counsellor.engine.as_ref().unwrap().fingerprint()
        );
        // A fingerprint other than the device's (here: the supervisor's own, as a server that
        // slipped in a device would hope the supervisor types) is refused, and nothing is sent.
        let own = supervisor.engine.as_ref().unwrap().fingerprint();
        for wrong in [own.as_str(), "", "-"] {
            assert!(matches!(
                supervisor
                    .engine
                    .as_ref()
                    .unwrap()
                    .grant_team_key("laptop-1", wrong),
                Err(SyncError::FingerprintMismatch)
            ));
        }
        assert_eq!(
            supervisor
                .engine
                .as_ref()
                .unwrap()
                .pending_grants()
                .unwrap()
                .len(),
            1,
            "a refused grant leaves the request waiting"
        );
        // Typed as a person reads it: other case, spaces instead of the dash.
        let typed = counsellor
            .engine
            .as_ref()
            .unwrap()
            .fingerprint()
            .to_uppercase()
            .replace('-', " ");
        supervisor
            .engine
            .as_ref()
            .unwrap()
            .grant_team_key("laptop-1", &format!(" {typed} "))
            .unwrap();
        assert!(supervisor
            .engine
            .as_ref()
            .unwrap()
            .pending_grants()
            .unwrap()
            .is_empty());

        for n in 0..25 {
            counsellor.write_client(n);
        }
        assert_eq!(SyncEngine::unsynced(&counsellor.store).unwrap(), 25);
        let mut seen = Vec::new();
        let report = counsellor
            .engine
            .as_mut()
            .unwrap()
            .sync(&mut counsellor.store, &mut |p| seen.push(p))
            .unwrap();
        assert!(counsellor.engine.as_ref().unwrap().has_team_key());
        assert_eq!(report.pushed, 25);
        assert_eq!(SyncEngine::unsynced(&counsellor.store).unwrap(), 0);
        assert!(seen.iter().any(|p| p.records == 25 && p.bytes > 25 * 500));
        let ledger = SyncEngine::ledger(&counsellor.store, 100).unwrap();
        assert_eq!(
            ledger.iter().filter(|e| e.direction == "pushed").count(),
            25
        );
        assert!(ledger.iter().all(|e| e.server_sequence >= 1));
        let checked_in = SyncEngine::last_check_in(&counsellor.store)
            .unwrap()
            .unwrap();
        assert_eq!(checked_in, report.checked_in_at_ms);

        // Nothing new: a second sync pushes nothing (the receipts are held).
        let again = counsellor.sync().unwrap();
        assert_eq!(again.pushed, 0);

        // The supervisor pulls all 25 and reads them.
        let report = supervisor.sync().unwrap();
        assert_eq!(report.pulled, 25);
        assert_eq!(supervisor.store.count_kind(RecordKind::Client).unwrap(), 25);
        assert_eq!(state_of(&supervisor.store), state_of(&counsellor.store));

        // A supervisor edit comes back to the counsellor.
        let id = {
            let mut ids = Vec::new();
            supervisor
                .store
                .for_each_of_kind(RecordKind::Client, |id, _| ids.push(id))
                .unwrap();
            ids[0]
        };
        let mut f = aankomst_core::Fields::new();
        f.insert("preferred_name".into(), serde_json::json!("Fatma"));
        supervisor.store.write(RecordKind::Client, id, f).unwrap();
        supervisor.sync().unwrap();
        let report = counsellor.sync().unwrap();
        assert_eq!(report.pulled, 1);
        assert_eq!(state_of(&supervisor.store), state_of(&counsellor.store));

        // Engines survive a restart: load from the store and sync again.
        let mut reloaded = SyncEngine::load(&counsellor.store).unwrap().unwrap();
        assert!(reloaded.has_team_key());
        let report = reloaded.sync(&mut counsellor.store, &mut |_| {}).unwrap();
        assert_eq!((report.pushed, report.pulled), (0, 0));

        world.assert_server_holds_no_plaintext();
    }
}

#[test]
fn a_sealed_administration_is_kept_with_its_receipt_and_no_team_device_can_open_it() {
    let world = World::start("sqlite", "");
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

    // A K10: sealed for the GGD by its definition (DESIGN §4.12).
    let mut f = aankomst_core::Fields::new();
    f.insert("definition_id".into(), serde_json::json!("k10-nl"));
    f.insert("sealed_for".into(), serde_json::json!("ggd"));
    let rev = counsellor
        .store
        .create_record(RecordKind::Administration, f)
        .unwrap();
    counsellor.sync().unwrap();
    assert!(counsellor.store.sync_receipt(rev.rev_id).unwrap().is_some());

    let report = supervisor.sync().unwrap();
    assert_eq!(report.sealed_for_others, 1);
    assert_eq!(report.pulled, 0);
    assert!(supervisor.store.get(rev.record_id).unwrap().is_none());
    let ledger = SyncEngine::ledger(&supervisor.store, 10).unwrap();
    let administration = ledger
        .iter()
        .find(|l| l.record_kind == "administration")
        .unwrap();
    assert_eq!(administration.outcome, "sealed_not_for_this_device");

    // The GGD's key opens it; the team key does not. (Audit entries go up first in a sync:
    // the administration is found by its kind, not its place.)
    let envelope = world
        .server_envelope_ids()
        .iter()
        .map(|body| aankomst_seal::Envelope::from_json(body).unwrap())
        .find(|e| e.record_kind() == "administration")
        .unwrap();
    let author = world.device_key("laptop-1");
    assert!(envelope.open(&world.tenant.ggd, &author).is_ok());
    assert!(envelope.open(&world.tenant.team, &author).is_err());
}

#[test]
fn a_device_without_the_team_key_pushes_but_does_not_move_its_cursor_past_team_envelopes() {
    let world = World::start("sqlite", "");
    let mut supervisor = world.supervisor("supervisor-1");
    let mut counsellor = world.device("laptop-1", "counsellor");
    supervisor.write_client(1);
    supervisor.sync().unwrap();
    counsellor.write_client(2);
    let err = counsellor.sync().unwrap_err();
    assert!(matches!(err, SyncError::TeamKeyMissing), "{err:?}");
    assert!(err.is_retryable());
    assert_eq!(
        SyncEngine::unsynced(&counsellor.store).unwrap(),
        0,
        "its push went through"
    );
    assert_eq!(counsellor.store.count_kind(RecordKind::Client).unwrap(), 1);

    supervisor
        .engine
        .as_ref()
        .unwrap()
        .grant_team_key(
            "laptop-1",
            &counsellor.engine.as_ref().unwrap().fingerprint(),
        )
        .unwrap();
    let report = counsellor.sync().unwrap();
    assert_eq!(report.pulled, 1);
    assert_eq!(counsellor.store.count_kind(RecordKind::Client).unwrap(), 2);
}

#[test]
fn a_server_naming_another_tenant_root_is_refused_at_enrolment_and_nothing_is_kept() {
    let world = World::start("sqlite", "");
    let mut device = Device::create(world.dir.path(), "laptop-1");
    let impostor = aankomst_seal::TenantRootKey::generate(&mut aankomst_seal::system_rng());
    let err = SyncEngine::enrol(
        &mut device.store,
        &aankomst_sync::Enrolment {
            server: world.server.settings(),
            tenant: world.tenant.id.clone(),
            tenant_root_public_key: impostor.public().to_base64url(),
            code: world.code("counsellor"),
        },
    )
    .unwrap_err();
    assert!(matches!(err, SyncError::TenantRootMismatch), "{err:?}");
    assert!(SyncEngine::load(&device.store).unwrap().is_none());
}

/// What a compromised server (or anyone who can write its database) would try: a recipient
/// list with a team key of its own, signed by a key of its own; or an older list back.
fn tamper_list(world: &World, json: &[u8]) {
    let conn =
        rusqlite::Connection::open(world.server.data.join("aankomst-server.sqlite3")).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .unwrap();
    conn.execute(
        "UPDATE tenants SET recipient_list_json = ?1",
        [std::str::from_utf8(json).unwrap()],
    )
    .unwrap();
}

#[test]
fn a_recipient_list_not_signed_by_the_tenant_root_is_refused_and_nothing_is_sealed_for_it() {
    let world = World::start("sqlite", "");
    let mut counsellor = world.device("laptop-1", "counsellor");
    counsellor.write_client(1);
    counsellor.sync().unwrap();
    let before = world.server_envelope_count();

    let mut rng = aankomst_seal::system_rng();
    let attacker_root = aankomst_seal::TenantRootKey::generate(&mut rng);
    let attacker_team = aankomst_seal::RecipientKeyPair::generate(&mut rng);
    let forged = list_signed_by(
        &world.tenant.id,
        2,
        &attacker_root,
        &attacker_team,
        &world.tenant.recovery,
        &world.tenant.ggd,
    );
    tamper_list(&world, &forged.to_json());

    for n in 2..5 {
        counsellor.write_client(n);
    }
    let err = counsellor.sync().unwrap_err();
    assert!(
        matches!(
            err,
            SyncError::RecipientListRefused(aankomst_seal::SealError::BadSignature)
        ),
        "{err:?}"
    );
    assert!(!err.is_retryable());
    // Nothing was sealed (let alone sent) for the forged list's keys.
    assert!(counsellor
        .store
        .unreceipted_envelopes(100)
        .unwrap()
        .is_empty());
    assert_eq!(SyncEngine::unsynced(&counsellor.store).unwrap(), 3);
    assert_eq!(world.server_envelope_count(), before);

    // A rollback to an older (genuinely signed) list is refused as well, once a newer one was
    // accepted.
    let newer = list_signed_by(
        &world.tenant.id,
        3,
        &world.tenant.root,
        &world.tenant.team,
        &world.tenant.recovery,
        &world.tenant.ggd,
    );
    tamper_list(&world, &newer.to_json());
    let report = counsellor.sync().unwrap();
    assert_eq!(report.pushed, 3);
    tamper_list(&world, &world.tenant.signed_list.to_json());
    counsellor.write_client(9);
    let err = counsellor.sync().unwrap_err();
    assert!(
        matches!(
            err,
            SyncError::RecipientListRefused(aankomst_seal::SealError::Rollback { .. })
        ),
        "{err:?}"
    );
    assert_eq!(SyncEngine::unsynced(&counsellor.store).unwrap(), 1);
}

/// Behaviour changed with device certificates (DESIGN §4.9, §4.11): a block by the server
/// (its admin CLI, or anyone who can edit its database) refuses the device but is no reason
/// to wipe; only a revocation signed by a supervisor, verified under the pinned root, is.
#[test]
fn a_device_revoked_by_a_signed_statement_wipes_and_a_server_block_does_not() {
    for storage in backends() {
        let world = World::start(&storage, "");
        let mut supervisor = world.supervisor("supervisor-1");
        supervisor.sync().unwrap();
        let mut counsellor = world.device("laptop-1", "counsellor");
        counsellor.write_client(1);
        counsellor.sync().unwrap();
        let held = world.server_envelope_count();

        world
            .server
            .admin(&["devices", "revoke", &world.tenant.id, "laptop-1"]);
        counsellor.write_client(2);
        let err = counsellor.sync().unwrap_err();
        assert!(
            matches!(err, SyncError::RevocationUnverified(None)),
            "{err:?}"
        );
        assert_eq!(err.code(), "sync-revocation-unverified");
        assert_eq!(
            SyncEngine::unsynced(&counsellor.store).unwrap(),
            1,
            "nothing lost"
        );

        supervisor
            .engine
            .as_ref()
            .unwrap()
            .revoke_device("laptop-1")
            .unwrap();
        let err = counsellor.sync().unwrap_err();
        assert!(matches!(err, SyncError::Revoked), "{err:?}");
        assert_eq!(
            world.server_envelope_count(),
            held,
            "nothing accepted from it"
        );

        // The app's reaction: wipe. The database (which holds the sync keys) is gone.
        let Device { path, store, .. } = counsellor;
        assert!(path.exists());
        SyncEngine::wipe(store, &path).unwrap();
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            assert!(!std::path::Path::new(&p).exists(), "{p:?} left behind");
        }
        let reopened = aankomst_store::Store::open(
            &path,
            &aankomst_store::DbKey::random(),
            aankomst_store::Identity {
                user: "u".into(),
                device: "laptop-1".into(),
            },
            &Default::default(),
        );
        assert!(matches!(
            reopened,
            Err(aankomst_store::StoreError::DatabaseMissing)
        ));
    }
}

#[test]
fn a_typed_fingerprint_matches_whatever_its_case_spaces_and_dashes_and_nothing_else() {
    use aankomst_sync::fingerprints_match;
    let shown = "Ab12cd34-ef56GH78";
    assert!(fingerprints_match(shown, shown));
    assert!(fingerprints_match(shown, "ab12 cd34 ef56 gh78"));
    assert!(fingerprints_match(shown, "AB12CD34EF56GH78"));
    assert!(fingerprints_match(shown, " ab12-cd34 - ef56-gh78\t"));
    assert!(!fingerprints_match(shown, "ab12cd34ef56gh7"));
    assert!(!fingerprints_match(shown, "ab12cd34ef56gh789"));
    assert!(!fingerprints_match(shown, "ab12cd34ef56gh7_8"));
    assert!(!fingerprints_match(shown, ""));
    assert!(!fingerprints_match("", ""));
    assert!(!fingerprints_match("-", " "));
}

#[test]
fn a_stopped_engine_sends_nothing_more_and_its_store_is_untouched() {
    let world = World::start("sqlite", "");
    let mut counsellor = world.device("laptop-1", "counsellor");
    counsellor.write_client(0);
    let unsynced = SyncEngine::unsynced(&counsellor.store).unwrap();
    let stop = counsellor.engine.as_ref().unwrap().stop_flag();
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let err = counsellor.sync().unwrap_err();
    assert!(matches!(err, SyncError::Cancelled), "{err:?}");
    assert_eq!(
        counsellor
            .engine
            .as_ref()
            .unwrap()
            .pending_grants()
            .unwrap_err()
            .code(),
        "sync-cancelled",
        "every request is refused once stopped"
    );
    assert_eq!(SyncEngine::unsynced(&counsellor.store).unwrap(), unsynced);
}
