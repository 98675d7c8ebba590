//! Money during *ontzorgen* (process.md §3.6): the fixed costs the municipality pays from
//! the benefit, each with its own state and phase-out, the toeslagen applied for and
//! received, and the monthly living allowance (*leefgeld*) that is left.
//!
//! Amounts are **integer euro cents** (`i64` here, `i32` across IPC: at most
//! [`MAX_CENTS`] each, so no sum can overflow); never floating point.
//!
//! # Where it is kept, and why per case
//!
//! Ontzorgen is the municipality's duty towards an asielstatushouder on bijstand
//! (art. 56a Wi2021), and its six months and the month-3 / month-5 deadlines already hang
//! on the case (`ontzorgen_started_on`). The money fields are case fields too:
//! `fixed_cost/<kind>`, `allowance/<kind>`, `benefit_monthly_cents`,
//! `other_income_monthly_cents`. The benefit is a household benefit (process.md §12), so a
//! couple's ontzorgen is recorded once, on the case of the partner who holds the benefit;
//! the household view shows it for the whole household.
//!
//! # The sequence of one fixed cost (001 §2.4.2, §3.2.1)
//!
//! The client signs an authorisation (*machtiging*) → the supplier's direct debit is put
//! on hold or stopped (otherwise both the client's direct debit and the municipality's
//! payment run: the double payments of 001 §3.2.1) → the municipality's payment from the
//! benefit runs → at the cost's phase-out date the client pays it again (stepwise
//! *afbouwen*, 001 §3.2.4) → ended. A client may also pay a cost themselves from the
//! start (maatwerk since 2023, 002 §3.4.2). The state is derived from the dates entered,
//! so it can never contradict them.

use crate::deadlines::add_months;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The largest amount one field may hold: € 100 000,00 a month.
pub const MAX_CENTS: i64 = 10_000_000;

pub const FIXED_COST_PREFIX: &str = "fixed_cost/";
pub const ALLOWANCE_PREFIX: &str = "allowance/";

/// Rent, energy, water and health insurance are the legal ones (001 §1.1); internet and
/// phone are optional extras some municipalities include.
pub const FIXED_COSTS: &[&str] = &[
    "rent",
    "energy",
    "water",
    "health_insurance",
    "internet",
    "phone",
];
pub const OPTIONAL_FIXED_COSTS: &[&str] = &["internet", "phone"];
pub const ALLOWANCES: &[&str] = &[
    "zorgtoeslag",
    "huurtoeslag",
    "kinderopvangtoeslag",
    "kindgebonden_budget",
];

/// Toeslagen take two to three months to arrive (001 §3.2.2); later than this asks for a
/// look.
pub const ALLOWANCE_EXPECTED_MONTHS: u32 = 3;

/// Why an amount text was refused. Never carries the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("not an amount in euros")]
    Shape,
    #[error("more than two decimals")]
    TooPrecise,
    #[error("amount out of range")]
    OutOfRange,
}

