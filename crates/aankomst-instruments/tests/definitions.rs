//! Identity, hashing and the registry (DESIGN.md §3; brief: tampered definitions refused),
//! what is shipped (instruments.md §0.2, §1), and scorer features no shipped instrument
//! uses yet (reverse items, means).

mod common;

use aankomst_instruments::definition::DefinitionError;
use aankomst_instruments::shipped::SHIPPED;
use aankomst_instruments::{
    score, shipped_definitions, Answers, Definition, Registry, RegistryError, ReviewStatus, Score,
    ScoreError,
};
use common::*;
use serde_json::{json, Value};

#[test]
fn every_shipped_definition_loads_and_registers() {
    let registry = Registry::with_shipped().unwrap();
    let ids: Vec<String> = shipped_definitions()
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(
        ids,
        [
            "k10-nl",
            "k10-au",
            "k10-us",
            "k6",
            "phq9",
            "gad7",
            "phq4",
            "who5",
            "pcl5",
            "pcptsd5",
            "financiele-zelfredzaamheid",
            "participatieladder",
            "leerbaarheidstoets",
            "taalstart-eindrapportage",
            "digitale-vaardigheden"
        ]
    );
    assert_eq!(registry.iter().count(), SHIPPED.len());
    for definition in registry.iter() {
        assert_eq!(definition.hash().len(), 64);
        assert_eq!(
            registry.by_hash(definition.hash()).unwrap().url,
            definition.url
        );
    }
}

// instruments.md §0.2/§1: RHS-15, HSCL-25, HTQ, PROTECT and ZRM texts must not be bundled.
// The ZRM is the Zelfredzaamheid-Matrix; the financial self-reliance frame of the ontzorgen
// pilots (process.md §9) is another, unlicensed frame whose levels say "financieel
// zelfredzaam", so the ZRM is recognised by its own names.
#[test]
fn no_licence_restricted_instrument_is_shipped() {
    for (name, json) in SHIPPED {
        let lower = json.to_lowercase();
        for forbidden in [
            "rhs",
            "hscl",
            "harvard trauma",
            "protect",
            "zelfredzaamheid-matrix",
            "zelfredzaamheidmatrix",
            "zelfredzaamheidsmatrix",
            "zrm",
        ] {
            assert!(!lower.contains(forbidden), "{name} mentions {forbidden}");
        }
    }
}

// DESIGN.md §6: nothing unreviewed is passed off as a validated translation; we ship none.
#[test]
fn no_unreviewed_translation_is_shipped() {
    for definition in shipped_definitions().unwrap() {
        for item in definition.choice_items() {
            let texts = std::iter::once(&item.text).chain(item.options.iter().map(|o| &o.display));
            for text in texts {
                for translation in &text.translations {
                    assert_ne!(
                        translation.review,
                        ReviewStatus::Unreviewed,
                        "{}",
                        item.link_id
                    );
                }
            }
        }
    }
}

#[test]
fn the_registry_refuses_changed_content_under_a_known_identity() {
    let mut registry = Registry::with_shipped().unwrap();
    let original = def("k10-nl");
    // Registering the same content again is harmless.
    registry.register(original.clone()).unwrap();

    let mut tampered = original.resource().clone();
    tampered["item"][1]["text"] = json!("tired out for a very good reason?");
    let tampered = Definition::from_value(tampered).unwrap();
    assert_eq!(
        (tampered.url.as_str(), tampered.version.as_str()),
        (original.url.as_str(), "1.0.0")
    );
    match registry.register(tampered.clone()) {
        Err(RegistryError::ContentMismatch {
            url,
            version,
            known,
            offered,
        }) => {
            assert_eq!(url, original.url);
            assert_eq!(version, "1.0.0");
            assert_eq!(known, original.hash());
            assert_eq!(offered, tampered.hash());
        }
        other => panic!("expected a content mismatch, got {other:?}"),
    }
    // A changed band boundary is just as much a different definition.
    let mut scoring_changed = original.resource().clone();
    let extension = &mut scoring_changed["extension"][1]["valueString"];
    let changed = extension
        .as_str()
        .unwrap()
        .replace("\"max\": 15", "\"max\": 14")
        .replace("\"min\": 16", "\"min\": 15");
    *extension = Value::String(changed);
    let scoring_changed = Definition::from_value(scoring_changed).unwrap();
    assert!(matches!(
        registry.register(scoring_changed),
        Err(RegistryError::ContentMismatch { .. })
    ));
    // The registry still holds the original.
    assert_eq!(
        registry.get(&original.url, "1.0.0").unwrap().hash(),
        original.hash()
    );
}

#[test]
fn the_hash_ignores_formatting_and_key_order() {
    let original = def("phq9");
    let compact = serde_json::to_string(original.resource()).unwrap();
    let reparsed = Definition::from_json(&compact).unwrap();
    assert_eq!(reparsed.hash(), original.hash());
}

