//! Screening instruments for Aankomst: definitions as data and their scorer.
//!
//! Each instrument version is a FHIR R4 `Questionnaire` in `definitions/`, compiled in with
//! `include_str!`. Its items are keyed by stable concept codes, its answers carry numeric
//! values as `ordinalValue`, and a scoring section (see [`spec`]) says how to score it.
//! Definitions are identified by URL + version and pinned by a SHA-256 of their canonical
//! JSON ([`Registry`]). [`score`] turns concept-keyed answers into a [`ScoreResult`].
//!
//! Instruments whose texts may not be bundled arrive as instrument packs ([`import_pack`]).
//! An administration exports as a FHIR R4 Bundle of a QuestionnaireResponse and its score
//! Observations ([`export_bundle`]).
//!
//! No IO: the crate reads nothing at run time.

pub mod canonical;
pub mod definition;
pub mod export;
pub mod pack;
pub mod registry;
pub mod score;
pub mod script;
pub mod shipped;
pub mod spec;

pub use definition::{Definition, DefinitionError, FieldItem, FieldKind, Item, ReviewStatus};
pub use export::{
    export_bundle, AnswerMode, ExportAnswer, ExportError, ExportInput, Reference, ResponseStatus,
    TextStatus,
};
pub use pack::{
    import_pack, load_shipped_pack, Attribution, AudioClip, AudioProblem, ConflictWith,
    DefinitionEntry, FieldProblem, PackError, PackInfo, PackOrigin, PackReport, PackTranslation,
    TranslationClash, TranslationEntry,
};
pub use registry::{Registry, RegistryError};
pub use score::{
    check_answer, score, Answer, Answers, BandResult, CategoryResult, Decision, Explanation,
    FlagResult, FlagState, LevelCount, MissingCounts, RuleOutcome, RuleResult, Score, ScoreError,
    ScoreResult, SubscaleResult,
};
pub use script::{foreign_letter, script_of, Script};
pub use shipped::{
    shipped_definition, shipped_definitions, CLIENT_LANGUAGES, CLIENT_LANGUAGE_INSTRUMENTS,
    DEFAULT_K10_ID, SHIPPED_LANGUAGE_PACKS,
};
pub use spec::{Direction, FlagKind, Method};
