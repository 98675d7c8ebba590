//! Deadlines across cases and per case, the terms setting, driven as the UI drives them.

use aankomst_app::deadlines_ipc::*;
use aankomst_app::ipc::*;
use aankomst_app::AppService;
use aankomst_core::deadlines::{DeadlineKind, DeadlineState, PipTermStart, Terms};
use chrono::NaiveDate;
use serde_json::json;

mod common;
use common::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn save(svc: &AppService, id: &str, field: &str, value: serde_json::Value) {
    svc.save_field(SaveFieldRequest {
        record_id: id.into(),
        field: field.into(),
        value,
    })
    .unwrap();
}

/// A client with a koppeling date; returns (client id, case id).
fn client_with_koppeling(
    svc: &AppService,
    name: &str,
    koppeling: Option<&str>,
) -> (String, String) {
    let c = new_client(svc, json!({"preferred_name": name}));
    if let Some(k) = koppeling {
        save(svc, &c.id, "koppeling_date", json!(k));
    }
    (c.id, c.cases[0].id.clone())
}

fn states(list: &DeadlineList) -> Vec<(String, DeadlineKind, DeadlineState, Option<i32>)> {
    list.rows
        .iter()
        .map(|r| {
            (
                r.client_name.clone(),
                r.deadline.kind,
                r.deadline.state,
                r.deadline.days,
            )
        })
        .collect()
}

#[test]
fn the_list_shows_due_soon_and_overdue_across_cases_and_counts_them() {
    let (_d, svc, _, _) = with_profile();
    // Due 2026-03-16: on 2026-03-10 due soon (6 days left).
    client_with_koppeling(&svc, "Selam", Some("2026-01-05"));
    // Koppeling long in the past, no PIP: overdue since 2024-08-19.
    let (_, late_case) = client_with_koppeling(&svc, "Hüseyin", Some("2024-06-10"));
    // PIP decided in time: met, and the route-change window is far away (open).
    let (_, met_case) = client_with_koppeling(&svc, "Rahaf", Some("2025-11-03"));
    save(&svc, &met_case, "pip_decided_on", json!("2026-01-12"));
    // No koppeling date: unknown, never in the reminders.
    client_with_koppeling(&svc, "Amanuel", None);
    // A closed case raises no reminders.
    let (_, closed) = client_with_koppeling(&svc, "Closed", Some("2024-01-01"));
    save(&svc, &closed, "status", json!("closed"));

    let today = d("2026-03-10");
    let attention = svc
        .list_deadlines_on(DeadlineFilter::Attention, today)
        .unwrap();
    assert_eq!(
        states(&attention),
        [
            (
                "Hüseyin".into(),
                DeadlineKind::Pip,
                DeadlineState::Overdue,
                Some(-568)
            ),
            (
                "Selam".into(),
                DeadlineKind::Pip,
                DeadlineState::DueSoon,
                Some(6)
            ),
        ]
    );
    assert_eq!((attention.overdue, attention.due_soon), (1, 1));
    assert_eq!(attention.today, "2026-03-10");
    assert_eq!(attention.rows[0].case_id, late_case);

    let overdue = svc
        .list_deadlines_on(DeadlineFilter::Overdue, today)
        .unwrap();
    assert_eq!(overdue.rows.len(), 1);
    assert_eq!(
        (overdue.overdue, overdue.due_soon),
        (1, 1),
        "counts ignore the filter"
    );
    let soon = svc
        .list_deadlines_on(DeadlineFilter::DueSoon, today)
        .unwrap();
    assert_eq!(soon.rows[0].client_name, "Selam");

    let all = svc.list_deadlines_on(DeadlineFilter::All, today).unwrap();
    let rahaf: Vec<_> = states(&all)
        .into_iter()
        .filter(|r| r.0 == "Rahaf")
        .map(|r| (r.1, r.2))
        .collect();
    // After the PIP (issue 19): the next review within three months, the route-change
    // window, the end of the three-year term.
    assert_eq!(
        rahaf,
        [
            (DeadlineKind::Pip, DeadlineState::Met),
            (DeadlineKind::ReviewInterval, DeadlineState::Open),
            (DeadlineKind::RouteChangeWindow, DeadlineState::Open),
            (DeadlineKind::InburgeringTerm, DeadlineState::Open)
        ]
    );
    let amanuel = all
        .rows
        .iter()
        .find(|r| r.client_name == "Amanuel" && r.deadline.kind == DeadlineKind::Pip)
        .unwrap();
    assert_eq!(amanuel.deadline.state, DeadlineState::Unknown);
    assert_eq!(amanuel.deadline.missing.as_deref(), Some("koppeling_date"));
    assert!(all.rows.iter().all(|r| r.client_name != "Closed"));

    // Missing dates: Amanuel's PIP term (no koppeling date); not the route-change windows of
    // cases whose PIP is still to come.
    let unknown = svc
        .list_deadlines_on(DeadlineFilter::Unknown, today)
        .unwrap();
    assert_eq!(
        states(&unknown),
        [(
            "Amanuel".into(),
            DeadlineKind::Pip,
            DeadlineState::Unknown,
            None
        )]
    );
    assert_eq!(unknown.unknown, 1);
    assert_eq!(attention.unknown, 1, "counted whatever the filter");
}

