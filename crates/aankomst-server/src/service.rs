//! The server's logic, with no HTTP in it: enrolment, request authentication, push, pull and
//! the admin operations. HTTP handlers only convert requests and answers.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use aankomst_seal::{
    DeviceCertificate, DevicePublicKey, DeviceRole, Envelope, EnvelopeId, Receipt,
    RecipientListPin, ServerKey, SignedPolicy, SignedRecipientList, Statement, StatementKind,
    TeamKeyGrant, TenantRootPublicKey, TrustDirectory,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use crate::error::RevocationProof;
use crate::protocol::{
    grant_request_signed_bytes, AuditFlag, AuditFlagKind, AuditHead, DeviceInfo, DevicesResponse,
    EnrolRequest, EnrolResponse, EnrolmentCodeRequest, EnrolmentCodeResponse, GrantRequest,
    GrantUpload, ManagedDevice, ManagedDevicesResponse, MyGrantsResponse, PendingGrant,
    PendingGrantsResponse, PolicyResponse, PolicyUploaded, PullResponse, PulledEnvelope,
    PushRequest, PushResponse, RecipientsResponse, RevokeDeviceRequest, Role, ServerInfo,
    SignedRequest, TrustMaterial, DEVICE_LABEL_MAX, ENROLMENT_CODE_MAX_S, ENROLMENT_CODE_MIN_S,
    FRESHNESS_WINDOW_MS,
};
use crate::storage::{DeviceRow, DeviceStatus, EnrolRefusal, NewEnvelope, Storage, TrustKind};
use crate::ServiceError;

pub use aankomst_protocol::Limits;

/// A clock returning milliseconds since the Unix epoch (replaceable in tests).
pub type Clock = Arc<dyn Fn() -> u64 + Send + Sync>;

/// The system clock.
pub fn system_clock() -> Clock {
    Arc::new(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0)
    })
}

/// Token buckets per (tenant, device).
struct RateLimiter {
    buckets: Mutex<HashMap<(String, String), (f64, u64)>>,
}

impl RateLimiter {
    /// Takes a token; `Err(seconds to wait)` if none.
    fn take(&self, limits: &Limits, tenant: &str, device: &str, now_ms: u64) -> Result<(), u64> {
        let rate_per_ms = f64::from(limits.requests_per_minute) / 60_000.0;
        let burst = f64::from(limits.burst.max(1));
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let entry = buckets
            .entry((tenant.to_owned(), device.to_owned()))
            .or_insert((burst, now_ms));
        let elapsed = now_ms.saturating_sub(entry.1) as f64;
        entry.0 = (entry.0 + elapsed * rate_per_ms).min(burst);
        entry.1 = now_ms;
        if entry.0 >= 1.0 {
            entry.0 -= 1.0;
            Ok(())
        } else if rate_per_ms <= 0.0 {
            Err(60)
        } else {
            Err((((1.0 - entry.0) / rate_per_ms) / 1000.0).ceil().max(1.0) as u64)
        }
    }
}

/// The server.
pub struct Service {
    storage: Arc<dyn Storage>,
    server_key: ServerKey,
    limits: Limits,
    clock: Clock,
    rate: RateLimiter,
    /// Each tenant's directory as rebuilt from its stored trust documents, with their count
    /// (rebuilt when the count changes).
    trust: Mutex<HashMap<String, (usize, Arc<TrustDirectory>)>>,
    /// Serialises uploads of trust documents, so each is admitted against the directory that
    /// holds every document stored before it.
    trust_writes: Mutex<()>,
}

/// A device whose request was authenticated.
#[derive(Clone, Debug)]
pub struct AuthenticatedDevice {
    /// Its stored record.
    pub device: DeviceRow,
}

/// Hash under which a one-time enrolment code is stored (the code itself is not).
pub fn enrolment_code_hash(code: &str) -> [u8; 32] {
    let normalised = normalise_code(code);
    let mut h = Sha256::new();
    h.update(b"aankomst-enrolment-code/1\0");
    h.update(normalised.as_bytes());
    h.finalize().into()
}

fn normalise_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A fresh one-time code: 20 characters of Crockford base32 (100 bits), in groups of four.
pub fn new_enrolment_code() -> String {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).expect("the operating system supplies randomness");
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| CODE_ALPHABET[(b & 31) as usize] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

fn device_info(d: &DeviceRow) -> DeviceInfo {
    DeviceInfo {
        tenant: d.tenant.clone(),
        device_id: d.device_id.clone(),
        public_key: URL_SAFE_NO_PAD.encode(d.public_key),
        role: d.role,
        status: d.status.as_str().to_owned(),
        enrolled_at_ms: d.enrolled_at_ms,
    }
}

fn managed(d: DeviceRow, audit_flags: Vec<AuditFlag>) -> ManagedDevice {
    ManagedDevice {
        audit_flags,
        status: d.status.as_str().to_owned(),
        device_id: d.device_id,
        label: d.label,
        role: d.role,
        enrolled_at_ms: d.enrolled_at_ms,
        last_contact_ms: d.last_contact_ms,
        revoked_at_ms: d.revoked_at_ms,
    }
}

/// A device label as stored: trimmed, empty is none, bounded, no control characters.
fn check_label(label: Option<&str>) -> Result<Option<String>, ServiceError> {
    let Some(label) = label.map(str::trim).filter(|l| !l.is_empty()) else {
        return Ok(None);
    };
    if label.chars().count() > DEVICE_LABEL_MAX || label.chars().any(char::is_control) {
        return Err(ServiceError::Malformed(format!(
            "label must be at most {DEVICE_LABEL_MAX} characters without control characters"
        )));
    }
    Ok(Some(label.to_owned()))
}

