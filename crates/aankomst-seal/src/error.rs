//! One error type for the crate. No variant carries plaintext or key material: the strings
//! inside are field names, format tags and parser messages about the (ciphertext-only) wire
//! documents, so an error may be logged.

/// Everything that can go wrong when building, parsing, verifying or opening.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// The wire document is not valid JSON of the expected shape: a missing, extra or
    /// duplicated field, or a value of the wrong type.
    #[error("malformed document: {0}")]
    Malformed(String),
    /// The document's `format` tag names a format or version this code does not read.
    #[error("unsupported format {found:?} (this reader understands {expected:?})")]
    UnsupportedFormat {
        /// The tag found (truncated to 64 characters).
        found: String,
        /// The tag this reader understands.
        expected: &'static str,
    },
    /// A field is present but its value breaks a rule of the format.
    #[error("invalid field `{field}`: {reason}")]
    InvalidField {
        /// Field name as on the wire.
        field: &'static str,
        /// Which rule was broken.
        reason: &'static str,
    },
    /// A key's stated id is not the id derived from its public key bytes.
    #[error("key id does not match its public key")]
    KeyIdMismatch,
    /// Bytes that should be a public key are not a valid point.
    #[error("invalid public key")]
    InvalidKey,
    /// An Ed25519 signature (envelope, recipient list or receipt) does not verify.
    #[error("signature does not verify")]
    BadSignature,
    /// The envelope names another author device than the key it was checked against.
    #[error("envelope was written by another device than the key given")]
    AuthorMismatch,
    /// The receipt was signed by another server key than the one given.
    #[error("receipt names another server key than the one given")]
    WrongServerKey,
    /// None of the given recipient keys is among the envelope's recipients: this reader is not
    /// meant to open it (for example the team key on a sealed envelope).
    #[error("this key is not a recipient of the envelope")]
    NotARecipient,
    /// Unwrapping the content key failed: the wrapped key, its encapsulation or the metadata
    /// bound to it was altered, or the secret key is the wrong one for its key id.
    #[error("content key could not be unwrapped")]
    KeyUnwrapFailed,
    /// The unwrapped content key is not the one the author committed to.
    #[error("content key does not match the author's commitment")]
    KeyCommitmentMismatch,
    /// The ciphertext or its associated metadata was altered.
    #[error("ciphertext does not authenticate")]
    DecryptionFailed,
    /// The plaintext is larger than an envelope may carry.
    #[error("plaintext of {len} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// Length offered.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// The audience names a sealing recipient that the recipient list does not have.
    #[error("the recipient list has no sealing recipient named {0:?}")]
    UnknownSealingRecipient(String),
    /// The same public key appears twice in a recipient list (for example the team key also
    /// given as a sealing recipient, which would let the team read sealed envelopes).
    #[error("a public key appears more than once in the recipient list")]
    DuplicateKey,
    /// A recipient list or receipt is for another tenant than expected.
    #[error("document is for tenant {found:?}, expected {expected:?}")]
    TenantMismatch {
        /// Tenant in the document.
        found: String,
        /// Tenant expected.
        expected: String,
    },
    /// A team-key grant unwrapped to a key that is not the team key of its generation in the
    /// verified recipient list: refused, whoever made it.
    #[error("the granted key is not the team key of the verified recipient list")]
    GrantNotInList,
    /// A recipient list older than one already accepted: a rollback, refused.
    #[error("recipient list generation {offered} is older than accepted generation {accepted}")]
    Rollback {
        /// Generation offered.
        offered: u64,
        /// Highest generation accepted before.
        accepted: u64,
    },
    /// A recipient list with the generation already accepted but different contents: the
    /// root key signed two lists for one generation, or one was altered. Refused.
    #[error("a different recipient list with the accepted generation {0}")]
    GenerationConflict(u64),
    /// A certificate or statement names an issuer key that is neither the tenant root nor a
    /// device whose own certificate chains to it (this is also how a cycle of certificates that
    /// never reaches the root is refused).
    #[error("the issuer is not the tenant root nor a certified device")]
    UnknownIssuer,
    /// The issuer is certified but its role does not allow what it signed (a counsellor
    /// certifying a device, a supervisor certifying an administrator, an administrator
    /// revoking a device, ...).
    #[error("the issuer's role does not allow this")]
    IssuerNotAuthorised,
    /// The issuer was revoked at (or before) the time the document says it was issued, or is
    /// revoked now and the document arrives only now.
    #[error("the issuer was revoked")]
    IssuerRevoked,
    /// The chain from the root to this certificate is longer than a reader follows.
    #[error("certificate chain longer than {0}")]
    ChainTooLong(usize),
    /// The device id or the public key of a certificate is already certified (to another key
    /// or device, or the key is the tenant root's): one device, one key, for good.
    #[error("the device or its key is already certified")]
    AlreadyCertified,
    /// A statement is about a device (id and key) the directory does not have.
    #[error("the statement's subject is not a certified device")]
    UnknownSubject,
    /// A statement is about another device than the one checking it.
    #[error("the statement is about another device")]
    NotTheSubject,
    /// The fingerprint typed by the supervisor is not the device's.
    #[error("the fingerprint does not match the device")]
    FingerprintMismatch,
    /// A policy older than one already accepted: a rollback, refused.
    #[error("policy version {offered} is older than accepted version {accepted}")]
    PolicyRollback {
        /// Version offered.
        offered: u64,
        /// Highest version accepted before.
        accepted: u64,
    },
    /// A policy with the version already accepted but other contents or signer. Refused.
    #[error("a different policy with the accepted version {0}")]
    PolicyConflict(u64),
    /// An envelope's recipient stanzas are not exactly the keys its audience has in the
    /// recipient list (a sealed envelope also wrapped for the team key, say).
    #[error("the envelope's recipients are not those of its audience")]
    RecipientsMismatch,
}
