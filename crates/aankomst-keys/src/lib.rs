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

use aankomst_core::authority::{check_administration_revision, AdministrationOrigin, Delivered};
use aankomst_core::records::{view, Administration};
use aankomst_core::revision::RecordState;
use aankomst_core::sealing::SealingRule;
use aankomst_core::Revision;
use aankomst_instruments::score::{FlagState, ScoreResult};
use aankomst_instruments::{FlagKind, Registry};
use aankomst_protocol::sealed_export::{SealedExport, SEALED_EXPORT_FORMAT};
use aankomst_seal::{
    Audience, DevicePublicKey, Envelope, Opener, RecipientKeyPair, RecipientList, RecipientListPin,
    SealError, SignedRecipientList, TeamKey, TenantRootKey, TenantRootPublicKey,
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
    /// Envelopes whose signature did not verify or whose author is not in the export: not
    /// opened.
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
    let rule = SealingRule::default();
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
