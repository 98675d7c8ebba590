//! The financial self-reliance frame (process.md §9; 001 Bijlage 2), the participatieladder
//! (process.md §10; 000 Bijlage 1) and the record-only forms (instruments.md §16, §17).

mod common;

use aankomst_instruments::{
    import_pack, score, Answer, Answers, Decision, Definition, DefinitionError, Direction,
    FieldKind, Item, Method, Registry, RegistryError, ScoreError, ScoreResult,
};
use common::*;
use serde_json::{json, Value};

const LEVELS: [&str; 3] = ["onvoldoende", "beperkt", "voldoende"];
const DIMENSIONS: [&str; 6] = [
    "taal",
    "betalingen",
    "administratie",
    "regelingen",
    "besteden",
    "voorbereid",
];

/// The 18 descriptors answered: at level i, the first `yes[i]` dimensions "Ja", the rest "Nee".
fn fz(yes: [usize; 3]) -> Answers {
    let mut answers = Answers::new();
    for (level, count) in LEVELS.iter().zip(yes) {
        for (i, dimension) in DIMENSIONS.iter().enumerate() {
            answers.value(&format!("fz.{dimension}.{level}"), i32::from(i < count));
        }
    }
    answers
}

fn level(result: &ScoreResult) -> (Option<&str>, Decision) {
    let category = result.category.as_ref().expect("a level result");
    (category.code.as_deref(), category.decided_by)
}

#[test]
fn fz_definition_has_the_sources_six_dimensions_and_three_levels() {
    let fz_def = def("financiele-zelfredzaamheid");
    assert_eq!(fz_def.language, "nl");
    assert_eq!(fz_def.scoring.method, Method::LevelCount);
    let rule = fz_def.scoring.level_count.as_ref().unwrap();
    assert_eq!(rule.at_least, 4);
    let codes: Vec<&str> = rule.levels.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, LEVELS);
    assert!(rule.levels.iter().all(|l| l.items.len() == 6));
    assert_eq!(fz_def.choice_items().count(), 18);
    // 001 Bijlage 2, word for word (orthography of the PDF extraction normalised).
    assert_eq!(
        fz_def
            .choice_item("fz.betalingen.beperkt")
            .unwrap()
            .text
            .base,
        "Vaardigheden om zelf eenvoudige betalingen uit te voeren."
    );
    assert_eq!(
        fz_def
            .choice_item("fz.regelingen.onvoldoende")
            .unwrap()
            .text
            .base,
        "Onvoldoende vaardigheden om zelfstandig financiële regelingen aan te vragen \
         (toeslagen e.d.) en te beheren."
    );
    // The tie rule is in the definition itself, for anyone reading the exchanged resource.
    let description = fz_def.resource()["description"].as_str().unwrap();
    assert!(description.contains("the level with more support wins"));
    assert!(fz_def.total_range() == (0, 0) && fz_def.scoring.total.is_none());
}

// 001 Bijlage 2: "vier of meer … een Ja" → that level. 3 is not enough; 4, 5 and 6 are.
#[test]
fn fz_four_of_six_decides_each_level() {
    let fz_def = def("financiele-zelfredzaamheid");
    for (index, code) in LEVELS.iter().enumerate() {
        for yes in 4..=6 {
            let mut counts = [0, 0, 0];
            counts[index] = yes;
            // The other levels stay below 4 (3 and 0), so only this one reaches the rule.
            counts[(index + 1) % 3] = 3;
            let result = run(&fz_def, &fz(counts));
            assert_eq!(
                level(&result),
                (Some(*code), Decision::AtLeast),
                "{counts:?}"
            );
            let category = result.category.as_ref().unwrap();
            assert_eq!(category.ordinal, Some(index as i32 + 1));
            assert_eq!(category.direction, Direction::HigherIsBetter);
            assert!(!category.decided_by.needs_confirmation());
            assert_eq!(result.explanation.key, "instrument-level-at-least");
            assert_eq!(
                result.explanation.english(),
                format!("{yes} of 6 dimensions at level {code} (at least 4 needed): level {code}.")
            );
            assert_eq!(result.total, None);
        }
    }
    // The display is the source's level name.
    let result = run(&fz_def, &fz([0, 4, 0]));
    assert_eq!(
        result.category.unwrap().display.as_deref(),
        Some("Beperkt financieel zelfredzaam")
    );
}

