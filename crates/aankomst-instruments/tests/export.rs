//! FHIR R4 export (instruments.md §18): structure of the QuestionnaireResponse, the score
//! Observations and the Bundle. tests/fhir/validate.py checks the same output with an
//! independent R4 model library.

mod common;

use aankomst_instruments::export::{
    observations, questionnaire_response, ADMINISTRATION_MODE_EXTENSION, ANSWERED_AT_EXTENSION,
    ANSWER_LANGUAGE_EXTENSION, ANSWER_TEXT_STATUS_EXTENSION, DATA_ABSENT_REASON_EXTENSION,
    DEFINITION_HASH_EXTENSION, ENTERED_BY_EXTENSION, SCORER_VERSION_EXTENSION,
};
use aankomst_instruments::{
    export_bundle, Answer, AnswerMode, Answers, Definition, ExportAnswer, ExportError, ExportInput,
    Reference, ResponseStatus, ScoreError, ScoreResult, TextStatus,
};
use common::*;
use serde_json::{json, Value};

const ID: &str = "0190b7e4-3c2a-7d41-9a55-5b0c1f6e2a10";
const ORDINAL: &str = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

fn export_answers(answers: &Answers) -> Vec<ExportAnswer> {
    answers
        .0
        .iter()
        .map(|(link_id, answer)| ExportAnswer::new(link_id.clone(), Some(answer.clone())))
        .collect()
}

fn input<'a>(answers: Vec<ExportAnswer>, result: Option<&'a ScoreResult>) -> ExportInput<'a> {
    ExportInput {
        response_id: ID.into(),
        subject: Reference::new("Patient/c1"),
        author: Reference {
            reference: "Practitioner/p1".into(),
            display: Some("Consulent".into()),
        },
        authored: "2025-03-14T10:30:00+01:00".into(),
        status: ResponseStatus::Completed,
        answers,
        result,
    }
}

/// Scores `answers` and exports them.
fn bundle(definition: &Definition, answers: &Answers) -> Value {
    let result = run(definition, answers);
    export_bundle(definition, &input(export_answers(answers), Some(&result))).unwrap()
}

fn resources(bundle: &Value) -> Vec<&Value> {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .collect()
}

fn item<'a>(response: &'a Value, link_id: &str) -> Option<&'a Value> {
    response["item"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["linkId"] == link_id)
}

fn extension<'a>(node: &'a Value, url: &str) -> Option<&'a Value> {
    node["extension"]
        .as_array()?
        .iter()
        .find(|e| e["url"] == url)
}

fn component<'a>(observation: &'a Value, code: &str) -> Option<&'a Value> {
    observation["component"]
        .as_array()?
        .iter()
        .find(|c| c["code"]["coding"][0]["code"] == code)
}

