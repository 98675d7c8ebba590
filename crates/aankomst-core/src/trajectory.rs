//! After the PIP (process.md §3.6–3.8, issue 19): progress reviews planned and held, goals
//! and actions with a status, the *inburgeringstermijn* with its extensions, the decisions
//! that end the duty (*vrijstelling*, *ontheffing*), and the adjustments of a PIP that are
//! not the one route change (*afschalen*). Pure: dates and fields in, states out.
//!
//! # Rules
//!
//! * **Reviews.** A progress-review conversation held on or before today fulfils one planned
//!   review: the one the counsellor linked it to (`review_for`), else the nearest planned
//!   review not yet fulfilled (the earlier one on a tie). A planned review is then a task:
//!   held on or before its date is met, after it late, not held past its date overdue.
//! * **Minimum frequency.** After the PIP there is a review at least every
//!   [`TrajectoryRules::review_every_months`] (3, 003 §1.1), for gezinsmigranten and overige
//!   migranten every [`TrajectoryRules::review_every_months_family`] (6: "at least twice a
//!   year", 002 §5.3.1). The next review is required by the last held review (or the PIP
//!   decision) plus that many months. The municipal policy may set other values: callers pass
//!   the rules in, [`TrajectoryRules::default`] is today's.
//! * **Term.** The *inburgeringstermijn* runs [`TrajectoryRules::term_months`] (36) from the
//!   PIP decision; the last recorded extension sets a new end.
//! * **Duty decisions.** An *ontheffing*, or a *vrijstelling* of the whole duty, ends the duty
//!   on its decision date: no deadline falls on or after it any more, and an undecided PIP is
//!   no longer due. A partial vrijstelling is recorded and changes no date.

use crate::deadlines::{add_months, parse_date};
use crate::plan::Plan;
use crate::revision::Fields;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// The rules of the trajectory a municipality may set (the policy, issue 20). Defaults follow
/// the sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct TrajectoryRules {
    /// A progress review at least every this many months (003 §1.1: 3).
    pub review_every_months: u32,
    /// For gezinsmigranten and overige migranten (002 §5.3.1: at least twice a year).
    pub review_every_months_family: u32,
    /// The inburgeringstermijn, from the PIP decision (36 months).
    pub term_months: u32,
    /// The end of the term is "due soon" this many days before (90).
    pub term_due_soon_days: u32,
}

impl Default for TrajectoryRules {
    fn default() -> Self {
        TrajectoryRules {
            review_every_months: 3,
            review_every_months_family: 6,
            term_months: 36,
            term_due_soon_days: 90,
        }
    }
}

/// Target groups that are not asylum statushouders: no ontzorgen (001; 002 ch. 5), their own
/// review frequency.
pub fn is_family_migrant(target_group: Option<&str>) -> bool {
    matches!(target_group, Some("gezinsmigrant" | "overige_migrant"))
}

impl TrajectoryRules {
    /// The longest gap between reviews for a client of this target group.
    pub fn review_interval_months(&self, target_group: Option<&str>) -> u32 {
        if is_family_migrant(target_group) {
            self.review_every_months_family
        } else {
            self.review_every_months
        }
    }

    pub fn is_valid(&self) -> bool {
        (1..=12).contains(&self.review_every_months)
            && (1..=12).contains(&self.review_every_months_family)
            && (12..=72).contains(&self.term_months)
            && self.term_due_soon_days <= 365
    }
}

// ---- progress reviews ---------------------------------------------------------------------

/// A progress-review conversation that was held, and the planned review the counsellor linked
/// it to, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldReview {
    pub on: NaiveDate,
    pub fulfils: Option<NaiveDate>,
}

/// A conversation as a held review, when it is a progress review with a time. Its day is
/// the UTC day of its start, as the dashboard counts conversations.
pub fn held_review(c: &crate::records::Conversation) -> Option<HeldReview> {
    if c.conversation_type.as_deref() != Some("progress_review") {
        return None;
    }
    let starts = c.starts_at.as_deref()?.trim();
    let on = chrono::DateTime::parse_from_rfc3339(starts)
        .ok()
        .map(|t| t.to_utc().date_naive())?;
    Some(HeldReview {
        on,
        fulfils: parse_date(c.review_for.as_deref()),
    })
}