// Our documented rule (process.md §9 leaves it open): several levels at ≥ 4 → the level with
// more support wins.
#[test]
fn fz_several_levels_reaching_four_go_to_the_level_with_more_support() {
    let fz_def = def("financiele-zelfredzaamheid");
    for (counts, expected, tied) in [
        // The overlap process.md §9 names: all payments implies simple payments.
        ([0, 4, 4], "beperkt", "beperkt, voldoende"),
        ([0, 4, 6], "beperkt", "beperkt, voldoende"),
        ([4, 4, 0], "onvoldoende", "onvoldoende, beperkt"),
        ([4, 0, 5], "onvoldoende", "onvoldoende, voldoende"),
        ([6, 6, 6], "onvoldoende", "onvoldoende, beperkt, voldoende"),
    ] {
        let result = run(&fz_def, &fz(counts));
        assert_eq!(
            level(&result),
            (Some(expected), Decision::SeveralReachedMostSupport),
            "{counts:?}"
        );
        assert!(result
            .category
            .as_ref()
            .unwrap()
            .decided_by
            .needs_confirmation());
        assert_eq!(
            result.explanation.key,
            "instrument-level-several-most-support"
        );
        assert_eq!(result.explanation.args["levels"], tied);
        let text = result.explanation.english();
        assert!(
            text.contains(&format!("({tied}): the level with more support wins"))
                && text.contains(
                    "(rule several_reach = most_support of financiele-zelfredzaamheid-vji-2021)"
                )
                && text.ends_with(&format!("level {expected}.")),
            "{text}"
        );
    }
}

// Our documented rule: no level at 4 → the most "Ja" answers; a tie → more support.
#[test]
fn fz_no_level_reaching_four() {
    let fz_def = def("financiele-zelfredzaamheid");
    for (counts, expected, decision) in [
        ([2, 3, 1], "beperkt", Decision::NoneReachedMostYes),
        ([1, 2, 3], "voldoende", Decision::NoneReachedMostYes),
        (
            [3, 2, 3],
            "onvoldoende",
            Decision::NoneReachedTieMostSupport,
        ),
        (
            [3, 3, 0],
            "onvoldoende",
            Decision::NoneReachedTieMostSupport,
        ),
        ([0, 3, 3], "beperkt", Decision::NoneReachedTieMostSupport),
        (
            [2, 2, 2],
            "onvoldoende",
            Decision::NoneReachedTieMostSupport,
        ),
        // Nothing fits at all: the level with the most support, flagged for confirmation.
        (
            [0, 0, 0],
            "onvoldoende",
            Decision::NoneReachedTieMostSupport,
        ),
    ] {
        let result = run(&fz_def, &fz(counts));
        assert_eq!(level(&result), (Some(expected), decision), "{counts:?}");
        assert!(decision.needs_confirmation());
        let counts_text = format!(
            "onvoldoende {}, beperkt {}, voldoende {}",
            counts[0], counts[1], counts[2]
        );
        assert_eq!(result.explanation.args["counts"], counts_text);
        let found: Vec<u32> = result
            .category
            .as_ref()
            .unwrap()
            .counts
            .iter()
            .map(|c| c.count)
            .collect();
        assert_eq!(found, counts.map(|c| c as u32));
    }
    let tie = run(&fz_def, &fz([3, 3, 0]));
    assert_eq!(
        tie.explanation.key,
        "instrument-level-none-tie-most-support"
    );
    assert_eq!(tie.explanation.args["levels"], "onvoldoende, beperkt");
    assert!(tie
        .explanation
        .english()
        .contains("tie between onvoldoende, beperkt: the level with more support wins"));
    let plurality = run(&fz_def, &fz([2, 3, 1]));
    assert_eq!(plurality.explanation.key, "instrument-level-none-most-yes");
    assert!(plurality
        .explanation
        .english()
        .starts_with("No level reaches 4 of 6 (onvoldoende 2, beperkt 3, voldoende 1)"));
}

