//! A versioned, hashed instrument definition read from a FHIR R4 `Questionnaire`.
//!
//! We read only the subset we need (identity, choice items with ordinal values, typed
//! record-only fields, translations, `enableWhen`, the scoring extension) and keep the whole
//! parsed JSON so the definition can be exchanged unchanged. The hash covers the whole resource, texts included: a changed
//! wording is a different definition.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::canonical::content_hash;
use crate::spec::{
    BandSet, Condition, Method, MissingRule, ScoringSpec, TotalKind, SCORING_EXTENSION,
};

pub const ORDINAL_VALUE_EXTENSION: &str = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
pub const TRANSLATION_EXTENSION: &str = "http://hl7.org/fhir/StructureDefinition/translation";
pub const REVIEW_STATUS_EXTENSION: &str =
    "https://aankomst.nl/fhir/StructureDefinition/translation-review-status";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DefinitionError {
    #[error("not valid JSON: {0}")]
    Json(String),
    #[error("missing or malformed field {0}")]
    Field(String),
    #[error("the scoring section (extension {SCORING_EXTENSION}) is missing")]
    MissingScoring,
    #[error("the scoring section is malformed: {0}")]
    Scoring(String),
    #[error("item {item}: {problem}")]
    Item { item: String, problem: String },
    #[error("band set {set}: {problem}")]
    Bands { set: String, problem: String },
}

/// How far a translation has been checked (DESIGN.md §6). Only validated and reviewed
/// translations are shipped; an unreviewed one must be shown as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Validated,
    Reviewed,
    Unreviewed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub lang: String,
    pub content: String,
    pub review: ReviewStatus,
}

/// A text in the definition's base language with its translations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub base: String,
    pub translations: Vec<Translation>,
}

