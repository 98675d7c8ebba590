//! Screening commands as the UI drives them: read aloud with an interpreter, the client-facing
//! view, sealing, safety protocols, answer history, packs and charts.

mod common;

use aankomst_app::ipc::*;
use aankomst_app::screening_ipc::*;
use aankomst_app::AppService;
use common::*;
use serde_json::json;

const PHQ9_ITEM9: &str = "44260-8";

/// A client with a case and a conversation held with a professional interpreter in Tigrinya.
fn conversation(svc: &AppService) -> (ClientView, ConversationView) {
    let client = new_client(svc, json!({"preferred_name": "Selam"}));
    let client = svc
        .open_case(OpenCaseRequest {
            client_id: client.id.clone(),
        })
        .unwrap();
    let case_id = client.cases[0].id.clone();
    let conversation = svc
        .create_conversation(CreateConversationRequest { case_id })
        .unwrap();
    for (field, value) in [
        ("interpreter_mode", json!("professional_phone")),
        ("language_used", json!("ti")),
    ] {
        svc.save_field(SaveFieldRequest {
            record_id: conversation.id.clone(),
            field: field.into(),
            value,
        })
        .unwrap();
    }
    (client, conversation)
}

fn start(
    svc: &AppService,
    conversation: &str,
    id: &str,
    mode: &str,
    lang: &str,
) -> AdministrationView {
    svc.start_administration(StartAdministrationRequest {
        conversation_id: conversation.into(),
        definition_id: id.into(),
        mode: mode.into(),
        language: lang.into(),
    })
    .unwrap()
}

fn answer(svc: &AppService, admin: &str, link: &str, value: i32) -> AdministrationView {
    svc.answer_item(AnswerRequest {
        administration_id: admin.into(),
        link_id: link.into(),
        value: Some(value),
        ..Default::default()
    })
    .unwrap()
}

fn choice_links(view: &AdministrationView) -> Vec<String> {
    view.items
        .iter()
        .filter(|i| i.kind == "choice")
        .map(|i| i.link_id.clone())
        .collect()
}

#[test]
fn phq9_read_aloud_with_an_interpreter_raises_the_safety_protocol_at_once() {
    let (_dir, svc, _, _) = with_team_screening_profile();
    let (_, conv) = conversation(&svc);
    let view = start(&svc, &conv.id, "phq9", "read_aloud", "ti");
    assert_eq!(view.interpreter_mode.as_deref(), Some("professional_phone"));
    assert!(!view.sealed && !view.hidden);
    assert_eq!(
        view.questions, 10,
        "nine scored items and the difficulty question"
    );
    assert!(
        !view.copyright.is_empty(),
        "attribution travels with the view"
    );

    let links = choice_links(&view);
    let mut view = view;
    for link in links.iter().filter(|l| *l != PHQ9_ITEM9).take(8) {
        view = answer(&svc, &view.id, link, 1);
        assert!(view.pending_safety.is_empty());
    }
    // Item 9 above 0: the protocol is due with this very answer, whatever the total.
    view = answer(&svc, &view.id, PHQ9_ITEM9, 1);
    assert_eq!(view.pending_safety.len(), 1);
    let alert = &view.pending_safety[0];
    assert_eq!(alert.flag_id, "phq9.item9");
    assert!(alert.contacts.iter().any(|c| c.phone == "0800-0113"));

    // Only a raised flag can be acknowledged; the acknowledgement is recorded.
    assert_eq!(
        svc.acknowledge_safety(&view.id, "k10.very_high", "")
            .unwrap_err()
            .key,
        "safety_flag_not_raised"
    );
    let view = svc
        .acknowledge_safety(&view.id, "phq9.item9", "GP called")
        .unwrap();
    assert!(view.pending_safety.is_empty());
    assert_eq!(view.acknowledgements.len(), 1);
    assert_eq!(
        view.acknowledgements[0].acknowledgement.by,
        "Fatima de Vries"
    );
    assert_eq!(
        view.acknowledgements[0].acknowledgement.note.as_deref(),
        Some("GP called")
    );

    // Recorded per answer: language, mode and who entered it.
    let item9 = view.items.iter().find(|i| i.link_id == PHQ9_ITEM9).unwrap();
    let a = item9.answer.as_ref().unwrap();
    assert_eq!(
        (
            a.language.as_deref(),
            a.mode.as_str(),
            a.entered_by.as_str()
        ),
        (Some("ti"), "read_aloud", "counsellor")
    );

    let view = svc
        .set_administration_status(&view.id, "completed")
        .unwrap();
    let result = view.result.expect("an unsealed result is shown");
    assert_eq!(result.total.unwrap().as_whole(), Some(9));
    assert_eq!(result.band.unwrap().code, "mild");
}

