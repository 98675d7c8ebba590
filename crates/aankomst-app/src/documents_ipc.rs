//! IPC types of the PIP's documents: the client copy and the intake summary as PDF.
//! Exported to TypeScript by ts-rs like [`crate::ipc`].

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanDocumentKind {
    /// The client's bilingual copy of a fixed PIP version.
    ClientCopy,
    /// The Dutch intake summary for the case file.
    IntakeSummary,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct PlanDocumentRequest {
    pub plan_id: String,
    pub kind: PlanDocumentKind,
    /// The client copy's language; absent: the plan's explained language, else the
    /// client's first language.
    pub language: Option<String>,
    /// The municipality named on the document (remembered for next time).
    pub municipality: String,
}

/// A language a client copy can be made in, and how far its texts were checked.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CopyLanguageOption {
    pub code: String,
    /// The language's own name (العربية, ትግርኛ, …).
    pub name: String,
    /// Its Dutch name.
    pub dutch_name: String,
    /// The least checked status of its texts: `source`, `validated`, `reviewed`, `unreviewed`.
    pub review: String,
    /// How many of its texts no person has checked.
    pub unreviewed: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DocumentOptions {
    pub languages: Vec<CopyLanguageOption>,
    /// The language to preselect, when the client has one a copy can be made in.
    pub default_language: Option<String>,
    /// The municipality used last time.
    pub municipality: Option<String>,
    /// A client copy needs a fixed version.
    pub plan_fixed: bool,
}

/// A rendered document for the print preview (never written to disk).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RenderedDocument {
    /// The PDF, base64.
    pub pdf_base64: String,
    pub file_name: String,
}

/// Where a document was saved, or nothing when the user cancelled the dialog.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SavedDocument {
    pub path: String,
    pub bytes: u32,
}