// §2 rule 4 (design rule): a missing descriptor could change the level: no level.
#[test]
fn fz_any_missing_descriptor_gives_no_level() {
    let fz_def = def("financiele-zelfredzaamheid");
    let mut answers = fz([0, 6, 0]);
    remove(&mut answers, "fz.taal.voldoende");
    set(&mut answers, "fz.besteden.onvoldoende", Answer::Declined);
    set(&mut answers, "fz.voorbereid.onvoldoende", Answer::DontKnow);
    let result = run(&fz_def, &answers);
    assert_eq!(result.category, None);
    assert_eq!(result.missing_items, 3);
    assert_eq!(
        (
            result.missing.not_asked,
            result.missing.declined,
            result.missing.dont_know
        ),
        (1, 1, 1)
    );
    assert_eq!(result.explanation.key, "instrument-level-incomplete");
    assert_eq!(
        result.explanation.english(),
        "3 descriptor(s) unanswered: no level."
    );
    // Only "Ja" (1) and "Nee" (0) are answers.
    let mut answers = fz([0, 4, 0]);
    answers.value("fz.taal.beperkt", 2);
    assert!(matches!(
        score(&fz_def, &answers),
        Err(ScoreError::NotAnOption { .. })
    ));
}

/// The shipped frame with other tie policies (a municipality's own version).
fn fz_with(several: &str, none: &str) -> Definition {
    let mut resource = def("financiele-zelfredzaamheid").resource().clone();
    let extension = &mut resource["extension"][0]["valueString"];
    let mut scoring: Value = serde_json::from_str(extension.as_str().unwrap()).unwrap();
    scoring["level_count"]["several_reach"] = json!(several);
    scoring["level_count"]["none_reach"] = json!(none);
    *extension = Value::String(scoring.to_string());
    resource["version"] = json!("1.0.0-undetermined");
    Definition::from_value(resource).unwrap()
}

#[test]
fn fz_undetermined_policies_leave_the_level_to_the_assessor() {
    let strict = fz_with("undetermined", "undetermined");
    let several = run(&strict, &fz([0, 4, 4]));
    assert_eq!(
        level(&several),
        (None, Decision::SeveralReachedUndetermined)
    );
    assert_eq!(
        several.explanation.key,
        "instrument-level-several-undetermined"
    );
    let none = run(&strict, &fz([3, 3, 0]));
    assert_eq!(level(&none), (None, Decision::NoneReachedUndetermined));
    assert!(none.explanation.english().contains("the assessor chooses"));
    // The 4-of-6 rule itself is unaffected.
    assert_eq!(
        level(&run(&strict, &fz([0, 5, 2]))),
        (Some("beperkt"), Decision::AtLeast)
    );
}

#[test]
fn malformed_level_rules_are_refused_at_load() {
    let mut resource = def("financiele-zelfredzaamheid").resource().clone();
    let original: Value =
        serde_json::from_str(resource["extension"][0]["valueString"].as_str().unwrap()).unwrap();
    let mut with = |change: &dyn Fn(&mut Value)| {
        let mut scoring = original.clone();
        change(&mut scoring);
        resource["extension"][0]["valueString"] = Value::String(scoring.to_string());
        Definition::from_value(resource.clone())
    };
    // 7 of 6 can never be reached.
    assert!(matches!(
        with(&|s| s["level_count"]["at_least"] = json!(7)),
        Err(DefinitionError::Scoring(_))
    ));
    // A descriptor in two levels.
    assert!(
        with(&|s| s["level_count"]["levels"][1]["items"][0] = json!("fz.taal.onvoldoende"))
            .is_err()
    );
    // A descriptor scored but in no level.
    assert!(with(&|s| {
        s["level_count"]["levels"][2]["items"]
            .as_array_mut()
            .unwrap()
            .pop();
    })
    .is_err());
    // "Ja" must be an option.
    assert!(matches!(
        with(&|s| s["level_count"]["counts_value"] = json!(2)),
        Err(DefinitionError::Item { .. })
    ));
    // A total belongs to the total method.
    assert!(matches!(
        with(&|s| s["total"] = json!({"kind": "sum", "multiplier": 1})),
        Err(DefinitionError::Scoring(_))
    ));
    // An unknown tie policy.
    assert!(matches!(
        with(&|s| s["level_count"]["several_reach"] = json!("highest")),
        Err(DefinitionError::Scoring(_))
    ));
    // The unchanged section still loads.
    assert!(with(&|_| {}).is_ok());
}

