//! Team-key grants (`aankomst-grant/1`): a supervisor's device hands the team key to a newly
//! enrolled device, wrapped with HPKE base mode (the same suite as the envelopes) for the X25519
//! key that device made at enrolment. The server only relays the document.
//!
//! Why no signature: a grant is accepted only if the key it unwraps to is, byte for byte, the
//! team key of the stated generation in the recipient list the device verified under its pinned
//! tenant root ([`TeamKeyGrant::open`]). Nobody without the real team secret key can make a
//! grant that passes, so the granter's identity adds nothing to the device's safety.
//!
//! ```text
//! info = text("aankomst-grant/1") ‖ text(grantee key id)
//! aad  = text("aankomst-grant/1 context") ‖ text(tenant) ‖ text(device_id)
//!      ‖ int(team_generation) ‖ text(grantee key id)
//! (enc, wrapped_team_key) = HPKE.SealBase(grantee public key, info, aad, team secret key)
//! ```

use hpke::aead::ChaCha20Poly1305 as HpkeChaCha20Poly1305;
use hpke::kdf::HkdfSha256;
use hpke::{Deserializable, OpModeR, OpModeS, Serializable};
use rand_core::CryptoRng;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::encoding::{
    b64_decode, b64_decode_array, b64_encode, check_json_int, check_text, parse_tagged, Canonical,
};
use crate::keys::{Kem, KeyId, RecipientKeyPair, RecipientPublicKey};
use crate::recipients::VerifiedRecipientList;
use crate::SealError;

/// The `format` tag of a team-key grant.
pub const GRANT_FORMAT: &str = "aankomst-grant/1";
const LABEL_CONTEXT: &str = "aankomst-grant/1 context";

/// The team secret key of one generation, wrapped for one device.
#[derive(Clone, PartialEq, Eq)]
pub struct TeamKeyGrant {
    tenant: String,
    device_id: String,
    team_generation: u64,
    grantee_key_id: KeyId,
    enc: [u8; 32],
    wrapped_team_key: Vec<u8>,
}

impl std::fmt::Debug for TeamKeyGrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TeamKeyGrant")
            .field("tenant", &self.tenant)
            .field("device_id", &self.device_id)
            .field("team_generation", &self.team_generation)
            .finish_non_exhaustive()
    }
}

fn info(grantee: &KeyId) -> Vec<u8> {
    let mut c = Canonical::new(GRANT_FORMAT);
    c.text(grantee.as_str());
    c.finish()
}

fn context(tenant: &str, device_id: &str, generation: u64, grantee: &KeyId) -> Vec<u8> {
    let mut c = Canonical::new(LABEL_CONTEXT);
    c.text(tenant)
        .text(device_id)
        .int(generation)
        .text(grantee.as_str());
    c.finish()
}

impl TeamKeyGrant {
    /// Wraps `team` (the team key of `team_generation`) for `device_id`'s X25519 key `grantee`.
    pub fn wrap(
        rng: &mut impl CryptoRng,
        tenant: &str,
        device_id: &str,
        team_generation: u64,
        team: &RecipientKeyPair,
        grantee: &RecipientPublicKey,
    ) -> Result<Self, SealError> {
        check_text("tenant", tenant)?;
        check_text("device_id", device_id)?;
        check_json_int("team_generation", team_generation)?;
        let grantee_key_id = grantee.key_id().clone();
        let secret = team.secret_bytes();
        let (enc, wrapped) =
            hpke::single_shot_seal_with_rng::<HpkeChaCha20Poly1305, HkdfSha256, Kem>(
                &OpModeS::Base,
                grantee.hpke_public(),
                &info(&grantee_key_id),
                secret.as_slice(),
                &context(tenant, device_id, team_generation, &grantee_key_id),
                rng,
            )
            .map_err(|_| SealError::InvalidKey)?;
        let enc_bytes = enc.to_bytes();
        let mut enc = [0u8; 32];
        enc.copy_from_slice(&enc_bytes);
        Ok(TeamKeyGrant {
            tenant: tenant.to_owned(),
            device_id: device_id.to_owned(),
            team_generation,
            grantee_key_id,
            enc,
            wrapped_team_key: wrapped,
        })
    }

    /// The tenant.
    pub fn tenant(&self) -> &str {
        &self.tenant
    }

    /// The device the grant is for.
    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// The team key generation granted.
    pub fn team_generation(&self) -> u64 {
        self.team_generation
    }

