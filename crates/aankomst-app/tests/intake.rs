//! The brede intake's guide over several conversations, money during ontzorgen and the
//! household view, driven as the UI drives them.

mod common;

use aankomst_app::intake_ipc::*;
use aankomst_app::ipc::*;
use aankomst_app::screening_ipc::*;
use aankomst_app::AppService;
use aankomst_core::guide::TopicStatus;
use aankomst_core::money::{AllowanceState, FixedCostState, FixedCostWarning};
use chrono::NaiveDate;
use common::*;
use serde_json::{json, Value};

fn save(svc: &AppService, id: &str, field: &str, value: Value) {
    svc.save_field(SaveFieldRequest {
        record_id: id.into(),
        field: field.into(),
        value,
    })
    .unwrap();
}

/// A conversation held at `at` with a professional interpreter in Arabic.
fn conversation(svc: &AppService, case_id: &str, at: &str) -> String {
    let c = svc
        .create_conversation(CreateConversationRequest {
            case_id: case_id.into(),
        })
        .unwrap();
    save(svc, &c.id, "starts_at", json!(at));
    save(
        svc,
        &c.id,
        "interpreter_mode",
        json!("professional_in_person"),
    );
    save(svc, &c.id, "interpreter_register_number", json!("20417"));
    save(svc, &c.id, "language_used", json!("ar"));
    c.id
}

fn entry(svc: &AppService, conversation: &str, topic: &str, entry: Value) -> ConversationGuide {
    svc.save_guide_entry(SaveGuideEntryRequest {
        conversation_id: conversation.into(),
        topic: topic.into(),
        entry,
    })
    .unwrap()
}

fn topic<'a>(
    state: &'a aankomst_core::guide::GuideState,
    id: &str,
) -> &'a aankomst_core::guide::TopicState {
    state.topics.iter().find(|t| t.topic == id).unwrap()
}

fn administer(
    svc: &AppService,
    conversation: &str,
    definition: &str,
    answers: &[(&str, i32)],
    text: &[(&str, &str)],
) -> String {
    let a = svc
        .start_administration(StartAdministrationRequest {
            conversation_id: conversation.into(),
            definition_id: definition.into(),
            mode: "read_aloud".into(),
            language: "ar".into(),
        })
        .unwrap();
    for (link, value) in answers {
        svc.answer_item(AnswerRequest {
            administration_id: a.id.clone(),
            link_id: (*link).into(),
            value: Some(*value),
            text: None,
            state: None,
            clear: false,
        })
        .unwrap();
    }
    for (link, t) in text {
        svc.answer_item(AnswerRequest {
            administration_id: a.id.clone(),
            link_id: (*link).into(),
            value: None,
            text: Some((*t).into()),
            state: None,
            clear: false,
        })
        .unwrap();
    }
    svc.set_administration_status(&a.id, "completed").unwrap();
    a.id
}

/// Yes to the six descriptors of one level, no to the other twelve.
fn financial_answers(level: &str) -> Vec<(String, i32)> {
    let dims = [
        "taal",
        "betalingen",
        "administratie",
        "regelingen",
        "besteden",
        "voorbereid",
    ];
    let mut out = Vec::new();
    for l in ["onvoldoende", "beperkt", "voldoende"] {
        for d in dims {
            out.push((format!("fz.{d}.{l}"), i32::from(l == level)));
        }
    }
    out
}

