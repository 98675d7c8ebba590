//! The municipal policy on the sync side (issue 20, DESIGN §4.13): each sync fetches the
//! tenant's newest signed policy, verifies it against the device's trust directory and policy
//! pin (tenant, signer, signature, rollback, conflict), parses its content, and only then keeps
//! it in the store. A refused policy is reported, typed, and the device keeps the policy it had.

use aankomst_core::policy::Policy;
use aankomst_seal::{Issuer, KeyId, PolicyPin, SealError, SignedPolicy, TrustDirectory};
use serde::Serialize;

/// Why a policy the server offered was refused. The device keeps the policy it had.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum PolicyRefused {
    /// Not a signed policy document (no signature, a missing or extra field, bad JSON).
    #[error("the policy is not a signed policy document")]
    Malformed,
    /// For another tenant.
    #[error("the policy is for another tenant")]
    OtherTenant,
    /// Signed by a key that is neither the tenant root nor a certified device.
    #[error("the policy's signer is unknown")]
    UnknownSigner,
    /// Signed by a certified device whose role may not sign a policy.
    #[error("the policy's signer may not sign a policy")]
    SignerNotAuthorised,
    /// Signed by a revoked device.
    #[error("the policy's signer was revoked")]
    SignerRevoked,
    /// The signature does not verify.
    #[error("the policy's signature does not verify")]
    BadSignature,
    /// Older than the policy this device accepted.
    #[error("the policy is older than the one this device runs on")]
    Rollback,
    /// Another document under the version this device accepted.
    #[error("the policy conflicts with the accepted one of the same version")]
    Conflict,
    /// Signed correctly, but its content is not a valid policy.
    #[error("the policy's content is not a valid policy")]
    InvalidContent,
}

impl PolicyRefused {
    /// A stable key for the app's translated message.
    pub fn code(self) -> &'static str {
        match self {
            PolicyRefused::Malformed => "policy-refused-malformed",
            PolicyRefused::OtherTenant => "policy-refused-other-tenant",
            PolicyRefused::UnknownSigner => "policy-refused-unknown-signer",
            PolicyRefused::SignerNotAuthorised => "policy-refused-signer-not-authorised",
            PolicyRefused::SignerRevoked => "policy-refused-signer-revoked",
            PolicyRefused::BadSignature => "policy-refused-bad-signature",
            PolicyRefused::Rollback => "policy-refused-rollback",
            PolicyRefused::Conflict => "policy-refused-conflict",
            PolicyRefused::InvalidContent => "policy-refused-invalid-content",
        }
    }

    fn from_seal(e: &SealError) -> Self {
        match e {
            SealError::TenantMismatch { .. } => PolicyRefused::OtherTenant,
            SealError::UnknownIssuer => PolicyRefused::UnknownSigner,
            SealError::IssuerNotAuthorised => PolicyRefused::SignerNotAuthorised,
            SealError::IssuerRevoked => PolicyRefused::SignerRevoked,
            SealError::BadSignature => PolicyRefused::BadSignature,
            SealError::PolicyRollback { .. } => PolicyRefused::Rollback,
            SealError::PolicyConflict(_) => PolicyRefused::Conflict,
            _ => PolicyRefused::Malformed,
        }
    }
}

/// A policy that passed every check, ready to keep.
#[derive(Debug)]
pub(crate) struct AcceptedPolicy {
    pub(crate) pin: PolicyPin,
    pub(crate) version: u64,
    pub(crate) issued_at_ms: u64,
    pub(crate) issuer_key_id: KeyId,
    pub(crate) content: String,
    pub(crate) document: String,
    /// Whether it is new to this device (the same document again changes nothing).
    pub(crate) new: bool,
}

/// Checks a signed policy document in the order of the format (§13.1): parse, tenant, signer,
/// signature, rollback and conflict under `pin`, then the content. Changes nothing.
pub(crate) fn check_policy(
    pin: &PolicyPin,
    directory: &TrustDirectory,
    json: &[u8],
) -> Result<AcceptedPolicy, PolicyRefused> {
    let signed = SignedPolicy::from_json(json).map_err(|_| PolicyRefused::Malformed)?;
    let verified = pin
        .verify(&signed, directory)
        .map_err(|e| PolicyRefused::from_seal(&e))?;
    Policy::from_canonical_json(verified.content()).map_err(|_| PolicyRefused::InvalidContent)?;
    let mut next = pin.clone();
    next.record(&verified);
    let new = pin.accepted_version() != Some(verified.version());
    Ok(AcceptedPolicy {
        new,
        pin: next,
        version: verified.version(),
        issued_at_ms: verified.issued_at_ms(),
        issuer_key_id: verified.issuer_key_id().clone(),
        content: verified.content().to_owned(),
        document: String::from_utf8(signed.to_json()).expect("JSON is UTF-8"),
    })
}

