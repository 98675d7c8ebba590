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

use aankomst_core::authority::{check_administration_revision, AdministrationOrigin, Delivered};
use aankomst_core::records::{view, Administration};
use aankomst_core::revision::RecordState;
use aankomst_core::sealing::SealingRule;
use aankomst_core::Revision;
use aankomst_instruments::score::{FlagState, ScoreResult};
use aankomst_instruments::{FlagKind, Registry};
use aankomst_protocol::sealed_export::{SealedExport, SEALED_EXPORT_FORMAT};
use aankomst_seal::{
    Audience, DeviceCertificate, DeviceKey, DevicePublicKey, DeviceRole, Envelope, Issuer, Opener,
    RecipientKeyPair, RecipientList, RecipientListPin, SealError, SignedPolicy,
    SignedRecipientList, Statement, TeamKey, TenantRootKey, TenantRootPublicKey, TrustDirectory,
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
    /// The device that started the administration (the only one whose revisions count).
    pub created_by: String,
    /// Revisions that made this administration.
    pub revisions: usize,
    /// Every revision of it in the export, in order, with the device that wrote it and
    /// whether it was taken or refused.
    pub history: Vec<RevisionOutcome>,
}

/// One revision of an administration as the reader dealt with it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RevisionOutcome {
    pub revision_id: String,
    /// The device that wrote (and signed) it.
    pub author_device: String,
    /// Its clock (`<wall ms>:<counter>:<device>`).
    pub hlc: String,
    /// `None` when taken; otherwise why it was refused (DESIGN §4.12: only the device that
    /// started an administration writes it, and what its first revision fixed stays).
    pub refused: Option<String>,
}

/// What opening an export gave.
#[derive(Debug, Default, serde::Serialize)]
pub struct ReaderReport {
    pub administrations: Vec<OpenedAdministration>,
    /// Envelopes whose signature did not verify, whose author has no valid certificate, whose
    /// recipients are not exactly the sealing and recovery keys, or whose revision names
    /// another record or author than the envelope: not opened, or not used.
    pub refused: usize,
    /// Envelopes not sealed for this key (should not be in an export): not opened.
    pub not_for_us: usize,
    /// Revisions that opened but break who may write an administration (a colleague's
    /// device writing into another's, a changed definition or seal, a first revision that is
    /// not one): not applied. Each is also in its administration's `history` when that
    /// administration's first revision is in the export.
    pub refused_revisions: Vec<RefusedRevision>,
}

/// A revision refused under the write rules, with its author.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RefusedRevision {
    pub administration_id: String,
    pub revision_id: String,
    pub author_device: String,
    pub reason: String,
}

/// The tenant's devices as the export's certificates and statements prove them under the root
/// key the reader holds. Documents that do not parse or do not chain are left out (an author
/// they would have vouched for is then refused): the server's word adds nothing.
fn verified_directory(export: &SealedExport, tenant_root: &TenantRootPublicKey) -> TrustDirectory {
    let certificates: Vec<DeviceCertificate> = export
        .certificates
        .iter()
        .filter_map(|raw| DeviceCertificate::from_json(raw.get().as_bytes()).ok())
        .collect();
    let statements: Vec<Statement> = export
        .statements
        .iter()
        .filter_map(|raw| Statement::from_json(raw.get().as_bytes()).ok())
        .collect();
    let (directory, _refused) = TrustDirectory::build(
        &export.tenant,
        tenant_root.clone(),
        &certificates,
        &statements,
    );
    directory
}

