//! The legal and municipal deadlines of a case, computed from its dates, a municipality's
//! terms and "today". Pure: no clock, no store.
//!
//! # Calendar rules (the same for every deadline)
//!
//! * A term runs from a start date; the start day is day 0. The **due date** is the start
//!   date plus the term: plus `7 × weeks` days for a term in weeks, plus the calendar months
//!   for a term in months.
//! * Adding months keeps the day of the month; when the target month is shorter, the date is
//!   **clamped to its last day** (31 January + 1 month = 28 or 29 February; 31 August 2024 +
//!   18 months = 28 February 2026). This is chrono's `checked_add_months`.
//! * The due date is **inclusive**: something done on the due date is on time ("within ten
//!   weeks" includes the seventieth day); done the day after is late. On the due date itself
//!   an open deadline is still open (due soon, 0 days left); the day after it is overdue.
//! * **Due soon** means 0 ≤ days left ≤ the window (14 days by default): with a window of 14
//!   days a deadline 14 days away is due soon, 15 days away it is open.
//!
//! Process.md §15 leaves open from which moment the 10-week PIP term runs; it is a setting
//! ([`PipTermStart`]): the koppeling date (default) or the start of the brede intake.

use crate::records::{Case, Client};
use crate::trajectory::{
    is_family_migrant, match_reviews, next_review_required_by, ontzorgen_end, term_end, HeldReview,
    TermExtension, TrajectoryRules,
};
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// From which date the PIP term runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PipTermStart {
    #[default]
    Koppeling,
    IntakeStart,
}

/// A municipality's terms. Defaults follow process.md §14.1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Terms {
    /// The PIP must be decided within this many weeks (Wi2021: 10).
    pub pip_weeks: u32,
    pub pip_start: PipTermStart,
    /// The single route change is allowed within this many months of the PIP decision (18).
    pub route_change_months: u32,
    /// Ontzorgen lasts this many months from its start (6), with a follow-up at month 3
    /// and the decision on continuing at month 5.
    pub ontzorgen_months: u32,
    pub ontzorgen_follow_up_month: u32,
    pub ontzorgen_decision_month: u32,
    /// An open deadline this many days away or fewer is "due soon" (14).
    pub due_soon_days: u32,
}

impl Default for Terms {
    fn default() -> Self {
        Terms {
            pip_weeks: 10,
            pip_start: PipTermStart::Koppeling,
            route_change_months: 18,
            ontzorgen_months: 6,
            ontzorgen_follow_up_month: 3,
            ontzorgen_decision_month: 5,
            due_soon_days: 14,
        }
    }
}

impl Terms {
    /// Whether the terms are within sensible bounds (the settings screen refuses others).
    pub fn is_valid(&self) -> bool {
        (1..=52).contains(&self.pip_weeks)
            && (1..=60).contains(&self.route_change_months)
            && (1..=36).contains(&self.ontzorgen_months)
            && (1..=36).contains(&self.ontzorgen_follow_up_month)
            && (1..=36).contains(&self.ontzorgen_decision_month)
            && self.ontzorgen_follow_up_month <= self.ontzorgen_decision_month
            && self.due_soon_days <= 90
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeadlineKind {
    /// The PIP decided within the term after koppeling (or intake start).
    Pip,
    /// The last day on which the single route change is allowed.
    RouteChangeWindow,
    /// Ontzorgen: phone follow-up on invoices and direct debits (month 3).
    OntzorgenFollowUp,
    /// Ontzorgen: decide whether it continues after the six months (month 5).
    OntzorgenDecision,
    /// Ontzorgen: the end of the six months.
    OntzorgenEnd,
    /// A progress review (*voortgangsgesprek*) planned in the fixed PIP: done when a
    /// progress-review conversation fulfils it (`trajectory::match_reviews`).
    ProgressReview,
    /// The minimum frequency: the next review is required by the last one plus the interval
    /// for the client's target group.
    ReviewInterval,
    /// An action of the fixed PIP with a date, until its status (or its goal's) closes it.
    ActionDue,
    /// The end of the inburgeringstermijn (three years from the PIP, or as extended).
    InburgeringTerm,
    /// Z-route: the mandatory final conversation (*eindgesprek*), by the end of the term.
    ZFinalConversation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeadlineState {
    /// Done on or before the due date.
    Met,
    /// Done after the due date.
    MetLate,
    /// Not done, more than the due-soon window away.
    Open,
    /// Not done, due within the window (or today).
    DueSoon,
    /// Not done, and the due date has gone by.
    Overdue,
    /// A window or an end date that has gone by (nothing to do: route change, end of
    /// ontzorgen).
    Passed,
    /// The start date is missing: see `missing` for the field to enter.
    Unknown,
}

impl DeadlineState {
    /// Whether the deadline asks for attention (the reminder badge counts these).
    pub fn needs_attention(self) -> bool {
        matches!(self, DeadlineState::DueSoon | DeadlineState::Overdue)
    }
}

/// One deadline of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: Option<NaiveDate>,
    /// When it was done (PIP decided, follow-up held, decision taken), if it was.
    pub done: Option<NaiveDate>,
    pub state: DeadlineState,
    /// Days from today to the due date (negative once it has gone by); for a deadline
    /// that was done, days from the due date to the done date (positive when late).
    pub days: Option<i64>,
    /// The field whose absence makes the deadline unknown.
    pub missing: Option<&'static str>,
}

/// The dates a case's deadlines are computed from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseDates {
    pub koppeling: Option<NaiveDate>,
    pub intake_started: Option<NaiveDate>,
    pub pip_decided: Option<NaiveDate>,
    pub ontzorgen_started: Option<NaiveDate>,
    pub ontzorgen_follow_up: Option<NaiveDate>,
    pub ontzorgen_decided: Option<NaiveDate>,
    /// Progress reviews planned in the case's last fixed PIP (filled by the caller, which
    /// reads the PIP).
    pub progress_reviews: Vec<NaiveDate>,
    /// Progress-review conversations of the case (filled by the caller).
    pub held_reviews: Vec<HeldReview>,
    /// The due dates of the last fixed PIP's actions, with the day each was closed
    /// (`trajectory::action_dates`; filled by the caller).
    pub actions: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// The client's target group: gezinsmigranten have no ontzorgen and their own review
    /// frequency.
    pub target_group: Option<String>,
    pub ontzorgen_outcome: Option<String>,
    pub ontzorgen_extended_to: Option<NaiveDate>,
    pub term_extensions: Vec<TermExtension>,
    /// The day a vrijstelling or ontheffing ended the duty.
    pub duty_ends: Option<NaiveDate>,
    /// The frequency and the term: today's defaults, or the municipal policy's.
    pub rules: TrajectoryRules,
    /// Whether the last fixed PIP puts the client on the Z-route (filled by the caller).
    pub z_route: bool,
    pub z_final_conversation: Option<NaiveDate>,
}

/// A stored `YYYY-MM-DD` date; anything else counts as missing.
pub fn parse_date(s: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s?.trim(), "%Y-%m-%d").ok()
}