/// Who signed: `root` for the tenant root key, else the certified device's id (`unknown` if
/// the directory does not name it, which verification has already refused).
pub(crate) fn signer_name(directory: &TrustDirectory, issuer_key_id: &KeyId) -> String {
    if *issuer_key_id == directory.root().key_id() {
        return "root".to_owned();
    }
    directory
        .devices()
        .find(|(_, entry)| entry.key.key_id() == *issuer_key_id)
        .map(|(id, _)| id.to_owned())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Signs `policy` as `version` of `tenant`'s policy with a device key (a supervisor's): the
/// document a supervisor's app publishes. Valid content only.
pub fn sign_policy_with_device(
    device: &aankomst_seal::DeviceKey,
    tenant: &str,
    version: u64,
    issued_at_ms: u64,
    policy: &Policy,
) -> Result<SignedPolicy, crate::SyncError> {
    let content = policy
        .to_canonical_json()
        .map_err(|e| crate::SyncError::Protocol(e.to_string()))?;
    Ok(SignedPolicy::sign(
        Issuer::Device(device),
        tenant,
        version,
        issued_at_ms,
        &content,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aankomst_seal::{DeviceCertificate, DeviceKey, DeviceRole, TenantRootKey};

    const TENANT: &str = "gemeente-utrecht";
    const T0: u64 = 1_795_000_000_000;

    fn certified(
        root: &TenantRootKey,
        id: &str,
        role: DeviceRole,
    ) -> (DeviceKey, DeviceCertificate) {
        let key = DeviceKey::generate(id, &mut aankomst_seal::system_rng()).unwrap();
        let cert =
            DeviceCertificate::issue(Issuer::Root(root), TENANT, &key.public(), role, T0).unwrap();
        (key, cert)
    }

    fn edited(days: u32) -> Policy {
        Policy {
            offline_lock_days: days,
            ..Policy::default()
        }
    }

    /// The path a supervisor's app takes: signed with the device key, checked by a laptop
    /// whose directory holds the supervisor's certificate. Accepted once, then the same document
    /// is not new; a counsellor's key and an uncertified key are refused, typed.
    #[test]
    fn a_certified_supervisors_policy_is_accepted_and_others_are_refused() {
        let root = TenantRootKey::generate(&mut aankomst_seal::system_rng());
        let (supervisor, supervisor_cert) = certified(&root, "desk-1", DeviceRole::Supervisor);
        let (counsellor, counsellor_cert) = certified(&root, "laptop-1", DeviceRole::Counsellor);
        let (directory, refused) = TrustDirectory::build(
            TENANT,
            root.public(),
            &[supervisor_cert, counsellor_cert],
            &[],
        );
        assert!(refused.is_empty());
        let pin = PolicyPin::new(TENANT);

        let signed = sign_policy_with_device(&supervisor, TENANT, 1, T0, &edited(9)).unwrap();
        let accepted = check_policy(&pin, &directory, &signed.to_json()).unwrap();
        assert!(accepted.new);
        assert_eq!(accepted.version, 1);
        assert_eq!(signer_name(&directory, &accepted.issuer_key_id), "desk-1");
        assert_eq!(
            Policy::from_canonical_json(&accepted.content).unwrap(),
            edited(9)
        );
        let again = check_policy(&accepted.pin, &directory, &signed.to_json()).unwrap();
        assert!(!again.new, "the same document again is nothing new");

        let by_counsellor =
            sign_policy_with_device(&counsellor, TENANT, 2, T0, &edited(60)).unwrap();
        assert_eq!(
            check_policy(&accepted.pin, &directory, &by_counsellor.to_json()).unwrap_err(),
            PolicyRefused::SignerNotAuthorised
        );
        let stray = DeviceKey::generate("stray", &mut aankomst_seal::system_rng()).unwrap();
        let by_stray = sign_policy_with_device(&stray, TENANT, 2, T0, &edited(60)).unwrap();
        assert_eq!(
            check_policy(&accepted.pin, &directory, &by_stray.to_json()).unwrap_err(),
            PolicyRefused::UnknownSigner
        );
        // A bit flipped in the signed content: the signature no longer verifies.
        let mut tampered: serde_json::Value = serde_json::from_slice(&signed.to_json()).unwrap();
        tampered["content"] = serde_json::Value::String(edited(90).to_canonical_json().unwrap());
        assert_eq!(
            check_policy(&pin, &directory, &serde_json::to_vec(&tampered).unwrap()).unwrap_err(),
            PolicyRefused::BadSignature
        );
        // Root-signed policies verify with the root alone (the directory the engine uses until
        // device certificates are integrated there).
        let root_only = TrustDirectory::new(TENANT, root.public());
        let by_root = SignedPolicy::sign(
            Issuer::Root(&root),
            TENANT,
            1,
            T0,
            &edited(9).to_canonical_json().unwrap(),
        )
        .unwrap();
        assert!(check_policy(&pin, &root_only, &by_root.to_json()).is_ok());
        assert_eq!(
            check_policy(&pin, &root_only, &signed.to_json()).unwrap_err(),
            PolicyRefused::UnknownSigner
        );
    }
}
