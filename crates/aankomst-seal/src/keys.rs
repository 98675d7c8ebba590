//! Key types.
//!
//! Two families, each with a secret and a public half:
//!
//! * **Signing keys** (Ed25519): a device's key signs its envelopes, the tenant's root key signs
//!   the recipient list, the server's key signs receipts. Each role is its own type, so a
//!   device key can never be passed where the root key is meant.
//! * **Recipient keys** (X25519 for HPKE): the team key (one per rotation generation), the
//!   tenant's offline recovery key, and sealing recipients such as the GGD. Content keys are
//!   wrapped for these.
//!
//! Secret halves are neither `Clone`, `Serialize` nor printable; they zeroize on drop (the
//! underlying dalek types do). Their raw bytes leave only through `secret_bytes()`, in a
//! zeroizing buffer, for the encrypted local store or the keychain.
//! Public halves serialise as unpadded base64url, and carry a **key id**: the first 16 bytes
//! of a SHA-256 over the key's algorithm and bytes, in base64url. The id is derived, never
//! chosen, so a document cannot pair one key's id with another key's bytes.

use std::fmt;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use hpke::{Deserializable, Kem as _, Serializable};
use rand_core::CryptoRng;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::encoding::{b64_decode_array, b64_encode, check_text, Canonical};
use crate::SealError;

/// The HPKE KEM of every recipient key: DHKEM(X25519, HKDF-SHA256), RFC 9180 KEM id 0x0020.
pub(crate) type Kem = hpke::kem::X25519HkdfSha256;

const ALG_ED25519: &str = "ed25519";
const ALG_X25519: &str = "x25519-hkdf-sha256";

/// A key's id: base64url of the first 16 bytes of
/// `SHA-256(canonical("aankomst-key-id/1", algorithm, public key bytes))`, 22 characters.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct KeyId(String);

impl KeyId {
    fn derive(algorithm: &str, public: &[u8]) -> KeyId {
        let mut c = Canonical::new("aankomst-key-id/1");
        c.text(algorithm).bytes(public);
        let digest = Sha256::digest(c.finish());
        KeyId(b64_encode(&digest[..16]))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Accepts a key id read from a wire document: it must at least have the shape of one
    /// (16 bytes in base64url). Whether it names a key the reader has is checked later.
    pub(crate) fn parse(field: &'static str, text: &str) -> Result<KeyId, SealError> {
        b64_decode_array::<16>(field, text)?;
        Ok(KeyId(text.to_owned()))
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({})", self.0)
    }
}

impl<'de> Deserialize<'de> for KeyId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        KeyId::parse("key_id", &text).map_err(serde::de::Error::custom)
    }
}

fn parse_ed25519(bytes: &[u8; 32]) -> Result<VerifyingKey, SealError> {
    let key = VerifyingKey::from_bytes(bytes).map_err(|_| SealError::InvalidKey)?;
    // A small-order key would verify signatures that no one made with a secret key.
    if key.is_weak() {
        return Err(SealError::InvalidKey);
    }
    Ok(key)
}

/// `verify_strict` refuses non-canonical and small-order encodings, so one message has one
/// valid signature per key and envelope ids (which hash the signature) stay unique.
fn verify_ed25519(
    key: &VerifyingKey,
    message: &[u8],
    signature: &[u8; 64],
) -> Result<(), SealError> {
    key.verify_strict(message, &Signature::from_bytes(signature))
        .map_err(|_| SealError::BadSignature)
}

