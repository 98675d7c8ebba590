//! Envelopes: one revision, encrypted, its content key wrapped for the audience, signed by the
//! author device.
//!
//! # Layers
//!
//! ```text
//! plaintext ── XChaCha20-Poly1305(content key K, nonce, aad = metadata) ──► ciphertext
//! K         ── XChaCha20-Poly1305(batch key B, key_nonce, aad = metadata) ─► wrapped_content_key
//! B         ── HPKE base mode, per recipient (info = format ‖ key id,
//!              aad = batch context) ───────────────────────────────────────► recipients[i]
//! all of it ── Ed25519 by the author device ───────────────────────────────► signature
//! ```
//!
//! K is fresh and random for every revision. B is fresh and random for every call of
//! [`Sealer::seal_batch`] (a single [`Sealer::seal`] is a batch of one), and the HPKE
//! encapsulation of B to each recipient is done once per batch: that is the public-key work
//! DESIGN §5 asks not to repeat. Each envelope carries a copy of the batch's recipient stanzas,
//! so every envelope is opened and verified on its own, without its batch-mates.
//!
//! # What batching costs
//!
//! Whoever unwraps B — only a legitimate recipient of the audience, holding its secret key —
//! can unwrap the content key of every envelope of that batch, not just of one. They could do
//! so anyway with their own secret key, one envelope at a time; what changes is the blast
//! radius of a *leaked B* (say from a reader's memory dump): one batch instead of one revision.
//! Envelopes of one batch are also linkable by their identical `enc` values; the server already
//! sees that they were pushed together by one device. B never leaves the `seal_batch` call and
//! is zeroized when it returns, so a counsellor's device cannot keep it to open sealed envelopes
//! later. A batch is for one audience: sealed and team envelopes never share a B.
//!
//! K is kept as a separate per-revision key (rather than encrypting every payload under B) so a
//! single revision's K can be re-wrapped for a new recipient later without exposing the rest
//! of its batch.
//!
//! # Key commitment
//!
//! ChaCha20-Poly1305 does not commit to its key: a malicious author could wrap different
//! content keys for different recipients such that each decrypts the same ciphertext to a
//! different, valid plaintext. The signed `key_commitment` (a SHA-256 of K) makes every
//! recipient check it has the same K, so all recipients read the same plaintext.

use std::collections::HashMap;
use std::fmt;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use hpke::aead::ChaCha20Poly1305 as HpkeChaCha20Poly1305;
use hpke::kdf::HkdfSha256;
use hpke::{Deserializable, OpModeR, OpModeS, Serializable};
use rand_core::CryptoRng;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::encoding::{
    b64_decode_array, b64_encode, check_json_int, check_name, check_text, parse_tagged, Canonical,
};
use crate::keys::{DeviceKey, DevicePublicKey, Kem, KeyId, RecipientKeyPair, RecipientPublicKey};
use crate::recipients::VerifiedRecipientList;
use crate::SealError;

/// The `format` tag of an envelope, and the version bound into its keys and signatures.
pub const ENVELOPE_FORMAT: &str = "aankomst-envelope/1";

/// The largest plaintext one envelope carries (16 MiB). Larger attachments are chunked by the
/// caller.
pub const MAX_PLAINTEXT_LEN: usize = 16 * 1024 * 1024;

const MAX_PARENTS: usize = 64;
const MAX_RECIPIENTS: usize = 16;
const TAG_LEN: usize = 16;

const LABEL_METADATA: &str = "aankomst-envelope/1 metadata";
const LABEL_BATCH_KEY: &str = "aankomst-envelope/1 batch-key";
const LABEL_KEY_COMMITMENT: &str = "aankomst-envelope/1 key-commitment";
const LABEL_SIGNED: &str = "aankomst-envelope/1 signed";
const LABEL_ID: &str = "aankomst-envelope/1 id";

/// Who can open an envelope.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Audience {
    /// The team: the current team key (every enrolled device of the team, supervisors) and the
    /// tenant's recovery key.
    Team,
    /// One sealing recipient (for example the GGD) and the recovery key only — **not** the team
    /// key, so the author's device cannot read the envelope once it is sealed.
    Sealed {
        /// The sealing recipient's name in the recipient list, e.g. `"ggd"`.
        recipient: String,
    },
}

impl Audience {
    /// Wire spelling: `team` or `sealed:<name>`.
    fn to_wire(&self) -> String {
        match self {
            Audience::Team => "team".to_owned(),
            Audience::Sealed { recipient } => format!("sealed:{recipient}"),
        }
    }

    fn from_wire(text: &str) -> Result<Audience, SealError> {
        if text == "team" {
            return Ok(Audience::Team);
        }
        match text.strip_prefix("sealed:") {
            Some(name) => {
                check_name("audience", name)?;
                Ok(Audience::Sealed {
                    recipient: name.to_owned(),
                })
            }
            None => Err(SealError::InvalidField {
                field: "audience",
                reason: "must be `team` or `sealed:<name>`",
            }),
        }
    }
}

