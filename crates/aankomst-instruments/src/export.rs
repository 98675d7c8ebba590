//! FHIR R4 export of one administration: a `QuestionnaireResponse` holding the answers with
//! their metadata, and an `Observation` per score, together in a `Bundle` of type
//! `collection` (instruments.md §18). Pure functions: JSON values in, JSON values out, no IO.
//!
//! How things are represented (see also the crate README):
//!
//! - `QuestionnaireResponse.questionnaire` is the canonical `url|version`; the definition
//!   hash is the extension [`DEFINITION_HASH_EXTENSION`]; the administration id is both the
//!   resource id and an identifier in [`ADMINISTRATION_IDENTIFIER_SYSTEM`].
//! - One `item` per exported answer, in the definition's item order, with the item's text.
//!   A choice answer is a `valueCoding` (the option's system, code and display) carrying the
//!   numeric value in the `ordinalValue` extension; typed answers are `valueInteger`,
//!   `valueDate`, `valueString` and `valueBoolean`.
//! - **Declined, don't know and not asked** are items **without** an `answer`, carrying the
//!   standard `data-absent-reason` extension: `asked-declined`, `asked-unknown` and
//!   `not-asked` respectively (codes of
//!   `http://terminology.hl7.org/CodeSystem/data-absent-reason`). Items the input does not
//!   mention are left out altogether.
//! - Per-answer metadata are extensions on the item: [`ANSWER_LANGUAGE_EXTENSION`]
//!   (`valueCode`, BCP 47), [`ANSWER_TEXT_STATUS_EXTENSION`] (`valueCode`, [`TextStatus`]:
//!   how far the text shown in that language was checked), [`ADMINISTRATION_MODE_EXTENSION`]
//!   (`valueCode`: `read_aloud`, `self_completed`, `via_interpreter`),
//!   [`ANSWERED_AT_EXTENSION`] (`valueDateTime`) and [`ENTERED_BY_EXTENSION`]
//!   (`valueReference`).
//! - One `Observation` per score: the total (LOINC code where instruments.md marks one as
//!   verified, plus the local code `<definition id>.total` in [`SCORE_SYSTEM`]), one per
//!   subscale (`<definition id>.<subscale id>`), and one for a level or rung
//!   (`<definition id>.category`). A whole total is `valueInteger`; an imputed fractional total
//!   is an exact `valueRatio`; a level or rung is a `valueCodeableConcept`. No value →
//!   `dataAbsentReason` `unknown` with the reason in `note`. Band, flags, cluster rules,
//!   imputation, missing items, the rule that decided a level and the level counts are
//!   `component`s. Every Observation is `derivedFrom` the QuestionnaireResponse and carries
//!   the definition hash and scorer version as extensions and the plain-English explanation
//!   as `note`. Record-only definitions produce no Observation.
//! - Entries have `fullUrl` `urn:uuid:<id>`; Observation ids are derived deterministically
//!   from the administration id, so exporting the same administration twice gives the same
//!   bundle.

use chrono::{DateTime, SecondsFormat};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::definition::{Definition, Item, ReviewStatus, ORDINAL_VALUE_EXTENSION};
use crate::score::{
    check_answer, Answer, CategoryResult, FlagState, RuleOutcome, Score, ScoreError, ScoreResult,
};
use crate::spec::{FlagKind, Method};

pub const DEFINITION_HASH_EXTENSION: &str =
    "https://aankomst.nl/fhir/StructureDefinition/definition-hash";
pub const SCORER_VERSION_EXTENSION: &str =
    "https://aankomst.nl/fhir/StructureDefinition/scorer-version";
pub const ANSWER_LANGUAGE_EXTENSION: &str =
    "https://aankomst.nl/fhir/StructureDefinition/answer-language";
pub const ANSWER_TEXT_STATUS_EXTENSION: &str =
    "https://aankomst.nl/fhir/StructureDefinition/answer-text-status";
pub const ADMINISTRATION_MODE_EXTENSION: &str =
    "https://aankomst.nl/fhir/StructureDefinition/administration-mode";