impl CaseDates {
    pub fn from_records(client: &Client, case: &Case) -> Self {
        CaseDates {
            koppeling: parse_date(client.koppeling_date.as_deref()),
            intake_started: parse_date(case.intake_started_on.as_deref()),
            pip_decided: parse_date(case.pip_decided_on.as_deref()),
            ontzorgen_started: parse_date(case.ontzorgen_started_on.as_deref()),
            ontzorgen_follow_up: parse_date(case.ontzorgen_follow_up_on.as_deref()),
            ontzorgen_decided: parse_date(case.ontzorgen_decided_on.as_deref()),
            progress_reviews: Vec::new(),
            held_reviews: Vec::new(),
            actions: Vec::new(),
            target_group: client.target_group.clone(),
            ontzorgen_outcome: case.ontzorgen_outcome.clone(),
            ontzorgen_extended_to: parse_date(case.ontzorgen_extended_to.as_deref()),
            term_extensions: case.term_extensions.clone(),
            duty_ends: case.duty_decision.as_ref().and_then(|d| d.duty_ends_on()),
            rules: TrajectoryRules::default(),
            z_route: false,
            z_final_conversation: parse_date(case.z_final_conversation_on.as_deref()),
        }
    }
}

/// `start` plus `months` calendar months, clamped to the end of a shorter month.
pub fn add_months(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(months))
}

/// `start` plus `weeks` weeks.
pub fn add_weeks(start: NaiveDate, weeks: u32) -> Option<NaiveDate> {
    start.checked_add_days(Days::new(u64::from(weeks) * 7))
}

/// A deadline that is a task: done (on time or late), or open / due soon / overdue.
fn task(
    kind: DeadlineKind,
    due: Option<NaiveDate>,
    done: Option<NaiveDate>,
    missing: &'static str,
    today: NaiveDate,
    terms: &Terms,
) -> Deadline {
    let Some(due) = due else {
        return Deadline {
            kind,
            due: None,
            done,
            state: DeadlineState::Unknown,
            days: None,
            missing: Some(missing),
        };
    };
    let (state, days) = match done {
        Some(done) => {
            let late = (done - due).num_days();
            let state = if late <= 0 {
                DeadlineState::Met
            } else {
                DeadlineState::MetLate
            };
            (state, late)
        }
        None => {
            let left = (due - today).num_days();
            (open_state(left, terms), left)
        }
    };
    Deadline {
        kind,
        due: Some(due),
        done,
        state,
        days: Some(days),
        missing: None,
    }
}

fn open_state(days_left: i64, terms: &Terms) -> DeadlineState {
    if days_left < 0 {
        DeadlineState::Overdue
    } else if days_left <= i64::from(terms.due_soon_days) {
        DeadlineState::DueSoon
    } else {
        DeadlineState::Open
    }
}

