//! The scorer: answers keyed by concept code in, a [`ScoreResult`] out.
//!
//! Arithmetic is exact. Sums and scaled sums stay integers; means and imputed totals are
//! reduced fractions, so a band boundary is never missed by a rounding error.
//!
//! Four methods ([`Method`]): a total (sum or mean, with bands, subscales, flags and cluster
//! rules); a level by count (the 4-of-6 rule of the financial self-reliance frame); a
//! category (the rung chosen on the participatieladder); and record-only forms, which are
//! checked but never scored.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::definition::{ChoiceItem, Definition, FieldKind, Item, Operator};
use crate::spec::{
    BandSet, Condition, Direction, FlagKind, LevelCountRule, Method, MissingRule, NoneReach,
    SeveralReach, TotalKind,
};

/// Version of this scoring algorithm, stored with every result (instruments.md §2 rule 1).
pub const SCORER_VERSION: &str = "aankomst-instruments-scorer/1";

/// One item's answer. An item never asked has no entry at all; declining and not knowing
/// are answers the person gave and are kept apart from it.
///
/// Serialised as `{"kind": "<variant>", "value": …}` (`value` absent for `declined` and
/// `dont_know`): `{"kind":"value","value":2}`, `{"kind":"declined"}`, `{"kind":"dont_know"}`,
/// `{"kind":"integer","value":12}`, `{"kind":"date","value":"2025-03-14"}`,
/// `{"kind":"text","value":"…"}`, `{"kind":"boolean","value":true}`. This representation is
/// stored; do not change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// A choice item: the option's numeric (ordinal) value, never its position on screen.
    Value(i32),
    Declined,
    DontKnow,
    /// An `integer` field.
    Integer(i32),
    /// A `date` field: a full calendar date, `YYYY-MM-DD`.
    Date(String),
    /// A `string` or `text` field.
    Text(String),
    /// A `boolean` field.
    Boolean(bool),
}

/// Answers keyed by item concept code (the Questionnaire `linkId`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Answers(pub BTreeMap<String, Answer>);

impl Answers {
    pub fn new() -> Answers {
        Answers::default()
    }

    pub fn set(&mut self, concept: &str, answer: Answer) -> &mut Answers {
        self.0.insert(concept.to_owned(), answer);
        self
    }

    pub fn value(&mut self, concept: &str, value: i32) -> &mut Answers {
        self.set(concept, Answer::Value(value))
    }

    pub fn get(&self, concept: &str) -> Option<Answer> {
        self.0.get(concept).cloned()
    }

    /// The answer by reference (typed answers hold strings).
    pub fn answer(&self, concept: &str) -> Option<&Answer> {
        self.0.get(concept)
    }
}

/// An exact score: a reduced fraction with a positive denominator (1 for whole scores).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Score {
    pub numerator: i32,
    pub denominator: i32,
}

impl Score {
    pub fn whole(value: i32) -> Score {
        Score {
            numerator: value,
            denominator: 1,
        }
    }

    fn ratio(numerator: i64, denominator: i64) -> Score {
        let divisor = gcd(numerator.abs(), denominator.abs()).max(1);
        let sign = if denominator < 0 { -1 } else { 1 };
        Score {
            numerator: i32::try_from(sign * numerator / divisor).expect("scores are small"),
            denominator: i32::try_from(sign * denominator / divisor).expect("scores are small"),
        }
    }

    /// The score as an integer, if it is one.
    pub fn as_whole(&self) -> Option<i32> {
        (self.denominator == 1).then_some(self.numerator)
    }

    /// `self >= value`, exactly.
    pub fn at_least(&self, value: i32) -> bool {
        i64::from(self.numerator) >= i64::from(value) * i64::from(self.denominator)
    }