pub const ANSWERED_AT_EXTENSION: &str = "https://aankomst.nl/fhir/StructureDefinition/answered-at";
pub const ENTERED_BY_EXTENSION: &str = "https://aankomst.nl/fhir/StructureDefinition/entered-by";
pub const DATA_ABSENT_REASON_EXTENSION: &str =
    "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
pub const DATA_ABSENT_REASON_SYSTEM: &str =
    "http://terminology.hl7.org/CodeSystem/data-absent-reason";
pub const ADMINISTRATION_IDENTIFIER_SYSTEM: &str =
    "https://aankomst.nl/fhir/NamingSystem/administration";
/// Local codes for scores and their components.
pub const SCORE_SYSTEM: &str = "https://aankomst.nl/fhir/CodeSystem/score";
/// A band set's codes: this prefix + the set name (e.g. `…/band/phq9-severity`).
pub const BAND_SYSTEM_PREFIX: &str = "https://aankomst.nl/fhir/CodeSystem/band/";
/// A level or rung set's codes: this prefix + the set name.
pub const CATEGORY_SYSTEM_PREFIX: &str = "https://aankomst.nl/fhir/CodeSystem/category/";
pub const FLAG_SYSTEM: &str = "https://aankomst.nl/fhir/CodeSystem/flag";
pub const FLAG_STATE_SYSTEM: &str = "https://aankomst.nl/fhir/CodeSystem/flag-state";
pub const RULE_SYSTEM: &str = "https://aankomst.nl/fhir/CodeSystem/rule";
pub const RULE_OUTCOME_SYSTEM: &str = "https://aankomst.nl/fhir/CodeSystem/rule-outcome";
pub const DECISION_SYSTEM: &str = "https://aankomst.nl/fhir/CodeSystem/category-decision";
const LOINC: &str = "http://loinc.org";
const OBSERVATION_CATEGORY_SYSTEM: &str =
    "http://terminology.hl7.org/CodeSystem/observation-category";

/// Total-score LOINC codes that instruments.md marks as verified (§1, §5, §6, §7, §9, §18),
/// by definition URL. K10, K6, WHO-5 and PC-PTSD-5 have none verified: local codes only.
const VERIFIED_TOTAL_LOINC: &[(&str, &str)] = &[
    ("https://aankomst.nl/fhir/Questionnaire/phq9", "44261-6"),
    ("https://aankomst.nl/fhir/Questionnaire/gad7", "70274-6"),
    ("https://aankomst.nl/fhir/Questionnaire/phq4", "70272-0"),
    ("https://aankomst.nl/fhir/Questionnaire/pcl5", "101698-9"),
];

/// The total's LOINC code, where a verified one exists for this instrument.
pub fn total_loinc(definition: &Definition) -> Option<&'static str> {
    VERIFIED_TOTAL_LOINC
        .iter()
        .find(|(url, _)| *url == definition.url)
        .map(|(_, code)| *code)
}

/// A FHIR `Reference`: `reference` is a literal reference such as `Patient/<id>`,
/// `Practitioner/<id>` or `urn:uuid:<id>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    pub reference: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

impl Reference {
    pub fn new(reference: impl Into<String>) -> Reference {
        Reference {
            reference: reference.into(),
            display: None,
        }
    }
}

/// `QuestionnaireResponse.status` (the two an administration can have).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResponseStatus {
    InProgress,
    Completed,
}

/// How an answer was given (DESIGN.md §3; instruments.md §2 rule 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerMode {
    ReadAloud,
    SelfCompleted,
    ViaInterpreter,
}

impl AnswerMode {
    pub fn code(self) -> &'static str {
        match self {
            AnswerMode::ReadAloud => "read_aloud",
            AnswerMode::SelfCompleted => "self_completed",
            AnswerMode::ViaInterpreter => "via_interpreter",
        }
    }
}

/// How far the question's text was checked in the language it was shown in, recorded with
/// the answer, so whoever reads the result knows whether the client read a validated text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextStatus {
    /// The instrument's own wording.
    Original,
    Validated,
    Reviewed,
    Unreviewed,
    /// No text in the answer's language: the instrument's own wording was shown.
    Untranslated,
}

