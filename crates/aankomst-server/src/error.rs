//! The one error type of the server's service layer. Every refusal has a stable `code` (the
//! wire value clients match on) and an HTTP status. No variant carries client data: the server
//! only ever holds ciphertext, and the texts here name fields, limits and ids, never bodies.

use serde_json::value::RawValue;

use crate::storage::StorageError;

/// Why the server refused or failed a request.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The request or one of its documents does not parse (bad JSON, a missing or extra
    /// field, a malformed header or an envelope that breaks the format rules).
    #[error("malformed request: {0}")]
    Malformed(String),
    /// The request authentication headers are missing.
    #[error("the request is not signed (missing {0} header)")]
    Unauthenticated(&'static str),
    /// The request timestamp is outside the freshness window.
    #[error("the request timestamp is outside the allowed window of {window_s} seconds")]
    StaleRequest {
        /// The window, either side of the server's clock.
        window_s: u64,
    },
    /// A request with this nonce was already accepted from this device.
    #[error("this request was already received (replayed nonce)")]
    ReplayedRequest,
    /// No device with this id is enrolled for this tenant.
    #[error("unknown device")]
    UnknownDevice,
    /// The device is blocked. If the tenant holds a signed revocation of it, the refusal
    /// carries it with the tenant's trust material: the device wipes itself only if that
    /// revocation verifies under the root it pinned. A block without one (`devices revoke` on
    /// the server) refuses the device but is no reason for it to wipe.
    #[error("this device was revoked")]
    RevokedDevice(Option<Box<RevocationProof>>),
    /// The device has no valid certificate in the tenant's directory (not certified by a
    /// supervisor or the root, revoked, or certified under another key): it may not push.
    #[error("this device is not certified in the tenant's directory")]
    NotCertified,
    /// A certificate or statement does not verify under the tenant's directory (chain to the
    /// root, issuer active with a role that may sign it, subject known); nothing was stored.
    #[error("certificate or statement refused: {0}")]
    TrustRefused(String),
    /// The request signature does not verify under the device's enrolled key.
    #[error("the request signature does not verify")]
    BadRequestSignature,
    /// An envelope's signature does not verify under its author's enrolled key.
    #[error("envelope {index}: signature does not verify")]
    BadSignature {
        /// Position of the envelope in the batch.
        index: usize,
    },
    /// An envelope names another author than the device pushing it.
    #[error("envelope {index}: written by another device than the one pushing it")]
    AuthorMismatch {
        /// Position of the envelope in the batch.
        index: usize,
    },
    /// An envelope (or the request) is for another tenant than the device's.
    #[error("envelope {index}: for another tenant than the device's")]
    WrongTenant {
        /// Position of the envelope in the batch.
        index: usize,
    },
    /// The request body is larger than the server accepts.
    #[error("request body exceeds the limit of {limit} bytes")]
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The batch has more envelopes than the server accepts in one push.
    #[error("batch of {count} envelopes exceeds the limit of {limit}")]
    BatchTooLarge {
        /// Envelopes offered.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// Too many requests from this device; retry after the given time.
    #[error("too many requests; retry after {retry_after_s} s")]
    RateLimited {
        /// Seconds to wait.
        retry_after_s: u64,
    },
    /// Only a supervisor's device may do this (grant the team key).
    #[error("only a supervisor device may do this")]
    NotSupervisor,
    /// The enrolment code is unknown, used, expired or for another tenant.
    #[error("the enrolment code is not valid")]
    InvalidCode,
    /// A device with this id is already enrolled for the tenant.
    #[error("a device with this id is already enrolled")]
    DeviceExists,
    /// The device to manage is not enrolled in the caller's tenant.
    #[error("no such device in this tenant")]
    NoSuchDevice,
    /// A device asked to revoke itself.
    #[error("a device cannot revoke itself")]
    CannotRevokeSelf,
    /// A grant for a revoked device: it gets no team key.
    #[error("that device was revoked: it gets no team key")]
    GrantForRevokedDevice,
    /// The tenant does not exist.
    #[error("unknown tenant")]
    UnknownTenant,
    /// A recipient list that the tenant's root key did not sign, for another tenant, or older
    /// than the one held.
    #[error("recipient list refused: {0}")]
    RecipientListRefused(String),
    /// A policy document for another tenant than the uploader's.
    #[error("the policy is for another tenant")]
    PolicyWrongTenant,
    /// A policy document whose version is not newer than the newest one held.
    #[error("the server holds a policy of this version or newer")]
    PolicyNotNewer,
    /// Something failed inside the server; details are in the server log.
    #[error("internal server error")]
    Internal(#[source] StorageError),
}

impl ServiceError {
    /// The stable wire code.
    pub fn code(&self) -> &'static str {
        match self {
            ServiceError::Malformed(_) => "malformed",
            ServiceError::Unauthenticated(_) => "unauthenticated",
            ServiceError::StaleRequest { .. } => "stale_request",
            ServiceError::ReplayedRequest => "replayed_request",
            ServiceError::UnknownDevice => "unknown_device",
            ServiceError::RevokedDevice(_) => "revoked_device",
            ServiceError::NotCertified => "not_certified",
            ServiceError::TrustRefused(_) => "trust_refused",
            ServiceError::BadRequestSignature => "bad_request_signature",
            ServiceError::BadSignature { .. } => "bad_signature",
            ServiceError::AuthorMismatch { .. } => "author_mismatch",
            ServiceError::WrongTenant { .. } => "wrong_tenant",
            ServiceError::BodyTooLarge { .. } => "body_too_large",
            ServiceError::BatchTooLarge { .. } => "batch_too_large",
            ServiceError::RateLimited { .. } => "rate_limited",
            ServiceError::InvalidCode => "invalid_code",
            ServiceError::NotSupervisor => "not_supervisor",
            ServiceError::DeviceExists => "device_exists",
            ServiceError::UnknownTenant => "unknown_tenant",
            ServiceError::NoSuchDevice => "no_such_device",
            ServiceError::CannotRevokeSelf => "cannot_revoke_self",
            ServiceError::GrantForRevokedDevice => "grant_for_revoked_device",
            ServiceError::RecipientListRefused(_) => "recipient_list_refused",
            ServiceError::PolicyWrongTenant => "policy_wrong_tenant",
            ServiceError::PolicyNotNewer => "policy_not_newer",
            ServiceError::Internal(_) => "internal",
        }
    }

    /// The HTTP status this refusal is sent with.
    pub fn http_status(&self) -> u16 {
        match self {
            ServiceError::Malformed(_)
            | ServiceError::BadSignature { .. }
            | ServiceError::AuthorMismatch { .. }
            | ServiceError::RecipientListRefused(_)
            | ServiceError::TrustRefused(_) => 400,
            ServiceError::Unauthenticated(_)
            | ServiceError::StaleRequest { .. }
            | ServiceError::ReplayedRequest
            | ServiceError::UnknownDevice
            | ServiceError::BadRequestSignature => 401,
            ServiceError::RevokedDevice(_)
            | ServiceError::NotCertified
            | ServiceError::WrongTenant { .. }
            | ServiceError::PolicyWrongTenant
            | ServiceError::InvalidCode
            | ServiceError::NotSupervisor => 403,
            ServiceError::UnknownTenant | ServiceError::NoSuchDevice => 404,
            ServiceError::DeviceExists
            | ServiceError::CannotRevokeSelf
            | ServiceError::GrantForRevokedDevice
            | ServiceError::PolicyNotNewer => 409,
            ServiceError::BodyTooLarge { .. } | ServiceError::BatchTooLarge { .. } => 413,
            ServiceError::RateLimited { .. } => 429,
            ServiceError::Internal(_) => 500,
        }
    }

    /// The envelope's position in the batch, for refusals about one envelope.
    pub fn index(&self) -> Option<usize> {
        match self {
            ServiceError::BadSignature { index }
            | ServiceError::AuthorMismatch { index }
            | ServiceError::WrongTenant { index } => Some(*index),
            _ => None,
        }
    }

    /// The wire form of the refusal.
    pub fn to_wire(&self) -> crate::protocol::ErrorBody {
        crate::protocol::ErrorBody {
            error: crate::protocol::ErrorDetail {
                code: self.code().to_owned(),
                message: self.to_string(),
                index: self.index(),
                retry_after_s: match self {
                    ServiceError::RateLimited { retry_after_s } => Some(*retry_after_s),
                    _ => None,
                },
                revocation: match self {
                    ServiceError::RevokedDevice(Some(proof)) => {
                        RawValue::from_string(proof.revocation.clone()).ok()
                    }
                    _ => None,
                },
                trust: match self {
                    ServiceError::RevokedDevice(Some(proof)) => {
                        let raw = |t: &String| RawValue::from_string(t.clone()).ok();
                        Some(crate::protocol::TrustMaterial {
                            certificates: proof.certificates.iter().filter_map(raw).collect(),
                            statements: proof.statements.iter().filter_map(raw).collect(),
                        })
                    }
                    _ => None,
                },
            },
        }
    }
}

/// A signed revocation of the refused device with the tenant's certificates and statements
/// (each document's JSON), for the device to verify before it wipes itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevocationProof {
    /// The `aankomst-revocation/1` document naming the device.
    pub revocation: String,
    /// The tenant's certificates, in arrival order.
    pub certificates: Vec<String>,
    /// The tenant's statements, in arrival order.
    pub statements: Vec<String>,
}

impl From<StorageError> for ServiceError {
    fn from(e: StorageError) -> Self {
        ServiceError::Internal(e)
    }
}