#[test]
fn declined_dont_know_and_not_asked_are_kept_apart_and_changes_keep_their_history() {
    let (_dir, svc, _, _) = with_team_screening_profile();
    let (_, conv) = conversation(&svc);
    let view = start(&svc, &conv.id, "gad7", "read_aloud", "nl");
    let links = choice_links(&view);
    answer(&svc, &view.id, &links[0], 2);
    answer(&svc, &view.id, &links[0], 3);
    svc.answer_item(AnswerRequest {
        administration_id: view.id.clone(),
        link_id: links[1].clone(),
        state: Some("declined".into()),
        ..Default::default()
    })
    .unwrap();
    let view = svc
        .answer_item(AnswerRequest {
            administration_id: view.id.clone(),
            link_id: links[2].clone(),
            state: Some("dont_know".into()),
            ..Default::default()
        })
        .unwrap();
    let first = view.items.iter().find(|i| i.link_id == links[0]).unwrap();
    assert_eq!(first.changes, 2);
    let history = svc.answer_history(&view.id, &links[0]).unwrap();
    let values: Vec<_> = history
        .iter()
        .map(|h| h.answer.as_ref().and_then(|a| a.value))
        .collect();
    assert_eq!(values, vec![Some(2), Some(3)]);

    // Clearing makes it "not asked" again, and that too is history.
    let view = svc
        .answer_item(AnswerRequest {
            administration_id: view.id.clone(),
            link_id: links[0].clone(),
            clear: true,
            ..Default::default()
        })
        .unwrap();
    assert!(view
        .items
        .iter()
        .find(|i| i.link_id == links[0])
        .unwrap()
        .answer
        .is_none());
    assert_eq!(svc.answer_history(&view.id, &links[0]).unwrap().len(), 3);

    let view = svc
        .set_administration_status(&view.id, "completed")
        .unwrap();
    let result = view.result.unwrap();
    assert_eq!(
        result.total, None,
        "GAD-7 has no missing-item rule: no total"
    );
    assert_eq!(
        (
            result.missing.not_asked,
            result.missing.declined,
            result.missing.dont_know
        ),
        (5, 1, 1)
    );

    // A value that is not an option, or an item of another instrument, is refused.
    let err = svc.answer_item(AnswerRequest {
        administration_id: view.id.clone(),
        link_id: links[3].clone(),
        value: Some(7),
        ..Default::default()
    });
    assert_eq!(err.unwrap_err().key, "instrument_answer_invalid");
    let err = svc.answer_item(AnswerRequest {
        administration_id: view.id.clone(),
        link_id: PHQ9_ITEM9.into(),
        value: Some(1),
        ..Default::default()
    });
    assert_eq!(err.unwrap_err().key, "instrument_item_unknown");
}

#[test]
fn pause_resume_and_abandon() {
    let (_dir, svc, _, _) = with_profile();
    let (_, conv) = conversation(&svc);
    let view = start(&svc, &conv.id, "who5", "read_aloud", "nl");
    let links = choice_links(&view);
    answer(&svc, &view.id, &links[0], 5);
    let paused = svc.set_administration_status(&view.id, "paused").unwrap();
    assert_eq!(paused.status, "paused");
    // Resuming keeps what was answered.
    let resumed = svc
        .set_administration_status(&view.id, "in_progress")
        .unwrap();
    assert_eq!(resumed.answered, 1);
    let abandoned = svc
        .set_administration_status(&view.id, "abandoned")
        .unwrap();
    assert_eq!(abandoned.status, "abandoned");
    let err = svc.answer_item(AnswerRequest {
        administration_id: view.id.clone(),
        link_id: links[1].clone(),
        value: Some(1),
        ..Default::default()
    });
    assert_eq!(err.unwrap_err().key, "administration_closed");
    let summaries = svc.list_administrations(&conv.id).unwrap();
    assert_eq!(summaries.len(), 1);
    assert_eq!(summaries[0].status, "abandoned");
}

#[test]
fn the_client_completes_the_sealed_k10_and_the_counsellor_sees_status_only() {
    let (_dir, svc, _, session) = with_profile();
    let (client, conv) = conversation(&svc);
    let view = start(&svc, &conv.id, "k10-nl", "self_completed", "nl");
    assert!(
        view.sealed && view.hidden,
        "K10 is sealed for the GGD by default"
    );
    assert!(view.items.is_empty());

    let mut step = svc.enter_client_view(&view.id).unwrap();
    // The client has the screen: nothing of the file can be reached.
    assert_eq!(
        svc.get_client(&client.id).unwrap_err().key,
        "client_view_active"
    );
    assert_eq!(
        svc.get_administration(&view.id).unwrap_err().key,
        "client_view_active"
    );
    assert_eq!(
        svc.list_cases(CaseListRequest::default()).unwrap_err().key,
        "client_view_active"
    );
    assert_eq!(
        svc.app_status()
            .unwrap()
            .session
            .unwrap()
            .client_view
            .as_deref(),
        Some(view.id.as_str())
    );

    assert_eq!(step.count, 10);
    let mut seen = Vec::new();
    while step.stage == ClientStage::Question {
        let q = step.question.clone().unwrap();
        assert!(!q.text.is_empty());
        assert_eq!(step.position as usize, seen.len() + 1);
        // The visual scale runs from 0 to 1 over the answer values.
        assert_eq!(q.options.first().unwrap().level, 0.0);
        assert_eq!(q.options.last().unwrap().level, 1.0);
        seen.push(q.link_id.clone());
        // Answer 4 ("most of the time") everywhere: 40, above the safety threshold.
        step = svc
            .client_answer(ClientAnswerRequest {
                link_id: q.link_id,
                value: Some(4),
                state: None,
            })
            .unwrap();
    }
    assert_eq!(seen.len(), 10);
    assert_eq!(
        step.stage,
        ClientStage::Review,
        "a sealed flag does not call the counsellor"
    );

    // Back to the last question, which shows the client's own answer, then forward again.
    let back = svc.client_back().unwrap();
    assert_eq!(back.stage, ClientStage::Question);
    assert_eq!(back.question.as_ref().unwrap().chosen_value, Some(4));
    let step = svc
        .client_answer(ClientAnswerRequest {
            link_id: back.question.unwrap().link_id,
            value: Some(5),
            state: None,
        })
        .unwrap();
    assert_eq!(step.stage, ClientStage::Review);
    let done = svc.client_finish().unwrap();
    assert_eq!(done.stage, ClientStage::Finished);
    assert!(
        !done.contacts.is_empty(),
        "the client is told where to find help"
    );

    // Only the counsellor's passphrase gives the screen back.
    let wrong = svc
        .leave_client_view("not the passphrase at all")
        .unwrap_err();
    assert_eq!(wrong.key, "wrong_passphrase");
    assert!(svc.get_client(&client.id).is_err());
    assert_eq!(svc.leave_client_view(PASS).unwrap(), view.id);

    let view = svc.get_administration(&view.id).unwrap();
    assert_eq!(view.status, "completed");
    assert!(view.hidden && view.items.is_empty() && view.result.is_none());
    assert!(view.pending_safety.is_empty());
    // Nothing of the answers or score in what crosses IPC.
    let wire = serde_json::to_string(&view).unwrap();
    for needle in ["\"value\"", "total", "band", "k10.", "very_high"] {
        assert!(
            !wire.contains(needle),
            "{needle} leaked into the sealed view"
        );
    }
    assert_eq!(
        svc.answer_history(&view.id, "k10.tired").unwrap_err().key,
        "administration_sealed"
    );
    assert_eq!(
        svc.answer_item(AnswerRequest {
            administration_id: view.id.clone(),
            link_id: "k10.tired".into(),
            value: Some(1),
            ..Default::default()
        })
        .unwrap_err()
        .key,
        "administration_sealed"
    );
    let series = svc.instrument_series(&client.id).unwrap();
    assert_eq!(series.len(), 1);
    assert!(series[0].points.is_empty());
    assert_eq!(series[0].sealed_count, 1);
    let _ = session;
}