impl TextStatus {
    pub fn code(self) -> &'static str {
        match self {
            TextStatus::Original => "original",
            TextStatus::Validated => "validated",
            TextStatus::Reviewed => "reviewed",
            TextStatus::Unreviewed => "unreviewed",
            TextStatus::Untranslated => "untranslated",
        }
    }

    pub fn from_code(code: &str) -> Option<TextStatus> {
        [
            TextStatus::Original,
            TextStatus::Validated,
            TextStatus::Reviewed,
            TextStatus::Unreviewed,
            TextStatus::Untranslated,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// The status of a text shown from a translation with `review`, or `None` for the
    /// instrument's own wording.
    pub fn of_review(review: Option<ReviewStatus>) -> TextStatus {
        match review {
            None => TextStatus::Original,
            Some(ReviewStatus::Validated) => TextStatus::Validated,
            Some(ReviewStatus::Reviewed) => TextStatus::Reviewed,
            Some(ReviewStatus::Unreviewed) => TextStatus::Unreviewed,
        }
    }
}

/// One answer with its metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportAnswer {
    pub link_id: String,
    /// `None`: recorded as not asked (exported with data-absent-reason `not-asked`).
    pub answer: Option<Answer>,
    /// BCP 47 tag of the language the question was shown or read in.
    #[serde(default)]
    pub language: Option<String>,
    /// How far the text shown in `language` was checked.
    #[serde(default)]
    pub text_status: Option<TextStatus>,
    #[serde(default)]
    pub mode: Option<AnswerMode>,
    /// RFC 3339.
    #[serde(default)]
    pub answered_at: Option<String>,
    #[serde(default)]
    pub entered_by: Option<Reference>,
}

impl ExportAnswer {
    pub fn new(link_id: impl Into<String>, answer: Option<Answer>) -> ExportAnswer {
        ExportAnswer {
            link_id: link_id.into(),
            answer,
            language: None,
            text_status: None,
            mode: None,
            answered_at: None,
            entered_by: None,
        }
    }
}

/// Everything an export needs besides the definition.
#[derive(Debug, Clone)]
pub struct ExportInput<'a> {
    /// The administration's id, a UUID: the QuestionnaireResponse id.
    pub response_id: String,
    /// The client (`Patient/<id>` in FHIR terms).
    pub subject: Reference,
    /// Who took the administration (`Practitioner/<id>`, `PractitionerRole/<id>`, …).
    pub author: Reference,
    /// RFC 3339.
    pub authored: String,
    pub status: ResponseStatus,
    pub answers: Vec<ExportAnswer>,
    /// The scorer's result for these answers, if scored.
    pub result: Option<&'a ScoreResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error("response id must be a UUID")]
    InvalidResponseId,
    #[error("{field} must be an RFC 3339 date-time")]
    InvalidDateTime { field: String },
    #[error("{field} must be a non-empty reference without spaces")]
    InvalidReference { field: String },
    #[error("the language of {item} must be a BCP 47 tag")]
    InvalidLanguage { item: String },
    #[error("{0} is answered twice")]
    DuplicateAnswer(String),
    #[error(transparent)]
    Answer(#[from] ScoreError),
    #[error("the result was scored against definition {result_hash}, not {definition_hash}")]
    ResultMismatch {
        definition_hash: String,
        result_hash: String,
    },
}

/// The Bundle (type `collection`): the QuestionnaireResponse first, then the Observations.
pub fn export_bundle(definition: &Definition, input: &ExportInput) -> Result<Value, ExportError> {
    let response = questionnaire_response(definition, input)?;
    let observations = observations(definition, input)?;
    let entry: Vec<Value> = std::iter::once(response)
        .chain(observations)
        .map(|resource| {
            json!({
                "fullUrl": format!("urn:uuid:{}", resource["id"].as_str().expect("ids are set")),
                "resource": resource,
            })
        })
        .collect();
    Ok(json!({"resourceType": "Bundle", "type": "collection", "entry": entry}))
}

