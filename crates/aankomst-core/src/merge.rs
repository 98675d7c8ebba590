//! Merging a record's revisions from several devices, with conflicts kept (DESIGN §5).
//!
//! The result is a function of the *set* of revisions only, so two devices that hold the same
//! revisions show the same record, whatever order the revisions arrived in:
//!
//! * For each field, take the revisions that set it and keep those that no other of them
//!   descends from (the field's *frontier*). One revision in the frontier: its value, no
//!   conflict. Several: they were written without knowing of each other — a conflict. The
//!   value shown is the one with the latest clock, and every frontier value is kept in
//!   [`MergedRecord::conflicts`] for a person to settle. Nothing is silently lost.
//! * Editing the field again on a device that holds all the frontier revisions settles it: the
//!   new revision descends from all of them, so it is the only one left in the frontier.
//! * Different fields never conflict: each has its own frontier.
//!
//! This is the rule sync applies; the local store's per-field last-writer-wins state is the
//! same rule for a single device, where every revision descends from the one before.

use crate::hlc::Hlc;
use crate::revision::{Fields, Revision};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use uuid::Uuid;

/// One value a field has in the frontier, and the revision that set it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldVersion {
    pub rev_id: Uuid,
    pub hlc: Hlc,
    pub author_user: String,
    /// `Null` when that revision cleared the field.
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MergedRecord {
    /// The value shown for each field (absent when the shown version cleared it).
    pub fields: Fields,
    /// Fields edited concurrently: every frontier version, the shown one first, then by
    /// clock, latest first.
    pub conflicts: BTreeMap<String, Vec<FieldVersion>>,
    /// The clock of the version shown for each field (cleared fields included).
    pub clocks: BTreeMap<String, Hlc>,
    /// Revisions no other revision names as a parent, sorted.
    pub heads: Vec<Uuid>,
    /// Revisions named as parents that are not in the set (still to arrive).
    pub missing_parents: Vec<Uuid>,
}

/// Ancestry within one record's revisions, computed once for the set.
struct Graph<'a> {
    by_id: HashMap<Uuid, &'a Revision>,
    ancestors: HashMap<Uuid, BTreeSet<Uuid>>,
}

impl<'a> Graph<'a> {
    fn new(revisions: &'a [Revision]) -> Self {
        let by_id = revisions.iter().map(|r| (r.rev_id, r)).collect();
        let mut graph = Graph {
            by_id,
            ancestors: HashMap::new(),
        };
        let ids: Vec<Uuid> = revisions.iter().map(|r| r.rev_id).collect();
        for id in ids {
            graph.ancestors_of(id);
        }
        graph
    }

    /// Every revision `id` descends from (not itself), iteratively so a long history of
    /// typed notes does not exhaust the stack.
    fn ancestors_of(&mut self, id: Uuid) -> BTreeSet<Uuid> {
        if let Some(done) = self.ancestors.get(&id) {
            return done.clone();
        }
        let mut stack = vec![(id, false)];
        while let Some((node, expanded)) = stack.pop() {
            if self.ancestors.contains_key(&node) {
                continue;
            }
            let parents: Vec<Uuid> = self
                .by_id
                .get(&node)
                .map(|r| r.parents.clone())
                .unwrap_or_default();
            if expanded {
                let mut set = BTreeSet::new();
                for p in &parents {
                    set.insert(*p);
                    if let Some(up) = self.ancestors.get(p) {
                        set.extend(up.iter().copied());
                    }
                }
                self.ancestors.insert(node, set);
            } else {
                stack.push((node, true));
                for p in parents {
                    if !self.ancestors.contains_key(&p) {
                        stack.push((p, false));
                    }
                }
            }
        }
        self.ancestors.get(&id).cloned().unwrap_or_default()
    }

    fn descends_from(&self, child: Uuid, ancestor: Uuid) -> bool {
        self.ancestors
            .get(&child)
            .is_some_and(|a| a.contains(&ancestor))
    }
}

