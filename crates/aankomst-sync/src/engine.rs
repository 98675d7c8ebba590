//! The sync engine: enrolment, the team-key grant, push then pull, ledger, check-in, wipe.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use aankomst_core::audit::{entry_hash, AuditEntry};
use aankomst_core::authority::Delivered;
use aankomst_core::sealing::SealingRule;
use aankomst_core::{RecordKind, Revision};
use aankomst_protocol::{
    grant_request_signed_bytes, AuditHead, DevicesResponse, EnrolRequest, EnrolResponse,
    EnrolmentCodeRequest, EnrolmentCodeResponse, GrantRequest, GrantUpload, Limits, ManagedDevice,
    ManagedDevicesResponse, MyGrantsResponse, PendingGrantsResponse, PolicyResponse,
    PolicyUploaded, PullResponse, PushResponse, RecipientsResponse, RequestSigner,
    RevokeDeviceRequest, Role, ServerInfo, TrustMaterial,
};
use aankomst_seal::{
    verify_revocation_of, Audience, DeviceCertificate, DeviceKey, DevicePublicKey, DeviceRole,
    DeviceStatus, Envelope, Issuer, Opener, PolicyPin, Receipt, RecipientKeyPair, RecipientListPin,
    SealError, Sealer, ServerPublicKey, SignedPolicy, SignedRecipientList, Statement,
    StatementKind, TeamKeyGrant, TenantRootPublicKey, TrustDirectory, VerifiedRecipientList,
};
use aankomst_store::{LedgerEntry, ReceivedAudit, SealedRevision, Store, SyncReceiptRow};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ed25519_dalek::Signer as _;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use zeroize::Zeroizing;

use crate::client::{Http, ServerSettings};
use crate::error::ClaimedRevocation;
use crate::policy::{check_policy, signer_name, PolicyRefused};
use crate::SyncError;

pub(crate) const KEY_ENROLMENT: &str = "enrolment";
pub(crate) const KEY_PIN: &str = "recipient_list_pin";
pub(crate) const KEY_LIST: &str = "recipient_list";
const KEY_TEAM_KEYS: &str = "team_keys";
/// The certificates and statements this device accepted (DESIGN §4.11), rebuilt on load.
const KEY_TRUST: &str = "trust_material";
const KEY_CURSOR: &str = "pull_cursor";
const KEY_CHECK_IN: &str = "last_check_in_ms";
const KEY_AUDIT_PUSHED: &str = "audit_pushed_seq";
const KEY_AUDIT_PENDING: &str = "audit_pending_batch";
const KEY_POLICY_PIN: &str = "policy_pin";
/// The record kind of audit-trail envelopes (see [`SyncEngine::push_audit`]).
pub const AUDIT_KIND: &str = "audit";

/// Below this many items a batch is sealed or opened on the calling thread.
const PARALLEL_MIN: usize = 64;

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn b64_32(text: &str, what: &'static str) -> Result<Zeroizing<[u8; 32]>, SyncError> {
    let bytes = Zeroizing::new(
        URL_SAFE_NO_PAD
            .decode(text)
            .map_err(|_| SyncError::Protocol(format!("{what} is not base64url")))?,
    );
    let array: [u8; 32] = bytes
        .as_slice()
        .try_into()
        .map_err(|_| SyncError::Protocol(format!("{what} is not 32 bytes")))?;
    Ok(Zeroizing::new(array))
}

/// The signing key of an enrolled profile's device.
pub(crate) fn persisted_device_key(store: &Store) -> Result<DeviceKey, SyncError> {
    let text = Zeroizing::new(
        store
            .sync_state(KEY_ENROLMENT)?
            .ok_or(SyncError::NotEnrolled)?,
    );
    let p: Persisted = serde_json::from_str(&text)
        .map_err(|_| SyncError::Protocol("stored enrolment does not parse".into()))?;
    Ok(DeviceKey::from_secret_bytes(
        &p.device_id,
        &*b64_32(&p.device_secret, "device key")?,
    )?)
}

/// What a device needs to enrol: the server, the tenant, the tenant root public key (given out
/// of band, e.g. with the enrolment code; pinned from now on) and the one-time code.
#[derive(Clone, Debug)]
pub struct Enrolment {
    /// Server URL and the certificate to trust.
    pub server: ServerSettings,
    /// Tenant id.
    pub tenant: String,
    /// The tenant root public key, base64url.
    pub tenant_root_public_key: String,
    /// The one-time code a supervisor issued.
    pub code: String,
}

/// The enrolment as persisted in the encrypted store. Secret keys are kept here because the
/// whole database is encrypted with a key the OS keychain releases only after unlock.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Persisted {
    server: ServerSettings,
    tenant: String,
    device_id: String,
    role: Role,
    server_public_key: String,
    device_secret: String,
    grant_secret: String,
}

#[derive(Serialize, Deserialize)]
struct TeamKeyStored {
    generation: u64,
    secret: String,
}

/// Which phase a progress report is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Sealing and sending this device's revisions.
    Push,
    /// Fetching, verifying and applying other devices' revisions.
    Pull,
}

/// Progress for a progress bar: how many records and bytes so far in this phase, and, for a
/// push, how many in all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// The phase.
    pub phase: Phase,
    /// Records done in this phase.
    pub records: u64,
    /// Records to do, when known (push).
    pub total_records: Option<u64>,
    /// Bytes sent (push) or received (pull) in this phase.
    pub bytes: u64,
}

/// What one sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// Revisions of this device receipted by the server in this sync.
    pub pushed: u64,
    /// Bytes of envelopes pushed.
    pub pushed_bytes: u64,
    /// Revisions from other devices taken into the store.
    pub pulled: u64,
    /// Bytes of envelopes pulled.
    pub pulled_bytes: u64,
    /// Pulled revisions the store already held.
    pub already_held: u64,
    /// Pulled envelopes sealed for someone else (the GGD): kept out, as they must be.
    pub sealed_for_others: u64,
    /// Pulled envelopes refused (they break the envelope or field rules); recorded in the
    /// ledger, never applied.
    pub refused: u64,
    /// This device's audit entries receipted by the server in this sync.
    pub audit_pushed: u64,
    /// Other devices' audit entries pulled whose content matched their chain links.
    pub audit_verified: u64,
    /// Of those, the ones new to this device's store (a re-pull stores nothing twice).
    pub audit_stored: u64,
    /// The pull cursor after this sync.
    pub cursor: u64,
    /// When this sync completed (the new last check-in), ms since the epoch.
    pub checked_in_at_ms: u64,
    /// The policy version this sync accepted (new to this device), if any.
    pub policy_accepted: Option<u64>,
    /// Why the policy the server offered was refused, if it was: the device keeps the policy
    /// it had, and the rest of the sync goes on.
    pub policy_refused: Option<PolicyRefused>,
    /// How long each HTTP request of this sync took, in microseconds, in order (diagnostics
    /// and benchmarks).
    pub request_durations_us: Vec<u64>,
}

/// A device waiting for the team key, as a supervisor's app lists it. The app should show
/// `fingerprint` and have the supervisor compare it with the one the new device shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PendingDevice {
    /// The device id.
    pub device_id: String,
    /// A short fingerprint of the device's keys (signing key id and grant key id).
    pub fingerprint: String,
}

/// The client side of sync for one enrolled profile. See the crate docs for the flow.
pub struct SyncEngine {
    http: Http,
    tenant: String,
    role: Role,
    device: DeviceKey,
    grant_key: RecipientKeyPair,
    server_key: ServerPublicKey,
    signer: RequestSigner,
    pin: RecipientListPin,
    list: Option<VerifiedRecipientList>,
    team_keys: Vec<(u64, RecipientKeyPair)>,
    /// The tenant's devices as certificates and statements that chain to the pinned root say
    /// they are (never as the server says).
    trust: TrustDirectory,
    limits: Option<Limits>,
    timings: std::sync::Mutex<Vec<u64>>,
    /// The newest municipal policy accepted (version and digest), persisted.
    policy_pin: PolicyPin,
}

/// How many documents of the server's trust material did not verify.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct TrustRefusals {
    certificates: usize,
    statements: usize,
}

/// The accepted trust material as persisted: each document's JSON, in arrival order.
#[derive(Default, Serialize, Deserialize)]
struct TrustStored {
    certificates: Vec<String>,
    statements: Vec<String>,
}

impl std::fmt::Debug for SyncEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncEngine")
            .field("tenant", &self.tenant)
            .field("device", &self.device.device_id())
            .finish_non_exhaustive()
    }
}