/// The QuestionnaireResponse alone.
pub fn questionnaire_response(
    definition: &Definition,
    input: &ExportInput,
) -> Result<Value, ExportError> {
    let id = response_id(input)?;
    let authored = date_time(&input.authored, "authored")?;
    check_reference(&input.subject, "subject")?;
    check_reference(&input.author, "author")?;
    check_result(definition, input)?;
    let mut seen = std::collections::BTreeSet::new();
    for answer in &input.answers {
        if !seen.insert(answer.link_id.as_str()) {
            return Err(ExportError::DuplicateAnswer(answer.link_id.clone()));
        }
        match (&answer.answer, definition.item(&answer.link_id)) {
            (Some(value), _) => check_answer(definition, &answer.link_id, value)?,
            (None, Some(Item::Choice(_) | Item::Field(_))) => {}
            (None, _) => return Err(ScoreError::UnknownItem(answer.link_id.clone()).into()),
        }
    }
    let mut items = Vec::new();
    // Definition order, not input order: the response reads like the form.
    for item in &definition.items {
        let Some(answer) = input.answers.iter().find(|a| a.link_id == item.link_id()) else {
            continue;
        };
        items.push(response_item(definition, item, answer)?);
    }
    Ok(json!({
        "resourceType": "QuestionnaireResponse",
        "id": id,
        "extension": [{"url": DEFINITION_HASH_EXTENSION, "valueString": definition.hash()}],
        "identifier": {"system": ADMINISTRATION_IDENTIFIER_SYSTEM, "value": id},
        "language": definition.language,
        "questionnaire": format!("{}|{}", definition.url, definition.version),
        "status": match input.status {
            ResponseStatus::InProgress => "in-progress",
            ResponseStatus::Completed => "completed",
        },
        "subject": reference(&input.subject),
        "authored": authored,
        "author": reference(&input.author),
        "item": items,
    }))
}

/// The Observations for the scores in `input.result`: none without a result or for a
/// record-only definition.
pub fn observations(
    definition: &Definition,
    input: &ExportInput,
) -> Result<Vec<Value>, ExportError> {
    let id = response_id(input)?;
    let authored = date_time(&input.authored, "authored")?;
    check_reference(&input.subject, "subject")?;
    check_reference(&input.author, "author")?;
    check_result(definition, input)?;
    let Some(result) = input.result else {
        return Ok(Vec::new());
    };
    let frame = ObservationFrame {
        response_id: &id,
        authored: &authored,
        input,
        result,
    };
    let mut out = Vec::new();
    match definition.scoring.method {
        Method::RecordOnly => {}
        Method::Total => {
            let mut codes = Vec::new();
            if let Some(loinc) = total_loinc(definition) {
                codes.push(json!({"system": LOINC, "code": loinc}));
            }
            codes.push(local_code(definition, "total"));
            let mut components = Vec::new();
            if let Some(band) = &result.band {
                components.push(band_component(&band.set, &band.code));
            }
            components.push(component(
                score_code("imputed", "total includes imputed item values"),
                "valueBoolean",
                json!(result.imputed),
            ));
            components.push(component(
                score_code("missing-items", "scored items without a usable answer"),
                "valueInteger",
                json!(result.missing_items),
            ));
            for flag in &result.flags {
                let kind = match flag.kind {
                    FlagKind::Safety => "safety flag",
                    FlagKind::FollowUp => "follow-up flag",
                };
                components.push(component(
                    json!({"coding": [{"system": FLAG_SYSTEM, "code": flag.id}], "text": kind}),
                    "valueCodeableConcept",
                    concept(FLAG_STATE_SYSTEM, flag_state_code(flag.state)),
                ));
            }
            for rule in &result.rules {
                components.push(component(
                    json!({"coding": [{"system": RULE_SYSTEM, "code": rule.id}]}),
                    "valueCodeableConcept",
                    concept(RULE_OUTCOME_SYSTEM, rule_outcome_code(rule.outcome)),
                ));
            }
            out.push(frame.observation(
                "total",
                json!({"coding": codes, "text": format!("{}: total score", definition.title)}),
                result.total.map(score_value),
                result.explanation.english(),
                components,
            ));
            for subscale in &result.subscales {
                let components = subscale
                    .band
                    .iter()
                    .map(|band| band_component(&band.set, &band.code))
                    .collect();
                out.push(frame.observation(
                    &subscale.id,
                    json!({
                        "coding": [local_code(definition, &subscale.id)],
                        "text": format!("{}: subscale {}", definition.title, subscale.id),
                    }),
                    subscale.total.map(score_value),
                    match subscale.total {
                        Some(total) => format!("Subscale {}: {total}.", subscale.id),
                        None => format!("Subscale {}: an item is missing, no score.", subscale.id),
                    },
                    components,
                ));
            }
        }
        Method::LevelCount | Method::Category => {
            let (value, components) = match &result.category {
                Some(category) => category_parts(category),
                None => (None, Vec::new()),
            };
            let set = definition
                .scoring
                .level_count
                .as_ref()
                .map(|r| r.set.as_str())
                .or(definition.scoring.category.as_ref().map(|r| r.set.as_str()))
                .unwrap_or_default();
            out.push(frame.observation(
                "category",
                json!({
                    "coding": [local_code(definition, "category")],
                    "text": format!("{}: {}", definition.title, set),
                }),
                value,
                result.explanation.english(),
                components,
            ));
        }
    }
    Ok(out)
}