    /// Unwraps the team key with the device's own X25519 key and accepts it only if its public
    /// key is the team key of the grant's generation in `list` (current or previous), a list
    /// the device verified under its pinned root. Any other key is refused
    /// ([`SealError::GrantNotInList`]): nothing is ever encrypted to or trusted from a key
    /// outside the signed list.
    pub fn open(
        &self,
        grantee: &RecipientKeyPair,
        device_id: &str,
        list: &VerifiedRecipientList,
    ) -> Result<RecipientKeyPair, SealError> {
        if self.tenant != list.tenant {
            return Err(SealError::TenantMismatch {
                found: self.tenant.clone(),
                expected: list.tenant.clone(),
            });
        }
        if self.device_id != device_id || &self.grantee_key_id != grantee.key_id() {
            return Err(SealError::NotARecipient);
        }
        let enc = <Kem as hpke::Kem>::EncappedKey::from_bytes(&self.enc)
            .map_err(|_| SealError::KeyUnwrapFailed)?;
        let opened = Zeroizing::new(
            hpke::single_shot_open::<HpkeChaCha20Poly1305, HkdfSha256, Kem>(
                &OpModeR::Base,
                grantee.hpke_secret(),
                &enc,
                &info(&self.grantee_key_id),
                &self.wrapped_team_key,
                &context(
                    &self.tenant,
                    &self.device_id,
                    self.team_generation,
                    &self.grantee_key_id,
                ),
            )
            .map_err(|_| SealError::KeyUnwrapFailed)?,
        );
        let secret: Zeroizing<[u8; 32]> = Zeroizing::new(
            opened
                .as_slice()
                .try_into()
                .map_err(|_| SealError::KeyUnwrapFailed)?,
        );
        let team = RecipientKeyPair::from_secret_bytes(&secret);
        let expected = std::iter::once(&list.team)
            .chain(list.previous_team.iter())
            .find(|t| t.generation == self.team_generation)
            .ok_or(SealError::GrantNotInList)?;
        if &expected.key != team.public() {
            return Err(SealError::GrantNotInList);
        }
        Ok(team)
    }

    /// The wire form (JSON).
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(&GrantWire {
            format: GRANT_FORMAT.to_owned(),
            tenant: self.tenant.clone(),
            device_id: self.device_id.clone(),
            team_generation: self.team_generation,
            grantee_key_id: self.grantee_key_id.to_string(),
            enc: b64_encode(&self.enc),
            wrapped_team_key: b64_encode(&self.wrapped_team_key),
        })
        .expect("a grant always serialises")
    }

    /// Parses the wire form; refuses unknown versions, missing and extra fields.
    pub fn from_json(json: &[u8]) -> Result<Self, SealError> {
        let w: GrantWire = parse_tagged(json, GRANT_FORMAT)?;
        check_text("tenant", &w.tenant)?;
        check_text("device_id", &w.device_id)?;
        check_json_int("team_generation", w.team_generation)?;
        let wrapped_team_key = b64_decode("wrapped_team_key", &w.wrapped_team_key)?;
        if wrapped_team_key.len() != 48 {
            return Err(SealError::InvalidField {
                field: "wrapped_team_key",
                reason: "wrong length",
            });
        }
        Ok(TeamKeyGrant {
            tenant: w.tenant,
            device_id: w.device_id,
            team_generation: w.team_generation,
            grantee_key_id: KeyId::parse("grantee_key_id", &w.grantee_key_id)?,
            enc: b64_decode_array("enc", &w.enc)?,
            wrapped_team_key,
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct GrantWire {
    format: String,
    tenant: String,
    device_id: String,
    team_generation: u64,
    grantee_key_id: String,
    enc: String,
    wrapped_team_key: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RecipientList, RecipientListPin, TeamKey, TenantRootKey};
    use std::collections::BTreeMap;

    fn list(
        team: &RecipientKeyPair,
        root: &TenantRootKey,
    ) -> (VerifiedRecipientList, RecipientKeyPair) {
        let mut rng = crate::system_rng();
        let recovery = RecipientKeyPair::generate(&mut rng);
        let signed = RecipientList {
            tenant: "t".into(),
            generation: 1,
            team: TeamKey {
                generation: 3,
                key: team.public().clone(),
            },
            previous_team: vec![],
            recovery: recovery.public().clone(),
            sealing: BTreeMap::new(),
        }
        .sign(root)
        .unwrap();
        let mut pin = RecipientListPin::new("t", root.public());
        (pin.accept(&signed).unwrap(), recovery)
    }

    #[test]
    fn a_grant_opens_to_the_listed_team_key_and_nothing_else() {
        let mut rng = crate::system_rng();
        let root = TenantRootKey::generate(&mut rng);
        let team = RecipientKeyPair::generate(&mut rng);
        let (verified, recovery) = list(&team, &root);
        let device = RecipientKeyPair::generate(&mut rng);
        let grant = TeamKeyGrant::wrap(&mut rng, "t", "d1", 3, &team, device.public()).unwrap();
        let parsed = TeamKeyGrant::from_json(&grant.to_json()).unwrap();
        assert_eq!(parsed, grant);
        let opened = parsed.open(&device, "d1", &verified).unwrap();
        assert_eq!(opened.public(), team.public());

        // Wrong device id, wrong key, another generation: refused.
        assert!(parsed.open(&device, "d2", &verified).is_err());
        let other = RecipientKeyPair::generate(&mut rng);
        assert!(parsed.open(&other, "d1", &verified).is_err());
        // A key that is not the listed team key (here the recovery key, or a server's own):
        let forged =
            TeamKeyGrant::wrap(&mut rng, "t", "d1", 3, &recovery, device.public()).unwrap();
        assert_eq!(
            forged.open(&device, "d1", &verified).unwrap_err(),
            SealError::GrantNotInList
        );
        let wrong_generation =
            TeamKeyGrant::wrap(&mut rng, "t", "d1", 2, &team, device.public()).unwrap();
        assert_eq!(
            wrong_generation.open(&device, "d1", &verified).unwrap_err(),
            SealError::GrantNotInList
        );
    }
}
