//! The recipient list: which public keys a tenant's envelopes are wrapped for, signed by the
//! tenant's root key.
//!
//! The server hands the list to devices, but a compromised server must not be able to add a key
//! of its own: devices pin the root public key at enrolment and accept only lists it signed
//! ([`RecipientListPin::accept`]). Sealing takes a [`VerifiedRecipientList`], which only
//! `accept` produces, so nothing can be encrypted to an unverified key.
//!
//! Rotation: the list names the *current* team key (new envelopes are wrapped for it) and the
//! older team keys that may still appear in envelopes being read. Each new list has a higher
//! `generation`; a device refuses a list older than the newest it accepted (a rollback would
//! bring back a team key that was rotated out because a device was revoked).

use std::collections::{BTreeMap, HashSet};
use std::ops::Deref;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::encoding::{
    b64_decode_array, b64_encode, check_json_int, check_name, check_text, parse_tagged, Canonical,
};
use crate::keys::{RecipientPublicKey, RecipientPublicKeyWire, TenantRootKey, TenantRootPublicKey};
use crate::SealError;

/// The `format` tag of a signed recipient list.
pub const RECIPIENT_LIST_FORMAT: &str = "aankomst-recipients/1";

const MAX_PREVIOUS_TEAM_KEYS: usize = 64;
const MAX_SEALING_RECIPIENTS: usize = 16;

/// A team key of one rotation generation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamKey {
    /// Rotation generation of the team key (increases at each rotation).
    pub generation: u64,
    /// The public key.
    pub key: RecipientPublicKey,
}

/// The contents of a recipient list, as the tenant's administrator composes it before signing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecipientList {
    /// The tenant (municipality) the list belongs to.
    pub tenant: String,
    /// The list's generation: every new list has a higher one.
    pub generation: u64,
    /// The current team key: new team envelopes are wrapped for it.
    pub team: TeamKey,
    /// Older team keys, still valid for *reading* envelopes sealed before the rotation; never
    /// used for new envelopes. Any order when building; signed newest first.
    pub previous_team: Vec<TeamKey>,
    /// The tenant's offline recovery key: every envelope is wrapped for it as well.
    pub recovery: RecipientPublicKey,
    /// Sealing recipients by name (for example `"ggd"`): a sealed envelope is wrapped for one of
    /// them and the recovery key only.
    pub sealing: BTreeMap<String, RecipientPublicKey>,
}

impl RecipientList {
    /// Checks the list and signs it with the tenant's root key.
    pub fn sign(mut self, root: &TenantRootKey) -> Result<SignedRecipientList, SealError> {
        // Newest first: the canonical order.
        self.previous_team
            .sort_by_key(|t| std::cmp::Reverse(t.generation));
        self.validate()?;
        let signature = root.sign(&self.canonical_bytes());
        Ok(SignedRecipientList {
            list: self,
            signature,
        })
    }

    /// The public key of a sealing recipient, if the list has one by that name.
    pub fn sealing_recipient(&self, name: &str) -> Option<&RecipientPublicKey> {
        self.sealing.get(name)
    }

    fn validate(&self) -> Result<(), SealError> {
        check_text("tenant", &self.tenant)?;
        check_json_int("generation", self.generation)?;
        check_json_int("team.generation", self.team.generation)?;
        if self.previous_team.len() > MAX_PREVIOUS_TEAM_KEYS {
            return Err(SealError::InvalidField {
                field: "previous_team",
                reason: "more than 64 keys",
            });
        }
        let mut above = self.team.generation;
        for old in &self.previous_team {
            if old.generation >= above {
                return Err(SealError::InvalidField {
                    field: "previous_team",
                    reason: "generations must be below the current team key's and distinct",
                });
            }
            above = old.generation;
        }
        if self.sealing.len() > MAX_SEALING_RECIPIENTS {
            return Err(SealError::InvalidField {
                field: "sealing",
                reason: "more than 16 recipients",
            });
        }
        for name in self.sealing.keys() {
            check_name("sealing.name", name)?;
        }
        // One key, one role: a team key that is also the GGD's key would let every team device
        // open sealed envelopes.
        let mut seen = HashSet::new();
        let all = std::iter::once(&self.team.key)
            .chain(self.previous_team.iter().map(|t| &t.key))
            .chain(std::iter::once(&self.recovery))
            .chain(self.sealing.values());
        for key in all {
            if !seen.insert(key.to_bytes()) {
                return Err(SealError::DuplicateKey);
            }
        }
        Ok(())
    }