/// One revision to seal: its metadata (authenticated, visible to the server) and its plaintext.
#[derive(Clone, Copy, Debug)]
pub struct Revision<'a> {
    /// The record's id (a UUIDv7 as text).
    pub record_id: &'a str,
    /// The record's kind (`client`, `administration`, ...).
    pub record_kind: &'a str,
    /// The revision's own id, as the local store names it.
    pub revision_id: &'a str,
    /// The hybrid logical clock time of the revision.
    pub hlc: &'a str,
    /// The revision ids of its parents (none for a record's first revision).
    pub parents: &'a [String],
    /// The revision's serialised content.
    pub plaintext: &'a [u8],
}

impl Revision<'_> {
    fn check(&self) -> Result<(), SealError> {
        check_meta(
            self.record_id,
            self.record_kind,
            self.revision_id,
            self.hlc,
            self.parents,
        )?;
        if self.plaintext.len() > MAX_PLAINTEXT_LEN {
            return Err(SealError::TooLarge {
                len: self.plaintext.len(),
                limit: MAX_PLAINTEXT_LEN,
            });
        }
        Ok(())
    }
}

fn check_meta(
    record_id: &str,
    record_kind: &str,
    revision_id: &str,
    hlc: &str,
    parents: &[String],
) -> Result<(), SealError> {
    check_text("record_id", record_id)?;
    check_text("record_kind", record_kind)?;
    check_text("revision_id", revision_id)?;
    check_text("hlc", hlc)?;
    if parents.len() > MAX_PARENTS {
        return Err(SealError::InvalidField {
            field: "parents",
            reason: "more than 64 parents",
        });
    }
    for parent in parents {
        check_text("parents", parent)?;
    }
    Ok(())
}

/// An envelope's id: SHA-256 over its complete canonical bytes (signature included). The same
/// envelope sent twice has the same id, so a retried push is recognised as a duplicate.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EnvelopeId([u8; 32]);

impl EnvelopeId {
    /// The 32 hash bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// An id from its 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        EnvelopeId(bytes)
    }

    /// The id as unpadded base64url (43 characters).
    pub fn to_base64url(&self) -> String {
        b64_encode(&self.0)
    }

    /// Reads an id from unpadded base64url.
    pub fn from_base64url(text: &str) -> Result<Self, SealError> {
        Ok(EnvelopeId(b64_decode_array("envelope_id", text)?))
    }
}

impl fmt::Display for EnvelopeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_base64url())
    }
}

impl fmt::Debug for EnvelopeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EnvelopeId({})", self.to_base64url())
    }
}

impl Serialize for EnvelopeId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_base64url())
    }
}

impl<'de> Deserialize<'de> for EnvelopeId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        EnvelopeId::from_base64url(&text).map_err(serde::de::Error::custom)
    }
}

/// Decrypted revision content. Zeroized on drop; `Debug` prints only its length, so it cannot
/// reach a log by accident.
pub struct Plaintext(Zeroizing<Vec<u8>>);

impl Plaintext {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, still zeroized when dropped.
    pub fn into_zeroizing(self) -> Zeroizing<Vec<u8>> {
        self.0
    }
}

impl fmt::Debug for Plaintext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Plaintext({} bytes)", self.0.len())
    }
}

/// A recipient's copy of the batch key: HPKE encapsulation and the sealed batch key.
#[derive(Clone, PartialEq, Eq)]
struct Stanza {
    key_id: KeyId,
    enc: [u8; 32],
    wrapped_batch_key: [u8; 32 + TAG_LEN],
}

/// Fields every envelope of one batch shares; bound into the HPKE aad.
#[derive(Clone, PartialEq, Eq)]
struct Header {
    tenant: String,
    author_device: String,
    audience: Audience,
    recipient_list_generation: u64,
}

/// One encrypted, signed revision. Made by a [`Sealer`] or read with
/// [`from_json`](Self::from_json); checked by [`verify_signature`](Self::verify_signature)
/// (what the server does) and read by [`open`](Self::open) (what a recipient does).
#[derive(Clone, PartialEq, Eq)]
pub struct Envelope {
    header: Header,
    record_id: String,
    record_kind: String,
    revision_id: String,
    hlc: String,
    parents: Vec<String>,
    recipients: Vec<Stanza>,
    key_nonce: [u8; 24],
    wrapped_content_key: [u8; 32 + TAG_LEN],
    key_commitment: [u8; 32],
    nonce: [u8; 24],
    ciphertext: Vec<u8>,
    signature: [u8; 64],
    id: EnvelopeId,
}

/// Seals revisions for one audience, as one device, under one verified recipient list.
pub struct Sealer<'a> {
    header: Header,
    recipients: Vec<&'a RecipientPublicKey>,
    author: &'a DeviceKey,
}

