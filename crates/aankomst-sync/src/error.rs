//! The one error type of the sync client. No variant carries client data: texts name codes,
//! fields and device ids, never a field value or a plaintext.

use aankomst_seal::SealError;
use aankomst_store::StoreError;

/// Why an enrolment, a sync or a grant did not complete. [`SyncError::code`] is a stable key
/// the app translates; [`SyncError::is_retryable`] says whether simply trying again later is
/// the right advice.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The connection could not be made, broke, or timed out. Nothing is lost: the next sync
    /// resumes where this one stopped.
    #[error("the server could not be reached or the connection broke: {0}")]
    Network(String),
    /// The server refused the request with a typed error (see the server README's table).
    #[error("the server refused the request ({code}): {message}")]
    Refused {
        /// Stable wire code, e.g. `invalid_code`.
        code: String,
        /// The server's English text (for logs).
        message: String,
    },
    /// A supervisor revoked this device by a signed revocation that verified under the pinned
    /// root: the app must call [`crate::SyncEngine::wipe`]. Nothing else means this.
    #[error("this device was revoked by a supervisor")]
    Revoked,
    /// The server refuses this device as revoked but shows no revocation that verifies (an
    /// unsigned code, a revocation by a device that may not revoke or that the server made
    /// up): nothing is wiped and nothing is lost; a supervisor should look into it.
    #[error("the server refuses this device as revoked without a valid signed revocation")]
    RevocationUnverified(Option<Box<ClaimedRevocation>>),
    /// This device is not (or no longer) certified in the tenant's directory: a supervisor
    /// must confirm its fingerprint and grant it the team key first. Nothing is lost.
    #[error("this device is not certified by a supervisor yet")]
    NotCertified,
    /// This device is not an active supervisor in the tenant's directory, so it cannot
    /// certify, revoke or change the role of a device.
    #[error("this device is not a certified supervisor")]
    NotCertifiedSupervisor,
    /// The server asks to wait before trying again.
    #[error("too many requests; retry after {retry_after_s} s")]
    RateLimited {
        /// Seconds to wait.
        retry_after_s: u64,
    },
    /// The recipient list the server offered is not signed by the pinned tenant root, is for
    /// another tenant, or is older than the accepted one. Nothing was sealed for it.
    #[error("the recipient list was refused: {0}")]
    RecipientListRefused(SealError),
    /// The server has no recipient list for the tenant yet: nothing can be sealed.
    #[error("the tenant has no recipient list yet")]
    NoRecipientList,
    /// The server names another tenant root key than the one given at enrolment.
    #[error("the server's tenant root key is not the one given for enrolment")]
    TenantRootMismatch,
    /// A receipt does not verify under the pinned server key or is not for the envelope sent.
    #[error("a receipt from the server is not valid: {0}")]
    BadReceipt(&'static str),
    /// Envelopes for a team key this device has not been granted yet wait on the server;
    /// a supervisor must grant it. Pushing still works.
    #[error("this device has not been granted the team key yet")]
    TeamKeyMissing,
    /// The server's directory gives another key for a device this device already knows.
    #[error("the server gives a different key for known device {0}")]
    DirectoryKeyChanged(String),
    /// An envelope's author is not in the tenant's device directory.
    #[error("envelope by unknown device {0}")]
    UnknownAuthor(String),
    /// The store has no enrolment.
    #[error("this profile is not enrolled for sync")]
    NotEnrolled,
    /// The store is already enrolled.
    #[error("this profile is already enrolled for sync")]
    AlreadyEnrolled,
    /// Only a supervisor's device can grant the team key, and only if it holds it.
    #[error("this device cannot grant the team key: {0}")]
    CannotGrant(&'static str),
    /// The fingerprint the supervisor typed is not the one of the device's verified request.
    #[error("the typed fingerprint is not the device's")]
    FingerprintMismatch,
    /// The app stopped the sync (it was locked); the next sync resumes where this one stopped.
    #[error("the sync was stopped")]
    Cancelled,
    /// Device management (enrolment codes, the device list, revocation) is for a supervisor's
    /// device only.
    #[error("only a supervisor's device can manage devices")]
    NotSupervisor,
    /// The server's certificate or URL given for enrolment is unusable.
    #[error("the server settings are unusable: {0}")]
    BadServerSettings(String),
    /// The server's answer does not parse as the protocol says.
    #[error("the server's answer is malformed: {0}")]
    Protocol(String),
    /// The local store failed.
    #[error("local store: {0}")]
    Store(#[from] StoreError),
    /// Sealing or opening failed.
    #[error("envelope: {0}")]
    Seal(#[from] SealError),
    /// Removing the database files failed.
    #[error("removing the local database failed: {0}")]
    Wipe(std::io::ErrorKind),
}

/// What a server sent with a `revoked_device` refusal: the revocation it claims (JSON) and the
/// tenant's certificates and statements, all to be verified before anything is wiped.
#[derive(Debug, Clone, Default)]
pub struct ClaimedRevocation {
    /// The `aankomst-revocation/1` document.
    pub revocation: String,
    /// Certificates sent with it.
    pub certificates: Vec<String>,
    /// Statements sent with it.
    pub statements: Vec<String>,
}

impl SyncError {
    /// A stable key for the app's translated message.
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::Network(_) => "sync-network",
            SyncError::Refused { .. } => "sync-refused",
            SyncError::Revoked => "sync-revoked",
            SyncError::RevocationUnverified(_) => "sync-revocation-unverified",
            SyncError::NotCertified => "sync-not-certified",
            SyncError::NotCertifiedSupervisor => "sync-not-certified-supervisor",
            SyncError::RateLimited { .. } => "sync-rate-limited",
            SyncError::RecipientListRefused(_) => "sync-recipient-list-refused",
            SyncError::NoRecipientList => "sync-no-recipient-list",
            SyncError::TenantRootMismatch => "sync-tenant-root-mismatch",
            SyncError::BadReceipt(_) => "sync-bad-receipt",
            SyncError::TeamKeyMissing => "sync-team-key-missing",
            SyncError::DirectoryKeyChanged(_) => "sync-device-key-changed",
            SyncError::UnknownAuthor(_) => "sync-unknown-author",
            SyncError::NotEnrolled => "sync-not-enrolled",
            SyncError::AlreadyEnrolled => "sync-already-enrolled",
            SyncError::CannotGrant(_) => "sync-cannot-grant",
            SyncError::FingerprintMismatch => "sync-fingerprint-mismatch",
            SyncError::Cancelled => "sync-cancelled",
            SyncError::NotSupervisor => "sync-not-supervisor",
            SyncError::BadServerSettings(_) => "sync-bad-server-settings",
            SyncError::Protocol(_) => "sync-protocol",
            SyncError::Store(_) => "sync-store",
            SyncError::Seal(_) => "sync-envelope",
            SyncError::Wipe(_) => "sync-wipe",
        }
    }

    /// True when trying the same sync again later may succeed without anyone acting.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            SyncError::Network(_) | SyncError::RateLimited { .. } | SyncError::TeamKeyMissing
        ) || matches!(self, SyncError::Refused { code, .. } if code == "internal" || code == "replayed_request" || code == "stale_request")
    }
}