/// Which held review fulfils each planned review: the planned dates (sorted, each once) with
/// the date of the conversation that fulfils it. Conversations after `today` are
/// appointments, not reviews held, and fulfil nothing.
pub fn match_reviews(
    planned: &[NaiveDate],
    held: &[HeldReview],
    today: NaiveDate,
) -> Vec<(NaiveDate, Option<NaiveDate>)> {
    let mut planned: Vec<NaiveDate> = planned.to_vec();
    planned.sort();
    planned.dedup();
    let mut out: Vec<(NaiveDate, Option<NaiveDate>)> = planned.iter().map(|p| (*p, None)).collect();
    let mut held: Vec<HeldReview> = held.iter().filter(|h| h.on <= today).copied().collect();
    held.sort_by_key(|h| (h.on, h.fulfils));
    let mut unlinked = Vec::new();
    // Links first: a counsellor's choice wins over the nearest date.
    for h in held {
        let slot = h
            .fulfils
            .and_then(|p| out.iter_mut().find(|(d, by)| *d == p && by.is_none()));
        match slot {
            Some((_, by)) => *by = Some(h.on),
            None => unlinked.push(h),
        }
    }
    for h in unlinked {
        let nearest = out
            .iter_mut()
            .filter(|(_, by)| by.is_none())
            .min_by_key(|(d, _)| ((*d - h.on).num_days().abs(), *d));
        if let Some((_, by)) = nearest {
            *by = Some(h.on);
        }
    }
    out
}

/// The day by which the next review is required: the last review held on or after the PIP
/// decision (and on or before today), or the decision itself, plus the interval.
pub fn next_review_required_by(
    pip_decided: NaiveDate,
    held: &[HeldReview],
    months: u32,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let last = held
        .iter()
        .map(|h| h.on)
        .filter(|d| *d >= pip_decided && *d <= today)
        .max()
        .unwrap_or(pip_decided);
    add_months(last, months)
}

/// Planned reviews that come later than the minimum frequency allows after the one before
/// (or after the PIP's vaststelling): the plan leaves a gap there. An empty list when the
/// plan keeps the frequency.
pub fn review_plan_gaps(fixed_on: NaiveDate, planned: &[NaiveDate], months: u32) -> Vec<NaiveDate> {
    let mut planned: Vec<NaiveDate> = planned.iter().copied().filter(|d| *d >= fixed_on).collect();
    planned.sort();
    let mut previous = fixed_on;
    let mut out = Vec::new();
    for p in planned {
        if add_months(previous, months).is_some_and(|limit| p > limit) {
            out.push(p);
        }
        previous = p;
    }
    out
}

// ---- goals and actions --------------------------------------------------------------------

/// A goal's or an action's status.
pub const GOAL_STATUS: &[&str] = &["open", "in_progress", "reached", "not_reached", "stopped"];
/// The statuses that close a goal or an action.
pub const GOAL_CLOSED: &[&str] = &["reached", "not_reached", "stopped"];
/// The statuses that need a reason.
pub const GOAL_NEEDS_REASON: &[&str] = &["not_reached", "stopped"];
/// Case fields `goal_status/<key>` hold the current status of one goal or action: each its
/// own field, so two counsellors closing two goals never conflict, and each status's history
/// stays in the case's revisions.
pub const GOAL_STATUS_PREFIX: &str = "goal_status/";

/// The status of one goal or action, as a case field holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct GoalStatus {
    pub status: String,
    /// `YYYY-MM-DD`: when it got this status.
    pub on: String,
    /// Why (required when not reached or stopped).
    pub reason: Option<String>,
    /// The progress-review conversation in which it was discussed.
    pub conversation_id: Option<String>,
}

impl GoalStatus {
    pub fn is_closed(&self) -> bool {
        GOAL_CLOSED.contains(&self.status.as_str())
    }
}

/// The key of a subgoal: its id, or for a subgoal written before ids existed its position.
pub fn goal_key(index: usize, goal: &crate::plan::Subgoal) -> String {
    match goal.id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) => id.to_owned(),
        None => format!("g{index}"),
    }
}

/// The key of an action: its id, or its goal's key and its position.
pub fn action_key(
    goal_index: usize,
    goal: &crate::plan::Subgoal,
    index: usize,
    action: &crate::plan::PlanAction,
) -> String {
    match action
        .id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(id) => id.to_owned(),
        None => format!("{}a{index}", goal_key(goal_index, goal)),
    }
}