#[test]
fn phq9_bundle_structure() {
    let phq9 = def("phq9");
    let mut answers = uniform(&phq9, 1);
    answers.value("44260-8", 2); // item 9: the safety flag (§5.6)
    let bundle = bundle(&phq9, &answers);
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    let entries = bundle["entry"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["fullUrl"], format!("urn:uuid:{ID}"));

    let response = &entries[0]["resource"];
    assert_eq!(response["resourceType"], "QuestionnaireResponse");
    assert_eq!(response["id"], ID);
    assert_eq!(
        response["questionnaire"],
        "https://aankomst.nl/fhir/Questionnaire/phq9|1.0.0"
    );
    assert_eq!(response["status"], "completed");
    assert_eq!(response["subject"], json!({"reference": "Patient/c1"}));
    assert_eq!(
        response["author"],
        json!({"reference": "Practitioner/p1", "display": "Consulent"})
    );
    assert_eq!(response["authored"], "2025-03-14T10:30:00+01:00");
    assert_eq!(
        extension(response, DEFINITION_HASH_EXTENSION).unwrap()["valueString"],
        phq9.hash()
    );
    // One item per answered linkId, in the form's order (item 10 was not answered).
    let link_ids: Vec<&str> = response["item"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["linkId"].as_str().unwrap())
        .collect();
    assert_eq!(link_ids, phq9.scoring.items);
    let item9 = item(response, "44260-8").unwrap();
    assert_eq!(
        item9["text"],
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    );
    let coding = &item9["answer"][0]["valueCoding"];
    assert_eq!(coding["system"], "http://loinc.org");
    assert_eq!(coding["code"], "LA6570-1");
    assert_eq!(coding["display"], "More than half the days");
    assert_eq!(coding["extension"][0]["url"], ORDINAL);
    assert_eq!(coding["extension"][0]["valueDecimal"], 2);

    let total = &entries[1]["resource"];
    assert_eq!(total["resourceType"], "Observation");
    assert_eq!(total["status"], "final");
    // §5: total score 44261-6 [V], beside the local code.
    assert_eq!(
        total["code"]["coding"][0],
        json!({"system": "http://loinc.org", "code": "44261-6"})
    );
    assert_eq!(total["code"]["coding"][1]["code"], "phq9.total");
    assert_eq!(total["valueInteger"], 10);
    assert_eq!(
        component(total, "band").unwrap()["valueCodeableConcept"]["coding"][0],
        json!({"system": "https://aankomst.nl/fhir/CodeSystem/band/phq9-severity", "code": "moderate"})
    );
    let flag = component(total, "phq9.item9").unwrap();
    assert_eq!(flag["code"]["text"], "safety flag");
    assert_eq!(flag["valueCodeableConcept"]["coding"][0]["code"], "raised");
    assert_eq!(
        total["derivedFrom"],
        json!([{"reference": format!("urn:uuid:{ID}")}])
    );
    assert_eq!(total["subject"], response["subject"]);
    assert_eq!(total["performer"][0]["reference"], "Practitioner/p1");
    assert_eq!(total["effectiveDateTime"], "2025-03-14T10:30:00+01:00");
    assert_eq!(
        extension(total, DEFINITION_HASH_EXTENSION).unwrap()["valueString"],
        phq9.hash()
    );
    assert_eq!(
        extension(total, SCORER_VERSION_EXTENSION).unwrap()["valueString"],
        "aankomst-instruments-scorer/1"
    );
    assert_eq!(total["note"][0]["text"], "Complete: total 10.");
    assert_eq!(
        entries[1]["fullUrl"],
        format!("urn:uuid:{}", total["id"].as_str().unwrap())
    );
}

// Declined, don't know and not asked: no answer, each with its data-absent-reason code.
#[test]
fn declined_dont_know_and_not_asked_are_data_absent_reasons() {
    let gad7 = def("gad7");
    let mut answers = uniform(&gad7, 1);
    answers.set("69725-0", Answer::Declined);
    answers.set("68509-9", Answer::DontKnow);
    remove(&mut answers, "69733-4");
    let result = run(&gad7, &answers);
    let mut exported = export_answers(&answers);
    exported.push(ExportAnswer::new("69733-4", None)); // recorded as not asked
    let bundle = export_bundle(&gad7, &input(exported, Some(&result))).unwrap();
    let [response, total] = resources(&bundle)[..] else {
        panic!("two resources")
    };
    for (link_id, reason) in [
        ("69725-0", "asked-declined"),
        ("68509-9", "asked-unknown"),
        ("69733-4", "not-asked"),
    ] {
        let item = item(response, link_id).unwrap();
        assert!(item.get("answer").is_none(), "{link_id}");
        assert_eq!(
            extension(item, DATA_ABSENT_REASON_EXTENSION).unwrap()["valueCode"],
            reason
        );
    }
    assert!(extension(
        item(response, "69734-2").unwrap(),
        DATA_ABSENT_REASON_EXTENSION
    )
    .is_none());
    // No total (§2 rule 4): the Observation says why instead of a value.
    assert!(total.get("valueInteger").is_none());
    assert_eq!(total["dataAbsentReason"]["coding"][0]["code"], "unknown");
    assert_eq!(
        total["note"][0]["text"],
        "3 item(s) missing: no total (no rule for missing items)."
    );
    assert_eq!(
        component(total, "missing-items").unwrap()["valueInteger"],
        3
    );
    // §1: GAD-7 total 70274-6 [V].
    assert_eq!(total["code"]["coding"][0]["code"], "70274-6");
    // An item the input does not mention is left out.
    let mut fewer = export_answers(&answers);
    fewer.retain(|a| a.link_id != "69736-7");
    let response = questionnaire_response(&gad7, &input(fewer, None)).unwrap();
    assert!(item(&response, "69736-7").is_none());
}

