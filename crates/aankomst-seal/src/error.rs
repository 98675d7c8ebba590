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
}