fn raw(json: Vec<u8>) -> Box<RawValue> {
    let text = String::from_utf8(json).expect("serde_json writes UTF-8");
    RawValue::from_string(text).expect("valid JSON from serde_json")
}

fn raw_opt(json: Option<String>) -> Option<Box<RawValue>> {
    json.and_then(|t| RawValue::from_string(t).ok())
}

/// An audit entry's chain link as an audit envelope's clear metadata names it: (seq, hash).
type Link = (u64, String);

/// Checks one pushed envelope: shape, tenant, author and signature under the enrolled key.
/// For an audit envelope, also returns the chain link its clear metadata names.
fn check_envelope(
    index: usize,
    raw: &RawValue,
    device: &DeviceRow,
    key: &DevicePublicKey,
) -> Result<(EnvelopeId, NewEnvelope, Option<Link>), ServiceError> {
    let envelope = Envelope::from_json(raw.get().as_bytes())
        .map_err(|e| ServiceError::Malformed(format!("envelope {index}: {e}")))?;
    if envelope.tenant() != device.tenant {
        return Err(ServiceError::WrongTenant { index });
    }
    if envelope.author_device() != device.device_id {
        return Err(ServiceError::AuthorMismatch { index });
    }
    envelope
        .verify_signature(key)
        .map_err(|_| ServiceError::BadSignature { index })?;
    let id = envelope.id();
    let link = (envelope.record_kind() == crate::audit_check::AUDIT_KIND)
        .then(|| crate::audit_check::parse_link(envelope.revision_id()))
        .flatten()
        .map(|(seq, hash)| (seq, hash.to_ascii_lowercase()));
    Ok((
        id,
        NewEnvelope {
            envelope_id: *id.as_bytes(),
            author_device: device.device_id.clone(),
            record_id: envelope.record_id().to_owned(),
            body: envelope.to_json(),
        },
        link,
    ))
}

/// Below this many items a batch is checked on the calling thread.
const PARALLEL_MIN: usize = 32;

/// `f` over `items` (with their index) on up to all cores, results in input order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(items.len().div_ceil(PARALLEL_MIN).max(1));
    if threads <= 1 {
        return items.iter().enumerate().map(|(i, t)| f(i, t)).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                scope.spawn(move || {
                    part.iter()
                        .enumerate()
                        .map(|(i, t)| f(c * chunk + i, t))
                        .collect::<Vec<R>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("envelope checks do not panic"))
            .collect()
    })
}

impl Service {
    /// A service over `storage`, signing receipts with `server_key`.
    pub fn new(storage: Arc<dyn Storage>, server_key: ServerKey, limits: Limits) -> Self {
        Self::with_clock(storage, server_key, limits, system_clock())
    }

    /// As [`Service::new`], with a given clock.
    pub fn with_clock(
        storage: Arc<dyn Storage>,
        server_key: ServerKey,
        limits: Limits,
        clock: Clock,
    ) -> Self {
        Service {
            storage,
            server_key,
            limits,
            clock,
            rate: RateLimiter {
                buckets: Mutex::new(HashMap::new()),
            },
            trust: Mutex::new(HashMap::new()),
            trust_writes: Mutex::new(()),
        }
    }

    /// The storage.
    pub fn storage(&self) -> &Arc<dyn Storage> {
        &self.storage
    }

    /// The limits.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// `GET /v1/server`.
    pub fn server_info(&self) -> ServerInfo {
        ServerInfo {
            server_public_key: self.server_key.public().to_base64url(),
            server_key_id: self.server_key.public().key_id().to_string(),
            protocol: "aankomst-sync/1".into(),
            limits: self.limits,
        }
    }

    fn check_body(&self, body: &[u8]) -> Result<(), ServiceError> {
        if body.len() > self.limits.max_body_bytes {
            return Err(ServiceError::BodyTooLarge {
                limit: self.limits.max_body_bytes,
            });
        }
        Ok(())
    }

    fn check_fresh(&self, req: &SignedRequest<'_>, now: u64) -> Result<(), ServiceError> {
        if req.auth.timestamp_ms.abs_diff(now) > FRESHNESS_WINDOW_MS {
            return Err(ServiceError::StaleRequest {
                window_s: FRESHNESS_WINDOW_MS / 1000,
            });
        }
        Ok(())
    }

    fn accept_nonce(&self, req: &SignedRequest<'_>, now: u64) -> Result<(), ServiceError> {
        // Kept for twice the window: a request older than the window is stale anyway.
        let expires = req.auth.timestamp_ms.max(now) + 2 * FRESHNESS_WINDOW_MS;
        if !self.storage.record_nonce(
            &req.auth.tenant,
            &req.auth.device,
            &req.auth.nonce,
            now,
            expires,
        )? {
            return Err(ServiceError::ReplayedRequest);
        }
        Ok(())
    }

    /// Authenticates a request from an enrolled device (see `protocol` for the rules and
    /// their order). On success the nonce is spent.
    pub fn authenticate(
        &self,
        req: &SignedRequest<'_>,
    ) -> Result<AuthenticatedDevice, ServiceError> {
        let now = (self.clock)();
        self.check_body(req.body)?;
        self.check_fresh(req, now)?;
        let device = self
            .storage
            .device(&req.auth.tenant, &req.auth.device)?
            .ok_or(ServiceError::UnknownDevice)?;
        let key = DevicePublicKey::from_bytes(&device.device_id, &device.public_key)
            .map_err(|_| ServiceError::UnknownDevice)?;
        if !req.verify(&key) {
            return Err(ServiceError::BadRequestSignature);
        }
        if device.status == DeviceStatus::Revoked {
            return Err(ServiceError::RevokedDevice(
                self.revocation_proof(&device)?.map(Box::new),
            ));
        }
        self.rate
            .take(&self.limits, &device.tenant, &device.device_id, now)
            .map_err(|retry_after_s| ServiceError::RateLimited { retry_after_s })?;
        self.accept_nonce(req, now)?;
        self.storage
            .touch_device(&device.tenant, &device.device_id, now)?;
        Ok(AuthenticatedDevice { device })
    }