impl<'a> Sealer<'a> {
    /// Prepares sealing for `audience`: the team (current team key + recovery key) or a named
    /// sealing recipient (+ recovery key). Fails if the list has no such sealing recipient.
    pub fn new(
        list: &'a VerifiedRecipientList,
        audience: Audience,
        author: &'a DeviceKey,
    ) -> Result<Self, SealError> {
        let first = match &audience {
            Audience::Team => &list.team.key,
            Audience::Sealed { recipient } => {
                check_name("audience", recipient)?;
                list.sealing_recipient(recipient)
                    .ok_or_else(|| SealError::UnknownSealingRecipient(recipient.clone()))?
            }
        };
        Ok(Sealer {
            header: Header {
                tenant: list.tenant.clone(),
                author_device: author.device_id().to_owned(),
                audience,
                recipient_list_generation: list.generation,
            },
            recipients: vec![first, &list.recovery],
            author,
        })
    }

    /// Seals one revision (a batch of one).
    pub fn seal(
        &self,
        rng: &mut impl CryptoRng,
        revision: &Revision<'_>,
    ) -> Result<Envelope, SealError> {
        let mut sealed = self.seal_batch(rng, std::slice::from_ref(revision))?;
        Ok(sealed.pop().expect("a batch of one gives one envelope"))
    }

    /// Seals many revisions, doing the HPKE encapsulation to each recipient once for the whole
    /// batch (see the module documentation for what that trades). Every revision is checked
    /// before anything is encrypted, so the batch fails as a whole or not at all.
    ///
    /// Random draws, in order: B (32 bytes); per recipient, the HPKE ephemeral secret (32);
    /// per revision, K (32), `key_nonce` (24), `nonce` (24).
    pub fn seal_batch(
        &self,
        rng: &mut impl CryptoRng,
        revisions: &[Revision<'_>],
    ) -> Result<Vec<Envelope>, SealError> {
        for revision in revisions {
            revision.check()?;
        }
        if revisions.is_empty() {
            return Ok(Vec::new());
        }
        let key_ids: Vec<KeyId> = self.recipients.iter().map(|r| r.key_id().clone()).collect();

        let mut batch_key = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(batch_key.as_mut_slice());
        let batch_aad = batch_key_aad(&self.header, &key_ids);
        let mut stanzas = Vec::with_capacity(self.recipients.len());
        for recipient in &self.recipients {
            let (enc, wrapped) =
                hpke::single_shot_seal_with_rng::<HpkeChaCha20Poly1305, HkdfSha256, Kem>(
                    &OpModeS::Base,
                    recipient.hpke_public(),
                    &hpke_info(recipient.key_id()),
                    batch_key.as_slice(),
                    &batch_aad,
                    rng,
                )
                // Only a degenerate (all-zero shared secret) public key makes this fail.
                .map_err(|_| SealError::InvalidKey)?;
            stanzas.push(Stanza {
                key_id: recipient.key_id().clone(),
                enc: to_array(&enc.to_bytes()),
                wrapped_batch_key: to_array(&wrapped),
            });
        }

        let batch_cipher = XChaCha20Poly1305::new(&Key::from(*batch_key));
        let mut envelopes = Vec::with_capacity(revisions.len());
        for revision in revisions {
            let mut content_key = Zeroizing::new([0u8; 32]);
            rng.fill_bytes(content_key.as_mut_slice());
            let mut key_nonce = [0u8; 24];
            rng.fill_bytes(&mut key_nonce);
            let mut nonce = [0u8; 24];
            rng.fill_bytes(&mut nonce);

            let metadata = metadata_bytes(
                &self.header,
                &key_ids,
                revision.record_id,
                revision.record_kind,
                revision.revision_id,
                revision.hlc,
                revision.parents,
            );
            let wrapped_content_key = batch_cipher
                .encrypt(
                    &XNonce::from(key_nonce),
                    Payload {
                        msg: content_key.as_slice(),
                        aad: &metadata,
                    },
                )
                .expect("XChaCha20-Poly1305 encrypts 32 bytes");
            let ciphertext = XChaCha20Poly1305::new(&Key::from(*content_key))
                .encrypt(
                    &XNonce::from(nonce),
                    Payload {
                        msg: revision.plaintext,
                        aad: &metadata,
                    },
                )
                .expect("plaintext length was checked");

            let mut envelope = Envelope {
                header: self.header.clone(),
                record_id: revision.record_id.to_owned(),
                record_kind: revision.record_kind.to_owned(),
                revision_id: revision.revision_id.to_owned(),
                hlc: revision.hlc.to_owned(),
                parents: revision.parents.to_vec(),
                recipients: stanzas.clone(),
                key_nonce,
                wrapped_content_key: to_array(&wrapped_content_key),
                key_commitment: key_commitment(&content_key),
                nonce,
                ciphertext,
                signature: [0; 64],
                id: EnvelopeId([0; 32]),
            };
            let signed = envelope.signed_bytes_with(&metadata);
            envelope.signature = self.author.sign(&signed);
            envelope.id = envelope_id(&signed, &envelope.signature);
            envelopes.push(envelope);
        }
        Ok(envelopes)
    }
}

impl Envelope {
    /// The envelope's id (hash of its canonical bytes).
    pub fn id(&self) -> EnvelopeId {
        self.id
    }

    /// The tenant.
    pub fn tenant(&self) -> &str {
        &self.header.tenant
    }

    /// The author device's id.
    pub fn author_device(&self) -> &str {
        &self.header.author_device
    }