#[test]
fn a_safety_answer_on_the_client_view_calls_the_counsellor_and_the_protocol_waits() {
    let (_dir, svc, _, _) = with_team_screening_profile();
    let (_, conv) = conversation(&svc);
    let view = start(&svc, &conv.id, "phq9", "self_completed", "en");
    let mut step = svc.enter_client_view(&view.id).unwrap();
    while step.stage == ClientStage::Question {
        let q = step.question.clone().unwrap();
        let value = if q.link_id == PHQ9_ITEM9 { 2 } else { 0 };
        step = svc
            .client_answer(ClientAnswerRequest {
                link_id: q.link_id,
                value: Some(value),
                state: None,
            })
            .unwrap();
    }
    assert_eq!(step.stage, ClientStage::CallCounsellor);
    assert!(!step.contacts.is_empty());
    svc.leave_client_view(PASS).unwrap();
    let view = svc.get_administration(&view.id).unwrap();
    assert_eq!(view.pending_safety.len(), 1);
    let item9 = view.items.iter().find(|i| i.link_id == PHQ9_ITEM9).unwrap();
    assert_eq!(item9.answer.as_ref().unwrap().entered_by, "client");
    assert_eq!(item9.answer.as_ref().unwrap().mode, "self_completed");
}

#[test]
fn a_self_completed_questionnaire_needs_its_texts_in_the_clients_language() {
    let (_dir, svc, _, _) = with_profile();
    let (_, conv) = conversation(&svc);
    let err = svc
        .start_administration(StartAdministrationRequest {
            conversation_id: conv.id.clone(),
            definition_id: "phq9".into(),
            mode: "self_completed".into(),
            // Pashto: no shipped text (Tigrinya, used here before, now ships).
            language: "ps".into(),
        })
        .unwrap_err();
    assert_eq!(err.key, "instrument_language_missing");
}

/// True when every letter of `text` is in one of `ranges` (Unicode scalar values).
fn letters_in(text: &str, ranges: &[(u32, u32)]) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).all(|c| {
        ranges
            .iter()
            .any(|(lo, hi)| (*lo..=*hi).contains(&(c as u32)))
    })
}
const ETHIOPIC: &[(u32, u32)] = &[(0x1200, 0x139F), (0x2D80, 0x2DDF)];
const ARABIC_SCRIPT: &[(u32, u32)] = &[(0x0600, 0x06FF), (0xFB50, 0xFEFF)];

