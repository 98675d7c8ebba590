//! Instrument packs (instruments.md §0.2: licensed instruments are loaded at run time).
//!
//! Every pack here is synthetic: "Test Screener 3" and "Test Screener 2" are made-up
//! instruments with invented wording. No licensed instrument text appears in this file.

mod common;

use aankomst_instruments::{
    import_pack, score, Answers, AudioProblem, ConflictWith, DefinitionError, FieldProblem,
    PackError, Registry, ReviewStatus, TranslationClash,
};
use serde_json::{json, Value};

const TS3_URL: &str = "https://example.org/fhir/Questionnaire/test-screener-3";
const TS2_URL: &str = "https://example.org/fhir/Questionnaire/test-screener-2";
const PHQ9_URL: &str = "https://aankomst.nl/fhir/Questionnaire/phq9";
const SCORING: &str = "https://aankomst.nl/fhir/StructureDefinition/scoring";

fn option(code: &str, display: &str, value: i32) -> Value {
    json!({
        "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue",
                       "valueDecimal": value}],
        "valueCoding": {"system": "https://example.org/fhir/CodeSystem/test-answers",
                        "code": code, "display": display}
    })
}

fn choice(link_id: &str, text: &str) -> Value {
    json!({
        "linkId": link_id, "text": text, "type": "choice",
        "answerOption": [option("ts.never", "Never", 0), option("ts.sometimes", "Sometimes", 1),
                         option("ts.often", "Often", 2)]
    })
}

/// A made-up instrument: three items rated 0–2, total 0–6, bands 0–2 / 3–6.
fn test_screener(url: &str, id: &str, count: usize, scoring: Option<Value>) -> Value {
    let items: Vec<String> = (1..=count).map(|i| format!("{id}.{i}")).collect();
    let max = 2 * count as i32;
    let scoring = scoring.unwrap_or_else(|| {
        json!({
            "items": items, "total": {"kind": "sum", "multiplier": 1},
            "missing": {"rule": "no_total"},
            "bands": {"set": format!("{id}-bands"), "direction": "higher_is_worse",
                      "bands": [{"code": "low", "min": 0, "max": 2},
                                {"code": "high", "min": 3, "max": max}]}
        })
    });
    let mut item = vec![json!({"linkId": "stem", "type": "display",
                               "text": "Think about the imaginary test week."})];
    let wording = [
        "How often did the pretend lamp blink?",
        "How often did you count invented sheep?",
        "How often was the sample kettle loud?",
    ];
    for (code, text) in items.iter().zip(wording) {
        item.push(choice(code, text));
    }
    let mut extension = vec![];
    if !scoring.is_null() {
        extension.push(json!({"url": SCORING, "valueString": scoring.to_string()}));
    }
    json!({
        "resourceType": "Questionnaire", "id": id, "extension": extension,
        "url": url, "version": "1.0.0", "name": id, "title": format!("Test Screener {count}"),
        "status": "draft", "language": "en",
        "copyright": "Synthetic test instrument, no rights reserved.",
        "item": item
    })
}

fn ts3() -> Value {
    test_screener(TS3_URL, "ts3", 3, None)
}

fn translation(status: Option<&str>) -> Value {
    let mut t = json!({
        "definition_url": TS3_URL, "definition_version": "1.0.0", "language": "xx",
        "items": {"stem": "[xx] imaginary week", "ts3.1": "[xx] lamp", "ts3.2": "[xx] sheep"},
        "answers": {"ts.never": "[xx] never", "ts.often": "[xx] often"}
    });
    if let Some(status) = status {
        t["review_status"] = json!(status);
    }
    t
}

fn pack(definitions: Vec<Value>, translations: Vec<Value>) -> Vec<u8> {
    json!({
        "pack": {"id": "test-pack", "version": "1", "publisher": "Test municipality",
                 "licence_note": "Synthetic pack for tests"},
        "definitions": definitions,
        "translations": translations
    })
    .to_string()
    .into_bytes()
}

fn good_pack() -> Vec<u8> {
    pack(vec![ts3()], vec![translation(Some("reviewed"))])
}

fn shipped() -> Registry {
    Registry::with_shipped().expect("shipped definitions are valid")
}

fn count(registry: &Registry) -> (usize, usize) {
    (registry.iter().count(), registry.translations().count())
}

