//! The definitions compiled into the crate. Only instruments whose texts may be bundled
//! (instruments.md §0.2, SHIP verdicts) and only verified wording appear here, plus the
//! frames and record-only forms named in the source reports (instruments.md §16, §17):
//! financial self-reliance, participatieladder, leerbaarheidstoets result, Taalstart end
//! report, digital-skills checklist.

use crate::definition::{Definition, DefinitionError};

/// (file name, contents) of every shipped definition.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "k10-nl-1.0.0.json",
        include_str!("../definitions/k10-nl-1.0.0.json"),
    ),
    (
        "k10-au-1.0.0.json",
        include_str!("../definitions/k10-au-1.0.0.json"),
    ),
    (
        "k10-us-1.0.0.json",
        include_str!("../definitions/k10-us-1.0.0.json"),
    ),
    (
        "k6-1.0.0.json",
        include_str!("../definitions/k6-1.0.0.json"),
    ),
    (
        "phq9-1.0.0.json",
        include_str!("../definitions/phq9-1.0.0.json"),
    ),
    (
        "gad7-1.0.0.json",
        include_str!("../definitions/gad7-1.0.0.json"),
    ),
    (
        "phq4-1.0.0.json",
        include_str!("../definitions/phq4-1.0.0.json"),
    ),
    (
        "who5-1.0.0.json",
        include_str!("../definitions/who5-1.0.0.json"),
    ),
    (
        "pcl5-1.0.0.json",
        include_str!("../definitions/pcl5-1.0.0.json"),
    ),
    (
        "pcptsd5-1.0.0.json",
        include_str!("../definitions/pcptsd5-1.0.0.json"),
    ),
    (
        "financiele-zelfredzaamheid-1.0.0.json",
        include_str!("../definitions/financiele-zelfredzaamheid-1.0.0.json"),
    ),
    (
        "participatieladder-1.0.0.json",
        include_str!("../definitions/participatieladder-1.0.0.json"),
    ),
    (
        "leerbaarheidstoets-1.0.0.json",
        include_str!("../definitions/leerbaarheidstoets-1.0.0.json"),
    ),
    (
        "taalstart-eindrapportage-1.0.0.json",
        include_str!("../definitions/taalstart-eindrapportage-1.0.0.json"),
    ),
    (
        "digitale-vaardigheden-1.0.0.json",
        include_str!("../definitions/digitale-vaardigheden-1.0.0.json"),
    ),
];

/// The default K10: Dutch GGD/CBS wording and bands (instruments.md §3).
pub const DEFAULT_K10_ID: &str = "k10-nl";

pub fn shipped_definitions() -> Result<Vec<Definition>, DefinitionError> {
    SHIPPED
        .iter()
        .map(|(_, json)| Definition::from_json(json))
        .collect()
}

/// A shipped definition by its Questionnaire id (e.g. "phq9").
pub fn shipped_definition(id: &str) -> Result<Option<Definition>, DefinitionError> {
    Ok(shipped_definitions()?.into_iter().find(|d| d.id == id))
}
