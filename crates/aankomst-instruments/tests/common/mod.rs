//! Helpers shared by the integration tests.
#![allow(dead_code)]

use aankomst_instruments::{shipped_definition, Answer, Answers, Definition, Score, ScoreResult};

pub fn def(id: &str) -> Definition {
    shipped_definition(id)
        .expect("shipped definitions parse")
        .expect("shipped id")
}

pub fn run(definition: &Definition, answers: &Answers) -> ScoreResult {
    aankomst_instruments::score(definition, answers).expect("valid answers")
}

/// Answers to the scored items whose raw values add up to `raw_total`: every item starts at
/// its lowest value and items are raised in order until the total is reached.
pub fn answers_with_raw_total(definition: &Definition, raw_total: i32) -> Answers {
    let items: Vec<_> = definition
        .scoring
        .items
        .iter()
        .map(|code| definition.choice_item(code).unwrap())
        .collect();
    let mut remaining = raw_total - items.iter().map(|i| i.min_value()).sum::<i32>();
    assert!(remaining >= 0, "total below range");
    let mut answers = Answers::new();
    for item in items {
        let raise = remaining.min(item.max_value() - item.min_value());
        remaining -= raise;
        answers.value(&item.link_id, item.min_value() + raise);
    }
    assert_eq!(remaining, 0, "total above range");
    answers
}

/// Every scored item answered with `value`.
pub fn uniform(definition: &Definition, value: i32) -> Answers {
    let mut answers = Answers::new();
    for code in &definition.scoring.items {
        answers.value(code, value);
    }
    answers
}

pub fn total(result: &ScoreResult) -> Option<Score> {
    result.total
}

pub fn whole(result: &ScoreResult) -> i32 {
    result
        .total
        .and_then(|t| t.as_whole())
        .expect("a whole total")
}

pub fn band(result: &ScoreResult) -> &str {
    &result.band.as_ref().expect("a band").code
}

pub fn remove(answers: &mut Answers, concept: &str) {
    answers.0.remove(concept);
}

pub fn set(answers: &mut Answers, concept: &str, answer: Answer) {
    answers.0.insert(concept.to_owned(), answer);
}