/// Refused packs leave the registry exactly as it was.
fn refused(bytes: &[u8]) -> PackError {
    let mut registry = shipped();
    let before = count(&registry);
    let error = import_pack(bytes, &mut registry).expect_err("pack must be refused");
    assert_eq!(
        count(&registry),
        before,
        "a refused pack registered something"
    );
    assert!(registry.get(TS3_URL, "1.0.0").is_none());
    assert!(!error.to_string().is_empty());
    error
}

#[test]
fn import_succeeds_and_the_imported_definition_scores() {
    let mut registry = shipped();
    let report = import_pack(&good_pack(), &mut registry).unwrap();
    assert_eq!(report.pack.id, "test-pack");
    assert_eq!(report.pack.licence_note, "Synthetic pack for tests");
    assert_eq!(report.added.len(), 1);
    assert_eq!(report.added[0].url, TS3_URL);
    assert!(report.already_present.is_empty());
    assert_eq!(report.translations.len(), 1);
    assert_eq!(report.translations[0].review_status, ReviewStatus::Reviewed);
    assert_eq!(report.translations[0].untranslated_items, vec!["ts3.3"]);
    assert_eq!(report.unreviewed_translations().count(), 0);

    let definition = registry.get(TS3_URL, "1.0.0").expect("registered");
    assert_eq!(report.added[0].hash, definition.hash());
    assert_eq!(definition.total_range(), (0, 6));
    let mut answers = Answers::new();
    answers.value("ts3.1", 2);
    answers.value("ts3.2", 0);
    answers.value("ts3.3", 1);
    let result = score(definition, &answers).unwrap();
    assert_eq!(common::whole(&result), 3);
    assert_eq!(common::band(&result), "high");
    assert_eq!(result.definition_hash, definition.hash());

    let t = registry.translation(TS3_URL, "1.0.0", "xx").unwrap();
    assert_eq!(t.item("ts3.1"), Some(("[xx] lamp", ReviewStatus::Reviewed)));
    assert_eq!(
        t.answer("ts.often"),
        Some(("[xx] often", ReviewStatus::Reviewed))
    );
    assert_eq!(t.item("ts3.3"), None);
}

#[test]
fn reimporting_the_same_pack_is_idempotent() {
    let mut registry = shipped();
    import_pack(&good_pack(), &mut registry).unwrap();
    let after_first = count(&registry);
    let hash = registry.get(TS3_URL, "1.0.0").unwrap().hash().to_owned();
    let report = import_pack(&good_pack(), &mut registry).unwrap();
    assert!(report.added.is_empty());
    assert_eq!(report.already_present.len(), 1);
    assert_eq!(report.already_present[0].hash, hash);
    assert!(report.translations[0].already_present);
    assert_eq!(count(&registry), after_first);
}

#[test]
fn an_identical_shipped_definition_in_a_pack_is_already_present() {
    let phq9 = common::def("phq9").resource().clone();
    let mut registry = shipped();
    let before = count(&registry);
    let report = import_pack(&pack(vec![phq9], vec![]), &mut registry).unwrap();
    assert!(report.added.is_empty());
    assert_eq!(report.already_present[0].url, PHQ9_URL);
    assert_eq!(count(&registry), before);
}

#[test]
fn an_unreviewed_translation_is_reported_as_unreviewed() {
    let mut registry = shipped();
    let report = import_pack(
        &pack(vec![ts3()], vec![translation(Some("unreviewed"))]),
        &mut registry,
    )
    .unwrap();
    let unreviewed: Vec<_> = report.unreviewed_translations().collect();
    assert_eq!(unreviewed.len(), 1);
    assert_eq!(unreviewed[0].language, "xx");
    assert_eq!(unreviewed[0].review_status, ReviewStatus::Unreviewed);
    let t = registry.translation(TS3_URL, "1.0.0", "xx").unwrap();
    assert_eq!(t.review_status, ReviewStatus::Unreviewed);
    assert_eq!(
        t.item("ts3.2"),
        Some(("[xx] sheep", ReviewStatus::Unreviewed))
    );
}

#[test]
fn a_translation_may_target_a_registered_definition() {
    // A translation of the synthetic instrument, imported after the instrument itself.
    let mut registry = shipped();
    import_pack(&pack(vec![ts3()], vec![]), &mut registry).unwrap();
    let report = import_pack(
        &pack(vec![], vec![translation(Some("validated"))]),
        &mut registry,
    )
    .unwrap();
    assert_eq!(
        report.translations[0].review_status,
        ReviewStatus::Validated
    );
    assert!(registry.translation(TS3_URL, "1.0.0", "xx").is_some());
}

