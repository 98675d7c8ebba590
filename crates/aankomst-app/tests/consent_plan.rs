//! The consent register and the PIP through the app's commands, against a real encrypted
//! store.

mod common;

use aankomst_app::consent_ipc::*;
use aankomst_app::deadlines_ipc::DeadlineFilter;
use aankomst_app::ipc::*;
use aankomst_app::plan_ipc::*;
use aankomst_app::AppService;
use aankomst_core::consent::ConsentState;
use aankomst_core::deadlines::DeadlineKind;
use chrono::{Days, NaiveDate, Utc};
use common::*;
use serde_json::json;

fn today() -> NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive()
}

fn day(offset: i64) -> String {
    let d = if offset >= 0 {
        today() + Days::new(offset as u64)
    } else {
        today() - Days::new((-offset) as u64)
    };
    d.format("%Y-%m-%d").to_string()
}

fn client_with_case(svc: &AppService) -> (ClientView, String) {
    let client = new_client(
        svc,
        json!({"preferred_name": "Selam", "languages": [{"language": "ti", "spoken": "native"}]}),
    );
    let case_id = client.cases[0].id.clone();
    (client, case_id)
}

fn ask(
    svc: &AppService,
    client: &str,
    decision: &str,
    on: &str,
    answer: u32,
) -> Result<ConsentOutcome, aankomst_app::AppError> {
    svc.record_consent(RecordConsentRequest {
        client_id: client.into(),
        text_id: "intake-summary-vwn".into(),
        text_version: 1,
        decision: decision.into(),
        decided_on: on.into(),
        language_shown: "ti".into(),
        conversation_id: None,
        interpreter_mode: Some("professional_phone".into()),
        interpreter_name: Some("T. Haile".into()),
        interpreter_language: Some("ti".into()),
        comprehension_answer: Some(answer),
    })
}

fn state_of(reg: &ConsentRegister, text: &str) -> ConsentState {
    reg.rows
        .iter()
        .find(|r| r.text_id == text)
        .unwrap()
        .state
        .clone()
}

#[test]
fn consent_is_asked_understood_given_and_withdrawn() {
    let (_dir, svc, _, _) = with_profile();
    let (client, _) = client_with_case(&svc);
    let reg = svc.consent_register(&client.id).unwrap();
    assert_eq!(reg.client_language.as_deref(), Some("ti"));
    assert_eq!(
        state_of(&reg, "intake-summary-vwn"),
        ConsentState::NeverAsked
    );

    // The text beside the Dutch, in Tigrinya, marked unreviewed.
    let text = svc
        .consent_text("intake-summary-vwn", 1, Some("ti".into()))
        .unwrap();
    assert_eq!(text.language.as_deref(), Some("ti"));
    assert_eq!(
        text.translation.unwrap().review,
        aankomst_core::consent::TranslationReview::Unreviewed
    );
    // A language the text does not have shows the Dutch only.
    let amharic = svc
        .consent_text("intake-summary-vwn", 1, Some("am".into()))
        .unwrap();
    assert!(amharic.translation.is_none());

    // The interpreter of another client's conversation cannot be borrowed.
    let other = new_client(&svc, json!({"preferred_name": "Ander"}));
    let theirs = svc
        .create_conversation(CreateConversationRequest {
            case_id: other.cases[0].id.clone(),
        })
        .unwrap();
    let borrowed = svc
        .record_consent(RecordConsentRequest {
            client_id: client.id.clone(),
            text_id: "intake-summary-vwn".into(),
            text_version: 1,
            decision: "given".into(),
            decided_on: day(0),
            language_shown: "nl".into(),
            conversation_id: Some(theirs.id.clone()),
            interpreter_mode: None,
            interpreter_name: None,
            interpreter_language: None,
            comprehension_answer: Some(2),
        })
        .unwrap_err();
    assert_eq!(borrowed.key, "record_not_found");

    // A wrong comprehension answer: not given.
    let wrong = ask(&svc, &client.id, "given", &day(-3), 0).unwrap_err();
    assert_eq!(wrong.key, "consent_rule");
    assert_eq!(wrong.args["rule"], "not_understood");
    let future = ask(&svc, &client.id, "given", &day(2), 2).unwrap_err();
    assert_eq!(future.args["rule"], "future_date");

    let out = ask(&svc, &client.id, "given", &day(-3), 2).unwrap();
    assert_eq!(out.comprehension_correct, Some(true));
    let row = out
        .register
        .rows
        .iter()
        .find(|r| r.text_id == "intake-summary-vwn")
        .unwrap();
    assert_eq!(row.state, ConsentState::Given { on: day(-3) });
    assert_eq!(row.history[0].interpreter_name.as_deref(), Some("T. Haile"));
    assert_eq!(row.history[0].language_shown.as_deref(), Some("ti"));
    assert_eq!(row.history[0].recorded_by, "Fatima de Vries");

    let out = svc
        .withdraw_consent(WithdrawConsentRequest {
            client_id: client.id.clone(),
            purpose: "share_intake_summary".into(),
            recipient: "vwn".into(),
            decided_on: day(0),
        })
        .unwrap();
    assert_eq!(
        state_of(&out.register, "intake-summary-vwn"),
        ConsentState::Withdrawn { on: day(0) }
    );
    // Nothing left to withdraw.
    let again = svc
        .withdraw_consent(WithdrawConsentRequest {
            client_id: client.id.clone(),
            purpose: "share_intake_summary".into(),
            recipient: "vwn".into(),
            decided_on: day(0),
        })
        .unwrap_err();
    assert_eq!(again.args["rule"], "nothing_to_withdraw");
}