/// Parses an amount in euros as a counsellor types it, Dutch or English style, into
/// cents: `612`, `612,50`, `612.5`, `1.234,56`, `1,234.56`, `€ 1 234,56`. With both
/// separators the last is the decimal one; a lone `.` or `,` followed by exactly three
/// digits is a thousands separator (`1.234` = € 1 234), otherwise a decimal one.
pub fn parse_euros(text: &str) -> Result<i64, AmountError> {
    let t: String = text
        .trim()
        .trim_start_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(AmountError::Shape);
    }
    let last_sep = t.rfind(['.', ',']);
    let (int_part, frac_part) = match last_sep {
        None => (t.as_str(), ""),
        Some(i) => {
            let sep = t.as_bytes()[i] as char;
            let other = if sep == '.' { ',' } else { '.' };
            let after = &t[i + 1..];
            let single_kind = !t.contains(other);
            let one_of_it = t.matches(sep).count() == 1;
            if single_kind && (!one_of_it || after.len() == 3) {
                // Only thousands separators: 1.234 or 1.234.567.
                (t.as_str(), "")
            } else if after.is_empty() {
                return Err(AmountError::Shape);
            } else {
                (&t[..i], after)
            }
        }
    };
    // Thousands separators: groups of three digits after the first.
    let groups: Vec<&str> = int_part.split(['.', ',']).collect();
    if groups.iter().any(|g| g.is_empty())
        || groups[1..].iter().any(|g| g.len() != 3)
        || (groups.len() > 1 && groups[0].len() > 3)
    {
        return Err(AmountError::Shape);
    }
    if frac_part.len() > 2 {
        return Err(AmountError::TooPrecise);
    }
    let digits: String = groups.concat();
    if digits.len() > 9 {
        return Err(AmountError::OutOfRange);
    }
    let euros: i64 = digits.parse().map_err(|_| AmountError::Shape)?;
    let cents: i64 = match frac_part.len() {
        0 => 0,
        1 => frac_part.parse::<i64>().map_err(|_| AmountError::Shape)? * 10,
        _ => frac_part.parse().map_err(|_| AmountError::Shape)?,
    };
    let total = euros * 100 + cents;
    if total > MAX_CENTS {
        return Err(AmountError::OutOfRange);
    }
    Ok(total)
}

