//! The commands' bodies, driven as the UI drives them, with an in-memory keychain and a
//! fake host. No window, no D-Bus.

use aankomst_app::ipc::*;
use aankomst_app::{AppService, LockReason, ServiceConfig};
use aankomst_store::MemoryKeychain;
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};

mod common;
use common::*;

fn save(
    svc: &AppService,
    id: &str,
    field: &str,
    value: serde_json::Value,
) -> Result<SaveResult, aankomst_app::AppError> {
    svc.save_field(SaveFieldRequest {
        record_id: id.into(),
        field: field.into(),
        value,
    })
}

fn search(svc: &AppService, text: &str) -> Vec<String> {
    svc.list_cases(CaseListRequest {
        text: text.into(),
        ..Default::default()
    })
    .unwrap()
    .rows
    .into_iter()
    .map(|r| r.display_name)
    .collect()
}

#[test]
fn first_start_has_no_profiles_and_a_weak_passphrase_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (svc, _) = service(dir.path(), Arc::new(MemoryKeychain::new()));
    let status = svc.app_status().unwrap();
    assert_eq!(status.instance, InstanceState::Ok);
    assert!(status.profiles.is_empty() && status.session.is_none());
    assert_eq!(status.language, "nl");
    let err = svc
        .create_profile(CreateProfileRequest {
            name: "Anna".into(),
            passphrase: "welkom123".into(),
            demo: false,
        })
        .unwrap_err();
    assert_eq!(err.key, "passphrase_too_weak");
    assert!(svc.app_status().unwrap().profiles.is_empty());
}

