//! Offline key tools, apart from the app and the server because their secrets must never be
//! on either:
//!
//! - the **key ceremony** of a municipality ([`ceremony`]): its tenant root key, team key and
//!   recovery key, and the recipient list signed by the root (team, recovery and the GGD's
//!   sealing key), which IT registers on the server;
//! - the **GGD reader** ([`open_sealed_export`]): opens what was sealed for the GGD — the K10
//!   the counsellor could not read — from the export the server's IT admin makes
//!   (`aankomst-server export-sealed`), and nothing else: envelopes not sealed for the GGD's
//!   key cannot be opened with it.
//! - the **first certificates** ([`certify`]): at the ceremony the root certifies the first
//!   supervisor's device key (and any functional administrator's signing key);
//! - the **municipal policy** ([`sign_policy`]): its canonical content, signed by the root or
//!   a certified administrator or supervisor key.

use aankomst_core::records::{view, Administration};
use aankomst_core::revision::RecordState;
use aankomst_core::Revision;
use aankomst_instruments::score::{FlagState, ScoreResult};
use aankomst_instruments::{FlagKind, Registry};
use aankomst_protocol::sealed_export::{SealedExport, SEALED_EXPORT_FORMAT};
use aankomst_seal::{
    Audience, DeviceCertificate, DeviceKey, DevicePublicKey, DeviceRole, Envelope, Issuer, Opener,
    RecipientKeyPair, RecipientList, RecipientListPin, SealError, SignedPolicy,
    SignedRecipientList, TeamKey, TenantRootKey, TenantRootPublicKey,
};
use std::collections::BTreeMap;

/// What a municipality's key ceremony makes.
pub struct Ceremony {
    pub root: TenantRootKey,
    pub team: RecipientKeyPair,
    pub recovery: RecipientKeyPair,
    pub signed_list: SignedRecipientList,
}

/// Makes a tenant's keys and its first recipient list (generation 1), with `sealing` as the
/// sealing recipients (`ggd` → the GGD's public key, which the GGD made with
/// `aankomst-ggd keygen`).
pub fn ceremony(
    tenant: &str,
    sealing: BTreeMap<String, aankomst_seal::RecipientPublicKey>,
) -> Result<Ceremony, SealError> {
    let mut rng = aankomst_seal::system_rng();
    let root = TenantRootKey::generate(&mut rng);
    let team = RecipientKeyPair::generate(&mut rng);
    let recovery = RecipientKeyPair::generate(&mut rng);
    let signed_list = RecipientList {
        tenant: tenant.to_owned(),
        generation: 1,
        team: TeamKey {
            generation: 1,
            key: team.public().clone(),
        },
        previous_team: Vec::new(),
        recovery: recovery.public().clone(),
        sealing,
    }
    .sign(&root)?;
    Ok(Ceremony {
        root,
        team,
        recovery,
        signed_list,
    })
}

/// A new team key after a laptop was revoked (DESIGN §4.9): the current list, verified with the
/// root key, becomes the next generation with a fresh team key; the old team key moves to
/// `previous_team` so envelopes sealed before can still be read by devices that hold it. The
/// new key reaches laptops as before: a supervisor enters it and grants it to each device.
pub fn rotate_team(
    current: &SignedRecipientList,
    root: &TenantRootKey,
) -> Result<(RecipientKeyPair, SignedRecipientList), SealError> {
    let verified = RecipientListPin::new(current.tenant(), root.public()).accept(current)?;
    let mut list: RecipientList = (*verified).clone();
    let team = RecipientKeyPair::generate(&mut aankomst_seal::system_rng());
    list.previous_team.insert(0, list.team.clone());
    list.team = TeamKey {
        generation: list.team.generation + 1,
        key: team.public().clone(),
    };
    list.generation += 1;
    Ok((team, list.sign(root)?))
}

/// Certifies `device_id`'s Ed25519 public key (base64url, as the app shows it) with `role`
/// for `tenant`, signed by the tenant root key. Used at the ceremony for the first supervisor
/// and for functional administrators (whom only the root may certify).
pub fn certify(
    root: &TenantRootKey,
    tenant: &str,
    device_id: &str,
    device_public_key: &str,
    role: DeviceRole,
    issued_at_ms: u64,
) -> Result<DeviceCertificate, SealError> {
    let bytes = base64_32(device_public_key).ok_or(SealError::InvalidKey)?;
    let device = DevicePublicKey::from_bytes(device_id, &bytes)?;
    DeviceCertificate::issue(Issuer::Root(root), tenant, &device, role, issued_at_ms)
}

