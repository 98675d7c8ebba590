//! WHO-5 (instruments.md §8), PCL-5 (§9), PC-PTSD-5 (§10).

mod common;

use aankomst_instruments::{Answer, Answers, Direction, FlagState, RuleOutcome, Score};
use common::*;

// §8 [V]: percentage = raw × 4, 0–100, higher = better; ≤50 poor well-being, ≤28 likely
// depression (raw < 13 ⇔ percentage ≤ 50).
#[test]
fn who5_is_scaled_by_four_and_banded_with_higher_better() {
    let who5 = def("who5");
    assert_eq!(who5.total_range(), (0, 100));
    for (raw, percentage, expected) in [
        (0, 0, "likely_depression"),
        (6, 24, "likely_depression"),
        (7, 28, "likely_depression"),
        (8, 32, "poor_wellbeing"),
        (12, 48, "poor_wellbeing"),
        (13, 52, "above_cutoff"),
        (14, 56, "above_cutoff"),
        (25, 100, "above_cutoff"),
    ] {
        let result = run(&who5, &answers_with_raw_total(&who5, raw));
        assert_eq!(result.total, Some(Score::whole(percentage)), "raw {raw}");
        assert_eq!(band(&result), expected, "raw {raw}");
        assert_eq!(
            result.band.as_ref().unwrap().direction,
            Direction::HigherIsBetter
        );
    }
    // The wrong "(raw − 5) × 4" of §8 pitfalls would give 0 here, not 20.
    assert_eq!(whole(&run(&who5, &uniform(&who5, 1))), 20);
}

// §8 design rule: percentage ≤ 28 → administer the PHQ-9.
#[test]
fn who5_low_score_asks_for_a_phq9() {
    let who5 = def("who5");
    let state = |raw| run(&who5, &answers_with_raw_total(&who5, raw)).flags[0].state;
    assert_eq!(state(7), FlagState::Raised);
    assert_eq!(state(8), FlagState::NotRaised);
}

// §8 pitfalls: options may be listed high to low; the stored value is the ordinal value.
#[test]
fn who5_options_are_listed_high_to_low_but_scored_by_value() {
    let who5 = def("who5");
    let item = who5.choice_item("who5.cheerful").unwrap();
    assert_eq!(item.options[0].display.base, "All of the time");
    assert_eq!(item.options[0].value, 5);
    let mut answers = uniform(&who5, 0);
    answers.value("who5.cheerful", 5);
    assert_eq!(whole(&run(&who5, &answers)), 20);
}

fn pcl5(values: &[(usize, i32)]) -> Answers {
    let mut answers = Answers::new();
    for n in 1..=20 {
        answers.value(&format!("pcl5.{n:02}"), 0);
    }
    for (n, value) in values {
        answers.value(&format!("pcl5.{n:02}"), *value);
    }
    answers
}

fn dsm5(result: &aankomst_instruments::ScoreResult) -> RuleOutcome {
    result
        .rules
        .iter()
        .find(|r| r.id == "pcl5.dsm5_provisional")
        .unwrap()
        .outcome
}

// §9 [V]: ≥1 of B (1–5), ≥1 of C (6–7), ≥2 of D (8–14), ≥2 of E (15–20), rated ≥ 2.
#[test]
fn pcl5_dsm5_rule_met_with_the_minimum_pattern() {
    let def = def("pcl5");
    let minimum = [(1, 2), (6, 2), (8, 2), (14, 2), (15, 2), (20, 2)];
    let result = run(&def, &pcl5(&minimum));
    assert_eq!(dsm5(&result), RuleOutcome::Met);
    assert_eq!(whole(&result), 12); // met, yet far below the cut-off: the two are separate
    assert_eq!(band(&result), "below_cutoff");
}

#[test]
fn pcl5_dsm5_rule_not_met_when_one_cluster_falls_short() {
    let def = def("pcl5");
    // Only one D item at ≥ 2.
    let result = run(&def, &pcl5(&[(1, 4), (6, 4), (8, 4), (15, 4), (20, 4)]));
    assert_eq!(dsm5(&result), RuleOutcome::NotMet);
    // A rating of 1 does not count towards a cluster.
    let result = run(
        &def,
        &pcl5(&[(1, 2), (6, 2), (8, 2), (14, 1), (15, 2), (20, 2)]),
    );
    assert_eq!(dsm5(&result), RuleOutcome::NotMet);
    // No C item at all.
    let result = run(&def, &pcl5(&[(1, 2), (8, 2), (14, 2), (15, 2), (20, 2)]));
    assert_eq!(dsm5(&result), RuleOutcome::NotMet);
}