impl Text {
    /// The translation into `lang`, with its review status, if the definition carries one.
    pub fn translation(&self, lang: &str) -> Option<&Translation> {
        self.translations.iter().find(|t| t.lang == lang)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerOption {
    pub code: String,
    pub display: Text,
    /// The numeric scoring value (FHIR `ordinalValue`), never the option's position.
    pub value: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    Equals,
    NotEquals,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnableWhen {
    pub question: String,
    pub operator: Operator,
    pub answer_code: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// Instructions or a stem: shown, never answered.
    Display {
        link_id: String,
        text: Text,
    },
    Choice(ChoiceItem),
    /// A typed value that is recorded, never scored (FHIR `integer`, `date`, `string`,
    /// `text`, `boolean`).
    Field(FieldItem),
}

impl Item {
    pub fn link_id(&self) -> &str {
        match self {
            Item::Display { link_id, .. } => link_id,
            Item::Choice(choice) => &choice.link_id,
            Item::Field(field) => &field.link_id,
        }
    }

    pub fn text(&self) -> &Text {
        match self {
            Item::Display { text, .. } => text,
            Item::Choice(choice) => &choice.text,
            Item::Field(field) => &field.text,
        }
    }
}

/// The FHIR item types a [`FieldItem`] may have, and the [`crate::Answer`] each takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// `Answer::Integer`.
    Integer,
    /// `Answer::Date`: a full calendar date, `YYYY-MM-DD`.
    Date,
    /// `Answer::Text`: one line.
    String,
    /// `Answer::Text`: free text over several lines.
    Text,
    /// `Answer::Boolean`.
    Boolean,
}

impl FieldKind {
    /// The FHIR `Questionnaire.item.type` code.
    pub fn fhir_type(self) -> &'static str {
        match self {
            FieldKind::Integer => "integer",
            FieldKind::Date => "date",
            FieldKind::String => "string",
            FieldKind::Text => "text",
            FieldKind::Boolean => "boolean",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldItem {
    pub link_id: String,
    pub text: Text,
    pub kind: FieldKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceItem {
    /// The stable concept code answers are keyed by.
    pub link_id: String,
    pub text: Text,
    pub options: Vec<AnswerOption>,
    pub enable_when: Vec<EnableWhen>,
    /// FHIR `enableBehavior`: true for "any", false for "all" (the default).
    pub enable_when_any: bool,
}

impl ChoiceItem {
    pub fn option_with_value(&self, value: i32) -> Option<&AnswerOption> {
        self.options.iter().find(|o| o.value == value)
    }

    pub fn min_value(&self) -> i32 {
        self.options.iter().map(|o| o.value).min().unwrap_or(0)
    }

    pub fn max_value(&self) -> i32 {
        self.options.iter().map(|o| o.value).max().unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// FHIR canonical URL: with `version`, the definition's identity.
    pub url: String,
    pub version: String,
    pub id: String,
    pub title: String,
    pub language: String,
    pub copyright: String,
    pub items: Vec<Item>,
    pub scoring: ScoringSpec,
    hash: String,
    resource: Value,
}

impl Definition {
    /// Parses and checks a FHIR R4 Questionnaire carrying our scoring extension.
    pub fn from_json(text: &str) -> Result<Definition, DefinitionError> {
        let resource: Value =
            serde_json::from_str(text).map_err(|e| DefinitionError::Json(e.to_string()))?;
        Definition::from_value(resource)
    }

    pub fn from_value(resource: Value) -> Result<Definition, DefinitionError> {
        if resource.get("resourceType").and_then(Value::as_str) != Some("Questionnaire") {
            return Err(DefinitionError::Field("resourceType".into()));
        }
        let field = |name: &str| -> Result<String, DefinitionError> {
            resource
                .get(name)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| DefinitionError::Field(name.into()))
        };
        let scoring_json = extensions(&resource)
            .find(|e| e.get("url").and_then(Value::as_str) == Some(SCORING_EXTENSION))
            .and_then(|e| e.get("valueString"))
            .and_then(Value::as_str)
            .ok_or(DefinitionError::MissingScoring)?;
        let scoring: ScoringSpec = serde_json::from_str(scoring_json)
            .map_err(|e| DefinitionError::Scoring(e.to_string()))?;
        let items = resource
            .get("item")
            .and_then(Value::as_array)
            .ok_or_else(|| DefinitionError::Field("item".into()))?
            .iter()
            .map(parse_item)
            .collect::<Result<Vec<_>, _>>()?;
        let definition = Definition {
            url: field("url")?,
            version: field("version")?,
            id: field("id")?,
            title: field("title")?,
            language: field("language")?,
            copyright: field("copyright")?,
            items,
            scoring,
            hash: content_hash(&resource),
            resource,
        };
        definition.check()?;
        Ok(definition)
    }

    /// SHA-256 (hex) of the canonical JSON of the whole resource.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The FHIR resource as read, for exchange.
    pub fn resource(&self) -> &Value {
        &self.resource
    }

    pub fn choice_items(&self) -> impl Iterator<Item = &ChoiceItem> {
        self.items.iter().filter_map(|item| match item {
            Item::Choice(choice) => Some(choice),
            Item::Display { .. } | Item::Field(_) => None,
        })
    }

    pub fn field_items(&self) -> impl Iterator<Item = &FieldItem> {
        self.items.iter().filter_map(|item| match item {
            Item::Field(field) => Some(field),
            Item::Display { .. } | Item::Choice(_) => None,
        })
    }

    /// Any item by linkId, display items included.
    pub fn item(&self, link_id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.link_id() == link_id)
    }

    /// True for a definition that records an outcome and is never scored.
    pub fn is_record_only(&self) -> bool {
        self.scoring.method == Method::RecordOnly
    }

    pub fn choice_item(&self, link_id: &str) -> Option<&ChoiceItem> {
        self.choice_items().find(|item| item.link_id == link_id)
    }

    /// The lowest and highest total the definition can produce (scaled; integral for sums,
    /// and for means the bounds of a single item). (0, 0) for definitions without a total
    /// (level, category and record-only methods).
    pub fn total_range(&self) -> (i32, i32) {
        let Some(total) = &self.scoring.total else {
            return (0, 0);
        };
        let multiplier = total.multiplier;
        let bounds: Vec<(i32, i32)> = self
            .scoring
            .items
            .iter()
            .map(|code| {
                let item = self.choice_item(code).expect("checked at load");
                match self.scoring.disabled_item_value {
                    Some(skipped) => (item.min_value().min(skipped), item.max_value().max(skipped)),
                    None => (item.min_value(), item.max_value()),
                }
            })
            .collect();
        let (low, high) = match total.kind {
            TotalKind::Sum => bounds.iter().fold((0, 0), |(l, h), (a, b)| (l + a, h + b)),
            TotalKind::Mean => (
                bounds.iter().map(|b| b.0).min().unwrap_or(0),
                bounds.iter().map(|b| b.1).max().unwrap_or(0),
            ),
        };
        (low * multiplier, high * multiplier)
    }

    /// Everything a scorer relies on is checked once, here, so scoring cannot fail on a
    /// loaded definition except for bad answers.
    fn check(&self) -> Result<(), DefinitionError> {
        let mut seen = BTreeSet::new();
        for item in &self.items {
            let link_id = item.link_id();
            if !seen.insert(link_id) {
                return Err(item_error(link_id, "linkId appears twice"));
            }
        }
        for choice in self.choice_items() {
            check_options(choice)?;
            for condition in &choice.enable_when {
                let source = self.choice_item(&condition.question).ok_or_else(|| {
                    item_error(&choice.link_id, "enableWhen names no choice item")
                })?;
                if !source
                    .options
                    .iter()
                    .any(|o| o.code == condition.answer_code)
                {
                    return Err(item_error(
                        &choice.link_id,
                        "enableWhen answer is not an option",
                    ));
                }
            }
        }
        let spec = &self.scoring;
        match spec.method {
            Method::Total => {}
            Method::LevelCount | Method::Category | Method::RecordOnly => {
                return self.check_without_total()
            }
        }
        if spec.level_count.is_some() || spec.category.is_some() {
            return Err(DefinitionError::Scoring(
                "level_count and category belong to their own methods".into(),
            ));
        }
        let Some(total) = &spec.total else {
            return Err(DefinitionError::Scoring(
                "the total method needs total".into(),
            ));
        };
        if spec.items.is_empty() {
            return Err(DefinitionError::Scoring("no scored items".into()));
        }
        if total.multiplier < 1 {
            return Err(DefinitionError::Scoring(
                "multiplier must be at least 1".into(),
            ));
        }
        let scored: BTreeSet<&String> = spec.items.iter().collect();
        if scored.len() != spec.items.len() {
            return Err(DefinitionError::Scoring("an item is scored twice".into()));
        }
        let mut referenced: Vec<&String> = spec.items.iter().chain(&spec.reverse).collect();
        for subscale in &spec.subscales {
            referenced.extend(&subscale.items);
        }
        for rule in &spec.rules {
            for cluster in &rule.clusters {
                referenced.extend(&cluster.items);
            }
        }
        for flag in &spec.flags {
            if let Condition::ItemAtLeast { item, .. } = &flag.when {
                referenced.push(item);
            }
        }
        for code in referenced {
            if self.choice_item(code).is_none() {
                return Err(item_error(code, "scoring names no choice item"));
            }
        }
        if let MissingRule::ImputeRespondentMean { max_missing, .. } = &spec.missing {
            if *max_missing as usize >= spec.items.len() {
                return Err(DefinitionError::Scoring(
                    "imputation needs an answered item".into(),
                ));
            }
        }
        if let Some(bands) = &spec.bands {
            if total.kind == TotalKind::Sum {
                check_bands(bands, self.total_range())?;
            }
        }
        for subscale in &spec.subscales {
            if let Some(bands) = &subscale.bands {
                let range = subscale.items.iter().fold((0, 0), |(low, high), code| {
                    let item = self.choice_item(code).expect("checked above");
                    (low + item.min_value(), high + item.max_value())
                });
                check_bands(bands, range)?;
            }
        }
        Ok(())
    }

    /// Checks for the level-count, category and record-only methods: only their own section
    /// may be present, and everything it names must fit.
    fn check_without_total(&self) -> Result<(), DefinitionError> {
        let spec = &self.scoring;
        let scoring = |p: &str| Err(DefinitionError::Scoring(p.into()));
        if spec.total.is_some()
            || !spec.reverse.is_empty()
            || spec.disabled_item_value.is_some()
            || spec.bands.is_some()
            || !spec.subscales.is_empty()
            || !spec.flags.is_empty()
            || !spec.rules.is_empty()
        {
            return scoring(
                "total, reverse, disabled_item_value, bands, subscales, flags and rules \
                 belong to the total method",
            );
        }
        if spec.missing != MissingRule::NoTotal {
            return scoring("only the no_total missing rule applies to this method");
        }
        let scored: BTreeSet<&String> = spec.items.iter().collect();
        if scored.len() != spec.items.len() {
            return scoring("an item is scored twice");
        }
        for code in &spec.items {
            if self.choice_item(code).is_none() {
                return Err(item_error(code, "scoring names no choice item"));
            }
        }
        match spec.method {
            Method::Total => unreachable!("checked by the caller"),
            Method::RecordOnly => {
                if !spec.items.is_empty() || spec.level_count.is_some() || spec.category.is_some() {
                    return scoring("a record-only definition scores nothing");
                }
            }
            Method::Category => {
                let Some(rule) = &spec.category else {
                    return scoring("the category method needs category");
                };
                if spec.level_count.is_some() {
                    return scoring("level_count belongs to the level_count method");
                }
                if spec.items != [rule.item.clone()] {
                    return scoring("the category item must be the one scored item");
                }
            }
            Method::LevelCount => {
                let Some(rule) = &spec.level_count else {
                    return scoring("the level_count method needs level_count");
                };
                if spec.category.is_some() {
                    return scoring("category belongs to the category method");
                }
                if rule.levels.len() < 2 {
                    return scoring("level_count needs at least two levels");
                }
                let mut in_levels = BTreeSet::new();
                let mut codes = BTreeSet::new();
                for level in &rule.levels {
                    if !codes.insert(&level.code) {
                        return scoring("a level code appears twice");
                    }
                    if rule.at_least == 0 || rule.at_least as usize > level.items.len() {
                        return scoring("at_least must be between 1 and each level's size");
                    }
                    for code in &level.items {
                        if !in_levels.insert(code) {
                            return Err(item_error(code, "item is in more than one level"));
                        }
                        let item = self
                            .choice_item(code)
                            .ok_or_else(|| item_error(code, "level names no choice item"))?;
                        if item.option_with_value(rule.counts_value).is_none() {
                            return Err(item_error(code, "counts_value is not an option"));
                        }
                    }
                }
                if in_levels != scored {
                    return scoring("the scored items must be exactly the levels' items");
                }
            }
        }
        Ok(())
    }
}

fn item_error(item: &str, problem: &str) -> DefinitionError {
    DefinitionError::Item {
        item: item.into(),
        problem: problem.into(),
    }
}

fn check_options(choice: &ChoiceItem) -> Result<(), DefinitionError> {
    if choice.options.is_empty() {
        return Err(item_error(&choice.link_id, "no answer options"));
    }
    let codes: BTreeSet<&String> = choice.options.iter().map(|o| &o.code).collect();
    let values: BTreeSet<i32> = choice.options.iter().map(|o| o.value).collect();
    if codes.len() != choice.options.len() || values.len() != choice.options.len() {
        return Err(item_error(
            &choice.link_id,
            "answer codes and values must be unique",
        ));
    }
    Ok(())
}

/// Bands must tile the score range exactly, so every total has exactly one band and a
/// typo in a boundary is caught at load time, not in front of a client.
fn check_bands(bands: &BandSet, (low, high): (i32, i32)) -> Result<(), DefinitionError> {
    let problem = |p: &str| DefinitionError::Bands {
        set: bands.set.clone(),
        problem: p.into(),
    };
    let first = bands.bands.first().ok_or_else(|| problem("no bands"))?;
    let last = bands.bands.last().expect("non-empty");
    if first.min != low || last.max != high {
        return Err(problem("bands do not cover the score range"));
    }
    for pair in bands.bands.windows(2) {
        if pair[1].min != pair[0].max + 1 {
            return Err(problem("bands are not contiguous"));
        }
    }
    if bands.bands.iter().any(|b| b.min > b.max) {
        return Err(problem("a band is empty"));
    }
    Ok(())
}

fn extensions(node: &Value) -> impl Iterator<Item = &Value> {
    node.get("extension")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

fn parse_text(node: &Value, field: &str) -> Result<Text, DefinitionError> {
    let base = node
        .get(field)
        .and_then(Value::as_str)
        .ok_or_else(|| DefinitionError::Field(field.into()))?
        .to_owned();
    let mut translations = Vec::new();
    if let Some(element) = node.get(format!("_{field}")) {
        for extension in extensions(element) {
            if extension.get("url").and_then(Value::as_str) != Some(TRANSLATION_EXTENSION) {
                continue;
            }
            let parts: BTreeMap<&str, &Value> = extensions(extension)
                .filter_map(|part| Some((part.get("url")?.as_str()?, part)))
                .collect();
            let string = |url: &str, key: &str| {
                parts
                    .get(url)
                    .and_then(|part| part.get(key))
                    .and_then(Value::as_str)
                    .ok_or_else(|| DefinitionError::Field(format!("translation {url}")))
            };
            let review = match string(REVIEW_STATUS_EXTENSION, "valueCode")? {
                "validated" => ReviewStatus::Validated,
                "reviewed" => ReviewStatus::Reviewed,
                "unreviewed" => ReviewStatus::Unreviewed,
                other => return Err(DefinitionError::Field(format!("review status {other}"))),
            };
            translations.push(Translation {
                lang: string("lang", "valueCode")?.to_owned(),
                content: string("content", "valueString")?.to_owned(),
                review,
            });
        }
    }
    Ok(Text { base, translations })
}

fn parse_item(node: &Value) -> Result<Item, DefinitionError> {
    let link_id = node
        .get("linkId")
        .and_then(Value::as_str)
        .ok_or_else(|| DefinitionError::Field("item.linkId".into()))?
        .to_owned();
    let text = parse_text(node, "text")?;
    match node.get("type").and_then(Value::as_str) {
        Some("display") => Ok(Item::Display { link_id, text }),
        Some("choice") => {
            let options = node
                .get("answerOption")
                .and_then(Value::as_array)
                .ok_or_else(|| item_error(&link_id, "no answerOption"))?
                .iter()
                .map(|option| parse_option(&link_id, option))
                .collect::<Result<Vec<_>, _>>()?;
            let enable_when = node
                .get("enableWhen")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|condition| parse_enable_when(&link_id, condition))
                .collect::<Result<Vec<_>, _>>()?;
            let enable_when_any = match node.get("enableBehavior").and_then(Value::as_str) {
                None | Some("all") => false,
                Some("any") => true,
                Some(_) => return Err(item_error(&link_id, "unknown enableBehavior")),
            };
            Ok(Item::Choice(ChoiceItem {
                link_id,
                text,
                options,
                enable_when,
                enable_when_any,
            }))
        }
        Some(kind) => {
            let kind = match kind {
                "integer" => FieldKind::Integer,
                "date" => FieldKind::Date,
                "string" => FieldKind::String,
                "text" => FieldKind::Text,
                "boolean" => FieldKind::Boolean,
                _ => {
                    return Err(item_error(
                        &link_id,
                        "only choice, display, integer, date, string, text and boolean \
                         items are supported",
                    ))
                }
            };
            if node.get("enableWhen").is_some() || node.get("answerOption").is_some() {
                return Err(item_error(
                    &link_id,
                    "enableWhen and answerOption are supported on choice items only",
                ));
            }
            Ok(Item::Field(FieldItem {
                link_id,
                text,
                kind,
            }))
        }
        None => Err(item_error(&link_id, "item without type")),
    }
}

fn parse_option(link_id: &str, node: &Value) -> Result<AnswerOption, DefinitionError> {
    let coding = node
        .get("valueCoding")
        .ok_or_else(|| item_error(link_id, "answerOption without valueCoding"))?;
    let code = coding
        .get("code")
        .and_then(Value::as_str)
        .ok_or_else(|| item_error(link_id, "answer without code"))?
        .to_owned();
    let value = extensions(node)
        .find(|e| e.get("url").and_then(Value::as_str) == Some(ORDINAL_VALUE_EXTENSION))
        .and_then(|e| e.get("valueDecimal"))
        .and_then(Value::as_i64)
        .and_then(|v| i32::try_from(v).ok())
        .ok_or_else(|| item_error(link_id, "answer without an integral ordinalValue"))?;
    Ok(AnswerOption {
        code,
        display: parse_text(coding, "display")?,
        value,
    })
}

fn parse_enable_when(link_id: &str, node: &Value) -> Result<EnableWhen, DefinitionError> {
    let operator = match node.get("operator").and_then(Value::as_str) {
        Some("=") => Operator::Equals,
        Some("!=") => Operator::NotEquals,
        _ => return Err(item_error(link_id, "enableWhen supports = and != only")),
    };
    let question = node.get("question").and_then(Value::as_str);
    let answer_code = node
        .get("answerCoding")
        .and_then(|c| c.get("code"))
        .and_then(Value::as_str);
    match (question, answer_code) {
        (Some(question), Some(answer_code)) => Ok(EnableWhen {
            question: question.to_owned(),
            operator,
            answer_code: answer_code.to_owned(),
        }),
        _ => Err(item_error(
            link_id,
            "enableWhen needs question and answerCoding",
        )),
    }
}