/// A deadline that is a date to be aware of (a window closing, an end): it passes rather
/// than becoming overdue.
fn event(
    kind: DeadlineKind,
    due: Option<NaiveDate>,
    missing: &'static str,
    today: NaiveDate,
    terms: &Terms,
) -> Deadline {
    let Some(due) = due else {
        return Deadline {
            kind,
            due: None,
            done: None,
            state: DeadlineState::Unknown,
            days: None,
            missing: Some(missing),
        };
    };
    let left = (due - today).num_days();
    let state = match open_state(left, terms) {
        DeadlineState::Overdue => DeadlineState::Passed,
        other => other,
    };
    Deadline {
        kind,
        due: Some(due),
        done: None,
        state,
        days: Some(left),
        missing: None,
    }
}

/// The PIP's due date and the field it depends on.
pub fn pip_due(dates: &CaseDates, terms: &Terms) -> (Option<NaiveDate>, &'static str) {
    let (start, field) = match terms.pip_start {
        PipTermStart::Koppeling => (dates.koppeling, "koppeling_date"),
        PipTermStart::IntakeStart => (dates.intake_started, "intake_started_on"),
    };
    (start.and_then(|s| add_weeks(s, terms.pip_weeks)), field)
}

/// The last day on which the single route change is allowed (inclusive).
pub fn route_change_last_day(pip_decided: NaiveDate, terms: &Terms) -> Option<NaiveDate> {
    add_months(pip_decided, terms.route_change_months)
}

/// Every deadline of a case on `today`. The ontzorgen deadlines appear only when ontzorgen
/// has a start date and the client is not a gezinsmigrant (gezinsmigranten are never
/// unburdened: 002 ch. 5). When a vrijstelling or ontheffing ended the duty, nothing is due on
/// or after that day, nor an undecided PIP (process.md §3.3).
pub fn case_deadlines(dates: &CaseDates, terms: &Terms, today: NaiveDate) -> Vec<Deadline> {
    let mut out = Vec::with_capacity(8);
    let (due, field) = pip_due(dates, terms);
    out.push(task(
        DeadlineKind::Pip,
        due,
        dates.pip_decided,
        field,
        today,
        terms,
    ));
    out.push(event(
        DeadlineKind::RouteChangeWindow,
        dates
            .pip_decided
            .and_then(|p| route_change_last_day(p, terms)),
        "pip_decided_on",
        today,
        terms,
    ));
    let family = is_family_migrant(dates.target_group.as_deref());
    if let (Some(start), false) = (dates.ontzorgen_started, family) {
        out.push(task(
            DeadlineKind::OntzorgenFollowUp,
            add_months(start, terms.ontzorgen_follow_up_month),
            dates.ontzorgen_follow_up,
            "ontzorgen_started_on",
            today,
            terms,
        ));
        out.push(task(
            DeadlineKind::OntzorgenDecision,
            add_months(start, terms.ontzorgen_decision_month),
            dates.ontzorgen_decided,
            "ontzorgen_started_on",
            today,
            terms,
        ));
        out.push(event(
            DeadlineKind::OntzorgenEnd,
            ontzorgen_end(
                add_months(start, terms.ontzorgen_months),
                dates.ontzorgen_outcome.as_deref(),
                dates.ontzorgen_extended_to,
            ),
            "ontzorgen_started_on",
            today,
            terms,
        ));
    }
    for (planned, held) in match_reviews(&dates.progress_reviews, &dates.held_reviews, today) {
        out.push(task(
            DeadlineKind::ProgressReview,
            Some(planned),
            held,
            "reviews",
            today,
            terms,
        ));
    }
    if let Some(pip) = dates.pip_decided {
        let months = dates
            .rules
            .review_interval_months(dates.target_group.as_deref());
        out.push(task(
            DeadlineKind::ReviewInterval,
            next_review_required_by(pip, &dates.held_reviews, months, today),
            None,
            "pip_decided_on",
            today,
            terms,
        ));
    }
    for (due, closed) in &dates.actions {
        out.push(task(
            DeadlineKind::ActionDue,
            Some(*due),
            *closed,
            "subgoals",
            today,
            terms,
        ));
    }
    if dates.pip_decided.is_some() {
        let window = Terms {
            due_soon_days: dates.rules.term_due_soon_days,
            ..terms.clone()
        };
        let end = term_end(dates.pip_decided, &dates.term_extensions, &dates.rules);
        out.push(task(
            DeadlineKind::InburgeringTerm,
            end,
            None,
            "pip_decided_on",
            today,
            &window,
        ));
        if dates.z_route {
            out.push(task(
                DeadlineKind::ZFinalConversation,
                end,
                dates.z_final_conversation,
                "pip_decided_on",
                today,
                &window,
            ));
        }
    }
    if let Some(end) = dates.duty_ends {
        out.retain(|d| match (d.kind, d.done, d.due) {
            (DeadlineKind::Pip, None, _) => false,
            (_, Some(_), _) => true,
            (_, None, Some(due)) => due < end,
            (_, None, None) => false,
        });
    }
    out
}