#[test]
fn an_intake_over_three_conversations_becomes_ready_for_the_pip() {
    let (_d, svc, _, _) = with_profile();
    let client = new_client(&svc, json!({"preferred_name": "Rahaf"}));
    let case_id = client.cases[0].id.clone();
    let first = conversation(&svc, &case_id, "2026-03-02T09:30:00Z");
    let second = conversation(&svc, &case_id, "2026-03-16T09:30:00Z");
    let third = conversation(&svc, &case_id, "2026-03-30T09:30:00Z");

    // Nothing yet: all three mandatory parts missing, listed first.
    let guide = svc.client_guide(&client.id).unwrap();
    assert!(!guide.state.ready_for_pip);
    assert_eq!(guide.state.mandatory_missing, 3);
    assert_eq!(guide.topics.len(), 15);
    assert_eq!(guide.conversations.len(), 3);

    // First conversation: education begun, language covered.
    entry(
        &svc,
        &first,
        "education_work_origin",
        json!({"status": "to_do", "values": {"highest_level": "secondary", "years_of_schooling": 11, "education_country": "SY"}, "notes": "Diploma ligt nog in Damascus"}),
    );
    let g = entry(
        &svc,
        &first,
        "language",
        json!({"status": "covered", "values": {"literacy_own_script": "literate", "literacy_latin_script": "limited", "dutch_level": "none"}}),
    );
    assert_eq!(g.entries.len(), 2);
    assert_eq!(g.client_id, client.id);

    // Second: work experience added; health begun.
    entry(
        &svc,
        &second,
        "education_work_origin",
        json!({"status": "covered", "values": {"occupations": "Apothekersassistent", "years_of_work": 6}}),
    );
    entry(
        &svc,
        &second,
        "personal_circumstances",
        json!({"status": "to_do", "values": {"capacity": "limited"}, "notes": "Rugklachten; huisarts nog niet gevonden"}),
    );

    // A mandatory part "not applicable" without a reason is refused and nothing changes.
    let refused = svc
        .save_guide_entry(SaveGuideEntryRequest {
            conversation_id: third.clone(),
            topic: "personal_circumstances".into(),
            entry: json!({"status": "not_applicable"}),
        })
        .unwrap_err();
    assert_eq!(refused.key, "field");
    assert_eq!(refused.args["error"], "missing_part");
    assert_eq!(
        refused.field.as_deref(),
        Some("guide/personal_circumstances")
    );
    let unknown = svc
        .save_guide_entry(SaveGuideEntryRequest {
            conversation_id: third.clone(),
            topic: "horoscope".into(),
            entry: json!({"status": "covered"}),
        })
        .unwrap_err();
    assert_eq!(unknown.key, "guide_topic_unknown");

    // Third: health covered.
    let g = entry(
        &svc,
        &third,
        "personal_circumstances",
        json!({"status": "covered", "values": {"referrals": "GGD-screening aangevraagd"}}),
    );
    assert_eq!(g.entries.len(), 1, "only this conversation's entries");

    let guide = svc.client_guide(&client.id).unwrap();
    let s = &guide.state;
    assert_eq!(s.conversations, 3);
    assert!(!s.ready_for_pip);
    assert_eq!(s.mandatory_missing, 1);
    assert_eq!(s.topics[0].topic, "learnability");
    let edu = topic(s, "education_work_origin");
    assert_eq!(edu.status, TopicStatus::Covered);
    assert_eq!(
        edu.discussed_in
            .iter()
            .map(|d| d.conversation_id.as_str())
            .collect::<Vec<_>>(),
        [first.as_str(), second.as_str()]
    );
    let by_field = |f: &str| edu.values.iter().find(|v| v.field == f).unwrap();
    assert_eq!(by_field("highest_level").conversation_id, first);
    assert_eq!(by_field("years_of_work").value, json!(6));
    assert_eq!(by_field("years_of_work").conversation_id, second);
    let health = topic(s, "personal_circumstances");
    assert_eq!(health.status, TopicStatus::Covered);
    assert_eq!(health.notes.len(), 1);

    // The learnability test result, recorded in the third conversation, covers the last part.
    let lbt = administer(
        &svc,
        &third,
        "leerbaarheidstoets",
        &[],
        &[
            ("lbt.resultaat", "Leerbaarheid: gemiddeld"),
            ("lbt.datum_toetsafname", "2026-03-20"),
        ],
    );
    let guide = svc.client_guide(&client.id).unwrap();
    assert!(guide.state.ready_for_pip);
    assert_eq!(guide.state.mandatory_missing, 0);
    assert_eq!(
        topic(&guide.state, "learnability")
            .administration_id
            .as_deref(),
        Some(lbt.as_str())
    );
    // Twelve life domains, one covered: eleven still open, listed before the done ones.
    assert_eq!(guide.state.missing, 11);
    assert!(guide.state.topics[..11].iter().all(|t| !t.status.is_done()));

    // Removing an entry (null) takes it out of that conversation only.
    entry(&svc, &first, "language", Value::Null);
    let guide = svc.client_guide(&client.id).unwrap();
    assert_eq!(
        topic(&guide.state, "language").status,
        TopicStatus::NotStarted
    );
    // The conversation's own guide shows the client's guide too.
    let g = svc.get_conversation_guide(&second).unwrap();
    assert_eq!(g.entries.len(), 2);
    assert!(g.state.ready_for_pip);
}