// process.md §10: the rung recorded is the result; "Onbekend" is a don't-know, not rung 6.
#[test]
fn participatieladder_result_is_the_rung() {
    let ladder = def("participatieladder");
    assert_eq!(ladder.scoring.method, Method::Category);
    let labels = [
        "Geïsoleerd",
        "Sociale contacten buitenshuis",
        "Deelname georganiseerde activiteiten",
        "Onbetaald werk/zicht op werk",
        "Betaald werk met ondersteuning",
        "Betaald werk zonder ondersteuning",
    ];
    for (rung, label) in (1..=6).zip(labels) {
        let mut answers = Answers::new();
        answers.value("participatieladder.trede", rung);
        let result = run(&ladder, &answers);
        let category = result.category.as_ref().unwrap();
        assert_eq!(category.ordinal, Some(rung));
        assert_eq!(
            category.code.as_deref(),
            Some(format!("participatieladder.{rung}").as_str())
        );
        assert_eq!(category.display.as_deref(), Some(label));
        assert_eq!(category.decided_by, Decision::Answer);
        assert_eq!(category.direction, Direction::HigherIsBetter);
        assert!(category.counts.is_empty());
        assert_eq!(result.total, None);
        assert_eq!(result.band, None);
        assert_eq!(result.explanation.key, "instrument-category");
        assert_eq!(
            result.explanation.english(),
            format!("Recorded on participatieladder: {rung} ({label}).")
        );
    }
    let mut unknown = Answers::new();
    unknown.set("participatieladder.trede", Answer::DontKnow);
    let result = run(&ladder, &unknown);
    assert_eq!(result.category, None);
    assert_eq!(result.missing.dont_know, 1);
    assert_eq!(result.explanation.args["reason"], "dont_know");
    let result = run(&ladder, &Answers::new());
    assert_eq!(result.explanation.args["reason"], "not_asked");
    let mut beyond = Answers::new();
    beyond.value("participatieladder.trede", 7);
    assert_eq!(
        score(&ladder, &beyond),
        Err(ScoreError::NotAnOption {
            item: "participatieladder.trede".into(),
            value: 7
        })
    );
}

fn lbt_answers() -> Answers {
    let mut answers = Answers::new();
    answers
        .set("lbt.examennummer", Answer::Text("0012345".into()))
        .set("lbt.datum_aanmelding", Answer::Date("2025-03-03".into()))
        .set("lbt.datum_toetsafname", Answer::Date("2025-03-14".into()))
        .set(
            "lbt.resultaat",
            Answer::Text("(as shown in Mijn DUO)".into()),
        )
        .set(
            "lbt.afnemende_organisatie",
            Answer::Text("Taalschool".into()),
        )
        .set("lbt.latijns_schrift_onbekend", Answer::Boolean(true))
        .set("lbt.laptop_onbekend", Answer::Boolean(false))
        .set("lbt.opmerkingen_afname", Answer::Declined);
    answers
}

// instruments.md §16: record the result only.
#[test]
fn leerbaarheidstoets_is_recorded_not_scored() {
    let lbt = def("leerbaarheidstoets");
    assert!(lbt.is_record_only());
    assert_eq!(lbt.choice_items().count(), 0);
    let kinds: Vec<(&str, FieldKind)> = lbt
        .field_items()
        .map(|f| (f.link_id.as_str(), f.kind))
        .collect();
    assert_eq!(
        kinds[..4],
        [
            ("lbt.examennummer", FieldKind::String),
            ("lbt.datum_aanmelding", FieldKind::Date),
            ("lbt.datum_toetsafname", FieldKind::Date),
            ("lbt.resultaat", FieldKind::String),
        ]
    );
    let result = run(&lbt, &lbt_answers());
    assert!(result.record_only);
    assert_eq!(result.total, None);
    assert_eq!(result.category, None);
    assert_eq!(result.definition_hash, lbt.hash());
    assert_eq!(result.explanation.key, "instrument-record-only");
    assert_eq!(
        result.explanation.english(),
        "Record only, not scored (7 answers recorded)."
    );
    // Nothing answered is still a result, not an error.
    assert!(run(&lbt, &Answers::new()).record_only);
}