/// Defines a role's Ed25519 secret and public key types; the roles differ only in name.
macro_rules! ed25519_role {
    ($(#[$sdoc:meta])* $secret:ident, $(#[$pdoc:meta])* $public:ident) => {
        $(#[$sdoc])*
        pub struct $secret {
            key: SigningKey,
        }

        impl $secret {
            /// A new random key.
            pub fn generate(rng: &mut impl CryptoRng) -> Self {
                Self { key: SigningKey::generate(rng) }
            }

            /// Restores a key from its 32 secret bytes (the Ed25519 seed).
            pub fn from_secret_bytes(secret: &[u8; 32]) -> Self {
                Self { key: SigningKey::from_bytes(secret) }
            }

            /// The 32 secret bytes, for the encrypted store or keychain only.
            pub fn secret_bytes(&self) -> Zeroizing<[u8; 32]> {
                Zeroizing::new(self.key.to_bytes())
            }

            /// The public half.
            pub fn public(&self) -> $public {
                $public { key: self.key.verifying_key() }
            }

            pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
                self.key.sign(message).to_bytes()
            }
        }

        impl fmt::Debug for $secret {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}(key_id {}, secret redacted)", stringify!($secret), self.public().key_id())
            }
        }

        $(#[$pdoc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $public {
            key: VerifyingKey,
        }

        impl $public {
            /// Reads a public key from its 32 bytes; refuses invalid and small-order points.
            pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self, SealError> {
                Ok(Self { key: parse_ed25519(bytes)? })
            }

            /// Reads a public key from unpadded base64url.
            pub fn from_base64url(text: &str) -> Result<Self, SealError> {
                Self::from_bytes(&b64_decode_array::<32>("public_key", text)?)
            }

            /// The 32 public key bytes.
            pub fn to_bytes(&self) -> [u8; 32] {
                self.key.to_bytes()
            }

            /// The key as unpadded base64url.
            pub fn to_base64url(&self) -> String {
                b64_encode(self.key.as_bytes())
            }

            /// The derived key id.
            pub fn key_id(&self) -> KeyId {
                KeyId::derive(ALG_ED25519, self.key.as_bytes())
            }

            pub(crate) fn verify(&self, message: &[u8], signature: &[u8; 64]) -> Result<(), SealError> {
                verify_ed25519(&self.key, message, signature)
            }
        }

        impl fmt::Debug for $public {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($public), self.to_base64url())
            }
        }

        impl Serialize for $public {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.to_base64url())
            }
        }

        impl<'de> Deserialize<'de> for $public {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                Self::from_base64url(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

ed25519_role!(
    /// The tenant's root key (Ed25519). It signs the recipient list and nothing else; it is
    /// kept offline, and its public half is pinned by every device at enrolment.
    TenantRootKey,
    /// The public half of the tenant's root key, pinned by devices at enrolment.
    TenantRootPublicKey
);

ed25519_role!(
    /// The server's receipt key (Ed25519). The server signs a receipt for each envelope it
    /// stored; only a receipt marks a revision as synced.
    ServerKey,
    /// The public half of the server's receipt key.
    ServerPublicKey
);

/// A device's signing key (Ed25519), with the device id it is enrolled under. Every envelope
/// the device writes is signed with it.
pub struct DeviceKey {
    device_id: String,
    key: SigningKey,
}

impl DeviceKey {
    /// A new random key for `device_id` (1 to 256 bytes of text, no control characters).
    pub fn generate(device_id: &str, rng: &mut impl CryptoRng) -> Result<Self, SealError> {
        check_text("device_id", device_id)?;
        Ok(DeviceKey {
            device_id: device_id.to_owned(),
            key: SigningKey::generate(rng),
        })
    }

    /// Restores a device key from its 32 secret bytes.
    pub fn from_secret_bytes(device_id: &str, secret: &[u8; 32]) -> Result<Self, SealError> {
        check_text("device_id", device_id)?;
        Ok(DeviceKey {
            device_id: device_id.to_owned(),
            key: SigningKey::from_bytes(secret),
        })
    }

    /// The 32 secret bytes, for the encrypted store or keychain only.
    pub fn secret_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.key.to_bytes())
    }

    /// The device id.
    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// The public half, as the server enrols it.
    pub fn public(&self) -> DevicePublicKey {
        DevicePublicKey {
            device_id: self.device_id.clone(),
            key: self.key.verifying_key(),
        }
    }

    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.key.sign(message).to_bytes()
    }

    /// Signs a statement the device makes outside sync (a supervisor's approval of a plan).
    /// `message` must begin with its own length-prefixed label, as every signed format of
    /// the workspace does, so the signature cannot pass for an envelope's or a request's.
    pub fn sign_statement(&self, message: &[u8]) -> [u8; 64] {
        self.sign(message)
    }
}

impl fmt::Debug for DeviceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DeviceKey({}, secret redacted)", self.device_id)
    }
}

/// An enrolled device's public signing key and its device id. On the wire:
/// `{"device_id": "...", "public_key": "<base64url>"}`.
#[derive(Clone, PartialEq, Eq)]
pub struct DevicePublicKey {
    device_id: String,
    key: VerifyingKey,
}