#[test]
fn malformed_json_is_refused() {
    let mut bytes = good_pack();
    bytes.truncate(bytes.len() / 2);
    assert!(matches!(refused(&bytes), PackError::Json { line: 1, .. }));
    assert!(matches!(refused(b"not json"), PackError::Json { .. }));
    assert!(matches!(
        refused(b"[1, 2]"),
        PackError::Field {
            problem: FieldProblem::WrongType,
            ..
        }
    ));
}

#[test]
fn a_missing_header_field_is_refused() {
    let mut document: Value = serde_json::from_slice(&good_pack()).unwrap();
    document["pack"]
        .as_object_mut()
        .unwrap()
        .remove("licence_note");
    let error = refused(document.to_string().as_bytes());
    assert_eq!(
        error,
        PackError::Field {
            field: "pack.licence_note".into(),
            problem: FieldProblem::Missing
        }
    );
    assert_eq!(refused(&pack(vec![], vec![])), PackError::Empty);
}

#[test]
fn a_missing_scoring_section_is_refused() {
    let bad = test_screener(TS3_URL, "ts3", 3, Some(Value::Null));
    let error = refused(&pack(vec![bad], vec![]));
    assert_eq!(
        error,
        PackError::Definition {
            index: 0,
            url: Some(TS3_URL.into()),
            version: Some("1.0.0".into()),
            source: DefinitionError::MissingScoring,
        }
    );
}

#[test]
fn a_translation_for_an_unknown_link_id_is_refused() {
    let mut t = translation(Some("reviewed"));
    t["items"]["ts3.9"] = json!("[xx] no such item");
    match refused(&pack(vec![ts3()], vec![t])) {
        PackError::UnknownLinkId {
            index,
            url,
            language,
            link_id,
            ..
        } => {
            assert_eq!((index, url.as_str(), language.as_str()), (0, TS3_URL, "xx"));
            assert_eq!(link_id, "ts3.9");
        }
        other => panic!("wrong error: {other:?}"),
    }
}

#[test]
fn a_translation_for_an_unknown_answer_code_is_refused() {
    let mut t = translation(Some("reviewed"));
    t["answers"]["ts.always"] = json!("[xx] always");
    assert!(matches!(
        refused(&pack(vec![ts3()], vec![t])),
        PackError::UnknownAnswerCode { code, .. } if code == "ts.always"
    ));
}

#[test]
fn a_translation_without_review_status_is_refused() {
    let error = refused(&pack(vec![ts3()], vec![translation(None)]));
    assert_eq!(
        error,
        PackError::MissingReviewStatus {
            index: 0,
            url: TS3_URL.into(),
            version: "1.0.0".into(),
            language: "xx".into(),
        }
    );
    let error = refused(&pack(vec![ts3()], vec![translation(Some("approved"))]));
    assert!(matches!(error, PackError::InvalidReviewStatus { value, .. } if value == "approved"));
}

#[test]
fn a_translation_for_an_unknown_definition_is_refused() {
    // The definition is neither in the pack nor registered.
    assert!(matches!(
        refused(&pack(vec![], vec![translation(Some("reviewed"))])),
        PackError::UnknownDefinition { url, .. } if url == TS3_URL
    ));
}

#[test]
fn conflicting_translations_are_refused() {
    let mut other = translation(Some("reviewed"));
    other["items"]["ts3.1"] = json!("[xx] another lamp");
    let twice = pack(
        vec![ts3()],
        vec![translation(Some("reviewed")), other.clone()],
    );
    assert!(matches!(
        refused(&twice),
        PackError::TranslationConflict {
            index: 1,
            clash: TranslationClash::DuplicateInPack,
            ..
        }
    ));

    let mut registry = shipped();
    import_pack(&good_pack(), &mut registry).unwrap();
    let error = import_pack(&pack(vec![ts3()], vec![other]), &mut registry).unwrap_err();
    assert!(matches!(
        error,
        PackError::TranslationConflict {
            clash: TranslationClash::DifferentRegistered,
            ..
        }
    ));
    let kept = registry.translation(TS3_URL, "1.0.0", "xx").unwrap();
    assert_eq!(kept.item("ts3.1").unwrap().0, "[xx] lamp");

    // The shipped K10 carries its validated Dutch texts; a pack may not add a second set.
    let k10 = common::def("k10-nl");
    let dutch = json!({"definition_url": k10.url, "definition_version": k10.version,
                       "language": "nl", "review_status": "unreviewed", "items": {}});
    assert!(matches!(
        refused(&pack(vec![], vec![dutch])),
        PackError::TranslationConflict {
            clash: TranslationClash::EmbeddedInDefinition,
            ..
        }
    ));
}

