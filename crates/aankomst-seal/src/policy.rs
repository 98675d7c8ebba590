//! The municipal policy as a signed document (`aankomst-policy/1`): one versioned document per
//! tenant, signed by the root or by a key the root's chain certified for it (a supervisor or a
//! functional administrator, see [`crate::DeviceRole::may_sign_policy`]).
//!
//! This crate signs and checks the document; it does not read the policy itself. The
//! `content` is text — the canonical JSON of `aankomst_core::policy::Policy` — and the
//! signature covers those exact bytes, so no JSON re-spelling question arises here; the core
//! crate refuses content that is not in its one canonical spelling.
//!
//! A device keeps a [`PolicyPin`] (like the recipient list's pin): it refuses a policy for
//! another tenant, one whose signer is not allowed, an older version (rollback), and a
//! different document under the version it accepted (conflict).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::certificate::{Issuer, TrustDirectory};
use crate::encoding::{
    b64_decode_array, b64_encode, check_json_int, check_text, parse_tagged, Canonical,
};
use crate::keys::KeyId;
use crate::SealError;

/// The `format` tag of a signed policy, and the label of its signed bytes.
pub const POLICY_FORMAT: &str = "aankomst-policy/1";

/// The largest policy content, in bytes.
pub const MAX_POLICY_CONTENT_LEN: usize = 256 * 1024;

/// A policy document with its signature, as it travels. Not yet trusted: pass it to
/// [`PolicyPin::verify`].
#[derive(Clone, PartialEq, Eq)]
pub struct SignedPolicy {
    tenant: String,
    version: u64,
    issued_at_ms: u64,
    issuer_key_id: KeyId,
    content: String,
    signature: [u8; 64],
}

impl std::fmt::Debug for SignedPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedPolicy")
            .field("tenant", &self.tenant)
            .field("version", &self.version)
            .field("issuer_key_id", &self.issuer_key_id)
            .finish_non_exhaustive()
    }
}

fn check_content(content: &str) -> Result<(), SealError> {
    if content.is_empty() || content.len() > MAX_POLICY_CONTENT_LEN {
        return Err(SealError::InvalidField {
            field: "content",
            reason: "must be 1 byte to 256 KiB",
        });
    }
    Ok(())
}

impl SignedPolicy {
    /// Signs `content` (the policy's canonical JSON) as `version` of `tenant`'s policy.
    pub fn sign(
        issuer: Issuer<'_>,
        tenant: &str,
        version: u64,
        issued_at_ms: u64,
        content: &str,
    ) -> Result<Self, SealError> {
        check_text("tenant", tenant)?;
        check_json_int("version", version)?;
        check_json_int("issued_at_ms", issued_at_ms)?;
        check_content(content)?;
        let mut policy = SignedPolicy {
            tenant: tenant.to_owned(),
            version,
            issued_at_ms,
            issuer_key_id: issuer.key_id(),
            content: content.to_owned(),
            signature: [0; 64],
        };
        policy.signature = issuer.sign(&policy.signed_bytes());
        Ok(policy)
    }

    /// The tenant it claims (unverified).
    pub fn tenant(&self) -> &str {
        &self.tenant
    }

    /// The version it claims (unverified).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The signer's key id.
    pub fn issuer_key_id(&self) -> &KeyId {
        &self.issuer_key_id
    }

    fn signed_bytes(&self) -> Vec<u8> {
        let mut c = Canonical::new(POLICY_FORMAT);
        c.text(&self.tenant)
            .int(self.version)
            .int(self.issued_at_ms)
            .text(self.issuer_key_id.as_str())
            .text(&self.content);
        c.finish()
    }

    fn digest(&self) -> String {
        b64_encode(&Sha256::digest(self.signed_bytes()))
    }