#[test]
fn a_client_answers_the_shipped_phq9_in_tigrinya_without_a_pack_and_each_answer_records_its_texts_status(
) {
    let (_dir, svc, _, _) = with_team_screening_profile();
    // Before handing over the screen, the counsellor sees which languages the PHQ-9 has and
    // how far each was checked: the shipped translations are drafts.
    let phq9 = svc
        .list_instruments()
        .unwrap()
        .into_iter()
        .find(|i| i.id == "phq9")
        .unwrap();
    let status = |lang: &str| {
        phq9.languages
            .iter()
            .find(|l| l.language == lang)
            .map(|l| serde_json::to_value(l.review).unwrap())
    };
    assert_eq!(
        status("en"),
        Some(json!(null)),
        "the instrument's own wording"
    );
    for lang in ["ti", "ar", "prs", "fa", "so", "tr", "uk", "am", "kmr"] {
        assert_eq!(status(lang), Some(json!("unreviewed")), "{lang}");
    }

    let (_, conv) = conversation(&svc);
    let view = start(&svc, &conv.id, "phq9", "self_completed", "ti");
    let mut step = svc.enter_client_view(&view.id).unwrap();
    assert!(!step.right_to_left);
    assert_eq!(step.language, "ti");
    let mut answered = 0;
    while step.stage == ClientStage::Question {
        let q = step.question.clone().unwrap();
        assert_eq!(q.text_language, "ti", "{}", q.link_id);
        assert_eq!(serde_json::to_value(q.review).unwrap(), json!("unreviewed"));
        assert!(letters_in(&q.text, ETHIOPIC), "{}: {}", q.link_id, q.text);
        for option in &q.options {
            assert_eq!(option.label_language, "ti");
            assert!(letters_in(&option.label, ETHIOPIC), "{}", option.label);
        }
        if answered == 0 {
            // The instructions before the first question are shown in Tigrinya too.
            let intro = q.intro.as_deref().expect("the stem in Tigrinya");
            assert!(letters_in(intro, ETHIOPIC) && !intro.is_empty());
        }
        // "Not at all" to everything: no safety answer.
        step = svc
            .client_answer(ClientAnswerRequest {
                link_id: q.link_id.clone(),
                value: Some(0),
                state: None,
            })
            .unwrap();
        answered += 1;
    }
    assert_eq!(answered, 9, "the difficulty question follows only problems");
    assert_eq!(svc.client_finish().unwrap().stage, ClientStage::Finished);
    svc.leave_client_view(PASS).unwrap();

    let done = svc.get_administration(&view.id).unwrap();
    for item in done.items.iter().filter(|i| i.kind == "choice") {
        let Some(a) = &item.answer else { continue };
        assert_eq!(a.language.as_deref(), Some("ti"), "{}", item.link_id);
        assert_eq!(
            a.text_status.as_deref(),
            Some("unreviewed"),
            "{}",
            item.link_id
        );
    }
    assert_eq!(done.items.iter().filter(|i| i.answer.is_some()).count(), 9);

    // Read aloud in English, the instrument's own language, the answer says so.
    let english = start(&svc, &conv.id, "phq9", "read_aloud", "en");
    let english = answer(&svc, &english.id, "44250-9", 1);
    let item = english
        .items
        .iter()
        .find(|i| i.link_id == "44250-9")
        .unwrap();
    assert_eq!(
        item.answer.as_ref().unwrap().text_status.as_deref(),
        Some("original")
    );
}

#[test]
fn a_client_completes_the_shipped_k10_in_arabic_right_to_left() {
    let (_dir, svc, _, _) = with_profile();
    let (_, conv) = conversation(&svc);
    let view = start(&svc, &conv.id, "k10-nl", "self_completed", "ar");
    let mut step = svc.enter_client_view(&view.id).unwrap();
    assert!(step.right_to_left);
    let ar = step.languages.iter().find(|l| l.language == "ar").unwrap();
    assert_eq!(
        serde_json::to_value(ar.review).unwrap(),
        json!("unreviewed")
    );
    let mut answered = 0;
    while step.stage == ClientStage::Question {
        let q = step.question.clone().unwrap();
        assert_eq!(q.text_language, "ar", "{}", q.link_id);
        assert_eq!(serde_json::to_value(q.review).unwrap(), json!("unreviewed"));
        assert!(
            letters_in(&q.text, ARABIC_SCRIPT),
            "{}: {}",
            q.link_id,
            q.text
        );
        assert_eq!(q.options.len(), 5);
        for option in &q.options {
            assert_eq!(option.label_language, "ar");
            assert!(letters_in(&option.label, ARABIC_SCRIPT), "{}", option.label);
        }
        step = svc
            .client_answer(ClientAnswerRequest {
                link_id: q.link_id.clone(),
                value: Some(3),
                state: None,
            })
            .unwrap();
        answered += 1;
    }
    assert_eq!(answered, 10);
    assert_eq!(svc.client_finish().unwrap().stage, ClientStage::Finished);
    svc.leave_client_view(PASS).unwrap();
    // Sealed for the GGD: the counsellor sees the status only, the answers stay sealed.
    let done = svc.get_administration(&view.id).unwrap();
    assert!(done.hidden && done.items.is_empty());
    assert_eq!(done.language, "ar");
}

#[test]
fn sealing_setting_adds_instruments_but_cannot_unseal_what_the_policy_seals() {
    let (_dir, svc, _, _) = with_profile();
    let (_, conv) = conversation(&svc);
    let settings = svc.get_screening_settings().unwrap();
    // The built-in default policy seals every clinical screening for the GGD (issue 20).
    for id in ["k10-nl", "k6", "phq9", "gad7", "phq4", "pcl5", "pcptsd5"] {
        assert!(settings.sealed_instruments.contains(&id.to_owned()), "{id}");
    }
    assert!(!settings.sealed_instruments.contains(&"who5".to_owned()));
    assert_eq!(settings.safety_contacts[0].name, "113 Zelfmoordpreventie");
    let before = start(&svc, &conv.id, "k10-nl", "read_aloud", "nl");
    assert!(before.sealed);

    // Unticking a sealed instrument is loosening the policy: refused, typed, nothing saved.
    let mut loosened = settings.clone();
    loosened.sealed_instruments.retain(|id| id != "gad7");
    let err = svc.save_screening_settings(loosened).unwrap_err();
    assert_eq!(err.key, "policy_fixed");
    assert_eq!(err.args["setting"], "sealed_instruments");
    // The safety contacts are the policy's too.
    let mut contacts = settings.clone();
    contacts.safety_contacts = vec![ScreeningContact {
        name: "GGD crisisdienst".into(),
        phone: "020-555 0000".into(),
        note: String::new(),
    }];
    let err = svc.save_screening_settings(contacts).unwrap_err();
    assert_eq!(err.args["setting"], "safety_contacts");
    assert_eq!(svc.get_screening_settings().unwrap(), settings);
    let gad = start(&svc, &conv.id, "gad7", "read_aloud", "nl");
    assert!(gad.sealed, "still sealed after the refused change");

    // Sealing more is tightening: allowed, from then on.
    let mut tighter = settings.clone();
    tighter.sealed_instruments.push("who5".into());
    svc.save_screening_settings(tighter).unwrap();
    let who5 = start(&svc, &conv.id, "who5", "read_aloud", "nl");
    assert!(who5.sealed, "an added instrument is sealed from then on");
    let listed = svc.list_instruments().unwrap();
    assert!(listed.iter().find(|i| i.id == "who5").unwrap().sealed);
    assert!(listed.iter().find(|i| i.id == "k10-nl").unwrap().sealed);
    let bad = svc.save_screening_settings(ScreeningSettings {
        sealed_instruments: vec![],
        safety_contacts: vec![ScreeningContact {
            name: " ".into(),
            phone: "1".into(),
            note: String::new(),
        }],
    });
    assert_eq!(bad.unwrap_err().key, "safety_contact_invalid");
}