/// The statuses a case's fields hold, by goal or action key. Values that no longer parse are
/// left out (the goal shows as open).
pub fn goal_statuses(case_fields: &Fields) -> BTreeMap<String, GoalStatus> {
    case_fields
        .iter()
        .filter_map(|(name, value)| {
            let key = name.strip_prefix(GOAL_STATUS_PREFIX)?;
            let status: GoalStatus = serde_json::from_value(value.clone()).ok()?;
            Some((key.to_owned(), status))
        })
        .collect()
}

/// The due dates of a plan's actions with the date each was closed, if it was.
pub fn action_dates(
    plan: &Plan,
    statuses: &BTreeMap<String, GoalStatus>,
) -> Vec<(NaiveDate, Option<NaiveDate>)> {
    let mut out = Vec::new();
    for (gi, goal) in plan.subgoals.iter().enumerate() {
        let goal_closed = statuses
            .get(&goal_key(gi, goal))
            .filter(|s| s.is_closed())
            .and_then(|s| parse_date(Some(&s.on)));
        for (ai, action) in goal.actions.iter().enumerate() {
            let Some(due) = parse_date(action.due_on.as_deref()) else {
                continue;
            };
            let closed = statuses
                .get(&action_key(gi, goal, ai, action))
                .filter(|s| s.is_closed())
                .and_then(|s| parse_date(Some(&s.on)))
                .or(goal_closed);
            out.push((due, closed));
        }
    }
    out
}

// ---- the term and the duty ----------------------------------------------------------------

/// An extension of the inburgeringstermijn (case field `term_extensions`, a list).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct TermExtension {
    /// The new last day of the term.
    pub new_end: String,
    pub reason: String,
    pub decided_on: String,
}

/// The end of the term: the last extension's new end, else the PIP decision plus the term.
pub fn term_end(
    pip_decided: Option<NaiveDate>,
    extensions: &[TermExtension],
    rules: &TrajectoryRules,
) -> Option<NaiveDate> {
    let base = add_months(pip_decided?, rules.term_months)?;
    Some(
        extensions
            .iter()
            .rev()
            .find_map(|e| parse_date(Some(&e.new_end)))
            .unwrap_or(base),
    )
}

/// Why an extension of the term is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExtensionRefusal {
    #[error("the term starts with the PIP decision; there is none yet")]
    NoTerm,
    #[error("an extension ends after the current end")]
    NotLater,
    #[error("an extension needs a reason")]
    ReasonMissing,
}

/// Whether an extension to `new_end` may be recorded: the term runs (a PIP was decided), the
/// new end is after the current one, and there is a reason.
pub fn check_extension(
    current_end: Option<NaiveDate>,
    new_end: NaiveDate,
    reason: &str,
) -> Result<(), ExtensionRefusal> {
    let end = current_end.ok_or(ExtensionRefusal::NoTerm)?;
    if new_end <= end {
        return Err(ExtensionRefusal::NotLater);
    }
    if reason.trim().is_empty() {
        return Err(ExtensionRefusal::ReasonMissing);
    }
    Ok(())
}

pub const DUTY_DECISION_KIND: &[&str] = &["vrijstelling", "ontheffing"];
pub const DUTY_DECISION_SCOPE: &[&str] = &["whole", "part"];
/// The grounds the sources name: a medical reason, a level already proven (a diploma),
/// demonstrable efforts, or another.
pub const DUTY_DECISION_GROUNDS: &[&str] = &["medical", "proven_level", "efforts", "other"];

/// A recorded vrijstelling or ontheffing of the duty (case field `duty_decision`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DutyDecision {
    pub kind: String,
    /// `whole` or `part` (a vrijstelling may cover part of the duty; an ontheffing is whole).
    pub scope: String,
    pub grounds: String,
    pub decided_on: String,
    pub note: Option<String>,
}

impl DutyDecision {
    /// The day the duty ends, when the decision ends it.
    pub fn duty_ends_on(&self) -> Option<NaiveDate> {
        let whole = self.kind == "ontheffing" || self.scope == "whole";
        whole.then(|| parse_date(Some(&self.decided_on))).flatten()
    }
}

// ---- ontzorgen -----------------------------------------------------------------------------

/// The month-5 decision on ontzorgen (001).
pub const ONTZORGEN_OUTCOME: &[&str] = &["continue", "stop", "budget_management"];

