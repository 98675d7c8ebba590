//! Wire types of the Aankomst sync protocol (`aankomst-sync/1`, JSON over HTTPS) and request
//! authentication, shared by the server (`aankomst-server`) and the client (`aankomst-sync`).
//! Nothing here does IO, so the client does not pull the server's HTTP stack.
//!
//! # Request authentication (`aankomst-request/1`)
//!
//! Every request except `GET /v1/health` and `GET /v1/server` is signed by the device's
//! Ed25519 key (the key it enrols, the same one that signs its envelopes). The request carries
//! five headers:
//!
//! | header | value |
//! |---|---|
//! | `aankomst-tenant` | the tenant id (text) |
//! | `aankomst-device` | the device id (text) |
//! | `aankomst-timestamp` | milliseconds since the Unix epoch, UTC, decimal |
//! | `aankomst-nonce` | 16 to 64 random bytes, unpadded base64url, fresh for every request |
//! | `aankomst-signature` | 64 bytes, unpadded base64url: Ed25519 over the bytes `Q` below |
//!
//! ```text
//! Q = text("aankomst-request/1")
//!   ‖ text(method)            e.g. "POST", upper case
//!   ‖ text(path_and_query)    exactly as sent, e.g. "/v1/pull?after=10&limit=500"
//!   ‖ text(tenant) ‖ text(device)
//!   ‖ int(timestamp_ms)
//!   ‖ bytes(nonce)            the decoded nonce bytes
//!   ‖ bytes(SHA-256(body))    32 bytes; the body is empty for GET
//! ```
//!
//! with the canonical encoding of `docs/envelope-format.md` §2.3: `bytes(x) = u32_be(len(x)) ‖ x`,
//! `text(s) = bytes(UTF-8 of s)`, `int(n) = u64_be(n)`.
//!
//! The server accepts a request only if, in this order: the headers parse; the timestamp is
//! within [`FRESHNESS_WINDOW_MS`] of the server's clock (either side); the device is enrolled
//! for the tenant (else `unknown_device`); the signature verifies strictly under its enrolled
//! key (else `bad_request_signature`); the device is not revoked (else `revoked_device`); the
//! per-device rate limit allows it (else `rate_limited`); and the (tenant, device, nonce)
//! triple was never accepted before (else `replayed_request`). Accepted nonces are kept for
//! twice the window, so a captured request cannot be replayed while its timestamp is fresh
//! and is stale afterwards.
//!
//! Enrolment (`POST /v1/enrol`) is signed the same way, by the key being enrolled (proof that
//! the device holds the secret key); the key is taken from the request body.

pub mod sealed_export;

use aankomst_seal::DevicePublicKey;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

/// Label of the request signature's signed bytes.
pub const REQUEST_FORMAT: &str = "aankomst-request/1";
/// How far a request timestamp may be from the server's clock, either side.
pub const FRESHNESS_WINDOW_MS: u64 = 5 * 60 * 1000;

/// Header names.
pub mod headers {
    /// Tenant id.
    pub const TENANT: &str = "aankomst-tenant";
    /// Device id.
    pub const DEVICE: &str = "aankomst-device";
    /// Milliseconds since the epoch.
    pub const TIMESTAMP: &str = "aankomst-timestamp";
    /// Random nonce, base64url.
    pub const NONCE: &str = "aankomst-nonce";
    /// Ed25519 signature, base64url.
    pub const SIGNATURE: &str = "aankomst-signature";
}

/// The authentication fields of a request, as sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestAuth {
    /// Tenant id.
    pub tenant: String,
    /// Device id.
    pub device: String,
    /// Milliseconds since the Unix epoch.
    pub timestamp_ms: u64,
    /// The nonce bytes.
    pub nonce: Vec<u8>,
    /// The signature bytes.
    pub signature: [u8; 64],
}

/// A request as the service layer sees it: what was signed, and the body.
#[derive(Clone, Debug)]
pub struct SignedRequest<'a> {
    /// HTTP method, upper case.
    pub method: &'a str,
    /// Path and query, exactly as sent.
    pub path_and_query: &'a str,
    /// The authentication fields.
    pub auth: RequestAuth,
    /// The body.
    pub body: &'a [u8],
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    out.extend_from_slice(&(b.len() as u32).to_be_bytes());
    out.extend_from_slice(b);
}

