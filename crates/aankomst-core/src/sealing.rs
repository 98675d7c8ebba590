//! Which instrument definitions are sealed, and for whom (DESIGN §4.6, §4.12). The audience
//! of an administration follows from its definition through this rule, never from a field a
//! revision can set. The sealed set is an input: the active municipal policy's sealed
//! instruments (the tenant's signed policy, else the built-in default policy) plus what the
//! profile's sealing setting adds.

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

#[cfg(test)]
mod tests {
    use super::*;

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