impl SyncEngine {
    /// Enrols this profile's device with a one-time code: makes the device's Ed25519 signing
    /// key and an X25519 key for the team-key grant, redeems the code, checks that the server
    /// names the tenant root key given out of band, pins that key and accepts the tenant's
    /// recipient list only if the pinned root signed it, pins the server's receipt key, asks
    /// for the team key, and saves it all in the encrypted store. The device id is the
    /// store's device identity (the author of its revisions). Nothing is saved on a refusal.
    pub fn enrol(store: &mut Store, enrolment: &Enrolment) -> Result<SyncEngine, SyncError> {
        if store.sync_state(KEY_ENROLMENT)?.is_some() {
            return Err(SyncError::AlreadyEnrolled);
        }
        let root = TenantRootPublicKey::from_base64url(&enrolment.tenant_root_public_key)
            .map_err(|_| SyncError::BadServerSettings("tenant root key is not valid".into()))?;
        let http = Http::new(&enrolment.server)?;
        let mut rng = aankomst_seal::system_rng();
        let device_id = store.identity().device.clone();
        // A list pinned before enrolment (sealed instruments were given already, their
        // envelopes signed by the device key made then): the same tenant and root only, and
        // that device key is the one enrolled.
        let pinned = match store.sync_state(KEY_PIN)? {
            Some(text) => {
                let pin: RecipientListPin = serde_json::from_str(&text)
                    .map_err(|_| SyncError::Protocol("stored pin does not parse".into()))?;
                let list_tenant = store
                    .sync_state(KEY_LIST)?
                    .and_then(|l| SignedRecipientList::from_json(l.as_bytes()).ok())
                    .map(|l| l.tenant().to_owned());
                if pin.root() != &root || list_tenant.as_deref() != Some(enrolment.tenant.as_str())
                {
                    return Err(SyncError::TenantRootMismatch);
                }
                Some(pin)
            }
            None => None,
        };
        let device = match crate::write_seal::local_device_key_of(store)? {
            Some(device) => device,
            None => DeviceKey::generate(&device_id, &mut rng)?,
        };
        let grant_key = RecipientKeyPair::generate(&mut rng);
        let signer = RequestSigner::new(&device, &enrolment.tenant);
        let body = serde_json::to_vec(&EnrolRequest {
            code: enrolment.code.clone(),
            device: device.public(),
        })
        .map_err(|e| SyncError::Protocol(e.to_string()))?;
        let (answer, _): (EnrolResponse, _) = http.call(&signer, "POST", "/v1/enrol", body)?;
        if answer.tenant_root_public_key != root.to_base64url() {
            return Err(SyncError::TenantRootMismatch);
        }
        if answer.device.device_id != device_id || answer.device.tenant != enrolment.tenant {
            return Err(SyncError::Protocol("enrolled as another device".into()));
        }
        let server_key = ServerPublicKey::from_base64url(&answer.server_public_key)
            .map_err(|_| SyncError::Protocol("server key is not valid".into()))?;
        let mut engine = SyncEngine {
            http,
            tenant: enrolment.tenant.clone(),
            role: answer.device.role,
            signer,
            device,
            grant_key,
            server_key,
            trust: TrustDirectory::new(&enrolment.tenant, root.clone()),
            pin: pinned.unwrap_or_else(|| RecipientListPin::new(&enrolment.tenant, root)),
            list: None,
            team_keys: Vec::new(),
            limits: None,
            timings: Default::default(),
            policy_pin: PolicyPin::new(&enrolment.tenant),
        };
        let list_json = match &answer.recipient_list {
            Some(raw) => Some(engine.accept_list(raw.get().as_bytes())?),
            None => None,
        };
        engine.request_grant()?;
        let persisted = Persisted {
            server: enrolment.server.clone(),
            tenant: engine.tenant.clone(),
            device_id,
            role: engine.role,
            server_public_key: engine.server_key.to_base64url(),
            device_secret: b64(engine.device.secret_bytes().as_slice()),
            grant_secret: b64(engine.grant_key.secret_bytes().as_slice()),
        };
        let persisted = Zeroizing::new(json(&persisted)?);
        let pin = json(&engine.pin)?;
        let now = now_ms().to_string();
        let mut values = vec![
            (KEY_ENROLMENT, persisted.as_str()),
            (KEY_PIN, pin.as_str()),
            (KEY_CHECK_IN, now.as_str()),
        ];
        if let Some(list) = &list_json {
            values.push((KEY_LIST, list.as_str()));
        }
        store.set_sync_state(&values)?;
        tracing::info!(device = %engine.device.device_id(), "enrolled for sync");
        Ok(engine)
    }

    /// The engine of an enrolled profile, or `None` if it was never enrolled.
    pub fn load(store: &Store) -> Result<Option<SyncEngine>, SyncError> {
        let Some(text) = store.sync_state(KEY_ENROLMENT)?.map(Zeroizing::new) else {
            return Ok(None);
        };
        let p: Persisted = serde_json::from_str(&text)
            .map_err(|_| SyncError::Protocol("stored enrolment does not parse".into()))?;
        let device =
            DeviceKey::from_secret_bytes(&p.device_id, &*b64_32(&p.device_secret, "device key")?)?;
        let grant_key =
            RecipientKeyPair::from_secret_bytes(&*b64_32(&p.grant_secret, "grant key")?);
        let pin_text = store.sync_state(KEY_PIN)?.ok_or(SyncError::NotEnrolled)?;
        let mut pin: RecipientListPin = serde_json::from_str(&pin_text)
            .map_err(|_| SyncError::Protocol("stored pin does not parse".into()))?;
        let list = match store.sync_state(KEY_LIST)? {
            // The same list again is accepted by its own pin; anything else is refused.
            Some(text) => Some(
                pin.accept(&SignedRecipientList::from_json(text.as_bytes())?)
                    .map_err(SyncError::RecipientListRefused)?,
            ),
            None => None,
        };
        let team_keys = match store.sync_state(KEY_TEAM_KEYS)? {
            Some(text) => {
                let text = Zeroizing::new(text);
                let stored: Vec<TeamKeyStored> = serde_json::from_str(&text)
                    .map_err(|_| SyncError::Protocol("stored team keys do not parse".into()))?;
                stored
                    .iter()
                    .map(|t| {
                        Ok((
                            t.generation,
                            RecipientKeyPair::from_secret_bytes(&*b64_32(&t.secret, "team key")?),
                        ))
                    })
                    .collect::<Result<_, SyncError>>()?
            }
            None => Vec::new(),
        };
        let trust = load_trust(store, &p.tenant, pin.root())?;
        let policy_pin = match store.sync_state(KEY_POLICY_PIN)? {
            Some(text) => serde_json::from_str(&text)
                .map_err(|_| SyncError::Protocol("stored policy pin does not parse".into()))?,
            None => PolicyPin::new(&p.tenant),
        };
        Ok(Some(SyncEngine {
            trust,
            policy_pin,
            http: Http::new(&p.server)?,
            signer: RequestSigner::new(&device, &p.tenant),
            tenant: p.tenant,
            role: p.role,
            device,
            grant_key,
            server_key: ServerPublicKey::from_base64url(&p.server_public_key)?,
            pin,
            list,
            team_keys,
            limits: None,
            timings: Default::default(),
        }))
    }