    /// Who the envelope was sealed for.
    pub fn audience(&self) -> &Audience {
        &self.header.audience
    }

    /// The generation of the recipient list the author sealed under.
    pub fn recipient_list_generation(&self) -> u64 {
        self.header.recipient_list_generation
    }

    /// The record id.
    pub fn record_id(&self) -> &str {
        &self.record_id
    }

    /// The record kind.
    pub fn record_kind(&self) -> &str {
        &self.record_kind
    }

    /// The revision id.
    pub fn revision_id(&self) -> &str {
        &self.revision_id
    }

    /// The revision's hybrid logical clock time.
    pub fn hlc(&self) -> &str {
        &self.hlc
    }

    /// The parent revision ids.
    pub fn parents(&self) -> &[String] {
        &self.parents
    }

    /// The key ids the content key is wrapped for, in envelope order.
    pub fn recipient_key_ids(&self) -> impl Iterator<Item = &KeyId> {
        self.recipients.iter().map(|s| &s.key_id)
    }

    /// Length of the ciphertext (plaintext length + 16).
    pub fn ciphertext_len(&self) -> usize {
        self.ciphertext.len()
    }

    /// Checks that the recipient stanzas are exactly the keys of the envelope's audience, in
    /// order (docs/envelope-format.md §4.8): `[team key, recovery key]` for the team,
    /// `[sealing key, recovery key]` for `sealed:<name>`. With `list` of the envelope's own
    /// generation the audience key must be that list's; with another generation (a reader
    /// holds only its newest list) a team envelope's first key must be one of the list's team
    /// keys (current or previous), and a sealed envelope's first key must be the sealing key
    /// and in any case none of the team keys. A sealed envelope also wrapped for the team key
    /// is refused here even though its signature is good.
    pub fn check_recipients(&self, list: &VerifiedRecipientList) -> Result<(), SealError> {
        if self.header.tenant != list.tenant {
            return Err(SealError::TenantMismatch {
                found: self.header.tenant.clone(),
                expected: list.tenant.clone(),
            });
        }
        let [first, second] = self.recipients.as_slice() else {
            return Err(SealError::RecipientsMismatch);
        };
        if &second.key_id != list.recovery.key_id() {
            return Err(SealError::RecipientsMismatch);
        }
        let same_generation = self.header.recipient_list_generation == list.generation;
        let mut team_keys = std::iter::once(&list.team).chain(list.previous_team.iter());
        let ok = match &self.header.audience {
            Audience::Team if same_generation => &first.key_id == list.team.key.key_id(),
            Audience::Team => team_keys.any(|t| t.key.key_id() == &first.key_id),
            Audience::Sealed { recipient } => {
                !team_keys.any(|t| t.key.key_id() == &first.key_id)
                    && list
                        .sealing_recipient(recipient)
                        .is_some_and(|k| k.key_id() == &first.key_id)
            }
        };
        if ok {
            Ok(())
        } else {
            Err(SealError::RecipientsMismatch)
        }
    }

    /// Checks that `author` is the device the envelope names and that its signature over the
    /// whole envelope verifies. This is all the server does: it never decrypts.
    pub fn verify_signature(&self, author: &DevicePublicKey) -> Result<(), SealError> {
        if author.device_id() != self.header.author_device {
            return Err(SealError::AuthorMismatch);
        }
        let metadata = self.metadata();
        author.verify(&self.signed_bytes_with(&metadata), &self.signature)
    }

    /// Verifies the signature, unwraps the content key with `key`, checks the key commitment
    /// and decrypts. `author` is the author device's enrolled key as the reader's own key
    /// directory has it — never taken from the server on trust.
    pub fn open(
        &self,
        key: &RecipientKeyPair,
        author: &DevicePublicKey,
    ) -> Result<Plaintext, SealError> {
        self.open_with(&[key], author, None)
    }

    fn open_with(
        &self,
        keys: &[&RecipientKeyPair],
        author: &DevicePublicKey,
        cache: Option<&mut BatchKeyCache>,
    ) -> Result<Plaintext, SealError> {
        self.verify_signature(author)?;
        let (key, stanza) = keys
            .iter()
            .find_map(|k| {
                self.recipients
                    .iter()
                    .find(|s| &s.key_id == k.key_id())
                    .map(|s| (*k, s))
            })
            .ok_or(SealError::NotARecipient)?;

        let key_ids = self.key_ids();
        let batch_aad = batch_key_aad(&self.header, &key_ids);
        let cache_key = cache.as_ref().map(|_| {
            let mut c = Canonical::new("cache");
            c.text(stanza.key_id.as_str())
                .bytes(&stanza.enc)
                .bytes(&stanza.wrapped_batch_key)
                .bytes(&batch_aad);
            Sha256::digest(c.finish()).into()
        });
        let cached = match (&cache, &cache_key) {
            (Some(cache), Some(k)) => cache.get(k),
            _ => None,
        };
        let batch_key = match cached {
            Some(b) => b,
            None => {
                let b = unwrap_batch_key(key, stanza, &batch_aad)?;
                if let (Some(cache), Some(k)) = (cache, cache_key) {
                    cache.insert(k, b.clone());
                }
                b
            }
        };

        let metadata = self.metadata();
        let content_key: Zeroizing<[u8; 32]> = XChaCha20Poly1305::new(&Key::from(*batch_key))
            .decrypt(
                &XNonce::from(self.key_nonce),
                Payload {
                    msg: &self.wrapped_content_key,
                    aad: &metadata,
                },
            )
            .map(|k| Zeroizing::new(to_array(&Zeroizing::new(k))))
            .map_err(|_| SealError::KeyUnwrapFailed)?;
        if key_commitment(&content_key) != self.key_commitment {
            return Err(SealError::KeyCommitmentMismatch);
        }
        let plaintext = XChaCha20Poly1305::new(&Key::from(*content_key))
            .decrypt(
                &XNonce::from(self.nonce),
                Payload {
                    msg: &self.ciphertext,
                    aad: &metadata,
                },
            )
            .map_err(|_| SealError::DecryptionFailed)?;
        Ok(Plaintext(Zeroizing::new(plaintext)))
    }

