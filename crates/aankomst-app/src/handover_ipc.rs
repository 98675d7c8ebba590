//! IPC types of case handover (see `aankomst_core::handover`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Hand one case over to another counsellor, with a note for them.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct HandoverCaseRequest {
    pub case_id: String,
    /// The new counsellor's name (as in their profile).
    pub to: String,
    pub note: String,
}

/// A supervisor hands every open case of one counsellor over to another.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct HandoverAllRequest {
    pub from: String,
    pub to: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HandoverAllResult {
    /// How many cases were handed over.
    pub handed_over: u32,
}

/// A counsellor of the team as the handover form offers them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CounsellorOption {
    pub name: String,
    /// Cases (not closed) assigned to them on this device.
    pub open_cases: u32,
    /// The counsellor of this profile.
    pub me: bool,
}