#[test]
fn money_during_ontzorgen_with_leefgeld_phase_out_and_screenings() {
    let (_d, svc, _, _) = with_profile();
    let client = new_client(&svc, json!({"preferred_name": "Hüseyin"}));
    let case_id = client.cases[0].id.clone();
    save(&svc, &case_id, "ontzorgen_started_on", json!("2026-03-01"));
    let today = NaiveDate::from_ymd_opt(2026, 4, 15).unwrap();

    let empty = svc.client_money_on(&client.id, today).unwrap();
    assert_eq!(empty.ontzorgen_ends_on.as_deref(), Some("2026-09-01"));
    // The four legal costs are always listed; internet and phone only once recorded.
    assert_eq!(
        empty
            .costs
            .iter()
            .map(|c| c.kind.as_str())
            .collect::<Vec<_>>(),
        ["rent", "energy", "water", "health_insurance"]
    );
    assert!(empty
        .costs
        .iter()
        .all(|c| c.state == FixedCostState::ToArrange && !c.recorded));
    assert_eq!(empty.leefgeld, None, "no benefit amount yet");

    svc.save_income(SaveIncomeRequest {
        case_id: case_id.clone(),
        benefit: "1.285,33".into(),
        other: String::new(),
    })
    .unwrap();
    let cost = |kind: &str, amount: &str| SaveFixedCostRequest {
        case_id: case_id.clone(),
        kind: kind.into(),
        amount: amount.into(),
        authorised_on: "2026-03-02".into(),
        direct_debit_stopped_on: "2026-03-09".into(),
        payment_started_on: "2026-04-01".into(),
        phase_out_on: "2026-08-01".into(),
        ..Default::default()
    };
    svc.save_fixed_cost(SaveFixedCostRequest {
        creditor: "Woonstad".into(),
        ..cost("rent", "612,50")
    })
    .unwrap();
    svc.save_fixed_cost(SaveFixedCostRequest {
        phase_out_on: "2026-06-01".into(),
        ..cost("energy", "140")
    })
    .unwrap();
    // Health insurance paid while the insurer's direct debit was never stopped.
    svc.save_fixed_cost(SaveFixedCostRequest {
        direct_debit_stopped_on: String::new(),
        ..cost("health_insurance", "155.99")
    })
    .unwrap();
    svc.save_fixed_cost(SaveFixedCostRequest {
        client_pays: true,
        ..cost("phone", "15")
    })
    .unwrap();
    svc.save_allowance(SaveAllowanceRequest {
        case_id: case_id.clone(),
        kind: "zorgtoeslag".into(),
        applied_on: "2026-03-02".into(),
        received_on: "2026-04-01".into(),
        monthly: "123".into(),
        not_applicable: false,
    })
    .unwrap();
    svc.save_allowance(SaveAllowanceRequest {
        case_id: case_id.clone(),
        kind: "huurtoeslag".into(),
        applied_on: "2026-01-05".into(),
        monthly: "301".into(),
        ..Default::default()
    })
    .unwrap();
    svc.save_allowance(SaveAllowanceRequest {
        case_id: case_id.clone(),
        kind: "kinderopvangtoeslag".into(),
        not_applicable: true,
        ..Default::default()
    })
    .unwrap();

    let m = svc.client_money_on(&client.id, today).unwrap();
    assert_eq!(m.benefit_monthly_cents, Some(128_533));
    let rent = m.costs.iter().find(|c| c.kind == "rent").unwrap();
    assert_eq!(rent.state, FixedCostState::PaymentRunning);
    assert_eq!(rent.cost.amount_cents, Some(61_250));
    assert_eq!(rent.cost.creditor.as_deref(), Some("Woonstad"));
    assert!(rent.warnings.is_empty());
    let insurance = m
        .costs
        .iter()
        .find(|c| c.kind == "health_insurance")
        .unwrap();
    assert_eq!(insurance.warnings, [FixedCostWarning::DoublePaymentRisk]);
    let phone = m.costs.iter().find(|c| c.kind == "phone").unwrap();
    assert!(phone.optional);
    assert_eq!(phone.state, FixedCostState::ClientPays);
    let allowance = |k: &str| m.allowances.iter().find(|a| a.kind == k).unwrap();
    assert_eq!(allowance("zorgtoeslag").state, AllowanceState::Received);
    assert!(
        allowance("huurtoeslag").late,
        "applied in January, nothing by mid-April"
    );
    assert_eq!(
        allowance("kinderopvangtoeslag").state,
        AllowanceState::NotApplicable
    );
    assert_eq!(
        allowance("kindgebonden_budget").state,
        AllowanceState::NotApplied
    );

    // April: 1285,33 + 123,00 received − (612,50 + 140,00 + 155,99; water has no amount).
    let l = m.leefgeld.as_ref().unwrap();
    assert_eq!(l.month, "2026-04-01");
    assert_eq!(l.withheld, 90_849);
    assert_eq!(l.now, 128_533 + 12_300 - 90_849);
    assert_eq!(l.expected, l.now + 30_100);
    assert_eq!(l.costs_without_amount, 1);
    assert_eq!(m.projection.len(), 6);
    assert_eq!(m.projection[3].month, "2026-06-01");
    assert_eq!(m.projection[3].withheld, 90_849 - 14_000);

    // A bad amount is refused with a field error; what was saved stays.
    let bad = svc.save_fixed_cost(cost("rent", "zeshonderd")).unwrap_err();
    assert_eq!(bad.key, "field");
    assert_eq!(bad.field.as_deref(), Some("amount"));
    assert_eq!(bad.args["error"], "amount_shape");
    assert!(!format!("{bad:?}").contains("zeshonderd"));
    let bad_date = svc
        .save_fixed_cost(SaveFixedCostRequest {
            authorised_on: "2 maart".into(),
            ..cost("rent", "612,50")
        })
        .unwrap_err();
    assert_eq!(bad_date.key, "field");
    let m = svc.client_money_on(&client.id, today).unwrap();
    let rent = m.costs.iter().find(|c| c.kind == "rent").unwrap();
    assert_eq!(rent.cost.amount_cents, Some(61_250));
    assert_eq!(rent.cost.authorised_on.as_deref(), Some("2026-03-02"));

    // First measurement and the repeat, with their levels side by side.
    let conv = conversation(&svc, &case_id, "2026-03-02T09:30:00Z");
    let first: Vec<(String, i32)> = financial_answers("onvoldoende");
    let first: Vec<(&str, i32)> = first.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    administer(&svc, &conv, "financiele-zelfredzaamheid", &first, &[]);
    let repeat = conversation(&svc, &case_id, "2026-08-03T09:30:00Z");
    let second: Vec<(String, i32)> = financial_answers("beperkt");
    let second: Vec<(&str, i32)> = second.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    administer(&svc, &repeat, "financiele-zelfredzaamheid", &second, &[]);
    let m = svc.client_money_on(&client.id, today).unwrap();
    assert_eq!(
        m.measurements
            .iter()
            .map(|x| x.level.as_deref())
            .collect::<Vec<_>>(),
        [Some("onvoldoende"), Some("beperkt")]
    );
    assert!(m.measurements.iter().all(|x| !x.needs_confirmation));
}