#[test]
fn scores_carry_the_definition_hash() {
    let phq9 = def("phq9");
    let result = run(&phq9, &uniform(&phq9, 0));
    assert_eq!(result.definition_hash, phq9.hash());
    assert_eq!(result.definition_version, "1.0.0");
}

#[test]
fn answers_must_use_this_definitions_concepts_and_values() {
    let gad7 = def("gad7");
    let mut answers = uniform(&gad7, 1);
    answers.value("1", 2); // a position, not a concept
    assert_eq!(
        score(&gad7, &answers),
        Err(ScoreError::UnknownItem("1".into()))
    );
    let mut answers = uniform(&gad7, 1);
    answers.value("69725-0", 4); // GAD-7 is 0–3 (§6)
    assert_eq!(
        score(&gad7, &answers),
        Err(ScoreError::NotAnOption {
            item: "69725-0".into(),
            value: 4
        })
    );
    let mut answers = uniform(&gad7, 1);
    answers.value("stem", 0); // a display item has no answer
    assert!(score(&gad7, &answers).is_err());
}

/// A small test-only questionnaire: three 1–4 items, the third reverse-scored.
fn test_definition(scoring: Value) -> Definition {
    let option = |code: &str, value: i32| {
        json!({
            "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": value}],
            "valueCoding": {"code": code, "display": code}
        })
    };
    let item = |link_id: &str| {
        json!({"linkId": link_id, "text": link_id, "type": "choice",
               "answerOption": [option("a", 1), option("b", 2), option("c", 3), option("d", 4)]})
    };
    Definition::from_value(json!({
        "resourceType": "Questionnaire", "id": "test", "url": "https://example.org/test",
        "version": "1", "title": "Test", "language": "en", "copyright": "none",
        "extension": [{"url": "https://aankomst.nl/fhir/StructureDefinition/scoring",
                       "valueString": scoring.to_string()}],
        "item": [item("x"), item("y"), item("z")]
    }))
    .unwrap()
}

#[test]
fn reverse_scored_items_are_mirrored_within_their_range() {
    let definition = test_definition(json!({
        "items": ["x", "y", "z"], "reverse": ["z"],
        "total": {"kind": "sum", "multiplier": 1}, "missing": {"rule": "no_total"},
        "bands": {"set": "t", "direction": "higher_is_worse",
                  "bands": [{"code": "low", "min": 3, "max": 7}, {"code": "high", "min": 8, "max": 12}]}
    }));
    let mut answers = Answers::new();
    answers.value("x", 1).value("y", 1).value("z", 4);
    // z = 4 on a 1–4 item counts 1 + 4 − 4 = 1.
    assert_eq!(run(&definition, &answers).total, Some(Score::whole(3)));
    answers.value("z", 1);
    assert_eq!(run(&definition, &answers).total, Some(Score::whole(6)));
}

#[test]
fn means_are_exact_fractions() {
    let definition = test_definition(json!({
        "items": ["x", "y", "z"], "total": {"kind": "mean", "multiplier": 1},
        "missing": {"rule": "impute_respondent_mean", "max_missing": 1, "source": "test"}
    }));
    let mut answers = Answers::new();
    answers.value("x", 1).value("y", 2).value("z", 2);
    assert_eq!(
        run(&definition, &answers).total,
        Some(Score {
            numerator: 5,
            denominator: 3
        })
    );
    answers.0.remove("z");
    assert_eq!(
        run(&definition, &answers).total,
        Some(Score {
            numerator: 3,
            denominator: 2
        })
    );
}

#[test]
fn malformed_scoring_is_refused_at_load() {
    let bad_bands = json!({
        "items": ["x", "y", "z"], "total": {"kind": "sum", "multiplier": 1}, "missing": {"rule": "no_total"},
        "bands": {"set": "gap", "direction": "higher_is_worse",
                  "bands": [{"code": "low", "min": 3, "max": 6}, {"code": "high", "min": 8, "max": 12}]}
    });
    let resource = test_definition(
        json!({"items": ["x"], "total": {"kind": "sum", "multiplier": 1},
                                          "missing": {"rule": "no_total"}}),
    )
    .resource()
    .clone();
    let with = |scoring: Value| {
        let mut r = resource.clone();
        r["extension"][0]["valueString"] = Value::String(scoring.to_string());
        Definition::from_value(r)
    };
    assert!(matches!(
        with(bad_bands),
        Err(DefinitionError::Bands { .. })
    ));
    let unknown_item = json!({"items": ["nope"], "total": {"kind": "sum", "multiplier": 1}, "missing": {"rule": "no_total"}});
    assert!(matches!(
        with(unknown_item),
        Err(DefinitionError::Item { .. })
    ));
    let unknown_field = json!({"items": ["x"], "total": {"kind": "sum", "multiplier": 1}, "missing": {"rule": "no_total"}, "extra": 1});
    assert!(matches!(
        with(unknown_field),
        Err(DefinitionError::Scoring(_))
    ));
}
