//! A tenant with all its keys, made from a fixed seed so failures reproduce.
#![allow(dead_code)]

use std::collections::BTreeMap;

use aankomst_seal::rand_core::SeedableRng;
use aankomst_seal::*;
use rand_chacha::ChaCha20Rng;

pub const TENANT: &str = "gemeente-utrecht";

pub struct Tenant {
    pub rng: ChaCha20Rng,
    pub root: TenantRootKey,
    pub team: RecipientKeyPair,
    pub recovery: RecipientKeyPair,
    pub ggd: RecipientKeyPair,
    pub device: DeviceKey,
    pub colleague: DeviceKey,
    pub signed: SignedRecipientList,
    pub list: VerifiedRecipientList,
    pub pin: RecipientListPin,
}

impl Tenant {
    pub fn new(seed: u64) -> Tenant {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let root = TenantRootKey::generate(&mut rng);
        let team = RecipientKeyPair::generate(&mut rng);
        let recovery = RecipientKeyPair::generate(&mut rng);
        let ggd = RecipientKeyPair::generate(&mut rng);
        let device = DeviceKey::generate("laptop-azc-1", &mut rng).unwrap();
        let colleague = DeviceKey::generate("laptop-azc-2", &mut rng).unwrap();
        let signed = list(1, &team, &[], &recovery, &ggd).sign(&root).unwrap();
        let mut pin = RecipientListPin::new(TENANT, root.public());
        let list = pin.accept(&signed).unwrap();
        Tenant {
            rng,
            root,
            team,
            recovery,
            ggd,
            device,
            colleague,
            signed,
            list,
            pin,
        }
    }

    pub fn seal(&mut self, audience: Audience, plaintext: &[u8]) -> Envelope {
        Sealer::new(&self.list, audience, &self.device)
            .unwrap()
            .seal(&mut self.rng, &revision(plaintext))
            .unwrap()
    }
}

/// A recipient list of `generation` with the given current team key and older team keys.
pub fn list(
    generation: u64,
    team: &RecipientKeyPair,
    previous: &[(u64, &RecipientKeyPair)],
    recovery: &RecipientKeyPair,
    ggd: &RecipientKeyPair,
) -> RecipientList {
    RecipientList {
        tenant: TENANT.into(),
        generation,
        team: TeamKey {
            generation: previous.len() as u64 + 1,
            key: team.public().clone(),
        },
        previous_team: previous
            .iter()
            .map(|(g, k)| TeamKey {
                generation: *g,
                key: k.public().clone(),
            })
            .collect(),
        recovery: recovery.public().clone(),
        sealing: BTreeMap::from([("ggd".to_owned(), ggd.public().clone())]),
    }
}

pub fn revision(plaintext: &[u8]) -> Revision<'_> {
    Revision {
        record_id: "0190c1d2-7a3b-7c4d-8e5f-000000000001",
        record_kind: "administration",
        revision_id: "rev-1",
        hlc: "0000018f2a3b4c5d-0000-laptop-azc-1",
        parents: &[],
        plaintext,
    }
}

pub fn sealed_for_ggd() -> Audience {
    Audience::Sealed {
        recipient: "ggd".into(),
    }
}

/// Parses an envelope's JSON, lets `edit` change it, and parses it back.
pub fn edit_json(envelope: &Envelope, edit: impl FnOnce(&mut serde_json::Value)) -> Envelope {
    let mut value: serde_json::Value = serde_json::from_slice(&envelope.to_json()).unwrap();
    edit(&mut value);
    Envelope::from_json(&serde_json::to_vec(&value).unwrap()).unwrap()
}

/// Flips one bit in the middle of a base64url field (`pointer` as in JSON Pointer).
pub fn flip_bit(value: &mut serde_json::Value, pointer: &str) {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let field = value.pointer_mut(pointer).expect("field exists");
    let mut bytes = URL_SAFE_NO_PAD.decode(field.as_str().unwrap()).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    *field = URL_SAFE_NO_PAD.encode(bytes).into();
}