struct ObservationFrame<'a> {
    response_id: &'a str,
    authored: &'a str,
    input: &'a ExportInput<'a>,
    result: &'a ScoreResult,
}

impl ObservationFrame<'_> {
    /// `value`: (value[x] key, value). None → dataAbsentReason.
    fn observation(
        &self,
        part: &str,
        code: Value,
        value: Option<(&'static str, Value)>,
        note: String,
        components: Vec<Value>,
    ) -> Value {
        let mut observation = Map::new();
        let mut put = |key: &str, value: Value| {
            observation.insert(key.to_owned(), value);
        };
        put("resourceType", json!("Observation"));
        put("id", json!(derived_uuid(self.response_id, part)));
        put(
            "extension",
            json!([
                {"url": DEFINITION_HASH_EXTENSION, "valueString": self.result.definition_hash},
                {"url": SCORER_VERSION_EXTENSION, "valueString": self.result.scorer_version},
            ]),
        );
        put(
            "status",
            json!(match self.input.status {
                ResponseStatus::Completed => "final",
                ResponseStatus::InProgress => "preliminary",
            }),
        );
        put(
            "category",
            json!([{"coding": [{"system": OBSERVATION_CATEGORY_SYSTEM, "code": "survey"}]}]),
        );
        put("code", code);
        put("subject", reference(&self.input.subject));
        put("effectiveDateTime", json!(self.authored));
        put("performer", json!([reference(&self.input.author)]));
        match value {
            Some((key, value)) => put(key, value),
            None => put(
                "dataAbsentReason",
                json!({"coding": [{"system": DATA_ABSENT_REASON_SYSTEM, "code": "unknown"}]}),
            ),
        }
        put("note", json!([{"text": note}]));
        put(
            "derivedFrom",
            json!([{"reference": format!("urn:uuid:{}", self.response_id)}]),
        );
        if !components.is_empty() {
            put("component", Value::Array(components));
        }
        Value::Object(observation)
    }
}

