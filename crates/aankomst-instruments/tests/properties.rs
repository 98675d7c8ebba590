//! Property: whatever the answers, a total stays within the instrument's range, subscales
//! within theirs, and a total exists only when the missing-item rule allows it; a level or
//! rung exists only when nothing it needs is missing, and record-only forms are never scored.

mod common;

use aankomst_instruments::spec::MissingRule;
use aankomst_instruments::{score, shipped_definitions, Answer, Answers, Method};
use proptest::prelude::*;

/// For each choice item: an option index, or declined / don't know / not asked.
fn answer_choices() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(0u8..12, 40)
}

proptest! {
    #[test]
    fn scores_stay_within_range(choices in answer_choices()) {
        for definition in shipped_definitions().unwrap() {
            let mut answers = Answers::new();
            for (item, choice) in definition.choice_items().zip(&choices) {
                let choice = usize::from(*choice);
                match choice {
                    9 => { answers.set(&item.link_id, Answer::Declined); }
                    10 => { answers.set(&item.link_id, Answer::DontKnow); }
                    11 => {}
                    _ => { answers.value(&item.link_id, item.options[choice % item.options.len()].value); }
                }
            }
            let result = score(&definition, &answers).unwrap();
            if definition.scoring.method != Method::Total {
                // Levels, rungs and record-only forms have no total; a level or rung exists
                // exactly when nothing it needs is missing (§2 rule 4), and it is decided.
                prop_assert!(result.total.is_none() && result.band.is_none());
                prop_assert_eq!(result.record_only, definition.scoring.method == Method::RecordOnly);
                let expects_category = definition.scoring.method != Method::RecordOnly
                    && result.missing_items == 0;
                prop_assert_eq!(result.category.is_some(), expects_category, "{}", definition.id);
                if let Some(category) = &result.category {
                    prop_assert!(category.code.is_some(), "{}: the shipped tie rules always decide", definition.id);
                }
                continue;
            }
            let (low, high) = definition.total_range();
            if let Some(total) = result.total {
                prop_assert!(total.at_least(low) && total.at_most(high), "{}: {total}", definition.id);
                prop_assert_eq!(result.band.is_some(), definition.scoring.bands.is_some());
            }
            let allowed = match &definition.scoring.missing {
                MissingRule::NoTotal => 0,
                MissingRule::ImputeRespondentMean { max_missing, .. } => *max_missing,
            };
            prop_assert_eq!(result.total.is_some(), result.missing_items <= allowed);
            prop_assert!(result.category.is_none() && !result.record_only);
            for subscale in &result.subscales {
                if let Some(total) = subscale.total {
                    prop_assert!(total.at_least(0) && total.at_most(6));
                }
            }
        }
    }
}