#[test]
fn a_registered_client_is_found_by_name_v_number_bsn_and_date_of_birth() {
    let (_d, svc, _, _) = with_profile();
    let c = new_client(
        &svc,
        json!({"document_given_names": "Hüseyin", "document_family_name": "Öztürk", "date_of_birth": "1979",
               "v_number": "2612345678", "bsn": "111222333", "country_of_origin": "TR"}),
    );
    new_client(
        &svc,
        json!({"document_given_names": "Selam", "document_family_name": "Tesfamariam", "date_of_birth": "1994-03-09", "country_of_origin": "ER"}),
    );
    assert_eq!(c.cases.len(), 1, "registering a client opens their case");
    assert_eq!(c.cases[0].case.status.as_deref(), Some("intake"));
    assert_eq!(
        c.cases[0].case.counsellor.as_deref(),
        Some("Fatima de Vries")
    );
    assert_eq!(search(&svc, "huseyin"), ["Hüseyin Öztürk"]);
    assert_eq!(search(&svc, "ÖZTÜRK hüs"), ["Hüseyin Öztürk"]);
    assert_eq!(search(&svc, "261234"), ["Hüseyin Öztürk"]);
    assert_eq!(search(&svc, "111222333"), ["Hüseyin Öztürk"]);
    assert_eq!(search(&svc, "1994-03"), ["Selam Tesfamariam"]);
    // Turkish dotted and dotless i (issue 7): İ/i and I/ı find each other through the store's
    // search, however the name was typed (a COA record in capitals, a passport in Turkish).
    new_client(
        &svc,
        json!({"document_given_names": "İlkay", "document_family_name": "Yıldız", "country_of_origin": "TR"}),
    );
    for typed in [
        "ilkay",
        "ILKAY",
        "İLKAY YILDIZ",
        "yildiz",
        "YILDIZ",
        "ılkay yıldız",
    ] {
        assert_eq!(search(&svc, typed), ["İlkay Yıldız"], "{typed}");
    }
    assert_eq!(search(&svc, "").len(), 3);
    assert!(search(&svc, "nobody").is_empty());
    let eritrea = svc
        .list_cases(CaseListRequest {
            country: "ER".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(eritrea.rows.len(), 1);
    assert_eq!(eritrea.total_clients, 3);
    assert_eq!(eritrea.countries, ["ER", "TR"]);
    let route = svc
        .list_cases(CaseListRequest {
            status: "route".into(),
            ..Default::default()
        })
        .unwrap();
    assert!(route.rows.is_empty());
}

#[test]
fn a_refused_field_keeps_the_saved_value_and_does_not_echo_the_input() {
    let (_d, svc, _, _) = with_profile();
    let c = new_client(
        &svc,
        json!({"document_given_names": "Amal", "bsn": "111222333"}),
    );
    let err = save(&svc, &c.id, "bsn", json!("123456789")).unwrap_err();
    assert_eq!(err.key, "field");
    assert_eq!(err.field.as_deref(), Some("bsn"));
    assert_eq!(err.args["error"], "bsn_invalid");
    assert!(!serde_json::to_string(&err).unwrap().contains("123456789"));
    assert_eq!(
        svc.get_client(&c.id).unwrap().client.bsn.as_deref(),
        Some("111222333")
    );
    // A year-only date of birth is fine, an impossible date is not.
    save(&svc, &c.id, "date_of_birth", json!("1988")).unwrap();
    assert_eq!(
        save(&svc, &c.id, "date_of_birth", json!("1988-02-30"))
            .unwrap_err()
            .args["error"],
        "no_such_date"
    );
    assert_eq!(
        svc.get_client(&c.id)
            .unwrap()
            .client
            .date_of_birth
            .unwrap()
            .to_string(),
        "1988"
    );
}

#[test]
fn household_members_are_visible_from_each_member() {
    let (_d, svc, _, _) = with_profile();
    let ahmad = new_client(
        &svc,
        json!({"document_given_names": "Ahmad", "document_family_name": "Haddad", "date_of_birth": "1985"}),
    );
    let after = svc
        .add_household_member(AddHouseholdMemberRequest {
            of_client_id: ahmad.id.clone(),
            household_id: None,
            role: "partner".into(),
            nareiziger: true,
            arrived_on: Some("2026-02-14".into()),
            create_case: true,
            fields: json!({"document_given_names": "Rania", "document_family_name": "Haddad", "date_of_birth": "1988"}),
        })
        .unwrap();
    let household = &after.households[0];
    assert_eq!(household.members.len(), 2);
    let rania = household
        .members
        .iter()
        .find(|m| m.display_name == "Rania Haddad")
        .unwrap();
    assert!(rania.nareiziger && rania.has_case);
    assert_eq!(rania.arrived_on.as_deref(), Some("2026-02-14"));
    let child = svc
        .add_household_member(AddHouseholdMemberRequest {
            of_client_id: ahmad.id.clone(),
            household_id: Some(household.id.clone()),
            role: "child".into(),
            nareiziger: false,
            arrived_on: None,
            create_case: false,
            fields: json!({"document_given_names": "Omar", "document_family_name": "Haddad", "date_of_birth": "2019"}),
        })
        .unwrap();
    assert_eq!(child.households.len(), 1);
    assert_eq!(child.households[0].members.len(), 3);
    // From Rania's side the same household, with Ahmad as referent.
    let from_rania = svc.get_client(&rania.client_id).unwrap();
    let members = &from_rania.households[0].members;
    assert_eq!(members.len(), 3);
    assert!(members
        .iter()
        .any(|m| m.display_name == "Ahmad Haddad" && m.role == "referent"));
    let omar = members.iter().find(|m| m.role == "child").unwrap();
    assert!(!omar.has_case);
    // A case can be opened later, once; a second request opens no second case.
    let opened = svc
        .open_case(OpenCaseRequest {
            client_id: omar.client_id.clone(),
        })
        .unwrap();
    assert_eq!(opened.cases.len(), 1);
    assert_eq!(
        svc.open_case(OpenCaseRequest {
            client_id: omar.client_id.clone()
        })
        .unwrap()
        .cases
        .len(),
        1
    );
    let rows = svc
        .list_cases(CaseListRequest {
            text: "haddad".into(),
            ..Default::default()
        })
        .unwrap()
        .rows;
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.household_size == 3));
}