    /// The canonical bytes the root key signs (see the format document).
    fn canonical_bytes(&self) -> Vec<u8> {
        let mut c = Canonical::new(RECIPIENT_LIST_FORMAT);
        c.text(&self.tenant).int(self.generation);
        c.int(self.team.generation).bytes(&self.team.key.to_bytes());
        c.count(self.previous_team.len());
        for old in &self.previous_team {
            c.int(old.generation).bytes(&old.key.to_bytes());
        }
        c.bytes(&self.recovery.to_bytes());
        c.count(self.sealing.len());
        for (name, key) in &self.sealing {
            c.text(name).bytes(&key.to_bytes());
        }
        c.finish()
    }
}

/// A recipient list with the root key's signature, as it travels. Not yet trusted: pass it to
/// [`RecipientListPin::accept`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedRecipientList {
    list: RecipientList,
    signature: [u8; 64],
}

impl SignedRecipientList {
    /// The tenant the list claims to be for (unverified; for routing only).
    pub fn tenant(&self) -> &str {
        &self.list.tenant
    }

    /// The generation the list claims (unverified; for display only).
    pub fn generation(&self) -> u64 {
        self.list.generation
    }

    /// The wire form (JSON, see the format document).
    pub fn to_json(&self) -> Vec<u8> {
        let l = &self.list;
        let team = |t: &TeamKey| TeamKeyWire {
            generation: t.generation,
            key_id: t.key.key_id().to_string(),
            public_key: t.key.to_base64url(),
        };
        let wire = ListWire {
            format: RECIPIENT_LIST_FORMAT.to_owned(),
            tenant: l.tenant.clone(),
            generation: l.generation,
            team: team(&l.team),
            previous_team: l.previous_team.iter().map(team).collect(),
            recovery: RecipientPublicKeyWire::from_key(&l.recovery),
            sealing: l
                .sealing
                .iter()
                .map(|(name, key)| SealingWire {
                    name: name.clone(),
                    key_id: key.key_id().to_string(),
                    public_key: key.to_base64url(),
                })
                .collect(),
            signature: b64_encode(&self.signature),
        };
        serde_json::to_vec(&wire).expect("a recipient list always serialises")
    }

    /// Parses the wire form; refuses unknown format versions, missing or extra fields, key ids
    /// that do not match their keys, and lists that are not in canonical order.
    pub fn from_json(json: &[u8]) -> Result<Self, SealError> {
        let wire: ListWire = parse_tagged(json, RECIPIENT_LIST_FORMAT)?;
        let team = |w: TeamKeyWire| -> Result<TeamKey, SealError> {
            Ok(TeamKey {
                generation: w.generation,
                key: RecipientPublicKeyWire {
                    key_id: w.key_id,
                    public_key: w.public_key,
                }
                .into_key()?,
            })
        };
        let mut sealing = BTreeMap::new();
        let mut previous_name: Option<String> = None;
        for s in wire.sealing {
            // Canonical order on the wire too: names strictly ascending.
            if previous_name.as_ref().is_some_and(|p| *p >= s.name) {
                return Err(SealError::InvalidField {
                    field: "sealing",
                    reason: "names must be unique and in ascending order",
                });
            }
            previous_name = Some(s.name.clone());
            let key = RecipientPublicKeyWire {
                key_id: s.key_id,
                public_key: s.public_key,
            }
            .into_key()?;
            sealing.insert(s.name, key);
        }
        let list = RecipientList {
            tenant: wire.tenant,
            generation: wire.generation,
            team: team(wire.team)?,
            previous_team: wire
                .previous_team
                .into_iter()
                .map(team)
                .collect::<Result<_, _>>()?,
            recovery: wire.recovery.into_key()?,
            sealing,
        };
        list.validate()?;
        Ok(SignedRecipientList {
            list,
            signature: b64_decode_array("signature", &wire.signature)?,
        })
    }