    /// `POST /v1/enrol`: redeems a one-time code for the device key in the body. The request
    /// must be signed by that key.
    pub fn enrol(&self, req: &SignedRequest<'_>) -> Result<EnrolResponse, ServiceError> {
        let now = (self.clock)();
        self.check_body(req.body)?;
        let body: EnrolRequest = serde_json::from_slice(req.body)
            .map_err(|e| ServiceError::Malformed(format!("enrolment request: {e}")))?;
        if body.device.device_id() != req.auth.device {
            return Err(ServiceError::Malformed(
                "the device id in the body differs from the aankomst-device header".into(),
            ));
        }
        self.check_fresh(req, now)?;
        if !req.verify(&body.device) {
            return Err(ServiceError::BadRequestSignature);
        }
        let tenant = self
            .storage
            .tenant(&req.auth.tenant)?
            .ok_or(ServiceError::InvalidCode)?;
        self.accept_nonce(req, now)?;
        let hash = enrolment_code_hash(&body.code);
        let device = match self.storage.enrol(
            &tenant.id,
            &hash,
            body.device.device_id(),
            &body.device.to_bytes(),
            now,
        )? {
            Ok(d) => d,
            Err(EnrolRefusal::InvalidCode) => return Err(ServiceError::InvalidCode),
            Err(EnrolRefusal::DeviceExists) => return Err(ServiceError::DeviceExists),
        };
        tracing::info!(tenant = %tenant.id, device = %device.device_id, role = device.role.as_str(), "device enrolled");
        Ok(EnrolResponse {
            device: device_info(&device),
            tenant_root_public_key: URL_SAFE_NO_PAD.encode(tenant.root_public_key),
            recipient_list: raw_opt(tenant.recipient_list_json),
            server_public_key: self.server_key.public().to_base64url(),
            server_key_id: self.server_key.public().key_id().to_string(),
        })
    }

    /// `GET /v1/recipients`.
    pub fn recipients(&self, req: &SignedRequest<'_>) -> Result<RecipientsResponse, ServiceError> {
        let who = self.authenticate(req)?;
        let tenant = self
            .storage
            .tenant(&who.device.tenant)?
            .ok_or(ServiceError::UnknownTenant)?;
        Ok(RecipientsResponse {
            recipient_list: raw_opt(tenant.recipient_list_json),
        })
    }

    /// `POST /v1/push`: authenticates, checks every envelope (shape, tenant, author, signature
    /// under the enrolled key) and stores the batch in one transaction. A refusal of any
    /// envelope refuses the whole batch and stores nothing. An envelope already stored gets its
    /// original receipt again.
    pub fn push(&self, req: &SignedRequest<'_>) -> Result<PushResponse, ServiceError> {
        let who = self.authenticate(req)?;
        let batch: PushRequest = serde_json::from_slice(req.body)
            .map_err(|e| ServiceError::Malformed(format!("push request: {e}")))?;
        if batch.envelopes.len() > self.limits.max_batch {
            return Err(ServiceError::BatchTooLarge {
                count: batch.envelopes.len(),
                limit: self.limits.max_batch,
            });
        }
        if batch
            .audit_head
            .as_ref()
            .is_some_and(|h| !h.is_well_formed())
        {
            return Err(ServiceError::Malformed(
                "audit_head.hash must be 64 hexadecimal digits".into(),
            ));
        }
        let device = &who.device;
        self.check_certified(device)?;
        let key = DevicePublicKey::from_bytes(&device.device_id, &device.public_key)
            .map_err(|_| ServiceError::UnknownDevice)?;
        // Parsing and signature checks are the costly part (an Ed25519 verification each):
        // spread them over the cores; the first refusal by position wins.
        let checked = parallel_map(&batch.envelopes, |index, raw| {
            check_envelope(index, raw, device, &key)
        });
        let mut new = Vec::with_capacity(checked.len());
        let mut ids = Vec::with_capacity(checked.len());
        let mut links = Vec::new();
        for result in checked {
            let (id, envelope, link) = result?;
            ids.push(id);
            new.push(envelope);
            links.extend(link);
        }
        let now = (self.clock)();
        let stored = self.storage.push(&device.tenant, &new, now)?;
        // Stored first: a flagged head never costs the device its (signed, valid) work.
        self.check_audit_head(device, batch.audit_head.as_ref(), &links, now)?;
        let fresh = stored.iter().filter(|s| s.new).count();
        tracing::info!(
            tenant = %device.tenant,
            device = %device.device_id,
            envelopes = new.len(),
            new = fresh,
            "push"
        );
        let receipts = stored
            .iter()
            .zip(ids)
            .map(|(s, id): (_, EnvelopeId)| {
                Receipt::issue(
                    &self.server_key,
                    &device.tenant,
                    id,
                    s.sequence,
                    s.received_at_ms,
                )
                .map(|r| raw(r.to_json()))
                .map_err(|e| ServiceError::Malformed(format!("receipt: {e}")))
            })
            .collect::<Result<_, _>>()?;
        Ok(PushResponse { receipts })
    }

