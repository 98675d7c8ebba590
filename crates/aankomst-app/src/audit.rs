//! The audit trail as the app shows it: who did what with one client's file, and whether this
//! device's chain is intact; on a supervisor's device, the same across every device of the
//! team (the pulled chains), searched by period and action, each chain's status beside it,
//! and exported as CSV (itself an audited export).

use crate::error::AppError;
use crate::service::{parse_id, AppService, Session};
use aankomst_core::audit::{to_csv, AuditAction, AuditEntry, AuditEvent, AuditFilter};
use aankomst_core::RecordKind;
use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use serde::{Deserialize, Serialize};
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

/// A supervisor's question to the audit trail: one client, a period, some actions.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct AuditSearchRequest {
    pub client_id: String,
    /// The first day (YYYY-MM-DD, Amsterdam time), inclusive; none for no lower bound.
    pub from: Option<String>,
    /// The last day (YYYY-MM-DD, Amsterdam time), inclusive; none for no upper bound.
    pub to: Option<String>,
    /// The actions to show; empty for all.
    pub actions: Vec<AuditAction>,
}

/// One device's chain as this device holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditDeviceChain {
    pub device: String,
    /// This device's own chain (the others were pulled from the server).
    pub own: bool,
    pub entries: u32,
    /// The last entry's sequence number when the chain is intact (0 when broken or empty).
    pub last_seq: u32,
    /// The break in plain words (English; for the supervisor's report), or none.
    pub broken: Option<String>,
    /// Pulled entries that claimed a place in the chain with other content (a fork).
    pub conflicts: u32,
}

/// The entries found, oldest first, and the status of every chain they come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditSearchResult {
    pub entries: Vec<AuditEntryView>,
    pub chains: Vec<AuditDeviceChain>,
}

/// A CSV export of a search, for the shell to write where the user chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditCsv {
    pub file_name: String,
    pub csv: String,
    pub rows: usize,
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn entry_view(e: AuditEntry) -> AuditEntryView {
    AuditEntryView {
        seq: clamp(e.seq),
        at: e.event.at.to_rfc3339_opts(SecondsFormat::Secs, true),
        user: e.event.user,
        device: e.event.device,
        action: e.event.action,
        object: e.event.object,
        on_behalf_of: e.event.on_behalf_of,
    }
}

fn day_bound(day: Option<&str>, field: &str, end: bool) -> Result<Option<DateTime<Utc>>, AppError> {
    let Some(day) = day.map(str::trim).filter(|d| !d.is_empty()) else {
        return Ok(None);
    };
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| AppError {
        key: "field".into(),
        args: [("error".to_owned(), "date_shape".to_owned())].into(),
        field: Some(field.into()),
    })?;
    let local = if end {
        date.and_time(NaiveTime::from_hms_micro_opt(23, 59, 59, 999_999).unwrap_or_default())
    } else {
        date.and_time(NaiveTime::MIN)
    };
    // A day's bound in Amsterdam time; on a clock change the earlier (start) or later (end)
    // reading, so the whole day is inside.
    let at = Amsterdam.from_local_datetime(&local);
    let at = if end { at.latest() } else { at.earliest() };
    Ok(at.map(|t| t.with_timezone(&Utc)))
}

/// The supervisor's question as a filter: only a supervisor's device reads the whole team's
/// trail, of a client it holds, over a period that is not reversed.
fn team_filter(s: &Session, req: &AuditSearchRequest) -> Result<AuditFilter, AppError> {
    let supervisor = s
        .sync
        .as_ref()
        .is_some_and(|e| e.role().as_str() == "supervisor");
    if !supervisor {
        return Err(AppError::new("audit_supervisor_only"));
    }
    let client = parse_id(&req.client_id)?;
    s.store.get_kind(RecordKind::Client, client)?;
    let filter = AuditFilter {
        client: Some(client.to_string()),
        from: day_bound(req.from.as_deref(), "from", false)?,
        to: day_bound(req.to.as_deref(), "to", true)?,
        actions: req.actions.clone(),
    };
    if let (Some(from), Some(to)) = (filter.from, filter.to) {
        if from > to {
            return Err(AppError::new("audit_period_reversed"));
        }
    }
    Ok(filter)
}

impl AppService {
    /// On a supervisor's device, "who looked at this file?" across every device of the team:
    /// this device's entries and those pulled from the others, by period and action, oldest
    /// first, with every chain's status (an entry from a broken chain is shown, and the break
    /// beside it).
    pub fn audit_search(&self, req: AuditSearchRequest) -> Result<AuditSearchResult, AppError> {
        self.with_session(|s| {
            let entries = s.store.audit_search(&team_filter(s, &req)?)?;
            let chains = s
                .store
                .audit_chains()?
                .into_iter()
                .map(|c| {
                    let (last_seq, broken) = match c.status {
                        Ok(last) => (clamp(last), None),
                        Err(b) => (0, Some(b.to_string())),
                    };
                    AuditDeviceChain {
                        device: c.device,
                        own: c.own,
                        entries: clamp(c.entries),
                        last_seq,
                        broken,
                        conflicts: clamp(c.conflicts),
                    }
                })
                .collect();
            Ok(AuditSearchResult {
                entries: entries.into_iter().map(entry_view).collect(),
                chains,
            })
        })
    }

    /// The same search as CSV (the NEN 7513 fields, one row per entry). The export is itself
    /// an audited export of the client's data, recorded before the search runs, so the file
    /// lists its own making when the period and actions include it.
    pub fn export_audit_csv(&self, req: AuditSearchRequest) -> Result<AuditCsv, AppError> {
        self.with_session(|s| {
            // Refused before anything is recorded when the question is not allowed.
            let filter = team_filter(s, &req)?;
            let client = parse_id(&req.client_id)?.to_string();
            let identity = s.store.identity().clone();
            s.store.append_audit(AuditEvent {
                at: Utc::now(),
                user: identity.user,
                device: identity.device,
                client: Some(client.clone()),
                action: AuditAction::Export,
                object: format!("audit-export:{client}"),
                on_behalf_of: None,
            })?;
            let entries = s.store.audit_search(&filter)?;
            let day = Utc::now().with_timezone(&Amsterdam).format("%Y%m%d");
            let short: String = client.chars().take(8).collect();
            Ok(AuditCsv {
                file_name: format!("audit-trail-{short}-{day}.csv"),
                csv: to_csv(&entries),
                rows: entries.len(),
            })
        })
    }

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