    /// A flag that stops this engine's running sync at its next request (with
    /// [`SyncError::Cancelled`]) once set: the app sets it when it locks. The request in flight
    /// ends with its answer or its timeout; the store stays consistent, as after any interruption.
    pub fn stop_flag(&self) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        self.http.stop_flag()
    }

    /// How long one request may take (120 s unless set).
    pub fn set_request_timeout(&mut self, timeout: std::time::Duration) {
        self.http.set_timeout(timeout);
    }

    /// The device id.
    pub fn device_id(&self) -> &str {
        self.device.device_id()
    }

    /// The device's role: as its certificate (and any later signed role change) says once the
    /// directory holds it, else the role it enrolled with (a supervisor's device grants the
    /// team key).
    pub fn role(&self) -> Role {
        match self.trust.device(self.device.device_id()) {
            Some(entry) if entry.key == self.device.public() => {
                sync_role(entry.role).unwrap_or(self.role)
            }
            _ => self.role,
        }
    }

    /// Signs a statement of this device outside sync (a supervisor's approval of a plan) with
    /// its Ed25519 key; see [`DeviceKey::sign_statement`] for what `message` must look like.
    pub fn sign_statement(&self, message: &[u8]) -> [u8; 64] {
        self.device.sign_statement(message)
    }

    /// The key of a device of the tenant (this device's own included) if the directory holds
    /// it certified and not revoked: the key a statement of that device is checked with.
    pub fn device_public_key(&self, device_id: &str) -> Option<DevicePublicKey> {
        if device_id == self.device.device_id() {
            return Some(self.device.public());
        }
        self.trust.author_key(device_id).ok().cloned()
    }

    /// The tenant's device directory as verified certificates and statements say it is (the
    /// roles and keys other parts of the app may trust; see DESIGN §4.11).
    pub fn trust_directory(&self) -> &TrustDirectory {
        &self.trust
    }

    /// The sync role of a device (this device's own included) as the directory says — its
    /// certificate or a later signed role change — if it is certified and not revoked. What the
    /// server's device table says is not used.
    pub fn device_role(&self, device_id: &str) -> Option<Role> {
        let entry = self.trust.device(device_id)?;
        if entry.status != DeviceStatus::Active {
            return None;
        }
        sync_role(entry.role)
    }

    /// Whether this device holds the current team key (it can read the team's envelopes).
    pub fn has_team_key(&self) -> bool {
        self.list
            .as_ref()
            .is_some_and(|l| self.team_keys.iter().any(|(g, _)| *g == l.team.generation))
    }

    /// This device's fingerprint, for a supervisor to compare before granting.
    pub fn fingerprint(&self) -> String {
        fingerprint(
            &self.device.public().key_id().to_string(),
            self.grant_key.key_id().as_str(),
        )
    }

    /// The newest ledger lines first (what went, what came, when, with the receipt's
    /// sequence and envelope id).
    pub fn ledger(store: &Store, limit: usize) -> Result<Vec<LedgerEntry>, SyncError> {
        Ok(store.sync_ledger(limit)?)
    }

    /// When this device last completed a sync (or enrolled), ms since the epoch; the app locks
    /// after the tenant's number of days without one.
    pub fn last_check_in(store: &Store) -> Result<Option<u64>, SyncError> {
        Ok(store.sync_state(KEY_CHECK_IN)?.and_then(|t| t.parse().ok()))
    }

    /// How many of this device's revisions hold no receipt yet.
    pub fn unsynced(store: &Store) -> Result<u64, SyncError> {
        Ok(store.unsynced_count()?)
    }

    /// Destroys this device's sync keys and its local database: closes the store and removes
    /// the database file with its WAL, shared-memory and journal files. The keys live only
    /// inside that (encrypted) database. The app must also delete the profile's database key
    /// from the OS keychain. Called when the server answers [`SyncError::Revoked`].
    pub fn wipe(store: Store, db_path: &Path) -> Result<(), SyncError> {
        store.close()?;
        let mut paths = vec![db_path.to_path_buf()];
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut p = db_path.as_os_str().to_owned();
            p.push(suffix);
            paths.push(p.into());
        }
        for p in paths {
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(SyncError::Wipe(e.kind())),
            }
        }
        tracing::warn!("device revoked: local database and sync keys destroyed");
        Ok(())
    }

    /// A first supervisor's device takes the team key from the tenant's key ceremony (its
    /// 32 secret bytes); accepted only if it is the team key of the verified recipient list.
    pub fn import_team_key(
        &mut self,
        store: &mut Store,
        secret: &[u8; 32],
    ) -> Result<(), SyncError> {
        let key = RecipientKeyPair::from_secret_bytes(secret);
        let list = self.list.as_ref().ok_or(SyncError::NoRecipientList)?;
        let generation = std::iter::once(&list.team)
            .chain(list.previous_team.iter())
            .find(|t| &t.key == key.public())
            .map(|t| t.generation)
            .ok_or(SyncError::Seal(SealError::GrantNotInList))?;
        self.add_team_key(store, generation, key)
    }

    fn add_team_key(
        &mut self,
        store: &mut Store,
        generation: u64,
        key: RecipientKeyPair,
    ) -> Result<(), SyncError> {
        if self.team_keys.iter().any(|(g, _)| *g == generation) {
            return Ok(());
        }
        self.team_keys.push((generation, key));
        let stored: Vec<TeamKeyStored> = self
            .team_keys
            .iter()
            .map(|(g, k)| TeamKeyStored {
                generation: *g,
                secret: b64(k.secret_bytes().as_slice()),
            })
            .collect();
        let text = Zeroizing::new(json(&stored)?);
        store.set_sync_state(&[(KEY_TEAM_KEYS, text.as_str())])?;
        Ok(())
    }

    fn call<T: serde::de::DeserializeOwned>(
        &self,
        method: &str,
        path_and_query: &str,
        body: Vec<u8>,
    ) -> Result<(T, usize), SyncError> {
        // A rate limit is waited out (briefly) rather than failing the whole sync.
        let mut waited = 0;
        loop {
            let started = std::time::Instant::now();
            let result = self
                .http
                .call(&self.signer, method, path_and_query, body.clone());
            self.timings
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(started.elapsed().as_micros() as u64);
            match result {
                Err(SyncError::RateLimited { retry_after_s }) if waited + retry_after_s <= 30 => {
                    waited += retry_after_s;
                    std::thread::sleep(std::time::Duration::from_secs(retry_after_s));
                }
                // Refused as revoked: a wipe only on a revocation that verifies; anything else
                // (an unsigned code, a revocation by a device the server invented) is a typed
                // refusal and nothing is destroyed.
                Err(SyncError::RevocationUnverified(Some(claim))) => {
                    return Err(if self.revocation_verifies(&claim) {
                        SyncError::Revoked
                    } else {
                        tracing::warn!("refused as revoked without a revocation that verifies");
                        SyncError::RevocationUnverified(Some(claim))
                    });
                }
                other => return other,
            }
        }
    }

    fn request_grant(&self) -> Result<(), SyncError> {
        let public = self.grant_key.public().to_bytes();
        let signed = grant_request_signed_bytes(&self.tenant, self.device.device_id(), &public);
        let signing = ed25519_dalek::SigningKey::from_bytes(&self.device.secret_bytes());
        let body = json(&GrantRequest {
            grant_public_key: b64(&public),
            signature: b64(&signing.sign(&signed).to_bytes()),
        })?;
        let _: (serde_json::Value, _) =
            self.call("POST", "/v1/grants/request", body.into_bytes())?;
        Ok(())
    }

    /// Accepts a signed list under the pin; on success returns its JSON to persist.
    fn accept_list(&mut self, json: &[u8]) -> Result<String, SyncError> {
        let signed =
            SignedRecipientList::from_json(json).map_err(SyncError::RecipientListRefused)?;
        let verified = self
            .pin
            .accept(&signed)
            .map_err(SyncError::RecipientListRefused)?;
        self.list = Some(verified);
        Ok(String::from_utf8(signed.to_json()).expect("JSON is UTF-8"))
    }

    /// Fetches the recipient list and accepts it under the pin (a refusal stops the sync
    /// before anything is sealed).
    fn refresh_list(&mut self, store: &mut Store) -> Result<(), SyncError> {
        let (answer, _): (RecipientsResponse, _) =
            self.call("GET", "/v1/recipients", Vec::new())?;
        let Some(raw) = answer.recipient_list else {
            return if self.list.is_some() {
                Ok(())
            } else {
                Err(SyncError::NoRecipientList)
            };
        };
        let mut pin = self.pin.clone();
        let signed = SignedRecipientList::from_json(raw.get().as_bytes())
            .map_err(SyncError::RecipientListRefused)?;
        let verified = pin
            .accept(&signed)
            .map_err(SyncError::RecipientListRefused)?;
        let changed = self.pin != pin;
        self.pin = pin;
        self.list = Some(verified);
        if changed {
            let pin = json(&self.pin)?;
            let list = String::from_utf8(signed.to_json()).expect("JSON is UTF-8");
            store.set_sync_state(&[(KEY_PIN, pin.as_str()), (KEY_LIST, list.as_str())])?;
        }
        Ok(())
    }

    /// The directory a policy's signer is checked against: the root, and the supervisors and
    /// administrators whose certificates chain to it (refreshed at the start of each sync).
    fn policy_directory(&self) -> TrustDirectory {
        self.trust.clone()
    }

    /// The newest policy version this device accepted (`None`: the built-in default).
    pub fn policy_version(&self) -> Option<u64> {
        self.policy_pin.accepted_version()
    }

    /// Fetches the tenant's newest signed policy and keeps it if it passes every check
    /// (§13.1). A refusal goes into the report and changes nothing: the device keeps the
    /// policy it had and the sync goes on.
    fn refresh_policy(
        &mut self,
        store: &mut Store,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        let (answer, _): (PolicyResponse, _) = self.call("GET", "/v1/policy", Vec::new())?;
        let Some(raw) = answer.policy else {
            return Ok(());
        };
        let directory = self.policy_directory();
        let accepted = match check_policy(&self.policy_pin, &directory, raw.get().as_bytes()) {
            Ok(accepted) => accepted,
            Err(refused) => {
                tracing::warn!(reason = refused.code(), "a policy was refused");
                report.policy_refused = Some(refused);
                return Ok(());
            }
        };
        if !accepted.new {
            return Ok(());
        }
        let pin = json(&accepted.pin)?;
        store.keep_accepted_policy(
            aankomst_store::PolicySource {
                version: accepted.version,
                issued_at_ms: accepted.issued_at_ms,
                issuer_key_id: accepted.issuer_key_id.to_string(),
                signer: signer_name(&directory, &accepted.issuer_key_id),
                accepted_at_ms: now_ms(),
            },
            &accepted.content,
            &accepted.document,
            (KEY_POLICY_PIN, pin.as_str()),
        )?;
        self.policy_pin = accepted.pin;
        report.policy_accepted = Some(accepted.version);
        tracing::info!(version = accepted.version, "policy accepted");
        Ok(())
    }

    /// Supervisor: signs `policy` with this device's key as the next version (one above the
    /// accepted one). Every laptop accepts it only once this device's certificate chains to the
    /// tenant root (DESIGN §4.11).
    pub fn sign_policy(
        &self,
        policy: &aankomst_core::policy::Policy,
    ) -> Result<SignedPolicy, SyncError> {
        self.require_supervisor()?;
        let version = self.policy_version().map_or(1, |v| v.saturating_add(1));
        crate::policy::sign_policy_with_device(
            &self.device,
            &self.tenant,
            version,
            now_ms(),
            policy,
        )
    }

    /// Supervisor: publishes a signed policy on the server; every device fetches it at its
    /// next sync. Returns the version stored.
    pub fn publish_policy(&self, signed: &SignedPolicy) -> Result<u64, SyncError> {
        self.require_supervisor()?;
        let (answer, _): (PolicyUploaded, _) =
            self.call("POST", "/v1/admin/policy", signed.to_json())?;
        Ok(answer.version)
    }

    /// Fetches grants for this device and keeps each that opens to a listed team key.
    fn fetch_grants(&mut self, store: &mut Store) -> Result<(), SyncError> {
        let Some(list) = self.list.clone() else {
            return Ok(());
        };
        let (answer, _): (MyGrantsResponse, _) = self.call("GET", "/v1/grants/mine", Vec::new())?;
        for raw in answer.grants {
            let Ok(grant) = TeamKeyGrant::from_json(raw.get().as_bytes()) else {
                continue;
            };
            match grant.open(&self.grant_key, self.device.device_id(), &list) {
                Ok(key) => self.add_team_key(store, grant.team_generation(), key)?,
                Err(e) => tracing::warn!(error = %e, "a team-key grant was refused"),
            }
        }
        Ok(())
    }

    /// Supervisor: devices that asked for the team key and have none yet. Each request's
    /// signature by the device's enrolled key is checked; others are left out.
    pub fn pending_grants(&self) -> Result<Vec<PendingDevice>, SyncError> {
        Ok(self
            .verified_pending()?
            .into_iter()
            .map(|p| PendingDevice {
                device_id: p.device_id,
                fingerprint: p.fingerprint,
            })
            .collect())
    }

    fn verified_pending(&self) -> Result<Vec<VerifiedPending>, SyncError> {
        let (answer, _): (PendingGrantsResponse, _) =
            self.call("GET", "/v1/grants/pending", Vec::new())?;
        let mut out = Vec::new();
        for p in answer.pending {
            if p.device_id == self.device.device_id() {
                continue;
            }
            let (Ok(device_key), Ok(grant_key), Ok(sig)) = (
                b64_32(&p.device_public_key, "device key"),
                b64_32(&p.grant_public_key, "grant key"),
                URL_SAFE_NO_PAD.decode(&p.signature),
            ) else {
                continue;
            };
            let Ok(sig) = <[u8; 64]>::try_from(sig.as_slice()) else {
                continue;
            };
            let signed =
                grant_request_signed_bytes(&self.tenant, &p.device_id, grant_key.as_slice());
            let verifies = ed25519_dalek::VerifyingKey::from_bytes(&device_key)
                .map(|vk| {
                    vk.verify_strict(&signed, &ed25519_dalek::Signature::from_bytes(&sig))
                        .is_ok()
                })
                .unwrap_or(false);
            let (Ok(device_public), Ok(grant_public)) = (
                DevicePublicKey::from_bytes(&p.device_id, &device_key),
                aankomst_seal::RecipientPublicKey::from_bytes(&grant_key),
            ) else {
                continue;
            };
            if verifies {
                out.push(VerifiedPending {
                    fingerprint: fingerprint(
                        &device_public.key_id().to_string(),
                        grant_public.key_id().as_str(),
                    ),
                    device_id: p.device_id,
                    device_key: device_public,
                    grant_key: *grant_key,
                });
            }
        }
        Ok(out)
    }

    /// Supervisor: wraps the team key for `device_id`'s grant key (HPKE, in
    /// `aankomst_seal::TeamKeyGrant`) and hands it to the server to relay: the current
    /// generation and every earlier one this device holds that the list still names, so the
    /// new device can read envelopes sealed before a rotation too.
    ///
    /// `typed_fingerprint` is what the supervisor typed from the new device's screen; it must
    /// name the same keys as the verified request (case, spaces and dashes aside), or the grant
    /// is refused with [`SyncError::FingerprintMismatch`]: a server that slipped in a device of
    /// its own gets no team key unless the supervisor saw that device.
    ///
    /// The grant also certifies the device (an `aankomst-device-certificate/1` of the key the
    /// supervisor just confirmed, role counsellor, signed by this device's key) unless the
    /// directory already holds it under that key.
    pub fn grant_team_key(
        &self,
        device_id: &str,
        typed_fingerprint: &str,
    ) -> Result<(), SyncError> {
        self.grant_team_key_as(device_id, typed_fingerprint, Role::Counsellor)
    }

    /// As [`grant_team_key`](Self::grant_team_key), certifying the device with `role`.
    pub fn grant_team_key_as(
        &self,
        device_id: &str,
        typed_fingerprint: &str,
        role: Role,
    ) -> Result<(), SyncError> {
        if self.role() != Role::Supervisor {
            return Err(SyncError::CannotGrant("not a supervisor's device"));
        }
        let list = self.list.as_ref().ok_or(SyncError::NoRecipientList)?;
        if !self.has_team_key() {
            return Err(SyncError::CannotGrant(
                "this device does not hold the team key",
            ));
        }
        let pending = self
            .verified_pending()?
            .into_iter()
            .find(|p| p.device_id == device_id)
            .ok_or(SyncError::CannotGrant(
                "no verified request from that device",
            ))?;
        if !fingerprints_match(&pending.fingerprint, typed_fingerprint) {
            return Err(SyncError::FingerprintMismatch);
        }
        // The key the supervisor just confirmed is the one certified (DESIGN §4.11).
        let trust = self.current_trust()?;
        match trust.device(device_id) {
            Some(e) if e.key == pending.device_key => {}
            Some(_) => return Err(SyncError::CannotGrant("certified under another key")),
            None => {
                self.require_certified_supervisor(&trust)?;
                let certificate = DeviceCertificate::issue(
                    Issuer::Device(&self.device),
                    &self.tenant,
                    &pending.device_key,
                    device_role_of(role),
                    now_ms(),
                )?;
                self.upload_trust(&[certificate], &[])?;
            }
        }
        let grant_key = pending.grant_key;
        let grantee = aankomst_seal::RecipientPublicKey::from_bytes(&grant_key)?;
        let listed: Vec<u64> = std::iter::once(&list.team)
            .chain(list.previous_team.iter())
            .map(|t| t.generation)
            .collect();
        // Oldest first, so the current generation's grant is the last one stored.
        let mut held: Vec<&(u64, RecipientKeyPair)> = self
            .team_keys
            .iter()
            .filter(|(g, _)| listed.contains(g))
            .collect();
        held.sort_by_key(|(g, _)| *g);
        for (generation, team) in held {
            let grant = TeamKeyGrant::wrap(
                &mut aankomst_seal::system_rng(),
                &self.tenant,
                device_id,
                *generation,
                team,
                &grantee,
            )?;
            let grant_raw =
                RawValue::from_string(String::from_utf8(grant.to_json()).expect("JSON is UTF-8"))
                    .map_err(|e| SyncError::Protocol(e.to_string()))?;
            let body = serde_json::to_vec(&GrantUpload {
                device_id: device_id.to_owned(),
                grant: grant_raw,
            })
            .map_err(|e| SyncError::Protocol(e.to_string()))?;
            let _: (serde_json::Value, _) = self.call("POST", "/v1/grants", body)?;
        }
        Ok(())
    }

    fn require_supervisor(&self) -> Result<(), SyncError> {
        if self.role != Role::Supervisor {
            return Err(SyncError::NotSupervisor);
        }
        Ok(())
    }

    /// Supervisor: a one-time enrolment code for a new device of the tenant, valid for
    /// `valid_for_s` seconds (five minutes to fourteen days). The server keeps only its hash:
    /// the answer is the one time the code is seen.
    pub fn issue_enrolment_code(
        &self,
        role: Role,
        valid_for_s: u64,
        label: Option<&str>,
    ) -> Result<EnrolmentCodeResponse, SyncError> {
        self.require_supervisor()?;
        let body = json(&EnrolmentCodeRequest {
            role,
            valid_for_s,
            label: label.map(str::to_owned),
        })?;
        let (answer, _) = self.call("POST", "/v1/admin/enrolment-codes", body.into_bytes())?;
        Ok(answer)
    }

    /// Supervisor: the tenant's devices with role, enrolment, last contact and revocation.
    pub fn managed_devices(&self) -> Result<Vec<ManagedDevice>, SyncError> {
        self.require_supervisor()?;
        let (answer, _): (ManagedDevicesResponse, _) =
            self.call("GET", "/v1/admin/devices", Vec::new())?;
        Ok(answer.devices)
    }

    /// Supervisor: revokes another device of the tenant (never this one). Its next request is
    /// refused and it destroys its keys and local database. The team key it held should be
    /// rotated afterwards (`aankomst-keys rotate-team`, docs/sync-and-keys.md).
    ///
    /// A certified device is revoked by a revocation statement signed by this device's key
    /// (the only thing that makes a laptop wipe itself, DESIGN §4.9); the server checks it and
    /// blocks the device. A device no certificate names is only blocked on the server.
    pub fn revoke_device(&self, device_id: &str) -> Result<ManagedDevice, SyncError> {
        self.require_supervisor()?;
        if device_id == self.device.device_id() {
            return Err(SyncError::Refused {
                code: "cannot_revoke_self".into(),
                message: "a device cannot revoke itself".into(),
            });
        }
        let trust = self.current_trust()?;
        if let Some(entry) = trust.device(device_id) {
            if entry.status == DeviceStatus::Active {
                self.require_certified_supervisor(&trust)?;
                let revocation = Statement::issue(
                    Issuer::Device(&self.device),
                    &self.tenant,
                    StatementKind::Revocation,
                    &entry.key,
                    now_ms(),
                )?;
                self.upload_trust(&[], &[revocation])?;
            }
        }
        let body = json(&RevokeDeviceRequest {
            device_id: device_id.to_owned(),
        })?;
        let (answer, _) = self.call("POST", "/v1/admin/devices/revoke", body.into_bytes())?;
        Ok(answer)
    }

    /// Supervisor: gives a certified device another role (counsellor ↔ supervisor) by a role
    /// change signed by this device's key; the server and every laptop check it.
    pub fn change_role(&self, device_id: &str, role: Role) -> Result<(), SyncError> {
        let trust = self.current_trust()?;
        self.require_certified_supervisor(&trust)?;
        let entry = trust
            .device(device_id)
            .ok_or(SyncError::Seal(SealError::UnknownSubject))?;
        let statement = Statement::issue(
            Issuer::Device(&self.device),
            &self.tenant,
            StatementKind::RoleChange(device_role_of(role)),
            &entry.key,
            now_ms(),
        )?;
        self.upload_trust(&[], &[statement])
    }

    fn limits(&mut self) -> Result<Limits, SyncError> {
        if let Some(l) = self.limits {
            return Ok(l);
        }
        let (info, _): (ServerInfo, _) = self.call("GET", "/v1/server", Vec::new())?;
        self.limits = Some(info.limits);
        Ok(info.limits)
    }

    /// One sync: refresh and check the recipient list, fetch team-key grants if needed (and
    /// ask again for the current generation when none is waiting), push this device's audit
    /// entries first, then push (seal every own revision without an envelope, store the envelopes, send them in batches
    /// within the server's limits, verify each receipt and only then mark the revision synced),
    /// then pull (pages after the persisted cursor; verify each author against the device
    /// directory, open with the team key, hand to [`Store::receive`]). Any interruption leaves
    /// the store consistent; calling `sync` again resumes. On success the check-in time is
    /// saved. [`SyncError::Revoked`] means the app must call [`SyncEngine::wipe`].
    pub fn sync(
        &mut self,
        store: &mut Store,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<SyncReport, SyncError> {
        self.timings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        let limits = self.limits()?;
        self.refresh_list(store)?;
        if !self.has_team_key() {
            self.fetch_grants(store)?;
            if !self.has_team_key() {
                // The current generation is missing (a new device, or the team key was
                // rotated): ask again, so a supervisor's device lists this one as pending.
                self.request_grant()?;
            }
        }
        // Who is who, from signed material only; this device pushes only once certified (the
        // server would refuse it anyway).
        self.refresh_directory(store)?;
        match self.trust.device(self.device.device_id()) {
            Some(e) if e.key == self.device.public() && e.status == DeviceStatus::Active => {}
            _ => return Err(SyncError::NotCertified),
        }
        let mut report = SyncReport::default();
        // The policy before anything is sealed: it decides which instruments are sealed.
        self.refresh_policy(store, &mut report)?;
        // The audit trail first: the server learns this device's chain head (and the entries)
        // before anything else of this sync, so a cut made later cannot hide what was here.
        self.push_audit(store, limits, &mut report)?;
        self.push(store, limits, &mut report, progress)?;
        if report.audit_pushed == 0 && report.pushed == 0 {
            // Nothing went up: the head alone, so every sync shows it.
            self.announce_audit_head(store)?;
        }
        match self.pull(store, limits, &mut report, progress) {
            // Envelopes under a team key generation this device lacks: a grant may be waiting.
            Err(SyncError::TeamKeyMissing) => {
                self.fetch_grants(store)?;
                self.pull(store, limits, &mut report, progress)?;
            }
            other => other?,
        }
        let now = now_ms();
        store.set_sync_state(&[(KEY_CHECK_IN, now.to_string().as_str())])?;
        report.checked_in_at_ms = now;
        report.request_durations_us =
            std::mem::take(&mut *self.timings.lock().unwrap_or_else(|e| e.into_inner()));
        Ok(report)
    }

    /// The audience of a revision: the team, except for an administration whose definition
    /// the sealing rule seals (or its creator sealed). Read from the administration's origin
    /// (its first revision, which fixes the definition), never from a field a later revision
    /// can set (DESIGN §4.12).
    fn audience(store: &Store, rule: &SealingRule, rev: &Revision) -> Result<Audience, SyncError> {
        if rev.kind != RecordKind::Administration {
            return Ok(Audience::Team);
        }
        let origin = store.administration_origin(rev.record_id)?;
        Ok(match origin.as_ref().and_then(|o| o.sealed_for(rule)) {
            Some(recipient) => Audience::Sealed {
                recipient: recipient.to_owned(),
            },
            None => Audience::Team,
        })
    }

    /// Seals up to `limit` own revisions without an envelope and stores the envelopes.
    fn seal_some(&self, store: &mut Store, limit: usize) -> Result<usize, SyncError> {
        let list = self.list.as_ref().ok_or(SyncError::NoRecipientList)?;
        let revisions = store.unsealed_own_revisions(limit)?;
        if revisions.is_empty() {
            return Ok(0);
        }
        let rule = store.sealing_rule()?;
        let mut by_audience: BTreeMap<String, (Audience, Vec<&Revision>)> = BTreeMap::new();
        for rev in &revisions {
            let audience = Self::audience(store, &rule, rev)?;
            let key = match &audience {
                Audience::Team => "team".to_owned(),
                Audience::Sealed { recipient } => format!("sealed:{recipient}"),
            };
            by_audience
                .entry(key)
                .or_insert_with(|| (audience, Vec::new()))
                .1
                .push(rev);
        }
        let mut sealed = Vec::with_capacity(revisions.len());
        for (wire, (audience, revs)) in by_audience {
            let sealer = Sealer::new(list, audience, &self.device)?;
            let prepared: Vec<ToSeal<'_>> = revs
                .iter()
                .map(|r| {
                    Ok(ToSeal {
                        record_id: r.record_id.to_string(),
                        revision_id: r.rev_id.to_string(),
                        parents: r.parents.iter().map(|p| p.to_string()).collect(),
                        hlc: r.hlc.to_string(),
                        plaintext: Zeroizing::new(
                            serde_json::to_vec(r)
                                .map_err(|e| SyncError::Protocol(e.to_string()))?,
                        ),
                        revision: r,
                    })
                })
                .collect::<Result<_, SyncError>>()?;
            // Both cores: each chunk is its own sealing batch (its own batch key).
            let envelopes = parallel_chunks(&prepared, |chunk| {
                let seal_revs: Vec<aankomst_seal::Revision<'_>> = chunk
                    .iter()
                    .map(|p| aankomst_seal::Revision {
                        record_id: &p.record_id,
                        record_kind: p.revision.kind.as_str(),
                        revision_id: &p.revision_id,
                        hlc: &p.hlc,
                        parents: &p.parents,
                        plaintext: &p.plaintext,
                    })
                    .collect();
                sealer.seal_batch(&mut aankomst_seal::system_rng(), &seal_revs)
            })?;
            for (envelope, p) in envelopes.into_iter().zip(&prepared) {
                sealed.push(SealedRevision {
                    rev_id: p.revision.rev_id,
                    envelope_id: envelope.id().to_base64url(),
                    record_kind: p.revision.kind,
                    audience: wire.clone(),
                    envelope: envelope.to_json(),
                });
            }
        }
        store.save_sealed(&sealed, now_ms())?;
        Ok(sealed.len())
    }

    fn push(
        &mut self,
        store: &mut Store,
        limits: Limits,
        report: &mut SyncReport,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), SyncError> {
        let total = store.unsynced_count()?;
        let batch = limits.max_batch.clamp(1, 500);
        // Room for the JSON around the envelopes.
        let max_body = limits.max_body_bytes.saturating_sub(4096).max(1);
        progress(Progress {
            phase: Phase::Push,
            records: 0,
            total_records: Some(total),
            bytes: 0,
        });
        loop {
            let mut pending = store.unreceipted_envelopes(batch)?;
            if pending.is_empty() {
                if self.seal_some(store, batch * 4)? == 0 {
                    break;
                }
                continue;
            }
            // Within the body limit (an envelope is never split; one alone always goes).
            let mut size = 0;
            let mut take = 0;
            for p in &pending {
                if take > 0 && size + p.envelope.len() + 1 > max_body {
                    break;
                }
                size += p.envelope.len() + 1;
                take += 1;
            }
            pending.truncate(take);
            let mut body = Vec::with_capacity(size + 256);
            body.extend_from_slice(b"{\"envelopes\":[");
            for (i, p) in pending.iter().enumerate() {
                if i > 0 {
                    body.push(b',');
                }
                body.extend_from_slice(&p.envelope);
            }
            body.extend_from_slice(b"],\"audit_head\":");
            body.extend_from_slice(json(&audit_head(store)?)?.as_bytes());
            body.extend_from_slice(b"}");
            let (answer, _): (PushResponse, _) = self.call("POST", "/v1/push", body)?;
            if answer.receipts.len() != pending.len() {
                return Err(SyncError::BadReceipt("not one receipt per envelope"));
            }
            let mut rows = Vec::with_capacity(pending.len());
            for (p, raw) in pending.iter().zip(&answer.receipts) {
                let receipt = self.check_receipt(raw, &p.envelope_id)?;
                rows.push(SyncReceiptRow {
                    envelope_id: p.envelope_id.clone(),
                    receipt: raw.get().as_bytes().to_vec(),
                    server_sequence: receipt.server_sequence(),
                });
            }
            store.save_receipts(&rows, now_ms())?;
            report.pushed += rows.len() as u64;
            report.pushed_bytes += size as u64;
            progress(Progress {
                phase: Phase::Push,
                records: report.pushed,
                total_records: Some(total.max(report.pushed)),
                bytes: report.pushed_bytes,
            });
        }
        Ok(())
    }

    /// A receipt from the server, verified: signed by the pinned server key, for this tenant
    /// and for exactly this envelope.
    fn check_receipt(&self, raw: &RawValue, envelope_id: &str) -> Result<Receipt, SyncError> {
        let receipt = Receipt::from_json(raw.get().as_bytes())
            .map_err(|_| SyncError::BadReceipt("does not parse"))?;
        receipt
            .verify(&self.server_key)
            .map_err(|_| SyncError::BadReceipt("signature does not verify"))?;
        if receipt.tenant() != self.tenant {
            return Err(SyncError::BadReceipt("for another tenant"));
        }
        if receipt.envelope_id().to_base64url() != envelope_id {
            return Err(SyncError::BadReceipt("for another envelope"));
        }
        Ok(receipt)
    }

    /// Pushes this device's audit trail (DESIGN §4.10): each entry not yet receipted becomes a
    /// team envelope whose clear metadata carries the chain's links — record id = this device,
    /// revision id = `<seq>:<entry hash>`, parents = `[<previous entry hash>]` — so the server
    /// can check every device's chain for gaps without reading it. Entries are resealed after an
    /// interruption the same envelopes are resent.
    fn push_audit(
        &mut self,
        store: &mut Store,
        limits: Limits,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        let list = self.list.clone().ok_or(SyncError::NoRecipientList)?;
        let list = &list;
        let batch = limits.max_batch.clamp(1, 200);
        let max_body = limits.max_body_bytes.saturating_sub(4096).max(1);
        let mut pushed: u64 = store
            .sync_state(KEY_AUDIT_PUSHED)?
            .and_then(|t| t.parse().ok())
            .unwrap_or(0);
        loop {
            // A batch sealed before an interruption is resent as it was (same envelope ids: the
            // server sees a duplicate, never a second copy); only then are new entries sealed.
            let pending: Option<PendingAudit> = store
                .sync_state(KEY_AUDIT_PENDING)?
                .filter(|t| !t.is_empty())
                .and_then(|t| serde_json::from_str(&t).ok());
            let pending = match pending {
                Some(p) => p,
                None => {
                    let entries = store.audit_entries(pushed, batch as u32)?;
                    if entries.is_empty() {
                        return Ok(());
                    }
                    let p = self.seal_audit(list, &entries, max_body)?;
                    store.set_sync_state(&[(KEY_AUDIT_PENDING, json(&p)?.as_str())])?;
                    p
                }
            };
            let ids: Vec<String> = pending
                .envelopes
                .iter()
                .map(|e| Envelope::from_json(e.as_bytes()).map(|e| e.id().to_base64url()))
                .collect::<Result<_, _>>()?;
            let body = format!(
                "{{\"envelopes\":[{}],\"audit_head\":{}}}",
                pending.envelopes.join(","),
                json(&audit_head(store)?)?
            );
            let (answer, _): (PushResponse, _) =
                self.call("POST", "/v1/push", body.into_bytes())?;
            if answer.receipts.len() != ids.len() {
                return Err(SyncError::BadReceipt("not one receipt per envelope"));
            }
            for (raw, id) in answer.receipts.iter().zip(&ids) {
                self.check_receipt(raw, id)?;
            }
            pushed = pending.last_seq;
            store.set_sync_state(&[
                (KEY_AUDIT_PUSHED, pushed.to_string().as_str()),
                (KEY_AUDIT_PENDING, ""),
            ])?;
            report.audit_pushed += ids.len() as u64;
        }
    }

    /// Shows the server this device's audit chain head when this sync pushed nothing (an
    /// empty push carrying only the head), so every sync shows it.
    fn announce_audit_head(&self, store: &Store) -> Result<(), SyncError> {
        let body = format!(
            "{{\"envelopes\":[],\"audit_head\":{}}}",
            json(&audit_head(store)?)?
        );
        let (answer, _): (PushResponse, _) = self.call("POST", "/v1/push", body.into_bytes())?;
        if !answer.receipts.is_empty() {
            return Err(SyncError::BadReceipt("not one receipt per envelope"));
        }
        Ok(())
    }

    /// Seals audit entries (as many as fit in one request body) as team envelopes.
    fn seal_audit(
        &self,
        list: &VerifiedRecipientList,
        entries: &[AuditEntry],
        max_body: usize,
    ) -> Result<PendingAudit, SyncError> {
        let prepared: Vec<AuditToSeal> = entries
            .iter()
            .map(|e| {
                Ok(AuditToSeal {
                    link: format!("{}:{}", e.seq, e.hash),
                    at: e
                        .event
                        .at
                        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                    parents: vec![e.prev_hash.clone()],
                    plaintext: Zeroizing::new(
                        serde_json::to_vec(e)
                            .map_err(|err| SyncError::Protocol(err.to_string()))?,
                    ),
                })
            })
            .collect::<Result<_, SyncError>>()?;
        let device = self.device.device_id().to_owned();
        let revisions: Vec<aankomst_seal::Revision<'_>> = prepared
            .iter()
            .map(|a| aankomst_seal::Revision {
                record_id: &device,
                record_kind: AUDIT_KIND,
                revision_id: &a.link,
                hlc: &a.at,
                parents: &a.parents,
                plaintext: &a.plaintext,
            })
            .collect();
        let sealer = Sealer::new(list, Audience::Team, &self.device)?;
        let mut envelopes = Vec::new();
        let mut size = 0;
        let mut last_seq = 0;
        for (envelope, entry) in sealer
            .seal_batch(&mut aankomst_seal::system_rng(), &revisions)?
            .iter()
            .zip(entries)
        {
            let text = String::from_utf8(envelope.to_json())
                .map_err(|e| SyncError::Protocol(e.to_string()))?;
            // Within the body limit, as for revisions (one alone always goes).
            if !envelopes.is_empty() && size + text.len() + 1 > max_body {
                break;
            }
            size += text.len() + 1;
            last_seq = entry.seq;
            envelopes.push(text);
        }
        Ok(PendingAudit {
            last_seq,
            envelopes,
        })
    }

    /// Learns the tenant's certificates and statements from the server and admits those that
    /// verify under the pinned root (DESIGN §4.11). The server's own device list is not used:
    /// a device or a role it invents is simply not in the directory.
    fn refresh_directory(&mut self, store: &mut Store) -> Result<(), SyncError> {
        let (answer, _): (DevicesResponse, _) = self.call("GET", "/v1/devices", Vec::new())?;
        let refused = self.admit_trust(store, &answer.certificates, &answer.statements)?;
        if refused != TrustRefusals::default() {
            tracing::warn!(
                certificates = refused.certificates,
                statements = refused.statements,
                "the server offered trust documents that do not verify; left out"
            );
        }
        Ok(())
    }

    /// A copy of the directory with what the server holds now admitted (for a supervisor's
    /// action between syncs; nothing is persisted).
    fn current_trust(&self) -> Result<TrustDirectory, SyncError> {
        let (answer, _): (DevicesResponse, _) = self.call("GET", "/v1/devices", Vec::new())?;
        let mut trust = self.trust.clone();
        for raw in &answer.certificates {
            if let Ok(c) = DeviceCertificate::from_json(raw.get().as_bytes()) {
                let _ = trust.admit_certificate(&c);
            }
        }
        for raw in &answer.statements {
            if let Ok(s) = Statement::from_json(raw.get().as_bytes()) {
                let _ = trust.admit_statement(&s);
            }
        }
        Ok(trust)
    }

    /// Refuses unless the directory holds this device as an active supervisor under its key.
    fn require_certified_supervisor(&self, trust: &TrustDirectory) -> Result<(), SyncError> {
        match trust.device(self.device.device_id()) {
            Some(e)
                if e.key == self.device.public() && e.is_active_with(DeviceRole::Supervisor) =>
            {
                Ok(())
            }
            _ => Err(SyncError::NotCertifiedSupervisor),
        }
    }

    /// Sends certificates and statements this device issued to the server, which admits them
    /// under the tenant's directory or refuses the upload.
    fn upload_trust(
        &self,
        certificates: &[DeviceCertificate],
        statements: &[Statement],
    ) -> Result<(), SyncError> {
        let raw = |json: Vec<u8>| {
            RawValue::from_string(String::from_utf8(json).expect("JSON is UTF-8"))
                .map_err(|e| SyncError::Protocol(e.to_string()))
        };
        let body = serde_json::to_vec(&TrustMaterial {
            certificates: certificates
                .iter()
                .map(|c| raw(c.to_json()))
                .collect::<Result<_, _>>()?,
            statements: statements
                .iter()
                .map(|s| raw(s.to_json()))
                .collect::<Result<_, _>>()?,
        })
        .map_err(|e| SyncError::Protocol(e.to_string()))?;
        let _: (serde_json::Value, _) = self.call("POST", "/v1/trust", body)?;
        Ok(())
    }

    /// Whether the server's refusal carries a revocation of this device that verifies under
    /// the pinned root with the material this device holds and the material sent with it
    /// (DESIGN §4.9, envelope-format §12: the only reason to wipe).
    fn revocation_verifies(&self, claim: &ClaimedRevocation) -> bool {
        let Ok(revocation) = Statement::from_json(claim.revocation.as_bytes()) else {
            return false;
        };
        let certificates: Vec<DeviceCertificate> = self
            .trust
            .certificates()
            .cloned()
            .chain(
                claim
                    .certificates
                    .iter()
                    .filter_map(|c| DeviceCertificate::from_json(c.as_bytes()).ok()),
            )
            .collect();
        let statements: Vec<Statement> = self
            .trust
            .statements()
            .cloned()
            .chain(
                claim
                    .statements
                    .iter()
                    .filter_map(|s| Statement::from_json(s.as_bytes()).ok()),
            )
            .collect();
        verify_revocation_of(
            &self.device.public(),
            &revocation,
            &self.tenant,
            self.pin.root(),
            &dedup_certificates(certificates),
            &dedup_statements(statements),
        )
        .is_ok()
    }

    /// Admits certificates and statements from the server, each verified under the pinned
    /// root (never trusted because the server sent them); what does not verify is left out and
    /// logged by kind of refusal. The accepted material is persisted when it grew.
    fn admit_trust(
        &mut self,
        store: &mut Store,
        certificates: &[Box<RawValue>],
        statements: &[Box<RawValue>],
    ) -> Result<TrustRefusals, SyncError> {
        let before = (
            self.trust.certificates().count(),
            self.trust.statements().count(),
        );
        let mut refused = TrustRefusals::default();
        // Certificates and statements in the server's order within each kind; a statement may
        // name a device whose certificate comes later in the list, so certificates go first.
        for raw in certificates {
            let result = DeviceCertificate::from_json(raw.get().as_bytes())
                .and_then(|c| self.trust.admit_certificate(&c));
            if let Err(e) = result {
                tracing::warn!(error = %e, "a device certificate from the server was refused");
                refused.certificates += 1;
            }
        }
        for raw in statements {
            let result = Statement::from_json(raw.get().as_bytes())
                .and_then(|s| self.trust.admit_statement(&s));
            if let Err(e) = result {
                tracing::warn!(error = %e, "a statement from the server was refused");
                refused.statements += 1;
            }
        }
        if before
            != (
                self.trust.certificates().count(),
                self.trust.statements().count(),
            )
        {
            save_trust(store, &self.trust)?;
        }
        Ok(refused)
    }

    fn pull(
        &mut self,
        store: &mut Store,
        limits: Limits,
        report: &mut SyncReport,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), SyncError> {
        let mut cursor: u64 = store
            .sync_state(KEY_CURSOR)?
            .and_then(|t| t.parse().ok())
            .unwrap_or(0);
        let page = limits.max_pull_page.clamp(1, 1000);
        let mut records = 0u64;
        progress(Progress {
            phase: Phase::Pull,
            records: 0,
            total_records: None,
            bytes: 0,
        });
        loop {
            let (answer, bytes): (PullResponse, usize) = self.call(
                "GET",
                &format!("/v1/pull?after={cursor}&limit={page}"),
                Vec::new(),
            )?;
            report.pulled_bytes += bytes as u64;
            let mut parsed = Vec::with_capacity(answer.envelopes.len());
            for pulled in &answer.envelopes {
                let raw = pulled.envelope.get().as_bytes();
                parsed.push((pulled.sequence, raw.len(), Envelope::from_json(raw)));
            }
            // Authors the directory does not hold yet: one refresh per page.
            let unknown = parsed.iter().any(|(_, _, e)| {
                e.as_ref().is_ok_and(|e| {
                    e.author_device() != self.device.device_id()
                        && self.trust.device(e.author_device()).is_none()
                })
            });
            if unknown {
                self.refresh_directory(store)?;
            }
            let (entries, last_ok) = self.apply_page(store, &parsed, report)?;
            records += entries.len() as u64;
            let new_cursor = last_ok.unwrap_or(cursor);
            store.record_pulled(&entries, KEY_CURSOR, new_cursor)?;
            cursor = new_cursor;
            report.cursor = cursor;
            progress(Progress {
                phase: Phase::Pull,
                records,
                total_records: None,
                bytes: report.pulled_bytes,
            });
            if last_ok != parsed.last().map(|p| p.0) && !parsed.is_empty() {
                // Stopped before the end of the page: a team key this device lacks.
                return Err(SyncError::TeamKeyMissing);
            }
            if answer.done || parsed.is_empty() {
                break;
            }
        }
        report.cursor = cursor;
        Ok(())
    }

    /// Verifies, opens and applies one page. Returns the ledger lines and the sequence of the
    /// last envelope dealt with (a team envelope this device cannot open yet stops the page
    /// there, so the cursor never passes it).
    #[allow(clippy::type_complexity)]
    fn apply_page(
        &self,
        store: &mut Store,
        parsed: &[(u64, usize, Result<Envelope, SealError>)],
        report: &mut SyncReport,
    ) -> Result<(Vec<LedgerEntry>, Option<u64>), SyncError> {
        let team_keys: Vec<&RecipientKeyPair> = self.team_keys.iter().map(|(_, k)| k).collect();
        let me = self.device.device_id();
        // Verification and decryption are the costly part: both cores.
        let opened: Vec<Result<Opened, SyncError>> = parallel_map(parsed, |items| {
            let mut opener = Opener::new(team_keys.iter().copied());
            items
                .iter()
                .map(|(_, _, envelope)| {
                    let envelope = match envelope {
                        Ok(e) => e,
                        Err(_) => return Ok(Opened::Refused),
                    };
                    if envelope.tenant() != self.tenant {
                        return Ok(Opened::Refused);
                    }
                    if envelope.author_device() == me {
                        return Ok(Opened::Own);
                    }
                    // The author's key from the verified directory: a device no certificate
                    // names stops the pull (the server or someone on its link made it up); a
                    // revoked one's envelopes are refused.
                    let author = match self.trust.author_key(envelope.author_device()) {
                        Ok(key) => key,
                        Err(SealError::UnknownSubject) => {
                            return Err(SyncError::UnknownAuthor(
                                envelope.author_device().to_owned(),
                            ))
                        }
                        Err(_) => return Ok(Opened::Refused),
                    };
                    if envelope.record_kind() == AUDIT_KIND {
                        return Ok(match opener.open(envelope, author) {
                            Ok(plaintext) => {
                                match audit_entry_consistent(envelope, plaintext.as_bytes()) {
                                    Some(entry) => Opened::Audit(Box::new(entry)),
                                    None => Opened::Refused,
                                }
                            }
                            Err(SealError::NotARecipient) => Opened::NoTeamKey,
                            _ => Opened::Refused,
                        });
                    }
                    match opener.open(envelope, author) {
                        Ok(plaintext) => match decode_revision(envelope, plaintext.as_bytes()) {
                            Some(rev) => Ok(Opened::Revision(Box::new(rev), delivered(envelope))),
                            None => Ok(Opened::Refused),
                        },
                        Err(SealError::NotARecipient) => match envelope.audience() {
                            Audience::Sealed { .. } => Ok(Opened::SealedForOthers),
                            Audience::Team => Ok(Opened::NoTeamKey),
                        },
                        Err(_) => Ok(Opened::Refused),
                    }
                })
                .collect()
        });
        let now = now_ms();
        let mut entries = Vec::with_capacity(parsed.len());
        let mut last_ok = None;
        // Revisions to hand to the store, with the ledger line each belongs to: all of a page
        // in one transaction.
        let mut to_receive: Vec<(usize, Revision, Delivered)> = Vec::new();
        // Other devices' audit entries, kept for the supervisor's search (one transaction).
        let mut to_keep: Vec<(usize, AuditEntry)> = Vec::new();
        for ((sequence, bytes, envelope), opened) in parsed.iter().zip(opened) {
            let envelope_id = envelope
                .as_ref()
                .map(|e| e.id().to_base64url())
                .unwrap_or_else(|_| format!("unparsed-{sequence}"));
            let kind = envelope
                .as_ref()
                .map(|e| e.record_kind().to_owned())
                .unwrap_or_default();
            let (outcome, rev_id) = match opened? {
                Opened::NoTeamKey => break,
                Opened::Own => ("own_envelope", None),
                Opened::Audit(entry) => {
                    report.audit_verified += 1;
                    to_keep.push((entries.len(), *entry));
                    ("audit_verified", None)
                }
                Opened::SealedForOthers => {
                    report.sealed_for_others += 1;
                    ("sealed_not_for_this_device", None)
                }
                Opened::Refused => {
                    report.refused += 1;
                    ("refused", None)
                }
                Opened::Revision(rev, delivered) => {
                    let rev_id = rev.rev_id;
                    to_receive.push((entries.len(), *rev, delivered));
                    ("applied", Some(rev_id))
                }
            };
            entries.push(LedgerEntry {
                at_ms: now,
                direction: "pulled".into(),
                outcome: outcome.into(),
                envelope_id,
                rev_id,
                record_kind: if kind.is_empty() {
                    "unknown".into()
                } else {
                    kind
                },
                server_sequence: *sequence,
                bytes: *bytes as u64,
            });
            last_ok = Some(*sequence);
        }
        let mut lines = Vec::with_capacity(to_receive.len());
        let mut revisions = Vec::with_capacity(to_receive.len());
        let mut deliveries = Vec::with_capacity(to_receive.len());
        for (line, rev, delivered) in to_receive {
            lines.push(line);
            revisions.push(rev);
            deliveries.push(delivered);
        }
        // The store checks who may write which field of an administration and that a sealed
        // one came sealed (DESIGN §4.12): a revision that breaks it is refused, not applied.
        let results = store.receive_delivered(&revisions, &deliveries)?;
        for (entry, result) in lines.into_iter().zip(results) {
            let outcome = match result {
                Ok(true) => {
                    report.pulled += 1;
                    "applied"
                }
                Ok(false) => {
                    report.already_held += 1;
                    "already_held"
                }
                Err(e) => {
                    // The error names a rule and at most a field, never a value.
                    tracing::warn!(error = %e, "a pulled revision was refused");
                    report.refused += 1;
                    "refused"
                }
            };
            entries[entry].outcome = outcome.into();
        }
        let (lines, audit): (Vec<usize>, Vec<AuditEntry>) = to_keep.into_iter().unzip();
        for (entry, result) in lines.into_iter().zip(store.receive_audit(&audit)?) {
            let outcome = match result {
                ReceivedAudit::Stored => {
                    report.audit_stored += 1;
                    "audit_stored"
                }
                ReceivedAudit::AlreadyHeld => "audit_already_held",
                ReceivedAudit::Conflicting => "audit_conflict",
                ReceivedAudit::Refused => {
                    report.refused += 1;
                    "refused"
                }
            };
            entries[entry].outcome = outcome.into();
        }
        Ok((entries, last_ok))
    }
}

