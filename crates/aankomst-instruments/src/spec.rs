//! The scoring section of a definition: what the scorer executes.
//!
//! It travels inside the FHIR Questionnaire as the `valueString` of the extension
//! [`SCORING_EXTENSION`], holding this structure as JSON (see the crate README). Scores are
//! computed only from this section and the items' ordinal values — never from a generic
//! expression language (DESIGN.md §6).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// URL of the extension that carries the scoring section.
pub const SCORING_EXTENSION: &str = "https://aankomst.nl/fhir/StructureDefinition/scoring";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringSpec {
    /// How the result is derived. Absent means [`Method::Total`], so every definition written
    /// before the other methods existed reads exactly as before (and keeps its hash).
    #[serde(default)]
    pub method: Method,
    /// Concept codes (linkIds) of the scored items (for [`Method::LevelCount`]: every
    /// descriptor item; for [`Method::Category`]: the one item; empty for record-only).
    #[serde(default)]
    pub items: Vec<String>,
    /// Items whose value is mirrored within their own option range before summing.
    #[serde(default)]
    pub reverse: Vec<String>,
    /// Required for [`Method::Total`], refused for the other methods.
    #[serde(default)]
    pub total: Option<TotalSpec>,
    /// Required for every method. For the level and category methods `no_total` means: any
    /// missing item, no level or rung.
    pub missing: MissingRule,
    /// Value a scored item contributes when its `enableWhen` rules it out (PC-PTSD-5: a
    /// "No" at the gate makes the total 0). Without it, a skipped item counts as missing.
    #[serde(default)]
    pub disabled_item_value: Option<i32>,
    #[serde(default)]
    pub bands: Option<BandSet>,
    #[serde(default)]
    pub subscales: Vec<SubscaleSpec>,
    #[serde(default)]
    pub flags: Vec<FlagSpec>,
    #[serde(default)]
    pub rules: Vec<ClusterRule>,
    /// Required for [`Method::LevelCount`], refused otherwise.
    #[serde(default)]
    pub level_count: Option<LevelCountRule>,
    /// Required for [`Method::Category`], refused otherwise.
    #[serde(default)]
    pub category: Option<CategoryRule>,
}

/// What kind of result a definition produces.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// A sum or mean of item values, with bands, subscales, flags and cluster rules.
    #[default]
    Total,
    /// Yes/no descriptors grouped by level; a level is reached when at least `at_least` of
    /// its descriptors are answered with `counts_value` (the 4-of-6 rule of the financial
    /// self-reliance frame, process.md §9).
    LevelCount,
    /// The answer to one choice item *is* the result (a rung of the participatieladder).
    Category,
    /// Nothing is scored: the form records an outcome produced elsewhere (instruments.md §0.2
    /// "RECORD THE RESULT ONLY", e.g. the leerbaarheidstoets).
    RecordOnly,
}

/// The level-count rule. `levels` are listed from the level needing the **most support** to
/// the level needing the least; a level's ordinal is its 1-based position in this list, so
/// higher is better (more self-reliant).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelCountRule {
    pub set: String,
    /// The answer value that counts as "yes".
    pub counts_value: i32,
    /// How many "yes" answers within one level reach that level.
    pub at_least: u32,
    pub levels: Vec<Level>,
    /// What decides when more than one level reaches `at_least`.
    pub several_reach: SeveralReach,
    /// What decides when no level reaches `at_least`.
    pub none_reach: NoneReach,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub code: String,
    pub display: String,
    /// The level's descriptor items (one per dimension).
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SeveralReach {
    /// The qualifying level that needs the most support wins: the point of the measurement
    /// is not to miss someone who still needs support.
    MostSupport,
    /// No level; an assessor must choose.
    Undetermined,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NoneReach {
    /// The level with the most "yes" answers; a tie between levels goes to the one that needs
    /// the most support (also when every count is 0).
    MostYesThenMostSupport,
    /// No level; an assessor must choose.
    Undetermined,
}

/// A single-choice result: the option chosen for `item` is the category (a rung).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryRule {
    pub set: String,
    pub item: String,
    /// How the options' ordinal values read (participatieladder: a higher rung is more
    /// participation).
    pub direction: Direction,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TotalSpec {
    pub kind: TotalKind,
    /// Integer scaling of the total (WHO-5: raw × 4), so scaled totals stay integral.
    pub multiplier: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TotalKind {
    Sum,
    Mean,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
pub enum MissingRule {
    /// Any missing scored item: no total (instruments.md §2 rule 4).
    NoTotal,
    /// Up to `max_missing` missing items are imputed with the mean of the respondent's
    /// answered items; more → no total. `source` names the documented rule.
    ImputeRespondentMean { max_missing: u32, source: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsWorse,
    HigherIsBetter,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandSet {
    pub set: String,
    pub direction: Direction,
    /// Contiguous integer ranges, inclusive, ascending, covering the whole score range.
    /// A fractional (imputed) total belongs to the highest band whose `min` it reaches.
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub code: String,
    pub min: i32,
    pub max: i32,
}

/// A sum over some items, scored without imputation: a subscale of two items cannot
/// sensibly borrow a mean (instruments.md §7 design rule).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubscaleSpec {
    pub id: String,
    pub items: Vec<String>,
    #[serde(default)]
    pub bands: Option<BandSet>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagSpec {
    pub id: String,
    pub kind: FlagKind,
    pub when: Condition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Immediate, non-dismissable referral prompt (instruments.md §2 rule 6).
    Safety,
    /// A next step such as administering a longer instrument.
    FollowUp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The item's own answer value is at least `value`, whatever the total.
    ItemAtLeast { item: String, value: i32 },
    /// The (scaled) total is at least this.
    TotalAtLeast(i32),
    /// The (scaled) total is at most this.
    TotalAtMost(i32),
}

/// A pattern rule over clusters: each cluster needs `at_least` items rated
/// `>= item_threshold` (the PCL-5 provisional DSM-5 rule).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterRule {
    pub id: String,
    pub item_threshold: i32,
    pub clusters: Vec<Cluster>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    pub id: String,
    pub items: Vec<String>,
    pub at_least: u32,
}
