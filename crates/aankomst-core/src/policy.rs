//! The municipal policy's content: what a municipality decides once for every laptop of its
//! tenant (issue 20, DESIGN §4) — which instruments are sealed and for whom, the deadline
//! terms, the routes offered, the offline lock, the longest auto-lock, the consents a share
//! requires, the safety contacts, the approved instrument packs and the GGD follow-up term.
//!
//! The policy travels signed (`aankomst-policy/1` in `aankomst-seal`); the signature covers
//! the exact text of [`Policy::to_canonical_json`]. [`Policy::from_canonical_json`] accepts
//! only that one spelling, with every field present, no unknown field and every value within
//! its bounds, so two laptops that accept a policy read the same thing. Pure: no IO.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::canonical::canonical_json;
use crate::consent::PURPOSES;
use crate::deadlines::Terms;
use crate::plan::BUILTIN_ROUTES;
use crate::validate::SEALED_FOR;

/// The `schema` value of this version of the content.
pub const POLICY_SCHEMA: &str = "aankomst-policy-content/1";

/// Every clinical screening instrument the app ships, by definition id, sealed for the GGD by
/// default: all K10 variants, K6, PHQ-9, GAD-7, PHQ-4, PCL-5 and PC-PTSD-5 (not the WHO-5, a
/// well-being index, nor the participation and language instruments).
pub const DEFAULT_SEALED_INSTRUMENTS: &[&str] = &[
    "k10-nl", "k10-au", "k10-us", "k6", "phq9", "gad7", "phq4", "pcl5", "pcptsd5",
];

/// Days without a check-in with the server after which client data locks (today's default).
pub const DEFAULT_OFFLINE_LOCK_DAYS: u32 = 30;
/// The longest auto-lock a counsellor may choose, in minutes (today's settings bound).
pub const DEFAULT_MAX_AUTO_LOCK_MINUTES: u32 = 60;
/// Days after a sealed screening without a GGD follow-up before the dashboard flags it.
pub const DEFAULT_GGD_FOLLOW_UP_DAYS: u32 = 14;

const MAX_LIST: usize = 64;
const MAX_CONTACTS: usize = 20;

/// One sealed instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SealedInstrument {
    /// The definition id (`k10-nl`), every version of it.
    pub definition_id: String,
    /// The sealing recipient (`ggd`), a name in the signed recipient list.
    pub recipient: String,
}

/// A route offered in the plan, with the legal route it counts as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PolicyRoute {
    /// The code stored in a plan (`b1`, `b1-mbo`).
    pub code: String,
    /// The name shown; `None` for the legal routes, whose names the app translates.
    pub label: Option<String>,
    /// The legal route (`b1`, `onderwijs` or `z`) it is.
    pub legal_route: String,
}

/// A safety contact shown during a screening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SafetyContact {
    /// Name (at most 200 characters, not blank).
    pub name: String,
    /// Phone number as shown (at most 50 characters).
    pub phone: String,
    /// A short note (at most 500 characters; may be empty).
    pub note: String,
}

/// A municipality's policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Policy {
    /// Always [`POLICY_SCHEMA`].
    pub schema: String,
    /// Instruments whose administrations are sealed, and for whom. Ids unique.
    pub sealed_instruments: Vec<SealedInstrument>,
    /// Deadline terms (every field of [`Terms`], within [`Terms::is_valid`]).
    pub terms: Terms,
    /// Routes offered in the plan: each legal route once under its own code, plus the
    /// municipality's own. Codes unique.
    pub routes: Vec<PolicyRoute>,
    /// Days without a check-in after which client data locks (1–365).
    pub offline_lock_days: u32,
    /// The longest auto-lock a counsellor may set, in minutes (1–60).
    pub max_auto_lock_minutes: u32,
    /// Purposes (from the consent register's list) for which a share needs the client's
    /// recorded consent. Unique.
    pub required_consents: Vec<String>,
    /// Safety contacts shown during a screening (at most 20).
    pub safety_contacts: Vec<SafetyContact>,
    /// Instrument packs that may be imported, by lower-case hex SHA-256 of the pack file;
    /// `None` allows any pack (today's behaviour).
    pub approved_packs: Option<Vec<String>>,
    /// Days after a sealed screening without a GGD follow-up before it is flagged (1–365).
    pub ggd_follow_up_days: u32,
}