    /// The wire form (JSON, see the format document).
    pub fn to_json(&self) -> Vec<u8> {
        let wire = EnvelopeWire {
            format: ENVELOPE_FORMAT.to_owned(),
            tenant: self.header.tenant.clone(),
            author_device: self.header.author_device.clone(),
            audience: self.header.audience.to_wire(),
            recipient_list_generation: self.header.recipient_list_generation,
            record_id: self.record_id.clone(),
            record_kind: self.record_kind.clone(),
            revision_id: self.revision_id.clone(),
            hlc: self.hlc.clone(),
            parents: self.parents.clone(),
            recipients: self
                .recipients
                .iter()
                .map(|s| StanzaWire {
                    key_id: s.key_id.to_string(),
                    enc: b64_encode(&s.enc),
                    wrapped_batch_key: b64_encode(&s.wrapped_batch_key),
                })
                .collect(),
            key_nonce: b64_encode(&self.key_nonce),
            wrapped_content_key: b64_encode(&self.wrapped_content_key),
            key_commitment: b64_encode(&self.key_commitment),
            nonce: b64_encode(&self.nonce),
            ciphertext: b64_encode(&self.ciphertext),
            signature: b64_encode(&self.signature),
        };
        serde_json::to_vec(&wire).expect("an envelope always serialises")
    }

    /// Parses the wire form. Refuses unknown format versions, missing, extra or duplicated
    /// fields, non-canonical base64url, wrong lengths and out-of-range values. Parsing checks
    /// the shape only; call [`verify_signature`](Self::verify_signature) or
    /// [`open`](Self::open) before trusting the contents.
    pub fn from_json(json: &[u8]) -> Result<Self, SealError> {
        let w: EnvelopeWire = parse_tagged(json, ENVELOPE_FORMAT)?;
        check_text("tenant", &w.tenant)?;
        check_text("author_device", &w.author_device)?;
        check_json_int("recipient_list_generation", w.recipient_list_generation)?;
        check_meta(
            &w.record_id,
            &w.record_kind,
            &w.revision_id,
            &w.hlc,
            &w.parents,
        )?;
        if w.recipients.is_empty() || w.recipients.len() > MAX_RECIPIENTS {
            return Err(SealError::InvalidField {
                field: "recipients",
                reason: "must have 1 to 16 entries",
            });
        }
        let mut recipients: Vec<Stanza> = Vec::with_capacity(w.recipients.len());
        for s in &w.recipients {
            let key_id = KeyId::parse("recipients.key_id", &s.key_id)?;
            if recipients.iter().any(|r| r.key_id == key_id) {
                return Err(SealError::InvalidField {
                    field: "recipients",
                    reason: "a key id appears twice",
                });
            }
            recipients.push(Stanza {
                key_id,
                enc: b64_decode_array("recipients.enc", &s.enc)?,
                wrapped_batch_key: b64_decode_array(
                    "recipients.wrapped_batch_key",
                    &s.wrapped_batch_key,
                )?,
            });
        }
        let ciphertext = crate::encoding::b64_decode("ciphertext", &w.ciphertext)?;
        if ciphertext.len() < TAG_LEN || ciphertext.len() > MAX_PLAINTEXT_LEN + TAG_LEN {
            return Err(SealError::InvalidField {
                field: "ciphertext",
                reason: "length out of range",
            });
        }
        let mut envelope = Envelope {
            header: Header {
                tenant: w.tenant,
                author_device: w.author_device,
                audience: Audience::from_wire(&w.audience)?,
                recipient_list_generation: w.recipient_list_generation,
            },
            record_id: w.record_id,
            record_kind: w.record_kind,
            revision_id: w.revision_id,
            hlc: w.hlc,
            parents: w.parents,
            recipients,
            key_nonce: b64_decode_array("key_nonce", &w.key_nonce)?,
            wrapped_content_key: b64_decode_array("wrapped_content_key", &w.wrapped_content_key)?,
            key_commitment: b64_decode_array("key_commitment", &w.key_commitment)?,
            nonce: b64_decode_array("nonce", &w.nonce)?,
            ciphertext,
            signature: b64_decode_array("signature", &w.signature)?,
            id: EnvelopeId([0; 32]),
        };
        let metadata = envelope.metadata();
        envelope.id = envelope_id(&envelope.signed_bytes_with(&metadata), &envelope.signature);
        Ok(envelope)
    }