/// The end of ontzorgen: the regular end, or a later extension when the outcome was to
/// continue.
pub fn ontzorgen_end(
    regular_end: Option<NaiveDate>,
    outcome: Option<&str>,
    extended_to: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match (outcome, extended_to, regular_end) {
        (Some("continue"), Some(ext), Some(end)) if ext > end => Some(ext),
        (Some("continue"), Some(ext), None) => Some(ext),
        _ => regular_end,
    }
}

// ---- Z-route hours -------------------------------------------------------------------------

/// The two parts of the Z-route (002 §4.5): language with KNM, and participation (PVT and
/// MAP included).
pub const Z_ACTIVITIES: &[&str] = &["language_knm", "participation"];
/// Hours each part asks for over the term (002 §4.5: 800 + 800).
pub const Z_NORM_HOURS: u32 = 800;
/// Case fields `z_hours/<YYYY-MM>` hold one month's hours (a list by activity): each month its
/// own field, so months entered on two laptops merge.
pub const Z_HOURS_PREFIX: &str = "z_hours/";
/// Hours in a month cannot exceed the hours a month has.
pub const Z_MAX_MONTH_HOURS: i64 = 744;

/// One activity's hours in one month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ZHours {
    pub activity: String,
    pub planned: u32,
    pub attended: u32,
}

/// A month's field name part: `YYYY-MM` with a real month.
pub fn is_period(s: &str) -> bool {
    s.len() == 7 && NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").is_ok()
}

/// The months a case's fields hold, oldest first. Values that no longer parse are left out.
pub fn z_hours(case_fields: &Fields) -> BTreeMap<String, Vec<ZHours>> {
    case_fields
        .iter()
        .filter_map(|(name, value)| {
            let period = name.strip_prefix(Z_HOURS_PREFIX).filter(|p| is_period(p))?;
            let hours: Vec<ZHours> = serde_json::from_value(value.clone()).ok()?;
            Some((period.to_owned(), hours))
        })
        .collect()
}

/// Totals per activity against the norm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ZTotal {
    pub activity: String,
    pub planned: u32,
    pub attended: u32,
    pub norm: u32,
    /// Hours still to attend to reach the norm (0 once reached).
    pub remaining: u32,
}

pub fn z_totals(months: &BTreeMap<String, Vec<ZHours>>) -> Vec<ZTotal> {
    Z_ACTIVITIES
        .iter()
        .map(|activity| {
            let of = months
                .values()
                .flatten()
                .filter(|h| h.activity == *activity);
            let planned = of.clone().map(|h| h.planned).sum::<u32>();
            let attended = of.map(|h| h.attended).sum::<u32>();
            ZTotal {
                activity: (*activity).to_owned(),
                planned,
                attended,
                norm: Z_NORM_HOURS,
                remaining: Z_NORM_HOURS.saturating_sub(attended),
            }
        })
        .collect()
}

// ---- adjusting the PIP (afschalen) ---------------------------------------------------------

/// The exam level a route aims at (plan field `exam_level`).
pub const EXAM_LEVEL: &[&str] = &["a2", "b1", "b2"];

/// The level a route aims at when the plan names none: B1 for the B1 route, higher (B2) for
/// the onderwijsroute, none for the Z-route.
pub fn default_level(legal_route: &str) -> Option<&'static str> {
    match legal_route {
        "b1" => Some("b1"),
        "onderwijs" => Some("b2"),
        _ => None,
    }
}

/// Why a change of exam level is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LevelChangeRefusal {
    #[error("an afschaling needs a reason")]
    ReasonMissing,
    #[error("this change of level is not an afschaling the route allows")]
    NotAllowed,
}

