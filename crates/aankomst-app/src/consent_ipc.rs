//! IPC types of the consent register. Exported to TypeScript by ts-rs like the rest of
//! [`crate::ipc`].

use aankomst_core::consent::{ConsentState, ConsentWording};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A consent text as the "ask consent" dialog shows it: the Dutch source beside the
/// client's language. The right answer to the comprehension question stays in the
/// service, which judges the answer.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConsentTextView {
    pub id: String,
    pub version: u32,
    pub purpose: String,
    pub recipient: String,
    pub dutch: ConsentWording,
    /// The language shown beside the Dutch, when the text has it.
    pub language: Option<String>,
    pub translation: Option<ConsentWording>,
    /// Every language the text has, Dutch first.
    pub languages: Vec<String>,
}

/// One recorded decision, for the history.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConsentDecisionView {
    pub id: String,
    pub decision: String,
    pub decided_on: String,
    pub text_id: String,
    pub text_version: u32,
    pub language_shown: Option<String>,
    pub interpreter_mode: Option<String>,
    pub interpreter_name: Option<String>,
    pub interpreter_language: Option<String>,
    pub comprehension_correct: Option<bool>,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// One purpose and recipient with its state today and its history (newest first).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConsentRow {
    pub text_id: String,
    pub version: u32,
    pub purpose: String,
    pub recipient: String,
    pub state: ConsentState,
    pub history: Vec<ConsentDecisionView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConsentRegister {
    /// The client's first recorded language, the default for the dialog.
    pub client_language: Option<String>,
    pub rows: Vec<ConsentRow>,
}

/// Record consent given or refused, after the text was shown and the comprehension
/// question asked.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct RecordConsentRequest {
    pub client_id: String,
    pub text_id: String,
    pub text_version: u32,
    /// `given` or `refused`.
    pub decision: String,
    /// `YYYY-MM-DD`.
    pub decided_on: String,
    pub language_shown: String,
    /// The conversation it was asked in: its interpreter is recorded with the decision.
    pub conversation_id: Option<String>,
    /// Or the interpreter named here (mode, name, language), when there is no conversation.
    pub interpreter_mode: Option<String>,
    pub interpreter_name: Option<String>,
    pub interpreter_language: Option<String>,
    /// The option the client chose for the comprehension question.
    pub comprehension_answer: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct WithdrawConsentRequest {
    pub client_id: String,
    pub purpose: String,
    pub recipient: String,
    pub decided_on: String,
}

/// What the last decision did: the register afterwards, and for an answer to the
/// comprehension question, whether it was right.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConsentOutcome {
    pub register: ConsentRegister,
    pub comprehension_correct: Option<bool>,
}
