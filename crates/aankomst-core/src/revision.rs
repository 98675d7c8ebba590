//! Every change is a revision of one record: the fields it set, its author, its clock
//! and its parents. The current state of a record is computed from its revisions, per
//! field, so that the same set of revisions gives the same state in whatever order they
//! arrived (the property sync will rely on).

use crate::hlc::Hlc;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use ts_rs::TS;
use uuid::Uuid;

/// The fields a revision sets, by name. A JSON null clears a field.
pub type Fields = serde_json::Map<String, Value>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RecordKind {
    Client,
    Household,
    Case,
    Conversation,
    /// One administration of a screening instrument, started from a conversation.
    Administration,
    /// One consent decision (given, refused, withdrawn) of a client.
    Consent,
    /// One version of a client's PIP.
    Plan,
}

impl RecordKind {
    pub const ALL: [RecordKind; 7] = [
        RecordKind::Client,
        RecordKind::Household,
        RecordKind::Case,
        RecordKind::Conversation,
        RecordKind::Administration,
        RecordKind::Consent,
        RecordKind::Plan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Client => "client",
            RecordKind::Household => "household",
            RecordKind::Case => "case",
            RecordKind::Conversation => "conversation",
            RecordKind::Administration => "administration",
            RecordKind::Consent => "consent",
            RecordKind::Plan => "plan",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub rev_id: Uuid,
    pub record_id: Uuid,
    pub kind: RecordKind,
    /// The record's head revisions when this one was written (empty for the first).
    pub parents: Vec<Uuid>,
    pub author_user: String,
    pub author_device: String,
    pub hlc: Hlc,
    pub fields: Fields,
}

/// The materialised state of one record: each field's value and the clock of the
/// revision that set it, plus the heads of its revision graph.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RecordState {
    pub fields: Fields,
    pub field_clocks: BTreeMap<String, Hlc>,
    pub heads: Vec<Uuid>,
    /// Every revision named as a parent: never a head, whichever arrives first.
    #[serde(default)]
    pub superseded: BTreeSet<Uuid>,
    /// Fields edited concurrently on different devices, every version kept until a person
    /// settles it (see [`crate::merge`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub conflicts: BTreeMap<String, Vec<crate::merge::FieldVersion>>,
}

impl RecordState {
    /// The state of a record from all its revisions, as [`crate::merge::merge`] computes it.
    pub fn from_revisions(revisions: &[Revision]) -> RecordState {
        let merged = crate::merge::merge(revisions);
        RecordState {
            fields: merged.fields,
            field_clocks: merged.clocks,
            heads: merged.heads,
            superseded: revisions
                .iter()
                .flat_map(|r| r.parents.iter().copied())
                .collect(),
            conflicts: merged.conflicts,
        }
    }

    /// Folds one revision in. Per field, the value with the highest clock wins; ties
    /// cannot happen because a clock includes its device. Applying the same revision
    /// twice changes nothing.
    pub fn apply(&mut self, rev: &Revision) {
        // Written knowing every head: it descends from every version of a conflicted
        // field, so writing that field settles the conflict.
        if self.heads.iter().all(|h| rev.parents.contains(h)) {
            for name in rev.fields.keys() {
                self.conflicts.remove(name);
            }
        }
        for (name, value) in &rev.fields {
            let newer = self
                .field_clocks
                .get(name)
                .is_none_or(|current| rev.hlc > *current);
            if newer {
                self.field_clocks.insert(name.clone(), rev.hlc.clone());
                if value.is_null() {
                    self.fields.remove(name);
                } else {
                    self.fields.insert(name.clone(), value.clone());
                }
            }
        }
        self.superseded.extend(rev.parents.iter().copied());
        self.heads.retain(|h| !self.superseded.contains(h));
        if !self.superseded.contains(&rev.rev_id) && !self.heads.contains(&rev.rev_id) {
            self.heads.push(rev.rev_id);
            self.heads.sort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    /// `n` doubles as the clock's counter: one device never hands out the same clock twice.
    fn rev(n: u128, wall: u64, node: &str, parents: Vec<u128>, fields: Value) -> Revision {
        Revision {
            rev_id: Uuid::from_u128(n),
            record_id: Uuid::from_u128(1),
            kind: RecordKind::Client,
            parents: parents.into_iter().map(Uuid::from_u128).collect(),
            author_user: "u".into(),
            author_device: node.into(),
            hlc: Hlc {
                wall_ms: wall,
                counter: n as u32,
                node: node.into(),
            },
            fields: fields.as_object().unwrap().clone(),
        }
    }

    #[test]
    fn later_clock_wins_per_field_and_other_fields_merge() {
        let mut s = RecordState::default();
        s.apply(&rev(
            10,
            1,
            "a",
            vec![],
            json!({"preferred_name": "Amal", "sex": "female"}),
        ));
        s.apply(&rev(
            11,
            3,
            "b",
            vec![10],
            json!({"preferred_name": "Amal H."}),
        ));
        s.apply(&rev(
            12,
            2,
            "a",
            vec![10],
            json!({"preferred_name": "Aml", "phone": "0612"}),
        ));
        assert_eq!(s.fields["preferred_name"], "Amal H.");
        assert_eq!(s.fields["phone"], "0612");
        assert_eq!(s.fields["sex"], "female");
        assert_eq!(s.heads, vec![Uuid::from_u128(11), Uuid::from_u128(12)]);
    }

    #[test]
    fn null_clears_and_reapplying_is_harmless() {
        let mut s = RecordState::default();
        let r1 = rev(10, 1, "a", vec![], json!({"phone": "0612"}));
        let r2 = rev(11, 2, "a", vec![10], json!({"phone": null}));
        s.apply(&r1);
        s.apply(&r2);
        let once = s.clone();
        s.apply(&r1);
        s.apply(&r2);
        assert_eq!(s, once);
        assert!(!s.fields.contains_key("phone"));
    }

    proptest! {
        /// Convergence: any arrival order of the same revisions gives the same state.
        #[test]
        fn any_order_converges(order in Just((0..8usize).collect::<Vec<_>>()).prop_shuffle(),
                               walls in proptest::collection::vec(0u64..5, 8),
                               which in proptest::collection::vec(0usize..3, 8)) {
            let names = ["a", "b", "c"];
            // Each device's revisions form a chain: 100 <- 102 <- 104 …, 101 <- 103 <- …
            let revs: Vec<Revision> = (0..8).map(|i| rev(
                100 + i as u128, walls[i], if i % 2 == 0 { "dev-x" } else { "dev-y" },
                if i >= 2 { vec![100 + i as u128 - 2] } else { vec![] },
                json!({ names[which[i]]: i })
            )).collect();
            let mut in_order = RecordState::default();
            for r in &revs { in_order.apply(r); }
            let mut shuffled = RecordState::default();
            for &i in &order { shuffled.apply(&revs[i]); }
            prop_assert_eq!(&in_order.heads, &vec![Uuid::from_u128(106), Uuid::from_u128(107)]);
            prop_assert_eq!(in_order, shuffled);
        }
    }
}