/// Why a route change is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RouteChangeRefusal {
    #[error("no PIP decision yet")]
    NoPipDecision,
    #[error("the date is before the PIP decision")]
    BeforePipDecision,
    #[error("the one route change has been used")]
    AlreadyChanged,
    #[error("more than the allowed months after the PIP decision")]
    WindowClosed,
}

/// Whether a route change on `on` is allowed: only one change, and only on or before the
/// last day of the window (the PIP decision date plus 18 months, inclusive; see the module
/// documentation for the month arithmetic). `changes_so_far` counts route changes already
/// recorded. The PIP records enforce this; here is the rule.
pub fn route_change_allowed(
    pip_decided: Option<NaiveDate>,
    changes_so_far: u32,
    on: NaiveDate,
    terms: &Terms,
) -> Result<(), RouteChangeRefusal> {
    let pip = pip_decided.ok_or(RouteChangeRefusal::NoPipDecision)?;
    if changes_so_far >= 1 {
        return Err(RouteChangeRefusal::AlreadyChanged);
    }
    if on < pip {
        return Err(RouteChangeRefusal::BeforePipDecision);
    }
    match route_change_last_day(pip, terms) {
        Some(last) if on <= last => Ok(()),
        _ => Err(RouteChangeRefusal::WindowClosed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn terms() -> Terms {
        Terms::default()
    }

    fn pip(dates: &CaseDates, today: &str) -> Deadline {
        case_deadlines(dates, &terms(), d(today))
            .into_iter()
            .find(|x| x.kind == DeadlineKind::Pip)
            .unwrap()
    }

    fn of(kind: DeadlineKind, dates: &CaseDates, today: &str) -> Deadline {
        case_deadlines(dates, &terms(), d(today))
            .into_iter()
            .find(|x| x.kind == kind)
            .unwrap()
    }

    fn koppeling(s: &str) -> CaseDates {
        CaseDates {
            koppeling: Some(d(s)),
            ..Default::default()
        }
    }

    #[test]
    fn pip_is_due_ten_weeks_after_koppeling() {
        // 2026-01-05 + 70 days = 2026-03-16.
        let dates = koppeling("2026-01-05");
        assert_eq!(pip(&dates, "2026-01-05").due, Some(d("2026-03-16")));
        assert_eq!(pip(&dates, "2026-01-05").days, Some(70));
        assert_eq!(pip(&dates, "2026-01-05").state, DeadlineState::Open);
    }

    #[test]
    fn pip_open_state_at_each_boundary() {
        // Due 2026-03-16; the due-soon window (14 days) opens on 2026-03-02.
        let dates = koppeling("2026-01-05");
        assert_eq!(pip(&dates, "2026-03-01").state, DeadlineState::Open);
        assert_eq!(pip(&dates, "2026-03-01").days, Some(15));
        assert_eq!(pip(&dates, "2026-03-02").state, DeadlineState::DueSoon);
        assert_eq!(pip(&dates, "2026-03-02").days, Some(14));
        // The day before, the day of and the day after the due date.
        assert_eq!(pip(&dates, "2026-03-15").state, DeadlineState::DueSoon);
        assert_eq!(pip(&dates, "2026-03-15").days, Some(1));
        assert_eq!(pip(&dates, "2026-03-16").state, DeadlineState::DueSoon);
        assert_eq!(pip(&dates, "2026-03-16").days, Some(0));
        assert_eq!(pip(&dates, "2026-03-17").state, DeadlineState::Overdue);
        assert_eq!(pip(&dates, "2026-03-17").days, Some(-1));
    }

    #[test]
    fn pip_decided_the_day_before_of_and_after_the_due_date() {
        let mut dates = koppeling("2026-01-05"); // due 2026-03-16
        for (decided, state, days) in [
            ("2026-03-15", DeadlineState::Met, -1),
            ("2026-03-16", DeadlineState::Met, 0),
            ("2026-03-17", DeadlineState::MetLate, 1),
        ] {
            dates.pip_decided = Some(d(decided));
            // Whatever today is, a decided PIP is judged by its decision date.
            for today in ["2026-03-20", "2027-01-01"] {
                let p = pip(&dates, today);
                assert_eq!((p.state, p.days), (state, Some(days)), "decided {decided}");
                assert_eq!(p.done, Some(d(decided)));
            }
        }
    }

    #[test]
    fn a_koppeling_date_long_in_the_past_is_overdue_by_the_right_number_of_days() {
        // Koppeling 2024-06-10, due 2024-08-19; on 2026-11-22 that is 825 days late.
        let dates = koppeling("2024-06-10");
        let p = pip(&dates, "2026-11-22");
        assert_eq!(p.due, Some(d("2024-08-19")));
        assert_eq!(p.state, DeadlineState::Overdue);
        assert_eq!(p.days, Some(-825));
        // A koppeling date in the future (planned) simply leaves the PIP open.
        let p = pip(&koppeling("2027-01-04"), "2026-11-22");
        assert_eq!(p.state, DeadlineState::Open);
        assert_eq!(p.due, Some(d("2027-03-15")));
    }

    #[test]
    fn a_missing_koppeling_date_makes_the_pip_term_unknown() {
        let p = pip(&CaseDates::default(), "2026-11-22");
        assert_eq!(p.state, DeadlineState::Unknown);
        assert_eq!(p.due, None);
        assert_eq!(p.days, None);
        assert_eq!(p.missing, Some("koppeling_date"));
        // Even a decided PIP cannot be judged on time or late without its start.
        let dates = CaseDates {
            pip_decided: Some(d("2026-03-01")),
            ..Default::default()
        };
        assert_eq!(pip(&dates, "2026-11-22").state, DeadlineState::Unknown);
    }

    #[test]
    fn the_pip_term_can_run_from_the_intake_start_and_have_another_length() {
        let terms = Terms {
            pip_weeks: 12,
            pip_start: PipTermStart::IntakeStart,
            ..Terms::default()
        };
        let dates = CaseDates {
            koppeling: Some(d("2026-01-05")),
            intake_started: Some(d("2026-02-02")),
            ..Default::default()
        };
        let p = &case_deadlines(&dates, &terms, d("2026-02-02"))[0];
        assert_eq!(p.due, Some(d("2026-04-27"))); // 2026-02-02 + 84 days
        let without = CaseDates {
            koppeling: Some(d("2026-01-05")),
            ..Default::default()
        };
        let p = &case_deadlines(&without, &terms, d("2026-02-02"))[0];
        assert_eq!(
            (p.state, p.missing),
            (DeadlineState::Unknown, Some("intake_started_on"))
        );
    }

    #[test]
    fn the_due_soon_window_is_configurable() {
        let terms = Terms {
            due_soon_days: 0,
            ..Terms::default()
        };
        let dates = koppeling("2026-01-05"); // due 2026-03-16
        let at = |today: &str| case_deadlines(&dates, &terms, d(today))[0].state;
        assert_eq!(at("2026-03-15"), DeadlineState::Open);
        assert_eq!(at("2026-03-16"), DeadlineState::DueSoon);
        assert_eq!(at("2026-03-17"), DeadlineState::Overdue);
    }

    #[test]
    fn months_are_added_with_end_of_month_clamping() {
        assert_eq!(add_months(d("2026-01-31"), 1), Some(d("2026-02-28")));
        assert_eq!(add_months(d("2028-01-31"), 1), Some(d("2028-02-29")));
        assert_eq!(add_months(d("2024-08-31"), 18), Some(d("2026-02-28")));
        assert_eq!(add_months(d("2024-02-29"), 18), Some(d("2025-08-29")));
        assert_eq!(add_months(d("2026-03-31"), 6), Some(d("2026-09-30")));
        assert_eq!(add_months(d("2026-01-15"), 18), Some(d("2027-07-15")));
    }

    #[test]
    fn the_route_change_window_is_eighteen_months_from_the_pip_decision() {
        let t = terms();
        let pip = Some(d("2025-01-15")); // last day 2026-07-15
        assert_eq!(route_change_allowed(pip, 0, d("2026-07-14"), &t), Ok(()));
        assert_eq!(route_change_allowed(pip, 0, d("2026-07-15"), &t), Ok(()));
        assert_eq!(
            route_change_allowed(pip, 0, d("2026-07-16"), &t),
            Err(RouteChangeRefusal::WindowClosed)
        );
        // The day of the decision itself is within the window; the day before is not.
        assert_eq!(route_change_allowed(pip, 0, d("2025-01-15"), &t), Ok(()));
        assert_eq!(
            route_change_allowed(pip, 0, d("2025-01-14"), &t),
            Err(RouteChangeRefusal::BeforePipDecision)
        );
        // One change only.
        assert_eq!(
            route_change_allowed(pip, 1, d("2025-06-01"), &t),
            Err(RouteChangeRefusal::AlreadyChanged)
        );
        assert_eq!(
            route_change_allowed(None, 0, d("2025-06-01"), &t),
            Err(RouteChangeRefusal::NoPipDecision)
        );
        // Clamped at the end of a shorter month: 2024-08-31 + 18 months = 2026-02-28.
        let late_month = Some(d("2024-08-31"));
        assert_eq!(
            route_change_allowed(late_month, 0, d("2026-02-28"), &t),
            Ok(())
        );
        assert_eq!(
            route_change_allowed(late_month, 0, d("2026-03-01"), &t),
            Err(RouteChangeRefusal::WindowClosed)
        );
    }

    #[test]
    fn the_route_change_window_deadline_passes_rather_than_going_overdue() {
        let dates = CaseDates {
            koppeling: Some(d("2024-11-04")),
            pip_decided: Some(d("2025-01-15")),
            ..Default::default()
        };
        let w = |today: &str| of(DeadlineKind::RouteChangeWindow, &dates, today);
        assert_eq!(w("2026-07-15").due, Some(d("2026-07-15")));
        assert_eq!(w("2026-06-30").state, DeadlineState::Open);
        assert_eq!(w("2026-07-01").state, DeadlineState::DueSoon);
        assert_eq!(w("2026-07-14").state, DeadlineState::DueSoon);
        assert_eq!(w("2026-07-15").state, DeadlineState::DueSoon);
        assert_eq!(
            (w("2026-07-16").state, w("2026-07-16").days),
            (DeadlineState::Passed, Some(-1))
        );
        // Before the PIP, the window has no date yet.
        let before = of(
            DeadlineKind::RouteChangeWindow,
            &koppeling("2026-01-05"),
            "2026-02-01",
        );
        assert_eq!(
            (before.state, before.missing),
            (DeadlineState::Unknown, Some("pip_decided_on"))
        );
    }

    #[test]
    fn ontzorgen_follow_up_decision_and_end() {
        let mut dates = CaseDates {
            koppeling: Some(d("2025-10-01")),
            ontzorgen_started: Some(d("2025-11-30")),
            ..Default::default()
        };
        // Month 3: 2026-02-28 (clamped); month 5: 2026-04-30; month 6: 2026-05-30.
        let follow =
            |dates: &CaseDates, today: &str| of(DeadlineKind::OntzorgenFollowUp, dates, today);
        assert_eq!(follow(&dates, "2026-01-01").due, Some(d("2026-02-28")));
        assert_eq!(
            of(DeadlineKind::OntzorgenDecision, &dates, "2026-01-01").due,
            Some(d("2026-04-30"))
        );
        assert_eq!(
            of(DeadlineKind::OntzorgenEnd, &dates, "2026-01-01").due,
            Some(d("2026-05-30"))
        );
        assert_eq!(follow(&dates, "2026-02-27").state, DeadlineState::DueSoon);
        assert_eq!(follow(&dates, "2026-02-28").state, DeadlineState::DueSoon);
        assert_eq!(follow(&dates, "2026-03-01").state, DeadlineState::Overdue);
        dates.ontzorgen_follow_up = Some(d("2026-02-28"));
        assert_eq!(follow(&dates, "2026-03-01").state, DeadlineState::Met);
        dates.ontzorgen_follow_up = Some(d("2026-03-01"));
        assert_eq!(follow(&dates, "2026-03-01").state, DeadlineState::MetLate);
        let end = |today: &str| of(DeadlineKind::OntzorgenEnd, &dates, today).state;
        assert_eq!(end("2026-05-29"), DeadlineState::DueSoon);
        assert_eq!(end("2026-05-30"), DeadlineState::DueSoon);
        assert_eq!(end("2026-05-31"), DeadlineState::Passed);
        // Without a start date there are no ontzorgen deadlines at all.
        let kinds: Vec<_> = case_deadlines(&koppeling("2025-10-01"), &terms(), d("2026-01-01"))
            .into_iter()
            .map(|x| x.kind)
            .collect();
        assert_eq!(kinds, [DeadlineKind::Pip, DeadlineKind::RouteChangeWindow]);
    }

    #[test]
    fn dates_are_read_from_the_records_and_bad_ones_count_as_missing() {
        let client = Client {
            koppeling_date: Some("2026-01-05".into()),
            ..Default::default()
        };
        let case = Case {
            pip_decided_on: Some("not a date".into()),
            ontzorgen_started_on: Some("2026-02-01".into()),
            ..Default::default()
        };
        let dates = CaseDates::from_records(&client, &case);
        assert_eq!(dates.koppeling, Some(d("2026-01-05")));
        assert_eq!(dates.pip_decided, None);
        assert_eq!(dates.ontzorgen_started, Some(d("2026-02-01")));
    }

    #[test]
    fn terms_are_checked() {
        assert!(Terms::default().is_valid());
        let bad = |t: Terms| !t.is_valid();
        assert!(bad(Terms {
            pip_weeks: 0,
            ..Terms::default()
        }));
        assert!(bad(Terms {
            due_soon_days: 91,
            ..Terms::default()
        }));
        assert!(bad(Terms {
            ontzorgen_follow_up_month: 6,
            ontzorgen_decision_month: 5,
            ..Terms::default()
        }));
        // A municipality may move the decision to month 7 (Amsterdam's plan) with a longer
        // unburdening.
        assert!(Terms {
            ontzorgen_decision_month: 7,
            ontzorgen_months: 9,
            ..Terms::default()
        }
        .is_valid());
    }

    fn with_pip(pip: &str) -> CaseDates {
        CaseDates {
            koppeling: Some(d("2025-11-03")),
            pip_decided: Some(d(pip)),
            ..Default::default()
        }
    }

    fn all_of(kind: DeadlineKind, dates: &CaseDates, today: &str) -> Vec<Deadline> {
        case_deadlines(dates, &terms(), d(today))
            .into_iter()
            .filter(|x| x.kind == kind)
            .collect()
    }

    #[test]
    fn planned_progress_reviews_go_overdue_unless_a_conversation_fulfils_them() {
        let mut dates = CaseDates {
            koppeling: Some(d("2026-01-05")),
            progress_reviews: vec![d("2026-04-01"), d("2026-07-01")],
            ..Default::default()
        };
        let reviews = all_of(DeadlineKind::ProgressReview, &dates, "2026-06-20");
        assert_eq!(reviews.len(), 2);
        assert_eq!(reviews[0].state, DeadlineState::Overdue);
        assert_eq!(reviews[1].state, DeadlineState::DueSoon);
        assert_eq!(reviews[1].days, Some(11));
        // The day before, on and after the planned date, unheld.
        let state = |dates: &CaseDates, today: &str| {
            all_of(DeadlineKind::ProgressReview, dates, today)[0].state
        };
        assert_eq!(state(&dates, "2026-03-31"), DeadlineState::DueSoon);
        assert_eq!(state(&dates, "2026-04-01"), DeadlineState::DueSoon);
        assert_eq!(state(&dates, "2026-04-02"), DeadlineState::Overdue);
        // A progress-review conversation held on the day fulfils it; a day late, late.
        for (held, want) in [
            ("2026-03-31", DeadlineState::Met),
            ("2026-04-01", DeadlineState::Met),
            ("2026-04-02", DeadlineState::MetLate),
        ] {
            dates.held_reviews = vec![HeldReview {
                on: d(held),
                fulfils: None,
            }];
            let r = &all_of(DeadlineKind::ProgressReview, &dates, "2026-06-20")[0];
            assert_eq!((r.state, r.done), (want, Some(d(held))), "held {held}");
        }
    }

    #[test]
    fn the_next_review_is_due_within_the_interval_of_the_target_group() {
        // PIP 2026-01-15: a statushouder's first review by 2026-04-15.
        let mut dates = with_pip("2026-01-15");
        let interval = |dates: &CaseDates, today: &str| {
            all_of(DeadlineKind::ReviewInterval, dates, today)[0].clone()
        };
        assert_eq!(interval(&dates, "2026-02-01").due, Some(d("2026-04-15")));
        assert_eq!(interval(&dates, "2026-04-14").state, DeadlineState::DueSoon);
        assert_eq!(interval(&dates, "2026-04-15").state, DeadlineState::DueSoon);
        assert_eq!(interval(&dates, "2026-04-16").state, DeadlineState::Overdue);
        // A review held moves it three months on.
        dates.held_reviews = vec![HeldReview {
            on: d("2026-04-10"),
            fulfils: None,
        }];
        assert_eq!(interval(&dates, "2026-04-16").due, Some(d("2026-07-10")));
        assert_eq!(interval(&dates, "2026-04-16").state, DeadlineState::Open);
        // A gezinsmigrant: at least twice a year.
        let mut family = with_pip("2026-01-15");
        family.target_group = Some("gezinsmigrant".into());
        assert_eq!(interval(&family, "2026-04-16").due, Some(d("2026-07-15")));
        assert_eq!(
            interval(&family, "2026-07-16").state,
            DeadlineState::Overdue
        );
        // The policy may set another frequency.
        family.rules.review_every_months_family = 4;
        assert_eq!(interval(&family, "2026-04-16").due, Some(d("2026-05-15")));
        // No PIP yet, no interval.
        assert!(all_of(
            DeadlineKind::ReviewInterval,
            &koppeling("2026-01-05"),
            "2026-02-01"
        )
        .is_empty());
    }

    #[test]
    fn the_term_ends_three_years_after_the_pip_with_a_longer_warning_and_extensions_move_it() {
        let mut dates = with_pip("2026-01-15");
        let term = |dates: &CaseDates, today: &str| {
            all_of(DeadlineKind::InburgeringTerm, dates, today)[0].clone()
        };
        assert_eq!(term(&dates, "2026-02-01").due, Some(d("2029-01-15")));
        // Due soon from 90 days before: 2028-10-17.
        assert_eq!(term(&dates, "2028-10-16").state, DeadlineState::Open);
        assert_eq!(term(&dates, "2028-10-17").state, DeadlineState::DueSoon);
        assert_eq!(term(&dates, "2029-01-15").state, DeadlineState::DueSoon);
        assert_eq!(term(&dates, "2029-01-16").state, DeadlineState::Overdue);
        dates.term_extensions = vec![TermExtension {
            new_end: "2029-07-15".into(),
            reason: "Zwangerschapsverlof".into(),
            decided_on: "2028-12-01".into(),
        }];
        assert_eq!(term(&dates, "2029-01-16").due, Some(d("2029-07-15")));
        assert_eq!(term(&dates, "2029-01-16").state, DeadlineState::Open);
        assert!(all_of(
            DeadlineKind::InburgeringTerm,
            &koppeling("2026-01-05"),
            "2026-02-01"
        )
        .is_empty());
    }

    #[test]
    fn a_gezinsmigrant_has_no_ontzorgen_and_a_continued_ontzorgen_ends_later() {
        let mut dates = CaseDates {
            koppeling: Some(d("2025-10-01")),
            ontzorgen_started: Some(d("2025-12-01")),
            target_group: Some("gezinsmigrant".into()),
            ..Default::default()
        };
        assert!(all_of(DeadlineKind::OntzorgenEnd, &dates, "2026-01-01").is_empty());
        assert!(all_of(DeadlineKind::OntzorgenDecision, &dates, "2026-01-01").is_empty());
        dates.target_group = Some("statushouder".into());
        let end = |dates: &CaseDates, today: &str| {
            all_of(DeadlineKind::OntzorgenEnd, dates, today)[0].clone()
        };
        assert_eq!(end(&dates, "2026-01-01").due, Some(d("2026-06-01")));
        dates.ontzorgen_outcome = Some("continue".into());
        dates.ontzorgen_extended_to = Some(d("2026-09-01"));
        assert_eq!(end(&dates, "2026-06-02").due, Some(d("2026-09-01")));
        assert_eq!(end(&dates, "2026-06-02").state, DeadlineState::Open);
        dates.ontzorgen_outcome = Some("stop".into());
        assert_eq!(end(&dates, "2026-06-02").state, DeadlineState::Passed);
    }

    #[test]
    fn an_ontheffing_ends_what_falls_on_or_after_its_date() {
        let mut dates = with_pip("2026-01-15");
        dates.progress_reviews = vec![d("2026-04-30"), d("2026-05-01"), d("2026-05-02")];
        dates.actions = vec![
            (d("2026-04-30"), None),
            (d("2026-06-01"), Some(d("2026-04-01"))),
        ];
        dates.duty_ends = Some(d("2026-05-01"));
        let reviews: Vec<_> = all_of(DeadlineKind::ProgressReview, &dates, "2026-05-10")
            .iter()
            .map(|r| r.due.unwrap())
            .collect();
        assert_eq!(reviews, vec![d("2026-04-30")]);
        assert!(all_of(DeadlineKind::InburgeringTerm, &dates, "2026-05-10").is_empty());
        // The frequency deadline 2026-04-15 fell before the end and stays missed.
        let interval = all_of(DeadlineKind::ReviewInterval, &dates, "2026-05-10");
        assert_eq!(interval[0].due, Some(d("2026-04-15")));
        dates.held_reviews = vec![HeldReview {
            on: d("2026-04-10"),
            fulfils: None,
        }];
        assert!(all_of(DeadlineKind::ReviewInterval, &dates, "2026-05-10").is_empty());
        // An action due before stays, and one done stays done.
        assert_eq!(
            all_of(DeadlineKind::ActionDue, &dates, "2026-05-10").len(),
            2
        );
        // Before a PIP: the PIP term no longer runs.
        let mut waiting = koppeling("2026-01-05");
        waiting.duty_ends = Some(d("2026-02-01"));
        assert!(all_of(DeadlineKind::Pip, &waiting, "2026-04-01").is_empty());
    }

    #[test]
    fn the_z_route_eindgesprek_is_due_by_the_end_of_the_term() {
        let mut dates = with_pip("2026-01-15");
        assert!(all_of(DeadlineKind::ZFinalConversation, &dates, "2026-02-01").is_empty());
        dates.z_route = true;
        let z = |dates: &CaseDates, today: &str| {
            all_of(DeadlineKind::ZFinalConversation, dates, today)[0].clone()
        };
        assert_eq!(z(&dates, "2026-02-01").due, Some(d("2029-01-15")));
        assert_eq!(z(&dates, "2029-01-16").state, DeadlineState::Overdue);
        dates.z_final_conversation = Some(d("2029-01-15"));
        assert_eq!(z(&dates, "2029-01-16").state, DeadlineState::Met);
        dates.z_final_conversation = Some(d("2029-01-16"));
        assert_eq!(z(&dates, "2029-01-20").state, DeadlineState::MetLate);
    }

    #[test]
    fn an_action_is_due_until_it_is_closed() {
        let mut dates = with_pip("2026-01-15");
        dates.actions = vec![(d("2026-03-01"), None)];
        let a =
            |dates: &CaseDates, today: &str| all_of(DeadlineKind::ActionDue, dates, today)[0].state;
        assert_eq!(a(&dates, "2026-03-01"), DeadlineState::DueSoon);
        assert_eq!(a(&dates, "2026-03-02"), DeadlineState::Overdue);
        dates.actions = vec![(d("2026-03-01"), Some(d("2026-03-02")))];
        assert_eq!(a(&dates, "2026-03-05"), DeadlineState::MetLate);
    }
}