fn completed_phq9(svc: &AppService, case_id: &str) -> (String, String) {
    let conv = svc
        .create_conversation(CreateConversationRequest {
            case_id: case_id.into(),
        })
        .unwrap();
    let view = svc
        .start_administration(aankomst_app::screening_ipc::StartAdministrationRequest {
            conversation_id: conv.id.clone(),
            definition_id: "phq9".into(),
            mode: "read_aloud".into(),
            language: "nl".into(),
        })
        .unwrap();
    svc.set_administration_status(&view.id, "completed")
        .unwrap();
    (conv.id, view.id)
}

#[test]
fn a_share_is_refused_without_consent_allowed_after_it_and_refused_after_withdrawal() {
    let (_dir, svc, _, _) = with_team_screening_profile();
    let (client, case_id) = client_with_case(&svc);
    let (_, admin) = completed_phq9(&svc, &case_id);

    let refused = svc.export_administration(&admin, "ggd").unwrap_err();
    assert_eq!(refused.key, "consent_missing");
    assert_eq!(refused.args["purpose"], "share_screening_results");
    assert_eq!(refused.args["recipient"], "ggd");
    assert_eq!(refused.args["reason"], "never_asked");

    // Refused by the client: still refused, with that reason.
    svc.record_consent(RecordConsentRequest {
        client_id: client.id.clone(),
        text_id: "screening-results-ggd".into(),
        text_version: 1,
        decision: "refused".into(),
        decided_on: day(-10),
        language_shown: "nl".into(),
        conversation_id: None,
        interpreter_mode: None,
        interpreter_name: None,
        interpreter_language: None,
        comprehension_answer: None,
    })
    .unwrap();
    assert_eq!(
        svc.export_administration(&admin, "ggd").unwrap_err().args["reason"],
        "refused"
    );

    svc.record_consent(RecordConsentRequest {
        client_id: client.id.clone(),
        text_id: "screening-results-ggd".into(),
        text_version: 1,
        decision: "given".into(),
        decided_on: day(-5),
        language_shown: "ar".into(),
        conversation_id: None,
        interpreter_mode: Some("informal_key_person".into()),
        interpreter_name: Some("M. Idris".into()),
        interpreter_language: Some("ar".into()),
        comprehension_answer: Some(1),
    })
    .unwrap();
    let export = svc.export_administration(&admin, "ggd").unwrap();
    assert!(export.json.contains("QuestionnaireResponse"));
    // Bound to its recipient.
    assert_eq!(
        svc.export_administration(&admin, "huisarts")
            .unwrap_err()
            .args["reason"],
        "never_asked"
    );

    svc.withdraw_consent(WithdrawConsentRequest {
        client_id: client.id.clone(),
        purpose: "share_screening_results".into(),
        recipient: "ggd".into(),
        decided_on: day(0),
    })
    .unwrap();
    let after = svc.export_administration(&admin, "ggd").unwrap_err();
    assert_eq!(after.key, "consent_missing");
    assert_eq!(after.args["reason"], "withdrawn");
}