    /// The wire form (JSON).
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(&PolicyWire {
            format: POLICY_FORMAT.to_owned(),
            tenant: self.tenant.clone(),
            version: self.version,
            issued_at_ms: self.issued_at_ms,
            issuer_key_id: self.issuer_key_id.to_string(),
            content: self.content.clone(),
            signature: b64_encode(&self.signature),
        })
        .expect("a policy always serialises")
    }

    /// Parses the wire form; refuses unknown versions, missing, extra and duplicated fields.
    pub fn from_json(json: &[u8]) -> Result<Self, SealError> {
        let w: PolicyWire = parse_tagged(json, POLICY_FORMAT)?;
        check_text("tenant", &w.tenant)?;
        check_json_int("version", w.version)?;
        check_json_int("issued_at_ms", w.issued_at_ms)?;
        check_content(&w.content)?;
        Ok(SignedPolicy {
            tenant: w.tenant,
            version: w.version,
            issued_at_ms: w.issued_at_ms,
            issuer_key_id: KeyId::parse("issuer_key_id", &w.issuer_key_id)?,
            content: w.content,
            signature: b64_decode_array("signature", &w.signature)?,
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyWire {
    format: String,
    tenant: String,
    version: u64,
    issued_at_ms: u64,
    issuer_key_id: String,
    content: String,
    signature: String,
}

/// A policy whose signer and signature were checked and which is not a rollback. Only
/// [`PolicyPin::verify`] makes one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedPolicy {
    version: u64,
    issued_at_ms: u64,
    issuer_key_id: KeyId,
    content: String,
    digest: String,
}

impl VerifiedPolicy {
    /// The version.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// When the signer signed it (ms since the Unix epoch).
    pub fn issued_at_ms(&self) -> u64 {
        self.issued_at_ms
    }

    /// Who signed it (the root's key id, or a certified device's).
    pub fn issuer_key_id(&self) -> &KeyId {
        &self.issuer_key_id
    }

    /// The policy content: parse it with `aankomst_core::policy::Policy::from_canonical_json`.
    pub fn content(&self) -> &str {
        &self.content
    }
}

/// The newest policy version a device accepted, for its tenant. Persist it (it is
/// `Serialize`) after each [`record`](Self::record).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyPin {
    tenant: String,
    accepted: Option<AcceptedPolicy>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AcceptedPolicy {
    version: u64,
    /// base64url SHA-256 of the accepted document's signed bytes.
    digest: String,
}

impl PolicyPin {
    /// No policy accepted yet: the device runs on the built-in default policy.
    pub fn new(tenant: &str) -> Self {
        PolicyPin {
            tenant: tenant.to_owned(),
            accepted: None,
        }
    }

    /// The newest version accepted.
    pub fn accepted_version(&self) -> Option<u64> {
        self.accepted.as_ref().map(|a| a.version)
    }

    /// Checks a policy, in this order: for the pinned tenant; signed by a signer the
    /// `directory` allows now (root, or an active supervisor or administrator); the signature;
    /// not older than the accepted version; not a different document under the accepted
    /// version. Changes nothing: parse the content, then [`record`](Self::record) it.
    pub fn verify(
        &self,
        signed: &SignedPolicy,
        directory: &TrustDirectory,
    ) -> Result<VerifiedPolicy, SealError> {
        if signed.tenant != self.tenant || directory.tenant() != self.tenant {
            return Err(SealError::TenantMismatch {
                found: signed.tenant.clone(),
                expected: self.tenant.clone(),
            });
        }
        directory.check_policy_signer(&signed.issuer_key_id)?;
        directory.verify_by(
            &signed.issuer_key_id,
            &signed.signed_bytes(),
            &signed.signature,
        )?;
        let digest = signed.digest();
        if let Some(accepted) = &self.accepted {
            if signed.version < accepted.version {
                return Err(SealError::PolicyRollback {
                    offered: signed.version,
                    accepted: accepted.version,
                });
            }
            if signed.version == accepted.version && digest != accepted.digest {
                return Err(SealError::PolicyConflict(signed.version));
            }
        }
        Ok(VerifiedPolicy {
            version: signed.version,
            issued_at_ms: signed.issued_at_ms,
            issuer_key_id: signed.issuer_key_id.clone(),
            content: signed.content.clone(),
            digest,
        })
    }

    /// Remembers a verified policy as the newest accepted (after its content parsed).
    ///
    /// An older policy than the one recorded changes nothing.
    pub fn record(&mut self, policy: &VerifiedPolicy) {
        if self
            .accepted_version()
            .is_some_and(|accepted| accepted > policy.version)
        {
            return;
        }
        self.accepted = Some(AcceptedPolicy {
            version: policy.version,
            digest: policy.digest.clone(),
        });
    }
}