    /// Checks the signature against the root key; nothing else (no rollback check).
    fn verify_signature(&self, root: &TenantRootPublicKey) -> Result<Vec<u8>, SealError> {
        let bytes = self.list.canonical_bytes();
        root.verify(&bytes, &self.signature)?;
        Ok(bytes)
    }
}

/// A recipient list whose signature was checked against the pinned root key and which is not a
/// rollback. Only [`RecipientListPin::accept`] makes one; sealing requires one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedRecipientList {
    list: RecipientList,
}

impl Deref for VerifiedRecipientList {
    type Target = RecipientList;

    fn deref(&self) -> &RecipientList {
        &self.list
    }
}

/// What a device pins at enrolment — the tenant and its root public key — and the newest
/// recipient list generation it accepted since. The store persists it (it is `Serialize`) and
/// must save it after each successful [`accept`](Self::accept).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientListPin {
    tenant: String,
    root: TenantRootPublicKey,
    accepted: Option<AcceptedList>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AcceptedList {
    generation: u64,
    /// base64url SHA-256 of the accepted list's canonical bytes, to tell a re-fetch of the same
    /// list from a different list claiming the same generation.
    digest: String,
}

impl RecipientListPin {
    /// The pin made at enrolment: no list accepted yet.
    pub fn new(tenant: &str, root: TenantRootPublicKey) -> Self {
        RecipientListPin {
            tenant: tenant.to_owned(),
            root,
            accepted: None,
        }
    }

    /// The pinned root key.
    pub fn root(&self) -> &TenantRootPublicKey {
        &self.root
    }

    /// The newest generation accepted so far.
    pub fn accepted_generation(&self) -> Option<u64> {
        self.accepted.as_ref().map(|a| a.generation)
    }

    /// Accepts a list if it is for the pinned tenant, signed by the pinned root key, and not
    /// older than the newest list accepted before (the same list again is fine; a different one
    /// with the same generation is not). On success the pin remembers the list's generation.
    pub fn accept(
        &mut self,
        signed: &SignedRecipientList,
    ) -> Result<VerifiedRecipientList, SealError> {
        if signed.list.tenant != self.tenant {
            return Err(SealError::TenantMismatch {
                found: signed.list.tenant.clone(),
                expected: self.tenant.clone(),
            });
        }
        let bytes = signed.verify_signature(&self.root)?;
        let digest = b64_encode(&Sha256::digest(&bytes));
        let generation = signed.list.generation;
        if let Some(accepted) = &self.accepted {
            if generation < accepted.generation {
                return Err(SealError::Rollback {
                    offered: generation,
                    accepted: accepted.generation,
                });
            }
            if generation == accepted.generation && digest != accepted.digest {
                return Err(SealError::GenerationConflict(generation));
            }
        }
        self.accepted = Some(AcceptedList { generation, digest });
        Ok(VerifiedRecipientList {
            list: signed.list.clone(),
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListWire {
    format: String,
    tenant: String,
    generation: u64,
    team: TeamKeyWire,
    previous_team: Vec<TeamKeyWire>,
    recovery: RecipientPublicKeyWire,
    sealing: Vec<SealingWire>,
    signature: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamKeyWire {
    generation: u64,
    key_id: String,
    public_key: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SealingWire {
    name: String,
    key_id: String,
    public_key: String,
}