#[test]
fn per_answer_metadata_are_extensions() {
    let k10 = def("k10-nl");
    let mut answers = export_answers(&uniform(&k10, 2));
    answers[0].language = Some("nl".into());
    answers[0].mode = Some(AnswerMode::ReadAloud);
    answers[0].answered_at = Some("2025-03-14T09:12:00Z".into());
    answers[0].entered_by = Some(Reference::new("Practitioner/p2"));
    answers[0].text_status = Some(TextStatus::Original);
    answers[1].language = Some("fa-AF".into());
    answers[1].text_status = Some(TextStatus::Unreviewed);
    answers[1].mode = Some(AnswerMode::ViaInterpreter);
    answers[2].mode = Some(AnswerMode::SelfCompleted);
    let response = questionnaire_response(&k10, &input(answers.clone(), None)).unwrap();
    let first = item(&response, &answers[0].link_id).unwrap();
    assert_eq!(
        extension(first, ANSWER_LANGUAGE_EXTENSION).unwrap()["valueCode"],
        "nl"
    );
    assert_eq!(
        extension(first, ADMINISTRATION_MODE_EXTENSION).unwrap()["valueCode"],
        "read_aloud"
    );
    assert_eq!(
        extension(first, ANSWERED_AT_EXTENSION).unwrap()["valueDateTime"],
        "2025-03-14T09:12:00Z"
    );
    assert_eq!(
        extension(first, ENTERED_BY_EXTENSION).unwrap()["valueReference"],
        json!({"reference": "Practitioner/p2"})
    );
    assert_eq!(
        extension(first, ANSWER_TEXT_STATUS_EXTENSION).unwrap()["valueCode"],
        "original"
    );
    let second = item(&response, &answers[1].link_id).unwrap();
    assert_eq!(
        extension(second, ANSWER_LANGUAGE_EXTENSION).unwrap()["valueCode"],
        "fa-AF"
    );
    // Whoever reads the result sees that the client read an unreviewed translation.
    assert_eq!(
        extension(second, ANSWER_TEXT_STATUS_EXTENSION).unwrap()["valueCode"],
        "unreviewed"
    );
    assert_eq!(
        extension(second, ADMINISTRATION_MODE_EXTENSION).unwrap()["valueCode"],
        "via_interpreter"
    );
    let third = item(&response, &answers[2].link_id).unwrap();
    assert_eq!(
        extension(third, ADMINISTRATION_MODE_EXTENSION).unwrap()["valueCode"],
        "self_completed"
    );
    assert!(item(&response, &answers[3].link_id)
        .unwrap()
        .get("extension")
        .is_none());
    // No K10 LOINC code is verified (§3): local code only.
    let result = run(&k10, &uniform(&k10, 2));
    let observations = observations(&k10, &input(answers, Some(&result))).unwrap();
    assert_eq!(
        observations[0]["code"]["coding"],
        json!([{"system": "https://aankomst.nl/fhir/CodeSystem/score", "code": "k10-nl.total"}])
    );
}