#[test]
fn the_household_view_keeps_partners_and_nareizigers_in_view() {
    let (_d, svc, _, _) = with_profile();
    let referent = new_client(
        &svc,
        json!({"preferred_name": "Yonas", "date_of_birth": "1988"}),
    );
    let case_id = referent.cases[0].id.clone();
    let c = conversation(&svc, &case_id, "2026-03-02T09:30:00Z");
    entry(
        &svc,
        &c,
        "household",
        json!({"status": "covered", "values": {"family_reunification": "applied"}}),
    );
    save(&svc, &case_id, "ontzorgen_started_on", json!("2026-03-01"));
    // A partner here without a case, a child, and a nareiziger still expected.
    let with_partner = svc
        .add_household_member(AddHouseholdMemberRequest {
            of_client_id: referent.id.clone(),
            household_id: None,
            fields: json!({"preferred_name": "Selam", "date_of_birth": "1990"}),
            role: "partner".into(),
            nareiziger: false,
            arrived_on: None,
            create_case: false,
        })
        .unwrap();
    let household_id = with_partner.households[0].id.clone();
    for (name, born, role, nareiziger) in [
        ("Saba", "2019", "child", false),
        ("Tesfay", "1965", "parent", true),
    ] {
        svc.add_household_member(AddHouseholdMemberRequest {
            of_client_id: referent.id.clone(),
            household_id: Some(household_id.clone()),
            fields: json!({"preferred_name": name, "date_of_birth": born}),
            role: role.into(),
            nareiziger,
            arrived_on: None,
            create_case: false,
        })
        .unwrap();
    }

    let overview = svc.household_overview(&referent.id).unwrap();
    assert_eq!(overview.len(), 1);
    let members = &overview[0].members;
    let m = |name: &str| members.iter().find(|m| m.display_name == name).unwrap();
    let yonas = m("Yonas");
    assert!(yonas.adult);
    assert_eq!(yonas.guide.as_ref().unwrap().conversations, 1);
    assert_eq!(yonas.guide.as_ref().unwrap().done, 1);
    assert!(yonas.ontzorgen.is_some());
    assert!(yonas.alerts.is_empty());
    assert_eq!(m("Selam").alerts, [MemberAlert::NoIntake]);
    assert!(m("Saba").alerts.is_empty() && !m("Saba").adult);
    assert_eq!(m("Tesfay").alerts, [MemberAlert::NotArrived]);

    // The partner gets her own intake: a case of her own, not yet started.
    let selam_id = m("Selam").client_id.clone();
    svc.open_case(OpenCaseRequest {
        client_id: selam_id.clone(),
    })
    .unwrap();
    // The nareiziger is expected, then arrives.
    let tesfay_id = m("Tesfay").client_id.clone();
    let overview = svc
        .set_member_arrival(SetMemberArrivalRequest {
            household_id: household_id.clone(),
            client_id: tesfay_id.clone(),
            expected_on: "2026-05-10".into(),
            arrived_on: String::new(),
        })
        .unwrap();
    let members = &overview[0].members;
    let m = |name: &str| members.iter().find(|m| m.display_name == name).unwrap();
    assert_eq!(m("Selam").alerts, [MemberAlert::IntakeNotStarted]);
    assert!(m("Selam").guide.is_some());
    assert_eq!(m("Tesfay").expected_on.as_deref(), Some("2026-05-10"));
    assert_eq!(m("Tesfay").alerts, [MemberAlert::NotArrived]);
    // The same view from the partner's side.
    let from_partner = svc.household_overview(&selam_id).unwrap();
    assert_eq!(from_partner[0].members.len(), 4);
    let overview = svc
        .set_member_arrival(SetMemberArrivalRequest {
            household_id,
            client_id: tesfay_id,
            expected_on: "2026-05-10".into(),
            arrived_on: "2026-05-12".into(),
        })
        .unwrap();
    let tesfay = overview[0]
        .members
        .iter()
        .find(|m| m.display_name == "Tesfay")
        .unwrap();
    assert_eq!(tesfay.arrived_on.as_deref(), Some("2026-05-12"));
    assert_eq!(tesfay.alerts, [MemberAlert::NoIntake]);

    // Reading the household view, the guide and the money is in each file's audit trail.
    svc.client_guide(&referent.id).unwrap();
    svc.client_money(&referent.id).unwrap();
    let read = aankomst_core::audit::AuditAction::Read;
    let trail = svc.client_audit(&referent.id).unwrap();
    let reads: Vec<&str> = trail
        .iter()
        .filter(|e| e.action == read)
        .map(|e| e.object.as_str())
        .collect();
    assert!(reads.contains(&format!("client:{}", referent.id).as_str()));
    assert!(reads.contains(&format!("case:{case_id}").as_str()));
    let partner_trail = svc.client_audit(&selam_id).unwrap();
    assert!(partner_trail
        .iter()
        .any(|e| e.action == read && e.object == format!("client:{selam_id}")));
    assert!(svc.verify_audit_chain().unwrap().broken.is_none());
}