/// The bytes `Q` a request signature covers (see the module docs).
pub fn request_signed_bytes(
    method: &str,
    path_and_query: &str,
    tenant: &str,
    device: &str,
    timestamp_ms: u64,
    nonce: &[u8],
    body: &[u8],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(128 + path_and_query.len());
    put_bytes(&mut out, REQUEST_FORMAT.as_bytes());
    put_bytes(&mut out, method.as_bytes());
    put_bytes(&mut out, path_and_query.as_bytes());
    put_bytes(&mut out, tenant.as_bytes());
    put_bytes(&mut out, device.as_bytes());
    out.extend_from_slice(&timestamp_ms.to_be_bytes());
    put_bytes(&mut out, nonce);
    put_bytes(&mut out, &Sha256::digest(body));
    out
}

impl SignedRequest<'_> {
    /// Checks the signature strictly under `key`.
    pub fn verify(&self, key: &DevicePublicKey) -> bool {
        let Ok(vk) = VerifyingKey::from_bytes(&key.to_bytes()) else {
            return false;
        };
        let q = request_signed_bytes(
            self.method,
            self.path_and_query,
            &self.auth.tenant,
            &self.auth.device,
            self.auth.timestamp_ms,
            &self.auth.nonce,
            self.body,
        );
        vk.verify_strict(&q, &Signature::from_bytes(&self.auth.signature))
            .is_ok()
    }
}

/// Client side: signs requests for one device of one tenant (the device's enrolled key).
pub struct RequestSigner {
    key: SigningKey,
    tenant: String,
    device: String,
}

impl RequestSigner {
    /// A signer for `device` (its id and secret key) in `tenant`.
    pub fn new(device: &aankomst_seal::DeviceKey, tenant: &str) -> Self {
        RequestSigner {
            key: SigningKey::from_bytes(&device.secret_bytes()),
            tenant: tenant.to_owned(),
            device: device.device_id().to_owned(),
        }
    }

    /// Signs with the current time and a fresh random 16-byte nonce.
    pub fn sign(&self, method: &str, path_and_query: &str, body: &[u8]) -> RequestAuth {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        let mut nonce = [0u8; 16];
        getrandom::fill(&mut nonce).expect("the operating system supplies randomness");
        self.sign_at(method, path_and_query, body, now, &nonce)
    }

    /// Signs with a given timestamp and nonce.
    pub fn sign_at(
        &self,
        method: &str,
        path_and_query: &str,
        body: &[u8],
        timestamp_ms: u64,
        nonce: &[u8],
    ) -> RequestAuth {
        let q = request_signed_bytes(
            method,
            path_and_query,
            &self.tenant,
            &self.device,
            timestamp_ms,
            nonce,
            body,
        );
        RequestAuth {
            tenant: self.tenant.clone(),
            device: self.device.clone(),
            timestamp_ms,
            nonce: nonce.to_vec(),
            signature: self.key.sign(&q).to_bytes(),
        }
    }
}

impl RequestAuth {
    /// The five headers that carry these fields.
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        vec![
            (headers::TENANT, self.tenant.clone()),
            (headers::DEVICE, self.device.clone()),
            (headers::TIMESTAMP, self.timestamp_ms.to_string()),
            (headers::NONCE, URL_SAFE_NO_PAD.encode(&self.nonce)),
            (headers::SIGNATURE, URL_SAFE_NO_PAD.encode(self.signature)),
        ]
    }
}

/// Why the authentication headers of a request could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthHeaderError {
    /// A header is missing (the request is not signed).
    #[error("missing {0} header")]
    Unauthenticated(&'static str),
    /// A header is present but malformed.
    #[error("{0}")]
    Malformed(String),
}

/// Parses the authentication headers; `get` returns a header's value if present.
pub fn parse_auth<'h>(
    get: impl Fn(&str) -> Option<&'h str>,
) -> Result<RequestAuth, AuthHeaderError> {
    use AuthHeaderError::{Malformed, Unauthenticated};
    let need = |name: &'static str| get(name).ok_or(Unauthenticated(name));
    let tenant = need(headers::TENANT)?.to_owned();
    let device = need(headers::DEVICE)?.to_owned();
    let timestamp_ms = need(headers::TIMESTAMP)?
        .parse::<u64>()
        .map_err(|_| Malformed("aankomst-timestamp is not a decimal integer".into()))?;
    let nonce = URL_SAFE_NO_PAD
        .decode(need(headers::NONCE)?)
        .map_err(|_| Malformed("aankomst-nonce is not unpadded base64url".into()))?;
    if !(16..=64).contains(&nonce.len()) {
        return Err(Malformed("aankomst-nonce must be 16 to 64 bytes".into()));
    }
    let signature: [u8; 64] = URL_SAFE_NO_PAD
        .decode(need(headers::SIGNATURE)?)
        .ok()
        .and_then(|s| s.try_into().ok())
        .ok_or_else(|| Malformed("aankomst-signature is not 64 bytes of base64url".into()))?;
    if tenant.is_empty() || tenant.len() > 256 || device.is_empty() || device.len() > 256 {
        return Err(Malformed("tenant and device must be 1 to 256 bytes".into()));
    }
    Ok(RequestAuth {
        tenant,
        device,
        timestamp_ms,
        nonce,
        signature,
    })
}