/// Why a policy could not be signed.
#[derive(Debug, thiserror::Error)]
pub enum PolicySignError {
    #[error("the policy file is not JSON of the policy's shape: {0}")]
    Shape(String),
    #[error("the policy breaks a rule: {0}")]
    Invalid(#[from] aankomst_core::policy::PolicyError),
    #[error("the signing key is not the key of the certificate given")]
    KeyNotCertified,
    #[error("the certificate's role may not sign a policy")]
    RoleMayNotSign,
    #[error(transparent)]
    Seal(#[from] SealError),
}

/// Who signs a policy: the root, or a device key with its certificate (an administrator or a
/// supervisor; the certificate must be for this very key).
pub enum PolicySigner<'a> {
    Root(&'a TenantRootKey),
    Certified(&'a DeviceKey, &'a DeviceCertificate),
}

/// Reads a policy (JSON in any spelling, every field present, no unknown field), checks its
/// rules, and signs its canonical text as `version` of `tenant`'s policy.
pub fn sign_policy(
    signer: PolicySigner<'_>,
    tenant: &str,
    version: u64,
    issued_at_ms: u64,
    policy_json: &[u8],
) -> Result<SignedPolicy, PolicySignError> {
    let value: serde_json::Value =
        serde_json::from_slice(policy_json).map_err(|e| PolicySignError::Shape(e.to_string()))?;
    let canonical = aankomst_core::canonical::canonical_json(&value);
    // The strict reader is the one the laptops use: what it refuses is never signed.
    let policy = aankomst_core::policy::Policy::from_canonical_json(&canonical)?;
    let content = policy.to_canonical_json()?;
    let issuer = match signer {
        PolicySigner::Root(root) => Issuer::Root(root),
        PolicySigner::Certified(key, cert) => {
            if cert.device_key() != &key.public() || cert.tenant() != tenant {
                return Err(PolicySignError::KeyNotCertified);
            }
            if !cert.role().may_sign_policy() {
                return Err(PolicySignError::RoleMayNotSign);
            }
            Issuer::Device(key)
        }
    };
    Ok(SignedPolicy::sign(
        issuer,
        tenant,
        version,
        issued_at_ms,
        &content,
    )?)
}

/// Why an export was refused as a whole.
#[derive(Debug, thiserror::Error)]
pub enum ReaderError {
    #[error("this is not an Aankomst sealed export")]
    NotAnExport,
    #[error("the recipient list is not signed by the tenant root key you were given: {0}")]
    ListRefused(SealError),
    #[error("your key is not the list's sealing key `{0}`: this export is not for you")]
    NotOurKey(String),
}

/// One opened administration, as the GGD reads it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct OpenedAdministration {
    pub administration_id: String,
    pub client_id: Option<String>,
    pub definition_id: Option<String>,
    pub definition_version: Option<String>,
    pub status: Option<String>,
    pub mode: Option<String>,
    pub language: Option<String>,
    pub started_at: Option<String>,
    pub completed_at: Option<String>,
    /// The answers by item concept code (`answer/<code>` fields), as stored.
    pub answers: BTreeMap<String, serde_json::Value>,
    /// "numerator/denominator" or a whole number; none when too many items are missing.
    pub total: Option<String>,
    pub band: Option<String>,
    /// Safety flags that were raised (the counsellor was not shown them: the GGD acts on them).
    pub raised_safety_flags: Vec<String>,
    /// Revisions that made this administration.
    pub revisions: usize,
}

/// What opening an export gave.
#[derive(Debug, Default, serde::Serialize)]
pub struct ReaderReport {
    pub administrations: Vec<OpenedAdministration>,
    /// Envelopes whose signature did not verify or whose author is not in the export: not
    /// opened.
    pub refused: usize,
    /// Envelopes not sealed for this key (should not be in an export): not opened.
    pub not_for_us: usize,
}

/// Opens an export with the GGD's key, after checking the recipient list against the tenant
/// root key (given on paper, never from the server) and that the GGD's key is the list's
/// sealing key. Each envelope's signature is verified against its author's key in the export
/// (the server's device directory: the signature proves the content came from that enrolled
/// device unchanged; a server that invented a device could forge envelopes, which is why the
/// GGD also checks the device list with IT when in doubt).
pub fn open_sealed_export(
    export: &SealedExport,
    tenant_root: &TenantRootPublicKey,
    key: &RecipientKeyPair,
    registry: &Registry,
) -> Result<ReaderReport, ReaderError> {
    if export.format != SEALED_EXPORT_FORMAT {
        return Err(ReaderError::NotAnExport);
    }
    let signed = SignedRecipientList::from_json(export.recipient_list.get().as_bytes())
        .map_err(ReaderError::ListRefused)?;
    let list = RecipientListPin::new(&export.tenant, tenant_root.clone())
        .accept(&signed)
        .map_err(ReaderError::ListRefused)?;
    if list.sealing_recipient(&export.recipient) != Some(key.public()) {
        return Err(ReaderError::NotOurKey(export.recipient.clone()));
    }
    let wanted = Audience::Sealed {
        recipient: export.recipient.clone(),
    };
    let mut opener = Opener::new([key]);
    let mut report = ReaderReport::default();
    let mut by_record: BTreeMap<String, Vec<Revision>> = BTreeMap::new();
    for raw in &export.envelopes {
        let Ok(envelope) = Envelope::from_json(raw.get().as_bytes()) else {
            report.refused += 1;
            continue;
        };
        if envelope.audience() != &wanted || envelope.tenant() != export.tenant {
            report.not_for_us += 1;
            continue;
        }
        let author = export.devices.get(envelope.author_device()).and_then(|k| {
            let bytes = base64_32(k)?;
            DevicePublicKey::from_bytes(envelope.author_device(), &bytes).ok()
        });
        let Some(author) = author else {
            report.refused += 1;
            continue;
        };
        let plaintext = match opener.open(&envelope, &author) {
            Ok(p) => p,
            Err(SealError::NotARecipient) => {
                report.not_for_us += 1;
                continue;
            }
            Err(_) => {
                report.refused += 1;
                continue;
            }
        };
        match serde_json::from_slice::<Revision>(plaintext.as_bytes()) {
            Ok(rev) if rev.record_id.to_string() == envelope.record_id() => by_record
                .entry(envelope.record_id().to_owned())
                .or_default()
                .push(rev),
            _ => report.refused += 1,
        }
    }
    for (id, revisions) in by_record {
        let state = RecordState::from_revisions(&revisions);
        let admin: Administration = view(&state.fields);
        let score = aankomst_app::score_stored(registry, &state.fields);
        report.administrations.push(OpenedAdministration {
            administration_id: id,
            client_id: admin.client_id,
            definition_id: admin.definition_id,
            definition_version: admin.definition_version,
            status: admin.status,
            mode: admin.mode,
            language: admin.language,
            started_at: admin.started_at,
            completed_at: admin.completed_at,
            answers: state
                .fields
                .iter()
                .filter_map(|(k, v)| {
                    k.strip_prefix(aankomst_core::validate::ANSWER_PREFIX)
                        .map(|code| (code.to_owned(), v.clone()))
                })
                .collect(),
            total: score.as_ref().and_then(total_text),
            band: score
                .as_ref()
                .and_then(|s| s.band.as_ref().map(|b| b.code.clone())),
            raised_safety_flags: score.as_ref().map(raised_safety).unwrap_or_default(),
            revisions: revisions.len(),
        });
    }
    Ok(report)
}

fn total_text(score: &ScoreResult) -> Option<String> {
    let t = score.total.as_ref()?;
    Some(if t.denominator == 1 {
        t.numerator.to_string()
    } else {
        format!("{}/{}", t.numerator, t.denominator)
    })
}

fn raised_safety(score: &ScoreResult) -> Vec<String> {
    score
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::Safety && f.state == FlagState::Raised)
        .map(|f| f.id.clone())
        .collect()
}