#[test]
fn repeated_administrations_make_a_series_over_time() {
    let (_dir, svc, _, _) = with_team_screening_profile();
    let (client, conv) = conversation(&svc);
    for value in [3, 1] {
        let view = start(&svc, &conv.id, "gad7", "read_aloud", "nl");
        for link in choice_links(&view) {
            answer(&svc, &view.id, &link, value);
        }
        svc.set_administration_status(&view.id, "completed")
            .unwrap();
    }
    // An unfinished one is not a point.
    start(&svc, &conv.id, "gad7", "read_aloud", "nl");
    let series = svc.instrument_series(&client.id).unwrap();
    assert_eq!(series.len(), 1);
    let totals: Vec<_> = series[0].points.iter().map(|p| p.total).collect();
    assert_eq!(totals, vec![Some(21.0), Some(7.0)]);
    assert_eq!((series[0].min, series[0].max), (0, 21));
    assert_eq!(series[0].bands.len(), 4);
}

#[test]
fn a_pack_is_imported_all_or_nothing() {
    let (dir, svc, _, session) = with_profile();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let malformed = std::fs::read_to_string(root.join("malformed-pack.json")).unwrap();
    let err = svc.import_instrument_pack(&malformed).unwrap_err();
    assert_eq!(err.key, "pack_refused");
    assert!(err.args["reason"].contains("invalid"), "{:?}", err.args);
    assert!(!svc
        .list_instruments()
        .unwrap()
        .iter()
        .any(|i| i.id == "ts3"));
    assert_eq!(
        svc.import_instrument_pack("{ not json").unwrap_err().key,
        "pack_refused"
    );

    let good = std::fs::read_to_string(root.join("synthetic-pack.json")).unwrap();
    let imported = svc.import_instrument_pack(&good).unwrap();
    assert_eq!(imported.report.added.len(), 1);
    let ts3 = svc
        .list_instruments()
        .unwrap()
        .into_iter()
        .find(|i| i.id == "ts3")
        .unwrap();
    assert!(ts3.from_pack);
    let arabic = ts3.languages.iter().find(|l| l.language == "ar").unwrap();
    assert_eq!(
        serde_json::to_value(arabic.review).unwrap(),
        json!("unreviewed")
    );

    let _ = (dir, session);
}

#[test]
fn pack_survives_a_lock_and_unlock() {
    let (_dir, svc, _, session) = with_profile();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let good = std::fs::read_to_string(root.join("synthetic-pack.json")).unwrap();
    svc.import_instrument_pack(&good).unwrap();
    svc.lock(aankomst_app::LockReason::Manual);
    svc.unlock(UnlockRequest {
        profile_id: session.profile.id.clone(),
        passphrase: PASS.into(),
    })
    .unwrap();
    let (_, conv) = conversation(&svc);
    let view = start(&svc, &conv.id, "ts3", "self_completed", "ar");
    let step = svc.enter_client_view(&view.id).unwrap();
    assert!(step.right_to_left);
    let q = step.question.unwrap();
    assert_eq!(q.text, "كم مرة رمش المصباح الوهمي؟");
    assert_eq!(q.intro.as_deref(), Some("فكّر في أسبوع الاختبار الخيالي."));
    assert_eq!(q.options[0].label, "أبدًا");
}