/// A device's role in its team.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A counsellor's laptop.
    Counsellor,
    /// A supervisor's device (enrols and revokes devices, grants the team key).
    Supervisor,
}

impl Role {
    /// The wire and storage spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Counsellor => "counsellor",
            Role::Supervisor => "supervisor",
        }
    }

    /// Parses the wire spelling.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "counsellor" => Some(Role::Counsellor),
            "supervisor" => Some(Role::Supervisor),
            _ => None,
        }
    }
}

/// Limits the server enforces (also published at `GET /v1/server`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest request body, bytes.
    pub max_body_bytes: usize,
    /// Most envelopes in one push.
    pub max_batch: usize,
    /// Most envelopes in one pull page.
    pub max_pull_page: usize,
    /// Requests per minute per device (sustained).
    pub requests_per_minute: u32,
    /// Requests a device may make in a burst.
    pub burst: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 32 * 1024 * 1024,
            max_batch: 500,
            max_pull_page: 1000,
            requests_per_minute: 600,
            burst: 120,
        }
    }
}

/// `POST /v1/enrol` body.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolRequest {
    /// The one-time code a supervisor issued (dashes and case are ignored).
    pub code: String,
    /// The device's id and Ed25519 public key.
    pub device: DevicePublicKey,
}

/// A device as the server knows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceInfo {
    /// Tenant id.
    pub tenant: String,
    /// Device id.
    pub device_id: String,
    /// Ed25519 public key, base64url.
    pub public_key: String,
    /// Role.
    pub role: Role,
    /// `active` or `revoked`.
    pub status: String,
    /// When it enrolled, ms since the epoch.
    pub enrolled_at_ms: u64,
}

/// `POST /v1/enrol` answer.
#[derive(Debug, Serialize, Deserialize)]
pub struct EnrolResponse {
    /// The enrolled device.
    pub device: DeviceInfo,
    /// The tenant root public key (base64url) the server has on file. The app pins the key it
    /// was given out of band; this is for comparison only.
    pub tenant_root_public_key: String,
    /// The tenant's signed recipient list, if one was registered (verify it with the pinned
    /// root key before use).
    pub recipient_list: Option<Box<RawValue>>,
    /// The server's receipt key, base64url (pin it).
    pub server_public_key: String,
    /// Its key id.
    pub server_key_id: String,
}

/// `POST /v1/push` body: a batch of envelopes (each the `aankomst-envelope/1` JSON document)
/// and the pushing device's audit chain head. The head is in the body, so the request
/// signature covers it (the body's SHA-256 is part of the signed bytes).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    /// The envelopes.
    pub envelopes: Vec<Box<RawValue>>,
    /// The device's audit chain head when it pushed: the newest entry of its local chain,
    /// pushed or not. The server keeps the highest head each device showed and flags a head
    /// lower than it (the chain was cut or the store rolled back) or one with the same
    /// sequence number and another hash (a fork). Absent from clients older than the check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_head: Option<AuditHead>,
}

/// A device's audit chain head: the sequence number and hash (64 lower-case hex digits) of
/// its newest audit entry; sequence 0 with the genesis hash (64 zeros) for an empty chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditHead {
    /// The newest entry's sequence number.
    pub seq: u64,
    /// Its hash.
    pub hash: String,
}

impl AuditHead {
    /// Whether the hash is 64 hexadecimal digits.
    pub fn is_well_formed(&self) -> bool {
        self.hash.len() == 64 && self.hash.bytes().all(|b| b.is_ascii_hexdigit())
    }
}