/// Why a policy's content is refused. Never carries a value from the document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// Not JSON of the policy's shape: a field missing, unknown or of the wrong type.
    #[error("the policy content does not have the policy's shape")]
    Malformed,
    /// Not in its one canonical spelling (key order, whitespace, escapes).
    #[error("the policy content is not canonical JSON")]
    NotCanonical,
    /// Another content schema version.
    #[error("unsupported policy content schema")]
    UnsupportedSchema,
    /// A field's value breaks a rule.
    #[error("invalid policy field `{field}`: {reason}")]
    Invalid {
        /// The field.
        field: &'static str,
        /// The rule.
        reason: &'static str,
    },
}

/// Why a counsellor's setting is refused under the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PolicyRefusal {
    /// The auto-lock asked for is longer than the policy allows (or zero).
    #[error("auto-lock outside what the policy allows")]
    AutoLockTooLong,
    /// The instrument pack is not among the approved ones.
    #[error("instrument pack not approved by the policy")]
    PackNotApproved,
    /// The route is not offered by the policy.
    #[error("route not offered by the policy")]
    RouteNotOffered,
}

fn invalid(field: &'static str, reason: &'static str) -> PolicyError {
    PolicyError::Invalid { field, reason }
}

fn is_code(s: &str, max: usize) -> bool {
    !s.is_empty()
        && s.len() <= max
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn unique<'a>(items: impl Iterator<Item = &'a str>) -> bool {
    let mut seen = BTreeSet::new();
    items.into_iter().all(|i| seen.insert(i))
}

impl Default for Policy {
    /// Today's behaviour, except that every clinical screening instrument is sealed for the
    /// GGD (not only the K10).
    fn default() -> Self {
        Policy {
            schema: POLICY_SCHEMA.to_owned(),
            sealed_instruments: DEFAULT_SEALED_INSTRUMENTS
                .iter()
                .map(|id| SealedInstrument {
                    definition_id: (*id).to_owned(),
                    recipient: "ggd".to_owned(),
                })
                .collect(),
            terms: Terms::default(),
            routes: BUILTIN_ROUTES
                .iter()
                .map(|code| PolicyRoute {
                    code: (*code).to_owned(),
                    label: None,
                    legal_route: (*code).to_owned(),
                })
                .collect(),
            offline_lock_days: DEFAULT_OFFLINE_LOCK_DAYS,
            max_auto_lock_minutes: DEFAULT_MAX_AUTO_LOCK_MINUTES,
            required_consents: PURPOSES.iter().map(|p| (*p).to_owned()).collect(),
            safety_contacts: vec![
                SafetyContact {
                    name: "113 Zelfmoordpreventie".into(),
                    phone: "0800-0113".into(),
                    note: "24/7, gratis / free".into(),
                },
                SafetyContact {
                    name: "Spoed / Emergency".into(),
                    phone: "112".into(),
                    note: String::new(),
                },
            ],
            approved_packs: None,
            ggd_follow_up_days: DEFAULT_GGD_FOLLOW_UP_DAYS,
        }
    }
}

