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
    // The municipality's key list with the GGD's key, pinned before enrolment: sealed
    // instruments (the K10) are refused without it.
    pin_municipal_keys(&svc);
    (dir, svc, host, session)
}

/// A municipality's keys as its key ceremony makes them (test keys): the root public key
/// (base64url), the signed recipient list (JSON) and the GGD's and recovery key pairs.
pub struct MunicipalKeys {
    pub root_public_key: String,
    pub recipient_list: String,
    pub ggd: aankomst_seal::RecipientKeyPair,
    pub recovery: aankomst_seal::RecipientKeyPair,
}

pub fn municipal_keys(tenant: &str) -> MunicipalKeys {
    use aankomst_seal::{RecipientKeyPair, RecipientList, TeamKey, TenantRootKey};
    let mut rng = aankomst_seal::system_rng();
    let root = TenantRootKey::generate(&mut rng);
    let team = RecipientKeyPair::generate(&mut rng);
    let recovery = RecipientKeyPair::generate(&mut rng);
    let ggd = RecipientKeyPair::generate(&mut rng);
    let signed = RecipientList {
        tenant: tenant.into(),
        generation: 1,
        team: TeamKey {
            generation: 1,
            key: team.public().clone(),
        },
        previous_team: Vec::new(),
        recovery: recovery.public().clone(),
        sealing: [("ggd".to_owned(), ggd.public().clone())]
            .into_iter()
            .collect(),
    }
    .sign(&root)
    .unwrap();
    MunicipalKeys {
        root_public_key: root.public().to_base64url(),
        recipient_list: String::from_utf8(signed.to_json()).unwrap(),
        ggd,
        recovery,
    }
}

/// Pins a fresh municipality's key list on the open profile (before enrolment).
pub fn pin_municipal_keys(svc: &AppService) -> MunicipalKeys {
    let keys = municipal_keys("gemeente-test");
    let status = svc
        .pin_recipient_list(&keys.root_public_key, &keys.recipient_list)
        .unwrap();
    assert!(status.ggd_key_pinned && !status.enrolled);
    keys
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
    // The GGD's key, so the instruments the policy still seals (the K10) can be given.
    pin_municipal_keys(&svc);
    (dir, svc, host, session)
}