/// What the server found wrong with a device's audit chain head.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditFlagKind {
    /// A head with a lower sequence number than one the device showed before: entries were
    /// cut off its chain, or its store was restored from an older copy.
    Regression,
    /// A head (or a pushed audit entry) with a sequence number the device showed before but
    /// another hash: the chain was rewritten from there on.
    Fork,
}

impl AuditFlagKind {
    /// The wire and storage spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditFlagKind::Regression => "regression",
            AuditFlagKind::Fork => "fork",
        }
    }

    /// Parses the wire spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "regression" => Some(AuditFlagKind::Regression),
            "fork" => Some(AuditFlagKind::Fork),
            _ => None,
        }
    }
}

/// One flag the server raised on a device's audit chain (kept; never cleared by the device).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFlag {
    /// Regression or fork.
    pub kind: AuditFlagKind,
    /// The highest head the device had shown: its sequence number…
    pub seen_seq: u64,
    /// …and hash.
    pub seen_hash: String,
    /// What it showed now: sequence number…
    pub claimed_seq: u64,
    /// …and hash.
    pub claimed_hash: String,
    /// When the server saw it, ms since the epoch.
    pub at_ms: u64,
}

/// `POST /v1/push` answer: one receipt per envelope, in the order pushed.
#[derive(Debug, Serialize, Deserialize)]
pub struct PushResponse {
    /// `aankomst-receipt/1` documents.
    pub receipts: Vec<Box<RawValue>>,
}

/// One envelope of a pull page.
#[derive(Debug, Serialize, Deserialize)]
pub struct PulledEnvelope {
    /// The tenant sequence number (the cursor after this envelope).
    pub sequence: u64,
    /// The `aankomst-envelope/1` document.
    pub envelope: Box<RawValue>,
}

/// `GET /v1/pull?after=N&limit=M` answer.
#[derive(Debug, Serialize, Deserialize)]
pub struct PullResponse {
    /// Envelopes with sequence > `after`, ascending.
    pub envelopes: Vec<PulledEnvelope>,
    /// The cursor to ask with next (the last sequence returned, or `after` if none).
    pub next_cursor: u64,
    /// True when there was nothing more after this page.
    pub done: bool,
}

/// `GET /v1/recipients` answer.
#[derive(Debug, Serialize, Deserialize)]
pub struct RecipientsResponse {
    /// The tenant's signed recipient list, if registered.
    pub recipient_list: Option<Box<RawValue>>,
}

/// `GET /v1/policy` answer: the tenant's newest signed policy (`aankomst-policy/1`), relayed
/// as uploaded. The server does not vouch for it: a device verifies it against its own trust
/// directory and policy pin.
#[derive(Debug, Serialize, Deserialize)]
pub struct PolicyResponse {
    /// The newest signed policy document, if any was published.
    pub policy: Option<Box<RawValue>>,
}

/// `POST /v1/admin/policy` answer (the body is the signed policy document itself).
#[derive(Debug, Serialize, Deserialize)]
pub struct PolicyUploaded {
    /// The version stored.
    pub version: u64,
}

/// `GET /v1/server` answer (unauthenticated).
#[derive(Debug, Serialize, Deserialize)]
pub struct ServerInfo {
    /// The server's receipt key, base64url.
    pub server_public_key: String,
    /// Its key id.
    pub server_key_id: String,
    /// Protocol version.
    pub protocol: String,
    /// Limits the server enforces.
    pub limits: Limits,
}

/// `GET /v1/devices` answer: the devices of the caller's tenant as the server has them, and the
/// tenant's device certificates and statements (`aankomst-device-certificate/1`,
/// `aankomst-revocation/1`, `aankomst-role-change/1`) in the order the server accepted them.
/// A client builds its directory of author keys and roles from the certificates and statements
/// only, verified under the root it pinned; `devices` is the server's word and is not trusted.
#[derive(Debug, Serialize, Deserialize)]
pub struct DevicesResponse {
    /// The devices, active and revoked.
    pub devices: Vec<DeviceInfo>,
    /// Certificates, in the order the server accepted them.
    #[serde(default)]
    pub certificates: Vec<Box<RawValue>>,
    /// Revocations and role changes, in the order the server accepted them.
    #[serde(default)]
    pub statements: Vec<Box<RawValue>>,
}