#[test]
fn pcl5_dsm5_rule_with_missing_items() {
    let def = def("pcl5");
    // C short by one and item 7 (a C item) declined: could go either way.
    let mut answers = pcl5(&[(1, 2), (8, 2), (14, 2), (15, 2), (20, 2)]);
    answers.set("pcl5.07", Answer::Declined);
    let result = run(&def, &answers);
    assert_eq!(dsm5(&result), RuleOutcome::Undetermined);
    assert_eq!(result.total, None); // §9 → §2 rule 4
                                    // Pattern already complete: a missing item elsewhere cannot undo it.
    let mut answers = pcl5(&[(1, 2), (6, 2), (8, 2), (14, 2), (15, 2), (20, 2)]);
    remove(&mut answers, "pcl5.03");
    assert_eq!(dsm5(&run(&def, &answers)), RuleOutcome::Met);
}

// §9 [V]: total 0–80, provisional cut-off 31–33; we ship 33 (CamCOPS "preliminary cutoff").
#[test]
fn pcl5_cutoff_at_33() {
    let def = def("pcl5");
    assert_eq!(def.total_range(), (0, 80));
    for (total, expected) in [
        (32, "below_cutoff"),
        (33, "provisional_ptsd"),
        (34, "provisional_ptsd"),
    ] {
        assert_eq!(
            band(&run(&def, &answers_with_raw_total(&def, total))),
            expected,
            "total {total}"
        );
    }
}

// §9 / §2 rule 6 design rule: item 16 (risk-taking) > 0 routes to the safety prompt.
#[test]
fn pcl5_item16_raises_the_safety_flag() {
    let def = def("pcl5");
    let state = |answers: &Answers| run(&def, answers).flags[0].state;
    assert_eq!(state(&pcl5(&[])), FlagState::NotRaised);
    assert_eq!(state(&pcl5(&[(16, 1)])), FlagState::Raised);
}

fn pcptsd5(gate: Option<i32>, yes: usize) -> Answers {
    let items = [
        "pcptsd5.nightmares",
        "pcptsd5.avoidance",
        "pcptsd5.on_guard",
        "pcptsd5.numb",
        "pcptsd5.guilt",
    ];
    let mut answers = Answers::new();
    if let Some(gate) = gate {
        answers.value("pcptsd5.gate", gate);
    }
    if gate == Some(1) {
        for (i, item) in items.iter().enumerate() {
            answers.value(item, i32::from(i < yes));
        }
    }
    answers
}

// §10 [V]: a "No" at the gate makes the screen total 0.
#[test]
fn pcptsd5_gate_no_scores_zero() {
    let def = def("pcptsd5");
    let result = run(&def, &pcptsd5(Some(0), 0));
    assert_eq!(whole(&result), 0);
    assert_eq!(result.missing_items, 0);
    assert_eq!(result.skipped_items, 5);
    assert_eq!(band(&result), "negative");
    assert_eq!(
        result.explanation.key,
        "instrument-score-complete-with-skips"
    );
    // Answers recorded after a "No" do not count.
    let mut answers = pcptsd5(Some(0), 0);
    answers.value("pcptsd5.nightmares", 1);
    assert_eq!(whole(&run(&def, &answers)), 0);
}

// §10 [V] each Yes = 1, 0–5; [P] cut-off 3.
#[test]
fn pcptsd5_cutoff_at_3() {
    let def = def("pcptsd5");
    assert_eq!(def.total_range(), (0, 5));
    for (yes, expected) in [
        (0, "negative"),
        (2, "negative"),
        (3, "positive"),
        (4, "positive"),
        (5, "positive"),
    ] {
        let result = run(&def, &pcptsd5(Some(1), yes));
        assert_eq!(whole(&result), yes as i32);
        assert_eq!(band(&result), expected, "{yes} yes");
    }
}

// §10 → §2 rule 4: gate unanswered or an item missing after "Yes": no total.
#[test]
fn pcptsd5_missing_gate_or_item_gives_no_total() {
    let def = def("pcptsd5");
    let result = run(&def, &pcptsd5(None, 0));
    assert_eq!(result.total, None);
    assert_eq!(result.missing_items, 5);
    let mut answers = pcptsd5(Some(1), 5);
    answers.set("pcptsd5.numb", Answer::DontKnow);
    let result = run(&def, &answers);
    assert_eq!(result.total, None);
    assert_eq!(result.missing.dont_know, 1);
}