/// One revision ready to seal: the text forms of its metadata and its serialised content.
struct ToSeal<'r> {
    record_id: String,
    revision_id: String,
    parents: Vec<String>,
    hlc: String,
    plaintext: Zeroizing<Vec<u8>>,
    revision: &'r Revision,
}

/// Sealed audit envelopes not yet receipted, kept so a retry resends the same bytes.
#[derive(Serialize, Deserialize)]
struct PendingAudit {
    /// The sequence number of the last entry in the batch.
    last_seq: u64,
    /// The envelopes' JSON.
    envelopes: Vec<String>,
}

/// One audit entry ready to seal: its chain link (`<seq>:<hash>`), time, previous hash and
/// serialised entry.
struct AuditToSeal {
    link: String,
    at: String,
    parents: Vec<String>,
    plaintext: Zeroizing<Vec<u8>>,
}

enum Opened {
    /// A revision and how its envelope was addressed.
    Revision(Box<Revision>, Delivered),
    /// Another device's audit entry whose content hashes to the link its metadata claims.
    Audit(Box<AuditEntry>),
    Own,
    SealedForOthers,
    NoTeamKey,
    Refused,
}

/// The audit entry in an envelope, if its content is the entry its clear metadata names:
/// written by its author device, with the sequence number and hashes of the link, and hashing
/// to that hash.
fn audit_entry_consistent(envelope: &Envelope, plaintext: &[u8]) -> Option<AuditEntry> {
    let entry = serde_json::from_slice::<AuditEntry>(plaintext).ok()?;
    let consistent = envelope.record_id() == envelope.author_device()
        && entry.event.device == envelope.author_device()
        && envelope.revision_id() == format!("{}:{}", entry.seq, entry.hash)
        && envelope.parents() == [entry.prev_hash.clone()]
        && entry_hash(&entry.prev_hash, entry.seq, &entry.event) == entry.hash;
    consistent.then_some(entry)
}