    fn key_ids(&self) -> Vec<KeyId> {
        self.recipients.iter().map(|s| s.key_id.clone()).collect()
    }

    fn metadata(&self) -> Vec<u8> {
        metadata_bytes(
            &self.header,
            &self.key_ids(),
            &self.record_id,
            &self.record_kind,
            &self.revision_id,
            &self.hlc,
            &self.parents,
        )
    }

    /// The bytes the author signs: a label, the metadata, every recipient stanza, the wrapped
    /// content key, the commitment, the nonce and the ciphertext.
    fn signed_bytes_with(&self, metadata: &[u8]) -> Vec<u8> {
        let mut c = Canonical::new(LABEL_SIGNED);
        c.bytes(metadata);
        c.count(self.recipients.len());
        for s in &self.recipients {
            c.text(s.key_id.as_str())
                .bytes(&s.enc)
                .bytes(&s.wrapped_batch_key);
        }
        c.bytes(&self.key_nonce)
            .bytes(&self.wrapped_content_key)
            .bytes(&self.key_commitment)
            .bytes(&self.nonce)
            .bytes(&self.ciphertext);
        c.finish()
    }
}

impl fmt::Debug for Envelope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Envelope")
            .field("id", &self.id)
            .field("tenant", &self.header.tenant)
            .field("record_id", &self.record_id)
            .field("record_kind", &self.record_kind)
            .field("revision_id", &self.revision_id)
            .field("author_device", &self.header.author_device)
            .field("audience", &self.header.audience)
            .field("ciphertext_len", &self.ciphertext.len())
            .finish_non_exhaustive()
    }
}

/// Opens many envelopes with a reader's keys (for example every team key generation the device
/// holds), remembering each batch key it unwrapped so that the envelopes of one batch cost one
/// HPKE decapsulation together instead of one each. Every envelope is still verified and
/// decrypted on its own; a cached batch key is used only for the exact stanza and batch
/// context it was unwrapped from.
pub struct Opener<'k> {
    keys: Vec<&'k RecipientKeyPair>,
    cache: BatchKeyCache,
}

impl<'k> Opener<'k> {
    /// An opener trying each of `keys` (the first that is a recipient of an envelope is used).
    pub fn new(keys: impl IntoIterator<Item = &'k RecipientKeyPair>) -> Self {
        Opener {
            keys: keys.into_iter().collect(),
            cache: BatchKeyCache::default(),
        }
    }

    /// Like [`Envelope::open`], with any of the opener's keys.
    pub fn open(
        &mut self,
        envelope: &Envelope,
        author: &DevicePublicKey,
    ) -> Result<Plaintext, SealError> {
        envelope.open_with(&self.keys, author, Some(&mut self.cache))
    }
}

/// Unwrapped batch keys by a hash of (key id, enc, wrapped batch key, batch context). Bounded:
/// cleared when full, so a long pull cannot grow it without limit.
#[derive(Default)]
struct BatchKeyCache {
    keys: HashMap<[u8; 32], Zeroizing<[u8; 32]>>,
}

impl BatchKeyCache {
    const CAPACITY: usize = 1024;

    fn get(&self, k: &[u8; 32]) -> Option<Zeroizing<[u8; 32]>> {
        self.keys.get(k).cloned()
    }

    fn insert(&mut self, k: [u8; 32], batch_key: Zeroizing<[u8; 32]>) {
        if self.keys.len() >= Self::CAPACITY {
            self.keys.clear();
        }
        self.keys.insert(k, batch_key);
    }
}

fn unwrap_batch_key(
    key: &RecipientKeyPair,
    stanza: &Stanza,
    batch_aad: &[u8],
) -> Result<Zeroizing<[u8; 32]>, SealError> {
    let enc = <Kem as hpke::Kem>::EncappedKey::from_bytes(&stanza.enc)
        .map_err(|_| SealError::KeyUnwrapFailed)?;
    let opened = hpke::single_shot_open::<HpkeChaCha20Poly1305, HkdfSha256, Kem>(
        &OpModeR::Base,
        key.hpke_secret(),
        &enc,
        &hpke_info(&stanza.key_id),
        &stanza.wrapped_batch_key,
        batch_aad,
    )
    .map_err(|_| SealError::KeyUnwrapFailed)?;
    let opened = Zeroizing::new(opened);
    if opened.len() != 32 {
        return Err(SealError::KeyUnwrapFailed);
    }
    Ok(Zeroizing::new(to_array(&opened)))
}

/// HPKE `info`: binds the format version and the recipient's key id.
fn hpke_info(key_id: &KeyId) -> Vec<u8> {
    let mut c = Canonical::new(ENVELOPE_FORMAT);
    c.text(key_id.as_str());
    c.finish()
}