/// One fixed cost as stored in `fixed_cost/<kind>` on the case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct FixedCost {
    /// Monthly amount in cents.
    pub amount_cents: Option<i32>,
    pub creditor: Option<String>,
    pub authorised_on: Option<String>,
    pub direct_debit_stopped_on: Option<String>,
    /// The client never had a direct debit for it: nothing to stop.
    pub no_direct_debit: Option<bool>,
    pub payment_started_on: Option<String>,
    /// From this date the client pays it again (stepwise phase-out).
    pub phase_out_on: Option<String>,
    pub ended_on: Option<String>,
    /// Not unburdened: the client pays it themselves.
    pub client_pays: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FixedCostState {
    /// Nothing arranged yet.
    ToArrange,
    AuthorisationSigned,
    DirectDebitStopped,
    /// The municipality pays it from the benefit.
    PaymentRunning,
    /// Past its phase-out date: the client pays it again.
    PhasedOut,
    Ended,
    /// The client pays it themselves; it was never unburdened.
    ClientPays,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FixedCostWarning {
    /// The municipality pays while the supplier's direct debit may still run: double
    /// payment (001 §3.2.1).
    DoublePaymentRisk,
    /// The municipality pays but no phase-out date is planned although ontzorgen has an
    /// end.
    NoPhaseOutPlanned,
    /// The phase-out date lies after the end of ontzorgen: continuing needs a decision
    /// (month 5).
    PhaseOutAfterEnd,
    /// Authorised or stopped, but the payment has not started yet after a month: nobody
    /// may be paying (the energy cut off in 001 §2.4.2).
    NobodyPaying,
}

fn date(s: &Option<String>) -> Option<NaiveDate> {
    crate::deadlines::parse_date(s.as_deref())
}

impl FixedCost {
    pub fn state(&self, on: NaiveDate) -> FixedCostState {
        let reached = |d: &Option<String>| date(d).is_some_and(|d| d <= on);
        if self.client_pays == Some(true) {
            FixedCostState::ClientPays
        } else if reached(&self.ended_on) {
            FixedCostState::Ended
        } else if reached(&self.phase_out_on) {
            FixedCostState::PhasedOut
        } else if reached(&self.payment_started_on) {
            FixedCostState::PaymentRunning
        } else if reached(&self.direct_debit_stopped_on) {
            FixedCostState::DirectDebitStopped
        } else if reached(&self.authorised_on) {
            FixedCostState::AuthorisationSigned
        } else {
            FixedCostState::ToArrange
        }
    }

    /// Whether the municipality withholds it from the benefit in the month starting `on`:
    /// it is unburdened, not ended and not phased out by then. A cost still to arrange
    /// counts: the projection is of the ontzorgen months, when it will be paid.
    pub fn withheld_on(&self, on: NaiveDate) -> bool {
        matches!(
            self.state(on),
            FixedCostState::ToArrange
                | FixedCostState::AuthorisationSigned
                | FixedCostState::DirectDebitStopped
                | FixedCostState::PaymentRunning
        )
    }

    pub fn warnings(
        &self,
        today: NaiveDate,
        ontzorgen_end: Option<NaiveDate>,
    ) -> Vec<FixedCostWarning> {
        let mut out = Vec::new();
        let state = self.state(today);
        if state == FixedCostState::PaymentRunning
            && date(&self.direct_debit_stopped_on).is_none()
            && self.no_direct_debit != Some(true)
        {
            out.push(FixedCostWarning::DoublePaymentRisk);
        }
        if state == FixedCostState::PaymentRunning
            && date(&self.phase_out_on).is_none()
            && ontzorgen_end.is_some()
        {
            out.push(FixedCostWarning::NoPhaseOutPlanned);
        }
        if let (Some(phase_out), Some(end)) = (date(&self.phase_out_on), ontzorgen_end) {
            if phase_out > end
                && !matches!(state, FixedCostState::Ended | FixedCostState::ClientPays)
            {
                out.push(FixedCostWarning::PhaseOutAfterEnd);
            }
        }
        if matches!(
            state,
            FixedCostState::AuthorisationSigned | FixedCostState::DirectDebitStopped
        ) {
            let since = date(&self.direct_debit_stopped_on).or(date(&self.authorised_on));
            if since
                .and_then(|s| add_months(s, 1))
                .is_some_and(|d| d < today)
            {
                out.push(FixedCostWarning::NobodyPaying);
            }
        }
        out
    }
}

/// One allowance as stored in `allowance/<kind>` on the case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Allowance {
    pub applied_on: Option<String>,
    /// The first payment received.
    pub received_on: Option<String>,
    /// Monthly amount in cents (expected when applied, actual once received).
    pub monthly_cents: Option<i32>,
    /// The client has no right to it (no children, say).
    pub not_applicable: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AllowanceState {
    NotApplied,
    Applied,
    Received,
    NotApplicable,
}

impl Allowance {
    pub fn state(&self, on: NaiveDate) -> AllowanceState {
        if self.not_applicable == Some(true) {
            AllowanceState::NotApplicable
        } else if date(&self.received_on).is_some_and(|d| d <= on) {
            AllowanceState::Received
        } else if date(&self.applied_on).is_some_and(|d| d <= on) {
            AllowanceState::Applied
        } else {
            AllowanceState::NotApplied
        }
    }

    /// Applied more than [`ALLOWANCE_EXPECTED_MONTHS`] ago and still nothing received.
    pub fn is_late(&self, today: NaiveDate) -> bool {
        self.state(today) == AllowanceState::Applied
            && date(&self.applied_on)
                .and_then(|d| add_months(d, ALLOWANCE_EXPECTED_MONTHS))
                .is_some_and(|due| due < today)
    }
}

/// Everything the leefgeld is computed from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Budget {
    pub benefit_monthly_cents: Option<i64>,
    pub other_income_monthly_cents: Option<i64>,
    pub fixed_costs: Vec<(String, FixedCost)>,
    pub allowances: Vec<(String, Allowance)>,
}

/// The monthly living allowance in one month, in cents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Leefgeld {
    /// The first day of the month it is for.
    pub month: String,
    /// Benefit and other income.
    pub income: i32,
    /// Toeslagen already received by then.
    pub allowances_received: i32,
    /// Toeslagen applied for but not yet received: they come later (the income gap).
    pub allowances_pending: i32,
    /// Fixed costs withheld from the benefit that month.
    pub withheld: i32,
    /// income + received − withheld: what the client has to live on now.
    pub now: i32,
    /// income + received + pending − withheld: once every applied toeslag arrives.
    pub expected: i32,
    /// Unburdened costs without an amount: the figures are incomplete.
    pub costs_without_amount: u32,
}