impl Policy {
    /// Checks every rule of the shape; a policy is only signed or accepted when this passes.
    pub fn validate(&self) -> Result<(), PolicyError> {
        if self.schema != POLICY_SCHEMA {
            return Err(PolicyError::UnsupportedSchema);
        }
        if self.sealed_instruments.len() > MAX_LIST {
            return Err(invalid("sealed_instruments", "more than 64"));
        }
        for s in &self.sealed_instruments {
            if !is_code(&s.definition_id, 64) {
                return Err(invalid(
                    "sealed_instruments.definition_id",
                    "not 1 to 64 of a-z, 0-9, '-', '_'",
                ));
            }
            if !SEALED_FOR.contains(&s.recipient.as_str()) {
                return Err(invalid(
                    "sealed_instruments.recipient",
                    "not a sealing recipient",
                ));
            }
        }
        if !unique(
            self.sealed_instruments
                .iter()
                .map(|s| s.definition_id.as_str()),
        ) {
            return Err(invalid("sealed_instruments", "an instrument appears twice"));
        }
        if !self.terms.is_valid() {
            return Err(invalid("terms", "outside the allowed bounds"));
        }
        if self.routes.is_empty() || self.routes.len() > MAX_LIST {
            return Err(invalid("routes", "must be 1 to 64"));
        }
        for r in &self.routes {
            if !is_code(&r.code, 32) {
                return Err(invalid("routes.code", "not 1 to 32 of a-z, 0-9, '-', '_'"));
            }
            if !BUILTIN_ROUTES.contains(&r.legal_route.as_str()) {
                return Err(invalid("routes.legal_route", "not a legal route"));
            }
            let builtin = BUILTIN_ROUTES.contains(&r.code.as_str());
            if builtin && r.code != r.legal_route {
                return Err(invalid(
                    "routes.legal_route",
                    "a legal route's code must be that route",
                ));
            }
            match &r.label {
                None if !builtin => {
                    return Err(invalid("routes.label", "a municipal route needs a label"))
                }
                Some(l) if l.trim().is_empty() || l.chars().count() > 100 => {
                    return Err(invalid("routes.label", "must be 1 to 100 characters"))
                }
                _ => {}
            }
        }
        if !unique(self.routes.iter().map(|r| r.code.as_str())) {
            return Err(invalid("routes", "a code appears twice"));
        }
        if !(1..=365).contains(&self.offline_lock_days) {
            return Err(invalid("offline_lock_days", "must be 1 to 365"));
        }
        if !(1..=60).contains(&self.max_auto_lock_minutes) {
            return Err(invalid("max_auto_lock_minutes", "must be 1 to 60"));
        }
        if self
            .required_consents
            .iter()
            .any(|p| !PURPOSES.contains(&p.as_str()))
        {
            return Err(invalid("required_consents", "not a consent purpose"));
        }
        if !unique(self.required_consents.iter().map(String::as_str)) {
            return Err(invalid("required_consents", "a purpose appears twice"));
        }
        if self.safety_contacts.len() > MAX_CONTACTS {
            return Err(invalid("safety_contacts", "more than 20"));
        }
        let too_long = |t: &str, n: usize| t.chars().count() > n;
        if self.safety_contacts.iter().any(|c| {
            c.name.trim().is_empty()
                || too_long(&c.name, 200)
                || too_long(&c.phone, 50)
                || too_long(&c.note, 500)
        }) {
            return Err(invalid("safety_contacts", "name blank or a text too long"));
        }
        if let Some(packs) = &self.approved_packs {
            if packs.len() > MAX_LIST {
                return Err(invalid("approved_packs", "more than 64"));
            }
            let hex = |h: &String| {
                h.len() == 64
                    && h.bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            };
            if !packs.iter().all(hex) {
                return Err(invalid("approved_packs", "not a lower-case hex SHA-256"));
            }
            if !unique(packs.iter().map(String::as_str)) {
                return Err(invalid("approved_packs", "a hash appears twice"));
            }
        }
        if !(1..=365).contains(&self.ggd_follow_up_days) {
            return Err(invalid("ggd_follow_up_days", "must be 1 to 365"));
        }
        Ok(())
    }

    /// The text a signature covers: canonical JSON (object keys sorted at every depth, no
    /// whitespace). Fails only if the policy does not validate.
    pub fn to_canonical_json(&self) -> Result<String, PolicyError> {
        self.validate()?;
        let value = serde_json::to_value(self).map_err(|_| PolicyError::Malformed)?;
        Ok(canonical_json(&value))
    }