    /// Compares a pushing device's audit chain head (and the audit links it pushes) with the
    /// highest head it showed before, raises a flag for a regression (a lower sequence
    /// number) or a fork (the same sequence number with another hash), and moves the
    /// high-water mark up. A flagged push is still accepted: refusing it would not undo the
    /// cut (the device's owner controls the device) but would keep the team from the device's
    /// real work; the flag is kept where the device cannot reach it and shown to supervisors
    /// and in `audit-check`.
    fn check_audit_head(
        &self,
        device: &DeviceRow,
        head: Option<&AuditHead>,
        pushed_links: &[Link],
        now: u64,
    ) -> Result<(), ServiceError> {
        let (tenant, device_id) = (&device.tenant, &device.device_id);
        let seen = self.storage.audit_head(tenant, device_id)?;
        let mut flags = Vec::new();
        if let Some((seen_seq, seen_hash)) = &seen {
            let flag = |kind, claimed_seq: u64, claimed_hash: &str| AuditFlag {
                kind,
                seen_seq: *seen_seq,
                seen_hash: seen_hash.clone(),
                claimed_seq,
                claimed_hash: claimed_hash.to_owned(),
                at_ms: now,
            };
            // An entry pushed under a sequence number the device already showed must be
            // the entry it showed.
            for (seq, hash) in pushed_links {
                if seq == seen_seq && !hash.eq_ignore_ascii_case(seen_hash) {
                    flags.push(flag(AuditFlagKind::Fork, *seq, hash));
                }
            }
            if let Some(head) = head {
                if head.seq < *seen_seq {
                    flags.push(flag(AuditFlagKind::Regression, head.seq, &head.hash));
                } else if head.seq == *seen_seq && !head.hash.eq_ignore_ascii_case(seen_hash) {
                    flags.push(flag(AuditFlagKind::Fork, head.seq, &head.hash));
                }
            }
        }
        if let Some(head) = head {
            if seen.as_ref().is_none_or(|(s, _)| head.seq > *s) {
                self.storage.set_audit_head(
                    tenant,
                    device_id,
                    head.seq,
                    &head.hash.to_ascii_lowercase(),
                    now,
                )?;
            }
        }
        if flags.is_empty() {
            return Ok(());
        }
        // The same finding on every push of a device that has not caught up is one flag.
        let mut known: Vec<AuditFlag> = self
            .storage
            .audit_flags(tenant)?
            .into_iter()
            .filter(|(d, _)| d == device_id)
            .map(|(_, f)| f)
            .collect();
        for flag in flags {
            let repeated = known.iter().any(|k| {
                k.kind == flag.kind
                    && k.seen_seq == flag.seen_seq
                    && k.seen_hash == flag.seen_hash
                    && k.claimed_seq == flag.claimed_seq
                    && k.claimed_hash.eq_ignore_ascii_case(&flag.claimed_hash)
            });
            if repeated {
                continue;
            }
            tracing::warn!(
                tenant = %tenant,
                device = %device_id,
                kind = flag.kind.as_str(),
                seen_seq = flag.seen_seq,
                claimed_seq = flag.claimed_seq,
                "audit chain head flagged"
            );
            self.storage.add_audit_flag(tenant, device_id, &flag)?;
            known.push(flag);
        }
        Ok(())
    }

    /// The flags raised on the audit chains of a tenant's devices: (device id, flag), oldest
    /// first.
    pub fn audit_flags(&self, tenant: &str) -> Result<Vec<(String, AuditFlag)>, ServiceError> {
        Ok(self.storage.audit_flags(tenant)?)
    }

    /// The team key generation of the tenant's recipient list (verified under the tenant's
    /// root key), if a list is registered.
    fn current_team_generation(&self, tenant: &str) -> Result<Option<u64>, ServiceError> {
        let row = self
            .storage
            .tenant(tenant)?
            .ok_or(ServiceError::UnknownTenant)?;
        let Some(json) = &row.recipient_list_json else {
            return Ok(None);
        };
        let root = TenantRootPublicKey::from_bytes(&row.root_public_key)
            .map_err(|_| ServiceError::Internal(crate::storage::StorageError::Corrupt("root")))?;
        let corrupt = |_| ServiceError::Internal(crate::storage::StorageError::Corrupt("list"));
        let list = SignedRecipientList::from_json(json.as_bytes()).map_err(corrupt)?;
        let verified = RecipientListPin::new(tenant, root)
            .accept(&list)
            .map_err(corrupt)?;
        Ok(Some(verified.team.generation))
    }

    /// `GET /v1/devices`: the devices of the caller's tenant with their enrolled keys, and the
    /// tenant's certificates and statements in arrival order (what a client builds its
    /// directory from, verifying each under the root it pinned).
    pub fn tenant_devices(&self, req: &SignedRequest<'_>) -> Result<DevicesResponse, ServiceError> {
        let who = self.authenticate(req)?;
        let (certificates, statements) = self.stored_trust(&who.device.tenant)?;
        let raw = |t: String| RawValue::from_string(t).ok();
        Ok(DevicesResponse {
            devices: self.devices(Some(&who.device.tenant))?,
            certificates: certificates.into_iter().filter_map(raw).collect(),
            statements: statements.into_iter().filter_map(raw).collect(),
        })
    }

    /// The tenant's stored certificates and statements (JSON), in arrival order.
    fn stored_trust(&self, tenant: &str) -> Result<(Vec<String>, Vec<String>), ServiceError> {
        let mut certificates = Vec::new();
        let mut statements = Vec::new();
        for (kind, body) in self.storage.trust_documents(tenant)? {
            match kind {
                TrustKind::Certificate => certificates.push(body),
                TrustKind::Statement => statements.push(body),
            }
        }
        Ok((certificates, statements))
    }