#[test]
fn typed_answers_must_fit_their_items() {
    let lbt = def("leerbaarheidstoets");
    let refused = |concept: &str, answer: Answer| {
        let mut answers = lbt_answers();
        answers.set(concept, answer);
        score(&lbt, &answers).unwrap_err()
    };
    assert_eq!(
        refused("lbt.datum_toetsafname", Answer::Text("14 maart".into())),
        ScoreError::WrongKind {
            item: "lbt.datum_toetsafname".into(),
            expected: "date"
        }
    );
    for bad in [
        "2025-02-30",
        "2025-3-14",
        "14-03-2025",
        "2025-03",
        "2025-03-14T10:00:00Z",
    ] {
        assert_eq!(
            refused("lbt.datum_toetsafname", Answer::Date(bad.into())),
            ScoreError::InvalidDate {
                item: "lbt.datum_toetsafname".into()
            },
            "{bad}"
        );
    }
    assert!(matches!(
        refused("lbt.examennummer", Answer::Integer(12345)),
        ScoreError::WrongKind {
            expected: "string",
            ..
        }
    ));
    assert!(matches!(
        refused("lbt.latijns_schrift_onbekend", Answer::Value(1)),
        ScoreError::WrongKind {
            expected: "boolean",
            ..
        }
    ));
    assert!(matches!(
        refused("lbt.nope", Answer::Boolean(true)),
        ScoreError::UnknownItem(_)
    ));
    // A choice item takes an option value, not text.
    let ladder = def("participatieladder");
    let mut answers = Answers::new();
    answers.set("participatieladder.trede", Answer::Text("4".into()));
    assert!(matches!(
        score(&ladder, &answers),
        Err(ScoreError::WrongKind {
            expected: "choice",
            ..
        })
    ));
    // Errors never repeat client text.
    let error = refused("lbt.datum_toetsafname", Answer::Date("Ahmed 2025".into()));
    assert!(!error.to_string().contains("Ahmed"));
}

#[test]
fn taalstart_report_and_digital_skills_are_recorded_not_scored() {
    let taalstart = def("taalstart-eindrapportage");
    let mut answers = Answers::new();
    answers
        .set("taalstart.aanbieder", Answer::Text("Taalschool".into()))
        .set(
            "taalstart.datum_rapportage",
            Answer::Date("2025-04-30".into()),
        )
        .value("taalstart.groep", 2)
        .set(
            "taalstart.obs.digitaal",
            Answer::Text("Vult formulier zelf in".into()),
        )
        .set("taalstart.toets.spreken", Answer::Text("A1".into()))
        .value("taalstart.routeadvies", 2)
        .value("taalstart.inschatting_leerder", 1);
    let result = run(&taalstart, &answers);
    assert!(result.record_only && result.total.is_none());
    // The four end tests and the five observed skills plus self-reflection (002 §3.3.1).
    for concept in [
        "taalstart.toets.spreken",
        "taalstart.toets.luisteren",
        "taalstart.toets.schrijven",
        "taalstart.toets.lezen",
        "taalstart.obs.sociaal",
        "taalstart.obs.studie",
        "taalstart.obs.presentatie",
        "taalstart.obs.digitaal",
        "taalstart.obs.werkhouding",
        "taalstart.obs.zelfreflectie",
    ] {
        assert!(
            matches!(taalstart.item(concept), Some(Item::Field(_))),
            "{concept}"
        );
    }

    let digital = def("digitale-vaardigheden");
    let mut answers = Answers::new();
    answers
        .set("dv.smartphone", Answer::Boolean(true))
        .set("dv.digid", Answer::DontKnow)
        .value("dv.formulier", 1);
    let result = run(&digital, &answers);
    assert!(result.record_only);
    assert_eq!(result.explanation.args["answered"], "2");
}

// DESIGN.md §3: definitions are versioned and hashed; the new ones as much as the old.
#[test]
fn tampered_new_definitions_are_refused() {
    let mut registry = Registry::with_shipped().unwrap();
    for (id, pointer) in [
        ("financiele-zelfredzaamheid", "/item/1/text"),
        (
            "participatieladder",
            "/item/0/answerOption/5/valueCoding/display",
        ),
        ("leerbaarheidstoets", "/item/3/text"),
        ("taalstart-eindrapportage", "/item/0/text"),
        ("digitale-vaardigheden", "/item/4/text"),
    ] {
        let original = def(id);
        registry.register(original.clone()).unwrap();
        let mut tampered = original.resource().clone();
        *tampered
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{id}{pointer}")) = json!("changed");
        let tampered = Definition::from_value(tampered).unwrap();
        assert_ne!(tampered.hash(), original.hash());
        assert!(
            matches!(
                registry.register(tampered),
                Err(RegistryError::ContentMismatch { .. })
            ),
            "{id}"
        );
        assert_eq!(
            registry
                .get(&original.url, &original.version)
                .unwrap()
                .hash(),
            original.hash()
        );
    }
    // A changed rule is a different definition too: 3 of 6 instead of 4.
    let original = def("financiele-zelfredzaamheid");
    let mut tampered = original.resource().clone();
    let extension = &mut tampered["extension"][0]["valueString"];
    *extension = Value::String(
        extension
            .as_str()
            .unwrap()
            .replace("\"at_least\": 4", "\"at_least\": 3"),
    );
    let tampered = Definition::from_value(tampered).unwrap();
    assert_eq!(tampered.scoring.level_count.as_ref().unwrap().at_least, 3);
    assert!(matches!(
        registry.register(tampered),
        Err(RegistryError::ContentMismatch { .. })
    ));
}