impl DevicePublicKey {
    /// A device's public key from its id and 32 key bytes.
    pub fn from_bytes(device_id: &str, bytes: &[u8; 32]) -> Result<Self, SealError> {
        check_text("device_id", device_id)?;
        Ok(DevicePublicKey {
            device_id: device_id.to_owned(),
            key: parse_ed25519(bytes)?,
        })
    }

    /// The device id.
    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// The 32 public key bytes.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    /// The key as unpadded base64url.
    pub fn to_base64url(&self) -> String {
        b64_encode(self.key.as_bytes())
    }

    /// The derived key id (the device id is what envelopes name; this is for key directories).
    pub fn key_id(&self) -> KeyId {
        KeyId::derive(ALG_ED25519, self.key.as_bytes())
    }

    pub(crate) fn verify(&self, message: &[u8], signature: &[u8; 64]) -> Result<(), SealError> {
        verify_ed25519(&self.key, message, signature)
    }

    /// Checks a signature made with [`DeviceKey::sign_statement`].
    pub fn verify_statement(&self, message: &[u8], signature: &[u8; 64]) -> Result<(), SealError> {
        self.verify(message, signature)
    }
}

impl fmt::Debug for DevicePublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "DevicePublicKey({}, {})",
            self.device_id,
            self.to_base64url()
        )
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DevicePublicKeyWire {
    device_id: String,
    public_key: String,
}

impl Serialize for DevicePublicKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        DevicePublicKeyWire {
            device_id: self.device_id.clone(),
            public_key: self.to_base64url(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for DevicePublicKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let wire = DevicePublicKeyWire::deserialize(d)?;
        let bytes = b64_decode_array::<32>("public_key", &wire.public_key)
            .map_err(serde::de::Error::custom)?;
        DevicePublicKey::from_bytes(&wire.device_id, &bytes).map_err(serde::de::Error::custom)
    }
}

/// A recipient's HPKE key pair (X25519): a team key of one generation, the tenant's recovery
/// key, or a sealing recipient's key. Whoever holds it can open envelopes wrapped for it.
pub struct RecipientKeyPair {
    secret: <Kem as hpke::Kem>::PrivateKey,
    public: RecipientPublicKey,
}

impl RecipientKeyPair {
    /// A new random key pair.
    pub fn generate(rng: &mut impl CryptoRng) -> Self {
        let (secret, public) = Kem::gen_keypair_with_rng(rng);
        RecipientKeyPair {
            secret,
            public: RecipientPublicKey::from_hpke(public),
        }
    }

    /// Restores a key pair from its 32 secret bytes (an X25519 scalar).
    pub fn from_secret_bytes(secret: &[u8; 32]) -> Self {
        // Every 32-byte string is a valid X25519 secret (it is clamped when used).
        let secret = <Kem as hpke::Kem>::PrivateKey::from_bytes(secret)
            .expect("32 bytes are always an X25519 secret");
        let public = RecipientPublicKey::from_hpke(Kem::sk_to_pk(&secret));
        RecipientKeyPair { secret, public }
    }

    /// The 32 secret bytes, for the encrypted store, the keychain, or the recovery officer's
    /// offline storage only.
    pub fn secret_bytes(&self) -> Zeroizing<[u8; 32]> {
        let mut out = Zeroizing::new([0u8; 32]);
        let mut bytes = self.secret.to_bytes();
        out.copy_from_slice(&bytes);
        zeroize::Zeroize::zeroize(bytes.as_mut_slice());
        out
    }

    /// The public half.
    pub fn public(&self) -> &RecipientPublicKey {
        &self.public
    }

    /// The key id of the public half.
    pub fn key_id(&self) -> &KeyId {
        &self.public.key_id
    }

    pub(crate) fn hpke_secret(&self) -> &<Kem as hpke::Kem>::PrivateKey {
        &self.secret
    }
}

impl fmt::Debug for RecipientKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "RecipientKeyPair(key_id {}, secret redacted)",
            self.public.key_id
        )
    }
}

/// A recipient's public HPKE key with its derived key id. On the wire:
/// `{"key_id": "...", "public_key": "<base64url>"}`; the id is checked against the key.
#[derive(Clone)]
pub struct RecipientPublicKey {
    key: <Kem as hpke::Kem>::PublicKey,
    bytes: [u8; 32],
    key_id: KeyId,
}