    /// Reads the content of a verified policy: JSON of exactly this shape (every field,
    /// including every field of the terms, present; no other), in its canonical spelling, and
    /// valid.
    pub fn from_canonical_json(text: &str) -> Result<Policy, PolicyError> {
        let value: Value = serde_json::from_str(text).map_err(|_| PolicyError::Malformed)?;
        if value.get("schema").and_then(Value::as_str) != Some(POLICY_SCHEMA) {
            return Err(match value.get("schema") {
                Some(Value::String(_)) => PolicyError::UnsupportedSchema,
                _ => PolicyError::Malformed,
            });
        }
        // `Terms` fills missing fields with defaults when read as a setting; in a signed
        // policy every field must be spelled out, and no other.
        let expected: BTreeSet<String> = match serde_json::to_value(Terms::default()) {
            Ok(Value::Object(m)) => m.keys().cloned().collect(),
            _ => return Err(PolicyError::Malformed),
        };
        let found: Option<BTreeSet<String>> = value
            .get("terms")
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect());
        if found.as_ref() != Some(&expected) {
            return Err(PolicyError::Malformed);
        }
        if canonical_json(&value) != text {
            return Err(PolicyError::NotCanonical);
        }
        let policy: Policy = serde_json::from_value(value).map_err(|_| PolicyError::Malformed)?;
        policy.validate()?;
        Ok(policy)
    }

    /// For whom administrations of `definition_id` are sealed (`Some("ggd")`), or `None` when
    /// they are for the team.
    pub fn sealed_for(&self, definition_id: &str) -> Option<&str> {
        self.sealed_instruments
            .iter()
            .find(|s| s.definition_id == definition_id)
            .map(|s| s.recipient.as_str())
    }

    /// Whether a counsellor may set the auto-lock to `minutes`.
    pub fn check_auto_lock(&self, minutes: u32) -> Result<(), PolicyRefusal> {
        if (1..=self.max_auto_lock_minutes).contains(&minutes) {
            Ok(())
        } else {
            Err(PolicyRefusal::AutoLockTooLong)
        }
    }

    /// Whether an instrument pack (lower-case hex SHA-256 of its file) may be imported.
    pub fn check_pack(&self, sha256_hex: &str) -> Result<(), PolicyRefusal> {
        match &self.approved_packs {
            None => Ok(()),
            Some(packs) if packs.iter().any(|p| p == sha256_hex) => Ok(()),
            Some(_) => Err(PolicyRefusal::PackNotApproved),
        }
    }

    /// The legal route a plan route counts as.
    pub fn legal_route(&self, code: &str) -> Result<&str, PolicyRefusal> {
        self.routes
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.legal_route.as_str())
            .ok_or(PolicyRefusal::RouteNotOffered)
    }

    /// Whether a share for `purpose` needs the client's recorded consent.
    pub fn consent_required(&self, purpose: &str) -> bool {
        self.required_consents.iter().any(|p| p == purpose)
    }

    /// The last day a screening completed on `completed_on` may go without a GGD follow-up;
    /// from the day after it counts as "without follow-up after N days".
    pub fn ggd_follow_up_due(&self, completed_on: NaiveDate) -> Option<NaiveDate> {
        completed_on.checked_add_days(Days::new(u64::from(self.ggd_follow_up_days)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_valid_and_seals_every_clinical_instrument_for_the_ggd() {
        let p = Policy::default();
        p.validate().unwrap();
        for id in [
            "k10-nl", "k10-au", "k10-us", "k6", "phq9", "gad7", "phq4", "pcl5", "pcptsd5",
        ] {
            assert_eq!(p.sealed_for(id), Some("ggd"), "{id}");
        }
        for id in ["who5", "participatieladder", "leerbaarheidstoets", "k10"] {
            assert_eq!(p.sealed_for(id), None, "{id}");
        }
        assert_eq!(p.terms, Terms::default());
        assert_eq!(p.legal_route("onderwijs"), Ok("onderwijs"));
        assert_eq!(p.legal_route("b1-mbo"), Err(PolicyRefusal::RouteNotOffered));
        assert!(p.consent_required("share_screening_results"));
        assert_eq!(p.check_pack(&"a".repeat(64)), Ok(()));
    }

    #[test]
    fn the_default_policy_is_the_one_in_the_format_vectors() {
        // The signed-policy vector of docs/envelope-format.md carries this exact text.
        let vector = include_str!("../../aankomst-seal/tests/vectors/default-policy-content.json");
        assert_eq!(Policy::default().to_canonical_json().unwrap(), vector);
        assert_eq!(
            Policy::from_canonical_json(vector).unwrap(),
            Policy::default()
        );
    }

    #[test]
    fn canonical_text_round_trips_and_is_the_only_spelling_accepted() {
        let mut p = Policy::default();
        p.routes.push(PolicyRoute {
            code: "b1-mbo".into(),
            label: Some("B1 via mbo (Amsterdam)".into()),
            legal_route: "b1".into(),
        });
        p.approved_packs = Some(vec!["0f".repeat(32)]);
        let text = p.to_canonical_json().unwrap();
        assert_eq!(Policy::from_canonical_json(&text).unwrap(), p);
        assert!(text.starts_with(r#"{"approved_packs":["#));

        // The same value spelt another way: whitespace, or keys out of order.
        let pretty = serde_json::to_string_pretty(&serde_json::to_value(&p).unwrap()).unwrap();
        assert_eq!(
            Policy::from_canonical_json(&pretty),
            Err(PolicyError::NotCanonical)
        );
        // A terms field left out (a setting would default it; a policy may not).
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["terms"].as_object_mut().unwrap().remove("due_soon_days");
        assert_eq!(
            Policy::from_canonical_json(&canonical_json(&v)),
            Err(PolicyError::Malformed)
        );
        // An unknown field, at the top or in the terms.
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["extra"] = Value::Bool(true);
        assert_eq!(
            Policy::from_canonical_json(&canonical_json(&v)),
            Err(PolicyError::Malformed)
        );
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["terms"]["extra"] = Value::from(1);
        assert_eq!(
            Policy::from_canonical_json(&canonical_json(&v)),
            Err(PolicyError::Malformed)
        );
        // Another schema.
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["schema"] = "aankomst-policy-content/2".into();
        assert_eq!(
            Policy::from_canonical_json(&canonical_json(&v)),
            Err(PolicyError::UnsupportedSchema)
        );
    }

    #[test]
    fn each_rule_refuses_with_its_field() {
        let field = |edit: &dyn Fn(&mut Policy)| {
            let mut p = Policy::default();
            edit(&mut p);
            match p.validate() {
                Err(PolicyError::Invalid { field, .. }) => field,
                other => panic!("expected a refusal, got {other:?}"),
            }
        };
        assert_eq!(
            field(&|p| p.sealed_instruments[0].recipient = "team".into()),
            "sealed_instruments.recipient"
        );
        assert_eq!(
            field(&|p| p.sealed_instruments.push(p.sealed_instruments[0].clone())),
            "sealed_instruments"
        );
        assert_eq!(field(&|p| p.terms.pip_weeks = 0), "terms");
        assert_eq!(
            field(&|p| p.routes[0].legal_route = "z".into()),
            "routes.legal_route"
        );
        assert_eq!(
            field(&|p| p.routes.push(PolicyRoute {
                code: "x".into(),
                label: None,
                legal_route: "b1".into()
            })),
            "routes.label"
        );
        assert_eq!(field(&|p| p.routes.push(p.routes[0].clone())), "routes");
        assert_eq!(field(&|p| p.offline_lock_days = 0), "offline_lock_days");
        assert_eq!(
            field(&|p| p.max_auto_lock_minutes = 61),
            "max_auto_lock_minutes"
        );
        assert_eq!(
            field(&|p| p.required_consents.push("sell_data".into())),
            "required_consents"
        );
        assert_eq!(
            field(&|p| p.safety_contacts[0].name = " ".into()),
            "safety_contacts"
        );
        assert_eq!(
            field(&|p| p.approved_packs = Some(vec!["ABC".into()])),
            "approved_packs"
        );
        assert_eq!(field(&|p| p.ggd_follow_up_days = 0), "ggd_follow_up_days");
    }

    #[test]
    fn queries_follow_the_policy() {
        let mut p = Policy {
            max_auto_lock_minutes: 10,
            ..Policy::default()
        };
        assert_eq!(p.check_auto_lock(10), Ok(()));
        assert_eq!(p.check_auto_lock(11), Err(PolicyRefusal::AutoLockTooLong));
        assert_eq!(p.check_auto_lock(0), Err(PolicyRefusal::AutoLockTooLong));
        p.approved_packs = Some(vec!["ab".repeat(32)]);
        assert_eq!(p.check_pack(&"ab".repeat(32)), Ok(()));
        assert_eq!(
            p.check_pack(&"cd".repeat(32)),
            Err(PolicyRefusal::PackNotApproved)
        );
        p.required_consents = vec![];
        assert!(!p.consent_required("share_screening_results"));
        let day = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
        assert_eq!(
            p.ggd_follow_up_due(day),
            NaiveDate::from_ymd_opt(2027, 1, 3)
        );
    }
}