/// Every topic, field, option, status, cost, allowance and warning the backend can send has
/// a Dutch and an English label (the UI builds the message ids from these codes).
#[test]
fn every_guide_and_money_code_has_a_label_in_both_languages() {
    use aankomst_core::guide::topic_specs;
    use aankomst_core::money::{ALLOWANCES, FIXED_COSTS};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    let mut need = Vec::new();
    for topic in topic_specs() {
        need.push(format!("guide-topic-{}", topic.id));
        for f in topic.fields {
            need.push(format!("guide-field-{}", f.id));
            need.extend(f.options.iter().map(|o| format!("guide-option-{o}")));
        }
    }
    need.extend(FIXED_COSTS.iter().map(|k| format!("money-cost-{k}")));
    need.extend(ALLOWANCES.iter().map(|k| format!("money-allowance-{k}")));
    let code = |v: Value| v.as_str().unwrap().to_owned();
    for s in [
        FixedCostState::ToArrange,
        FixedCostState::AuthorisationSigned,
        FixedCostState::DirectDebitStopped,
        FixedCostState::PaymentRunning,
        FixedCostState::PhasedOut,
        FixedCostState::Ended,
        FixedCostState::ClientPays,
    ] {
        need.push(format!(
            "money-state-{}",
            code(serde_json::to_value(s).unwrap())
        ));
    }
    for w in [
        FixedCostWarning::DoublePaymentRisk,
        FixedCostWarning::NoPhaseOutPlanned,
        FixedCostWarning::PhaseOutAfterEnd,
        FixedCostWarning::NobodyPaying,
    ] {
        need.push(format!(
            "money-warning-{}",
            code(serde_json::to_value(w).unwrap())
        ));
    }
    for a in [
        AllowanceState::NotApplied,
        AllowanceState::Applied,
        AllowanceState::Received,
        AllowanceState::NotApplicable,
    ] {
        need.push(format!(
            "money-allowance-state-{}",
            code(serde_json::to_value(a).unwrap())
        ));
    }
    for s in [
        TopicStatus::NotStarted,
        TopicStatus::ToDo,
        TopicStatus::Covered,
        TopicStatus::NotApplicable,
    ] {
        need.push(format!(
            "guide-status-{}",
            code(serde_json::to_value(s).unwrap())
        ));
    }
    for a in [
        MemberAlert::NoIntake,
        MemberAlert::IntakeNotStarted,
        MemberAlert::NotArrived,
    ] {
        need.push(format!(
            "household-alert-{}",
            code(serde_json::to_value(a).unwrap())
        ));
    }
    for lang in ["nl", "en"] {
        let ftl = std::fs::read_to_string(root.join(lang).join("aankomst.ftl")).unwrap();
        for id in &need {
            assert!(
                ftl.lines().any(|l| l.starts_with(&format!("{id} ="))),
                "{lang}: no message {id}"
            );
        }
    }
}