fn cents(n: i64) -> i32 {
    n.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

impl Budget {
    /// The leefgeld for the month starting `on`; None without a benefit amount.
    pub fn leefgeld_on(&self, on: NaiveDate) -> Option<Leefgeld> {
        let benefit = self.benefit_monthly_cents?;
        let income = benefit + self.other_income_monthly_cents.unwrap_or(0);
        let mut withheld = 0i64;
        let mut without_amount = 0u32;
        for (_, cost) in &self.fixed_costs {
            if cost.withheld_on(on) {
                match cost.amount_cents {
                    Some(a) => withheld += i64::from(a),
                    None => without_amount += 1,
                }
            }
        }
        let (mut received, mut pending) = (0i64, 0i64);
        for (_, a) in &self.allowances {
            let amount = i64::from(a.monthly_cents.unwrap_or(0));
            match a.state(on) {
                AllowanceState::Received => received += amount,
                AllowanceState::Applied => pending += amount,
                _ => {}
            }
        }
        Some(Leefgeld {
            month: on.format("%Y-%m-%d").to_string(),
            income: cents(income),
            allowances_received: cents(received),
            allowances_pending: cents(pending),
            withheld: cents(withheld),
            now: cents(income + received - withheld),
            expected: cents(income + received + pending - withheld),
            costs_without_amount: without_amount,
        })
    }

    /// The leefgeld in each month of ontzorgen, from its start: costs phase out and
    /// toeslagen arrive as the months go by.
    pub fn projection(&self, start: NaiveDate, months: u32) -> Vec<Leefgeld> {
        (0..months)
            .filter_map(|m| add_months(start, m))
            .filter_map(|on| self.leefgeld_on(on))
            .collect()
    }
}

/// The end of ontzorgen: `months` after its start (the same date the deadlines use).
pub fn ontzorgen_end(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    add_months(start, months)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_owned())
    }

    #[test]
    fn amounts_are_parsed_to_exact_cents() {
        let ok = |t: &str| parse_euros(t).unwrap();
        assert_eq!(ok("612"), 61_200);
        assert_eq!(ok("612,50"), 61_250);
        assert_eq!(ok("612.5"), 61_250);
        assert_eq!(ok("0,01"), 1);
        assert_eq!(ok("1.234,56"), 123_456);
        assert_eq!(ok("1,234.56"), 123_456);
        assert_eq!(ok("1.234"), 123_400);
        assert_eq!(ok("€ 1 234,56"), 123_456);
        assert_eq!(ok("12.345"), 1_234_500);
        assert_eq!(parse_euros("1.234.567"), Err(AmountError::OutOfRange));
        // 0.1 + 0.2 is exactly 30 cents: no floating point anywhere.
        assert_eq!(ok("0,10") + ok("0,20"), ok("0,30"));
        assert_eq!(ok("100000"), MAX_CENTS);
    }

    #[test]
    fn amounts_that_are_not_amounts_are_refused() {
        assert_eq!(parse_euros(""), Err(AmountError::Shape));
        assert_eq!(parse_euros("twaalf"), Err(AmountError::Shape));
        assert_eq!(parse_euros("-12"), Err(AmountError::Shape));
        assert_eq!(parse_euros("12,345"), Ok(1_234_500));
        assert_eq!(parse_euros("12,3456"), Err(AmountError::TooPrecise));
        assert_eq!(parse_euros("1.23,4"), Err(AmountError::Shape));
        assert_eq!(parse_euros("12,"), Err(AmountError::Shape));
        assert_eq!(parse_euros("100000,01"), Err(AmountError::OutOfRange));
        assert_eq!(parse_euros("9999999999"), Err(AmountError::OutOfRange));
        assert!(!AmountError::Shape.to_string().contains("twaalf"));
    }

    #[test]
    fn a_cost_moves_through_its_states_by_its_dates() {
        let mut c = FixedCost {
            amount_cents: Some(61_250),
            ..Default::default()
        };
        let on = d("2026-05-01");
        assert_eq!(c.state(on), FixedCostState::ToArrange);
        c.authorised_on = s("2026-03-02");
        assert_eq!(c.state(on), FixedCostState::AuthorisationSigned);
        c.direct_debit_stopped_on = s("2026-03-09");
        assert_eq!(c.state(on), FixedCostState::DirectDebitStopped);
        c.payment_started_on = s("2026-04-01");
        assert_eq!(c.state(on), FixedCostState::PaymentRunning);
        // The phase-out date is inclusive: on that day the client pays again.
        c.phase_out_on = s("2026-05-01");
        assert_eq!(c.state(d("2026-04-30")), FixedCostState::PaymentRunning);
        assert_eq!(c.state(on), FixedCostState::PhasedOut);
        c.ended_on = s("2026-05-01");
        assert_eq!(c.state(on), FixedCostState::Ended);
        c.client_pays = Some(true);
        assert_eq!(c.state(on), FixedCostState::ClientPays);
        // A date in the future has not happened yet.
        let future = FixedCost {
            authorised_on: s("2026-06-01"),
            ..Default::default()
        };
        assert_eq!(future.state(on), FixedCostState::ToArrange);
    }

    #[test]
    fn warnings_for_double_payment_missing_phase_out_and_nobody_paying() {
        let today = d("2026-05-01");
        let end = Some(d("2026-09-01"));
        let running = FixedCost {
            authorised_on: s("2026-03-02"),
            payment_started_on: s("2026-04-01"),
            ..Default::default()
        };
        assert_eq!(
            running.warnings(today, end),
            [
                FixedCostWarning::DoublePaymentRisk,
                FixedCostWarning::NoPhaseOutPlanned
            ]
        );
        let no_debit = FixedCost {
            no_direct_debit: Some(true),
            phase_out_on: s("2026-08-01"),
            ..running.clone()
        };
        assert!(no_debit.warnings(today, end).is_empty());
        let late_phase_out = FixedCost {
            phase_out_on: s("2026-10-01"),
            ..no_debit.clone()
        };
        assert_eq!(
            late_phase_out.warnings(today, end),
            [FixedCostWarning::PhaseOutAfterEnd]
        );
        // Authorised on 2 March: on 2 April (one month) still fine, on 3 April nobody pays.
        let waiting = FixedCost {
            authorised_on: s("2026-03-02"),
            ..Default::default()
        };
        assert!(waiting.warnings(d("2026-04-02"), end).is_empty());
        assert_eq!(
            waiting.warnings(d("2026-04-03"), end),
            [FixedCostWarning::NobodyPaying]
        );
    }

    #[test]
    fn allowances_are_late_after_three_months() {
        let a = Allowance {
            applied_on: s("2026-03-02"),
            monthly_cents: Some(12_300),
            ..Default::default()
        };
        assert_eq!(a.state(d("2026-03-01")), AllowanceState::NotApplied);
        assert_eq!(a.state(d("2026-03-02")), AllowanceState::Applied);
        assert!(!a.is_late(d("2026-06-02")));
        assert!(a.is_late(d("2026-06-03")));
        let received = Allowance {
            received_on: s("2026-05-20"),
            ..a.clone()
        };
        assert!(!received.is_late(d("2026-07-01")));
        assert_eq!(received.state(d("2026-07-01")), AllowanceState::Received);
    }

    fn budget() -> Budget {
        Budget {
            benefit_monthly_cents: Some(128_533),
            other_income_monthly_cents: None,
            fixed_costs: vec![
                (
                    "rent".into(),
                    FixedCost {
                        amount_cents: Some(61_250),
                        payment_started_on: s("2026-03-01"),
                        phase_out_on: s("2026-08-01"),
                        ..Default::default()
                    },
                ),
                (
                    "energy".into(),
                    FixedCost {
                        amount_cents: Some(14_000),
                        payment_started_on: s("2026-03-01"),
                        phase_out_on: s("2026-06-01"),
                        ..Default::default()
                    },
                ),
                (
                    "health_insurance".into(),
                    FixedCost {
                        amount_cents: Some(15_599),
                        ..Default::default()
                    },
                ),
                (
                    "water".into(),
                    FixedCost {
                        client_pays: Some(true),
                        amount_cents: Some(2_500),
                        ..Default::default()
                    },
                ),
                ("phone".into(), FixedCost::default()),
            ],
            allowances: vec![
                (
                    "zorgtoeslag".into(),
                    Allowance {
                        applied_on: s("2026-03-02"),
                        received_on: s("2026-05-01"),
                        monthly_cents: Some(12_300),
                        ..Default::default()
                    },
                ),
                (
                    "huurtoeslag".into(),
                    Allowance {
                        applied_on: s("2026-03-02"),
                        monthly_cents: Some(30_100),
                        ..Default::default()
                    },
                ),
            ],
        }
    }

    #[test]
    fn leefgeld_is_income_plus_received_toeslagen_minus_withheld_costs() {
        let b = budget();
        let march = b.leefgeld_on(d("2026-03-01")).unwrap();
        // 1285,33 − (612,50 + 140,00 + 155,99) = 376,84; water is paid by the client and
        // the phone has no amount (counted as incomplete, not as zero silently).
        assert_eq!(march.withheld, 90_849);
        assert_eq!(march.now, 37_684);
        assert_eq!(march.allowances_pending, 0);
        assert_eq!(march.expected, 37_684);
        assert_eq!(march.costs_without_amount, 1);
        // April: both toeslagen applied, none received yet: the income gap.
        let april = b.leefgeld_on(d("2026-04-01")).unwrap();
        assert_eq!(april.now, 37_684);
        assert_eq!(april.expected, 37_684 + 12_300 + 30_100);
        // May: zorgtoeslag arrives on the first (inclusive).
        let may = b.leefgeld_on(d("2026-05-01")).unwrap();
        assert_eq!(may.allowances_received, 12_300);
        assert_eq!(may.now, 37_684 + 12_300);
        // June: energy is phased out, the client pays it from the leefgeld.
        let june = b.leefgeld_on(d("2026-06-01")).unwrap();
        assert_eq!(june.withheld, 90_849 - 14_000);
        assert_eq!(june.now, 37_684 + 12_300 + 14_000);
    }

    #[test]
    fn leefgeld_can_be_negative_and_needs_a_benefit() {
        let mut b = budget();
        b.benefit_monthly_cents = Some(50_000);
        let march = b.leefgeld_on(d("2026-03-01")).unwrap();
        assert_eq!(march.now, 50_000 - 90_849);
        b.benefit_monthly_cents = None;
        assert_eq!(b.leefgeld_on(d("2026-03-01")), None);
        // Boundaries: the largest amounts add up without overflow.
        let big = Budget {
            benefit_monthly_cents: Some(MAX_CENTS),
            other_income_monthly_cents: Some(MAX_CENTS),
            fixed_costs: FIXED_COSTS
                .iter()
                .map(|k| {
                    (
                        (*k).to_owned(),
                        FixedCost {
                            amount_cents: Some(MAX_CENTS as i32),
                            ..Default::default()
                        },
                    )
                })
                .collect(),
            allowances: vec![],
        };
        let l = big.leefgeld_on(d("2026-03-01")).unwrap();
        assert_eq!(l.now, (2 * MAX_CENTS - 6 * MAX_CENTS) as i32);
    }

    #[test]
    fn the_projection_follows_the_phase_out_month_by_month() {
        let b = budget();
        let months = b.projection(d("2026-03-01"), 6);
        assert_eq!(months.len(), 6);
        assert_eq!(months[0].month, "2026-03-01");
        assert_eq!(months[5].month, "2026-08-01");
        let withheld: Vec<i32> = months.iter().map(|m| m.withheld).collect();
        assert_eq!(withheld, [90_849, 90_849, 90_849, 76_849, 76_849, 15_599]);
        assert_eq!(ontzorgen_end(d("2026-03-01"), 6), Some(d("2026-09-01")));
        // Month-end start dates clamp like the deadlines do.
        assert_eq!(ontzorgen_end(d("2026-08-31"), 6), Some(d("2027-02-28")));
    }
}