// §3.7: one item missing → the respondent's mean; the total is an exact fraction.
#[test]
fn an_imputed_k10_total_is_an_exact_ratio() {
    let k10 = def("k10-nl");
    // Raised in item order, so the last item (k10.worthless) is at its minimum, 1.
    let mut answers = answers_with_raw_total(&k10, 15);
    remove(&mut answers, "k10.worthless"); // 9 answers summing 14 → 14 × 10 / 9
    let bundle = bundle(&k10, &answers);
    let total = resources(&bundle)[1];
    assert_eq!(
        total["valueRatio"],
        json!({"numerator": {"value": 140}, "denominator": {"value": 9}})
    );
    assert_eq!(component(total, "imputed").unwrap()["valueBoolean"], true);
    assert_eq!(
        component(total, "k10.very_high").unwrap()["valueCodeableConcept"]["coding"][0]["code"],
        "not_raised"
    );
    assert!(total["note"][0]["text"]
        .as_str()
        .unwrap()
        .contains("imputed with the mean"));
}

#[test]
fn phq4_exports_its_subscales() {
    let phq4 = def("phq4");
    let bundle = bundle(&phq4, &uniform(&phq4, 2));
    let resources = resources(&bundle);
    assert_eq!(resources.len(), 4);
    assert_eq!(resources[1]["code"]["coding"][0]["code"], "70272-0"); // §7 [V]
    for (observation, code) in resources[2..].iter().zip(["phq4.gad2", "phq4.phq2"]) {
        assert_eq!(observation["code"]["coding"][0]["code"], code);
        assert_eq!(observation["valueInteger"], 4);
        assert_eq!(
            component(observation, "band").unwrap()["valueCodeableConcept"]["coding"][0]["code"],
            "positive"
        );
    }
    let ids: std::collections::BTreeSet<&str> = resources
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 4);
}

#[test]
fn a_self_reliance_level_is_a_coded_value_with_its_rule() {
    let fz = def("financiele-zelfredzaamheid");
    let mut answers = Answers::new();
    for (level, yes) in [("onvoldoende", 0), ("beperkt", 4), ("voldoende", 4)] {
        for (i, dimension) in [
            "taal",
            "betalingen",
            "administratie",
            "regelingen",
            "besteden",
            "voorbereid",
        ]
        .iter()
        .enumerate()
        {
            answers.value(&format!("fz.{dimension}.{level}"), i32::from(i < yes));
        }
    }
    let bundle = bundle(&fz, &answers);
    let [response, level] = resources(&bundle)[..] else {
        panic!("two resources")
    };
    assert_eq!(response["language"], "nl");
    assert_eq!(response["item"].as_array().unwrap().len(), 18);
    assert_eq!(
        item(response, "fz.taal.beperkt").unwrap()["answer"][0]["valueCoding"]["display"],
        "Ja"
    );
    assert_eq!(
        level["valueCodeableConcept"]["coding"][0],
        json!({
            "system": "https://aankomst.nl/fhir/CodeSystem/category/financiele-zelfredzaamheid-vji-2021",
            "code": "beperkt",
            "display": "Beperkt financieel zelfredzaam"
        })
    );
    assert_eq!(
        level["code"]["coding"][0]["code"],
        "financiele-zelfredzaamheid.category"
    );
    assert_eq!(
        component(level, "decided-by").unwrap()["valueCodeableConcept"]["coding"][0]["code"],
        "several_reached_most_support"
    );
    assert_eq!(
        component(level, "needs-confirmation").unwrap()["valueBoolean"],
        true
    );
    assert_eq!(component(level, "ordinal").unwrap()["valueInteger"], 2);
    for (code, count) in [("onvoldoende", 0), ("beperkt", 4), ("voldoende", 4)] {
        assert_eq!(
            component(level, &format!("yes-count.{code}")).unwrap()["valueInteger"],
            count
        );
    }
    assert!(level["note"][0]["text"]
        .as_str()
        .unwrap()
        .contains("(beperkt, voldoende): the level with more support wins"));
}

