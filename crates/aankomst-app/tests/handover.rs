//! Handover and device management as the app does them, against the real server process: a
//! supervisor hands a case from counsellor A to counsellor B with a note; B's device receives
//! it at its next sync with the note and its history; A's device sees it handed over. The
//! supervisor's app issues the enrolment code B's laptop uses, lists the team's devices and
//! revokes a lost laptop.

mod common;
mod team;

use aankomst_app::handover_ipc::*;
use aankomst_app::ipc::*;
use aankomst_app::sync_ipc::*;
use aankomst_app::AppService;
use common::*;
use serde_json::json;
use team::*;

const NOTE: &str =
    "Prefers mornings. Tigrinya interpreter by phone; the PIP talk is due next week.";

fn mine(svc: &AppService) -> Vec<CaseListRow> {
    svc.list_cases(CaseListRequest {
        mine: true,
        limit: 100,
        ..Default::default()
    })
    .unwrap()
    .rows
}

#[test]
fn a_supervisor_hands_a_case_over_between_two_devices_through_the_server() {
    let team = Team::start();
    let supervisor = team.first_supervisor("supervisor", "Marieke Supervisor");
    let (anna, anna_status) = team.counsellor(&supervisor, "anna", "Anna de Boer");

    // Bram's laptop enrols with a code the supervisor's app issued; the code works once.
    let code = supervisor
        .issue_enrolment_code(IssueEnrolmentCodeRequest {
            role: "counsellor".into(),
            valid_for_hours: 24,
            label: Some("Bram's laptop".into()),
        })
        .unwrap();
    assert_eq!(code.role, "counsellor");
    let bram = team.profile("bram", "Bram Jansen");
    let bram_status = team.enrol_with_code(&bram, &code.code).unwrap();
    assert_eq!(bram_status.role.as_deref(), Some("counsellor"));
    let again = team.profile("again", "Someone Else");
    let refused = team.enrol_with_code(&again, &code.code).unwrap_err();
    assert_eq!(refused.key, "sync_refused");
    assert_eq!(refused.args["code"], "invalid_code");
    grant(&supervisor, &bram_status);
    // A counsellor's app cannot issue codes, list or revoke.
    assert_eq!(anna.team_devices().unwrap_err().key, "sync_not_supervisor");

    // Anna opens two cases and syncs; they are hers.
    let selam = new_client(&anna, json!({"preferred_name": "Selam"}));
    let yonas = new_client(&anna, json!({"preferred_name": "Yonas"}));
    let case_id = selam.cases[0].id.clone();
    assert_eq!(
        selam.cases[0].case.counsellor.as_deref(),
        Some("Anna de Boer")
    );
    assert_eq!(mine(&anna).len(), 2);
    anna.sync_now().unwrap();
    supervisor.sync_now().unwrap();
    bram.sync_now().unwrap();
    assert!(mine(&bram).is_empty(), "Bram has no cases yet");

    // The supervisor hands Selam's case to Bram with a note.
    let options = supervisor.counsellors().unwrap();
    assert!(options
        .iter()
        .any(|o| o.name == "Anna de Boer" && o.open_cases == 2 && !o.me));
    let err = supervisor
        .handover_case(HandoverCaseRequest {
            case_id: case_id.clone(),
            to: " anna de boer ".into(),
            note: String::new(),
        })
        .unwrap_err();
    assert_eq!(err.key, "handover_same_counsellor");
    let view = supervisor
        .handover_case(HandoverCaseRequest {
            case_id: case_id.clone(),
            to: "Bram Jansen".into(),
            note: NOTE.into(),
        })
        .unwrap();
    assert_eq!(
        view.cases[0].case.counsellor.as_deref(),
        Some("Bram Jansen")
    );
    supervisor.sync_now().unwrap();

    // Bram syncs: the case is his, with the note and its history.
    let report = bram.sync_now().unwrap();
    assert!(report.pulled > 0);
    let rows = mine(&bram);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].case_id.as_deref(), Some(case_id.as_str()));
    assert_eq!(rows[0].counsellor.as_deref(), Some("Bram Jansen"));
    let at_bram = bram.get_client(&selam.id).unwrap();
    let case = &at_bram.cases[0];
    assert_eq!(case.case.counsellor.as_deref(), Some("Bram Jansen"));
    assert_eq!(case.handovers.len(), 1);
    let h = &case.handovers[0].handover;
    assert_eq!(h.from.as_deref(), Some("Anna de Boer"));
    assert_eq!(h.to, "Bram Jansen");
    assert_eq!(h.by, "Marieke Supervisor");
    assert_eq!(h.note.as_deref(), Some(NOTE));
    assert!(!h.at.is_empty());
    // The history stays with the case: its timeline still opens with Anna's entry.
    assert!(!bram.case_timeline(&case_id).unwrap().is_empty());

    // Anna syncs: the case is handed over; it is no longer among hers.
    anna.sync_now().unwrap();
    let rows = mine(&anna);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].client_id, yonas.id);
    let at_anna = anna.get_client(&selam.id).unwrap();
    assert_eq!(
        at_anna.cases[0].case.counsellor.as_deref(),
        Some("Bram Jansen")
    );
    assert_eq!(at_anna.cases[0].handovers, case.handovers);

    // Anna is leaving: only a supervisor hands over all of a counsellor's cases.
    let all = HandoverAllRequest {
        from: "Anna de Boer".into(),
        to: "Bram Jansen".into(),
        note: "Anna has left the team.".into(),
    };
    assert_eq!(
        anna.handover_all(all.clone()).unwrap_err().key,
        "handover_supervisor_only"
    );
    supervisor.sync_now().unwrap();
    assert_eq!(supervisor.handover_all(all).unwrap().handed_over, 1);
    supervisor.sync_now().unwrap();
    bram.sync_now().unwrap();
    assert_eq!(mine(&bram).len(), 2);

    // The supervisor's device list: roles, labels, last contact; the lost laptop revoked.
    let devices = supervisor.team_devices().unwrap();
    assert_eq!(devices.len(), 3);
    let anna_device = anna_status.device_id.clone().unwrap();
    let bram_row = devices
        .iter()
        .find(|d| Some(&d.device_id) == bram_status.device_id.as_ref())
        .unwrap();
    assert_eq!(bram_row.label.as_deref(), Some("Bram's laptop"));
    assert_eq!(bram_row.role, "counsellor");
    assert!(bram_row.last_contact.is_some());
    let own = devices.iter().find(|d| d.this_device).unwrap();
    assert_eq!(own.role, "supervisor");
    assert_eq!(
        supervisor.revoke_device(&own.device_id).unwrap_err().key,
        "device_cannot_revoke_self"
    );
    let revoked = supervisor.revoke_device(&anna_device).unwrap();
    assert_eq!(revoked.status, "revoked");
    assert!(revoked.revoked_at.is_some());
    assert_eq!(anna.sync_now().unwrap_err().key, "sync_revoked");
    assert!(anna.app_status().unwrap().profiles.is_empty());
    // Bram still syncs.
    bram.sync_now().unwrap();
}