/// How an envelope was addressed, for the store's audience check.
fn delivered(envelope: &Envelope) -> Delivered {
    match envelope.audience() {
        Audience::Team => Delivered::Team,
        Audience::Sealed { recipient } => Delivered::SealedFor(recipient.clone()),
    }
}

/// The revision inside an envelope, if its clear metadata says the same as its content (an
/// author cannot label one revision as another).
fn decode_revision(envelope: &Envelope, plaintext: &[u8]) -> Option<Revision> {
    let rev: Revision = serde_json::from_slice(plaintext).ok()?;
    let parents: Vec<String> = rev.parents.iter().map(|p| p.to_string()).collect();
    let consistent = envelope.record_id() == rev.record_id.to_string()
        && envelope.revision_id() == rev.rev_id.to_string()
        && envelope.record_kind() == rev.kind.as_str()
        && envelope.hlc() == rev.hlc.to_string()
        && envelope.parents() == parents.as_slice()
        && envelope.author_device() == rev.author_device;
    consistent.then_some(rev)
}

/// This device's audit chain head as pushes carry it (sequence 0 and the genesis hash for an
/// empty chain).
fn audit_head(store: &Store) -> Result<AuditHead, SyncError> {
    Ok(match store.audit_head()? {
        Some(entry) => AuditHead {
            seq: entry.seq,
            hash: entry.hash,
        },
        None => AuditHead {
            seq: 0,
            hash: aankomst_core::audit::GENESIS.to_owned(),
        },
    })
}