#[test]
fn a_rung_is_a_coded_value_and_unknown_is_absent() {
    let ladder = def("participatieladder");
    let mut answers = Answers::new();
    answers.value("participatieladder.trede", 4);
    let bundle = bundle(&ladder, &answers);
    let rung = resources(&bundle)[1];
    assert_eq!(
        rung["valueCodeableConcept"]["coding"][0]["code"],
        "participatieladder.4"
    );
    assert_eq!(
        rung["valueCodeableConcept"]["text"],
        "Onbetaald werk/zicht op werk"
    );
    assert_eq!(component(rung, "ordinal").unwrap()["valueInteger"], 4);
    assert_eq!(
        component(rung, "needs-confirmation").unwrap()["valueBoolean"],
        false
    );

    let mut unknown = Answers::new();
    unknown.set("participatieladder.trede", Answer::DontKnow);
    let bundle = self::bundle(&ladder, &unknown);
    let [response, rung] = resources(&bundle)[..] else {
        panic!("two resources")
    };
    assert_eq!(
        extension(
            item(response, "participatieladder.trede").unwrap(),
            DATA_ABSENT_REASON_EXTENSION
        )
        .unwrap()["valueCode"],
        "asked-unknown"
    );
    assert!(rung.get("valueCodeableConcept").is_none());
    assert_eq!(rung["dataAbsentReason"]["coding"][0]["code"], "unknown");
}

// instruments.md §16: the LBT is recorded, not scored: a response, no Observation.
#[test]
fn a_record_only_form_exports_typed_answers_and_no_observation() {
    let lbt = def("leerbaarheidstoets");
    let mut answers = Answers::new();
    answers
        .set("lbt.examennummer", Answer::Text("0012345".into()))
        .set("lbt.datum_toetsafname", Answer::Date("2025-03-14".into()))
        .set("lbt.latijns_schrift_onbekend", Answer::Boolean(true))
        .set("lbt.opmerkingen_afname", Answer::Declined);
    let bundle = bundle(&lbt, &answers);
    let resources = resources(&bundle);
    assert_eq!(resources.len(), 1);
    let response = resources[0];
    assert_eq!(
        item(response, "lbt.examennummer").unwrap()["answer"],
        json!([{"valueString": "0012345"}])
    );
    assert_eq!(
        item(response, "lbt.datum_toetsafname").unwrap()["answer"],
        json!([{"valueDate": "2025-03-14"}])
    );
    assert_eq!(
        item(response, "lbt.latijns_schrift_onbekend").unwrap()["answer"],
        json!([{"valueBoolean": true}])
    );
    assert!(item(response, "lbt.opmerkingen_afname")
        .unwrap()
        .get("answer")
        .is_none());
    // Integer fields (none shipped yet) would be valueInteger: checked on a test form.
    let mut resource = lbt.resource().clone();
    resource["item"]
        .as_array_mut()
        .unwrap()
        .push(json!({"linkId": "n", "text": "Aantal", "type": "integer"}));
    resource["version"] = json!("test");
    let with_integer = Definition::from_value(resource).unwrap();
    let response = questionnaire_response(
        &with_integer,
        &input(vec![ExportAnswer::new("n", Some(Answer::Integer(3)))], None),
    )
    .unwrap();
    assert_eq!(
        item(&response, "n").unwrap()["answer"],
        json!([{"valueInteger": 3}])
    );
}

#[test]
fn an_administration_in_progress_gives_preliminary_observations() {
    let gad7 = def("gad7");
    let answers = uniform(&gad7, 0);
    let result = run(&gad7, &answers);
    let mut input = input(export_answers(&answers), Some(&result));
    input.status = ResponseStatus::InProgress;
    let bundle = export_bundle(&gad7, &input).unwrap();
    let resources = resources(&bundle);
    assert_eq!(resources[0]["status"], "in-progress");
    assert_eq!(resources[1]["status"], "preliminary");
}