#[test]
fn a_conversation_with_a_minor_interpreting_warns_and_appears_on_the_timeline() {
    let (_d, svc, _, _) = with_profile();
    let c = new_client(
        &svc,
        json!({"document_given_names": "Zahra", "document_family_name": "Ahmadi", "azc_location": "azc Zeist"}),
    );
    let case_id = c.cases[0].id.clone();
    let conv = svc
        .create_conversation(CreateConversationRequest {
            case_id: case_id.clone(),
        })
        .unwrap();
    assert_eq!(conv.client_name, "Zahra Ahmadi");
    assert_eq!(conv.conversation.place.as_deref(), Some("azc"));
    assert_eq!(
        conv.conversation.conversation_type.as_deref(),
        Some("first")
    );
    assert_eq!(conv.conversation.participants.len(), 2);
    save(&svc, &conv.id, "interpreter_mode", json!("informal_family")).unwrap();
    let r = save(&svc, &conv.id, "interpreter_is_minor", json!(true)).unwrap();
    assert!(r
        .warnings
        .contains(&aankomst_core::records::ConversationWarning::MinorInterpreting));
    save(&svc, &conv.id, "language_used", json!("prs")).unwrap();
    // Typing the notes: every save is a revision.
    for text in ["Kennis", "Kennismaking in", "Kennismaking in het azc."] {
        save(&svc, &conv.id, "notes", json!(text)).unwrap();
    }
    let v = svc.get_conversation(&conv.id).unwrap();
    assert_eq!(
        v.conversation.notes.as_deref(),
        Some("Kennismaking in het azc.")
    );
    assert_eq!(
        v.warnings,
        [aankomst_core::records::ConversationWarning::MinorInterpreting]
    );
    assert!(v.revision_count >= 7);
    save(&svc, &case_id, "status", json!("pip")).unwrap();
    let timeline = svc.case_timeline(&case_id).unwrap();
    let kinds: Vec<TimelineKind> = timeline.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&TimelineKind::Conversation));
    assert!(kinds.contains(&TimelineKind::CaseOpened));
    assert!(kinds.contains(&TimelineKind::ClientRegistered));
    assert!(timeline
        .iter()
        .any(|e| e.kind == TimelineKind::StatusChanged && e.status.as_deref() == Some("pip")));
    assert!(
        timeline.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
    // "Case opened" is dated by the case's opening date, midnight in Amsterdam.
    save(&svc, &case_id, "opened_on", json!("2026-03-02")).unwrap();
    let opened = svc
        .case_timeline(&case_id)
        .unwrap()
        .into_iter()
        .find(|e| e.kind == TimelineKind::CaseOpened)
        .unwrap();
    assert_eq!(opened.at, "2026-03-01T23:00:00Z");
    let second = svc
        .create_conversation(CreateConversationRequest { case_id })
        .unwrap();
    assert_eq!(
        second.conversation.conversation_type.as_deref(),
        Some("check_in")
    );
}

#[test]
fn locking_closes_the_store_and_unlocking_brings_everything_back() {
    let (_d, svc, host, session) = with_profile();
    let c = new_client(&svc, json!({"document_given_names": "Nour"}));
    svc.lock(LockReason::Manual);
    assert_eq!(host.locks.lock().unwrap().as_slice(), [LockReason::Manual]);
    assert_eq!(svc.get_client(&c.id).unwrap_err().key, "locked");
    assert_eq!(
        svc.list_cases(CaseListRequest::default()).unwrap_err().key,
        "locked"
    );
    let wrong = svc
        .unlock(UnlockRequest {
            profile_id: session.profile.id.clone(),
            passphrase: "nope nope".into(),
        })
        .unwrap_err();
    assert_eq!(wrong.key, "wrong_passphrase");
    assert_eq!(wrong.args["attempts"], "1");
    svc.unlock(UnlockRequest {
        profile_id: session.profile.id,
        passphrase: PASS.into(),
    })
    .unwrap();
    assert_eq!(svc.get_client(&c.id).unwrap().display_name, "Nour");
}