/// Whether a version on `legal_route` may go from level `from` to level `to` (either `None`
/// for the route's default). Within the same route only *afschalen* is an adjustment: the B1
/// route to A2 (Wi2021), the onderwijsroute to B1 (000). It needs a reason and does not count
/// as the one route change.
pub fn check_level_change(
    legal_route: &str,
    from: Option<&str>,
    to: Option<&str>,
    reason: Option<&str>,
) -> Result<(), LevelChangeRefusal> {
    let from = from.or(default_level(legal_route));
    let to = to.or(default_level(legal_route));
    if from == to {
        return Ok(());
    }
    let allowed = matches!(
        (legal_route, from, to),
        ("b1", Some("b1"), Some("a2")) | ("onderwijs", Some("b2"), Some("b1"))
    );
    if !allowed {
        return Err(LevelChangeRefusal::NotAllowed);
    }
    if reason.is_none_or(|r| r.trim().is_empty()) {
        return Err(LevelChangeRefusal::ReasonMissing);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn held(on: &str) -> HeldReview {
        HeldReview {
            on: d(on),
            fulfils: None,
        }
    }

    #[test]
    fn a_held_review_fulfils_the_nearest_planned_one() {
        let planned = [d("2026-04-01"), d("2026-07-01")];
        // Held 2026-06-20: eleven days from July, eighty from April.
        let m = match_reviews(&planned, &[held("2026-06-20")], d("2026-07-10"));
        assert_eq!(
            m,
            vec![
                (d("2026-04-01"), None),
                (d("2026-07-01"), Some(d("2026-06-20")))
            ]
        );
        // Exactly between two planned reviews: the earlier one.
        let m = match_reviews(
            &[d("2026-04-01"), d("2026-04-11")],
            &[held("2026-04-06")],
            d("2026-05-01"),
        );
        assert_eq!(m[0].1, Some(d("2026-04-06")));
        assert_eq!(m[1].1, None);
        // One conversation fulfils one review; a second fulfils the next.
        let m = match_reviews(
            &planned,
            &[held("2026-06-20"), held("2026-06-25")],
            d("2026-07-10"),
        );
        assert_eq!(m[0].1, Some(d("2026-06-25")));
        assert_eq!(m[1].1, Some(d("2026-06-20")));
    }

    #[test]
    fn a_link_wins_over_the_nearest_date_and_a_future_conversation_fulfils_nothing() {
        let planned = [d("2026-04-01"), d("2026-07-01")];
        let linked = HeldReview {
            on: d("2026-06-20"),
            fulfils: Some(d("2026-04-01")),
        };
        let m = match_reviews(&planned, &[linked], d("2026-07-10"));
        assert_eq!(m[0].1, Some(d("2026-06-20")));
        assert_eq!(m[1].1, None);
        // A link to a date no longer planned falls back to the nearest.
        let stale = HeldReview {
            on: d("2026-06-20"),
            fulfils: Some(d("2026-05-05")),
        };
        assert_eq!(
            match_reviews(&planned, &[stale], d("2026-07-10"))[1].1,
            Some(d("2026-06-20"))
        );
        // Held the day before, on and after today.
        for (today, fulfilled) in [
            ("2026-06-19", false),
            ("2026-06-20", true),
            ("2026-06-21", true),
        ] {
            let m = match_reviews(&planned, &[held("2026-06-20")], d(today));
            assert_eq!(m[1].1.is_some(), fulfilled, "today {today}");
        }
    }

    #[test]
    fn the_minimum_frequency_depends_on_the_target_group() {
        let rules = TrajectoryRules::default();
        assert_eq!(rules.review_interval_months(Some("statushouder")), 3);
        assert_eq!(rules.review_interval_months(Some("nareiziger")), 3);
        assert_eq!(rules.review_interval_months(None), 3);
        assert_eq!(rules.review_interval_months(Some("gezinsmigrant")), 6);
        assert_eq!(rules.review_interval_months(Some("overige_migrant")), 6);
        let policy = TrajectoryRules {
            review_every_months: 2,
            ..TrajectoryRules::default()
        };
        assert_eq!(policy.review_interval_months(Some("statushouder")), 2);
        assert!(policy.is_valid());
        assert!(!TrajectoryRules {
            review_every_months: 0,
            ..TrajectoryRules::default()
        }
        .is_valid());
    }

    #[test]
    fn the_next_review_is_required_by_the_last_one_plus_the_interval() {
        let pip = d("2026-01-15");
        assert_eq!(
            next_review_required_by(pip, &[], 3, d("2026-02-01")),
            Some(d("2026-04-15"))
        );
        let reviews = [held("2026-04-10"), held("2025-12-01")];
        assert_eq!(
            next_review_required_by(pip, &reviews, 3, d("2026-04-10")),
            Some(d("2026-07-10"))
        );
        // The day before the review was held it does not count yet.
        assert_eq!(
            next_review_required_by(pip, &reviews, 3, d("2026-04-09")),
            Some(d("2026-04-15"))
        );
    }

    #[test]
    fn a_plan_whose_reviews_are_too_far_apart_has_gaps() {
        let fixed = d("2026-01-15");
        // Three months after 2026-01-15 is 2026-04-15: on it is fine, the day after a gap.
        assert!(review_plan_gaps(fixed, &[d("2026-04-15")], 3).is_empty());
        assert_eq!(
            review_plan_gaps(fixed, &[d("2026-04-16")], 3),
            vec![d("2026-04-16")]
        );
        assert_eq!(
            review_plan_gaps(
                fixed,
                &[d("2026-04-01"), d("2026-07-02"), d("2026-10-01")],
                3
            ),
            vec![d("2026-07-02")]
        );
        assert!(review_plan_gaps(fixed, &[d("2026-07-15")], 6).is_empty());
    }

    #[test]
    fn statuses_are_read_by_key_and_close_actions() {
        use crate::plan::{PlanAction, Subgoal};
        let plan = Plan {
            subgoals: vec![
                Subgoal {
                    id: Some("werk".into()),
                    goal: "Werk".into(),
                    actions: vec![
                        PlanAction {
                            id: Some("cv".into()),
                            action: "CV maken".into(),
                            due_on: Some("2026-03-01".into()),
                            ..Default::default()
                        },
                        PlanAction {
                            action: "Solliciteren".into(),
                            due_on: Some("2026-05-01".into()),
                            ..Default::default()
                        },
                    ],
                },
                Subgoal {
                    goal: "Taal".into(),
                    actions: vec![PlanAction {
                        action: "Les".into(),
                        due_on: Some("2026-06-01".into()),
                        ..Default::default()
                    }],
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        assert_eq!(goal_key(1, &plan.subgoals[1]), "g1");
        assert_eq!(
            action_key(0, &plan.subgoals[0], 1, &plan.subgoals[0].actions[1]),
            "werka1"
        );
        let fields = serde_json::json!({
            "goal_status/cv": {"status": "reached", "on": "2026-02-20"},
            "goal_status/g1": {"status": "stopped", "on": "2026-04-01", "reason": "verhuisd"},
            "goal_status/werka1": {"status": "in_progress", "on": "2026-04-01"},
            "goal_status/broken": 42,
            "status": "route"
        });
        let statuses = goal_statuses(fields.as_object().unwrap());
        assert_eq!(statuses.len(), 3);
        assert_eq!(
            action_dates(&plan, &statuses),
            vec![
                (d("2026-03-01"), Some(d("2026-02-20"))),
                (d("2026-05-01"), None),
                // The goal was stopped, so its action is closed with it.
                (d("2026-06-01"), Some(d("2026-04-01"))),
            ]
        );
    }

    #[test]
    fn the_term_runs_three_years_from_the_pip_and_an_extension_moves_it() {
        let rules = TrajectoryRules::default();
        let pip = Some(d("2026-01-31"));
        assert_eq!(term_end(pip, &[], &rules), Some(d("2029-01-31")));
        assert_eq!(term_end(None, &[], &rules), None);
        let ext = |end: &str| TermExtension {
            new_end: end.into(),
            reason: "ziekte".into(),
            decided_on: "2028-10-01".into(),
        };
        assert_eq!(
            term_end(pip, &[ext("2029-07-31")], &rules),
            Some(d("2029-07-31"))
        );
        // The last extension counts; one whose date does not parse is passed over.
        assert_eq!(
            term_end(
                pip,
                &[ext("2029-07-31"), ext("2029-12-31"), ext("x")],
                &rules
            ),
            Some(d("2029-12-31"))
        );
    }

    #[test]
    fn an_extension_must_end_later_than_the_current_end() {
        let end = Some(d("2029-01-15"));
        assert_eq!(
            check_extension(end, d("2029-01-15"), "ziekte"),
            Err(ExtensionRefusal::NotLater)
        );
        assert_eq!(check_extension(end, d("2029-01-16"), "ziekte"), Ok(()));
        assert_eq!(
            check_extension(end, d("2029-01-16"), " "),
            Err(ExtensionRefusal::ReasonMissing)
        );
        assert_eq!(
            check_extension(None, d("2029-01-16"), "ziekte"),
            Err(ExtensionRefusal::NoTerm)
        );
    }

    #[test]
    fn only_progress_review_conversations_are_held_reviews() {
        let mut c = crate::records::Conversation {
            conversation_type: Some("check_in".into()),
            starts_at: Some("2026-04-01T09:00:00Z".into()),
            review_for: Some("2026-03-30".into()),
            ..Default::default()
        };
        assert_eq!(held_review(&c), None);
        c.conversation_type = Some("progress_review".into());
        assert_eq!(
            held_review(&c),
            Some(HeldReview {
                on: d("2026-04-01"),
                fulfils: Some(d("2026-03-30"))
            })
        );
        c.starts_at = None;
        assert_eq!(held_review(&c), None);
    }

    #[test]
    fn an_ontheffing_or_a_whole_vrijstelling_ends_the_duty() {
        let decision = |kind: &str, scope: &str| DutyDecision {
            kind: kind.into(),
            scope: scope.into(),
            grounds: "medical".into(),
            decided_on: "2026-05-01".into(),
            note: None,
        };
        assert_eq!(
            decision("ontheffing", "").duty_ends_on(),
            Some(d("2026-05-01"))
        );
        assert_eq!(
            decision("vrijstelling", "whole").duty_ends_on(),
            Some(d("2026-05-01"))
        );
        assert_eq!(decision("vrijstelling", "part").duty_ends_on(), None);
    }

    #[test]
    fn an_ontzorgen_extension_moves_the_end_only_when_continued() {
        let end = Some(d("2026-06-01"));
        let later = Some(d("2026-09-01"));
        assert_eq!(ontzorgen_end(end, Some("continue"), later), later);
        assert_eq!(ontzorgen_end(end, Some("stop"), later), end);
        assert_eq!(ontzorgen_end(end, Some("budget_management"), later), end);
        assert_eq!(ontzorgen_end(end, None, later), end);
        // An "extension" before the regular end does not shorten it.
        assert_eq!(
            ontzorgen_end(end, Some("continue"), Some(d("2026-05-01"))),
            end
        );
    }

    #[test]
    fn z_route_hours_add_up_per_activity_against_the_norm() {
        let fields = serde_json::json!({
            "z_hours/2026-01": [{"activity": "language_knm", "planned": 60, "attended": 52},
                                {"activity": "participation", "planned": 40, "attended": 40}],
            "z_hours/2026-02": [{"activity": "language_knm", "planned": 60, "attended": 60}],
            "z_hours/2026-13": [{"activity": "language_knm", "planned": 999, "attended": 999}],
            "z_hours/2026-03": "broken"
        });
        let months = z_hours(fields.as_object().unwrap());
        assert_eq!(months.keys().collect::<Vec<_>>(), ["2026-01", "2026-02"]);
        let totals = z_totals(&months);
        assert_eq!(
            (totals[0].planned, totals[0].attended, totals[0].remaining),
            (120, 112, 688)
        );
        assert_eq!((totals[1].attended, totals[1].norm), (40, 800));
        // Past the norm, nothing remains.
        let many: BTreeMap<String, Vec<ZHours>> = (1..=12)
            .map(|m| {
                (
                    format!("2026-{m:02}"),
                    vec![ZHours {
                        activity: "participation".into(),
                        planned: 70,
                        attended: 70,
                    }],
                )
            })
            .collect();
        assert_eq!(z_totals(&many)[1].attended, 840);
        assert_eq!(z_totals(&many)[1].remaining, 0);
        assert!(is_period("2026-12") && !is_period("2026-1") && !is_period("2026-00"));
    }

    #[test]
    fn afschalen_is_allowed_within_the_route_with_a_reason() {
        assert_eq!(
            check_level_change("b1", None, Some("a2"), Some("400 uur")),
            Ok(())
        );
        assert_eq!(
            check_level_change("b1", Some("b1"), Some("a2"), Some(" ")),
            Err(LevelChangeRefusal::ReasonMissing)
        );
        assert_eq!(
            check_level_change("onderwijs", None, Some("b1"), Some("r")),
            Ok(())
        );
        assert_eq!(
            check_level_change("onderwijs", None, Some("a2"), Some("r")),
            Err(LevelChangeRefusal::NotAllowed)
        );
        assert_eq!(
            check_level_change("b1", Some("a2"), Some("b2"), Some("r")),
            Err(LevelChangeRefusal::NotAllowed)
        );
        assert_eq!(
            check_level_change("b1", Some("a2"), Some("a2"), None),
            Ok(())
        );
        assert_eq!(check_level_change("z", None, None, None), Ok(()));
    }
}