#[test]
fn exports_are_deterministic() {
    let who5 = def("who5");
    let answers = uniform(&who5, 3);
    assert_eq!(bundle(&who5, &answers), bundle(&who5, &answers));
    let id = bundle(&who5, &answers)["entry"][1]["resource"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let groups: Vec<usize> = id.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12]);
    assert_ne!(id, ID);
}

#[test]
fn bad_input_is_refused() {
    let gad7 = def("gad7");
    let answers = uniform(&gad7, 1);
    let result = run(&gad7, &answers);
    let good = input(export_answers(&answers), Some(&result));
    assert!(export_bundle(&gad7, &good).is_ok());
    let refused = |change: &dyn Fn(&mut ExportInput)| {
        let mut input = good.clone();
        change(&mut input);
        export_bundle(&gad7, &input).unwrap_err()
    };
    assert_eq!(
        refused(&|i| i.response_id = "admin-1".into()),
        ExportError::InvalidResponseId
    );
    assert_eq!(
        refused(&|i| i.authored = "14-03-2025 10:30".into()),
        ExportError::InvalidDateTime {
            field: "authored".into()
        }
    );
    assert!(matches!(
        refused(&|i| i.answers[0].answered_at = Some("2025-03-14".into())),
        ExportError::InvalidDateTime { .. }
    ));
    assert!(matches!(
        refused(&|i| i.subject = Reference::new("Patient/ c1")),
        ExportError::InvalidReference { .. }
    ));
    assert!(matches!(
        refused(&|i| i.answers[0].language = Some("Nederlands (NL)".into())),
        ExportError::InvalidLanguage { .. }
    ));
    assert!(matches!(
        refused(&|i| {
            let again = i.answers[0].clone();
            i.answers.push(again);
        }),
        ExportError::DuplicateAnswer(_)
    ));
    assert!(matches!(
        refused(&|i| i.answers[0].answer = Some(Answer::Value(7))),
        ExportError::Answer(ScoreError::NotAnOption { .. })
    ));
    assert!(matches!(
        refused(&|i| i.answers.push(ExportAnswer::new("stem", None))),
        ExportError::Answer(ScoreError::UnknownItem(_))
    ));
    // A result computed against another definition.
    let phq9 = def("phq9");
    let other = run(&phq9, &uniform(&phq9, 0));
    let mut mismatched = good.clone();
    mismatched.result = Some(&other);
    assert!(matches!(
        export_bundle(&gad7, &mismatched),
        Err(ExportError::ResultMismatch { .. })
    ));
    // An empty text is no answer.
    let lbt = def("leerbaarheidstoets");
    let blank = input(
        vec![ExportAnswer::new(
            "lbt.resultaat",
            Some(Answer::Text("  ".into())),
        )],
        None,
    );
    assert!(matches!(
        export_bundle(&lbt, &blank),
        Err(ExportError::Answer(ScoreError::EmptyText { .. }))
    ));
}

// Every shipped definition exports, fully answered (the same set tests/fhir validates).
#[test]
fn every_shipped_definition_exports() {
    for definition in aankomst_instruments::shipped_definitions().unwrap() {
        let mut answers = Answers::new();
        for choice in definition.choice_items() {
            answers.value(&choice.link_id, choice.options[0].value);
        }
        for field in definition.field_items() {
            let answer = match field.kind {
                aankomst_instruments::FieldKind::Integer => Answer::Integer(1),
                aankomst_instruments::FieldKind::Date => Answer::Date("2025-01-31".into()),
                aankomst_instruments::FieldKind::Boolean => Answer::Boolean(false),
                _ => Answer::Text("x".into()),
            };
            answers.set(&field.link_id, answer);
        }
        let bundle = bundle(&definition, &answers);
        let resources = resources(&bundle);
        assert_eq!(
            resources[0]["item"].as_array().unwrap().len(),
            answers.0.len(),
            "{}",
            definition.id
        );
        assert_eq!(
            resources.len() == 1,
            definition.is_record_only(),
            "{}",
            definition.id
        );
    }
}
