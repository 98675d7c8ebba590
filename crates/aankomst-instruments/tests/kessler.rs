//! K10 (instruments.md §3) and K6 (§4). Expected figures are taken from those sections.

mod common;

use aankomst_instruments::definition::Item;
use aankomst_instruments::{
    Answer, Answers, Definition, Direction, FlagState, ReviewStatus, Score,
};
use common::*;

const K10: [&str; 10] = [
    "k10.tired",
    "k10.nervous",
    "k10.nervous_severe",
    "k10.hopeless",
    "k10.restless",
    "k10.restless_severe",
    "k10.depressed",
    "k10.effort",
    "k10.sad_severe",
    "k10.worthless",
];

fn flag(result: &aankomst_instruments::ScoreResult, id: &str) -> FlagState {
    result
        .flags
        .iter()
        .find(|f| f.id == id)
        .expect("flag")
        .state
}

// §3.8 Dutch GGD/CBS: 10–15 geen of laag, 16–29 matig, 30–50 hoog; §2 rule 2 names 15/16, 29/30.
#[test]
fn k10_nl_bands_at_each_boundary() {
    let k10 = def("k10-nl");
    for (total, expected) in [
        (10, "geen_of_laag_risico"),
        (14, "geen_of_laag_risico"),
        (15, "geen_of_laag_risico"),
        (16, "matig_risico"),
        (17, "matig_risico"),
        (28, "matig_risico"),
        (29, "matig_risico"),
        (30, "hoog_risico"),
        (31, "hoog_risico"),
        (50, "hoog_risico"),
    ] {
        let result = run(&k10, &answers_with_raw_total(&k10, total));
        assert_eq!(whole(&result), total);
        assert_eq!(band(&result), expected, "total {total}");
        assert_eq!(
            result.band.as_ref().unwrap().direction,
            Direction::HigherIsWorse
        );
        assert_eq!(result.explanation.key, "instrument-score-complete");
    }
}

// §3.9 design rule: a very high K10 (30–50) raises the referral prompt.
#[test]
fn k10_nl_very_high_flag_from_30() {
    let k10 = def("k10-nl");
    assert_eq!(
        flag(
            &run(&k10, &answers_with_raw_total(&k10, 29)),
            "k10.very_high"
        ),
        FlagState::NotRaised
    );
    assert_eq!(
        flag(
            &run(&k10, &answers_with_raw_total(&k10, 30)),
            "k10.very_high"
        ),
        FlagState::Raised
    );
}

// §3.6: 10 items of 1–5, total 10–50, no reverse items.
#[test]
fn k10_nl_range_is_10_to_50() {
    let k10 = def("k10-nl");
    assert_eq!(k10.total_range(), (10, 50));
    assert_eq!(whole(&run(&k10, &uniform(&k10, 1))), 10);
    assert_eq!(whole(&run(&k10, &uniform(&k10, 5))), 50);
    assert!(k10.scoring.reverse.is_empty());
}

// §3.7 [V]: 1–2 items missing → impute with a mean (the respondent's own mean, the "usual
// reading"; which mean is [U] and is our documented choice); 3 or more → score missing.
#[test]
fn k10_nl_two_missing_items_are_imputed_with_the_respondents_mean() {
    let k10 = def("k10-nl");
    let mut answers = uniform(&k10, 3);
    remove(&mut answers, "k10.tired");
    set(&mut answers, "k10.worthless", Answer::Declined);
    let result = run(&k10, &answers);
    // 8 answers of 3: the mean 3 stands in for the two missing items → 30.
    assert_eq!(whole(&result), 30);
    assert!(result.imputed);
    assert_eq!(result.missing_items, 2);
    assert_eq!(result.missing.not_asked, 1);
    assert_eq!(result.missing.declined, 1);
    assert_eq!(band(&result), "hoog_risico");
    assert_eq!(result.explanation.key, "instrument-score-imputed");
    assert_eq!(result.explanation.args["max_missing"], "2");
    assert_eq!(result.explanation.args["rule"], "k10-nl-ggd-cbs");
}