/// Whether a fingerprint typed by a person names `expected`: letters compared without case,
/// spaces and dashes ignored (people type what they read, grouped as they like). An empty
/// typing never matches.
pub fn fingerprints_match(expected: &str, typed: &str) -> bool {
    let normal = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_lowercase)
            .collect()
    };
    let expected = normal(expected);
    !expected.is_empty() && expected == normal(typed)
}

fn fingerprint(device_key_id: &str, grant_key_id: &str) -> String {
    let a: String = device_key_id.chars().take(8).collect();
    let b: String = grant_key_id.chars().take(8).collect();
    format!("{a}-{b}")
}

/// A device's request for the team key whose signature verified under its enrolled key.
struct VerifiedPending {
    device_id: String,
    device_key: DevicePublicKey,
    fingerprint: String,
    grant_key: [u8; 32],
}

/// The sync role of a certified role (`ggd` and `administrator` have none).
fn sync_role(role: DeviceRole) -> Option<Role> {
    match role {
        DeviceRole::Counsellor => Some(Role::Counsellor),
        DeviceRole::Supervisor => Some(Role::Supervisor),
        DeviceRole::Ggd | DeviceRole::Administrator => None,
    }
}

/// The certificate role of a sync role.
fn device_role_of(role: Role) -> DeviceRole {
    match role {
        Role::Counsellor => DeviceRole::Counsellor,
        Role::Supervisor => DeviceRole::Supervisor,
    }
}

