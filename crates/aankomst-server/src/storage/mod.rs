//! Storage behind the service: a small trait so the embedded SQLite backend and the
//! PostgreSQL backend are interchangeable. The server stores ciphertext envelopes and the
//! least metadata sync needs (DESIGN §4.5): tenant, sequence, envelope id, author device,
//! record id, size, time received.

mod postgres;
mod sqlite;

pub use self::postgres::PostgresStorage;
pub use sqlite::SqliteStorage;

use crate::protocol::{AuditFlag, Role};

/// A storage failure. Messages come from the database driver and never contain bound values.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// SQLite failed.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Migrations failed.
    #[error("migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// PostgreSQL failed.
    #[error("postgres: {0}")]
    Postgres(String),
    /// The backend cannot do this.
    #[error("not supported by this storage backend: {0}")]
    Unsupported(&'static str),
    /// A stored value is not what this code wrote.
    #[error("corrupt stored value in {0}")]
    Corrupt(&'static str),
}

/// How precisely a device's last contact is kept.
pub const CONTACT_RESOLUTION_MS: u64 = 60_000;

/// A tenant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TenantRow {
    /// Id (text, as envelopes name it).
    pub id: String,
    /// Display name.
    pub name: String,
    /// The tenant root Ed25519 public key, 32 bytes.
    pub root_public_key: [u8; 32],
    /// The signed recipient list, as JSON, if registered.
    pub recipient_list_json: Option<String>,
}

/// Device status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceStatus {
    /// May sync.
    Active,
    /// Refused; the device wipes itself at next contact.
    Revoked,
}

impl DeviceStatus {
    /// Storage spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceStatus::Active => "active",
            DeviceStatus::Revoked => "revoked",
        }
    }
}

/// An enrolled device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceRow {
    /// Tenant.
    pub tenant: String,
    /// Device id (unique per tenant).
    pub device_id: String,
    /// Ed25519 public key.
    pub public_key: [u8; 32],
    /// Role.
    pub role: Role,
    /// Status.
    pub status: DeviceStatus,
    /// Enrolment time, ms since the epoch.
    pub enrolled_at_ms: u64,
    /// The last authenticated request (kept to the minute), ms since the epoch.
    pub last_contact_ms: Option<u64>,
    /// When it was revoked, ms since the epoch.
    pub revoked_at_ms: Option<u64>,
    /// The label given with its enrolment code.
    pub label: Option<String>,
}

/// An envelope to store.
#[derive(Clone, Debug)]
pub struct NewEnvelope {
    /// Envelope id (SHA-256, 32 bytes).
    pub envelope_id: [u8; 32],
    /// Author device.
    pub author_device: String,
    /// Record id (text).
    pub record_id: String,
    /// The canonical envelope JSON (ciphertext and clear metadata only).
    pub body: Vec<u8>,
}

/// Where an envelope ended up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stored {
    /// Its tenant sequence number.
    pub sequence: u64,
    /// When it was first stored, ms since the epoch.
    pub received_at_ms: u64,
    /// True if it was stored by this call, false if it was already there.
    pub new: bool,
}