    /// The tenant's directory: its stored certificates and statements admitted in arrival
    /// order under the tenant root key the server holds (a document edited into the database
    /// that does not verify is left out).
    pub fn trust_directory(&self, tenant: &str) -> Result<Arc<TrustDirectory>, ServiceError> {
        let documents = self.storage.trust_documents(tenant)?;
        // Documents are only ever appended (by this process or the admin CLI beside it): the
        // same count means the same directory.
        if let Some((count, dir)) = self
            .trust
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(tenant)
        {
            if *count == documents.len() {
                return Ok(dir.clone());
            }
        }
        let row = self
            .storage
            .tenant(tenant)?
            .ok_or(ServiceError::UnknownTenant)?;
        let root = TenantRootPublicKey::from_bytes(&row.root_public_key)
            .map_err(|_| ServiceError::Internal(crate::storage::StorageError::Corrupt("root")))?;
        let mut dir = TrustDirectory::new(tenant, root);
        let count = documents.len();
        for (kind, body) in documents {
            let admitted = match kind {
                TrustKind::Certificate => DeviceCertificate::from_json(body.as_bytes())
                    .and_then(|c| dir.admit_certificate(&c)),
                TrustKind::Statement => {
                    Statement::from_json(body.as_bytes()).and_then(|s| dir.admit_statement(&s))
                }
            };
            if let Err(e) = admitted {
                tracing::warn!(tenant, error = %e, "a stored trust document does not verify");
            }
        }
        let dir = Arc::new(dir);
        self.trust
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(tenant.to_owned(), (count, dir.clone()));
        Ok(dir)
    }

    /// Refuses a device that is not certified, active, under its enrolled key.
    fn check_certified(&self, device: &DeviceRow) -> Result<Arc<TrustDirectory>, ServiceError> {
        let dir = self.trust_directory(&device.tenant)?;
        match dir.author_key(&device.device_id) {
            Ok(key) if key.to_bytes() == device.public_key => Ok(dir),
            _ => Err(ServiceError::NotCertified),
        }
    }

    /// A signed revocation of `device` the tenant holds (its subject key being the enrolled
    /// key), with the tenant's material; none if the device was only blocked.
    fn revocation_proof(
        &self,
        device: &DeviceRow,
    ) -> Result<Option<RevocationProof>, ServiceError> {
        let (certificates, statements) = self.stored_trust(&device.tenant)?;
        let Ok(key) = DevicePublicKey::from_bytes(&device.device_id, &device.public_key) else {
            return Ok(None);
        };
        let key_id = key.key_id();
        let revocation = statements.iter().find(|text| {
            Statement::from_json(text.as_bytes()).is_ok_and(|s| {
                s.kind() == StatementKind::Revocation
                    && s.subject_device() == device.device_id
                    && *s.subject_key_id() == key_id
            })
        });
        Ok(revocation.map(|r| RevocationProof {
            revocation: r.clone(),
            certificates: certificates.clone(),
            statements: statements.clone(),
        }))
    }

    /// `POST /v1/trust`: certificates and statements a device uploads (a supervisor's device
    /// certifying, revoking or changing a role). Each must be admitted by the tenant's
    /// directory — chain to the root, issuer active now with a role that may sign it — or the
    /// whole upload is refused and nothing stored. An admitted revocation also blocks its
    /// subject here.
    pub fn upload_trust(&self, req: &SignedRequest<'_>) -> Result<(), ServiceError> {
        let who = self.authenticate(req)?;
        let body: TrustMaterial = serde_json::from_slice(req.body)
            .map_err(|e| ServiceError::Malformed(format!("trust upload: {e}")))?;
        let texts: Vec<String> = body
            .certificates
            .iter()
            .chain(&body.statements)
            .map(|r| r.get().to_owned())
            .collect();
        let n = self.admit_trust(&who.device.tenant, &texts)?;
        tracing::info!(tenant = %who.device.tenant, by = %who.device.device_id, documents = n, "trust documents admitted");
        Ok(())
    }

    /// Admits certificates and statements (JSON, any order of the two kinds within the list;
    /// certificates are taken first) for `tenant` and stores those new to it. All or nothing.
    /// Returns how many were new.
    pub fn admit_trust(&self, tenant: &str, documents: &[String]) -> Result<usize, ServiceError> {
        let _serial = self.trust_writes.lock().unwrap_or_else(|e| e.into_inner());
        let mut dir = (*self.trust_directory(tenant)?).clone();
        let refuse = |e: aankomst_seal::SealError| ServiceError::TrustRefused(e.to_string());
        let mut certificates = Vec::new();
        let mut statements = Vec::new();
        for text in documents {
            let format = serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .and_then(|v| v.get("format").and_then(|f| f.as_str()).map(str::to_owned))
                .unwrap_or_default();
            if format == aankomst_seal::CERTIFICATE_FORMAT {
                certificates.push(DeviceCertificate::from_json(text.as_bytes()).map_err(refuse)?);
            } else {
                statements.push(Statement::from_json(text.as_bytes()).map_err(refuse)?);
            }
        }
        for c in &certificates {
            dir.admit_certificate(c).map_err(refuse)?;
        }
        for s in &statements {
            dir.admit_statement(s).map_err(refuse)?;
        }
        let now = (self.clock)();
        let mut new = 0;
        for c in &certificates {
            let json = String::from_utf8(c.to_json()).expect("JSON is UTF-8");
            new += usize::from(self.storage.add_trust_document(
                tenant,
                &c.id(),
                TrustKind::Certificate,
                &json,
                now,
            )?);
        }
        for s in &statements {
            let json = String::from_utf8(s.to_json()).expect("JSON is UTF-8");
            new += usize::from(self.storage.add_trust_document(
                tenant,
                &s.id(),
                TrustKind::Statement,
                &json,
                now,
            )?);
            if s.kind() == StatementKind::Revocation {
                self.storage
                    .revoke_device(tenant, s.subject_device(), now)?;
            }
        }
        Ok(new)
    }