fn category_parts(category: &CategoryResult) -> (Option<(&'static str, Value)>, Vec<Value>) {
    let system = format!("{CATEGORY_SYSTEM_PREFIX}{}", category.set);
    let value = category.code.as_ref().map(|code| {
        let mut coding = json!({"system": system, "code": code});
        let mut concept = json!({});
        if let Some(display) = &category.display {
            coding["display"] = json!(display);
            concept["text"] = json!(display);
        }
        concept["coding"] = json!([coding]);
        ("valueCodeableConcept", concept)
    });
    let mut components = vec![
        component(
            score_code("decided-by", "rule that decided the level or rung"),
            "valueCodeableConcept",
            concept(DECISION_SYSTEM, category.decided_by.code()),
        ),
        component(
            score_code(
                "needs-confirmation",
                "a tie or fallback rule decided: the assessor confirms",
            ),
            "valueBoolean",
            json!(category.decided_by.needs_confirmation()),
        ),
    ];
    if let Some(ordinal) = category.ordinal {
        components.push(component(
            score_code("ordinal", "level position (most support = 1) or rung"),
            "valueInteger",
            json!(ordinal),
        ));
    }
    for count in &category.counts {
        components.push(component(
            score_code(
                &format!("yes-count.{}", count.code),
                &format!("'yes' answers at level {}", count.code),
            ),
            "valueInteger",
            json!(count.count),
        ));
    }
    (value, components)
}

fn response_item(
    definition: &Definition,
    item: &Item,
    answer: &ExportAnswer,
) -> Result<Value, ExportError> {
    let mut extensions = Vec::new();
    let absent = match &answer.answer {
        None => Some("not-asked"),
        Some(Answer::Declined) => Some("asked-declined"),
        Some(Answer::DontKnow) => Some("asked-unknown"),
        Some(_) => None,
    };
    if let Some(code) = absent {
        extensions.push(json!({"url": DATA_ABSENT_REASON_EXTENSION, "valueCode": code}));
    }
    if let Some(language) = &answer.language {
        if !is_language_tag(language) {
            return Err(ExportError::InvalidLanguage {
                item: answer.link_id.clone(),
            });
        }
        extensions.push(json!({"url": ANSWER_LANGUAGE_EXTENSION, "valueCode": language}));
    }
    if let Some(status) = answer.text_status {
        extensions.push(json!({"url": ANSWER_TEXT_STATUS_EXTENSION, "valueCode": status.code()}));
    }
    if let Some(mode) = answer.mode {
        extensions.push(json!({"url": ADMINISTRATION_MODE_EXTENSION, "valueCode": mode.code()}));
    }
    if let Some(at) = &answer.answered_at {
        let field = format!("answered_at of {}", answer.link_id);
        extensions
            .push(json!({"url": ANSWERED_AT_EXTENSION, "valueDateTime": date_time(at, &field)?}));
    }
    if let Some(by) = &answer.entered_by {
        check_reference(by, &format!("entered_by of {}", answer.link_id))?;
        extensions.push(json!({"url": ENTERED_BY_EXTENSION, "valueReference": reference(by)}));
    }
    let mut out = Map::new();
    out.insert("linkId".into(), json!(item.link_id()));
    if !extensions.is_empty() {
        out.insert("extension".into(), Value::Array(extensions));
    }
    out.insert("text".into(), json!(item.text().base));
    let value = match (&answer.answer, item) {
        (Some(Answer::Value(value)), Item::Choice(choice)) => {
            let option = choice
                .option_with_value(*value)
                .expect("checked by check_answer");
            let mut coding = Map::new();
            coding.insert(
                "extension".into(),
                json!([{"url": ORDINAL_VALUE_EXTENSION, "valueDecimal": value}]),
            );
            if let Some(system) = option_system(definition, item.link_id(), &option.code) {
                coding.insert("system".into(), json!(system));
            }
            coding.insert("code".into(), json!(option.code));
            coding.insert("display".into(), json!(option.display.base));
            Some(json!({"valueCoding": coding}))
        }
        (Some(Answer::Integer(value)), _) => Some(json!({"valueInteger": value})),
        (Some(Answer::Date(value)), _) => Some(json!({"valueDate": value})),
        (Some(Answer::Text(value)), _) => Some(json!({"valueString": value})),
        (Some(Answer::Boolean(value)), _) => Some(json!({"valueBoolean": value})),
        _ => None,
    };
    if let Some(value) = value {
        out.insert("answer".into(), json!([value]));
    }
    Ok(Value::Object(out))
}

/// The code system of an option, as written in the definition resource.
fn option_system<'a>(definition: &'a Definition, link_id: &str, code: &str) -> Option<&'a str> {
    definition
        .resource()
        .get("item")?
        .as_array()?
        .iter()
        .find(|i| i.get("linkId").and_then(Value::as_str) == Some(link_id))?
        .get("answerOption")?
        .as_array()?
        .iter()
        .filter_map(|o| o.get("valueCoding"))
        .find(|c| c.get("code").and_then(Value::as_str) == Some(code))?
        .get("system")?
        .as_str()
}

