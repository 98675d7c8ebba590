//! Who may write which field of an administration (DESIGN §4.12). A colleague's laptop may be
//! hostile: receivers (the store, the sync engine, the GGD reader) check every revision of an
//! administration against its origin — the first revision, which names the definition — and
//! refuse what breaks these rules, so nothing a colleague writes can unseal or change a
//! client's answers:
//!
//! - the first revision of an administration has no parents and names its definition;
//! - an instrument the sealing rule seals is created sealed for its recipient;
//! - the definition fields and `sealed_for` never change after the first revision;
//! - only the creating device writes answers, safety acknowledgements, the mode and the start;
//! - only the creating device writes anything at all into a sealed administration;
//! - a sealed administration travels only in envelopes sealed for its recipient.

use crate::revision::Revision;
use crate::sealing::SealingRule;
use crate::validate::{ANSWER_PREFIX, SAFETY_ACK_PREFIX};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Fields fixed by the first revision.
pub const IMMUTABLE: [&str; 5] = [
    "definition_id",
    "definition_url",
    "definition_version",
    "definition_hash",
    "sealed_for",
];

/// Fields besides answers and acknowledgements that only the creating device writes.
const CREATOR_ONLY: [&str; 2] = ["mode", "started_at"];

/// Why a revision of an administration was refused. No variant carries a value; `field` is a
/// field name (an answer's concept code at most).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum AuthorityError {
    /// The first revision held of an administration has parents or names no definition.
    #[error("not the first revision of an administration")]
    NotACreation,
    /// An instrument the sealing rule seals was created without its seal.
    #[error("a sealed instrument started without its seal")]
    SealMissing,
    /// A device other than the creator wrote a field only the creator writes. The field name
    /// comes from a revision that may be hostile, so the message (which reaches the log) does
    /// not repeat it.
    #[error("a field is written only by the device that started the administration")]
    NotTheCreator { field: String },
    /// A field fixed at creation was changed (the message leaves the name out, as above).
    #[error("a field is fixed when the administration starts")]
    Immutable { field: String },
    /// A revision of a sealed administration arrived in an envelope not sealed for its
    /// recipient (for the team, say).
    #[error("a sealed administration arrived in an envelope not sealed for its recipient")]
    WrongAudience,
}

/// What the first revision of an administration fixed: its creator and its immutable fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdministrationOrigin {
    /// The device that started the administration.
    pub creator_device: String,
    /// The definition id.
    pub definition_id: String,
    /// The immutable fields as the first revision set them (absent ones absent).
    pub fixed: BTreeMap<String, Value>,
}

impl AdministrationOrigin {
    /// The origin a first revision sets, if it is one (no parents, a definition id), without
    /// looking at the sealing rule: how a store reads the origin it already holds.
    pub fn of_first(rev: &Revision) -> Result<AdministrationOrigin, AuthorityError> {
        let definition_id = rev
            .fields
            .get("definition_id")
            .and_then(Value::as_str)
            .filter(|_| rev.parents.is_empty())
            .ok_or(AuthorityError::NotACreation)?;
        Ok(AdministrationOrigin {
            creator_device: rev.author_device.clone(),
            definition_id: definition_id.to_owned(),
            fixed: IMMUTABLE
                .iter()
                .filter_map(|f| {
                    rev.fields
                        .get(*f)
                        .filter(|v| !v.is_null())
                        .map(|v| ((*f).to_owned(), v.clone()))
                })
                .collect(),
        })
    }

    /// The origin a new first revision sets, if it is one: no parents, a definition id, and,
    /// for an instrument `rule` seals, `sealed_for` naming its recipient.
    pub fn of_creation(
        rev: &Revision,
        rule: &SealingRule,
    ) -> Result<AdministrationOrigin, AuthorityError> {
        let origin = AdministrationOrigin::of_first(rev)?;
        if let Some(recipient) = rule.recipient_for(&origin.definition_id) {
            if rev.fields.get("sealed_for").and_then(Value::as_str) != Some(recipient) {
                return Err(AuthorityError::SealMissing);
            }
        }
        Ok(origin)
    }

    /// The recipient this administration is sealed for: what the rule says of its definition,
    /// or what it was created with if its creator sealed more than the rule asks. Never what a
    /// later revision says.
    pub fn sealed_for<'a>(&'a self, rule: &'a SealingRule) -> Option<&'a str> {
        rule.recipient_for(&self.definition_id)
            .or_else(|| self.fixed.get("sealed_for").and_then(Value::as_str))
    }