    /// `POST /v1/grants/request`: the calling device asks for the team key, naming its X25519
    /// key and signing the binding (checked here so no garbage is relayed).
    pub fn request_grant(&self, req: &SignedRequest<'_>) -> Result<(), ServiceError> {
        let who = self.authenticate(req)?;
        let body: GrantRequest = serde_json::from_slice(req.body)
            .map_err(|e| ServiceError::Malformed(format!("grant request: {e}")))?;
        let grant_key: [u8; 32] = URL_SAFE_NO_PAD
            .decode(&body.grant_public_key)
            .ok()
            .and_then(|k| k.try_into().ok())
            .ok_or_else(|| ServiceError::Malformed("grant_public_key must be 32 bytes".into()))?;
        let signature: [u8; 64] = URL_SAFE_NO_PAD
            .decode(&body.signature)
            .ok()
            .and_then(|k| k.try_into().ok())
            .ok_or_else(|| ServiceError::Malformed("signature must be 64 bytes".into()))?;
        let device = &who.device;
        let signed = grant_request_signed_bytes(&device.tenant, &device.device_id, &grant_key);
        let verifies = ed25519_dalek::VerifyingKey::from_bytes(&device.public_key)
            .map(|vk| {
                vk.verify_strict(&signed, &ed25519_dalek::Signature::from_bytes(&signature))
                    .is_ok()
            })
            .unwrap_or(false);
        if !verifies {
            return Err(ServiceError::BadRequestSignature);
        }
        self.storage
            .request_grant(&device.tenant, &device.device_id, &grant_key, &signature)?;
        tracing::info!(tenant = %device.tenant, device = %device.device_id, "team key requested");
        Ok(())
    }

    /// A supervisor as the tenant's directory says (certified or promoted by a signed
    /// statement, active, under the enrolled key), not as the device table says.
    fn supervisor(&self, req: &SignedRequest<'_>) -> Result<AuthenticatedDevice, ServiceError> {
        let who = self.authenticate(req)?;
        let dir = self.trust_directory(&who.device.tenant)?;
        let certified = dir.device(&who.device.device_id).is_some_and(|e| {
            e.is_active_with(DeviceRole::Supervisor) && e.key.to_bytes() == who.device.public_key
        });
        if !certified {
            return Err(ServiceError::NotSupervisor);
        }
        Ok(who)
    }

    /// `POST /v1/admin/enrolment-codes` (supervisors): a one-time code for a new device of
    /// the caller's tenant. Only its hash is stored; the log names the role and the expiry,
    /// never the code.
    pub fn issue_code_for_supervisor(
        &self,
        req: &SignedRequest<'_>,
    ) -> Result<EnrolmentCodeResponse, ServiceError> {
        let who = self.supervisor(req)?;
        let body: EnrolmentCodeRequest = serde_json::from_slice(req.body)
            .map_err(|e| ServiceError::Malformed(format!("enrolment code request: {e}")))?;
        if !(ENROLMENT_CODE_MIN_S..=ENROLMENT_CODE_MAX_S).contains(&body.valid_for_s) {
            return Err(ServiceError::Malformed(format!(
                "valid_for_s must be {ENROLMENT_CODE_MIN_S} to {ENROLMENT_CODE_MAX_S}"
            )));
        }
        let label = check_label(body.label.as_deref())?;
        let tenant = &who.device.tenant;
        let expires_at_ms = (self.clock)().saturating_add(body.valid_for_s * 1000);
        let code = new_enrolment_code();
        self.storage.add_enrolment_code(
            tenant,
            &enrolment_code_hash(&code),
            body.role,
            expires_at_ms,
            label.as_deref(),
        )?;
        tracing::info!(
            tenant = %tenant,
            by = %who.device.device_id,
            role = body.role.as_str(),
            expires_at_ms,
            "enrolment code issued"
        );
        Ok(EnrolmentCodeResponse {
            code,
            role: body.role,
            expires_at_ms,
            label,
        })
    }

    /// `GET /v1/admin/devices` (supervisors): the tenant's devices with role, enrolment,
    /// last contact and revocation.
    pub fn managed_devices(
        &self,
        req: &SignedRequest<'_>,
    ) -> Result<ManagedDevicesResponse, ServiceError> {
        let who = self.supervisor(req)?;
        let mut flags: HashMap<String, Vec<AuditFlag>> = HashMap::new();
        for (device, flag) in self.storage.audit_flags(&who.device.tenant)? {
            flags.entry(device).or_default().push(flag);
        }
        let devices = self
            .storage
            .devices(Some(&who.device.tenant))?
            .into_iter()
            .map(|d| {
                let f = flags.remove(&d.device_id).unwrap_or_default();
                managed(d, f)
            })
            .collect();
        Ok(ManagedDevicesResponse { devices })
    }