/// `POST /v1/trust` body: certificates and statements a device issued (a supervisor's device
/// certifying a device, revoking one or changing a role), or the tenant's material as a refused
/// device needs it. The server admits each under the tenant's directory (chain to the tenant
/// root, issuer active with a role that may sign it) and refuses the whole upload otherwise.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustMaterial {
    /// `aankomst-device-certificate/1` documents.
    #[serde(default)]
    pub certificates: Vec<Box<RawValue>>,
    /// `aankomst-revocation/1` and `aankomst-role-change/1` documents.
    #[serde(default)]
    pub statements: Vec<Box<RawValue>>,
}

/// `POST /v1/grants/request` body: a device asks for the team key, naming the X25519 key the
/// grant is to be wrapped for. `signature` is the device's Ed25519 signature over
/// [`grant_request_signed_bytes`], so a supervisor can check the key is the device's own.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantRequest {
    /// X25519 public key, base64url.
    pub grant_public_key: String,
    /// Ed25519 by the requesting device, base64url.
    pub signature: String,
}

/// Label of a grant request's signed bytes.
pub const GRANT_REQUEST_FORMAT: &str = "aankomst-grant-request/1";

/// What a device signs to bind its X25519 grant key to its enrolled identity:
/// `text("aankomst-grant-request/1") ‖ text(tenant) ‖ text(device) ‖ bytes(x25519 public key)`.
pub fn grant_request_signed_bytes(tenant: &str, device: &str, grant_public_key: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(96 + tenant.len() + device.len());
    put_bytes(&mut out, GRANT_REQUEST_FORMAT.as_bytes());
    put_bytes(&mut out, tenant.as_bytes());
    put_bytes(&mut out, device.as_bytes());
    put_bytes(&mut out, grant_public_key);
    out
}

/// One device waiting for the team key (`GET /v1/grants/pending`, supervisors only).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PendingGrant {
    /// The device.
    pub device_id: String,
    /// Its Ed25519 key, base64url (as enrolled).
    pub device_public_key: String,
    /// Its X25519 key, base64url.
    pub grant_public_key: String,
    /// The device's signature over its grant request, base64url.
    pub signature: String,
    /// The team key generation it lacks (the recipient list's current one).
    #[serde(default)]
    pub team_generation: u64,
}

/// `GET /v1/grants/pending` answer.
#[derive(Debug, Serialize, Deserialize)]
pub struct PendingGrantsResponse {
    /// Active devices that asked and hold no grant for the current team key generation
    /// (grants are per device and generation: after a rotation every device is pending again
    /// until a supervisor grants it the new key). Revoked devices are never listed.
    pub pending: Vec<PendingGrant>,
}

/// `POST /v1/grants` body (supervisors only): a team-key grant for one device.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantUpload {
    /// The device the grant is for.
    pub device_id: String,
    /// The `aankomst-grant/1` document.
    pub grant: Box<RawValue>,
}

/// `GET /v1/grants/mine` answer: the grants stored for the calling device, oldest first.
#[derive(Debug, Serialize, Deserialize)]
pub struct MyGrantsResponse {
    /// `aankomst-grant/1` documents.
    pub grants: Vec<Box<RawValue>>,
}

/// `POST /v1/admin/enrolment-codes` body (supervisors only): a one-time code for a new device
/// of the caller's tenant.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolmentCodeRequest {
    /// The role the device enrolled with it gets.
    pub role: Role,
    /// How long the code stays valid, seconds ([`ENROLMENT_CODE_MIN_S`] to
    /// [`ENROLMENT_CODE_MAX_S`]).
    pub valid_for_s: u64,
    /// A name for the device it will enrol, for the supervisor's list ("Fatima's laptop"; up
    /// to [`DEVICE_LABEL_MAX`] characters, no control characters). Staff metadata, never
    /// client data.
    #[serde(default)]
    pub label: Option<String>,
}

/// Longest device label.
pub const DEVICE_LABEL_MAX: usize = 100;

/// Shortest validity of an enrolment code a supervisor may issue (five minutes).
pub const ENROLMENT_CODE_MIN_S: u64 = 5 * 60;
/// Longest validity of an enrolment code a supervisor may issue (fourteen days).
pub const ENROLMENT_CODE_MAX_S: u64 = 14 * 24 * 60 * 60;

/// `POST /v1/admin/enrolment-codes` answer. The server keeps only the code's hash: this is the
/// one time the code is seen.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EnrolmentCodeResponse {
    /// The code, in groups of four.
    pub code: String,
    /// The role it enrols.
    pub role: Role,
    /// When it expires, ms since the epoch.
    pub expires_at_ms: u64,
    /// The label the enrolled device gets.
    pub label: Option<String>,
}

