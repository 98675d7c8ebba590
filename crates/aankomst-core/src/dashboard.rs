//! The supervisor's team overview (issue 6, item 1), computed from the records a store holds
//! after sync. Pure: the caller reads the records, the safety flags (scoring lives in the
//! instruments crate) and the device directory, and passes "today".
//!
//! # Definitions
//!
//! * **Open case**: a case whose status is not `completed` or `closed`. Caseload, deadlines,
//!   missing consents and outstanding safety acknowledgements look at open cases only; the
//!   phase counts, routes and waiting times look at every case.
//! * **Counsellor** of a case: its `counsellor` field, trimmed; a case without one counts under
//!   the empty name (the UI says "unassigned").
//! * **PIP due soon / overdue**: the PIP deadline of [`crate::deadlines::case_deadlines`], with
//!   the municipality's [`Terms`] (term, its start, the due-soon window), for open cases.
//! * **Waiting times**, in whole days, per case (see [`WaitingStep`]):
//!   koppeling (the client's `koppeling_date`) → first conversation (the earliest conversation
//!   of type `first`, or else the earliest conversation of any type) → PIP (the case's
//!   `pip_decided_on`, or else the earliest `fixed_on` of its fixed PIP versions) → start of
//!   route (`route_started_on`). A step counts only when both of its dates are known, and only
//!   when the second is not before the first (those are counted as `inconsistent`).
//!   Percentiles use the nearest-rank method: the p-th percentile of n sorted values is the
//!   value at rank ⌈p·n/100⌉ (1-based). Histogram buckets are half-open day ranges
//!   ([`BUCKET_EDGES`]).
//! * **Route chosen**: the route of the case's fixed PIP version with the highest version
//!   number; cases without a fixed version have no route yet and are not counted.
//! * **Consent missing**: for each open case's client and each required purpose and recipient
//!   ([`DashboardSettings::required_consents`]), the consent state today is not `given`
//!   (never asked, refused or withdrawn).
//! * **Safety acknowledgement outstanding**: a safety flag raised in an unsealed
//!   administration of an open case that has no acknowledgement.
//! * **Devices**: the directory the caller knows, with the last check-in it knows.
//! * **Reviews**: for each open case with a fixed PIP, its planned progress reviews (of the
//!   highest fixed version) matched with its progress-review conversations
//!   ([`crate::trajectory::match_reviews`]): the next one not yet held, the missed ones
//!   (overdue), and the minimum-frequency deadline ([`crate::trajectory::TrajectoryRules`],
//!   today's defaults). A case is listed when a review was missed, the frequency deadline
//!   is overdue, or the next review is due soon.

use crate::consent::{consent_state, ConsentState};
use crate::deadlines::{case_deadlines, parse_date, CaseDates, DeadlineKind, DeadlineState, Terms};
use crate::plan::Plan;
use crate::records::{view, Case, Client, ConsentRecord, Conversation};
use crate::revision::{Fields, RecordKind};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

/// Lower edges of the waiting-time histogram buckets, in days; each bucket runs to the next
/// edge (exclusive), the last one is open-ended.
pub const BUCKET_EDGES: &[u32] = &[0, 7, 14, 28, 42, 56, 70, 91, 182];

/// The case phases, in process order (`validate::CASE_STATUS`).
pub const PHASES: &[&str] = &["intake", "pip", "route", "completed", "closed"];

/// What the dashboard is configured with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DashboardSettings {
    /// Purpose and recipient pairs every open case's client should have given consent for.
    pub required_consents: Vec<RequiredConsent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RequiredConsent {
    pub purpose: String,
    pub recipient: String,
}

impl Default for DashboardSettings {
    /// The exchanges the brede intake leans on in practice (process.md §8, problems 7 and
    /// 38): the intake summary with VluchtelingenWerk and information with the language
    /// provider. A municipality may choose others.
    fn default() -> Self {
        let pair = |p: &str, r: &str| RequiredConsent {
            purpose: p.into(),
            recipient: r.into(),
        };
        DashboardSettings {
            required_consents: vec![
                pair("share_intake_summary", "vwn"),
                pair("exchange_information", "language_provider"),
            ],
        }
    }
}

/// The records of a team, as typed views, by record id. Built from a store's materialised
/// records (or a generated team) with [`TeamRecords::add`].
#[derive(Debug, Clone, Default)]
pub struct TeamRecords {
    pub clients: HashMap<String, Client>,
    pub cases: BTreeMap<String, Case>,
    pub conversations: Vec<Conversation>,
    pub plans: Vec<Plan>,
    pub consents: Vec<ConsentRecord>,
}

