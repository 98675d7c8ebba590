//! The scorer: answers keyed by concept code in, a [`ScoreResult`] out.
//!
//! Arithmetic is exact. Sums and scaled sums stay integers; means and imputed totals are
//! reduced fractions, so a band boundary is never missed by a rounding error.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::definition::{ChoiceItem, Definition, Operator};
use crate::spec::{BandSet, Condition, Direction, FlagKind, MissingRule, TotalKind};

/// Version of this scoring algorithm, stored with every result (instruments.md §2 rule 1).
pub const SCORER_VERSION: &str = "aankomst-instruments-scorer/1";

/// One item's answer. An item never asked has no entry at all; declining and not knowing
/// are answers the person gave and are kept apart from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// The option's numeric (ordinal) value, never its position on screen.
    Value(i32),
    Declined,
    DontKnow,
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
        self.0.get(concept).copied()
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

/// A message key the UI translates (Fluent), with its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Explanation {
    pub key: String,
    pub args: BTreeMap<String, String>,
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
    pub explanation: Explanation,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    /// Answers must be keyed by this definition's concept codes; anything else (a position,
    /// another instrument's code) is refused rather than ignored.
    #[error("no choice item {0} in this definition")]
    UnknownItem(String),
    #[error("{value} is not an answer value of item {item}")]
    NotAnOption { item: String, value: i32 },
}

/// How one scored item stands after applying skip logic.
enum ItemState {
    Value(i32),
    Skipped(i32),
    Missing(Option<Answer>),
}

/// Scores `answers` against `definition`.
pub fn score(definition: &Definition, answers: &Answers) -> Result<ScoreResult, ScoreError> {
    for (concept, answer) in &answers.0 {
        let item = definition
            .choice_item(concept)
            .ok_or_else(|| ScoreError::UnknownItem(concept.clone()))?;
        if let Answer::Value(value) = answer {
            if item.option_with_value(*value).is_none() {
                return Err(ScoreError::NotAnOption {
                    item: concept.clone(),
                    value: *value,
                });
            }
        }
    }
    let spec = &definition.scoring;
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
            ItemState::Missing(None) => missing.not_asked += 1,
            ItemState::Missing(Some(Answer::Declined)) => missing.declined += 1,
            ItemState::Missing(Some(Answer::DontKnow)) => missing.dont_know += 1,
            ItemState::Missing(Some(Answer::Value(_))) => unreachable!("values are not missing"),
        }
    }
    let missing_items = missing.total();
    let item_count = spec.items.len() as i64;
    let multiplier = i64::from(spec.total.multiplier);
    let allowed_missing = match &spec.missing {
        MissingRule::NoTotal => 0,
        MissingRule::ImputeRespondentMean { max_missing, .. } => *max_missing,
    };
    let total = if missing_items > allowed_missing || answered_count == 0 {
        None
    } else {
        // With imputation each missing item takes the mean of the answered ones, so the sum
        // becomes answered_sum × n / answered; with nothing missing this is answered_sum.
        Some(match spec.total.kind {
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
    Ok(ScoreResult {
        definition_url: definition.url.clone(),
        definition_version: definition.version.clone(),
        definition_hash: definition.hash().to_owned(),
        scorer_version: SCORER_VERSION.to_owned(),
        band: total.and_then(|t| spec.bands.as_ref().map(|b| band_for(b, t))),
        total,
        imputed,
        subscales,
        flags,
        rules,
        missing,
        missing_items,
        skipped_items,
        explanation,
    })
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
    match answers.get(code) {
        Some(Answer::Value(value)) => {
            let reversed = spec.reverse.iter().any(|r| r == code);
            ItemState::Value(if reversed {
                item.min_value() + item.max_value() - value
            } else {
                value
            })
        }
        other => ItemState::Missing(other),
    }
}

/// Evaluates the item's `enableWhen`: Some(true) shown, Some(false) skipped, None when the
/// answers it depends on are missing.
fn enabled(definition: &Definition, item: &ChoiceItem, answers: &Answers) -> Option<bool> {
    if item.enable_when.is_empty() {
        return Some(true);
    }
    let results: Vec<Option<bool>> = item
        .enable_when
        .iter()
        .map(|condition| {
            let source = definition.choice_item(&condition.question)?;
            let Some(Answer::Value(value)) = answers.get(&condition.question) else {
                return None;
            };
            let code = &source.option_with_value(value)?.code;
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
        Condition::ItemAtLeast { item, value } => match answers.get(item) {
            Some(Answer::Value(answer)) => decided(answer >= *value),
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
