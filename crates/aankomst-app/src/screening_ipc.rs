//! IPC types of screening: instruments, administrations, the client-facing view, safety
//! protocols and charts. Exported to TypeScript by ts-rs like the rest of [`crate::ipc`].

use aankomst_core::records::{SafetyAcknowledgement, StoredAnswer};
use aankomst_instruments::{Direction, PackReport, ReviewStatus, ScoreResult};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language an instrument can be shown in, with how far its text was checked.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct InstrumentLanguage {
    pub language: String,
    /// `None` for the definition's own language.
    pub review: Option<ReviewStatus>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct InstrumentSummary {
    pub id: String,
    pub url: String,
    pub version: String,
    pub title: String,
    pub copyright: String,
    pub question_count: u32,
    pub languages: Vec<InstrumentLanguage>,
    /// Completed administrations are sealed for the GGD: the counsellor sees status only.
    pub sealed: bool,
    /// Came from an imported pack rather than shipped with the app.
    pub from_pack: bool,
    pub hash: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct StartAdministrationRequest {
    pub conversation_id: String,
    pub definition_id: String,
    /// `read_aloud` or `self_completed`.
    pub mode: String,
    /// The language the questions are put in.
    pub language: String,
}

/// A text in the counsellor's language and, when the administration's language differs,
/// in that language too, each with its review status.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ShownText {
    pub text: String,
    pub client_text: Option<String>,
    pub client_review: Option<ReviewStatus>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OptionView {
    pub code: String,
    pub value: i32,
    pub label: ShownText,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ItemView {
    pub link_id: String,
    /// `display` (instructions), `choice`, or a record-only field's FHIR type (`integer`,
    /// `date`, `string`, `text`, `boolean`).
    pub kind: String,
    pub text: ShownText,
    pub options: Vec<OptionView>,
    /// False when skip logic rules the question out with the answers so far.
    pub enabled: bool,
    pub answer: Option<StoredAnswer>,
    /// How many times this answer was set or cleared (more than 1: it was changed).
    pub changes: u32,
}

/// A safety flag raised and not yet acknowledged: the protocol screen must be shown.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SafetyAlert {
    pub administration_id: String,
    pub flag_id: String,
    pub instrument_title: String,
    pub contacts: Vec<ScreeningContact>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AcknowledgementView {
    pub flag_id: String,
    pub acknowledgement: SafetyAcknowledgement,
}

/// One administration as the counsellor may see it. For a sealed administration that is
/// completed, `items` is empty and `result` is `None`: status only.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AdministrationView {
    pub id: String,
    pub conversation_id: String,
    pub case_id: String,
    pub client_id: String,
    pub client_name: String,
    pub definition_id: String,
    pub title: String,
    pub version: String,
    pub copyright: String,
    pub mode: String,
    pub language: String,
    pub interpreter_mode: Option<String>,
    pub status: String,
    pub started_at: String,
    pub completed_at: Option<String>,
    pub sealed: bool,
    /// True when answers and score are withheld from this view.
    pub hidden: bool,
    pub questions: u32,
    pub answered: u32,
    pub items: Vec<ItemView>,
    pub result: Option<ScoreResult>,
    /// The result's explanation in plain English, for when the UI has no translation of it.
    pub explanation_english: Option<String>,
    pub pending_safety: Vec<SafetyAlert>,
    pub acknowledgements: Vec<AcknowledgementView>,
    /// The language at the start and every switch since, oldest first.
    pub language_changes: Vec<LanguageChange>,
}

/// An administration in a conversation's list.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AdministrationSummary {
    pub id: String,
    pub definition_id: String,
    pub title: String,
    pub mode: String,
    pub language: String,
    pub status: String,
    pub started_at: String,
    pub sealed: bool,
    pub questions: u32,
    pub answered: u32,
}

/// An answer from the counsellor's screen: a value, a reason for none, or `clear` to
/// make the question "not asked" again.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AnswerRequest {
    pub administration_id: String,
    pub link_id: String,
    /// A choice's value, an integer, or 1/0 for yes/no.
    pub value: Option<i32>,
    /// A date (`YYYY-MM-DD`) or a text.
    pub text: Option<String>,
    /// `declined` or `dont_know`.
    pub state: Option<String>,
    pub clear: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AnswerHistoryEntry {
    /// `None`: the answer was cleared (not asked).
    pub answer: Option<StoredAnswer>,
    pub author: String,
    pub recorded_at: String,
}

// ---- the client-facing view ------------------------------------------------------------

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ClientOption {
    pub code: String,
    pub value: i32,
    pub label: String,
    /// The language `label` is in: the administration's, or the definition's own when the
    /// translation has no text for this answer (the view marks such a fallback).
    pub label_language: String,
    /// The option read aloud in the client's language (a `data:` URL from a pack), if any.
    pub audio: Option<String>,
    /// Position on the scale from 0 (least) to 1 (most), for the visual.
    pub level: f64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ClientQuestion {
    pub link_id: String,
    /// The instructions that precede the question, if any.
    pub intro: Option<String>,
    pub text: String,
    /// The language `text` is in (see [`ClientOption::label_language`]).
    pub text_language: String,
    /// How far the question's translation was checked; `None` in the definition's own
    /// language. Shown to the counsellor, never passed off as validated.
    pub review: Option<ReviewStatus>,
    /// The question read aloud in the client's language (a `data:` URL from a pack), if any.
    pub audio: Option<String>,
    pub options: Vec<ClientOption>,
    pub chosen_value: Option<i32>,
    pub chosen_state: Option<String>,
}

/// The current question in the interpreter's reference language (Dutch where the
/// instrument has it), shown beside the client's language. Only the question on screen:
/// nothing else of the file.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct InterpreterText {
    pub language: String,
    pub intro: Option<String>,
    pub text: String,
    /// Answer code → label, in the order of the question's options.
    pub options: Vec<InterpreterOption>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct InterpreterOption {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ClientStage {
    Question,
    /// Every question has an answer: the client may look back or finish.
    Review,
    /// Finished: thanks, and where to find help. Only the counsellor can leave.
    Finished,
    /// An answer calls for the counsellor at once (a safety flag).
    CallCounsellor,
}

/// What the client-facing view shows: one question at a time, in the client's language.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ClientStep {
    pub administration_id: String,
    pub stage: ClientStage,
    pub language: String,
    pub right_to_left: bool,
    pub title: String,
    /// 1-based position among the questions currently asked, and their number.
    pub position: u32,
    pub count: u32,
    pub question: Option<ClientQuestion>,
    pub can_go_back: bool,
    pub contacts: Vec<ScreeningContact>,
    /// The languages the questions can be switched to, with their review status.
    pub languages: Vec<InstrumentLanguage>,
    /// The interpreter's view is on: `interpreter` holds the current question beside.
    pub interpreter_view: bool,
    pub interpreter: Option<InterpreterText>,
}

/// A change of the language the questions are shown in, from the administration's history.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LanguageChange {
    pub language: String,
    pub at: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ClientAnswerRequest {
    pub link_id: String,
    pub value: Option<i32>,
    pub state: Option<String>,
}

// ---- over time, settings, packs ---------------------------------------------------------

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SeriesPoint {
    pub administration_id: String,
    pub at: String,
    pub total: Option<f64>,
    pub band: Option<String>,
    pub imputed: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SeriesBand {
    pub code: String,
    pub min: i32,
    pub max: i32,
}

/// Repeated administrations of one instrument version for one client.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct InstrumentSeries {
    pub definition_id: String,
    pub title: String,
    pub direction: Option<Direction>,
    pub min: i32,
    pub max: i32,
    pub bands: Vec<SeriesBand>,
    pub points: Vec<SeriesPoint>,
    /// Completed administrations left out because they are sealed for the GGD.
    pub sealed_count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScreeningContact {
    pub name: String,
    pub phone: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScreeningSettings {
    /// Definition ids whose completed administrations are sealed for the GGD.
    pub sealed_instruments: Vec<String>,
    /// Whom to call when a safety flag is raised, in the order to try them.
    pub safety_contacts: Vec<ScreeningContact>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportedPack {
    pub report: PackReport,
}

/// An administration exported as FHIR R4 JSON, with the file name to save it under.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FhirExport {
    pub file_name: String,
    pub json: String,
}