// The stored representation of answers (documented on `Answer`): must not change.
#[test]
fn answer_serde_representation_is_stable() {
    let cases = [
        (Answer::Value(2), json!({"kind": "value", "value": 2})),
        (Answer::Declined, json!({"kind": "declined"})),
        (Answer::DontKnow, json!({"kind": "dont_know"})),
        (Answer::Integer(12), json!({"kind": "integer", "value": 12})),
        (
            Answer::Date("2025-03-14".into()),
            json!({"kind": "date", "value": "2025-03-14"}),
        ),
        (
            Answer::Text("x".into()),
            json!({"kind": "text", "value": "x"}),
        ),
        (
            Answer::Boolean(true),
            json!({"kind": "boolean", "value": true}),
        ),
    ];
    for (answer, expected) in cases {
        assert_eq!(serde_json::to_value(&answer).unwrap(), expected);
        assert_eq!(serde_json::from_value::<Answer>(expected).unwrap(), answer);
    }
}

#[test]
fn unsupported_item_types_are_refused() {
    let with_item = |item: Value| {
        let mut resource = def("leerbaarheidstoets").resource().clone();
        resource["item"].as_array_mut().unwrap().push(item);
        Definition::from_value(resource)
    };
    assert!(matches!(
        with_item(json!({"linkId": "q", "text": "q", "type": "quantity"})),
        Err(DefinitionError::Item { .. })
    ));
    assert!(matches!(
        with_item(json!({"linkId": "q", "text": "q", "type": "string",
                         "answerOption": [{"valueString": "a"}]})),
        Err(DefinitionError::Item { .. })
    ));
    assert!(matches!(
        with_item(json!({"linkId": "lbt.resultaat", "text": "again", "type": "string"})),
        Err(DefinitionError::Item { .. })
    ));
    // A record-only form cannot smuggle in a score.
    let mut resource = def("leerbaarheidstoets").resource().clone();
    resource["extension"][0]["valueString"] = json!(
        r#"{"method": "record_only", "items": ["lbt.resultaat"], "missing": {"rule": "no_total"}}"#
    );
    assert!(Definition::from_value(resource).is_err());
}

// Packs carry record-only forms too, and may translate their field items.
#[test]
fn a_pack_can_bring_a_record_only_form_with_translated_fields() {
    let mut form = def("leerbaarheidstoets").resource().clone();
    form["url"] = json!("https://example.org/fhir/Questionnaire/test-record");
    form["id"] = json!("test-record");
    let pack = json!({
        "pack": {"id": "p", "version": "1", "publisher": "Test", "licence_note": "test"},
        "definitions": [form],
        "translations": [{
            "definition_url": "https://example.org/fhir/Questionnaire/test-record",
            "definition_version": "1.0.0", "language": "en", "review_status": "unreviewed",
            "items": {"lbt.resultaat": "Result (as shown in Mijn DUO)"}
        }]
    });
    let mut registry = Registry::with_shipped().unwrap();
    let report = import_pack(pack.to_string().as_bytes(), &mut registry).unwrap();
    assert_eq!(report.added.len(), 1);
    let translation = registry
        .translation(
            "https://example.org/fhir/Questionnaire/test-record",
            "1.0.0",
            "en",
        )
        .unwrap();
    assert!(translation.item("lbt.resultaat").is_some());
    assert!(report.translations[0]
        .untranslated_items
        .contains(&"lbt.examennummer".to_owned()));
}