fn field(
    svc: &AppService,
    plan: &str,
    name: &str,
    value: serde_json::Value,
) -> Result<PlanView, aankomst_app::AppError> {
    svc.save_plan_field(SavePlanFieldRequest {
        plan_id: plan.into(),
        field: name.into(),
        value,
    })
}

fn route(
    svc: &AppService,
    plan: &str,
    code: &str,
    reason: Option<&str>,
) -> Result<PlanView, aankomst_app::AppError> {
    svc.set_plan_route(SetPlanRouteRequest {
        plan_id: plan.into(),
        route: code.into(),
        reason: reason.map(str::to_owned),
    })
}

fn subgoals(n: usize) -> serde_json::Value {
    json!((0..n)
        .map(|i| json!({"goal": format!("subdoel {i}"), "actions": [
            {"party": "client", "action": "lessen volgen", "due_on": "2027-01-01"},
            {"party": "municipality", "action": "kinderopvang regelen"},
            {"party": "partner", "partner_name": "VluchtelingenWerk", "action": "begeleiden"}]}))
        .collect::<Vec<_>>())
}

#[test]
fn a_pip_is_drafted_fixed_signed_and_versioned() {
    let (_dir, svc, _, _) = with_team_screening_profile();
    let (client, case_id) = client_with_case(&svc);
    let (conv, admin) = completed_phq9(&svc, &case_id);
    let draft = svc.open_plan_draft(&case_id).unwrap();
    assert_eq!(draft.plan.version, Some(1));
    assert!(draft.editable);
    assert_eq!(
        draft.missing,
        vec!["route", "main_goal", "motivering", "reviews"]
    );
    // The routes the (default) policy offers: the three legal ones, each counting as itself.
    assert_eq!(
        draft
            .routes
            .iter()
            .map(|r| (r.code.as_str(), r.legal_route.as_str(), r.builtin))
            .collect::<Vec<_>>(),
        vec![
            ("b1", "b1", true),
            ("onderwijs", "onderwijs", true),
            ("z", "z", true)
        ]
    );
    assert!(draft.finding_options.iter().any(|f| f.id == admin));
    assert!(draft.finding_options.iter().any(|f| f.id == conv));
    // Opening again gives the same draft.
    assert_eq!(svc.open_plan_draft(&case_id).unwrap().id, draft.id);

    let id = draft.id.clone();
    assert_eq!(
        route(&svc, &id, "nonsense", None).unwrap_err().key,
        "plan_route_unknown"
    );
    route(&svc, &id, "onderwijs", None).unwrap();
    field(
        &svc,
        &id,
        "main_goal",
        json!("Een mbo-opleiding in de zorg"),
    )
    .unwrap();
    field(&svc, &id, "subgoals", subgoals(6)).unwrap();
    let seventh = field(&svc, &id, "subgoals", subgoals(7)).unwrap_err();
    assert_eq!(seventh.key, "field");
    assert_eq!(seventh.args["error"], "too_many_subgoals");
    field(
        &svc,
        &id,
        "motivering",
        json!("Leerbaarheidstoets en gesprek: geschikt voor mbo."),
    )
    .unwrap();
    field(
        &svc,
        &id,
        "findings",
        json!([{"kind": "administration", "id": admin}, {"kind": "conversation", "id": conv}]),
    )
    .unwrap();
    // Status is not a draft field: only the vaststelling fixes a version.
    assert_eq!(
        field(&svc, &id, "status", json!("fixed")).unwrap_err().key,
        "plan_field_not_editable"
    );
    let incomplete = svc
        .fix_plan(FixPlanRequest {
            plan_id: id.clone(),
            fixed_on: day(0),
        })
        .unwrap_err();
    assert_eq!(incomplete.args["rule"], "incomplete");
    field(
        &svc,
        &id,
        "reviews",
        json!([{"on": day(10)}, {"on": day(120)}]),
    )
    .unwrap();
    let signing_too_early = svc
        .sign_plan(SignPlanRequest {
            plan_id: id.clone(),
            signer: "client".into(),
            name: "Selam".into(),
            png: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk".into(),
        })
        .unwrap_err();
    assert_eq!(signing_too_early.key, "plan_not_fixed");

    let fixed = svc
        .fix_plan(FixPlanRequest {
            plan_id: id.clone(),
            fixed_on: day(0),
        })
        .unwrap();
    assert!(!fixed.editable);
    assert_eq!(fixed.plan.fixed_by.as_deref(), Some("Fatima de Vries"));
    // A fixed version does not change.
    assert_eq!(
        field(&svc, &id, "main_goal", json!("iets anders"))
            .unwrap_err()
            .args["rule"],
        "already_fixed"
    );
    // The case now has its PIP date, and the planned reviews show among its deadlines.
    let c = svc.get_client(&client.id).unwrap();
    assert_eq!(
        c.cases[0].case.pip_decided_on.as_deref(),
        Some(day(0).as_str())
    );
    let deadlines = svc.case_deadlines(&case_id).unwrap();
    let reviews: Vec<_> = deadlines
        .iter()
        .filter(|d| d.kind == DeadlineKind::ProgressReview)
        .collect();
    assert_eq!(reviews.len(), 2);
    assert_eq!(reviews[0].due.as_deref(), Some(day(10).as_str()));
    let list = svc.list_deadlines(DeadlineFilter::DueSoon).unwrap();
    assert!(list
        .rows
        .iter()
        .any(|r| r.deadline.kind == DeadlineKind::ProgressReview && r.case_id == case_id));

    // Signatures and the interpreter's attestation on the fixed version.
    let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    svc.sign_plan(SignPlanRequest {
        plan_id: id.clone(),
        signer: "client".into(),
        name: "Selam".into(),
        png: png.into(),
    })
    .unwrap();
    svc.sign_plan(SignPlanRequest {
        plan_id: id.clone(),
        signer: "counsellor".into(),
        name: "Fatima de Vries".into(),
        png: png.into(),
    })
    .unwrap();
    let not_png = svc
        .sign_plan(SignPlanRequest {
            plan_id: id.clone(),
            signer: "client".into(),
            name: "Selam".into(),
            png: "/9j/4AAQSkZJRg==".into(),
        })
        .unwrap_err();
    assert_eq!(not_png.args["error"], "not_a_png");
    let attested = svc
        .attest_plan(AttestPlanRequest {
            plan_id: id.clone(),
            name: "T. Haile".into(),
            language: "ti".into(),
        })
        .unwrap();
    assert_eq!(attested.plan.signature_client.as_ref().unwrap().png, png);
    assert_eq!(
        attested
            .plan
            .interpreter_attestation
            .as_ref()
            .unwrap()
            .language,
        "ti"
    );
    assert!(attested.versions[0].signed_by_client && attested.versions[0].interpreter_attested);

    // A later change is a new version, a copy of the fixed one; the old one stays.
    let v2 = svc.open_plan_draft(&case_id).unwrap();
    assert_ne!(v2.id, id);
    assert_eq!(v2.plan.version, Some(2));
    assert_eq!(v2.plan.previous_id.as_deref(), Some(id.as_str()));
    assert_eq!(
        v2.plan.main_goal.as_deref(),
        Some("Een mbo-opleiding in de zorg")
    );
    assert!(v2.plan.signature_client.is_none());
    assert_eq!(v2.previous_route.as_deref(), Some("onderwijs"));
    assert_eq!(v2.versions.len(), 2);
    assert_eq!(
        svc.get_plan(&id).unwrap().plan.status.as_deref(),
        Some("fixed")
    );

    // A route change needs a reason; the one change is then used up.
    let no_reason = route(&svc, &v2.id, "z", None).unwrap_err();
    assert_eq!(no_reason.args["rule"], "reason_missing");
    let blank = route(&svc, &v2.id, "z", Some("   ")).unwrap_err();
    assert_eq!(blank.args["rule"], "reason_missing");
    let changed = route(&svc, &v2.id, "z", Some("Afschaalsignaal na 400 uur")).unwrap();
    assert_eq!(
        changed.plan.route_change_reason.as_deref(),
        Some("Afschaalsignaal na 400 uur")
    );
    svc.fix_plan(FixPlanRequest {
        plan_id: v2.id.clone(),
        fixed_on: day(0),
    })
    .unwrap();
    let v3 = svc.open_plan_draft(&case_id).unwrap();
    assert_eq!(v3.route_changes_used, 1);
    let second = route(&svc, &v3.id, "b1", Some("Toch B1")).unwrap_err();
    assert_eq!(second.args["rule"], "route_change");
    assert_eq!(second.args["refusal"], "already_changed");
    // Keeping the route is always fine.
    route(&svc, &v3.id, "z", None).unwrap();
}