/// Merges the revisions of one record (duplicates allowed, any order).
pub fn merge(revisions: &[Revision]) -> MergedRecord {
    let mut unique: Vec<Revision> = Vec::with_capacity(revisions.len());
    let mut seen = BTreeSet::new();
    for r in revisions {
        if seen.insert(r.rev_id) {
            unique.push(r.clone());
        }
    }
    let graph = Graph::new(&unique);

    let mut setters: BTreeMap<&str, Vec<&Revision>> = BTreeMap::new();
    for r in &unique {
        for name in r.fields.keys() {
            setters.entry(name.as_str()).or_default().push(r);
        }
    }
    let mut merged = MergedRecord::default();
    for (name, revs) in setters {
        let mut frontier: Vec<&Revision> = revs
            .iter()
            .copied()
            .filter(|r| {
                !revs
                    .iter()
                    .any(|other| graph.descends_from(other.rev_id, r.rev_id))
            })
            .collect();
        frontier.sort_by(|a, b| b.hlc.cmp(&a.hlc));
        let shown = frontier[0];
        let value = shown.fields[name].clone();
        merged.clocks.insert(name.to_owned(), shown.hlc.clone());
        if !value.is_null() {
            merged.fields.insert(name.to_owned(), value);
        }
        if frontier.len() > 1 {
            merged.conflicts.insert(
                name.to_owned(),
                frontier
                    .iter()
                    .map(|r| FieldVersion {
                        rev_id: r.rev_id,
                        hlc: r.hlc.clone(),
                        author_user: r.author_user.clone(),
                        value: r.fields[name].clone(),
                    })
                    .collect(),
            );
        }
    }
    let named: BTreeSet<Uuid> = unique
        .iter()
        .flat_map(|r| r.parents.iter().copied())
        .collect();
    merged.heads = unique
        .iter()
        .map(|r| r.rev_id)
        .filter(|id| !named.contains(id))
        .collect();
    merged.heads.sort();
    merged.missing_parents = named.into_iter().filter(|p| !seen.contains(p)).collect();
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::revision::RecordKind;
    use proptest::prelude::*;
    use serde_json::json;

    /// A device in the simulation: its clock and the revisions it holds.
    #[derive(Clone)]
    struct Device {
        name: &'static str,
        user: &'static str,
        clock: u64,
        held: Vec<Revision>,
    }

    const RECORD: u128 = 1;
    const FIELDS: [&str; 3] = ["notes", "status", "language_used"];

    impl Device {
        fn new(name: &'static str, user: &'static str) -> Self {
            Device {
                name,
                user,
                clock: 0,
                held: Vec::new(),
            }
        }

        /// Edits one field on top of everything this device holds (as the app does).
        fn edit(&mut self, id: u128, field: &str, value: Value, wall: u64) -> Revision {
            self.clock = self.clock.max(wall) + 1;
            let heads = merge(&self.held).heads;
            let rev = Revision {
                rev_id: Uuid::from_u128(id),
                record_id: Uuid::from_u128(RECORD),
                kind: RecordKind::Case,
                parents: heads,
                author_user: self.user.into(),
                author_device: self.name.into(),
                hlc: Hlc {
                    wall_ms: self.clock,
                    counter: 0,
                    node: self.name.into(),
                },
                fields: json!({ field: value }).as_object().unwrap().clone(),
            };
            self.held.push(rev.clone());
            rev
        }

        /// Push everything, then pull everything: the server's order is its arrival order.
        fn sync(&mut self, server: &mut Vec<Revision>) {
            for r in &self.held {
                if !server.iter().any(|s| s.rev_id == r.rev_id) {
                    server.push(r.clone());
                }
            }
            for r in server.iter() {
                if !self.held.iter().any(|h| h.rev_id == r.rev_id) {
                    self.held.push(r.clone());
                }
            }
            let latest = self.held.iter().map(|r| r.hlc.wall_ms).max().unwrap_or(0);
            self.clock = self.clock.max(latest);
        }
    }

    /// Ancestry by plain recursion over parents: a second, simpler reading of the graph.
    fn naive_descends(all: &[Revision], child: Uuid, ancestor: Uuid) -> bool {
        let Some(rev) = all.iter().find(|r| r.rev_id == child) else {
            return false;
        };
        rev.parents
            .iter()
            .any(|p| *p == ancestor || naive_descends(all, *p, ancestor))
    }

    #[derive(Debug, Clone)]
    enum Step {
        Edit {
            device: usize,
            field: usize,
            value: u8,
        },
        Sync {
            device: usize,
        },
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            3 => (0..3usize, 0..FIELDS.len(), any::<u8>())
                .prop_map(|(device, field, value)| Step::Edit { device, field, value }),
            1 => (0..3usize).prop_map(|device| Step::Sync { device }),
        ]
    }

    #[test]
    fn concurrent_edits_of_one_field_are_both_kept_and_a_later_edit_settles_them() {
        let mut a = Device::new("laptop-a", "counsellor-1");
        let mut b = Device::new("laptop-b", "counsellor-2");
        let mut server = Vec::new();
        a.edit(10, "status", json!("intake"), 1);
        a.sync(&mut server);
        b.sync(&mut server);
        // Offline on both laptops: the same field, and another field.
        a.edit(11, "status", json!("pip"), 5);
        b.edit(12, "status", json!("route"), 6);
        b.edit(13, "notes", json!("gesprek gepland"), 7);
        a.sync(&mut server);
        b.sync(&mut server);
        a.sync(&mut server);
        let on_a = merge(&a.held);
        let on_b = merge(&b.held);
        assert_eq!(on_a, on_b);
        assert_eq!(
            on_a.fields["notes"], "gesprek gepland",
            "other fields merge"
        );
        let versions: Vec<&Value> = on_a.conflicts["status"].iter().map(|v| &v.value).collect();
        assert_eq!(versions, vec![&json!("route"), &json!("pip")]);
        assert_eq!(on_a.fields["status"], "route", "the latest clock is shown");
        // A person settles it on a device that sees both.
        a.edit(14, "status", json!("pip"), 8);
        a.sync(&mut server);
        b.sync(&mut server);
        let settled = merge(&b.held);
        assert!(settled.conflicts.is_empty());
        assert_eq!(settled.fields["status"], "pip");
    }

    #[test]
    fn a_missing_parent_is_reported_and_duplicates_are_harmless() {
        let mut a = Device::new("laptop-a", "c");
        let first = a.edit(10, "notes", json!("x"), 1);
        let second = a.edit(11, "notes", json!("y"), 2);
        let only_second = merge(std::slice::from_ref(&second));
        assert_eq!(only_second.missing_parents, vec![first.rev_id]);
        let twice = merge(&[second.clone(), first.clone(), second]);
        assert_eq!(twice.fields["notes"], "y");
        assert!(twice.conflicts.is_empty() && twice.missing_parents.is_empty());
    }

    proptest! {
        /// Two counsellors and a supervisor edit the same case offline in random
        /// interleavings and sync in random orders. After everyone has synced twice, all
        /// hold the same revisions and show the same record, and every concurrent edit of a
        /// field that nobody settled since is surfaced as a conflict.
        #[test]
        fn three_devices_converge_and_surface_every_unsettled_concurrent_edit(
            steps in proptest::collection::vec(step(), 1..40),
            final_order in Just(vec![0usize, 1, 2]).prop_shuffle(),
        ) {
            let mut devices = [
                Device::new("laptop-a", "counsellor-1"),
                Device::new("laptop-b", "counsellor-2"),
                Device::new("office-s", "supervisor"),
            ];
            let mut server: Vec<Revision> = Vec::new();
            let mut next_id = 100u128;
            for (wall, s) in steps.iter().enumerate() {
                match s {
                    Step::Edit { device, field, value } => {
                        next_id += 1;
                        devices[*device].edit(next_id, FIELDS[*field], json!(value), wall as u64);
                    }
                    Step::Sync { device } => devices[*device].sync(&mut server),
                }
            }
            for _ in 0..2 {
                for &d in &final_order {
                    devices[d].sync(&mut server);
                }
            }
            let reference = merge(&server);
            for d in &devices {
                prop_assert_eq!(d.held.len(), server.len());
                prop_assert_eq!(&merge(&d.held), &reference);
                // Any arrival order of the same set gives the same record.
                let mut reversed = d.held.clone();
                reversed.reverse();
                prop_assert_eq!(&merge(&reversed), &reference);
            }
            prop_assert!(reference.missing_parents.is_empty());

            // Independently: for each field, the revisions that set it and that no later
            // setter of the field descends from. All of them must be visible.
            for field in FIELDS {
                let setters: Vec<&Revision> =
                    server.iter().filter(|r| r.fields.contains_key(field)).collect();
                let unsettled: Vec<Uuid> = setters
                    .iter()
                    .filter(|r| !setters.iter().any(|o| naive_descends(&server, o.rev_id, r.rev_id)))
                    .map(|r| r.rev_id)
                    .collect();
                match unsettled.len() {
                    0 => prop_assert!(!reference.fields.contains_key(field)),
                    1 => prop_assert!(!reference.conflicts.contains_key(field)),
                    _ => {
                        let shown: BTreeSet<Uuid> = reference.conflicts[field]
                            .iter()
                            .map(|v| v.rev_id)
                            .collect();
                        prop_assert_eq!(shown, unsettled.into_iter().collect::<BTreeSet<_>>());
                    }
                }
            }
        }
    }
}
