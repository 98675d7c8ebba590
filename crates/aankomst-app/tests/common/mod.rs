//! What the command tests share: a service with an in-memory keychain, cheap key
//! derivation and a host that records locks.
#![allow(dead_code)]

use aankomst_app::ipc::*;
use aankomst_app::{AppService, Host, LockReason, ServiceConfig};
use aankomst_store::{KdfParams, MemoryKeychain};
use std::sync::{Arc, Mutex};

pub const PASS: &str = "tulp fiets regen lantaarn";

#[derive(Default)]
pub struct FakeHost {
    pub locks: Mutex<Vec<LockReason>>,
    /// The Downloads folder it names (none unless a test sets one).
    pub downloads: Mutex<Option<std::path::PathBuf>>,
    /// What its save dialog answers (`None`: the user cancels).
    pub save_answer: Mutex<Option<std::path::PathBuf>>,
    /// The save dialogs it was asked to show.
    pub dialogs: Mutex<Vec<aankomst_app::exports::SaveDialog>>,
}

impl Host for FakeHost {
    fn locked(&self, reason: LockReason) {
        self.locks.lock().unwrap().push(reason);
    }

    fn downloads_dir(&self) -> Option<std::path::PathBuf> {
        self.downloads.lock().unwrap().clone()
    }

    fn choose_save_path(
        &self,
        dialog: &aankomst_app::exports::SaveDialog,
    ) -> Option<std::path::PathBuf> {
        self.dialogs.lock().unwrap().push(dialog.clone());
        self.save_answer.lock().unwrap().clone()
    }
}

pub fn cheap() -> KdfParams {
    KdfParams::with_cost(1024, 1, 1)
}

pub fn service(dir: &std::path::Path, keys: Arc<MemoryKeychain>) -> (AppService, Arc<FakeHost>) {
    let host = Arc::new(FakeHost::default());
    let mut config = ServiceConfig::new(dir.to_path_buf(), keys);
    config.kdf = cheap;
    (AppService::new(config, host.clone()), host)
}

pub fn with_profile() -> (tempfile::TempDir, AppService, Arc<FakeHost>, SessionInfo) {
    let dir = tempfile::tempdir().unwrap();
    let (svc, host) = service(dir.path(), Arc::new(MemoryKeychain::new()));
    let session = svc
        .create_profile(CreateProfileRequest {
            name: "Fatima de Vries".into(),
            passphrase: PASS.into(),
            demo: false,
        })
        .unwrap();
    (dir, svc, host, session)
}

pub fn new_client(svc: &AppService, fields: serde_json::Value) -> ClientView {
    svc.create_client(CreateClientRequest { fields }).unwrap()
}

/// A profile whose municipality's policy keeps the PHQ-9 and the GAD-7 for the team (the
/// default policy seals every clinical screening for the GGD): for the tests of what a
/// counsellor sees and does with a team screening. The policy is put in the store the way the
/// sync engine keeps an accepted one (the signature checks are the sync crate's, tested there).
pub fn with_team_screening_profile() -> (tempfile::TempDir, AppService, Arc<FakeHost>, SessionInfo)
{
    let dir = tempfile::tempdir().unwrap();
    let keys = Arc::new(MemoryKeychain::new());
    let (svc, host) = service(dir.path(), keys.clone());
    let session = svc
        .create_profile(CreateProfileRequest {
            name: "Fatima de Vries".into(),
            passphrase: PASS.into(),
            demo: false,
        })
        .unwrap();
    let mut policy = aankomst_core::policy::Policy::default();
    policy
        .sealed_instruments
        .retain(|s| !["phq9", "gad7"].contains(&s.definition_id.as_str()));
    let (_, mut store) = aankomst_store::Profiles::new(dir.path(), keys)
        .unlock(
            &session.profile.id,
            PASS,
            0,
            &aankomst_store::OpenOptions::default(),
        )
        .unwrap();
    store
        .keep_accepted_policy(
            aankomst_store::PolicySource {
                version: 1,
                issued_at_ms: 1,
                issuer_key_id: "test".into(),
                signer: "root".into(),
                accepted_at_ms: 1,
            },
            &policy.to_canonical_json().unwrap(),
            "",
            ("policy_pin", "null"),
        )
        .unwrap();
    (dir, svc, host, session)
}
