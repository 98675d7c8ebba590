//! IPC types of sync: status, enrolment, progress, the ledger, team-key grants and conflicts.
//! Exported to TypeScript by ts-rs like the rest of [`crate::ipc`]; no 64-bit integers.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// Where this device stands with the municipal server.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct SyncStatus {
    pub enrolled: bool,
    pub device_id: Option<String>,
    /// `counsellor` or `supervisor`.
    pub role: Option<String>,
    /// To compare, on the phone or in person, with what the supervisor's app shows before it
    /// grants the team key.
    pub fingerprint: Option<String>,
    /// This device's Ed25519 key (base64url): what IT certifies at the key ceremony for the
    /// first supervisor (`aankomst-keys certify --device-public-key`).
    pub device_public_key: Option<String>,
    /// Whether the tenant's verified directory holds this device as certified and active (a
    /// supervisor certifies it when granting the team key; until then it pushes nothing).
    pub certified: bool,
    /// False until a supervisor's device granted the team key: until then nothing syncs.
    pub has_team_key: bool,
    /// UTC, RFC 3339.
    pub last_check_in: Option<String>,
    pub days_since_check_in: Option<u32>,
    /// This device's revisions without a server receipt yet.
    pub unsynced: u32,
    pub offline_lock_days: u32,
    /// Client data is locked until the next successful sync.
    pub offline_locked: bool,
    /// A key list with the GGD's key is pinned (at enrolment, or before it): sealed
    /// instruments can be given; without it they are refused.
    pub ggd_key_pinned: bool,
}

/// Enrolment with a one-time code. The certificate and the tenant root key come from the
/// municipality's IT staff, on paper or a USB stick, never from the server itself.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct EnrolRequest {
    pub server_url: String,
    /// The server's certificate (PEM), the only one trusted for it.
    pub server_certificate: String,
    pub tenant: String,
    /// The tenant's root public key (base64url).
    pub tenant_root_key: String,
    pub code: String,
}

/// Sent as the `sync-progress` event while a sync runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SyncProgress {
    /// `push` or `pull`.
    pub phase: String,
    pub records: u32,
    /// Known for a push: how many in all.
    pub total_records: Option<u32>,
    pub bytes: u32,
}

/// What one sync did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SyncReportView {
    pub pushed: u32,
    pub pushed_bytes: u32,
    pub pulled: u32,
    pub pulled_bytes: u32,
    /// Pulled envelopes this device already held (a retried page, its own revisions).
    pub already_held: u32,
    /// Sealed for someone else (the GGD): kept with the receipt, not opened.
    pub sealed_for_others: u32,
    /// Envelopes that failed verification and were not applied.
    pub refused: u32,
    pub checked_in_at: String,
    /// The policy version this sync accepted, if a new one arrived.
    pub policy_accepted: Option<u32>,
    /// Why the policy the server offered was refused (a `policy-refused-*` message key), if
    /// it was: the device keeps the policy it had.
    pub policy_refused: Option<String>,
}

/// One line of the sync ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LedgerLine {
    pub at: String,
    /// `pushed` or `pulled`.
    pub direction: String,
    /// `receipted`, `applied`, `already_held`, `sealed_not_for_this_device`, `own_envelope`
    /// or `refused`.
    pub outcome: String,
    /// The envelope id: the receipt's subject.
    pub envelope_id: String,
    pub record_kind: String,
    /// The server's sequence number from the receipt or the pull.
    pub server_sequence: u32,
    pub bytes: u32,
}

/// A device waiting for the team key (seen on a supervisor's device).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PendingDeviceView {
    pub device_id: String,
    pub fingerprint: String,
}

/// One field edited on two devices at once.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ConflictView {
    pub record_id: String,
    pub record_kind: String,
    pub client_id: Option<String>,
    pub client_name: Option<String>,
    pub field: String,
    /// Every version, the one shown now first.
    pub versions: Vec<ConflictVersion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ConflictVersion {
    /// `null` when that version cleared the field.
    #[ts(type = "unknown")]
    pub value: Value,
    pub author_user: String,
    pub at: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SettleConflictRequest {
    pub record_id: String,
    pub field: String,
    #[ts(type = "unknown")]
    pub value: Value,
}

/// One device of the team as a supervisor's app lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ManagedDeviceView {
    pub device_id: String,
    /// The name given with its enrolment code ("Fatima's laptop"), if any.
    pub label: Option<String>,
    /// `counsellor` or `supervisor`: as its certificate (or a later signed role change) says
    /// when it is certified; else the role the server gives it (not to be relied on).
    pub role: String,
    /// `active` or `revoked`: whether the server lets it in.
    pub status: String,
    /// What the verified device directory says: `certified`, `revoked` (a signed revocation)
    /// or `not_certified` (no supervisor certified it: nothing it sends is taken).
    pub certification: String,
    /// UTC, RFC 3339.
    pub enrolled_at: String,
    /// Its last request to the server (to the minute), UTC, RFC 3339.
    pub last_contact: Option<String>,
    pub revoked_at: Option<String>,
    /// This is the device the app runs on (it cannot revoke itself).
    pub this_device: bool,
    /// The server flagged its audit trail: it once went back to an earlier entry (cut, or the
    /// laptop's data restored from an older copy) or was rewritten. Ask the counsellor why.
    pub audit_warning: bool,
}

/// A supervisor asks for a one-time enrolment code.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct IssueEnrolmentCodeRequest {
    /// `counsellor` or `supervisor`.
    pub role: String,
    /// 1 to 336 (fourteen days).
    pub valid_for_hours: u32,
    /// Who or which laptop it is for (shown in the device list once enrolled).
    pub label: Option<String>,
}

/// A one-time enrolment code, shown once: the server keeps only its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EnrolmentCodeView {
    pub code: String,
    pub role: String,
    pub label: Option<String>,
    /// UTC, RFC 3339.
    pub expires_at: String,
}
