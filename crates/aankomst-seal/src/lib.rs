//! Envelopes and keys for Aankomst's end-to-end encrypted sync (DESIGN §4, items 5–9).
//!
//! # Threat model, in short
//!
//! * **The server sees ciphertext and the least metadata sync needs** (tenant, record id and
//!   kind, revision id, author device, HLC, parents, audience, recipient key ids). It can verify
//!   who wrote an envelope ([`Envelope::verify_signature`]) but cannot read one: it holds no
//!   recipient key.
//! * **Devices do not trust the server.** They verify every envelope's signature against the
//!   author device's key from their own directory, and accept a recipient list only if the
//!   tenant root key they pinned at enrolment signed it and it is not older than the newest they
//!   accepted ([`RecipientListPin`]). Sealing takes only such a verified list, so a server
//!   cannot slip in a key of its own.
//! * **Sealed envelopes** (the K10 for the GGD) are wrapped for the sealing recipient and the
//!   recovery key only: the author's device keeps the envelope and its receipt but cannot open
//!   it once sealed.
//! * **Who is a device, and with which role, is certified, not told**: a
//!   [`DeviceCertificate`] signed by the tenant root or a supervisor whose chain reaches it;
//!   revocations and role changes are signed [`Statement`]s; a [`TrustDirectory`] is built only
//!   from what verifies. The municipal policy is a [`SignedPolicy`] checked by a [`PolicyPin`].
//! * A leaked recipient key opens what was wrapped for it; rotation (a new team key generation
//!   in a new list) protects envelopes sealed afterwards, not before.
//!
//! The wire formats, byte for byte, are in `docs/envelope-format.md`, with test vectors in
//! `crates/aankomst-seal/tests/vectors/envelope-v1.json` and `trust-v1.json`.
//!
//! # Use
//!
//! ```
//! use std::collections::BTreeMap;
//! use aankomst_seal::*;
//!
//! let mut rng = system_rng();
//! // The tenant's administrator, once (the root key then goes offline):
//! let root = TenantRootKey::generate(&mut rng);
//! let team = RecipientKeyPair::generate(&mut rng);
//! let recovery = RecipientKeyPair::generate(&mut rng);
//! let signed = RecipientList {
//!     tenant: "utrecht".into(),
//!     generation: 1,
//!     team: TeamKey { generation: 1, key: team.public().clone() },
//!     previous_team: vec![],
//!     recovery: recovery.public().clone(),
//!     sealing: BTreeMap::new(),
//! }
//! .sign(&root)?;
//!
//! // A device, pinned to the root key at enrolment:
//! let mut pin = RecipientListPin::new("utrecht", root.public());
//! let list = pin.accept(&SignedRecipientList::from_json(&signed.to_json())?)?;
//! let device = DeviceKey::generate("laptop-1", &mut rng)?;
//! let envelope = Sealer::new(&list, Audience::Team, &device)?.seal(
//!     &mut rng,
//!     &Revision {
//!         record_id: "0190c1d2-0000-7000-8000-000000000001",
//!         record_kind: "note",
//!         revision_id: "r1",
//!         hlc: "0000018f2a3b4c5d-0000-laptop-1",
//!         parents: &[],
//!         plaintext: b"{\"text\":\"...\"}",
//!     },
//! )?;
//!
//! // The server: signature only.
//! envelope.verify_signature(&device.public())?;
//! // Another team device:
//! let plaintext = envelope.open(&team, &device.public())?;
//! assert_eq!(plaintext.as_bytes(), b"{\"text\":\"...\"}");
//! # Ok::<(), SealError>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod certificate;
mod encoding;
mod envelope;
mod error;
mod grant;
mod keys;
mod policy;
mod receipt;
mod recipients;

pub use certificate::{
    confirm_fingerprint, device_fingerprint, verify_revocation_of, DeviceCertificate, DeviceEntry,
    DeviceRole, DeviceStatus, Issuer, Refusal, Statement, StatementKind, TrustDirectory,
    CERTIFICATE_FORMAT, MAX_CHAIN_DEPTH, REVOCATION_FORMAT, ROLE_CHANGE_FORMAT,
};
pub use envelope::{
    Audience, Envelope, EnvelopeId, Opener, Plaintext, Revision, Sealer, ENVELOPE_FORMAT,
    MAX_PLAINTEXT_LEN,
};
pub use error::SealError;
pub use grant::{TeamKeyGrant, GRANT_FORMAT};
pub use keys::{
    DeviceKey, DevicePublicKey, KeyId, RecipientKeyPair, RecipientPublicKey, ServerKey,
    ServerPublicKey, TenantRootKey, TenantRootPublicKey,
};
pub use policy::{PolicyPin, SignedPolicy, VerifiedPolicy, MAX_POLICY_CONTENT_LEN, POLICY_FORMAT};
pub use receipt::{Receipt, RECEIPT_FORMAT};
pub use recipients::{
    RecipientList, RecipientListPin, SignedRecipientList, TeamKey, VerifiedRecipientList,
    RECIPIENT_LIST_FORMAT,
};

/// The `rand_core` version this crate's functions take random number generators from
/// (callers on another `rand` version can still pass [`system_rng`]).
pub use rand_core;

/// The operating system's random number generator, as this crate's functions take it.
///
/// Panics on use if the operating system cannot supply randomness, which on the platforms we
/// ship (Linux, Windows, macOS) happens only before the kernel's generator is seeded at boot;
/// sealing without good randomness must not happen, so a panic is the right outcome.
pub fn system_rng() -> impl rand_core::CryptoRng {
    rand_core::UnwrapErr(getrandom::SysRng)
}
