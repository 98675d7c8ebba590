//! The definitions compiled into the crate. Only instruments whose texts may be bundled
//! (instruments.md §0.2, SHIP verdicts) and only verified wording appear here, plus the
//! frames and record-only forms named in the source reports (instruments.md §16, §17):
//! financial self-reliance, participatieladder, leerbaarheidstoets result, Taalstart end
//! report, digital-skills checklist.
//!
//! The client-facing texts in the client languages ship as language packs
//! (`languages/<lang>.json`, the pack format of [`crate::import_pack`]) attached to the
//! definitions by URL and version. A translation is kept beside a definition, never in it,
//! so adding one leaves the definition's hash, and every stored administration that names
//! it, unchanged. Every shipped translation is a draft marked `unreviewed` unless it names
//! who reviewed it.

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

/// The languages shipped for the client-facing texts, in pack file order: (language code,
/// pack contents). English is the base language of most definitions; its pack covers those
/// written in Dutch.
pub const SHIPPED_LANGUAGE_PACKS: &[(&str, &str)] = &[
    ("ar.json", include_str!("../languages/ar.json")),
    ("ti.json", include_str!("../languages/ti.json")),
    ("prs.json", include_str!("../languages/prs.json")),
    ("fa.json", include_str!("../languages/fa.json")),
    ("so.json", include_str!("../languages/so.json")),
    ("tr.json", include_str!("../languages/tr.json")),
    ("uk.json", include_str!("../languages/uk.json")),
    ("en.json", include_str!("../languages/en.json")),
    ("am.json", include_str!("../languages/am.json")),
    ("kmr.json", include_str!("../languages/kmr.json")),
];

/// The languages every client-facing text of [`CLIENT_LANGUAGE_INSTRUMENTS`] is shipped in
/// (ISO 639 codes: `prs` is Dari, `fa` Farsi, `am` Amharic, `kmr` Kurmanji). Sorani (`ckb`)
/// is not shipped: no draft we could stand behind for the clinical items.
pub const CLIENT_LANGUAGES: &[&str] =
    &["ar", "ti", "prs", "fa", "so", "tr", "uk", "en", "am", "kmr"];

/// The shipped instruments a client answers or is shown, by Questionnaire id: each has
/// every client-facing text in every [`CLIENT_LANGUAGES`] language.
pub const CLIENT_LANGUAGE_INSTRUMENTS: &[&str] = &[
    "k10-nl",
    "k10-au",
    "k10-us",
    "k6",
    "phq9",
    "gad7",
    "phq4",
    "who5",
    "pcl5",
    "pcptsd5",
    "financiele-zelfredzaamheid",
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
