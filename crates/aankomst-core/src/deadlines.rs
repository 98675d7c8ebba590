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
    /// A progress review (*voortgangsgesprek*) planned in the fixed PIP.
    ProgressReview,
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
/// has a start date: not every client is unburdened (gezinsmigranten never are).
pub fn case_deadlines(dates: &CaseDates, terms: &Terms, today: NaiveDate) -> Vec<Deadline> {
    let mut out = Vec::with_capacity(5);
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
    if let Some(start) = dates.ontzorgen_started {
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
            add_months(start, terms.ontzorgen_months),
            "ontzorgen_started_on",
            today,
            terms,
        ));
    }
    for review in &dates.progress_reviews {
        out.push(event(
            DeadlineKind::ProgressReview,
            Some(*review),
            "reviews",
            today,
            terms,
        ));
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

    #[test]
    fn planned_progress_reviews_are_dates_to_be_aware_of() {
        let dates = CaseDates {
            koppeling: Some(d("2026-01-05")),
            progress_reviews: vec![d("2026-04-01"), d("2026-07-01")],
            ..Default::default()
        };
        let reviews: Vec<Deadline> = case_deadlines(&dates, &terms(), d("2026-06-20"))
            .into_iter()
            .filter(|x| x.kind == DeadlineKind::ProgressReview)
            .collect();
        assert_eq!(reviews.len(), 2);
        // A review date gone by passes rather than going overdue; one 11 days away is due soon.
        assert_eq!(reviews[0].state, DeadlineState::Passed);
        assert_eq!(reviews[1].state, DeadlineState::DueSoon);
        assert_eq!(reviews[1].days, Some(11));
    }
}