/// HPKE `aad`: what every envelope of the batch shares, so a stanza cannot be moved to another
/// tenant, device, audience or recipient set.
fn batch_key_aad(header: &Header, key_ids: &[KeyId]) -> Vec<u8> {
    let mut c = Canonical::new(LABEL_BATCH_KEY);
    header_fields(&mut c, header, key_ids);
    c.finish()
}

fn header_fields(c: &mut Canonical, header: &Header, key_ids: &[KeyId]) {
    c.text(&header.tenant)
        .text(&header.author_device)
        .text(&header.audience.to_wire())
        .int(header.recipient_list_generation);
    c.count(key_ids.len());
    for id in key_ids {
        c.text(id.as_str());
    }
}

/// The envelope metadata: the associated data of both the payload and the content-key wrap.
fn metadata_bytes(
    header: &Header,
    key_ids: &[KeyId],
    record_id: &str,
    record_kind: &str,
    revision_id: &str,
    hlc: &str,
    parents: &[String],
) -> Vec<u8> {
    let mut c = Canonical::new(LABEL_METADATA);
    header_fields(&mut c, header, key_ids);
    c.text(record_id)
        .text(record_kind)
        .text(revision_id)
        .text(hlc);
    c.count(parents.len());
    for p in parents {
        c.text(p);
    }
    c.finish()
}

fn key_commitment(content_key: &[u8; 32]) -> [u8; 32] {
    let mut c = Canonical::new(LABEL_KEY_COMMITMENT);
    c.bytes(content_key);
    Sha256::digest(Zeroizing::new(c.finish()).as_slice()).into()
}

/// `SHA-256(text("aankomst-envelope/1 id") ‖ bytes(signed bytes) ‖ bytes(signature))`, fed to
/// the hash piecewise so the signed bytes are not copied.
fn envelope_id(signed: &[u8], signature: &[u8; 64]) -> EnvelopeId {
    let mut hasher = Sha256::new();
    hasher.update(Canonical::new(LABEL_ID).finish());
    let signed_len = u32::try_from(signed.len()).expect("envelope longer than 4 GiB");
    hasher.update(signed_len.to_be_bytes());
    hasher.update(signed);
    hasher.update(64u32.to_be_bytes());
    hasher.update(signature);
    EnvelopeId(hasher.finalize().into())
}