impl RecipientPublicKey {
    fn from_hpke(key: <Kem as hpke::Kem>::PublicKey) -> Self {
        let mut bytes = [0u8; 32];
        bytes.copy_from_slice(&key.to_bytes());
        let key_id = KeyId::derive(ALG_X25519, &bytes);
        RecipientPublicKey { key, bytes, key_id }
    }

    /// Reads a public key from its 32 bytes.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self, SealError> {
        let key =
            <Kem as hpke::Kem>::PublicKey::from_bytes(bytes).map_err(|_| SealError::InvalidKey)?;
        Ok(Self::from_hpke(key))
    }

    /// Reads a public key from unpadded base64url.
    pub fn from_base64url(text: &str) -> Result<Self, SealError> {
        Self::from_bytes(&b64_decode_array::<32>("public_key", text)?)
    }

    /// The 32 public key bytes.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.bytes
    }

    /// The key as unpadded base64url.
    pub fn to_base64url(&self) -> String {
        b64_encode(&self.bytes)
    }

    /// The derived key id.
    pub fn key_id(&self) -> &KeyId {
        &self.key_id
    }

    pub(crate) fn hpke_public(&self) -> &<Kem as hpke::Kem>::PublicKey {
        &self.key
    }
}

impl PartialEq for RecipientPublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

impl Eq for RecipientPublicKey {}

impl fmt::Debug for RecipientPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RecipientPublicKey({})", self.key_id)
    }
}

/// Wire shape of a recipient public key, shared with the recipient list entries.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RecipientPublicKeyWire {
    pub(crate) key_id: String,
    pub(crate) public_key: String,
}

impl RecipientPublicKeyWire {
    pub(crate) fn from_key(key: &RecipientPublicKey) -> Self {
        RecipientPublicKeyWire {
            key_id: key.key_id.0.clone(),
            public_key: key.to_base64url(),
        }
    }

    pub(crate) fn into_key(self) -> Result<RecipientPublicKey, SealError> {
        let key = RecipientPublicKey::from_base64url(&self.public_key)?;
        if key.key_id.0 != self.key_id {
            return Err(SealError::KeyIdMismatch);
        }
        Ok(key)
    }
}

impl Serialize for RecipientPublicKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        RecipientPublicKeyWire::from_key(self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for RecipientPublicKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        RecipientPublicKeyWire::deserialize(d)?
            .into_key()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::SeedableRng;

    #[test]
    fn recipient_keys_round_trip_through_secret_bytes_and_json() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
        let pair = RecipientKeyPair::generate(&mut rng);
        let again = RecipientKeyPair::from_secret_bytes(&pair.secret_bytes());
        assert_eq!(pair.public(), again.public());
        assert_eq!(pair.key_id().as_str().len(), 22);

        let json = serde_json::to_string(pair.public()).unwrap();
        let back: RecipientPublicKey = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, pair.public());

        // Another key's id with this key's bytes is refused.
        let other = RecipientKeyPair::generate(&mut rng);
        let forged = format!(
            r#"{{"key_id":"{}","public_key":"{}"}}"#,
            other.key_id(),
            pair.public().to_base64url()
        );
        assert!(serde_json::from_str::<RecipientPublicKey>(&forged).is_err());
    }

    #[test]
    fn signing_keys_do_not_print_secrets_and_round_trip() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(2);
        let root = TenantRootKey::generate(&mut rng);
        let printed = format!("{root:?}");
        assert!(printed.contains("redacted"));
        assert!(!printed.contains(&b64_encode(root.secret_bytes().as_slice())));
        let restored = TenantRootKey::from_secret_bytes(&root.secret_bytes());
        assert_eq!(root.public(), restored.public());
        let parsed = TenantRootPublicKey::from_base64url(&root.public().to_base64url()).unwrap();
        assert_eq!(parsed, root.public());

        let device = DeviceKey::generate("laptop-7", &mut rng).unwrap();
        let json = serde_json::to_string(&device.public()).unwrap();
        let back: DevicePublicKey = serde_json::from_str(&json).unwrap();
        assert_eq!(back, device.public());
    }

    #[test]
    fn small_order_signing_keys_are_refused() {
        // The identity point: every signature with R = identity, S = 0 would verify under it.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert_eq!(
            TenantRootPublicKey::from_bytes(&identity),
            Err(SealError::InvalidKey)
        );
    }
}