    /// `POST /v1/admin/devices/revoke` (supervisors): revokes another device of the tenant.
    /// Its next request is refused and it wipes itself. Audited in the server's log: tenant,
    /// device, and the supervisor's device; nothing else.
    pub fn revoke_for_supervisor(
        &self,
        req: &SignedRequest<'_>,
    ) -> Result<ManagedDevice, ServiceError> {
        let who = self.supervisor(req)?;
        let body: RevokeDeviceRequest = serde_json::from_slice(req.body)
            .map_err(|e| ServiceError::Malformed(format!("revoke request: {e}")))?;
        let tenant = &who.device.tenant;
        if body.device_id == who.device.device_id {
            return Err(ServiceError::CannotRevokeSelf);
        }
        if !self
            .storage
            .revoke_device(tenant, &body.device_id, (self.clock)())?
        {
            return Err(ServiceError::NoSuchDevice);
        }
        tracing::info!(
            tenant = %tenant,
            device = %body.device_id,
            by = %who.device.device_id,
            "device revoked by a supervisor"
        );
        let d = self
            .storage
            .device(tenant, &body.device_id)?
            .ok_or(ServiceError::NoSuchDevice)?;
        Ok(managed(d, Vec::new()))
    }

    /// `GET /v1/grants/pending` (supervisors): active devices waiting for the current team
    /// key generation (every device that asked and holds no grant of it).
    pub fn pending_grants(
        &self,
        req: &SignedRequest<'_>,
    ) -> Result<PendingGrantsResponse, ServiceError> {
        let who = self.supervisor(req)?;
        let tenant = &who.device.tenant;
        let mut pending = Vec::new();
        let Some(generation) = self.current_team_generation(tenant)? else {
            return Ok(PendingGrantsResponse { pending });
        };
        for row in self.storage.pending_grants(tenant, generation)? {
            let Some(device) = self.storage.device(tenant, &row.device_id)? else {
                continue;
            };
            pending.push(PendingGrant {
                device_id: row.device_id,
                device_public_key: URL_SAFE_NO_PAD.encode(device.public_key),
                grant_public_key: URL_SAFE_NO_PAD.encode(row.grant_public_key),
                signature: URL_SAFE_NO_PAD.encode(row.signature),
                team_generation: generation,
            });
        }
        Ok(PendingGrantsResponse { pending })
    }

    /// `POST /v1/grants` (supervisors): stores a team-key grant for an active device of the
    /// tenant, under its device and team key generation (a later grant of the same generation
    /// replaces it). The server relays the document; it cannot open it. A revoked device gets
    /// no grant.
    pub fn upload_grant(&self, req: &SignedRequest<'_>) -> Result<(), ServiceError> {
        let who = self.supervisor(req)?;
        let body: GrantUpload = serde_json::from_slice(req.body)
            .map_err(|e| ServiceError::Malformed(format!("grant upload: {e}")))?;
        let grant = TeamKeyGrant::from_json(body.grant.get().as_bytes())
            .map_err(|e| ServiceError::Malformed(format!("grant: {e}")))?;
        let tenant = &who.device.tenant;
        if grant.tenant() != tenant.as_str() || grant.device_id() != body.device_id {
            return Err(ServiceError::Malformed(
                "the grant is for another tenant or device than the upload names".into(),
            ));
        }
        let Some(target) = self.storage.device(tenant, &body.device_id)? else {
            return Err(ServiceError::UnknownDevice);
        };
        if target.status == DeviceStatus::Revoked {
            return Err(ServiceError::GrantForRevokedDevice);
        }
        self.storage.add_grant(
            tenant,
            &body.device_id,
            grant.team_generation(),
            body.grant.get(),
            (self.clock)(),
        )?;
        tracing::info!(tenant = %tenant, device = %body.device_id, by = %who.device.device_id, "team key granted");
        Ok(())
    }

    /// `GET /v1/grants/mine`: the grants stored for the calling device.
    pub fn my_grants(&self, req: &SignedRequest<'_>) -> Result<MyGrantsResponse, ServiceError> {
        let who = self.authenticate(req)?;
        let grants = self
            .storage
            .grants(&who.device.tenant, &who.device.device_id)?
            .into_iter()
            .filter_map(|t| RawValue::from_string(t).ok())
            .collect();
        Ok(MyGrantsResponse { grants })
    }

    /// `GET /v1/pull?after=N&limit=M`: envelopes of the device's tenant after the cursor.
    pub fn pull(
        &self,
        req: &SignedRequest<'_>,
        after: u64,
        limit: Option<usize>,
    ) -> Result<PullResponse, ServiceError> {
        let who = self.authenticate(req)?;
        let limit = limit
            .unwrap_or(self.limits.max_pull_page)
            .clamp(1, self.limits.max_pull_page);
        // One more than asked tells whether the page is the last.
        let mut rows = self.storage.pull(&who.device.tenant, after, limit + 1)?;
        let done = rows.len() <= limit;
        rows.truncate(limit);
        let next_cursor = rows.last().map(|r| r.0).unwrap_or(after);
        let envelopes = rows
            .into_iter()
            .map(|(sequence, body)| {
                String::from_utf8(body)
                    .ok()
                    .and_then(|t| RawValue::from_string(t).ok())
                    .map(|envelope| PulledEnvelope { sequence, envelope })
                    .ok_or(ServiceError::Internal(
                        crate::storage::StorageError::Corrupt("envelopes.body"),
                    ))
            })
            .collect::<Result<_, _>>()?;
        Ok(PullResponse {
            envelopes,
            next_cursor,
            done,
        })
    }

    // ---- admin operations (the CLI) ----

    /// Creates a tenant with its root public key (base64url).
    pub fn create_tenant(
        &self,
        id: &str,
        name: &str,
        root_public_key_b64: &str,
    ) -> Result<(), ServiceError> {
        let key = TenantRootPublicKey::from_base64url(root_public_key_b64)
            .map_err(|e| ServiceError::Malformed(format!("root public key: {e}")))?;
        if id.is_empty() || id.len() > 256 || id.chars().any(char::is_control) {
            return Err(ServiceError::Malformed(
                "tenant id must be 1 to 256 bytes without control characters".into(),
            ));
        }
        if !self.storage.create_tenant(id, name, &key.to_bytes())? {
            return Err(ServiceError::Malformed(format!("tenant {id:?} exists")));
        }
        Ok(())
    }