#[test]
fn a_completed_administration_exports_as_fhir_but_a_sealed_one_does_not() {
    let (_dir, svc, _, _) = with_team_screening_profile();
    let (client, conv) = conversation(&svc);
    // Pashto: a language the PHQ-9 ships no text in (it did not ship Tigrinya either when
    // this test was written; it does now), so the interpreter renders it.
    let view = start(&svc, &conv.id, "phq9", "read_aloud", "ps");
    for link in choice_links(&view).iter().take(9) {
        answer(&svc, &view.id, link, 0);
    }
    svc.set_administration_status(&view.id, "completed")
        .unwrap();
    // An export is a share: refused until the client consented to it, for this recipient.
    let refused = svc.export_administration(&view.id, "ggd").unwrap_err();
    assert_eq!(refused.key, "consent_missing");
    assert_eq!(refused.args["reason"], "never_asked");
    svc.record_consent(aankomst_app::consent_ipc::RecordConsentRequest {
        client_id: client.id.clone(),
        text_id: "screening-results-ggd".into(),
        text_version: 1,
        decision: "given".into(),
        decided_on: chrono::Utc::now().format("%Y-%m-%d").to_string(),
        language_shown: "ti".into(),
        conversation_id: Some(conv.id.clone()),
        interpreter_mode: None,
        interpreter_name: None,
        interpreter_language: None,
        comprehension_answer: Some(1),
    })
    .unwrap();
    assert_eq!(
        svc.export_administration(&view.id, "huisarts")
            .unwrap_err()
            .key,
        "consent_missing"
    );
    let export = svc.export_administration(&view.id, "ggd").unwrap();
    assert!(export.file_name.starts_with("aankomst-phq9-"));
    let bundle: serde_json::Value = serde_json::from_str(&export.json).unwrap();
    assert_eq!(bundle["resourceType"], "Bundle");
    let resources: Vec<&serde_json::Value> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .collect();
    let response = resources
        .iter()
        .find(|r| r["resourceType"] == "QuestionnaireResponse")
        .unwrap();
    assert_eq!(
        response["subject"]["reference"],
        format!("Patient/{}", client.id)
    );
    // Read aloud in Pashto, which the PHQ-9 has no text in: the interpreter rendered it,
    // and each answer says its question had no text in that language.
    assert!(export.json.contains("via_interpreter"));
    let first = &response["item"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["linkId"] == "44250-9")
        .unwrap();
    let status = first["extension"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["url"] == "https://aankomst.nl/fhir/StructureDefinition/answer-text-status")
        .expect("the text status travels with the answer");
    assert_eq!(status["valueCode"], "untranslated");
    assert!(resources.iter().any(|r| r["resourceType"] == "Observation"
        && r["code"]["coding"].to_string().contains("44261-6")));
    // No names in the export: references carry ids.
    assert!(!export.json.contains("Selam"));
    assert!(!export.json.contains("Fatima"));

    let k10 = start(&svc, &conv.id, "k10-nl", "self_completed", "nl");
    svc.enter_client_view(&k10.id).unwrap();
    svc.leave_client_view(PASS).unwrap();
    assert_eq!(
        svc.export_administration(&k10.id, "ggd").unwrap_err().key,
        "administration_sealed"
    );
}

#[test]
fn a_record_only_form_keeps_typed_answers_and_is_not_scored() {
    let (_dir, svc, _, _) = with_profile();
    let (_, conv) = conversation(&svc);
    // The counsellor's form: not for the client's screen.
    let err = svc
        .start_administration(StartAdministrationRequest {
            conversation_id: conv.id.clone(),
            definition_id: "leerbaarheidstoets".into(),
            mode: "self_completed".into(),
            language: "nl".into(),
        })
        .unwrap_err();
    assert_eq!(err.key, "instrument_counsellor_only");
    let view = start(&svc, &conv.id, "leerbaarheidstoets", "read_aloud", "nl");
    assert!(view.items.iter().any(|i| i.kind == "date"));
    let text = |link: &str, text: &str| {
        svc.answer_item(AnswerRequest {
            administration_id: view.id.clone(),
            link_id: link.into(),
            text: Some(text.into()),
            ..Default::default()
        })
    };
    text("lbt.datum_toetsafname", "2026-11-02").unwrap();
    text("lbt.resultaat", "B1-route geadviseerd").unwrap();
    assert_eq!(
        text("lbt.datum_toetsafname", "2 november").unwrap_err().key,
        "instrument_answer_invalid"
    );
    svc.answer_item(AnswerRequest {
        administration_id: view.id.clone(),
        link_id: "lbt.laptop_onbekend".into(),
        value: Some(1),
        ..Default::default()
    })
    .unwrap();
    let done = svc
        .set_administration_status(&view.id, "completed")
        .unwrap();
    let date = done
        .items
        .iter()
        .find(|i| i.link_id == "lbt.datum_toetsafname")
        .unwrap();
    assert_eq!(
        date.answer.as_ref().unwrap().text.as_deref(),
        Some("2026-11-02")
    );
    let result = done.result.unwrap();
    assert!(result.record_only);
    assert!(result.total.is_none());
    assert!(done.explanation_english.unwrap().contains("Record only"));
}

#[test]
fn financial_self_reliance_decides_its_level_by_the_four_of_six_rule() {
    let (_dir, svc, _, _) = with_profile();
    let (_, conv) = conversation(&svc);
    let view = start(
        &svc,
        &conv.id,
        "financiele-zelfredzaamheid",
        "read_aloud",
        "nl",
    );
    let dimensions = [
        "taal",
        "betalingen",
        "administratie",
        "regelingen",
        "besteden",
        "voorbereid",
    ];
    for (i, dim) in dimensions.iter().enumerate() {
        for level in ["onvoldoende", "beperkt", "voldoende"] {
            // Five dimensions describe the client at "beperkt", one at "voldoende".
            let yes = (level == "beperkt" && i < 5) || (level == "voldoende" && i == 5);
            answer(&svc, &view.id, &format!("fz.{dim}.{level}"), i32::from(yes));
        }
    }
    let done = svc
        .set_administration_status(&view.id, "completed")
        .unwrap();
    let category = done.result.unwrap().category.unwrap();
    assert_eq!(category.code.as_deref(), Some("beperkt"));
}

#[test]
fn a_pack_that_changes_a_shipped_definition_is_refused_with_its_reason() {
    let (_dir, svc, _, _) = with_profile();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let tampered = std::fs::read_to_string(root.join("tampered-pack.json")).unwrap();
    let before = svc.list_instruments().unwrap();
    let err = svc.import_instrument_pack(&tampered).unwrap_err();
    assert_eq!(err.key, "pack_refused");
    assert!(
        err.args["reason"].contains("already known with different content"),
        "{:?}",
        err.args
    );
    let after = svc.list_instruments().unwrap();
    assert_eq!(
        before.iter().map(|i| &i.hash).collect::<Vec<_>>(),
        after.iter().map(|i| &i.hash).collect::<Vec<_>>()
    );
}

