//! IPC types of the supervisor's dashboard and the monitoring export. The dashboard's own
//! figures are `aankomst_core::dashboard` types, exported to TypeScript there.

use aankomst_core::dashboard::TeamDashboard;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The dashboard as the UI shows it, with whose cases it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DashboardView {
    /// `supervisor` (a device enrolled as supervisor: the whole team) or `counsellor`
    /// (enrolled as counsellor, or not enrolled: their own cases only).
    pub role: String,
    /// True when the figures cover the whole team.
    pub team: bool,
    /// For a counsellor: the name their cases carry.
    pub own_name: String,
    pub dashboard: TeamDashboard,
}

/// Where the UI asked the monitoring CSV to go.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MonitoringExportRequest {
    /// A folder; empty for the Downloads folder.
    pub directory: String,
}

/// The monitoring export: a file name and its content (aggregate figures only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitoringExport {
    pub file_name: String,
    pub csv: Vec<u8>,
    pub rows: u32,
}

/// Where the export went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MonitoringExportResult {
    pub path: String,
    pub rows: u32,
}