impl TeamRecords {
    /// Adds one record from its materialised fields. Kinds the dashboard does not read are
    /// ignored (administrations come in as [`SafetyFlags`]).
    pub fn add(&mut self, id: &str, kind: RecordKind, fields: &Fields) {
        match kind {
            RecordKind::Client => {
                self.clients.insert(id.to_owned(), view(fields));
            }
            RecordKind::Case => {
                self.cases.insert(id.to_owned(), view(fields));
            }
            RecordKind::Conversation => self.conversations.push(view(fields)),
            RecordKind::Plan => self.plans.push(view(fields)),
            RecordKind::Consent => self.consents.push(view(fields)),
            RecordKind::Household | RecordKind::Administration => {}
        }
    }
}

/// The safety flags of one administration: raised by its scores (computed by the caller) and
/// acknowledged (its `safety_ack/` fields).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SafetyFlags {
    pub administration_id: String,
    pub case_id: Option<String>,
    pub client_id: Option<String>,
    pub sealed: bool,
    pub raised: Vec<String>,
    pub acknowledged: Vec<String>,
    /// When the administration was started (RFC 3339), shown as "since".
    pub started_at: Option<String>,
}

/// A device of the team as the caller knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceCheckIn {
    pub device_id: String,
    pub role: String,
    pub status: String,
    pub last_check_in: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaseloadRow {
    /// Empty when cases have no counsellor.
    pub counsellor: String,
    pub open_cases: u32,
    pub intake: u32,
    pub pip: u32,
    pub route: u32,
    pub pip_overdue: u32,
    pub pip_due_soon: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Count {
    pub key: String,
    pub count: u32,
}

/// An open case whose PIP is due soon or overdue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PipDueRow {
    pub case_id: String,
    pub client_id: String,
    pub client_name: String,
    pub counsellor: String,
    /// `YYYY-MM-DD`.
    pub due: String,
    /// Days from today to the due date (negative when overdue).
    pub days: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WaitingStep {
    KoppelingToFirstConversation,
    FirstConversationToPip,
    PipToRoute,
    /// The whole legal term: koppeling to PIP.
    KoppelingToPip,
}

impl WaitingStep {
    pub const ALL: [WaitingStep; 4] = [
        WaitingStep::KoppelingToFirstConversation,
        WaitingStep::FirstConversationToPip,
        WaitingStep::PipToRoute,
        WaitingStep::KoppelingToPip,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WaitingStep::KoppelingToFirstConversation => "koppeling_to_first_conversation",
            WaitingStep::FirstConversationToPip => "first_conversation_to_pip",
            WaitingStep::PipToRoute => "pip_to_route",
            WaitingStep::KoppelingToPip => "koppeling_to_pip",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Bucket {
    pub from_days: u32,
    /// Exclusive; none for the last bucket.
    pub to_days: Option<u32>,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Percentiles {
    pub p25: u32,
    pub p50: u32,
    pub p75: u32,
    pub p90: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WaitingDistribution {
    pub step: WaitingStep,
    /// Cases with both dates, in order.
    pub count: u32,
    /// Cases whose second date is before the first (a data error to look at).
    pub inconsistent: u32,
    /// None when no case has both dates.
    pub percentiles: Option<Percentiles>,
    pub buckets: Vec<Bucket>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ConsentGap {
    pub purpose: String,
    pub recipient: String,
    /// Open cases whose client has not given this consent.
    pub missing: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SafetyRow {
    pub administration_id: String,
    pub case_id: String,
    pub client_name: String,
    pub counsellor: String,
    pub flag_id: String,
    pub since: Option<String>,
}

/// An open case whose progress reviews ask for attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProgressReviewRow {
    pub case_id: String,
    pub client_id: String,
    pub client_name: String,
    pub counsellor: String,
    /// The next planned review not yet held (`YYYY-MM-DD`).
    pub next: Option<String>,
    /// Whether that one is due soon.
    pub next_due_soon: bool,
    /// Planned reviews whose date went by without a review.
    pub missed: u32,
    /// The day by which the minimum frequency requires a review, and whether it went by.
    pub required_by: Option<String>,
    pub required_overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DeviceRow {
    pub device_id: String,
    pub role: String,
    pub status: String,
    /// RFC 3339, if known.
    pub last_check_in: Option<String>,
    /// Whole days since then.
    pub days_since: Option<i32>,
}

/// The team overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TeamDashboard {
    /// `YYYY-MM-DD`.
    pub today: String,
    pub open_cases: u32,
    pub total_cases: u32,
    /// By counsellor name.
    pub caseload: Vec<CaseloadRow>,
    /// Every case by status, in [`PHASES`] order, then `unknown` if any.
    pub phases: Vec<Count>,
    /// Most overdue first.
    pub pip_overdue: Vec<PipDueRow>,
    /// Soonest first.
    pub pip_due_soon: Vec<PipDueRow>,
    pub waiting: Vec<WaitingDistribution>,
    /// By route code, most chosen first.
    pub routes: Vec<Count>,
    pub consents_missing: Vec<ConsentGap>,
    /// Open cases missing at least one required consent.
    pub cases_missing_consent: u32,
    pub safety_outstanding: Vec<SafetyRow>,
    pub devices: Vec<DeviceRow>,
    /// Open cases whose reviews were missed or are due soon, most missed first.
    pub reviews: Vec<ProgressReviewRow>,
}

pub(crate) fn is_closed(case: &Case) -> bool {
    matches!(case.status.as_deref(), Some("completed" | "closed"))
}

fn counsellor_of(case: &Case) -> String {
    case.counsellor.as_deref().unwrap_or("").trim().to_owned()
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn date_of_instant(s: Option<&str>) -> Option<NaiveDate> {
    let s = s?.trim();
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&Utc).date_naive())
        .or_else(|| parse_date(Some(s.get(..10)?)))
}

/// The dates of a case's steps, as [`WaitingStep`] reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseMilestones {
    pub koppeling: Option<NaiveDate>,
    pub first_conversation: Option<NaiveDate>,
    pub pip: Option<NaiveDate>,
    pub route_start: Option<NaiveDate>,
    /// The route of the highest fixed PIP version.
    pub route: Option<String>,
}

impl CaseMilestones {
    /// Days of a step, when both dates are known (negative when out of order).
    pub fn days(&self, step: WaitingStep) -> Option<i64> {
        let (a, b) = match step {
            WaitingStep::KoppelingToFirstConversation => (self.koppeling, self.first_conversation),
            WaitingStep::FirstConversationToPip => (self.first_conversation, self.pip),
            WaitingStep::PipToRoute => (self.pip, self.route_start),
            WaitingStep::KoppelingToPip => (self.koppeling, self.pip),
        };
        Some((b? - a?).num_days())
    }
}

/// Of a case's fixed PIP versions: the earliest `fixed_on`, and the highest version with its
/// route.
type PlanSummary = (Option<NaiveDate>, Option<(i32, Option<String>)>);

/// Every case's milestones, by case id: one pass over conversations and plans.
pub fn milestones(team: &TeamRecords) -> BTreeMap<String, CaseMilestones> {
    // (earliest `first`, earliest of any type) per case.
    let mut firsts: HashMap<&str, (Option<NaiveDate>, Option<NaiveDate>)> = HashMap::new();
    for c in &team.conversations {
        let (Some(case), Some(day)) = (
            c.case_id.as_deref(),
            date_of_instant(c.starts_at.as_deref()),
        ) else {
            continue;
        };
        let entry = firsts.entry(case).or_default();
        if c.conversation_type.as_deref() == Some("first") {
            entry.0 = Some(entry.0.map_or(day, |d| d.min(day)));
        }
        entry.1 = Some(entry.1.map_or(day, |d| d.min(day)));
    }
    // (earliest fixed_on, (highest fixed version, its route)) per case.
    let mut plans: HashMap<&str, PlanSummary> = HashMap::new();
    for p in &team.plans {
        let Some(case) = p.case_id.as_deref() else {
            continue;
        };
        if !p.is_fixed() {
            continue;
        }
        let entry = plans.entry(case).or_default();
        if let Some(d) = p.fixed_date() {
            entry.0 = Some(entry.0.map_or(d, |e| e.min(d)));
        }
        let v = p.version.unwrap_or_default();
        if entry.1.as_ref().is_none_or(|(best, _)| v > *best) {
            entry.1 = Some((v, p.route.clone()));
        }
    }
    let nobody = Client::default();
    team.cases
        .iter()
        .map(|(id, case)| {
            let client = case
                .client_id
                .as_deref()
                .and_then(|c| team.clients.get(c))
                .unwrap_or(&nobody);
            let (first_typed, first_any) = firsts.get(id.as_str()).copied().unwrap_or_default();
            let (fixed_on, best) = plans.get(id.as_str()).cloned().unwrap_or_default();
            let m = CaseMilestones {
                koppeling: parse_date(client.koppeling_date.as_deref()),
                first_conversation: first_typed.or(first_any),
                pip: parse_date(case.pip_decided_on.as_deref()).or(fixed_on),
                route_start: parse_date(case.route_started_on.as_deref()),
                route: best
                    .and_then(|(_, r)| r)
                    .map(|r| r.trim().to_owned())
                    .filter(|r| !r.is_empty()),
            };
            (id.clone(), m)
        })
        .collect()
}

/// The nearest-rank percentile of sorted values (p in 1..=100).
pub fn nearest_rank(sorted: &[u32], p: u32) -> Option<u32> {
    if sorted.is_empty() {
        return None;
    }
    let n = sorted.len();
    let rank = (p as usize * n).div_ceil(100).clamp(1, n);
    Some(sorted[rank - 1])
}

/// Percentiles and buckets of a list of day counts.
pub fn distribution(step: WaitingStep, days: &[i64]) -> WaitingDistribution {
    let mut values: Vec<u32> = days
        .iter()
        .filter(|d| **d >= 0)
        .map(|d| u32::try_from(*d).unwrap_or(u32::MAX))
        .collect();
    values.sort_unstable();
    let inconsistent = (days.len() - values.len()) as u32;
    let percentiles = (!values.is_empty()).then(|| Percentiles {
        p25: nearest_rank(&values, 25).unwrap_or_default(),
        p50: nearest_rank(&values, 50).unwrap_or_default(),
        p75: nearest_rank(&values, 75).unwrap_or_default(),
        p90: nearest_rank(&values, 90).unwrap_or_default(),
    });
    let buckets = BUCKET_EDGES
        .iter()
        .enumerate()
        .map(|(i, from)| {
            let to = BUCKET_EDGES.get(i + 1).copied();
            let count = values
                .iter()
                .filter(|v| **v >= *from && to.is_none_or(|t| **v < t))
                .count() as u32;
            Bucket {
                from_days: *from,
                to_days: to,
                count,
            }
        })
        .collect();
    WaitingDistribution {
        step,
        count: values.len() as u32,
        inconsistent,
        percentiles,
        buckets,
    }
}

fn sorted_counts(map: BTreeMap<String, u32>) -> Vec<Count> {
    let mut out: Vec<Count> = map
        .into_iter()
        .map(|(key, count)| Count { key, count })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    out
}

/// What the dashboard is computed from.
pub struct DashboardInput<'a> {
    pub team: &'a TeamRecords,
    pub safety: &'a [SafetyFlags],
    pub devices: &'a [DeviceCheckIn],
    pub terms: &'a Terms,
    pub settings: &'a DashboardSettings,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

/// Everything the input says, restricted to the cases `include` accepts (a counsellor sees
/// their own; a supervisor everything).
pub fn compute(input: &DashboardInput<'_>, include: &dyn Fn(&Case) -> bool) -> TeamDashboard {
    let DashboardInput {
        team,
        safety,
        devices,
        terms,
        settings,
        today,
        now,
    } = *input;
    let nobody = Client::default();
    let client_of = |case: &Case| {
        case.client_id
            .as_deref()
            .and_then(|c| team.clients.get(c))
            .unwrap_or(&nobody)
    };
    let all_milestones = milestones(team);
    let (planned_reviews, held_reviews) = reviews_by_case(team);
    let mut reviews = Vec::new();

    let mut caseload: BTreeMap<String, CaseloadRow> = BTreeMap::new();
    let mut phases: BTreeMap<&str, u32> = BTreeMap::new();
    let mut pip_overdue = Vec::new();
    let mut pip_due_soon = Vec::new();
    let mut waiting: BTreeMap<WaitingStep, Vec<i64>> = BTreeMap::new();
    let mut routes: BTreeMap<String, u32> = BTreeMap::new();
    let mut gaps = vec![0u32; settings.required_consents.len()];
    let mut cases_missing_consent = 0;
    let (mut open_cases, mut total_cases) = (0u32, 0u32);

    // Consent decisions by client.
    let mut registers: HashMap<&str, Vec<ConsentRecord>> = HashMap::new();
    for r in &team.consents {
        if let Some(c) = r.client_id.as_deref() {
            registers.entry(c).or_default().push(r.clone());
        }
    }

    for (case_id, case) in &team.cases {
        if !include(case) {
            continue;
        }
        total_cases += 1;
        let status = case
            .status
            .as_deref()
            .filter(|s| PHASES.contains(s))
            .unwrap_or("unknown");
        *phases.entry(status).or_default() += 1;
        if let Some(m) = all_milestones.get(case_id) {
            for step in WaitingStep::ALL {
                if let Some(d) = m.days(step) {
                    waiting.entry(step).or_default().push(d);
                }
            }
            if let Some(route) = &m.route {
                *routes.entry(route.clone()).or_default() += 1;
            }
        }
        if is_closed(case) {
            continue;
        }
        open_cases += 1;
        let counsellor = counsellor_of(case);
        let row = caseload
            .entry(counsellor.clone())
            .or_insert_with(|| CaseloadRow {
                counsellor: counsellor.clone(),
                open_cases: 0,
                intake: 0,
                pip: 0,
                route: 0,
                pip_overdue: 0,
                pip_due_soon: 0,
            });
        row.open_cases += 1;
        match status {
            "intake" => row.intake += 1,
            "pip" => row.pip += 1,
            "route" => row.route += 1,
            _ => {}
        }
        let client = client_of(case);
        let mut dates = CaseDates::from_records(client, case);
        if let Some(planned) = planned_reviews.get(case_id.as_str()) {
            dates.progress_reviews = planned.clone();
        }
        if let Some(held) = held_reviews.get(case_id.as_str()) {
            dates.held_reviews = held.clone();
        }
        if let Some(r) = review_row(case_id, case, client, &dates, terms, today) {
            reviews.push(r);
        }
        if let Some(d) = case_deadlines(&dates, terms, today)
            .into_iter()
            .find(|d| d.kind == DeadlineKind::Pip)
        {
            if let (Some(due), Some(days)) = (d.due, d.days) {
                let due_row = || PipDueRow {
                    case_id: case_id.clone(),
                    client_id: case.client_id.clone().unwrap_or_default(),
                    client_name: client.display_name(),
                    counsellor: counsellor.clone(),
                    due: ymd(due),
                    days: days.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
                };
                match d.state {
                    DeadlineState::Overdue => {
                        row.pip_overdue += 1;
                        pip_overdue.push(due_row());
                    }
                    DeadlineState::DueSoon => {
                        row.pip_due_soon += 1;
                        pip_due_soon.push(due_row());
                    }
                    _ => {}
                }
            }
        }
        let register = case
            .client_id
            .as_deref()
            .and_then(|c| registers.get(c))
            .map_or(&[][..], |v| v.as_slice());
        let mut any_missing = false;
        for (i, req) in settings.required_consents.iter().enumerate() {
            if !matches!(
                consent_state(register, &req.purpose, &req.recipient, today),
                ConsentState::Given { .. }
            ) {
                gaps[i] += 1;
                any_missing = true;
            }
        }
        if any_missing {
            cases_missing_consent += 1;
        }
    }

    let by_due = |a: &PipDueRow, b: &PipDueRow| {
        a.due
            .cmp(&b.due)
            .then_with(|| a.client_name.cmp(&b.client_name))
            .then_with(|| a.case_id.cmp(&b.case_id))
    };
    pip_overdue.sort_by(by_due);
    pip_due_soon.sort_by(by_due);
    reviews.sort_by(|a, b| {
        b.missed
            .cmp(&a.missed)
            .then_with(|| b.required_overdue.cmp(&a.required_overdue))
            .then_with(|| a.next.cmp(&b.next))
            .then_with(|| a.client_name.cmp(&b.client_name))
            .then_with(|| a.case_id.cmp(&b.case_id))
    });

    let mut safety_outstanding = Vec::new();
    for s in safety {
        if s.sealed {
            continue;
        }
        let Some(case_id) = s.case_id.as_deref() else {
            continue;
        };
        let Some(case) = team.cases.get(case_id) else {
            continue;
        };
        if is_closed(case) || !include(case) {
            continue;
        }
        for flag in &s.raised {
            if s.acknowledged.contains(flag) {
                continue;
            }
            safety_outstanding.push(SafetyRow {
                administration_id: s.administration_id.clone(),
                case_id: case_id.to_owned(),
                client_name: client_of(case).display_name(),
                counsellor: counsellor_of(case),
                flag_id: flag.clone(),
                since: s.started_at.clone(),
            });
        }
    }
    safety_outstanding.sort_by(|a, b| {
        a.since
            .cmp(&b.since)
            .then_with(|| a.administration_id.cmp(&b.administration_id))
            .then_with(|| a.flag_id.cmp(&b.flag_id))
    });

    let mut device_rows: Vec<DeviceRow> = devices
        .iter()
        .map(|d| DeviceRow {
            device_id: d.device_id.clone(),
            role: d.role.clone(),
            status: d.status.clone(),
            last_check_in: d
                .last_check_in
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            days_since: d
                .last_check_in
                .map(|t| (now - t).num_days().clamp(0, i64::from(i32::MAX)) as i32),
        })
        .collect();
    device_rows.sort_by(|a, b| {
        // Longest without a check-in first; never checked in before all.
        b.days_since
            .unwrap_or(i32::MAX)
            .cmp(&a.days_since.unwrap_or(i32::MAX))
            .then_with(|| a.device_id.cmp(&b.device_id))
    });

    let mut phase_counts: Vec<Count> = PHASES
        .iter()
        .map(|p| Count {
            key: (*p).to_owned(),
            count: phases.get(p).copied().unwrap_or(0),
        })
        .collect();
    if let Some(n) = phases.get("unknown") {
        phase_counts.push(Count {
            key: "unknown".into(),
            count: *n,
        });
    }

    TeamDashboard {
        today: ymd(today),
        open_cases,
        total_cases,
        caseload: caseload.into_values().collect(),
        phases: phase_counts,
        pip_overdue,
        pip_due_soon,
        waiting: WaitingStep::ALL
            .iter()
            .map(|s| distribution(*s, waiting.get(s).map_or(&[][..], |v| v.as_slice())))
            .collect(),
        routes: sorted_counts(routes),
        consents_missing: settings
            .required_consents
            .iter()
            .zip(gaps)
            .map(|(r, missing)| ConsentGap {
                purpose: r.purpose.clone(),
                recipient: r.recipient.clone(),
                missing,
            })
            .collect(),
        cases_missing_consent,
        safety_outstanding,
        devices: device_rows,
        reviews,
    }
}

/// The planned reviews of each case's highest fixed PIP version, and its held reviews.
type ReviewsByCase<'a> = (
    HashMap<&'a str, Vec<NaiveDate>>,
    HashMap<&'a str, Vec<crate::trajectory::HeldReview>>,
);

fn reviews_by_case(team: &TeamRecords) -> ReviewsByCase<'_> {
    let mut best: HashMap<&str, (i32, &Plan)> = HashMap::new();
    for p in &team.plans {
        let Some(case) = p.case_id.as_deref() else {
            continue;
        };
        let v = p.version.unwrap_or_default();
        if p.is_fixed() && best.get(case).is_none_or(|(b, _)| v > *b) {
            best.insert(case, (v, p));
        }
    }
    let planned = best
        .into_iter()
        .map(|(case, (_, p))| (case, p.review_dates()))
        .collect();
    let mut held: HashMap<&str, Vec<crate::trajectory::HeldReview>> = HashMap::new();
    for c in &team.conversations {
        if let (Some(case), Some(h)) = (c.case_id.as_deref(), crate::trajectory::held_review(c)) {
            held.entry(case).or_default().push(h);
        }
    }
    (planned, held)
}

/// The review row of an open case, when its reviews ask for attention.
fn review_row(
    case_id: &str,
    case: &Case,
    client: &Client,
    dates: &CaseDates,
    terms: &Terms,
    today: NaiveDate,
) -> Option<ProgressReviewRow> {
    let deadlines = case_deadlines(dates, terms, today);
    let planned: Vec<_> = deadlines
        .iter()
        .filter(|d| d.kind == DeadlineKind::ProgressReview)
        .collect();
    let missed = planned
        .iter()
        .filter(|d| d.state == DeadlineState::Overdue)
        .count() as u32;
    let next = planned
        .iter()
        .find(|d| matches!(d.state, DeadlineState::Open | DeadlineState::DueSoon));
    let required = deadlines
        .iter()
        .find(|d| d.kind == DeadlineKind::ReviewInterval);
    let row = ProgressReviewRow {
        case_id: case_id.to_owned(),
        client_id: case.client_id.clone().unwrap_or_default(),
        client_name: client.display_name(),
        counsellor: counsellor_of(case),
        next: next.and_then(|d| d.due).map(ymd),
        next_due_soon: next.is_some_and(|d| d.state == DeadlineState::DueSoon),
        missed,
        required_by: required.and_then(|d| d.due).map(ymd),
        required_overdue: required.is_some_and(|d| d.state == DeadlineState::Overdue),
    };
    (row.missed > 0 || row.required_overdue || row.next_due_soon).then_some(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(
        team: &'a TeamRecords,
        terms: &'a Terms,
        settings: &'a DashboardSettings,
        today: &str,
    ) -> DashboardInput<'a> {
        DashboardInput {
            team,
            safety: &[],
            devices: &[],
            terms,
            settings,
            today: NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap(),
            now: Utc::now(),
        }
    }

    #[test]
    fn missed_and_next_reviews_are_listed_per_open_case() {
        let mut team = TeamRecords::default();
        let fields = |v: serde_json::Value| v.as_object().unwrap().clone();
        team.add(
            "k",
            RecordKind::Client,
            &fields(serde_json::json!({"preferred_name": "Selam"})),
        );
        team.add(
            "c1",
            RecordKind::Case,
            &fields(serde_json::json!({"client_id": "k", "status": "route", "counsellor": "Anna", "pip_decided_on": "2026-01-15"})),
        );
        team.add(
            "p1",
            RecordKind::Plan,
            &fields(serde_json::json!({"case_id": "c1", "version": 1, "status": "fixed", "fixed_on": "2026-01-15",
                "reviews": [{"on": "2026-04-01"}, {"on": "2026-07-01"}]})),
        );
        let (terms, settings) = (Terms::default(), DashboardSettings::default());
        let rows = |team: &TeamRecords, today: &str| {
            compute(&input(team, &terms, &settings, today), &|_| true).reviews
        };
        // Nothing due within the window yet.
        assert!(rows(&team, "2026-03-17").is_empty());
        let r = &rows(&team, "2026-03-18")[0];
        assert_eq!(
            (r.next.as_deref(), r.next_due_soon, r.missed),
            (Some("2026-04-01"), true, 0)
        );
        // The day after the planned date, unheld: missed; the next is July.
        let r = &rows(&team, "2026-04-02")[0];
        assert_eq!((r.next.as_deref(), r.missed), (Some("2026-07-01"), 1));
        // A progress-review conversation on 2026-04-02 fulfils it (late): nothing missed.
        team.add(
            "v1",
            RecordKind::Conversation,
            &fields(serde_json::json!({"case_id": "c1", "conversation_type": "progress_review", "starts_at": "2026-04-02T09:00:00Z"})),
        );
        assert!(rows(&team, "2026-04-02").is_empty());
        assert!(rows(&team, "2026-06-16").is_empty());
        assert_eq!(
            rows(&team, "2026-06-17")[0].next.as_deref(),
            Some("2026-07-01")
        );
        // Without any review, the frequency deadline (2026-04-15) goes by too.
        let mut quiet = team.clone();
        quiet.conversations.clear();
        let r = &rows(&quiet, "2026-04-16")[0];
        assert_eq!(
            (r.required_by.as_deref(), r.required_overdue),
            (Some("2026-04-15"), true)
        );
    }

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<u32> = (1..=10).collect();
        assert_eq!(nearest_rank(&v, 25), Some(3));
        assert_eq!(nearest_rank(&v, 50), Some(5));
        assert_eq!(nearest_rank(&v, 90), Some(9));
        assert_eq!(nearest_rank(&[7], 90), Some(7));
        assert_eq!(nearest_rank(&[], 50), None);
    }

    #[test]
    fn buckets_are_half_open_and_negative_days_inconsistent() {
        let d = distribution(WaitingStep::PipToRoute, &[0, 6, 7, 200, -3]);
        assert_eq!(d.count, 4);
        assert_eq!(d.inconsistent, 1);
        assert_eq!(d.buckets[0].count, 2);
        assert_eq!(d.buckets[1].count, 1);
        assert_eq!(d.buckets.last().unwrap().count, 1);
        assert_eq!(d.buckets.last().unwrap().to_days, None);
    }
}
