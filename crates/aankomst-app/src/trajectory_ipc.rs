//! IPC types of the trajectory after the PIP: goals and actions with their status, planned
//! and held progress reviews, the inburgeringstermijn and the duty decision. Exported to
//! TypeScript by ts-rs like [`crate::ipc`].

use crate::deadlines_ipc::DeadlineView;
use aankomst_core::trajectory::{DutyDecision, GoalStatus, TermExtension, ZHours, ZTotal};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ActionView {
    pub key: String,
    pub party: String,
    pub partner_name: Option<String>,
    pub action: String,
    pub due_on: Option<String>,
    /// None: open (never given a status).
    pub status: Option<GoalStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GoalView {
    pub key: String,
    pub goal: String,
    pub status: Option<GoalStatus>,
    pub actions: Vec<ActionView>,
}

/// A planned review with its deadline state (`done` is the day of the conversation that
/// fulfilled it).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlannedReviewView {
    pub on: String,
    pub deadline: DeadlineView,
}

/// A progress-review conversation of the case.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HeldReviewView {
    pub conversation_id: String,
    pub on: String,
    /// The planned review it is linked to, if the counsellor linked it.
    pub review_for: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TrajectoryView {
    pub case_id: String,
    /// The last fixed PIP version the goals come from.
    pub plan_id: Option<String>,
    pub plan_version: Option<i32>,
    pub goals: Vec<GoalView>,
    pub reviews: Vec<PlannedReviewView>,
    /// The earliest planned review not yet held (`YYYY-MM-DD`).
    pub next_review: Option<String>,
    /// Planned reviews whose date went by without a review.
    pub missed_reviews: u32,
    pub held_reviews: Vec<HeldReviewView>,
    /// The minimum frequency for this client: the next review is required by this deadline.
    pub review_interval_months: u32,
    pub review_required: Option<DeadlineView>,
    /// Planned reviews further apart than the minimum frequency allows.
    pub plan_gaps: Vec<String>,
    pub term: Option<DeadlineView>,
    pub term_extensions: Vec<TermExtension>,
    pub duty_decision: Option<DutyDecision>,
    /// Whether the last fixed PIP is on the Z-route: then the hours per month, their totals
    /// against the norm and the eindgesprek.
    pub z_route: bool,
    pub z_months: Vec<ZMonthView>,
    pub z_totals: Vec<ZTotal>,
    pub z_final: Option<DeadlineView>,
}

/// One month of Z-route hours (`YYYY-MM`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ZMonthView {
    pub period: String,
    pub hours: Vec<ZHours>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SetGoalStatusRequest {
    pub case_id: String,
    /// A goal's or an action's key from [`GoalView`] / [`ActionView`].
    pub key: String,
    pub status: String,
    pub reason: Option<String>,
    /// The progress-review conversation it was discussed in.
    pub conversation_id: Option<String>,
    /// `YYYY-MM-DD`; today when absent.
    pub on: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ExtendTermRequest {
    pub case_id: String,
    pub new_end: String,
    pub reason: String,
    /// `YYYY-MM-DD`; today when absent.
    pub decided_on: Option<String>,
}