fn import_fixture(svc: &AppService, name: &str) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let pack = std::fs::read_to_string(root.join(name)).unwrap();
    svc.import_instrument_pack(&pack).unwrap();
}

#[test]
fn switching_the_clients_language_mid_administration_is_recorded_per_answer() {
    let (_dir, svc, _, _) = with_profile();
    import_fixture(&svc, "synthetic-pack.json");
    import_fixture(&svc, "synthetic-languages-pack.json");
    let (_, conv) = conversation(&svc);
    let view = start(&svc, &conv.id, "ts3", "self_completed", "ar");

    let step = svc.enter_client_view(&view.id).unwrap();
    let offered: Vec<&str> = step.languages.iter().map(|l| l.language.as_str()).collect();
    for lang in ["en", "ar", "nl", "ti", "fa", "prs", "so", "tr", "uk"] {
        assert!(offered.contains(&lang), "{lang} offered: {offered:?}");
    }
    let q = step.question.as_ref().unwrap();
    assert_eq!(
        (q.text_language.as_str(), q.link_id.as_str()),
        ("ar", "ts3.1")
    );
    assert_eq!(serde_json::to_value(q.review).unwrap(), json!("unreviewed"));
    let first = q.link_id.clone();
    svc.client_answer(ClientAnswerRequest {
        link_id: first.clone(),
        value: Some(1),
        state: None,
    })
    .unwrap();

    // Tigrinya for the second question: shown in Ge'ez script, left to right.
    let step = svc.client_set_language("ti").unwrap();
    assert!(!step.right_to_left);
    let q = step.question.unwrap();
    assert_eq!(q.text, "ዝተፈጠሩ ኣባጊዕ ክንደይ ግዜ ቈጺርካ?");
    svc.client_answer(ClientAnswerRequest {
        link_id: q.link_id.clone(),
        value: Some(2),
        state: None,
    })
    .unwrap();

    // Turkish has no text for the third question: it falls back to the definition's own
    // language and says so; the answer options are Turkish.
    let step = svc.client_set_language("tr").unwrap();
    let q = step.question.unwrap();
    assert_eq!(q.text_language, "en");
    assert_eq!(q.review, None);
    assert_eq!(q.options[0].label, "Hiçbir zaman");
    assert_eq!(q.options[0].label_language, "tr");

    // Farsi, right to left, for the third answer.
    let step = svc.client_set_language("fa").unwrap();
    assert!(step.right_to_left);
    let q = step.question.unwrap();
    assert_eq!(q.text_language, "fa");
    svc.client_answer(ClientAnswerRequest {
        link_id: q.link_id.clone(),
        value: Some(0),
        state: None,
    })
    .unwrap();

    // A language the instrument has no text in is refused, and nothing changes.
    assert_eq!(
        svc.client_set_language("am").unwrap_err().key,
        "instrument_language_missing"
    );
    let step = svc.client_finish().unwrap();
    assert_eq!(step.stage, ClientStage::Finished);
    svc.leave_client_view(PASS).unwrap();

    let done = svc.get_administration(&view.id).unwrap();
    let shown_in: Vec<(String, Option<String>)> = done
        .items
        .iter()
        .filter(|i| i.kind == "choice")
        .map(|i| {
            (
                i.link_id.clone(),
                i.answer.as_ref().and_then(|a| a.language.clone()),
            )
        })
        .collect();
    assert_eq!(
        shown_in,
        vec![
            ("ts3.1".to_owned(), Some("ar".to_owned())),
            ("ts3.2".to_owned(), Some("ti".to_owned())),
            ("ts3.3".to_owned(), Some("fa".to_owned())),
        ]
    );
    let changes: Vec<&str> = done
        .language_changes
        .iter()
        .map(|c| c.language.as_str())
        .collect();
    assert_eq!(changes, ["ar", "ti", "tr", "fa"]);
    assert_eq!(done.language, "fa");
}

#[test]
fn the_interpreter_sees_the_current_question_in_dutch_and_nothing_else() {
    let (_dir, svc, _, _) = with_profile();
    import_fixture(&svc, "synthetic-pack.json");
    import_fixture(&svc, "synthetic-languages-pack.json");
    let (_, conv) = conversation(&svc);
    let view = start(&svc, &conv.id, "ts3", "self_completed", "ar");
    let step = svc.enter_client_view(&view.id).unwrap();
    assert!(!step.interpreter_view);
    assert!(step.interpreter.is_none(), "off until asked for");

    let step = svc.client_set_interpreter_view(true).unwrap();
    let beside = step.interpreter.unwrap();
    assert_eq!(beside.language, "nl");
    assert_eq!(beside.text, "Hoe vaak knipperde de nep-lamp?");
    assert_eq!(
        beside.intro.as_deref(),
        Some("Denk aan de denkbeeldige testweek.")
    );
    let labels: Vec<&str> = beside.options.iter().map(|o| o.label.as_str()).collect();
    assert_eq!(labels, ["Nooit", "Soms", "Vaak"]);
    // The client's text is still Arabic; the reference follows the question on screen.
    assert_eq!(step.question.unwrap().text_language, "ar");
    let step = svc
        .client_answer(ClientAnswerRequest {
            link_id: "ts3.1".into(),
            value: Some(1),
            state: None,
        })
        .unwrap();
    assert_eq!(
        step.interpreter.unwrap().text,
        "Hoe vaak telde u verzonnen schapen?"
    );
    // Everything else of the file stays refused while the client has the screen.
    assert_eq!(
        svc.get_administration(&view.id).unwrap_err().key,
        "client_view_active"
    );
    let step = svc.client_set_interpreter_view(false).unwrap();
    assert!(step.interpreter.is_none());
}