fn dedup_certificates(mut all: Vec<DeviceCertificate>) -> Vec<DeviceCertificate> {
    let mut seen = std::collections::BTreeSet::new();
    all.retain(|c| seen.insert(c.id()));
    all
}

fn dedup_statements(mut all: Vec<Statement>) -> Vec<Statement> {
    let mut seen = std::collections::BTreeSet::new();
    all.retain(|s| seen.insert(s.id()));
    all
}

/// Rebuilds the trust directory from the material this device accepted before (checked again
/// under the pinned root: a stored document that no longer verifies is dropped).
fn load_trust(
    store: &Store,
    tenant: &str,
    root: &TenantRootPublicKey,
) -> Result<TrustDirectory, SyncError> {
    let stored: TrustStored = match store.sync_state(KEY_TRUST)? {
        Some(text) => serde_json::from_str(&text)
            .map_err(|_| SyncError::Protocol("stored trust material does not parse".into()))?,
        None => TrustStored::default(),
    };
    let certificates: Vec<DeviceCertificate> = stored
        .certificates
        .iter()
        .filter_map(|c| DeviceCertificate::from_json(c.as_bytes()).ok())
        .collect();
    let statements: Vec<Statement> = stored
        .statements
        .iter()
        .filter_map(|s| Statement::from_json(s.as_bytes()).ok())
        .collect();
    let (trust, _) = TrustDirectory::build(tenant, root.clone(), &certificates, &statements);
    Ok(trust)
}

