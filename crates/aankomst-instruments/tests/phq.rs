//! PHQ-9 (instruments.md §5), GAD-7 (§6), PHQ-4 (§7).

mod common;

use aankomst_instruments::{Answer, Answers, FlagState};
use common::*;

const PHQ9_ITEM9: &str = "44260-8";
const PHQ9_ITEM10: &str = "69722-7";

fn item9_flag(result: &aankomst_instruments::ScoreResult) -> FlagState {
    result
        .flags
        .iter()
        .find(|f| f.id == "phq9.item9")
        .unwrap()
        .state
}

// §5.4 [V]: 0–4 none/minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27
// severe; §2 rule 2 names 9/10, 14/15, 19/20.
#[test]
fn phq9_bands_at_each_boundary() {
    let phq9 = def("phq9");
    assert_eq!(phq9.total_range(), (0, 27));
    for (total, expected) in [
        (0, "none_minimal"),
        (4, "none_minimal"),
        (5, "mild"),
        (6, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (11, "moderate"),
        (14, "moderate"),
        (15, "moderately_severe"),
        (16, "moderately_severe"),
        (19, "moderately_severe"),
        (20, "severe"),
        (21, "severe"),
        (27, "severe"),
    ] {
        let result = run(&phq9, &answers_with_raw_total(&phq9, total));
        assert_eq!(whole(&result), total);
        assert_eq!(band(&result), expected, "total {total}");
    }
}

// §5.6 design rule: item 9 > 0 raises the safety flag whatever the total.
#[test]
fn phq9_item9_flag_is_raised_whatever_the_total() {
    let phq9 = def("phq9");
    let nothing = uniform(&phq9, 0);
    let result = run(&phq9, &nothing);
    assert_eq!(whole(&result), 0);
    assert_eq!(item9_flag(&result), FlagState::NotRaised);

    // Only item 9, "several days": total 1, the lowest band, and still the flag.
    let mut only_item9 = nothing.clone();
    only_item9.value(PHQ9_ITEM9, 1);
    let result = run(&phq9, &only_item9);
    assert_eq!(whole(&result), 1);
    assert_eq!(band(&result), "none_minimal");
    assert_eq!(item9_flag(&result), FlagState::Raised);

    // Item 9 answered, everything else missing: no total, flag raised all the same.
    let mut alone = Answers::new();
    alone.value(PHQ9_ITEM9, 3);
    let result = run(&phq9, &alone);
    assert_eq!(result.total, None);
    assert_eq!(result.missing_items, 8);
    assert_eq!(item9_flag(&result), FlagState::Raised);

    // Declined: the flag cannot be settled and says so.
    let mut declined = nothing;
    declined.set(PHQ9_ITEM9, Answer::Declined);
    assert_eq!(item9_flag(&run(&phq9, &declined)), FlagState::Undetermined);
}

// §5.4: item 10 is not scored; §5.5 → §2 rule 4: one missing item, no total.
#[test]
fn phq9_item10_is_unscored_and_a_missing_item_gives_no_total() {
    let phq9 = def("phq9");
    let mut answers = answers_with_raw_total(&phq9, 12);
    answers.value(PHQ9_ITEM10, 3);
    assert_eq!(whole(&run(&phq9, &answers)), 12);
    remove(&mut answers, "44250-9");
    let result = run(&phq9, &answers);
    assert_eq!(result.total, None);
    assert_eq!(result.missing.not_asked, 1);
    assert_eq!(result.explanation.key, "instrument-score-incomplete");
}

// §6 [V]: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe.
#[test]
fn gad7_bands_at_each_boundary() {
    let gad7 = def("gad7");
    assert_eq!(gad7.total_range(), (0, 21));
    for (total, expected) in [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (6, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (11, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (16, "severe"),
        (21, "severe"),
    ] {
        assert_eq!(
            band(&run(&gad7, &answers_with_raw_total(&gad7, total))),
            expected,
            "total {total}"
        );
    }
    let mut answers = uniform(&gad7, 3);
    answers.set("69725-0", Answer::DontKnow);
    assert_eq!(run(&gad7, &answers).total, None);
}

// §7 [V]: total 0–2 normal, 3–5 mild, 6–8 moderate, 9–12 severe.
#[test]
fn phq4_total_bands_at_each_boundary() {
    let phq4 = def("phq4");
    assert_eq!(phq4.total_range(), (0, 12));
    for (total, expected) in [
        (0, "normal"),
        (2, "normal"),
        (3, "mild"),
        (4, "mild"),
        (5, "mild"),
        (6, "moderate"),
        (7, "moderate"),
        (8, "moderate"),
        (9, "severe"),
        (10, "severe"),
        (12, "severe"),
    ] {
        assert_eq!(
            band(&run(&phq4, &answers_with_raw_total(&phq4, total))),
            expected,
            "total {total}"
        );
    }
}

fn phq4_answers(gad1: i32, gad2: i32, phq1: i32, phq2: i32) -> Answers {
    let mut answers = Answers::new();
    answers
        .value("69725-0", gad1)
        .value("68509-9", gad2)
        .value("44250-9", phq1)
        .value("44255-8", phq2);
    answers
}

// §7 [V]: anxiety = items 1–2 (GAD-2), depression = items 3–4 (PHQ-2), each 0–6, ≥3 positive.
#[test]
fn phq4_subscales_turn_positive_at_3() {
    let phq4 = def("phq4");
    let result = run(&phq4, &phq4_answers(1, 1, 2, 1));
    let gad2 = &result.subscales[0];
    let phq2 = &result.subscales[1];
    assert_eq!(
        (gad2.id.as_str(), gad2.total.unwrap().as_whole()),
        ("gad2", Some(2))
    );
    assert_eq!(gad2.band.as_ref().unwrap().code, "negative");
    assert_eq!(
        (phq2.id.as_str(), phq2.total.unwrap().as_whole()),
        ("phq2", Some(3))
    );
    assert_eq!(phq2.band.as_ref().unwrap().code, "positive");
    assert_eq!(whole(&result), 5);

    let result = run(&phq4, &phq4_answers(3, 3, 1, 1));
    assert_eq!(result.subscales[0].total.unwrap().as_whole(), Some(6));
    assert_eq!(result.subscales[0].band.as_ref().unwrap().code, "positive");
    assert_eq!(result.subscales[1].band.as_ref().unwrap().code, "negative");
}

// §7 design rule: no missing item allowed in a 2-item subscale; the other subscale stands.
#[test]
fn phq4_missing_item_voids_its_subscale_and_the_total_only() {
    let phq4 = def("phq4");
    let mut answers = phq4_answers(2, 2, 0, 0);
    answers.set("44255-8", Answer::Declined);
    let result = run(&phq4, &answers);
    assert_eq!(result.total, None);
    assert_eq!(result.subscales[0].total.unwrap().as_whole(), Some(4));
    assert_eq!(result.subscales[0].band.as_ref().unwrap().code, "positive");
    assert_eq!(result.subscales[1].total, None);
    assert_eq!(result.subscales[1].band, None);
}

// §7: the PHQ-4 items are the same concepts as GAD-7 items 1–2 and PHQ-9 items 1–2.
#[test]
fn phq4_shares_concepts_with_gad7_and_phq9() {
    let phq4 = def("phq4");
    let gad7 = def("gad7");
    let phq9 = def("phq9");
    assert_eq!(phq4.scoring.items[0..2], gad7.scoring.items[0..2]);
    assert_eq!(phq4.scoring.items[2..4], phq9.scoring.items[0..2]);
}