#[test]
fn k10_nl_one_missing_item_gives_an_exact_fraction() {
    let k10 = def("k10-nl");
    // Nine answers adding up to 14: imputed total 14 × 10 / 9 = 140/9 (≈ 15.56), kept exact.
    let mut answers = answers_with_raw_total(&k10, 14 + 1);
    remove(&mut answers, "k10.worthless"); // the last item was left at its minimum, 1
    let result = run(&k10, &answers);
    assert_eq!(
        result.total,
        Some(Score {
            numerator: 140,
            denominator: 9
        })
    );
    // Between the listed ranges 10–15 and 16–29: a band starts at its lower bound, so
    // 15.56 has not reached 16 (the crate's documented rule; §3.7 does not say how to round).
    assert_eq!(band(&result), "geen_of_laag_risico");
}

#[test]
fn k10_nl_three_missing_items_give_no_total() {
    let k10 = def("k10-nl");
    let mut answers = uniform(&k10, 5);
    remove(&mut answers, "k10.tired");
    set(&mut answers, "k10.nervous", Answer::Declined);
    set(&mut answers, "k10.hopeless", Answer::DontKnow);
    let result = run(&k10, &answers);
    assert_eq!(total(&result), None);
    assert_eq!(result.band, None);
    assert!(!result.imputed);
    assert_eq!(result.missing_items, 3);
    // Kept apart: not asked, declined, don't know.
    assert_eq!(
        (
            result.missing.not_asked,
            result.missing.declined,
            result.missing.dont_know
        ),
        (1, 1, 1)
    );
    assert_eq!(result.explanation.key, "instrument-score-too-many-missing");
    assert_eq!(result.explanation.args["missing"], "3");
    assert_eq!(flag(&result, "k10.very_high"), FlagState::Undetermined);
}

// §3.3 [V]: the Dutch GGD/CBS wording, shipped as a validated translation; §3.5 Dutch labels.
#[test]
fn k10_nl_carries_the_dutch_wording_as_validated() {
    let k10 = def("k10-nl");
    let tired = k10.choice_item("k10.tired").unwrap();
    let dutch = tired.text.translation("nl").unwrap();
    assert_eq!(
        dutch.content,
        "Hoe vaak voelde u zich erg vermoeid zonder duidelijke reden?"
    );
    assert_eq!(dutch.review, ReviewStatus::Validated);
    let labels: Vec<_> = tired
        .options
        .iter()
        .map(|o| {
            (
                o.value,
                o.display.translation("nl").unwrap().content.as_str(),
            )
        })
        .collect();
    assert_eq!(
        labels,
        [
            (1, "Nooit"),
            (2, "Af en toe"),
            (3, "Soms"),
            (4, "Meestal"),
            (5, "Altijd")
        ]
    );
}

// §3.8 Australian clinical: 10–19 well, 20–24 mild, 25–29 moderate, 30–50 severe.
#[test]
fn k10_au_bands_at_each_boundary() {
    let k10 = def("k10-au");
    for (total, expected) in [
        (19, "likely_well"),
        (20, "mild_disorder"),
        (21, "mild_disorder"),
        (24, "mild_disorder"),
        (25, "moderate_disorder"),
        (26, "moderate_disorder"),
        (29, "moderate_disorder"),
        (30, "severe_disorder"),
        (31, "severe_disorder"),
    ] {
        assert_eq!(
            band(&run(&k10, &answers_with_raw_total(&k10, total))),
            expected,
            "total {total}"
        );
    }
}

// §2 rule 4: the Dutch imputation rule is the only verified one; other forms get no total.
#[test]
fn k10_au_and_us_give_no_total_with_one_missing_item() {
    for id in ["k10-au", "k10-us"] {
        let k10 = def(id);
        let mut answers = uniform(&k10, 2);
        remove(&mut answers, "k10.effort");
        let result = run(&k10, &answers);
        assert_eq!(result.total, None, "{id}");
        assert_eq!(result.explanation.key, "instrument-score-incomplete");
    }
}

fn position(definition: &Definition, concept: &str) -> usize {
    definition
        .items
        .iter()
        .filter(|i| matches!(i, Item::Choice(_)))
        .position(|i| matches!(i, Item::Choice(c) if c.link_id == concept))
        .unwrap()
}