/// What the service needs from a database. Implementations must be safe to share between
/// threads; every method is one transaction.
pub trait Storage: Send + Sync {
    /// Creates a tenant; false if the id exists.
    fn create_tenant(
        &self,
        id: &str,
        name: &str,
        root_public_key: &[u8; 32],
    ) -> Result<bool, StorageError>;
    /// A tenant by id.
    fn tenant(&self, id: &str) -> Result<Option<TenantRow>, StorageError>;
    /// Replaces the tenant's signed recipient list.
    fn set_recipient_list(&self, tenant: &str, json: &str) -> Result<(), StorageError>;
    /// Stores the hash of a one-time enrolment code.
    fn add_enrolment_code(
        &self,
        tenant: &str,
        code_hash: &[u8; 32],
        role: Role,
        expires_at_ms: u64,
        label: Option<&str>,
    ) -> Result<(), StorageError>;
    /// Redeems a code and enrols the device in one transaction. `Ok(Err(_))` for a refusal
    /// (nothing changed): the code is unknown, used, expired or for another tenant, or the
    /// device id is taken.
    fn enrol(
        &self,
        tenant: &str,
        code_hash: &[u8; 32],
        device_id: &str,
        public_key: &[u8; 32],
        now_ms: u64,
    ) -> Result<Result<DeviceRow, EnrolRefusal>, StorageError>;
    /// A device.
    fn device(&self, tenant: &str, device_id: &str) -> Result<Option<DeviceRow>, StorageError>;
    /// Devices, of one tenant or all.
    fn devices(&self, tenant: Option<&str>) -> Result<Vec<DeviceRow>, StorageError>;
    /// Marks a device revoked at `now_ms` (an already revoked device keeps its first time);
    /// false if there is no such device.
    fn revoke_device(
        &self,
        tenant: &str,
        device_id: &str,
        now_ms: u64,
    ) -> Result<bool, StorageError>;
    /// Records a device's contact at `now_ms`. Writes only when the stored time is older than
    /// [`CONTACT_RESOLUTION_MS`], so a burst of requests costs one write.
    fn touch_device(&self, tenant: &str, device_id: &str, now_ms: u64) -> Result<(), StorageError>;
    /// Records a request nonce; false if the (tenant, device, nonce) was seen before. Forgets
    /// nonces whose expiry has passed.
    fn record_nonce(
        &self,
        tenant: &str,
        device_id: &str,
        nonce: &[u8],
        now_ms: u64,
        expires_at_ms: u64,
    ) -> Result<bool, StorageError>;
    /// Stores a batch in one transaction, idempotently: an envelope id already stored for the
    /// tenant keeps its original sequence and time and is not stored again.
    fn push(
        &self,
        tenant: &str,
        envelopes: &[NewEnvelope],
        now_ms: u64,
    ) -> Result<Vec<Stored>, StorageError>;
    /// Envelopes with sequence > `after`, ascending, at most `limit`: (sequence, body).
    fn pull(
        &self,
        tenant: &str,
        after: u64,
        limit: usize,
    ) -> Result<Vec<(u64, Vec<u8>)>, StorageError>;
    /// Number of envelopes stored for a tenant.
    fn envelope_count(&self, tenant: &str) -> Result<u64, StorageError>;
    /// Records (or replaces) a device's request for the team key: its X25519 key and the
    /// device's signature binding it. A replaced request keeps grants already stored.
    fn request_grant(
        &self,
        tenant: &str,
        device_id: &str,
        grant_public_key: &[u8; 32],
        signature: &[u8; 64],
    ) -> Result<(), StorageError>;
    /// Requests of active devices that hold no grant for team key `generation`: (device id,
    /// X25519 key, signature).
    fn pending_grants(
        &self,
        tenant: &str,
        generation: u64,
    ) -> Result<Vec<GrantRequestRow>, StorageError>;
    /// Stores a grant document of team key `generation` for a device (relayed as is; the
    /// server cannot open it), replacing the device's grant of that generation if any.
    fn add_grant(
        &self,
        tenant: &str,
        device_id: &str,
        generation: u64,
        grant_json: &str,
        now_ms: u64,
    ) -> Result<(), StorageError>;
    /// The highest audit chain head a device showed: (sequence, hash).
    fn audit_head(
        &self,
        tenant: &str,
        device_id: &str,
    ) -> Result<Option<(u64, String)>, StorageError>;
    /// Records a device's audit chain head as its new high-water mark.
    fn set_audit_head(
        &self,
        tenant: &str,
        device_id: &str,
        seq: u64,
        hash: &str,
        now_ms: u64,
    ) -> Result<(), StorageError>;
    /// Keeps a flag raised on a device's audit chain.
    fn add_audit_flag(
        &self,
        tenant: &str,
        device_id: &str,
        flag: &AuditFlag,
    ) -> Result<(), StorageError>;
    /// The flags raised on a tenant's devices, oldest first: (device id, flag).
    fn audit_flags(&self, tenant: &str) -> Result<Vec<(String, AuditFlag)>, StorageError>;
    /// The grant documents stored for a device, oldest first.
    fn grants(&self, tenant: &str, device_id: &str) -> Result<Vec<String>, StorageError>;
    /// Stores a device certificate or statement the service admitted, in arrival order;
    /// false (nothing changed) if the tenant already holds that document id.
    fn add_trust_document(
        &self,
        tenant: &str,
        document_id: &[u8; 32],
        kind: TrustKind,
        json: &str,
        now_ms: u64,
    ) -> Result<bool, StorageError>;
    /// The tenant's certificates and statements, in the order they were stored.
    fn trust_documents(&self, tenant: &str) -> Result<Vec<(TrustKind, String)>, StorageError>;
    /// Stores a signed policy document (`aankomst-policy/1`, relayed as is) as the tenant's
    /// `version`, only if it is newer than every version held; false (nothing stored) if not.
    /// `uploaded_by` is the uploading device, `None` for the admin CLI.
    fn add_policy(
        &self,
        tenant: &str,
        version: u64,
        policy_json: &str,
        uploaded_by: Option<&str>,
        now_ms: u64,
    ) -> Result<bool, StorageError>;
    /// The tenant's newest policy document: (version, JSON).
    fn latest_policy(&self, tenant: &str) -> Result<Option<(u64, String)>, StorageError>;
    /// Writes a consistent copy of the whole store to `path` while the server runs.
    fn backup(&self, path: &std::path::Path) -> Result<(), StorageError>;
}

/// What kind of trust document a row holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrustKind {
    /// `aankomst-device-certificate/1`.
    Certificate,
    /// `aankomst-revocation/1` or `aankomst-role-change/1`.
    Statement,
}

impl TrustKind {
    /// Storage spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            TrustKind::Certificate => "certificate",
            TrustKind::Statement => "statement",
        }
    }

    /// From the storage spelling.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "certificate" => Some(TrustKind::Certificate),
            "statement" => Some(TrustKind::Statement),
            _ => None,
        }
    }
}

/// A device's request for the team key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantRequestRow {
    /// The device.
    pub device_id: String,
    /// Its X25519 key.
    pub grant_public_key: [u8; 32],
    /// Its Ed25519 signature over the request.
    pub signature: [u8; 64],
}

/// Why enrolment was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnrolRefusal {
    /// Unknown, used, expired or for another tenant.
    InvalidCode,
    /// The device id is taken in this tenant.
    DeviceExists,
}