#[test]
fn a_conflicting_redefinition_of_a_shipped_instrument_is_refused() {
    let mut phq9 = common::def("phq9").resource().clone();
    let extension = phq9["extension"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["url"] == SCORING)
        .unwrap();
    let mut scoring: Value =
        serde_json::from_str(extension["valueString"].as_str().unwrap()).unwrap();
    // Move the mild/moderate boundary: 5–10 mild, 11–14 moderate. Still a valid tiling.
    let bands = scoring["bands"]["bands"].as_array_mut().unwrap();
    assert_eq!(bands[1]["max"], 9);
    bands[1]["max"] = json!(10);
    bands[2]["min"] = json!(11);
    extension["valueString"] = json!(scoring.to_string());

    let mut registry = shipped();
    let known = registry.get(PHQ9_URL, "1.0.0").unwrap().hash().to_owned();
    match import_pack(&pack(vec![ts3(), phq9], vec![]), &mut registry).unwrap_err() {
        PackError::Conflict {
            url,
            version,
            known: k,
            offered,
            with,
        } => {
            assert_eq!((url.as_str(), version.as_str()), (PHQ9_URL, "1.0.0"));
            assert_eq!(k, known);
            assert_ne!(offered, known);
            assert_eq!(with, ConflictWith::Registry);
        }
        other => panic!("wrong error: {other:?}"),
    }
    assert_eq!(registry.get(PHQ9_URL, "1.0.0").unwrap().hash(), known);
    assert!(
        registry.get(TS3_URL, "1.0.0").is_none(),
        "the good definition was registered"
    );
}

#[test]
fn two_different_definitions_under_one_identity_in_a_pack_are_refused() {
    let mut changed = ts3();
    changed["title"] = json!("Test Screener 3 (changed)");
    assert!(matches!(
        refused(&pack(vec![ts3(), changed], vec![])),
        PackError::Conflict {
            with: ConflictWith::Pack,
            ..
        }
    ));
}

#[test]
fn a_pack_whose_second_definition_is_bad_registers_nothing() {
    // Second definition: bands leave a gap (0–2, 4–4), so the total 3 would have no band.
    let gap = json!({
        "items": ["ts2.1", "ts2.2"], "total": {"kind": "sum", "multiplier": 1},
        "missing": {"rule": "no_total"},
        "bands": {"set": "ts2-bands", "direction": "higher_is_worse",
                  "bands": [{"code": "low", "min": 0, "max": 2}, {"code": "high", "min": 4, "max": 4}]}
    });
    let bad = test_screener(TS2_URL, "ts2", 2, Some(gap));
    let bytes = pack(vec![ts3(), bad], vec![translation(Some("reviewed"))]);
    match refused(&bytes) {
        PackError::Definition {
            index, url, source, ..
        } => {
            assert_eq!(index, 1);
            assert_eq!(url.as_deref(), Some(TS2_URL));
            assert!(matches!(source, DefinitionError::Bands { set, .. } if set == "ts2-bands"));
        }
        other => panic!("wrong error: {other:?}"),
    }

    // Second definition scores an item it does not have.
    let unknown = json!({"items": ["ts2.1", "ts2.7"], "total": {"kind": "sum", "multiplier": 1},
                         "missing": {"rule": "no_total"}});
    let bad = test_screener(TS2_URL, "ts2", 2, Some(unknown));
    assert!(matches!(
        refused(&pack(vec![ts3(), bad], vec![])),
        PackError::Definition { index: 1, source: DefinitionError::Item { item, .. }, .. }
            if item == "ts2.7"
    ));

    // Second definition has a non-numeric answer value.
    let mut bad = test_screener(TS2_URL, "ts2", 2, None);
    bad["item"][1]["answerOption"][0]["extension"][0]["valueDecimal"] = json!("zero");
    assert!(matches!(
        refused(&pack(vec![ts3(), bad], vec![])),
        PackError::Definition {
            index: 1,
            source: DefinitionError::Item { .. },
            ..
        }
    ));
}

