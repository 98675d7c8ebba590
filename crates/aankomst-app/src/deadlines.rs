//! Deadline commands: a case's deadlines, the list across all cases for the reminders,
//! and the municipality's terms. The arithmetic is `aankomst_core::deadlines`; this module
//! only reads the dates from the store.

use crate::deadlines_ipc::*;
use crate::error::AppError;
use crate::service::{parse_id, today, AppService, Session};
use aankomst_core::deadlines::{
    case_deadlines, CaseDates, Deadline, DeadlineKind, DeadlineState, Terms,
};
use aankomst_core::records::{view, Case, Client};
use aankomst_core::RecordKind;
use chrono::NaiveDate;
use std::collections::HashMap;
use uuid::Uuid;

fn date(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

pub(crate) fn deadline_view(d: &Deadline) -> DeadlineView {
    DeadlineView {
        kind: d.kind,
        due: date(d.due),
        done: date(d.done),
        state: d.state,
        days: d
            .days
            .map(|n| n.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32),
        missing: d.missing.map(str::to_owned),
    }
}

/// The deadline terms: the active municipal policy's (DESIGN §4.13); no laptop sets its own.
pub(crate) fn terms(s: &Session) -> Result<Terms, AppError> {
    crate::policy::terms_of(&s.store)
}

fn is_closed(case: &Case) -> bool {
    matches!(case.status.as_deref(), Some("completed" | "closed"))
}

fn wanted(filter: DeadlineFilter, state: DeadlineState) -> bool {
    match filter {
        DeadlineFilter::DueSoon => state == DeadlineState::DueSoon,
        DeadlineFilter::Overdue => state == DeadlineState::Overdue,
        DeadlineFilter::Attention => state.needs_attention(),
        DeadlineFilter::Unknown => state == DeadlineState::Unknown,
        DeadlineFilter::All => true,
    }
}

/// An unknown deadline that asks for a date to be entered (not the route-change window of a
/// case without a PIP yet).
fn missing_date(d: &Deadline) -> bool {
    d.state == DeadlineState::Unknown && d.kind != DeadlineKind::RouteChangeWindow
}

impl AppService {
    pub fn get_deadline_terms(&self) -> Result<Terms, AppError> {
        self.with_session(|s| terms(s))
    }

    pub fn save_deadline_terms(&self, req: Terms) -> Result<(), AppError> {
        if !req.is_valid() {
            return Err(AppError::new("deadline_terms_invalid"));
        }
        // The policy fixes the terms: saving them again is fine, changing them is refused.
        self.with_session(|s| {
            if req != terms(s)? {
                return Err(crate::policy::policy_fixed("deadline_terms"));
            }
            Ok(())
        })
    }

    /// The deadlines of one case, closed or not, in a fixed order (PIP, route change,
    /// ontzorgen).
    pub fn case_deadlines(&self, case_id: &str) -> Result<Vec<DeadlineView>, AppError> {
        let case_id = parse_id(case_id)?;
        self.with_session(|s| {
            let dates = crate::trajectory::read_case(s, case_id)?.dates;
            Ok(case_deadlines(&dates, &terms(s)?, today())
                .iter()
                .map(deadline_view)
                .collect())
        })
    }

    /// Deadlines across every open case (not completed or closed). One pass over the cases
    /// and one over the clients, so it stays quick with thousands of clients.
    pub fn list_deadlines(&self, filter: DeadlineFilter) -> Result<DeadlineList, AppError> {
        self.list_deadlines_on(filter, today())
    }

    /// The same as on another date (tests, and the benchmark).
    pub fn list_deadlines_on(
        &self,
        filter: DeadlineFilter,
        today: NaiveDate,
    ) -> Result<DeadlineList, AppError> {
        self.with_session(|s| {
            let terms = terms(s)?;
            let rules = crate::trajectory::trajectory_rules(s);
            let mut cases: Vec<(Uuid, Uuid, Case, aankomst_core::Fields)> = Vec::new();
            s.store.for_each_of_kind(RecordKind::Case, |id, state| {
                let case: Case = view(&state.fields);
                if is_closed(&case) {
                    return;
                }
                if let Some(Ok(client)) = case.client_id.as_deref().map(Uuid::parse_str) {
                    // Only the goal statuses of the fields are needed besides the typed view.
                    let statuses = state
                        .fields
                        .iter()
                        .filter(|(k, _)| {
                            k.starts_with(aankomst_core::trajectory::GOAL_STATUS_PREFIX)
                        })
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    cases.push((id, client, case, statuses));
                }
            })?;
            let mut clients: HashMap<Uuid, Client> = HashMap::with_capacity(cases.len());
            s.store.for_each_of_kind(RecordKind::Client, |id, state| {
                clients.insert(id, view(&state.fields));
            })?;
            // Each case's last fixed PIP version and its progress-review conversations.
            let extras = crate::trajectory::all_case_extras(s)?;
            let (mut overdue, mut due_soon, mut unknown) = (0u32, 0u32, 0u32);
            let mut rows = Vec::new();
            let nobody = Client::default();
            for (case_id, client_id, case, statuses) in &cases {
                let client = clients.get(client_id).unwrap_or(&nobody);
                let mut dates = CaseDates::from_records(client, case);
                crate::trajectory::fill_dates(&mut dates, extras.get(case_id), statuses, &rules);
                for d in case_deadlines(&dates, &terms, today) {
                    match d.state {
                        DeadlineState::Overdue => overdue += 1,
                        DeadlineState::DueSoon => due_soon += 1,
                        _ => {}
                    }
                    if missing_date(&d) {
                        unknown += 1;
                    } else if filter == DeadlineFilter::Unknown {
                        continue;
                    }
                    if wanted(filter, d.state) {
                        rows.push(DeadlineRow {
                            client_id: client_id.to_string(),
                            client_name: client.display_name(),
                            case_id: case_id.to_string(),
                            deadline: deadline_view(&d),
                        });
                    }
                }
            }
            // Earliest due date first (the most overdue on top); unknown dates last.
            rows.sort_by(|a, b| {
                let due = |r: &DeadlineRow| r.deadline.due.clone().unwrap_or_else(|| "~".into());
                due(a)
                    .cmp(&due(b))
                    .then_with(|| a.client_name.cmp(&b.client_name))
                    .then_with(|| a.deadline.kind.cmp(&b.deadline.kind))
            });
            Ok(DeadlineList {
                rows,
                overdue,
                due_soon,
                unknown,
                today: today.format("%Y-%m-%d").to_string(),
            })
        })
    }
}