/// 32 bytes from unpadded base64url (keys as every Aankomst tool writes them).
pub fn base64_32(text: &str) -> Option<[u8; 32]> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text.trim().trim_end_matches('='))
        .ok()?;
    <[u8; 32]>::try_from(bytes.as_slice()).ok()
}

/// Unpadded base64url.
pub fn base64url(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant() -> Ceremony {
        let ggd = RecipientKeyPair::generate(&mut aankomst_seal::system_rng());
        ceremony(
            "gemeente-zwolle",
            BTreeMap::from([("ggd".to_owned(), ggd.public().clone())]),
        )
        .unwrap()
    }

    #[test]
    fn a_ceremony_list_is_accepted_by_a_pin_of_its_root_only() {
        let c = tenant();
        let list = RecipientListPin::new("gemeente-zwolle", c.root.public())
            .accept(&c.signed_list)
            .unwrap();
        assert_eq!(&list.team.key, c.team.public());
        assert_eq!(&list.recovery, c.recovery.public());
        let other = tenant();
        assert!(
            RecipientListPin::new("gemeente-zwolle", other.root.public())
                .accept(&c.signed_list)
                .is_err()
        );
    }

    #[test]
    fn a_rotation_is_the_next_generation_with_the_old_team_key_kept_as_previous() {
        let c = tenant();
        let mut pin = RecipientListPin::new("gemeente-zwolle", c.root.public());
        pin.accept(&c.signed_list).unwrap();
        let (team, next) = rotate_team(&c.signed_list, &c.root).unwrap();
        let list = pin.accept(&next).unwrap();
        assert_eq!(list.generation, 2);
        assert_eq!(list.team.generation, 2);
        assert_eq!(&list.team.key, team.public());
        assert_ne!(team.public(), c.team.public());
        assert_eq!(&list.previous_team[0].key, c.team.public());
        // The sealing recipients and the recovery key do not change.
        assert_eq!(list.sealing.len(), 1);
        assert_eq!(&list.recovery, c.recovery.public());
        // The old list is now a rollback for this pin.
        assert!(pin.accept(&c.signed_list).is_err());
        // Only the tenant's own root can rotate.
        assert!(rotate_team(&c.signed_list, &tenant().root).is_err());
    }
}
