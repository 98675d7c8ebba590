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
