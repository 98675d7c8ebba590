//! The app's commands, independent of Tauri: each public method of [`AppService`] is one
//! IPC command's body. The Tauri shell only converts arguments and errors, so every
//! command is tested here without a window.

pub mod audit;
pub mod benchmarks;
pub mod commands;
mod consent;
pub mod consent_ipc;
mod dashboard;
pub mod dashboard_ipc;
mod deadlines;
pub mod deadlines_ipc;
pub mod documents;
mod documents_cmd;
pub mod documents_ipc;
mod error;
pub mod exports;
mod handover;
pub mod handover_ipc;
mod intake;
pub mod intake_ipc;
pub mod ipc;
mod plan;
pub mod plan_ipc;
pub mod policy;
#[cfg(test)]
mod reference_export;
mod review;
mod screening;
pub mod screening_ipc;
mod service;
mod sync;
pub mod sync_ipc;
mod trajectory;
pub mod trajectory_ipc;

pub use dashboard::{load_team, team_dashboard_of_store};
pub use error::AppError;
pub use screening::score_stored;
pub use service::{AppService, Host, LockReason, ServiceConfig};
pub use sync::DEFAULT_OFFLINE_LOCK_DAYS;
