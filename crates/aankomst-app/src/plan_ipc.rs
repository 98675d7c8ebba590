//! IPC types of the PIP: versions, the draft's editing, the vaststelling, signatures and
//! the municipality's own routes. Exported to TypeScript by ts-rs like [`crate::ipc`].

use aankomst_core::plan::Plan;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A learning route a municipality adds to the three legal ones (Amsterdam's B1-mbo route,
/// say): a short code and the name to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomRoute {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RouteOption {
    pub code: String,
    /// The municipality's name for its own route; the legal ones are translated in the UI.
    pub label: Option<String>,
    pub builtin: bool,
    /// The legal route (`b1`, `onderwijs` or `z`) it counts as, from the policy.
    pub legal_route: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanVersionSummary {
    pub id: String,
    pub version: u32,
    pub status: String,
    pub route: Option<String>,
    pub fixed_on: Option<String>,
    pub signed_by_client: bool,
    pub signed_by_counsellor: bool,
    pub interpreter_attested: bool,
}

/// An intake finding the motivering can link to: an administration that is not sealed
/// (the leerbaarheidstoets, a screening) or a conversation.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FindingOption {
    pub kind: String,
    pub id: String,
    /// The instrument id, or the conversation type.
    pub title: String,
    pub date: Option<String>,
    /// For an administration: its status; for a conversation: whether it has notes.
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanView {
    pub id: String,
    pub case_id: String,
    pub client_id: String,
    pub client_name: String,
    pub plan: Plan,
    /// Draft fields still needed before the version can be fixed.
    pub missing: Vec<String>,
    pub editable: bool,
    /// Where the version stands in review, and what this device may do about it.
    pub review: PlanReviewView,
    /// The route of the last fixed version before this one, if there is one: a different
    /// route is a route change and needs a reason.
    pub previous_route: Option<String>,
    pub route_changes_used: u32,
    /// The last day a route change is allowed (the first vaststelling + 18 months).
    pub route_change_last_day: Option<String>,
    pub routes: Vec<RouteOption>,
    pub finding_options: Vec<FindingOption>,
    pub versions: Vec<PlanVersionSummary>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SavePlanFieldRequest {
    pub plan_id: String,
    pub field: String,
    #[ts(type = "unknown")]
    pub value: serde_json::Value,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SetPlanRouteRequest {
    pub plan_id: String,
    pub route: String,
    /// Required when the route differs from the last fixed version.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct FixPlanRequest {
    pub plan_id: String,
    /// The date of the vaststelling, `YYYY-MM-DD`.
    pub fixed_on: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SignPlanRequest {
    pub plan_id: String,
    /// `client` or `counsellor`.
    pub signer: String,
    pub name: String,
    /// The drawn signature as PNG, base64 (no `data:` prefix).
    pub png: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AttestPlanRequest {
    pub plan_id: String,
    pub name: String,
    pub language: String,
}

/// A version's review as the plan view shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanReviewView {
    /// This device is a supervisor's (it approves and returns).
    pub supervisor: bool,
    /// The vaststelling needs the supervisor's approval (a device in a team).
    pub review_required: bool,
    pub can_submit: bool,
    /// In review, and this device may approve or return it.
    pub can_review: bool,
    /// Approved: a change is a new version.
    pub can_revise: bool,
    /// The status allows the vaststelling (whether the plan is complete is `missing`).
    pub can_fix: bool,
    pub approval: Option<ApprovalView>,
}

/// Whether a version's approval still holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ApprovalState {
    /// The content is what was approved and the signature is the supervisor device's.
    Valid,
    /// Something the approval covers changed since (an edit that arrived by sync, say).
    Changed,
    /// The signature does not verify against the signer's pinned key.
    Invalid,
    /// This device does not know the signer's key (not enrolled, or not yet synced).
    UnknownSigner,
    /// A valid signature by a device that is not a supervisor's.
    NotSupervisor,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ApprovalView {
    pub by: String,
    pub at: String,
    pub device_id: String,
    pub state: ApprovalState,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ReturnPlanRequest {
    pub plan_id: String,
    pub comment: String,
}

/// A version waiting for the supervisor's review.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReviewRow {
    pub plan_id: String,
    pub case_id: String,
    pub version: u32,
    pub client_name: String,
    /// Who submitted it (else the case's counsellor).
    pub counsellor: Option<String>,
    pub submitted_at: Option<String>,
    /// When the case's PIP is due.
    pub pip_due: Option<String>,
}
