//! The dashboard as the app serves it: a counsellor (not enrolled) sees their own caseload
//! only, an overdue PIP with the client's name, every case named on it is audited, and the
//! monitoring export is refused. The supervisor's side, with the real server, is in
//! `sync.rs`; the figures themselves are checked in `aankomst-core`.

use aankomst_app::ipc::*;
use aankomst_app::AppService;
use aankomst_core::audit::AuditAction;
use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::json;

mod common;
use common::*;

fn save(svc: &AppService, id: &str, field: &str, value: serde_json::Value) {
    svc.save_field(SaveFieldRequest {
        record_id: id.into(),
        field: field.into(),
        value,
    })
    .unwrap();
}

#[test]
fn a_counsellor_sees_their_own_caseload_and_the_view_is_audited() {
    let (_d, svc, _, _) = with_profile();
    let late = new_client(&svc, json!({"preferred_name": "Selam"}));
    save(&svc, &late.id, "koppeling_date", json!("2025-11-01"));
    let soon = new_client(&svc, json!({"preferred_name": "Hüseyin"}));
    save(&svc, &soon.id, "koppeling_date", json!("2026-01-05"));
    // A case of another counsellor (arrived by sync, say) is not in this counsellor's view.
    let other = new_client(&svc, json!({"preferred_name": "Amal"}));
    save(&svc, &other.id, "koppeling_date", json!("2025-10-01"));
    save(
        &svc,
        &other.cases[0].id,
        "counsellor",
        json!("Someone Else"),
    );

    let today = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    let view = svc
        .team_dashboard_on(today, Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).unwrap())
        .unwrap();
    assert_eq!(view.role, "counsellor");
    assert!(!view.team);
    let d = &view.dashboard;
    assert_eq!(d.total_cases, 2);
    assert_eq!(d.caseload.len(), 1);
    assert_eq!(d.caseload[0].open_cases, 2);
    assert_eq!(d.pip_overdue.len(), 1);
    assert_eq!(d.pip_overdue[0].client_name, "Selam");
    assert_eq!(d.pip_overdue[0].due, "2026-01-10");
    assert_eq!(d.pip_due_soon.len(), 1);
    assert_eq!(d.pip_due_soon[0].client_name, "Hüseyin");
    assert!(d.devices.is_empty());

    // Both named clients have a read in their audit trail; the other one none from it.
    for id in [&late.id, &soon.id] {
        let trail = svc.client_audit(id).unwrap();
        assert!(trail
            .iter()
            .any(|e| e.action == AuditAction::Read && e.object.starts_with("case:")));
    }
    let trail = svc.client_audit(&other.id).unwrap();
    assert!(!trail.iter().any(|e| e.action == AuditAction::Read));

    assert_eq!(svc.monitoring_export().unwrap_err().key, "supervisor_only");
}
