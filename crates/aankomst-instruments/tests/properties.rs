//! Property: whatever the answers, a total stays within the instrument's range, subscales
//! within theirs, and a total exists only when the missing-item rule allows it.

mod common;

use aankomst_instruments::spec::MissingRule;
use aankomst_instruments::{score, shipped_definitions, Answer, Answers};
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
            for subscale in &result.subscales {
                if let Some(total) = subscale.total {
                    prop_assert!(total.at_least(0) && total.at_most(6));
                }
            }
        }
    }
}
