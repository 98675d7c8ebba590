//! IPC types of deadlines: a case's deadlines and the due-soon / overdue list across all
//! cases. Exported to TypeScript by ts-rs like the rest of [`crate::ipc`].

use aankomst_core::deadlines::{DeadlineKind, DeadlineState};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which deadlines the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeadlineFilter {
    DueSoon,
    Overdue,
    /// Due soon and overdue: what the reminders are about.
    #[default]
    Attention,
    /// Deadlines that cannot be computed because a date is missing (a koppeling date, say).
    /// The route-change window before the PIP is not among them: it has no date yet by
    /// nature.
    Unknown,
    /// Every deadline of every open case, met and unknown ones included.
    All,
}

/// One deadline, with dates as `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DeadlineView {
    pub kind: DeadlineKind,
    pub due: Option<String>,
    /// When it was done, if it was.
    pub done: Option<String>,
    pub state: DeadlineState,
    /// Open: days left (negative = days late). Done: days after the due date it was done
    /// (≤ 0 = on time).
    pub days: Option<i32>,
    /// For an unknown deadline: the field to enter (`koppeling_date`, …).
    pub missing: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DeadlineRow {
    pub client_id: String,
    pub client_name: String,
    pub case_id: String,
    pub deadline: DeadlineView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DeadlineList {
    /// The rows the filter asked for, earliest due date first.
    pub rows: Vec<DeadlineRow>,
    /// Across all open cases, whatever the filter: the reminder badge shows their sum.
    pub overdue: u32,
    pub due_soon: u32,
    /// Deadlines the `unknown` filter lists, whatever the filter.
    pub unknown: u32,
    /// The date the states were computed for (Europe/Amsterdam).
    pub today: String,
}
