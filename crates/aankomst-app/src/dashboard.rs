//! The supervisor's team dashboard and the monitoring export. The figures are
//! `aankomst_core::dashboard` and `aankomst_core::monitoring`; this module reads the records
//! from the store, scores administrations for their safety flags, and audits.
//!
//! Who sees what: a device enrolled as **supervisor** sees the whole team and may export the
//! monitoring CSV. Anyone else (enrolled as counsellor, or not enrolled) sees the same
//! dashboard restricted to **their own cases** (whose `counsellor` is their profile name),
//! without the device list, and may not export: the export describes the whole team.

use crate::dashboard_ipc::*;
use crate::error::AppError;
use crate::service::{today, AppService, Session};
use aankomst_core::audit::{AuditAction, AuditEvent};
use aankomst_core::dashboard::{
    compute, DashboardInput, DashboardSettings, DeviceCheckIn, SafetyFlags, TeamDashboard,
    TeamRecords,
};
use aankomst_core::deadlines::Terms;
use aankomst_core::monitoring::{monitoring_csv, monitoring_rows};
use aankomst_core::records::{safety_acknowledgements, view, Administration};
use aankomst_core::RecordKind;
use aankomst_instruments::Registry;
use aankomst_store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

const SETTING_DASHBOARD: &str = "dashboard_settings";

/// The deadline terms: the active municipal policy's.
fn terms(store: &Store) -> Result<Terms, AppError> {
    crate::policy::terms_of(store)
}

fn settings(store: &Store) -> Result<DashboardSettings, AppError> {
    Ok(store
        .setting(SETTING_DASHBOARD)?
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default())
}

pub(crate) fn is_supervisor(s: &Session) -> bool {
    s.sync
        .as_ref()
        .is_some_and(|e| e.role().as_str() == "supervisor")
}

/// Every record the dashboard reads, and the safety flags of the unsealed administrations.
pub fn load_team(
    store: &Store,
    registry: &Registry,
) -> Result<(TeamRecords, Vec<SafetyFlags>), AppError> {
    let mut team = TeamRecords::default();
    for kind in [
        RecordKind::Client,
        RecordKind::Case,
        RecordKind::Conversation,
        RecordKind::Plan,
        RecordKind::Consent,
    ] {
        store.for_each_of_kind(kind, |id, state| {
            team.add(&id.to_string(), kind, &state.fields);
        })?;
    }
    let mut safety = Vec::new();
    store.for_each_of_kind(RecordKind::Administration, |id, state| {
        let admin: Administration = view(&state.fields);
        if admin.is_sealed() {
            // Its alert goes to the GGD with the sealed envelope (instruments.md §3.9).
            return;
        }
        let raised = crate::screening::score_stored(registry, &state.fields)
            .map(|r| crate::screening::raised_safety_flags(&r))
            .unwrap_or_default();
        if raised.is_empty() {
            return;
        }
        safety.push(SafetyFlags {
            administration_id: id.to_string(),
            case_id: admin.case_id.clone(),
            client_id: admin.client_id.clone(),
            sealed: false,
            raised,
            acknowledged: safety_acknowledgements(&state.fields).into_keys().collect(),
            started_at: admin.started_at.clone(),
        });
    })?;
    Ok((team, safety))
}

/// The team's devices as this store knows them: every device whose revisions reached it,
/// with the time of its newest one, and this device's own last check-in with the server.
fn devices(store: &Store) -> Result<Vec<DeviceCheckIn>, AppError> {
    let own = store.identity().device.clone();
    let own_check_in =
        aankomst_sync::SyncEngine::last_check_in(store).map_err(crate::sync::sync_error)?;
    let at = |ms: u64| DateTime::<Utc>::from_timestamp_millis(i64::try_from(ms).ok()?);
    let mut out: Vec<DeviceCheckIn> = store
        .latest_revision_per_device()?
        .into_iter()
        .map(|(device_id, ms)| {
            let mine = device_id == own;
            DeviceCheckIn {
                role: if mine {
                    "supervisor".into()
                } else {
                    String::new()
                },
                status: "active".into(),
                last_check_in: if mine {
                    own_check_in.and_then(at).or_else(|| at(ms))
                } else {
                    at(ms)
                },
                device_id,
            }
        })
        .collect();
    if !out.iter().any(|d| d.device_id == own) {
        out.push(DeviceCheckIn {
            device_id: own,
            role: "supervisor".into(),
            status: "active".into(),
            last_check_in: own_check_in.and_then(at),
        });
    }
    Ok(out)
}

