//! Which instrument definitions are sealed, and for whom (DESIGN §4.6, §4.12). The audience
//! of an administration follows from its definition through this rule, never from a field a
//! revision can set. The sealed set is an input: the active municipal policy's sealed
//! instruments (the tenant's signed policy, else the built-in default policy) plus what the
//! profile's sealing setting adds.

use crate::validate::{ANSWER_PREFIX, SAFETY_ACK_PREFIX};
use crate::Fields;
use serde_json::Value;
use std::collections::BTreeMap;

/// The sealing recipient of the GGD (its name in the tenant's recipient list).
pub const GGD: &str = "ggd";

/// Sealed for the GGD whatever a profile says (process.md §7): every K10 variant.
pub const DEFAULT_SEALED: [&str; 3] = ["k10-nl", "k10-au", "k10-us"];

/// The profile setting that adds definitions to the sealed set (a JSON list of ids).
pub const SETTING_SEALED_INSTRUMENTS: &str = "screening_sealed_instruments";

/// Which definitions are sealed and for which recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealingRule {
    sealed: BTreeMap<String, String>,
}

impl Default for SealingRule {
    /// The default set only.
    fn default() -> Self {
        SealingRule::with_defaults_and(std::iter::empty::<String>())
    }
}

impl SealingRule {
    /// The default set plus `extra` definition ids, all sealed for the GGD. Nothing here can
    /// take a definition out of the default set.
    pub fn with_defaults_and<S: Into<String>>(extra: impl IntoIterator<Item = S>) -> Self {
        let mut sealed: BTreeMap<String, String> = DEFAULT_SEALED
            .iter()
            .map(|d| ((*d).to_owned(), GGD.to_owned()))
            .collect();
        for id in extra {
            sealed.entry(id.into()).or_insert_with(|| GGD.to_owned());
        }
        SealingRule { sealed }
    }

    /// The policy's sealed instruments (each for its recipient) plus `extra` definition ids a
    /// profile adds (sealed for the GGD). The profile can only add: what the policy seals stays
    /// sealed for the recipient the policy names.
    pub fn from_policy_and<S: Into<String>>(
        policy: &crate::policy::Policy,
        extra: impl IntoIterator<Item = S>,
    ) -> Self {
        let mut sealed: BTreeMap<String, String> = policy
            .sealed_instruments
            .iter()
            .map(|s| (s.definition_id.clone(), s.recipient.clone()))
            .collect();
        for id in extra {
            sealed.entry(id.into()).or_insert_with(|| GGD.to_owned());
        }
        SealingRule { sealed }
    }

    /// The recipient an administration of `definition_id` is sealed for, or `None` for the
    /// team.
    pub fn recipient_for(&self, definition_id: &str) -> Option<&str> {
        self.sealed.get(definition_id).map(String::as_str)
    }

    /// The sealed definition ids, sorted.
    pub fn sealed_ids(&self) -> Vec<String> {
        self.sealed.keys().cloned().collect()
    }
}

/// What the writing device keeps of a sealed administration's answer: `answered/<code>` is
/// `true` once the item has an answer (`false` once it is cleared), never the answer itself.
/// The answer travels only inside the envelope sealed for the recipient (DESIGN §4.14).
pub const ANSWERED_PREFIX: &str = "answered/";

/// The fields of a revision of a sealed administration as the writing device keeps them:
/// every `answer/<code>` becomes `answered/<code>` (whether the item has an answer), every
/// `safety_ack/<flag>` is left out (which flag was raised says something about the answers),
/// everything else (status, times, language, mode, the definition) stays.
pub fn redact_sealed(fields: &Fields) -> Fields {
    let mut kept = Fields::new();
    for (name, value) in fields {
        if let Some(code) = name.strip_prefix(ANSWER_PREFIX) {
            kept.insert(
                format!("{ANSWERED_PREFIX}{code}"),
                Value::Bool(!value.is_null()),
            );
        } else if !name.starts_with(SAFETY_ACK_PREFIX) {
            kept.insert(name.clone(), value.clone());
        }
    }
    kept
}

/// Whether fields hold anything [`redact_sealed`] takes out.
pub fn holds_sealed_content(fields: &Fields) -> bool {
    fields
        .keys()
        .any(|n| n.starts_with(ANSWER_PREFIX) || n.starts_with(SAFETY_ACK_PREFIX))
}

/// The items of a sealed administration its writer knows to be answered (from
/// [`redact_sealed`]'s markers).
pub fn answered_items(fields: &Fields) -> std::collections::BTreeSet<String> {
    fields
        .iter()
        .filter(|(_, v)| v.as_bool() == Some(true))
        .filter_map(|(n, _)| n.strip_prefix(ANSWERED_PREFIX).map(str::to_owned))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_keeps_that_an_item_was_answered_and_nothing_of_the_answer() {
        let fields: Fields = serde_json::from_value(serde_json::json!({
            "status": "in_progress",
            "answer/k10.tired": {"value": 4, "entered_by": "client", "mode": "self_completed", "at": "x"},
            "answer/k10.nervous": null,
            "safety_ack/k10.very_high": {"by": "F", "at": "x", "note": "gebeld"},
        }))
        .unwrap();
        assert!(holds_sealed_content(&fields));
        let kept = redact_sealed(&fields);
        assert!(!holds_sealed_content(&kept));
        assert_eq!(
            serde_json::Value::Object(kept.clone()),
            serde_json::json!({
                "status": "in_progress",
                "answered/k10.tired": true,
                "answered/k10.nervous": false,
            })
        );
        assert_eq!(
            answered_items(&kept).into_iter().collect::<Vec<_>>(),
            vec!["k10.tired"]
        );
    }

    #[test]
    fn the_policy_decides_and_a_profile_can_only_add() {
        let mut policy = crate::policy::Policy::default();
        let rule = SealingRule::from_policy_and(&policy, ["who5"]);
        for id in [
            "k10-nl", "k6", "phq9", "gad7", "phq4", "pcl5", "pcptsd5", "who5",
        ] {
            assert_eq!(rule.recipient_for(id), Some(GGD), "{id}");
        }
        policy
            .sealed_instruments
            .retain(|s| s.definition_id != "phq9");
        let rule = SealingRule::from_policy_and(&policy, std::iter::empty::<String>());
        assert_eq!(rule.recipient_for("phq9"), None);
        assert_eq!(rule.recipient_for("gad7"), Some(GGD));
    }

    #[test]
    fn the_k10_stays_sealed_whatever_the_setting_adds() {
        let rule = SealingRule::with_defaults_and(["pcl5"]);
        for k10 in DEFAULT_SEALED {
            assert_eq!(rule.recipient_for(k10), Some(GGD));
        }
        assert_eq!(rule.recipient_for("pcl5"), Some(GGD));
        assert_eq!(rule.recipient_for("phq9"), None);
        assert_eq!(SealingRule::default().recipient_for("pcl5"), None);
        assert_eq!(
            SealingRule::default().sealed_ids(),
            vec!["k10-au", "k10-nl", "k10-us"]
        );
    }
}