#[test]
fn unknown_fields_are_refused_not_ignored() {
    let mut t = translation(Some("reviewed"));
    t["reveiw_status"] = json!("validated");
    assert_eq!(
        refused(&pack(vec![ts3()], vec![t])),
        PackError::Field {
            field: "translations[0].reveiw_status".into(),
            problem: FieldProblem::Unknown
        }
    );
}

/// A valid, tiny WAV file: 16-bit mono PCM at 8 kHz, `samples` samples of silence.
fn wav(samples: u32) -> Vec<u8> {
    let data = samples * 2;
    let mut out = Vec::new();
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&8000u32.to_le_bytes());
    out.extend_from_slice(&16000u32.to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data.to_le_bytes());
    out.resize(out.len() + data as usize, 0);
    out
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn with_audio(audio: Value) -> Vec<u8> {
    let mut t = translation(Some("unreviewed"));
    t["audio"] = audio;
    pack(vec![ts3()], vec![t])
}

#[test]
fn a_translation_carries_recordings_of_items_and_answers() {
    let clip = b64(&wav(800));
    let bytes = with_audio(json!({
        "items": {"ts3.1": {"media_type": "audio/wav", "data": clip}},
        "answers": {"ts.never": {"media_type": "audio/wav", "data": clip}}
    }));
    let mut registry = shipped();
    let report = import_pack(&bytes, &mut registry).unwrap();
    assert_eq!(report.translations[0].audio_clips, 2);
    let t = registry.translation(TS3_URL, "1.0.0", "xx").unwrap();
    let item = t.item_audio("ts3.1").unwrap();
    assert_eq!(item.data_url(), format!("data:audio/wav;base64,{clip}"));
    assert!(t.answer_audio("ts.never").is_some());
    assert!(
        t.item_audio("ts3.2").is_none(),
        "no recording: nothing to play"
    );
}

#[test]
fn a_recording_that_is_not_what_it_says_is_refused() {
    let wav = b64(&wav(10));
    let cases = [
        (
            json!({"media_type": "audio/x-unknown", "data": wav}),
            AudioProblem::MediaType,
        ),
        (
            json!({"media_type": "audio/wav", "data": "not base64!"}),
            AudioProblem::NotBase64,
        ),
        (
            json!({"media_type": "audio/ogg", "data": wav}),
            AudioProblem::NotThatFormat,
        ),
        (
            json!({"media_type": "audio/wav", "data": b64(b"RIFF....AVI LIST")}),
            AudioProblem::NotThatFormat,
        ),
        (
            json!({"media_type": "audio/wav", "data": b64(&vec![0; aankomst_instruments::pack::MAX_AUDIO_BYTES + 1])}),
            AudioProblem::TooLarge,
        ),
    ];
    for (clip, expected) in cases {
        let error = refused(&with_audio(json!({"items": {"ts3.1": clip}})));
        match error {
            PackError::Audio { key, problem, .. } => {
                assert_eq!((key.as_str(), problem), ("ts3.1", expected));
            }
            other => panic!("expected an audio error, got {other:?}"),
        }
    }
}

#[test]
fn a_recording_for_an_unknown_item_or_answer_or_with_extra_fields_is_refused() {
    let clip = json!({"media_type": "audio/wav", "data": b64(&wav(10))});
    assert!(matches!(
        refused(&with_audio(json!({"items": {"ts3.9": clip}}))),
        PackError::UnknownLinkId { link_id, .. } if link_id == "ts3.9"
    ));
    assert!(matches!(
        refused(&with_audio(json!({"answers": {"ts.maybe": clip}}))),
        PackError::UnknownAnswerCode { code, .. } if code == "ts.maybe"
    ));
    assert!(matches!(
        refused(&with_audio(json!({"voices": {}}))),
        PackError::Field { field, problem: FieldProblem::Unknown } if field == "translations[0].audio.voices"
    ));
    let mut extra = clip.clone();
    extra["speaker"] = json!("someone");
    assert!(matches!(
        refused(&with_audio(json!({"items": {"ts3.1": extra}}))),
        PackError::Field { field, problem: FieldProblem::Unknown } if field == "translations[0].audio.items.ts3.1.speaker"
    ));
}