fn check_result(definition: &Definition, input: &ExportInput) -> Result<(), ExportError> {
    match input.result {
        Some(result) if result.definition_hash != definition.hash() => {
            Err(ExportError::ResultMismatch {
                definition_hash: definition.hash().to_owned(),
                result_hash: result.definition_hash.clone(),
            })
        }
        _ => Ok(()),
    }
}

fn response_id(input: &ExportInput) -> Result<String, ExportError> {
    let id = input.response_id.to_ascii_lowercase();
    let groups: Vec<&str> = id.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    if lengths == [8, 4, 4, 4, 12]
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        Ok(id)
    } else {
        Err(ExportError::InvalidResponseId)
    }
}

/// RFC 3339, re-written in the form FHIR's `dateTime` and `instant` accept (a `T`,
/// seconds, an offset or `Z`).
fn date_time(text: &str, field: &str) -> Result<String, ExportError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
        .map_err(|_| ExportError::InvalidDateTime {
            field: field.to_owned(),
        })
}

fn check_reference(reference: &Reference, field: &str) -> Result<(), ExportError> {
    if reference.reference.is_empty() || reference.reference.chars().any(char::is_whitespace) {
        return Err(ExportError::InvalidReference {
            field: field.to_owned(),
        });
    }
    Ok(())
}

fn reference(reference: &Reference) -> Value {
    let mut out = json!({"reference": reference.reference});
    if let Some(display) = reference.display.as_ref().filter(|d| !d.trim().is_empty()) {
        out["display"] = json!(display);
    }
    out
}

/// A BCP 47 tag in the simple shape FHIR codes take: `nl`, `fa-AF`, `ti-ER`, `kmr`.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn score_value(score: Score) -> (&'static str, Value) {
    match score.as_whole() {
        Some(whole) => ("valueInteger", json!(whole)),
        // An imputed total such as 140/9: exact, as the scorer computed it.
        None => (
            "valueRatio",
            json!({
                "numerator": {"value": score.numerator},
                "denominator": {"value": score.denominator},
            }),
        ),
    }
}

fn local_code(definition: &Definition, part: &str) -> Value {
    json!({"system": SCORE_SYSTEM, "code": format!("{}.{part}", definition.id)})
}

fn score_code(code: &str, text: &str) -> Value {
    json!({"coding": [{"system": SCORE_SYSTEM, "code": code}], "text": text})
}

fn concept(system: &str, code: &str) -> Value {
    json!({"coding": [{"system": system, "code": code}]})
}

fn component(code: Value, key: &str, value: Value) -> Value {
    let mut out = json!({"code": code});
    out[key] = value;
    out
}

fn band_component(set: &str, code: &str) -> Value {
    component(
        score_code("band", "band (interpretation)"),
        "valueCodeableConcept",
        json!({"coding": [{"system": format!("{BAND_SYSTEM_PREFIX}{set}"), "code": code}], "text": code}),
    )
}

fn flag_state_code(state: FlagState) -> &'static str {
    match state {
        FlagState::Raised => "raised",
        FlagState::NotRaised => "not_raised",
        FlagState::Undetermined => "undetermined",
    }
}

fn rule_outcome_code(outcome: RuleOutcome) -> &'static str {
    match outcome {
        RuleOutcome::Met => "met",
        RuleOutcome::NotMet => "not_met",
        RuleOutcome::Undetermined => "undetermined",
    }
}

/// A UUID derived from the administration id and the score's part name (SHA-256, with the
/// RFC 9562 version 8 and variant bits set): stable across exports.
fn derived_uuid(response_id: &str, part: &str) -> String {
    let digest = Sha256::digest(format!("{response_id}/{part}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}