    /// Checks a later revision of this administration against the rules above.
    pub fn check(&self, rev: &Revision, rule: &SealingRule) -> Result<(), AuthorityError> {
        let by_creator = rev.author_device == self.creator_device;
        let sealed = self.sealed_for(rule).is_some();
        for (name, value) in &rev.fields {
            if IMMUTABLE.contains(&name.as_str()) {
                let unchanged = match self.fixed.get(name) {
                    Some(fixed) => fixed == value,
                    None => value.is_null(),
                };
                if !unchanged {
                    return Err(AuthorityError::Immutable {
                        field: name.clone(),
                    });
                }
            }
            let creator_only = sealed
                || name.starts_with(ANSWER_PREFIX)
                || name.starts_with(SAFETY_ACK_PREFIX)
                || name.starts_with(crate::sealing::ANSWERED_PREFIX)
                || IMMUTABLE.contains(&name.as_str())
                || CREATOR_ONLY.contains(&name.as_str());
            if creator_only && !by_creator {
                return Err(AuthorityError::NotTheCreator {
                    field: name.clone(),
                });
            }
        }
        Ok(())
    }

    /// Checks the envelope a revision of this administration arrived in: a sealed
    /// administration must come sealed for its recipient.
    pub fn check_delivery(
        &self,
        rule: &SealingRule,
        delivered: &Delivered,
    ) -> Result<(), AuthorityError> {
        let Some(recipient) = self.sealed_for(rule) else {
            return Ok(());
        };
        match delivered {
            Delivered::Unknown => Ok(()),
            Delivered::SealedFor(to) if to == recipient => Ok(()),
            _ => Err(AuthorityError::WrongAudience),
        }
    }
}

/// How a revision reached this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    /// Not in an envelope: written on this device, or handed to the store directly.
    Unknown,
    /// In an envelope for the team.
    Team,
    /// In an envelope sealed for this recipient.
    SealedFor(String),
}