/// Opens an export with the GGD's key, after checking the recipient list against the tenant
/// root key (given on paper, never from the server) and that the GGD's key is the list's
/// sealing key. Each envelope's author key comes from the export's device certificates and
/// statements as they verify under that same root (DESIGN §4.11): a device the server invented,
/// promoted or kept after its revocation has no valid certificate, and its envelopes are
/// refused, however well they are signed.
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
    let directory = verified_directory(export, tenant_root);
    let wanted = Audience::Sealed {
        recipient: export.recipient.clone(),
    };
    let mut opener = Opener::new([key]);
    let mut report = ReaderReport::default();
    let mut opened: Vec<Revision> = Vec::new();
    for raw in &export.envelopes {
        let Ok(envelope) = Envelope::from_json(raw.get().as_bytes()) else {
            report.refused += 1;
            continue;
        };
        if envelope.audience() != &wanted || envelope.tenant() != export.tenant {
            report.not_for_us += 1;
            continue;
        }
        let Ok(author) = directory.author_key(envelope.author_device()) else {
            report.refused += 1;
            continue;
        };
        // docs/envelope-format.md §4.8: the stanzas must be exactly the sealing key and the
        // recovery key. A well-signed "sealed" envelope also wrapped for the team key was
        // readable by the whole team: it is not the sealed record the GGD is promised.
        if envelope.check_recipients(&list).is_err() {
            report.refused += 1;
            continue;
        }
        let plaintext = match opener.open(&envelope, author) {
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
        // The content must be what the signed clear metadata says (an author cannot label one
        // revision as another's).
        match serde_json::from_slice::<Revision>(plaintext.as_bytes()) {
            Ok(rev)
                if rev.record_id.to_string() == envelope.record_id()
                    && rev.rev_id.to_string() == envelope.revision_id()
                    && rev.author_device == envelope.author_device()
                    && rev.kind.as_str() == envelope.record_kind() =>
            {
                opened.push(rev)
            }
            _ => report.refused += 1,
        }
    }
    // The same write rules as every laptop (one code path: aankomst_core::authority), in the
    // export's order (the server's sequence, in which a creator's first revision comes before
    // anything written after it).
    // The built-in default policy's sealed set (every clinical screening instrument, as the
    // laptops seal them until the tenant publishes a policy).
    let rule = SealingRule::from_policy_and(
        &aankomst_core::policy::Policy::default(),
        std::iter::empty::<String>(),
    );
    let delivered = Delivered::SealedFor(export.recipient.clone());
    let mut origins: BTreeMap<String, AdministrationOrigin> = BTreeMap::new();
    let mut by_record: BTreeMap<String, Vec<Revision>> = BTreeMap::new();
    let mut history: BTreeMap<String, Vec<RevisionOutcome>> = BTreeMap::new();
    for rev in opened {
        let id = rev.record_id.to_string();
        let checked = if rev.kind == aankomst_core::RecordKind::Administration {
            check_administration_revision(origins.get(&id), &rev, &rule, &delivered)
        } else {
            // Only administrations are ever sealed.
            Err(aankomst_core::authority::AuthorityError::WrongAudience)
        };
        let outcome = RevisionOutcome {
            revision_id: rev.rev_id.to_string(),
            author_device: rev.author_device.clone(),
            hlc: rev.hlc.to_string(),
            refused: checked.as_ref().err().map(|e| e.to_string()),
        };
        match checked {
            Ok(origin) => {
                origins.insert(id.clone(), origin);
                by_record.entry(id.clone()).or_default().push(rev);
            }
            Err(e) => report.refused_revisions.push(RefusedRevision {
                administration_id: id.clone(),
                revision_id: outcome.revision_id.clone(),
                author_device: outcome.author_device.clone(),
                reason: e.to_string(),
            }),
        }
        history.entry(id).or_default().push(outcome);
    }
    for (id, revisions) in by_record {
        let state = RecordState::from_revisions(&revisions);
        let admin: Administration = view(&state.fields);
        let score = aankomst_app::score_stored(registry, &state.fields);
        report.administrations.push(OpenedAdministration {
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
            created_by: origins
                .get(&id)
                .map(|o| o.creator_device.clone())
                .unwrap_or_default(),
            revisions: revisions.len(),
            history: history.remove(&id).unwrap_or_default(),
            administration_id: id,
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

    /// An export as a hostile colleague and server could make it: one honest sealed K10
    /// revision, one "sealed" envelope wrapped for the team key, one envelope whose revision
    /// names another author than the device that signed it.
    #[test]
    fn the_reader_refuses_sealed_envelopes_wrapped_for_others_passed_off_as_another_devices_or_by_uncertified_authors(
    ) {
        use aankomst_seal::{DeviceKey, Revision as Rev, Sealer};
        let mut rng = aankomst_seal::system_rng();
        let ggd = RecipientKeyPair::generate(&mut rng);
        let c = ceremony(
            "gemeente-zwolle",
            BTreeMap::from([("ggd".to_owned(), ggd.public().clone())]),
        )
        .unwrap();
        let list = RecipientListPin::new("gemeente-zwolle", c.root.public())
            .accept(&c.signed_list)
            .unwrap();
        let device = DeviceKey::generate("laptop-1", &mut rng).unwrap();
        let revision = |author: &str, id: &str| {
            serde_json::json!({
                "rev_id": id,
                "record_id": "0190c1d2-7a3b-7c4d-8e5f-00000000c0de",
                "kind": "administration",
                "parents": [],
                "author_user": "u",
                "author_device": author,
                "hlc": "001795000000000:000000:laptop-1",
                "fields": {"definition_id": "k10-nl", "sealed_for": "ggd", "status": "in_progress"},
            })
            .to_string()
        };
        let seal = |list: &aankomst_seal::VerifiedRecipientList, plaintext: &str, rev_id: &str| {
            Sealer::new(
                list,
                Audience::Sealed {
                    recipient: "ggd".into(),
                },
                &device,
            )
            .unwrap()
            .seal(
                &mut aankomst_seal::system_rng(),
                &Rev {
                    record_id: "0190c1d2-7a3b-7c4d-8e5f-00000000c0de",
                    record_kind: "administration",
                    revision_id: rev_id,
                    hlc: "001795000000000:000000:laptop-1",
                    parents: &[],
                    plaintext: plaintext.as_bytes(),
                },
            )
            .unwrap()
        };
        let honest = seal(
            &list,
            &revision("laptop-1", "0190c1d2-7a3b-7c4d-8e5f-000000000001"),
            "0190c1d2-7a3b-7c4d-8e5f-000000000001",
        );
        let impostor = seal(
            &list,
            &revision("laptop-2", "0190c1d2-7a3b-7c4d-8e5f-000000000002"),
            "0190c1d2-7a3b-7c4d-8e5f-000000000002",
        );
        // A list of the colleague's own making, whose "ggd" key is the team key.
        let fake_root = TenantRootKey::generate(&mut rng);
        let mut fake = (*list).clone();
        fake.team.key = RecipientKeyPair::generate(&mut rng).public().clone();
        fake.sealing.insert("ggd".into(), c.team.public().clone());
        let fake = RecipientListPin::new("gemeente-zwolle", fake_root.public())
            .accept(&fake.sign(&fake_root).unwrap())
            .unwrap();
        let leaky = seal(
            &fake,
            &revision("laptop-1", "0190c1d2-7a3b-7c4d-8e5f-000000000003"),
            "0190c1d2-7a3b-7c4d-8e5f-000000000003",
        );
        // A device only the server vouches for: its certificate is signed by a key that does
        // not chain to the root (what a compromised server can make), its envelope well signed.
        let stray = DeviceKey::generate("laptop-3", &mut rng).unwrap();
        let unchained = DeviceCertificate::issue(
            Issuer::Device(&DeviceKey::generate("server-made", &mut rng).unwrap()),
            "gemeente-zwolle",
            &stray.public(),
            DeviceRole::Supervisor,
            1,
        )
        .unwrap();
        let from_stray = Sealer::new(
            &list,
            Audience::Sealed {
                recipient: "ggd".into(),
            },
            &stray,
        )
        .unwrap()
        .seal(
            &mut aankomst_seal::system_rng(),
            &Rev {
                record_id: "0190c1d2-7a3b-7c4d-8e5f-00000000beef",
                record_kind: "administration",
                revision_id: "0190c1d2-7a3b-7c4d-8e5f-000000000004",
                hlc: "001795000000000:000000:laptop-3",
                parents: &[],
                plaintext: revision("laptop-3", "0190c1d2-7a3b-7c4d-8e5f-000000000004")
                    .replace("00000000c0de", "00000000beef")
                    .as_bytes(),
            },
        )
        .unwrap();
        let raw = |json: Vec<u8>| {
            serde_json::value::RawValue::from_string(String::from_utf8(json).unwrap()).unwrap()
        };
        let certified = certify(
            &c.root,
            "gemeente-zwolle",
            "laptop-1",
            &device.public().to_base64url(),
            DeviceRole::Counsellor,
            1,
        )
        .unwrap();
        let export = SealedExport {
            format: SEALED_EXPORT_FORMAT.into(),
            tenant: "gemeente-zwolle".into(),
            recipient: "ggd".into(),
            recipient_list: raw(c.signed_list.to_json()),
            certificates: vec![raw(certified.to_json()), raw(unchained.to_json())],
            statements: Vec::new(),
            envelopes: vec![
                raw(honest.to_json()),
                raw(leaky.to_json()),
                raw(impostor.to_json()),
                raw(from_stray.to_json()),
            ],
            last_sequence: 4,
        };
        let report = open_sealed_export(
            &export,
            &c.root.public(),
            &ggd,
            &Registry::with_shipped().unwrap(),
        )
        .unwrap();
        assert_eq!(
            report.refused, 3,
            "the leaky, the impostor and the uncertified author"
        );
        assert_eq!(report.administrations.len(), 1);
        assert_eq!(report.administrations[0].revisions, 1);
        assert_eq!(report.administrations[0].created_by, "laptop-1");
        // The same export with the honest author's certificate left out: nothing opens.
        let mut bare = export;
        bare.certificates.clear();
        let report = open_sealed_export(
            &bare,
            &c.root.public(),
            &ggd,
            &Registry::with_shipped().unwrap(),
        )
        .unwrap();
        assert_eq!((report.refused, report.administrations.len()), (4, 0));
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
