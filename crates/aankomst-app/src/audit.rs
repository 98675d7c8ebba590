//! The audit trail as the app shows it: who did what with one client's file, and whether this
//! device's chain is intact.

use crate::error::AppError;
use crate::service::{parse_id, AppService};
use aankomst_core::audit::AuditAction;
use chrono::SecondsFormat;
use serde::Serialize;
use ts_rs::TS;

/// One entry of a client's audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditEntryView {
    pub seq: u32,
    /// UTC, RFC 3339.
    pub at: String,
    pub user: String,
    pub device: String,
    pub action: AuditAction,
    /// `kind:record-id`.
    pub object: String,
    pub on_behalf_of: Option<String>,
}

/// Whether this device's chain verifies, and where it breaks if not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditChainStatus {
    /// The last entry's sequence number when the chain is intact (0 when broken or empty).
    pub last_seq: u32,
    /// The break in plain words (English; for the supervisor's report), or none.
    pub broken: Option<String>,
}

impl AppService {
    /// "Who looked at this file?": every read, write, export and print of one client's data on
    /// this device, oldest first.
    pub fn client_audit(&self, client_id: &str) -> Result<Vec<AuditEntryView>, AppError> {
        let client_id = parse_id(client_id)?;
        self.with_session(|s| {
            let entries = s.store.audit_of_client(&client_id.to_string())?;
            Ok(entries
                .into_iter()
                .map(|e| AuditEntryView {
                    seq: u32::try_from(e.seq).unwrap_or(u32::MAX),
                    at: e.event.at.to_rfc3339_opts(SecondsFormat::Secs, true),
                    user: e.event.user,
                    device: e.event.device,
                    action: e.event.action,
                    object: e.event.object,
                    on_behalf_of: e.event.on_behalf_of,
                })
                .collect())
        })
    }

    pub fn verify_audit_chain(&self) -> Result<AuditChainStatus, AppError> {
        self.with_session(|s| {
            Ok(match s.store.verify_audit()? {
                Ok(last) => AuditChainStatus {
                    last_seq: u32::try_from(last).unwrap_or(u32::MAX),
                    broken: None,
                },
                Err(chain_break) => AuditChainStatus {
                    last_seq: 0,
                    broken: Some(chain_break.to_string()),
                },
            })
        })
    }
}