#[test]
fn the_session_locks_itself_after_the_inactivity_setting() {
    let (_d, svc, host, session) = with_profile();
    assert_eq!(session.auto_lock_minutes, 5);
    assert!(!svc.check_idle(Instant::now() + Duration::from_secs(4 * 60)));
    svc.save_settings(Settings {
        auto_lock_minutes: 2,
        language: "en".into(),
    })
    .unwrap();
    assert!(!svc.check_idle(Instant::now() + Duration::from_secs(60)));
    assert!(svc.check_idle(Instant::now() + Duration::from_secs(121)));
    assert_eq!(host.locks.lock().unwrap().as_slice(), [LockReason::Idle]);
    assert!(svc.app_status().unwrap().session.is_none());
    assert_eq!(svc.app_status().unwrap().language, "en");
    // The setting is kept in the profile.
    let s = svc
        .unlock(UnlockRequest {
            profile_id: session.profile.id,
            passphrase: PASS.into(),
        })
        .unwrap();
    assert_eq!(s.auto_lock_minutes, 2);
    assert_eq!(
        svc.save_settings(Settings {
            auto_lock_minutes: 0,
            language: "nl".into()
        })
        .unwrap_err()
        .key,
        "internal"
    );
}

#[test]
fn a_second_instance_says_so_and_touches_nothing() {
    let (dir, _svc, _, _) = with_profile();
    let (second, _) = service(dir.path(), Arc::new(MemoryKeychain::new()));
    let status = second.app_status().unwrap();
    assert_eq!(status.instance, InstanceState::AlreadyRunning);
    assert!(status.profiles.is_empty());
    let err = second
        .create_profile(CreateProfileRequest {
            name: "X".into(),
            passphrase: PASS.into(),
            demo: false,
        })
        .unwrap_err();
    assert_eq!(err.key, "already_running");
}

#[test]
fn the_demo_profile_is_filled_and_marked() {
    let dir = tempfile::tempdir().unwrap();
    let (svc, _) = service(dir.path(), Arc::new(MemoryKeychain::new()));
    let s = svc
        .create_profile(CreateProfileRequest {
            name: "Demo".into(),
            passphrase: PASS.into(),
            demo: true,
        })
        .unwrap();
    assert!(s.profile.demo);
    let list = svc.list_cases(CaseListRequest::default()).unwrap();
    assert!(list.total_clients >= 30);
    assert!(list.rows.iter().all(|r| r.demo));
    assert!(list.rows.iter().any(|r| r.household_size > 1));
    assert!(list.countries.contains(&"SY".to_owned()) && list.countries.contains(&"ER".to_owned()));
    assert!(svc.app_status().unwrap().profiles[0].demo);
}

#[test]
fn the_demo_size_follows_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let host = Arc::new(FakeHost::default());
    let mut config = ServiceConfig::new(dir.path().to_path_buf(), Arc::new(MemoryKeychain::new()));
    config.kdf = cheap;
    config.demo_clients = 12;
    config.demo_conversations_per_case = 1;
    let svc = AppService::new(config, host);
    svc.create_profile(CreateProfileRequest {
        name: "Demo".into(),
        passphrase: PASS.into(),
        demo: true,
    })
    .unwrap();
    let list = svc.list_cases(CaseListRequest::default()).unwrap();
    assert_eq!(list.total_clients, 12);
    let conversations: usize = list
        .rows
        .iter()
        .filter(|r| r.case_id.is_some())
        .map(|r| {
            svc.get_client(&r.client_id)
                .unwrap()
                .cases
                .iter()
                .map(|c| c.conversations.len())
                .sum::<usize>()
        })
        .sum();
    let cases = list.rows.iter().filter(|r| r.case_id.is_some()).count();
    assert!(
        conversations <= cases,
        "at most one conversation per case, got {conversations} for {cases} cases"
    );
    assert!(conversations > 0);
}