    /// `self <= value`, exactly.
    pub fn at_most(&self, value: i32) -> bool {
        i64::from(self.numerator) <= i64::from(value) * i64::from(self.denominator)
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_whole() {
            Some(whole) => write!(f, "{whole}"),
            None => write!(f, "{}/{}", self.numerator, self.denominator),
        }
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BandResult {
    pub set: String,
    pub code: String,
    pub direction: Direction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FlagState {
    Raised,
    NotRaised,
    /// The answers needed to decide are missing (e.g. PHQ-9 item 9 declined).
    Undetermined,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FlagResult {
    pub id: String,
    pub kind: FlagKind,
    pub state: FlagState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RuleOutcome {
    Met,
    NotMet,
    /// Missing items could still tip the outcome either way.
    Undetermined,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RuleResult {
    pub id: String,
    pub outcome: RuleOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SubscaleResult {
    pub id: String,
    pub total: Option<Score>,
    pub band: Option<BandResult>,
}

/// Scored items without a usable answer, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MissingCounts {
    pub not_asked: u32,
    pub declined: u32,
    pub dont_know: u32,
}

impl MissingCounts {
    pub fn total(&self) -> u32 {
        self.not_asked + self.declined + self.dont_know
    }
}

/// A message key the UI translates (Fluent), with its arguments. [`Explanation::english`]
/// renders it as plain English (the fallback, and the note in a FHIR export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Explanation {
    pub key: String,
    pub args: BTreeMap<String, String>,
}

impl Explanation {
    fn arg(&self, name: &str) -> &str {
        self.args.get(name).map_or("?", String::as_str)
    }

    /// The explanation in plain English: the fallback when no translation is loaded, and
    /// the note of an exported Observation. Says which rule decided.
    pub fn english(&self) -> String {
        let a = |name: &str| self.arg(name);
        let rule = || format!("rule {} of {}", a("policy"), a("set"));
        match self.key.as_str() {
            "instrument-score-complete" => format!("Complete: total {}.", a("total")),
            "instrument-score-complete-with-skips" => format!(
                "Complete: total {} ({} items skipped by the form's skip rule count as the \
                 definition says).",
                a("total"),
                a("skipped")
            ),
            "instrument-score-imputed" => format!(
                "{} item(s) missing: imputed with the mean of the other answers, per the {} \
                 rule; total {}.",
                a("missing"),
                a("rule"),
                a("total")
            ),
            "instrument-score-too-many-missing" => format!(
                "{} items missing, more than the {} the {} rule allows: no total.",
                a("missing"),
                a("max_missing"),
                a("rule")
            ),
            "instrument-score-incomplete" => format!(
                "{} item(s) missing: no total (no rule for missing items).",
                a("missing")
            ),
            "instrument-level-at-least" => format!(
                "{} of {} dimensions at level {} (at least {} needed): level {}.",
                a("count"),
                a("of"),
                a("level"),
                a("at_least"),
                a("level")
            ),
            "instrument-level-several-most-support" => format!(
                "Several levels reach {} of {} ({}): the level with more support wins ({}): \
                 level {}.",
                a("at_least"),
                a("of"),
                a("levels"),
                rule(),
                a("level")
            ),
            "instrument-level-several-undetermined" => format!(
                "Several levels reach {} of {} ({}): the assessor chooses ({}).",
                a("at_least"),
                a("of"),
                a("levels"),
                rule()
            ),
            "instrument-level-none-most-yes" => format!(
                "No level reaches {} of {} ({}): the level with the most 'yes' answers ({}): \
                 level {}.",
                a("at_least"),
                a("of"),
                a("counts"),
                rule(),
                a("level")
            ),
            "instrument-level-none-tie-most-support" => format!(
                "No level reaches {} of {} ({}); tie between {}: the level with more support \
                 wins ({}): level {}.",
                a("at_least"),
                a("of"),
                a("counts"),
                a("levels"),
                rule(),
                a("level")
            ),
            "instrument-level-none-undetermined" => format!(
                "No level reaches {} of {} ({}): the assessor chooses ({}).",
                a("at_least"),
                a("of"),
                a("counts"),
                rule()
            ),
            "instrument-level-incomplete" => {
                format!("{} descriptor(s) unanswered: no level.", a("missing"))
            }
            "instrument-category" => format!(
                "Recorded on {}: {} ({}).",
                a("set"),
                a("ordinal"),
                a("display")
            ),
            "instrument-category-missing" => format!(
                "Nothing recorded on {} ({}).",
                a("set"),
                a("reason").replace('_', " ")
            ),
            "instrument-record-only" => format!(
                "Record only, not scored ({} answers recorded).",
                a("answered")
            ),
            other => other.to_owned(),
        }
    }
}

/// Which rule decided a category result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// A single-choice category: the answer given.
    Answer,
    /// Exactly one level reached `at_least` (e.g. 4 of 6).
    AtLeast,
    /// Several levels reached `at_least`; the one needing the most support won
    /// (`several_reach: most_support`).
    SeveralReachedMostSupport,
    /// Several levels reached `at_least` and the policy leaves it to an assessor.
    SeveralReachedUndetermined,
    /// No level reached `at_least`; one level had the most "yes" answers
    /// (`none_reach: most_yes_then_most_support`).
    NoneReachedMostYes,
    /// No level reached `at_least` and several shared the most "yes" answers; the one needing
    /// the most support won.
    NoneReachedTieMostSupport,
    /// No level reached `at_least` and the policy leaves it to an assessor.
    NoneReachedUndetermined,
}

impl Decision {
    pub fn code(self) -> &'static str {
        match self {
            Decision::Answer => "answer",
            Decision::AtLeast => "at_least",
            Decision::SeveralReachedMostSupport => "several_reached_most_support",
            Decision::SeveralReachedUndetermined => "several_reached_undetermined",
            Decision::NoneReachedMostYes => "none_reached_most_yes",
            Decision::NoneReachedTieMostSupport => "none_reached_tie_most_support",
            Decision::NoneReachedUndetermined => "none_reached_undetermined",
        }
    }

    /// True when the frame itself did not decide (a tie or fallback rule did, or nobody did):
    /// the UI should ask the assessor to confirm or choose, with a reason.
    pub fn needs_confirmation(self) -> bool {
        !matches!(self, Decision::Answer | Decision::AtLeast)
    }
}

/// "Yes" answers counted at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LevelCount {
    pub code: String,
    pub count: u32,
}

/// A level (financial self-reliance) or rung (participatieladder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CategoryResult {
    pub set: String,
    /// The level or rung code; None when the definition's policy leaves a tie to an assessor.
    pub code: Option<String>,
    /// The level's or option's display text, in the definition's base language.
    pub display: Option<String>,
    /// Level: 1-based position, most support = 1. Rung: the option's ordinal value.
    pub ordinal: Option<i32>,
    pub direction: Direction,
    pub decided_by: Decision,
    /// Level-count method: the "yes" count of every level, most support first. Empty for a
    /// single-choice category.
    pub counts: Vec<LevelCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScoreResult {
    pub definition_url: String,
    pub definition_version: String,
    pub definition_hash: String,
    pub scorer_version: String,
    /// None when too many scored items are missing for the instrument's rule.
    pub total: Option<Score>,
    /// True when the total includes imputed item values.
    pub imputed: bool,
    pub band: Option<BandResult>,
    pub subscales: Vec<SubscaleResult>,
    pub flags: Vec<FlagResult>,
    pub rules: Vec<RuleResult>,
    pub missing: MissingCounts,
    pub missing_items: u32,
    /// Scored items ruled out by skip logic and counted as the definition says.
    pub skipped_items: u32,
    /// Level or rung (level-count and category methods); None for totals, record-only forms
    /// and when an item the rule needs is missing.
    pub category: Option<CategoryResult>,
    /// True for a record-only definition: the answers were checked, nothing was scored.
    pub record_only: bool,
    pub explanation: Explanation,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    /// Answers must be keyed by this definition's concept codes; anything else (a position,
    /// another instrument's code, a display item) is refused rather than ignored.
    #[error("no answerable item {0} in this definition")]
    UnknownItem(String),
    #[error("{value} is not an answer value of item {item}")]
    NotAnOption { item: String, value: i32 },
    /// The answer's kind does not fit the item (e.g. text for a choice item). `expected` is
    /// the item's type (`choice`, `integer`, `date`, `string`, `text`, `boolean`).
    #[error("item {item} takes a {expected} answer")]
    WrongKind {
        item: String,
        expected: &'static str,
    },
    /// Not a full `YYYY-MM-DD` calendar date. The value is not repeated: it is client data.
    #[error("item {item} needs a calendar date YYYY-MM-DD")]
    InvalidDate { item: String },
    /// An empty (or blank) text is no answer: leave the item out instead.
    #[error("item {item} has an empty text")]
    EmptyText { item: String },
}

/// Why a scored item has no usable value.
#[derive(Clone, Copy)]
enum Missing {
    NotAsked,
    Declined,
    DontKnow,
}

/// How one scored item stands after applying skip logic.
enum ItemState {
    Value(i32),
    Skipped(i32),
    Missing(Missing),
}

/// Checks one answer against its item: the linkId names an answerable item, a choice answer
/// is one of its options, a typed answer fits the field's type. Declined and don't-know fit
/// every item.
pub fn check_answer(
    definition: &Definition,
    concept: &str,
    answer: &Answer,
) -> Result<(), ScoreError> {
    let item = match definition.item(concept) {
        Some(Item::Choice(choice)) => Item::Choice(choice.clone()),
        Some(Item::Field(field)) => Item::Field(field.clone()),
        Some(Item::Display { .. }) | None => {
            return Err(ScoreError::UnknownItem(concept.to_owned()))
        }
    };
    let wrong = |expected| ScoreError::WrongKind {
        item: concept.to_owned(),
        expected,
    };
    match (&item, answer) {
        (_, Answer::Declined | Answer::DontKnow) => Ok(()),
        (Item::Choice(choice), Answer::Value(value)) => {
            if choice.option_with_value(*value).is_none() {
                return Err(ScoreError::NotAnOption {
                    item: concept.to_owned(),
                    value: *value,
                });
            }
            Ok(())
        }
        (Item::Choice(_), _) => Err(wrong("choice")),
        (Item::Field(field), answer) => match (field.kind, answer) {
            (FieldKind::Integer, Answer::Integer(_)) | (FieldKind::Boolean, Answer::Boolean(_)) => {
                Ok(())
            }
            (FieldKind::String | FieldKind::Text, Answer::Text(text)) => {
                if text.trim().is_empty() {
                    Err(ScoreError::EmptyText {
                        item: concept.to_owned(),
                    })
                } else {
                    Ok(())
                }
            }
            (FieldKind::Date, Answer::Date(date)) => {
                if is_calendar_date(date) {
                    Ok(())
                } else {
                    Err(ScoreError::InvalidDate {
                        item: concept.to_owned(),
                    })
                }
            }
            (kind, _) => Err(wrong(kind.fhir_type())),
        },
        (Item::Display { .. }, _) => unreachable!("refused above"),
    }
}

/// Exactly `YYYY-MM-DD`, and a real day (no 2025-02-30).
pub fn is_calendar_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
        && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

/// Scores `answers` against `definition`.
pub fn score(definition: &Definition, answers: &Answers) -> Result<ScoreResult, ScoreError> {
    for (concept, answer) in &answers.0 {
        check_answer(definition, concept, answer)?;
    }
    match definition.scoring.method {
        Method::Total => Ok(score_total(definition, answers)),
        Method::LevelCount => Ok(score_levels(definition, answers)),
        Method::Category => Ok(score_category(definition, answers)),
        Method::RecordOnly => Ok(record_only(definition, answers)),
    }
}

/// The common frame of every result; the method fills in the rest.
fn frame(definition: &Definition, explanation: Explanation) -> ScoreResult {
    ScoreResult {
        definition_url: definition.url.clone(),
        definition_version: definition.version.clone(),
        definition_hash: definition.hash().to_owned(),
        scorer_version: SCORER_VERSION.to_owned(),
        total: None,
        imputed: false,
        band: None,
        subscales: Vec::new(),
        flags: Vec::new(),
        rules: Vec::new(),
        missing: MissingCounts::default(),
        missing_items: 0,
        skipped_items: 0,
        category: None,
        record_only: false,
        explanation,
    }
}

fn explanation(key: &str, args: &[(&str, String)]) -> Explanation {
    Explanation {
        key: key.to_owned(),
        args: args
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
    }
}

/// Counts the scored items' states: usable values, skips and missing answers by reason.
fn tally(
    definition: &Definition,
    answers: &Answers,
) -> (BTreeMap<String, ItemState>, MissingCounts, u32) {
    let states: BTreeMap<String, ItemState> = definition
        .scoring
        .items
        .iter()
        .map(|code| (code.clone(), item_state(definition, code, answers)))
        .collect();
    let mut missing = MissingCounts::default();
    let mut skipped = 0;
    for state in states.values() {
        match state {
            ItemState::Value(_) => {}
            ItemState::Skipped(_) => skipped += 1,
            ItemState::Missing(Missing::NotAsked) => missing.not_asked += 1,
            ItemState::Missing(Missing::Declined) => missing.declined += 1,
            ItemState::Missing(Missing::DontKnow) => missing.dont_know += 1,
        }
    }
    (states, missing, skipped)
}

fn record_only(definition: &Definition, answers: &Answers) -> ScoreResult {
    let answered = answers
        .0
        .values()
        .filter(|a| !matches!(a, Answer::Declined | Answer::DontKnow))
        .count();
    let mut result = frame(
        definition,
        explanation(
            "instrument-record-only",
            &[("answered", answered.to_string())],
        ),
    );
    result.record_only = true;
    result
}

fn score_category(definition: &Definition, answers: &Answers) -> ScoreResult {
    let rule = definition
        .scoring
        .category
        .as_ref()
        .expect("checked at load");
    let item = definition.choice_item(&rule.item).expect("checked at load");
    let (_, missing, _) = tally(definition, answers);
    let mut result = match answers.answer(&rule.item) {
        Some(Answer::Value(value)) => {
            let option = item.option_with_value(*value).expect("checked above");
            let mut result = frame(
                definition,
                explanation(
                    "instrument-category",
                    &[
                        ("set", rule.set.clone()),
                        ("code", option.code.clone()),
                        ("display", option.display.base.clone()),
                        ("ordinal", value.to_string()),
                    ],
                ),
            );
            result.category = Some(CategoryResult {
                set: rule.set.clone(),
                code: Some(option.code.clone()),
                display: Some(option.display.base.clone()),
                ordinal: Some(*value),
                direction: rule.direction,
                decided_by: Decision::Answer,
                counts: Vec::new(),
            });
            result
        }
        other => {
            let reason = match other {
                Some(Answer::Declined) => "declined",
                Some(Answer::DontKnow) => "dont_know",
                _ => "not_asked",
            };
            frame(
                definition,
                explanation(
                    "instrument-category-missing",
                    &[("set", rule.set.clone()), ("reason", reason.to_owned())],
                ),
            )
        }
    };
    result.missing = missing;
    result.missing_items = missing.total();
    result
}

fn score_levels(definition: &Definition, answers: &Answers) -> ScoreResult {
    let rule = definition
        .scoring
        .level_count
        .as_ref()
        .expect("checked at load");
    let (states, missing, skipped) = tally(definition, answers);
    let missing_items = missing.total();
    let mut result = if missing_items > 0 {
        // §2 rule 4 (design rule): a missing descriptor could change the level, so none is
        // given; the assessor completes the form.
        frame(
            definition,
            explanation(
                "instrument-level-incomplete",
                &[
                    ("set", rule.set.clone()),
                    ("missing", missing_items.to_string()),
                ],
            ),
        )
    } else {
        let counts: Vec<LevelCount> = rule
            .levels
            .iter()
            .map(|level| LevelCount {
                code: level.code.clone(),
                count: level
                    .items
                    .iter()
                    .filter(|code| {
                        matches!(states.get(code.as_str()),
                                 Some(ItemState::Value(v) | ItemState::Skipped(v)) if *v == rule.counts_value)
                    })
                    .count() as u32,
            })
            .collect();
        let (chosen, decided_by) = decide_level(rule, &counts);
        let mut result = frame(definition, explain_level(rule, &counts, chosen, decided_by));
        result.category = Some(CategoryResult {
            set: rule.set.clone(),
            code: chosen.map(|i| rule.levels[i].code.clone()),
            display: chosen.map(|i| rule.levels[i].display.clone()),
            ordinal: chosen.map(|i| i as i32 + 1),
            direction: Direction::HigherIsBetter,
            decided_by,
            counts,
        });
        result
    };
    result.missing = missing;
    result.missing_items = missing_items;
    result.skipped_items = skipped;
    result
}

/// The level-count decision: which level (index into `rule.levels`, most support first) and
/// which rule decided it.
fn decide_level(rule: &LevelCountRule, counts: &[LevelCount]) -> (Option<usize>, Decision) {
    let reached: Vec<usize> = (0..counts.len())
        .filter(|&i| counts[i].count >= rule.at_least)
        .collect();
    match reached.as_slice() {
        [only] => (Some(*only), Decision::AtLeast),
        [first, ..] => match rule.several_reach {
            // Levels are listed most support first, so the first reached one wins.
            SeveralReach::MostSupport => (Some(*first), Decision::SeveralReachedMostSupport),
            SeveralReach::Undetermined => (None, Decision::SeveralReachedUndetermined),
        },
        [] => match rule.none_reach {
            NoneReach::MostYesThenMostSupport => {
                let most = counts.iter().map(|c| c.count).max().unwrap_or(0);
                let top: Vec<usize> = (0..counts.len())
                    .filter(|&i| counts[i].count == most)
                    .collect();
                if top.len() == 1 {
                    (Some(top[0]), Decision::NoneReachedMostYes)
                } else {
                    (Some(top[0]), Decision::NoneReachedTieMostSupport)
                }
            }
            NoneReach::Undetermined => (None, Decision::NoneReachedUndetermined),
        },
    }
}

fn explain_level(
    rule: &LevelCountRule,
    counts: &[LevelCount],
    chosen: Option<usize>,
    decided_by: Decision,
) -> Explanation {
    let list = |indices: &[usize]| {
        indices
            .iter()
            .map(|&i| rule.levels[i].code.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let all_counts = counts
        .iter()
        .map(|c| format!("{} {}", c.code, c.count))
        .collect::<Vec<_>>()
        .join(", ");
    let reached: Vec<usize> = (0..counts.len())
        .filter(|&i| counts[i].count >= rule.at_least)
        .collect();
    let most = counts.iter().map(|c| c.count).max().unwrap_or(0);
    let top: Vec<usize> = (0..counts.len())
        .filter(|&i| counts[i].count == most)
        .collect();
    let of = chosen
        .map(|i| rule.levels[i].items.len())
        .unwrap_or_else(|| rule.levels[0].items.len());
    let mut args: Vec<(&str, String)> = vec![
        ("set", rule.set.clone()),
        ("at_least", rule.at_least.to_string()),
        ("of", of.to_string()),
        ("counts", all_counts),
        ("rule", decided_by.code().to_owned()),
    ];
    if let Some(i) = chosen {
        args.push(("level", rule.levels[i].code.clone()));
        args.push(("count", counts[i].count.to_string()));
    }
    match decided_by {
        Decision::SeveralReachedMostSupport | Decision::SeveralReachedUndetermined => {
            args.push(("policy", format!("several_reach = {}", several_code(rule))));
        }
        Decision::NoneReachedMostYes
        | Decision::NoneReachedTieMostSupport
        | Decision::NoneReachedUndetermined => {
            args.push(("policy", format!("none_reach = {}", none_code(rule))));
        }
        Decision::AtLeast | Decision::Answer => {}
    }
    let key = match decided_by {
        Decision::AtLeast => "instrument-level-at-least",
        Decision::SeveralReachedMostSupport => {
            args.push(("levels", list(&reached)));
            "instrument-level-several-most-support"
        }
        Decision::SeveralReachedUndetermined => {
            args.push(("levels", list(&reached)));
            "instrument-level-several-undetermined"
        }
        Decision::NoneReachedMostYes => "instrument-level-none-most-yes",
        Decision::NoneReachedTieMostSupport => {
            args.push(("levels", list(&top)));
            "instrument-level-none-tie-most-support"
        }
        Decision::NoneReachedUndetermined => "instrument-level-none-undetermined",
        Decision::Answer => unreachable!("not a level-count decision"),
    };
    explanation(key, &args)
}

/// The policy names as written in the scoring section.
fn several_code(rule: &LevelCountRule) -> &'static str {
    match rule.several_reach {
        SeveralReach::MostSupport => "most_support",
        SeveralReach::Undetermined => "undetermined",
    }
}

fn none_code(rule: &LevelCountRule) -> &'static str {
    match rule.none_reach {
        NoneReach::MostYesThenMostSupport => "most_yes_then_most_support",
        NoneReach::Undetermined => "undetermined",
    }
}

fn score_total(definition: &Definition, answers: &Answers) -> ScoreResult {
    let spec = &definition.scoring;
    let total_spec = spec.total.as_ref().expect("checked at load");
    let states: BTreeMap<&str, ItemState> = spec
        .items
        .iter()
        .map(|code| (code.as_str(), item_state(definition, code, answers)))
        .collect();

    let mut missing = MissingCounts::default();
    let mut skipped_items = 0;
    let mut answered_sum: i64 = 0;
    let mut answered_count: i64 = 0;
    for state in states.values() {
        match state {
            ItemState::Value(value) => {
                answered_sum += i64::from(*value);
                answered_count += 1;
            }
            ItemState::Skipped(value) => {
                answered_sum += i64::from(*value);
                answered_count += 1;
                skipped_items += 1;
            }
            ItemState::Missing(Missing::NotAsked) => missing.not_asked += 1,
            ItemState::Missing(Missing::Declined) => missing.declined += 1,
            ItemState::Missing(Missing::DontKnow) => missing.dont_know += 1,
        }
    }
    let missing_items = missing.total();
    let item_count = spec.items.len() as i64;
    let multiplier = i64::from(total_spec.multiplier);
    let allowed_missing = match &spec.missing {
        MissingRule::NoTotal => 0,
        MissingRule::ImputeRespondentMean { max_missing, .. } => *max_missing,
    };
    let total = if missing_items > allowed_missing || answered_count == 0 {
        None
    } else {
        // With imputation each missing item takes the mean of the answered ones, so the sum
        // becomes answered_sum × n / answered; with nothing missing this is answered_sum.
        Some(match total_spec.kind {
            TotalKind::Sum => Score::ratio(answered_sum * item_count * multiplier, answered_count),
            TotalKind::Mean => Score::ratio(answered_sum * multiplier, answered_count),
        })
    };
    let imputed = total.is_some() && missing_items > 0;

    let subscales = spec
        .subscales
        .iter()
        .map(|subscale| {
            let values: Option<Vec<i32>> = subscale
                .items
                .iter()
                .map(|code| state_value(definition, code, answers))
                .collect();
            let total = values.map(|v| Score::whole(v.iter().sum()));
            SubscaleResult {
                id: subscale.id.clone(),
                band: total.and_then(|t| subscale.bands.as_ref().map(|b| band_for(b, t))),
                total,
            }
        })
        .collect();

    let flags = spec
        .flags
        .iter()
        .map(|flag| FlagResult {
            id: flag.id.clone(),
            kind: flag.kind,
            state: flag_state(&flag.when, total, answers),
        })
        .collect();

    let rules = spec
        .rules
        .iter()
        .map(|rule| {
            let mut all_met = true;
            let mut impossible = false;
            for cluster in &rule.clusters {
                let mut met = 0;
                let mut unknown = 0;
                for code in &cluster.items {
                    match state_value(definition, code, answers) {
                        Some(value) if value >= rule.item_threshold => met += 1,
                        Some(_) => {}
                        None => unknown += 1,
                    }
                }
                all_met &= met >= cluster.at_least;
                impossible |= met + unknown < cluster.at_least;
            }
            let outcome = match (all_met, impossible) {
                (true, _) => RuleOutcome::Met,
                (false, true) => RuleOutcome::NotMet,
                (false, false) => RuleOutcome::Undetermined,
            };
            RuleResult {
                id: rule.id.clone(),
                outcome,
            }
        })
        .collect();

    let explanation = explain(&spec.missing, total, missing_items, skipped_items);
    ScoreResult {
        band: total.and_then(|t| spec.bands.as_ref().map(|b| band_for(b, t))),
        total,
        imputed,
        subscales,
        flags,
        rules,
        missing,
        missing_items,
        skipped_items,
        ..frame(definition, explanation)
    }
}

/// The value an item contributes (its answer, reverse-scored if so marked, or the skip
/// value), or None if it is missing.
fn state_value(definition: &Definition, code: &str, answers: &Answers) -> Option<i32> {
    match item_state(definition, code, answers) {
        ItemState::Value(value) | ItemState::Skipped(value) => Some(value),
        ItemState::Missing(_) => None,
    }
}

fn item_state(definition: &Definition, code: &str, answers: &Answers) -> ItemState {
    let item = definition.choice_item(code).expect("checked at load");
    let spec = &definition.scoring;
    // A skipped item counts its skip value even if an answer was recorded anyway: after a
    // "No" at the PC-PTSD-5 gate the total is 0 (instruments.md §10).
    if let (Some(false), Some(skip_value)) =
        (enabled(definition, item, answers), spec.disabled_item_value)
    {
        return ItemState::Skipped(skip_value);
    }
    match answers.answer(code) {
        Some(Answer::Value(value)) => {
            let value = *value;
            let reversed = spec.reverse.iter().any(|r| r == code);
            ItemState::Value(if reversed {
                item.min_value() + item.max_value() - value
            } else {
                value
            })
        }
        Some(Answer::Declined) => ItemState::Missing(Missing::Declined),
        Some(Answer::DontKnow) => ItemState::Missing(Missing::DontKnow),
        // Typed answers are refused on choice items before scoring.
        _ => ItemState::Missing(Missing::NotAsked),
    }
}

/// Evaluates the item's `enableWhen`: Some(true) shown, Some(false) skipped, None when the
/// answers it depends on are missing.
pub fn enabled(definition: &Definition, item: &ChoiceItem, answers: &Answers) -> Option<bool> {
    if item.enable_when.is_empty() {
        return Some(true);
    }
    let results: Vec<Option<bool>> = item
        .enable_when
        .iter()
        .map(|condition| {
            let source = definition.choice_item(&condition.question)?;
            let Some(Answer::Value(value)) = answers.answer(&condition.question) else {
                return None;
            };
            let code = &source.option_with_value(*value)?.code;
            let equal = *code == condition.answer_code;
            Some(match condition.operator {
                Operator::Equals => equal,
                Operator::NotEquals => !equal,
            })
        })
        .collect();
    if item.enable_when_any {
        if results.contains(&Some(true)) {
            Some(true)
        } else if results.iter().all(|r| *r == Some(false)) {
            Some(false)
        } else {
            None
        }
    } else if results.contains(&Some(false)) {
        Some(false)
    } else if results.iter().all(|r| *r == Some(true)) {
        Some(true)
    } else {
        None
    }
}

fn flag_state(when: &Condition, total: Option<Score>, answers: &Answers) -> FlagState {
    let decided = |raised: bool| {
        if raised {
            FlagState::Raised
        } else {
            FlagState::NotRaised
        }
    };
    match when {
        // On the raw answer: an item flag must fire whatever the total, even with no total.
        Condition::ItemAtLeast { item, value } => match answers.answer(item) {
            Some(Answer::Value(answer)) => decided(*answer >= *value),
            _ => FlagState::Undetermined,
        },
        Condition::TotalAtLeast(threshold) => {
            total.map_or(FlagState::Undetermined, |t| decided(t.at_least(*threshold)))
        }
        Condition::TotalAtMost(threshold) => {
            total.map_or(FlagState::Undetermined, |t| decided(t.at_most(*threshold)))
        }
    }
}

/// The highest band whose lower bound the exact total reaches: integer totals fall in
/// their listed range; a fractional one between two ranges stays in the lower band.
fn band_for(bands: &BandSet, total: Score) -> BandResult {
    let band = bands
        .bands
        .iter()
        .rev()
        .find(|band| total.at_least(band.min))
        .unwrap_or(&bands.bands[0]);
    BandResult {
        set: bands.set.clone(),
        code: band.code.clone(),
        direction: bands.direction,
    }
}

fn explain(
    rule: &MissingRule,
    total: Option<Score>,
    missing_items: u32,
    skipped_items: u32,
) -> Explanation {
    let mut args = BTreeMap::new();
    args.insert("missing".to_owned(), missing_items.to_string());
    if let Some(total) = total {
        args.insert("total".to_owned(), total.to_string());
    }
    if let MissingRule::ImputeRespondentMean {
        max_missing,
        source,
    } = rule
    {
        args.insert("max_missing".to_owned(), max_missing.to_string());
        args.insert("rule".to_owned(), source.clone());
    }
    if skipped_items > 0 {
        args.insert("skipped".to_owned(), skipped_items.to_string());
    }
    let key = match (total, missing_items, rule) {
        (Some(_), 0, _) if skipped_items > 0 => "instrument-score-complete-with-skips",
        (Some(_), 0, _) => "instrument-score-complete",
        // e.g. "2 items missing: imputed with the mean of the other answers, per the Dutch
        // K10 rule".
        (Some(_), _, _) => "instrument-score-imputed",
        // e.g. "3 items missing: no total, per the Dutch K10 rule".
        (None, _, MissingRule::ImputeRespondentMean { .. }) => "instrument-score-too-many-missing",
        (None, _, MissingRule::NoTotal) => "instrument-score-incomplete",
    };
    Explanation {
        key: key.to_owned(),
        args,
    }
}