// §3.4: US 8 = "so depressed…", US 9 = "everything was an effort"; AU has them the other way
// round. §3.6: total(1–5) = total(0–4) + 10. Concept-keyed answers make the order harmless.
#[test]
fn k10_au_and_us_agree_on_concept_keyed_answers_despite_item_order() {
    let au = def("k10-au");
    let us = def("k10-us");
    assert_eq!(
        (position(&au, "k10.effort"), position(&au, "k10.sad_severe")),
        (7, 8)
    );
    assert_eq!(
        (position(&us, "k10.effort"), position(&us, "k10.sad_severe")),
        (8, 7)
    );
    assert_eq!(us.total_range(), (0, 40));

    let au_values = [1, 2, 3, 4, 5, 1, 2, 3, 5, 4];
    let mut au_answers = Answers::new();
    let mut us_answers = Answers::new();
    for (concept, value) in K10.iter().zip(au_values) {
        au_answers.value(concept, value);
        us_answers.value(concept, value - 1); // same option, 0–4 coding (§3.5)
    }
    let au_total = whole(&run(&au, &au_answers));
    let us_total = whole(&run(&us, &us_answers));
    assert_eq!(au_total, 30);
    assert_eq!(au_total, us_total + 10);
    // The Dutch form (same 1–5 coding) gives the same total for the same answers.
    assert_eq!(whole(&run(&def("k10-nl"), &au_answers)), au_total);
}

// §3.4: reordering the items of a definition changes nothing for concept-keyed answers.
#[test]
fn reversing_the_item_order_of_a_definition_changes_no_score() {
    let au = def("k10-au");
    let mut resource = au.resource().clone();
    resource["item"].as_array_mut().unwrap().reverse();
    let reversed = Definition::from_value(resource).unwrap();
    assert_ne!(reversed.hash(), au.hash());
    let answers = answers_with_raw_total(&au, 27);
    assert_eq!(run(&reversed, &answers).total, run(&au, &answers).total);
    assert_eq!(whole(&run(&reversed, &answers)), 27);
}

// §3.9 converted by §3.6: 30 in 1–5 coding is 20 in the US 0–4 coding.
#[test]
fn k10_us_very_high_flag_from_20() {
    let us = def("k10-us");
    assert_eq!(
        flag(&run(&us, &answers_with_raw_total(&us, 19)), "k10.very_high"),
        FlagState::NotRaised
    );
    assert_eq!(
        flag(&run(&us, &answers_with_raw_total(&us, 20)), "k10.very_high"),
        FlagState::Raised
    );
    assert_eq!(run(&us, &answers_with_raw_total(&us, 40)).band, None); // no 0–4 band set in §3.8
}

// §4: 0–4, sum 0–24; ≥5 moderate distress, ≥13 probable serious mental illness.
#[test]
fn k6_bands_at_each_boundary() {
    let k6 = def("k6");
    assert_eq!(k6.total_range(), (0, 24));
    for (total, expected) in [
        (0, "below_moderate"),
        (4, "below_moderate"),
        (5, "moderate_distress"),
        (6, "moderate_distress"),
        (12, "moderate_distress"),
        (13, "probable_serious_mental_illness"),
        (14, "probable_serious_mental_illness"),
        (24, "probable_serious_mental_illness"),
    ] {
        assert_eq!(
            band(&run(&k6, &answers_with_raw_total(&k6, total))),
            expected,
            "total {total}"
        );
    }
    assert_eq!(
        flag(&run(&k6, &answers_with_raw_total(&k6, 12)), "k6.very_high"),
        FlagState::NotRaised
    );
    assert_eq!(
        flag(&run(&k6, &answers_with_raw_total(&k6, 13)), "k6.very_high"),
        FlagState::Raised
    );
}

// §4: the K6 items are K10 concepts; k10.tired is not one of them; §4 rule 4 for missing.
#[test]
fn k6_uses_k10_concepts_and_refuses_others() {
    let k6 = def("k6");
    let scored: Vec<&str> = k6.scoring.items.iter().map(String::as_str).collect();
    assert_eq!(
        scored,
        [
            "k10.nervous",
            "k10.hopeless",
            "k10.restless",
            "k10.sad_severe",
            "k10.effort",
            "k10.worthless"
        ]
    );
    let mut answers = uniform(&k6, 1);
    answers.value("k10.tired", 1);
    assert!(aankomst_instruments::score(&k6, &answers).is_err());
    let mut answers = uniform(&k6, 1);
    set(&mut answers, "k10.effort", Answer::DontKnow);
    assert_eq!(run(&k6, &answers).total, None);
}