fn audit_view(s: &mut Session, dash: &TeamDashboard) -> Result<(), AppError> {
    // The dashboard as a whole (no one client), then every case whose client is named on it.
    let identity = s.store.identity().clone();
    s.store.append_audit(AuditEvent {
        at: Utc::now(),
        user: identity.user,
        device: identity.device,
        client: None,
        action: AuditAction::Read,
        object: "team-dashboard".into(),
        on_behalf_of: None,
    })?;
    let named: std::collections::BTreeSet<&str> = dash
        .pip_overdue
        .iter()
        .chain(&dash.pip_due_soon)
        .map(|r| r.case_id.as_str())
        .chain(dash.safety_outstanding.iter().map(|r| r.case_id.as_str()))
        .collect();
    let ids: Vec<Uuid> = named
        .into_iter()
        .filter_map(|c| Uuid::parse_str(c).ok())
        .collect();
    for id in ids {
        s.audit_record(AuditAction::Read, id)?;
    }
    Ok(())
}

/// The whole team's dashboard straight from a (supervisor's) store, without a session or an
/// audit entry: for the benchmark, which times a supervisor's pull and this.
pub fn team_dashboard_of_store(
    store: &Store,
    registry: &Registry,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<TeamDashboard, AppError> {
    let (team, safety) = load_team(store, registry)?;
    let devices = devices(store)?;
    Ok(compute(
        &DashboardInput {
            team: &team,
            safety: &safety,
            devices: &devices,
            terms: &terms(store)?,
            settings: &settings(store)?,
            today,
            now,
        },
        &|_| true,
    ))
}

impl AppService {
    /// The dashboard: the whole team for a supervisor, one's own cases otherwise.
    pub fn team_dashboard(&self) -> Result<DashboardView, AppError> {
        self.team_dashboard_on(today(), Utc::now())
    }

    /// The same on another date (tests, and the benchmark).
    pub fn team_dashboard_on(
        &self,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<DashboardView, AppError> {
        self.with_session(|s| {
            let supervisor = is_supervisor(s);
            let (team, safety) = load_team(&s.store, &s.registry)?;
            let devices = if supervisor {
                devices(&s.store)?
            } else {
                Vec::new()
            };
            let terms = terms(&s.store)?;
            let settings = settings(&s.store)?;
            let own = s.meta.name.trim().to_owned();
            let input = DashboardInput {
                team: &team,
                safety: &safety,
                devices: &devices,
                terms: &terms,
                settings: &settings,
                today,
                now,
            };
            let dashboard = if supervisor {
                compute(&input, &|_| true)
            } else {
                compute(&input, &|c| {
                    c.counsellor.as_deref().map(str::trim) == Some(own.as_str())
                })
            };
            audit_view(s, &dashboard)?;
            Ok(DashboardView {
                role: if supervisor {
                    "supervisor"
                } else {
                    "counsellor"
                }
                .into(),
                team: supervisor,
                own_name: own,
                dashboard,
            })
        })
    }

    /// The monitoring CSV (aggregates only, small cells suppressed). Supervisors only.
    pub fn monitoring_export(&self) -> Result<MonitoringExport, AppError> {
        self.monitoring_export_on(today())
    }

    pub fn monitoring_export_on(&self, today: NaiveDate) -> Result<MonitoringExport, AppError> {
        self.with_session(|s| {
            if !is_supervisor(s) {
                return Err(AppError::new("supervisor_only"));
            }
            let (team, _) = load_team(&s.store, &s.registry)?;
            let rows = monitoring_rows(&team, &terms(&s.store)?, today);
            let csv = monitoring_csv(&rows).map_err(|_| AppError::new("internal"))?;
            let identity = s.store.identity().clone();
            let file_name = format!("aankomst-monitoring-{}.csv", today.format("%Y-%m-%d"));
            s.store.append_audit(AuditEvent {
                at: Utc::now(),
                user: identity.user,
                device: identity.device,
                client: None,
                action: AuditAction::Export,
                object: format!("monitoring-export:{file_name}"),
                on_behalf_of: None,
            })?;
            tracing::info!(rows = rows.len(), "monitoring export made");
            Ok(MonitoringExport {
                file_name,
                csv,
                rows: u32::try_from(rows.len()).unwrap_or(u32::MAX),
            })
        })
    }
}