#[test]
fn without_dutch_the_interpreter_reads_the_instruments_own_language() {
    let (_dir, svc, _, _) = with_profile();
    import_fixture(&svc, "synthetic-pack.json");
    let (_, conv) = conversation(&svc);
    let view = start(&svc, &conv.id, "ts3", "self_completed", "ar");
    svc.enter_client_view(&view.id).unwrap();
    let beside = svc
        .client_set_interpreter_view(true)
        .unwrap()
        .interpreter
        .unwrap();
    assert_eq!(beside.language, "en");
    assert_eq!(beside.text, "How often did the pretend lamp blink?");
}

/// Speaks `text` with espeak-ng (a real speech synthesiser, as a translation pack's recordings
/// would be made) into a WAV file and returns its bytes.
fn spoken(dir: &std::path::Path, voice: &str, text: &str, name: &str) -> Vec<u8> {
    let file = dir.join(name);
    let status = std::process::Command::new("espeak-ng")
        .args(["-v", voice, "-w"])
        .arg(&file)
        .arg(text)
        .status()
        .expect("espeak-ng is needed for this test: run scripts/install-deps.sh");
    assert!(status.success(), "espeak-ng failed");
    std::fs::read(&file).unwrap()
}

#[test]
fn recordings_from_a_pack_play_on_the_client_view_in_the_language_shown() {
    use base64::Engine as _;
    let (dir, svc, _, _) = with_profile();
    import_fixture(&svc, "synthetic-pack.json");
    let question = spoken(dir.path(), "fa", "لامپ ساختگی چند بار چشمک زد؟", "q.wav");
    let never = spoken(dir.path(), "fa", "هرگز", "never.wav");
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let pack = json!({
        "pack": {"id": "spoken-fa", "version": "1", "publisher": "Aankomst test suite",
                 "licence_note": "Synthetic: invented wording, recordings by espeak-ng"},
        "translations": [{
            "definition_url": "https://example.org/fhir/Questionnaire/test-screener-3",
            "definition_version": "1.0.0",
            "language": "fa",
            "review_status": "unreviewed",
            "items": {"ts3.1": "لامپ ساختگی چند بار چشمک زد؟"},
            "answers": {"ts.never": "هرگز"},
            "audio": {
                "items": {"ts3.1": {"media_type": "audio/wav", "data": b64(&question)}},
                "answers": {"ts.never": {"media_type": "audio/wav", "data": b64(&never)}}
            }
        }]
    });
    let report = svc
        .import_instrument_pack(&pack.to_string())
        .unwrap()
        .report;
    assert_eq!(report.translations[0].audio_clips, 2);

    let (_, conv) = conversation(&svc);
    let view = start(&svc, &conv.id, "ts3", "self_completed", "fa");
    let step = svc.enter_client_view(&view.id).unwrap();
    let q = step.question.unwrap();
    let decode = |url: &str| {
        let data = url
            .strip_prefix("data:audio/wav;base64,")
            .expect("a data: URL");
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap()
    };
    assert_eq!(decode(q.audio.as_deref().unwrap()), question);
    let never_option = q.options.iter().find(|o| o.code == "ts.never").unwrap();
    assert_eq!(decode(never_option.audio.as_deref().unwrap()), never);
    assert!(q.options.iter().filter(|o| o.audio.is_none()).count() == 2);

    // Switched to Arabic, which has no recordings: nothing plays in a language not shown.
    let step = svc.client_set_language("ar").unwrap();
    let q = step.question.unwrap();
    assert!(q.audio.is_none());
    assert!(q.options.iter().all(|o| o.audio.is_none()));
}

/// The default policy seals the PHQ-9 for the GGD. Read aloud, the counsellor enters the
/// answers and hears item 9: the safety protocol is due then as for a team instrument, its
/// acknowledgement is sealed with the rest, and once complete the counsellor sees neither.
#[test]
fn a_sealed_phq9_read_aloud_still_raises_the_safety_protocol_at_item_9() {
    let (_dir, svc, _, _) = with_profile();
    let (_, conv) = conversation(&svc);
    let view = start(&svc, &conv.id, "phq9", "read_aloud", "nl");
    assert!(view.sealed, "sealed for the GGD by the default policy");
    let mut view = view;
    for link in choice_links(&view)
        .iter()
        .filter(|l| *l != PHQ9_ITEM9)
        .take(8)
    {
        view = answer(&svc, &view.id, link, 0);
        assert!(view.pending_safety.is_empty());
    }
    view = answer(&svc, &view.id, PHQ9_ITEM9, 2);
    assert_eq!(view.pending_safety.len(), 1);
    assert_eq!(view.pending_safety[0].flag_id, "phq9.item9");
    let view = svc
        .acknowledge_safety(&view.id, "phq9.item9", "huisarts gebeld")
        .unwrap();
    assert!(view.pending_safety.is_empty());
    svc.set_administration_status(&view.id, "completed")
        .unwrap();
    let done = svc.get_administration(&view.id).unwrap();
    assert!(done.hidden && done.pending_safety.is_empty() && done.items.is_empty());
}