#[test]
fn the_boundary_days_of_the_pip_term_through_the_command() {
    let (_d, svc, _, _) = with_profile();
    client_with_koppeling(&svc, "Selam", Some("2026-01-05")); // due 2026-03-16
    let at = |day: &str| {
        let l = svc.list_deadlines_on(DeadlineFilter::All, d(day)).unwrap();
        let r = &l.rows[0];
        (r.deadline.state, r.deadline.days)
    };
    assert_eq!(at("2026-03-01"), (DeadlineState::Open, Some(15)));
    assert_eq!(at("2026-03-02"), (DeadlineState::DueSoon, Some(14)));
    assert_eq!(at("2026-03-15"), (DeadlineState::DueSoon, Some(1)));
    assert_eq!(at("2026-03-16"), (DeadlineState::DueSoon, Some(0)));
    assert_eq!(at("2026-03-17"), (DeadlineState::Overdue, Some(-1)));
}

#[test]
fn a_case_shows_its_deadlines_including_ontzorgen() {
    let (_d, svc, _, _) = with_profile();
    let (_, case) = client_with_koppeling(&svc, "Selam", None);
    let list = svc.case_deadlines(&case).unwrap();
    assert_eq!(
        list.iter().map(|x| (x.kind, x.state)).collect::<Vec<_>>(),
        [
            (DeadlineKind::Pip, DeadlineState::Unknown),
            (DeadlineKind::RouteChangeWindow, DeadlineState::Unknown)
        ]
    );
    assert_eq!(list[0].missing.as_deref(), Some("koppeling_date"));

    save(&svc, &case, "ontzorgen_started_on", json!("2025-11-30"));
    save(&svc, &case, "ontzorgen_follow_up_on", json!("2026-02-27"));
    let list = svc.case_deadlines(&case).unwrap();
    let follow = list
        .iter()
        .find(|x| x.kind == DeadlineKind::OntzorgenFollowUp)
        .unwrap();
    assert_eq!(follow.due.as_deref(), Some("2026-02-28"));
    assert_eq!(follow.done.as_deref(), Some("2026-02-27"));
    assert_eq!((follow.state, follow.days), (DeadlineState::Met, Some(-1)));
    let end = list
        .iter()
        .find(|x| x.kind == DeadlineKind::OntzorgenEnd)
        .unwrap();
    assert_eq!(end.due.as_deref(), Some("2026-05-30"));

    assert_eq!(
        svc.case_deadlines("nope").unwrap_err().key,
        "record_not_found"
    );
}

#[test]
fn terms_are_the_policys_and_a_laptop_cannot_change_them() {
    let (_d, svc, _, _) = with_profile();
    assert_eq!(svc.get_deadline_terms().unwrap(), Terms::default());
    let (client, case) = client_with_koppeling(&svc, "Selam", Some("2026-01-05"));
    // The municipal policy fixes the terms (issue 20): a longer PIP term is refused, typed.
    let longer = Terms {
        pip_weeks: 12,
        pip_start: PipTermStart::IntakeStart,
        due_soon_days: 7,
        ..Terms::default()
    };
    let err = svc.save_deadline_terms(longer).unwrap_err();
    assert_eq!(err.key, "policy_fixed");
    assert_eq!(err.args["setting"], "deadline_terms");
    // Saving the policy's own terms is fine, and changes nothing.
    svc.save_deadline_terms(Terms::default()).unwrap();
    assert_eq!(svc.get_deadline_terms().unwrap(), Terms::default());
    // The deadlines follow the policy's terms: 10 weeks from the koppeling.
    let pip = &svc.case_deadlines(&case).unwrap()[0];
    assert_eq!(pip.due.as_deref(), Some("2026-03-16"));
    let l = svc
        .list_deadlines_on(DeadlineFilter::All, d("2026-03-06"))
        .unwrap();
    assert_eq!(
        l.rows[0].deadline.state,
        DeadlineState::DueSoon,
        "10 days left, window 14"
    );
    assert_eq!(l.rows[0].client_id, client);

    let err = svc
        .save_deadline_terms(Terms {
            pip_weeks: 0,
            ..Terms::default()
        })
        .unwrap_err();
    assert_eq!(err.key, "deadline_terms_invalid");
}

#[test]
fn deadlines_need_an_unlocked_session() {
    let (_d, svc, _, _) = with_profile();
    svc.lock(aankomst_app::LockReason::Manual);
    assert_eq!(
        svc.list_deadlines(DeadlineFilter::Attention)
            .unwrap_err()
            .key,
        "locked"
    );
    assert_eq!(svc.get_deadline_terms().unwrap_err().key, "locked");
}

/// 5 000 demo clients with their cases: the list reads every case and client once.
/// Ignored by default (it seeds a large profile); run with `--ignored --nocapture` to see
/// the timing. The bound is generous so a debug build on a slow machine passes.
#[test]
#[ignore]
fn the_list_stays_quick_with_5000_clients() {
    use aankomst_store::MemoryKeychain;
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let host = Arc::new(FakeHost::default());
    let mut config =
        aankomst_app::ServiceConfig::new(dir.path().to_path_buf(), Arc::new(MemoryKeychain::new()));
    config.kdf = cheap;
    config.demo_clients = 5_000;
    config.demo_conversations_per_case = 0;
    let svc = AppService::new(config, host);
    svc.create_profile(CreateProfileRequest {
        name: "Demo".into(),
        passphrase: PASS.into(),
        demo: true,
    })
    .unwrap();
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = std::time::Instant::now();
        let l = svc.list_deadlines(DeadlineFilter::Attention).unwrap();
        times.push(start.elapsed());
        assert!(l.overdue + l.due_soon > 0);
    }
    times.sort();
    eprintln!(
        "list_deadlines over 5 000 clients: median {:?}, max {:?}",
        times[2], times[4]
    );
    assert!(times[2] < std::time::Duration::from_secs(2));
}