/// The directory's accepted material, for [`load_trust`].
fn save_trust(store: &mut Store, trust: &TrustDirectory) -> Result<(), SyncError> {
    let utf8 = |b: Vec<u8>| String::from_utf8(b).expect("JSON is UTF-8");
    let stored = TrustStored {
        certificates: trust.certificates().map(|c| utf8(c.to_json())).collect(),
        statements: trust.statements().map(|s| utf8(s.to_json())).collect(),
    };
    store.set_sync_state(&[(KEY_TRUST, json(&stored)?.as_str())])?;
    Ok(())
}

fn json<T: Serialize>(value: &T) -> Result<String, SyncError> {
    serde_json::to_string(value).map_err(|e| SyncError::Protocol(e.to_string()))
}

fn threads_for(n: usize) -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(n.div_ceil(PARALLEL_MIN).max(1))
}

/// `f` over contiguous chunks of `items` on up to all cores; results concatenated in order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> Vec<R> + Sync) -> Vec<R> {
    let threads = threads_for(items.len());
    if threads <= 1 {
        return f(items);
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || f(part)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("sync workers do not panic"))
            .collect()
    })
}

/// Like [`parallel_map`] for a fallible `f`.
fn parallel_chunks<T: Sync, R: Send, E: Send>(
    items: &[T],
    f: impl Fn(&[T]) -> Result<Vec<R>, E> + Sync,
) -> Result<Vec<R>, SyncError>
where
    SyncError: From<E>,
{
    let threads = threads_for(items.len());
    if threads <= 1 {
        return Ok(f(items)?);
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    let results: Vec<Result<Vec<R>, E>> = std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || f(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("sync workers do not panic"))
            .collect()
    });
    let mut out = Vec::with_capacity(items.len());
    for r in results {
        out.extend(r?);
    }
    Ok(out)
}