/// One device as a supervisor manages it (`GET /v1/admin/devices`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedDevice {
    /// Device id.
    pub device_id: String,
    /// The label given with its enrolment code, if any.
    pub label: Option<String>,
    /// Role.
    pub role: Role,
    /// `active` or `revoked`.
    pub status: String,
    /// When it enrolled, ms since the epoch.
    pub enrolled_at_ms: u64,
    /// Its last authenticated request (to the minute), ms since the epoch; none if it never
    /// made one after enrolling.
    pub last_contact_ms: Option<u64>,
    /// When it was revoked, ms since the epoch (none for a device revoked before this was
    /// recorded, or an active one).
    pub revoked_at_ms: Option<u64>,
    /// What the server found wrong with its audit chain head, oldest first (empty when
    /// nothing): a supervisor should find out why.
    #[serde(default)]
    pub audit_flags: Vec<AuditFlag>,
}

/// `GET /v1/admin/devices` answer (supervisors only).
#[derive(Debug, Serialize, Deserialize)]
pub struct ManagedDevicesResponse {
    /// The tenant's devices, oldest enrolment first.
    pub devices: Vec<ManagedDevice>,
}

/// `POST /v1/admin/devices/revoke` body (supervisors only). A device cannot revoke itself.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevokeDeviceRequest {
    /// The device to revoke.
    pub device_id: String,
}

/// Every refusal: `{"error": {"code": ..., "message": ..., "index"?: n, "retry_after_s"?: n}}`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The refusal.
    pub error: ErrorDetail,
}

/// The refusal's fields.
#[derive(Debug, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Stable code (see the README).
    pub code: String,
    /// English text for logs and developers; the app shows its own translated text by code.
    pub message: String,
    /// For refusals about one envelope: its position in the batch.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub index: Option<usize>,
    /// For `rate_limited`: seconds to wait.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub retry_after_s: Option<u64>,
    /// For `revoked_device`: the signed revocation of the calling device, if the tenant has
    /// one, with the tenant's certificates and statements its chain needs. A device wipes
    /// itself only if that revocation verifies under the root it pinned; the code alone is
    /// not a revocation.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub revocation: Option<Box<RawValue>>,
    /// For `revoked_device`: the tenant's trust material (see `revocation`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub trust: Option<TrustMaterial>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The request signature's signed bytes are a wire format: pinned byte for byte.
    #[test]
    fn request_signed_bytes_are_stable() {
        let q = request_signed_bytes("GET", "/v1/pull?after=1", "t", "d", 258, &[0xAA; 2], b"");
        let expected = concat!(
            "00000012",
            "61616e6b6f6d73742d726571756573742f31", // text("aankomst-request/1")
            "00000003",
            "474554", // text("GET")
            "00000010",
            "2f76312f70756c6c3f61667465723d31", // text("/v1/pull?after=1")
            "00000001",
            "74", // text("t")
            "00000001",
            "64",               // text("d")
            "0000000000000102", // int(258)
            "00000002",
            "aaaa",     // bytes(nonce)
            "00000020", // bytes(SHA-256(""))
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        );
        assert_eq!(hex::encode(q), expected);
    }

    #[test]
    fn a_signed_request_verifies_and_any_change_breaks_it() {
        let device =
            aankomst_seal::DeviceKey::generate("laptop-1", &mut aankomst_seal::system_rng())
                .unwrap();
        let signer = RequestSigner::new(&device, "utrecht");
        let auth = signer.sign_at("POST", "/v1/push", b"{}", 1_000, &[1; 16]);
        let headers = auth.headers();
        let parsed = parse_auth(|name| {
            headers
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.as_str())
        })
        .unwrap();
        assert_eq!(parsed, auth);
        let req = |method, pq, body| SignedRequest {
            method,
            path_and_query: pq,
            auth: parsed.clone(),
            body,
        };
        assert!(req("POST", "/v1/push", b"{}").verify(&device.public()));
        assert!(!req("GET", "/v1/push", b"{}").verify(&device.public()));
        assert!(!req("POST", "/v1/pull", b"{}").verify(&device.public()));
        assert!(!req("POST", "/v1/push", b"{ }").verify(&device.public()));
        let other =
            aankomst_seal::DeviceKey::generate("laptop-1", &mut aankomst_seal::system_rng())
                .unwrap();
        assert!(!req("POST", "/v1/push", b"{}").verify(&other.public()));
    }
}