/// Checks one revision of an administration given the origin held so far (`None`: none of it
/// is held yet, so this must be its first revision) and how it arrived. Returns the origin
/// after it.
pub fn check_administration_revision(
    origin: Option<&AdministrationOrigin>,
    rev: &Revision,
    rule: &SealingRule,
    delivered: &Delivered,
) -> Result<AdministrationOrigin, AuthorityError> {
    let origin = match origin {
        Some(origin) => {
            origin.check(rev, rule)?;
            origin.clone()
        }
        None => AdministrationOrigin::of_creation(rev, rule)?,
    };
    origin.check_delivery(rule, delivered)?;
    Ok(origin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hlc::Hlc;
    use crate::revision::{Fields, RecordKind};
    use serde_json::json;
    use uuid::Uuid;

    fn rev(device: &str, parents: Vec<Uuid>, fields: Value) -> Revision {
        let Value::Object(fields) = fields else {
            panic!("fields are an object")
        };
        Revision {
            rev_id: Uuid::now_v7(),
            record_id: Uuid::nil(),
            kind: RecordKind::Administration,
            parents,
            author_user: "u".into(),
            author_device: device.into(),
            hlc: Hlc {
                wall_ms: 1,
                counter: 0,
                node: device.into(),
            },
            fields: fields as Fields,
        }
    }

    fn k10_start() -> Revision {
        rev(
            "victim",
            vec![],
            json!({"definition_id": "k10-nl", "definition_hash": "h1", "sealed_for": "ggd",
                   "mode": "self_completed", "status": "in_progress"}),
        )
    }

    #[test]
    fn the_audience_follows_from_the_definition_not_from_sealed_for() {
        let rule = SealingRule::default();
        let origin = AdministrationOrigin::of_creation(&k10_start(), &rule).unwrap();
        assert_eq!(origin.sealed_for(&rule), Some("ggd"));
        // A K10 started for the team is refused, whatever its fields say.
        let unsealed = rev("victim", vec![], json!({"definition_id": "k10-au"}));
        assert_eq!(
            AdministrationOrigin::of_creation(&unsealed, &rule),
            Err(AuthorityError::SealMissing)
        );
        // An instrument outside the rule is for the team; its creator may seal more.
        let phq = rev("a", vec![], json!({"definition_id": "phq9"}));
        let phq = AdministrationOrigin::of_creation(&phq, &rule).unwrap();
        assert_eq!(phq.sealed_for(&rule), None);
        let extra = rev(
            "a",
            vec![],
            json!({"definition_id": "pcl5", "sealed_for": "ggd"}),
        );
        let extra = AdministrationOrigin::of_creation(&extra, &rule).unwrap();
        assert_eq!(extra.sealed_for(&rule), Some("ggd"));
        // A later rule that seals it seals it.
        let wider = SealingRule::with_defaults_and(["phq9"]);
        assert_eq!(phq.sealed_for(&wider), Some("ggd"));
    }

    #[test]
    fn a_first_revision_has_no_parents_and_names_its_definition() {
        let rule = SealingRule::default();
        let with_parent = rev("a", vec![Uuid::now_v7()], json!({"definition_id": "phq9"}));
        let nameless = rev("a", vec![], json!({"status": "in_progress"}));
        for r in [with_parent, nameless] {
            assert_eq!(
                check_administration_revision(None, &r, &rule, &Delivered::Unknown),
                Err(AuthorityError::NotACreation)
            );
        }
    }

    #[test]
    fn only_the_creator_writes_answers_and_nobody_unseals() {
        let rule = SealingRule::default();
        let start = k10_start();
        let origin = AdministrationOrigin::of_creation(&start, &rule).unwrap();
        let answer = json!({"value": 3, "entered_by": "client"});
        let own = rev(
            "victim",
            vec![start.rev_id],
            json!({"answer/k10.1": answer}),
        );
        assert_eq!(origin.check(&own, &rule), Ok(()));
        // The colleague's attack: clear the seal, change an answer, or just the status.
        let attacks = [
            (json!({"sealed_for": null}), "sealed_for"),
            (json!({"answer/k10.1": answer}), "answer/k10.1"),
            (json!({"status": "abandoned"}), "status"),
            (
                json!({"safety_ack/k10-safety": {"by": "x"}}),
                "safety_ack/k10-safety",
            ),
        ];
        for (fields, field) in attacks {
            let hostile = rev("colleague", vec![start.rev_id], fields);
            let err = origin.check(&hostile, &rule).unwrap_err();
            assert!(
                matches!(&err, AuthorityError::NotTheCreator { field: f } | AuthorityError::Immutable { field: f } if f == field),
                "{err:?}"
            );
        }
        // Not even the creator changes the definition or the seal.
        for fields in [
            json!({"sealed_for": null}),
            json!({"definition_id": "phq9"}),
            json!({"definition_hash": "h2"}),
        ] {
            let own = rev("victim", vec![start.rev_id], fields);
            assert!(matches!(
                origin.check(&own, &rule),
                Err(AuthorityError::Immutable { .. })
            ));
        }
        // Repeating a fixed value changes nothing and is allowed.
        let same = rev("victim", vec![start.rev_id], json!({"sealed_for": "ggd"}));
        assert_eq!(origin.check(&same, &rule), Ok(()));
    }

    #[test]
    fn in_a_team_administration_colleagues_write_the_status_but_not_the_answers() {
        let rule = SealingRule::default();
        let start = rev(
            "a",
            vec![],
            json!({"definition_id": "phq9", "mode": "read_aloud"}),
        );
        let origin = AdministrationOrigin::of_creation(&start, &rule).unwrap();
        let status = rev("b", vec![start.rev_id], json!({"status": "abandoned"}));
        assert_eq!(origin.check(&status, &rule), Ok(()));
        for fields in [
            json!({"answer/phq9.1": {"value": 1}}),
            json!({"mode": "self_completed"}),
            json!({"sealed_for": "ggd"}),
        ] {
            let hostile = rev("b", vec![start.rev_id], fields);
            assert!(origin.check(&hostile, &rule).is_err());
        }
    }

    #[test]
    fn a_sealed_administration_arriving_for_the_team_is_refused() {
        let rule = SealingRule::default();
        let start = k10_start();
        assert_eq!(
            check_administration_revision(None, &start, &rule, &Delivered::Team),
            Err(AuthorityError::WrongAudience)
        );
        let origin =
            check_administration_revision(None, &start, &rule, &Delivered::SealedFor("ggd".into()))
                .unwrap();
        let own = rev("victim", vec![start.rev_id], json!({"status": "completed"}));
        assert_eq!(
            check_administration_revision(Some(&origin), &own, &rule, &Delivered::Team),
            Err(AuthorityError::WrongAudience)
        );
        assert!(check_administration_revision(
            Some(&origin),
            &own,
            &rule,
            &Delivered::SealedFor("ggd".into())
        )
        .is_ok());
        // Written on this device: no envelope to check.
        assert!(
            check_administration_revision(Some(&origin), &own, &rule, &Delivered::Unknown).is_ok()
        );
    }
}