fn to_array<const N: usize>(bytes: &[u8]) -> [u8; N] {
    bytes.try_into().expect("length fixed by the algorithm")
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeWire {
    format: String,
    tenant: String,
    author_device: String,
    audience: String,
    recipient_list_generation: u64,
    record_id: String,
    record_kind: String,
    revision_id: String,
    hlc: String,
    parents: Vec<String>,
    recipients: Vec<StanzaWire>,
    key_nonce: String,
    wrapped_content_key: String,
    key_commitment: String,
    nonce: String,
    ciphertext: String,
    signature: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StanzaWire {
    key_id: String,
    enc: String,
    wrapped_batch_key: String,
}

#[cfg(test)]
mod tests {
    //! The inner layers, reached by re-signing a tampered envelope with the author's own key
    //! (what a malicious author device, or a bug that skipped the signature, would produce):
    //! each layer still refuses with its own error.

    use std::collections::BTreeMap;

    use rand_core::SeedableRng;

    use super::*;
    use crate::recipients::{RecipientList, RecipientListPin, TeamKey};
    use crate::TenantRootKey;

    struct Fixture {
        rng: rand_chacha::ChaCha20Rng,
        team: RecipientKeyPair,
        device: DeviceKey,
        list: VerifiedRecipientList,
    }

    fn fixture() -> Fixture {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(99);
        let root = TenantRootKey::generate(&mut rng);
        let team = RecipientKeyPair::generate(&mut rng);
        let recovery = RecipientKeyPair::generate(&mut rng);
        let ggd = RecipientKeyPair::generate(&mut rng);
        let device = DeviceKey::generate("dev", &mut rng).unwrap();
        let signed = RecipientList {
            tenant: "t".into(),
            generation: 1,
            team: TeamKey {
                generation: 1,
                key: team.public().clone(),
            },
            previous_team: vec![],
            recovery: recovery.public().clone(),
            sealing: BTreeMap::from([("ggd".to_owned(), ggd.public().clone())]),
        }
        .sign(&root)
        .unwrap();
        let list = RecipientListPin::new("t", root.public())
            .accept(&signed)
            .unwrap();
        Fixture {
            rng,
            team,
            device,
            list,
        }
    }

    fn sealed(f: &mut Fixture, plaintexts: &[&[u8]]) -> Vec<Envelope> {
        let revisions: Vec<Revision<'_>> = plaintexts
            .iter()
            .map(|p| Revision {
                record_id: "rec",
                record_kind: "note",
                revision_id: "rev",
                hlc: "hlc",
                parents: &[],
                plaintext: p,
            })
            .collect();
        Sealer::new(&f.list, Audience::Team, &f.device)
            .unwrap()
            .seal_batch(&mut f.rng, &revisions)
            .unwrap()
    }

    fn resign(envelope: &mut Envelope, device: &DeviceKey) {
        let signed = envelope.signed_bytes_with(&envelope.metadata());
        envelope.signature = device.sign(&signed);
        envelope.id = envelope_id(&signed, &envelope.signature);
    }

    fn open_resigned(f: &mut Fixture, tamper: impl FnOnce(&mut Envelope)) -> SealError {
        let mut envelope = sealed(f, &[b"secret"]).pop().unwrap();
        tamper(&mut envelope);
        resign(&mut envelope, &f.device);
        envelope.verify_signature(&f.device.public()).unwrap();
        envelope.open(&f.team, &f.device.public()).unwrap_err()
    }

    #[test]
    fn ciphertext_tampering_fails_decryption() {
        let mut f = fixture();
        let err = open_resigned(&mut f, |e| e.ciphertext[0] ^= 1);
        assert_eq!(err, SealError::DecryptionFailed);
        let err = open_resigned(&mut f, |e| e.nonce[0] ^= 1);
        assert_eq!(err, SealError::DecryptionFailed);
    }

    #[test]
    fn metadata_tampering_fails_the_key_unwrap() {
        let mut f = fixture();
        // Per-revision metadata is the aad of the content-key wrap (and of the payload).
        let err = open_resigned(&mut f, |e| e.record_id = "other".into());
        assert_eq!(err, SealError::KeyUnwrapFailed);
        let err = open_resigned(&mut f, |e| e.parents = vec!["p".into()]);
        assert_eq!(err, SealError::KeyUnwrapFailed);
        // Batch-wide metadata is also the aad of the HPKE wrap.
        let err = open_resigned(&mut f, |e| e.header.tenant = "other".into());
        assert_eq!(err, SealError::KeyUnwrapFailed);
        let err = open_resigned(&mut f, |e| {
            e.header.audience = Audience::Sealed {
                recipient: "ggd".into(),
            }
        });
        assert_eq!(err, SealError::KeyUnwrapFailed);
        let err = open_resigned(&mut f, |e| e.header.recipient_list_generation = 7);
        assert_eq!(err, SealError::KeyUnwrapFailed);
    }

    #[test]
    fn wrapped_key_tampering_fails_the_key_unwrap() {
        let mut f = fixture();
        let err = open_resigned(&mut f, |e| e.recipients[0].wrapped_batch_key[3] ^= 1);
        assert_eq!(err, SealError::KeyUnwrapFailed);
        let err = open_resigned(&mut f, |e| e.recipients[0].enc[3] ^= 1);
        assert_eq!(err, SealError::KeyUnwrapFailed);
        let err = open_resigned(&mut f, |e| e.wrapped_content_key[3] ^= 1);
        assert_eq!(err, SealError::KeyUnwrapFailed);
        let err = open_resigned(&mut f, |e| e.key_nonce[3] ^= 1);
        assert_eq!(err, SealError::KeyUnwrapFailed);
    }

    #[test]
    fn a_stanza_from_another_batch_fails_the_key_unwrap() {
        let mut f = fixture();
        let other = sealed(&mut f, &[b"other"]).pop().unwrap();
        let err = open_resigned(&mut f, |e| e.recipients = other.recipients.clone());
        assert_eq!(err, SealError::KeyUnwrapFailed);
    }

    #[test]
    fn a_stanza_under_a_wrong_key_id_fails_the_key_unwrap() {
        // Swap the team and recovery stanzas' key ids: the team key finds "its" stanza, but the
        // batch key inside was sealed for the recovery key (info binds the key id).
        let mut f = fixture();
        let err = open_resigned(&mut f, |e| {
            let (a, b) = (
                e.recipients[0].key_id.clone(),
                e.recipients[1].key_id.clone(),
            );
            e.recipients[0].key_id = b;
            e.recipients[1].key_id = a;
        });
        assert_eq!(err, SealError::KeyUnwrapFailed);
    }

    #[test]
    fn a_wrong_key_commitment_is_refused() {
        let mut f = fixture();
        let err = open_resigned(&mut f, |e| e.key_commitment[0] ^= 1);
        assert_eq!(err, SealError::KeyCommitmentMismatch);
    }

    #[test]
    fn the_opener_cache_is_bound_to_the_exact_stanza_and_context() {
        let mut f = fixture();
        let batch = sealed(&mut f, &[b"one", b"two"]);
        let team = f.team;
        let mut opener = Opener::new([&team]);
        assert_eq!(
            opener
                .open(&batch[0], &f.device.public())
                .unwrap()
                .as_bytes(),
            b"one"
        );
        assert_eq!(opener.cache.keys.len(), 1);
        // Same stanza, batch context changed (and re-signed): the cached key is not reused
        // and the HPKE unwrap under the new context fails.
        let mut moved = batch[1].clone();
        moved.header.recipient_list_generation = 9;
        resign(&mut moved, &f.device);
        assert_eq!(
            opener.open(&moved, &f.device.public()).unwrap_err(),
            SealError::KeyUnwrapFailed
        );
        assert_eq!(
            opener
                .open(&batch[1], &f.device.public())
                .unwrap()
                .as_bytes(),
            b"two"
        );
        assert_eq!(opener.cache.keys.len(), 1, "one batch, one cached key");
    }
}