    /// Registers a tenant's signed recipient list after checking it is signed by the tenant's
    /// root key, names the tenant, and is not older than (nor a different list under the same
    /// generation as) the list held.
    pub fn set_recipient_list(&self, tenant: &str, json: &[u8]) -> Result<u64, ServiceError> {
        let row = self
            .storage
            .tenant(tenant)?
            .ok_or(ServiceError::UnknownTenant)?;
        let root = TenantRootPublicKey::from_bytes(&row.root_public_key)
            .map_err(|_| ServiceError::Internal(crate::storage::StorageError::Corrupt("root")))?;
        let refuse =
            |e: aankomst_seal::SealError| ServiceError::RecipientListRefused(e.to_string());
        let mut pin = RecipientListPin::new(tenant, root);
        if let Some(current) = &row.recipient_list_json {
            let current = SignedRecipientList::from_json(current.as_bytes()).map_err(refuse)?;
            pin.accept(&current).map_err(refuse)?;
        }
        let list = SignedRecipientList::from_json(json).map_err(refuse)?;
        let verified = pin.accept(&list).map_err(refuse)?;
        self.storage
            .set_recipient_list(tenant, &String::from_utf8_lossy(&list.to_json()))?;
        Ok(verified.generation)
    }

    /// Stores a signed policy document for `tenant` after the checks the server can make: it
    /// parses as `aankomst-policy/1` (so it is signed), names `tenant`, and is newer than
    /// every version held. The server does not decide whether its signer may sign a policy:
    /// every device verifies that against its own trust directory and pin (DESIGN §4.13).
    fn store_policy(
        &self,
        tenant: &str,
        json: &[u8],
        uploaded_by: Option<&str>,
    ) -> Result<u64, ServiceError> {
        let policy = SignedPolicy::from_json(json)
            .map_err(|e| ServiceError::Malformed(format!("policy: {e}")))?;
        if policy.tenant() != tenant {
            return Err(ServiceError::PolicyWrongTenant);
        }
        let version = policy.version();
        let stored = String::from_utf8(policy.to_json()).expect("JSON is UTF-8");
        if !self
            .storage
            .add_policy(tenant, version, &stored, uploaded_by, (self.clock)())?
        {
            return Err(ServiceError::PolicyNotNewer);
        }
        tracing::info!(
            tenant,
            version,
            by = uploaded_by.unwrap_or("admin"),
            "policy published"
        );
        Ok(version)
    }

    /// `POST /v1/admin/policy` (supervisors): publishes a signed policy for the caller's
    /// tenant (the body is the document).
    pub fn upload_policy(&self, req: &SignedRequest<'_>) -> Result<PolicyUploaded, ServiceError> {
        let who = self.supervisor(req)?;
        let version =
            self.store_policy(&who.device.tenant, req.body, Some(&who.device.device_id))?;
        Ok(PolicyUploaded { version })
    }

    /// `GET /v1/policy`: the tenant's newest signed policy, if any.
    pub fn policy(&self, req: &SignedRequest<'_>) -> Result<PolicyResponse, ServiceError> {
        let who = self.authenticate(req)?;
        Ok(PolicyResponse {
            policy: raw_opt(
                self.storage
                    .latest_policy(&who.device.tenant)?
                    .map(|(_, json)| json),
            ),
        })
    }

    /// The admin CLI's `set-policy`: publishes a signed policy (typically root-signed, made
    /// with `aankomst-keys sign-policy`) for `tenant`.
    pub fn set_policy(&self, tenant: &str, json: &[u8]) -> Result<u64, ServiceError> {
        self.storage
            .tenant(tenant)?
            .ok_or(ServiceError::UnknownTenant)?;
        self.store_policy(tenant, json, None)
    }

    /// Issues a one-time enrolment code valid for `valid_for_ms`; only its hash is stored.
    pub fn issue_enrolment_code(
        &self,
        tenant: &str,
        role: Role,
        valid_for_ms: u64,
    ) -> Result<String, ServiceError> {
        self.storage
            .tenant(tenant)?
            .ok_or(ServiceError::UnknownTenant)?;
        let code = new_enrolment_code();
        let expires = (self.clock)().saturating_add(valid_for_ms);
        self.storage.add_enrolment_code(
            tenant,
            &enrolment_code_hash(&code),
            role,
            expires,
            None,
        )?;
        Ok(code)
    }

    /// Revokes a device; `UnknownDevice` if there is none.
    pub fn revoke_device(&self, tenant: &str, device: &str) -> Result<(), ServiceError> {
        if !self.storage.revoke_device(tenant, device, (self.clock)())? {
            return Err(ServiceError::UnknownDevice);
        }
        tracing::info!(tenant, device, "device revoked");
        Ok(())
    }

    /// Lists devices.
    pub fn devices(&self, tenant: Option<&str>) -> Result<Vec<DeviceInfo>, ServiceError> {
        Ok(self
            .storage
            .devices(tenant)?
            .iter()
            .map(device_info)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_map_keeps_order_and_indices() {
        for n in [0, 1, 31, 32, 33, 100, 1000] {
            let items: Vec<usize> = (0..n).collect();
            let out = parallel_map(&items, |i, x| (i, *x * 2));
            assert_eq!(out, (0..n).map(|i| (i, i * 2)).collect::<Vec<_>>());
        }
    }
}