#[test]
fn the_route_change_window_closes_eighteen_months_after_the_pip() {
    let (_dir, svc, _, _) = with_profile();
    let (_, case_id) = client_with_case(&svc);
    let draft = svc.open_plan_draft(&case_id).unwrap();
    route(&svc, &draft.id, "b1", None).unwrap();
    field(&svc, &draft.id, "main_goal", json!("Werk")).unwrap();
    field(&svc, &draft.id, "motivering", json!("Reden")).unwrap();
    field(&svc, &draft.id, "reviews", json!([{"on": day(30)}])).unwrap();
    // Fixed 19 months ago.
    let long_ago = (today() - chrono::Months::new(19))
        .format("%Y-%m-%d")
        .to_string();
    svc.fix_plan(FixPlanRequest {
        plan_id: draft.id.clone(),
        fixed_on: long_ago,
    })
    .unwrap();
    let v2 = svc.open_plan_draft(&case_id).unwrap();
    let refused = route(&svc, &v2.id, "z", Some("Te laat")).unwrap_err();
    assert_eq!(refused.args["refusal"], "window_closed");
}

#[test]
fn custom_routes_are_checked() {
    let (_dir, svc, _, _) = with_profile();
    let bad = |code: &str, label: &str| {
        svc.save_plan_routes(vec![CustomRoute {
            code: code.into(),
            label: label.into(),
        }])
        .unwrap_err()
        .key
    };
    assert_eq!(bad("b1", "Dubbel"), "plan_routes_invalid");
    assert_eq!(bad("Met spatie", "x"), "plan_routes_invalid");
    assert_eq!(bad("ok", "  "), "plan_routes_invalid");
    // The municipal policy fixes the routes offered (issue 20): a laptop cannot add one.
    let refused = svc
        .save_plan_routes(vec![CustomRoute {
            code: "b1_mbo".into(),
            label: "B1-mbo-route".into(),
        }])
        .unwrap_err();
    assert_eq!(refused.key, "policy_fixed");
    assert_eq!(refused.args["setting"], "plan_routes");
    assert!(svc.get_plan_routes().unwrap().is_empty());
    // Saving what the policy says is fine.
    svc.save_plan_routes(vec![]).unwrap();
}

/// Every file under `dir`, read whole.
fn files_below(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_below(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    out
}

#[test]
fn consent_and_the_pip_with_its_signatures_never_reach_disk_in_plaintext() {
    let (dir, svc, _, _) = with_profile();
    let (client, case_id) = client_with_case(&svc);
    svc.record_consent(RecordConsentRequest {
        client_id: client.id.clone(),
        text_id: "intake-summary-vwn".into(),
        text_version: 1,
        decision: "given".into(),
        decided_on: day(0),
        language_shown: "ti".into(),
        conversation_id: None,
        interpreter_mode: Some("professional_in_person".into()),
        interpreter_name: Some("ZZMARK-TOLK".into()),
        interpreter_language: Some("ti".into()),
        comprehension_answer: Some(2),
    })
    .unwrap();
    let draft = svc.open_plan_draft(&case_id).unwrap();
    route(&svc, &draft.id, "b1", None).unwrap();
    field(&svc, &draft.id, "main_goal", json!("ZZMARK-HOOFDDOEL")).unwrap();
    field(&svc, &draft.id, "motivering", json!("ZZMARK-MOTIVERING")).unwrap();
    field(&svc, &draft.id, "reviews", json!([{"on": day(20)}])).unwrap();
    svc.fix_plan(FixPlanRequest {
        plan_id: draft.id.clone(),
        fixed_on: day(0),
    })
    .unwrap();
    // A PNG whose base64 carries a marker after the signature bytes.
    let png = "iVBORw0KGgoZZMARKSIGNATURE";
    svc.sign_plan(SignPlanRequest {
        plan_id: draft.id.clone(),
        signer: "client".into(),
        name: "ZZMARK-ONDERTEKENAAR".into(),
        png: png.into(),
    })
    .unwrap();
    svc.lock(aankomst_app::LockReason::Manual);
    let files = files_below(dir.path());
    assert!(!files.is_empty());
    for marker in [
        "ZZMARK-TOLK",
        "ZZMARK-HOOFDDOEL",
        "ZZMARK-MOTIVERING",
        "ZZMARKSIGNATURE",
        "ZZMARK-ONDERTEKENAAR",
    ] {
        for (path, bytes) in &files {
            assert!(
                !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
                "{marker} in plaintext in {}",
                path.display()
            );
        }
    }
}

/// Issue 19: after the PIP, a progress-review conversation fulfils the planned review, goes
/// through the goals and closes them; statuses follow the goals into the next version; the
/// term is extended only to a later date.
#[test]
fn a_progress_review_fulfils_the_planned_review_and_closes_goals() {
    use aankomst_app::trajectory_ipc::*;
    use aankomst_core::deadlines::DeadlineState;
    let (_dir, svc, _, _) = with_profile();
    let (_client, case_id) = client_with_case(&svc);
    let draft = svc.open_plan_draft(&case_id).unwrap();
    let id = draft.id.clone();
    route(&svc, &id, "b1", None).unwrap();
    field(&svc, &id, "main_goal", json!("Werk in de zorg")).unwrap();
    field(
        &svc,
        &id,
        "subgoals",
        json!([
            {"id": "werk", "goal": "Een baan in de zorg", "actions": [
                {"id": "cv", "party": "client", "action": "CV maken", "due_on": day(-20)}]},
            {"id": "taal", "goal": "Taal op B1", "actions": []},
            {"goal": "Zonder id (van vóór ids)", "actions": []}
        ]),
    )
    .unwrap();
    field(
        &svc,
        &id,
        "motivering",
        json!("Leerbaarheidstoets: gemiddeld"),
    )
    .unwrap();
    field(
        &svc,
        &id,
        "reviews",
        json!([{"on": day(-10)}, {"on": day(80)}]),
    )
    .unwrap();
    svc.fix_plan(FixPlanRequest {
        plan_id: id.clone(),
        fixed_on: day(-60),
    })
    .unwrap();

    let before = svc.case_trajectory(&case_id).unwrap();
    assert_eq!(before.goals.len(), 3);
    assert_eq!(before.goals[2].key, "g2");
    assert_eq!(before.missed_reviews, 1);
    assert_eq!(before.next_review.as_deref(), Some(day(80).as_str()));
    assert_eq!(before.reviews[0].deadline.state, DeadlineState::Overdue);
    // The term runs three years from the PIP.
    let term = before.term.clone().unwrap();
    let pip = NaiveDate::parse_from_str(&day(-60), "%Y-%m-%d").unwrap();
    assert_eq!(
        term.due,
        Some(
            pip.checked_add_months(chrono::Months::new(36))
                .unwrap()
                .format("%Y-%m-%d")
                .to_string()
        )
    );

    // The progress review held today fulfils the missed one (late).
    let conv = svc.create_conversation(CreateConversationRequest {
        case_id: case_id.clone(),
    });
    let conv = conv.unwrap();
    svc.save_field(SaveFieldRequest {
        record_id: conv.id.clone(),
        field: "conversation_type".into(),
        value: json!("progress_review"),
    })
    .unwrap();
    let after = svc.case_trajectory(&case_id).unwrap();
    assert_eq!(after.missed_reviews, 0);
    assert_eq!(after.reviews[0].deadline.state, DeadlineState::MetLate);
    assert_eq!(after.held_reviews.len(), 1);

    let set = |key: &str, status: &str, reason: Option<&str>| {
        svc.set_goal_status(SetGoalStatusRequest {
            case_id: case_id.clone(),
            key: key.into(),
            status: status.into(),
            reason: reason.map(str::to_owned),
            conversation_id: Some(conv.id.clone()),
            on: None,
        })
    };
    let closed = set("werk", "reached", None).unwrap();
    assert_eq!(closed.goals[0].status.as_ref().unwrap().status, "reached");
    assert_eq!(
        closed.goals[0]
            .status
            .as_ref()
            .unwrap()
            .conversation_id
            .as_deref(),
        Some(conv.id.as_str())
    );
    // Stopping needs a reason; nothing is stored without it.
    let refused = set("taal", "stopped", None).unwrap_err();
    assert_eq!(
        (refused.key.as_str(), refused.args["error"].as_str()),
        ("field", "missing_part")
    );
    assert!(svc.case_trajectory(&case_id).unwrap().goals[1]
        .status
        .is_none());
    set("taal", "stopped", Some("Verhuisd naar een andere gemeente")).unwrap();
    set("g2", "in_progress", None).unwrap();
    assert_eq!(
        set("nope", "reached", None).unwrap_err().key,
        "goal_not_found"
    );
    assert_eq!(
        set("werk", "finished", None).unwrap_err().args["error"],
        "not_a_choice"
    );

    // The action whose goal was reached no longer goes overdue.
    let deadlines = svc.case_deadlines(&case_id).unwrap();
    let action = deadlines
        .iter()
        .find(|d| d.kind == DeadlineKind::ActionDue)
        .unwrap();
    assert_eq!(action.state, DeadlineState::MetLate);

    // A new version keeps the goal ids, so the statuses stay with their goals.
    let next = svc.open_plan_draft(&case_id).unwrap();
    assert_eq!(next.plan.subgoals[0].id.as_deref(), Some("werk"));

    // The term is extended to a later date only, with a reason.
    let end = term.due.clone().unwrap();
    let extend = |new_end: &str, reason: &str| {
        svc.extend_term(ExtendTermRequest {
            case_id: case_id.clone(),
            new_end: new_end.into(),
            reason: reason.into(),
            decided_on: None,
        })
    };
    let same = extend(&end, "ziekte").unwrap_err();
    assert_eq!(
        (same.key.as_str(), same.args["refusal"].as_str()),
        ("term_extension", "not_later")
    );
    let later = NaiveDate::parse_from_str(&end, "%Y-%m-%d").unwrap() + Days::new(180);
    let later = later.format("%Y-%m-%d").to_string();
    assert_eq!(
        extend(&later, " ").unwrap_err().args["refusal"],
        "reason_missing"
    );
    let extended = extend(&later, "Zwangerschapsverlof").unwrap();
    assert_eq!(extended.term.unwrap().due.as_deref(), Some(later.as_str()));
    assert_eq!(extended.term_extensions.len(), 1);
}

/// Issue 19: a Z-route client's hours entered for three months, the totals against the norm,
/// and the eindgesprek as a deadline by the end of the term.
#[test]
fn z_route_hours_are_totalled_against_the_norm() {
    use aankomst_core::deadlines::DeadlineState;
    let (_dir, svc, _, _) = with_profile();
    let (_client, case_id) = client_with_case(&svc);
    let id = svc.open_plan_draft(&case_id).unwrap().id;
    route(&svc, &id, "z", None).unwrap();
    field(&svc, &id, "main_goal", json!("Zelfredzaam in de wijk")).unwrap();
    field(&svc, &id, "motivering", json!("Leerbaarheidstoets: laag")).unwrap();
    field(&svc, &id, "reviews", json!([{"on": day(30)}])).unwrap();
    svc.fix_plan(FixPlanRequest {
        plan_id: id,
        fixed_on: day(-90),
    })
    .unwrap();
    for (month, language, participation) in [
        ("2026-01", 52, 30),
        ("2026-02", 60, 40),
        ("2026-03", 48, 35),
    ] {
        svc.save_field(SaveFieldRequest {
            record_id: case_id.clone(),
            field: format!("z_hours/{month}"),
            value: json!([
                {"activity": "language_knm", "planned": 60, "attended": language},
                {"activity": "participation", "planned": 40, "attended": participation}
            ]),
        })
        .unwrap();
    }
    // Hours beyond what a month has are refused and change nothing.
    let refused = svc
        .save_field(SaveFieldRequest {
            record_id: case_id.clone(),
            field: "z_hours/2026-04".into(),
            value: json!([{"activity": "language_knm", "attended": 800}]),
        })
        .unwrap_err();
    assert_eq!(refused.key, "field");
    let view = svc.case_trajectory(&case_id).unwrap();
    assert!(view.z_route);
    assert_eq!(view.z_months.len(), 3);
    let language = &view.z_totals[0];
    assert_eq!(
        (
            language.activity.as_str(),
            language.planned,
            language.attended,
            language.remaining
        ),
        ("language_knm", 180, 160, 640)
    );
    assert_eq!(view.z_totals[1].attended, 105);
    let final_conversation = view.z_final.unwrap();
    assert_eq!(final_conversation.state, DeadlineState::Open);
    assert_eq!(final_conversation.due, view.term.unwrap().due);
}

/// Issue 19: a gezinsmigrant's PIP cannot include ontzorgen.
#[test]
fn a_gezinsmigrant_pip_is_not_fixed_with_ontzorgen() {
    let (_dir, svc, _, _) = with_profile();
    let client = new_client(
        &svc,
        json!({"preferred_name": "Lina", "target_group": "gezinsmigrant"}),
    );
    let case_id = client.cases[0].id.clone();
    let id = svc.open_plan_draft(&case_id).unwrap().id;
    route(&svc, &id, "b1", None).unwrap();
    field(&svc, &id, "main_goal", json!("Werk")).unwrap();
    field(&svc, &id, "motivering", json!("Leerbaarheidstoets: hoog")).unwrap();
    field(&svc, &id, "reviews", json!([{"on": day(60)}])).unwrap();
    field(&svc, &id, "ontzorgen", json!("yes")).unwrap();
    let fix = || {
        svc.fix_plan(FixPlanRequest {
            plan_id: id.clone(),
            fixed_on: day(0),
        })
    };
    let refused = fix().unwrap_err();
    assert_eq!(refused.args["rule"], "ontzorgen_not_for_target_group");
    field(&svc, &id, "ontzorgen", json!("not_applicable")).unwrap();
    assert_eq!(fix().unwrap().plan.status.as_deref(), Some("fixed"));
}
