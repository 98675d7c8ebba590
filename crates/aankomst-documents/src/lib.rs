//! PDF documents of Aankomst, typeset offline by Typst used as a library: the client's
//! bilingual copy of the PIP and the Dutch intake summary for the file.
//!
//! No IO: the fonts are compiled in (`assets/fonts/`), the templates too, and the result is the
//! PDF's bytes. Where they go (printer, a file the user chose) is the caller's business.
//!
//! Client text never becomes Typst markup: the input is serialised to JSON and the template
//! loads it with `json("/data.json")`, so a note containing `#`, `[` or `]` is printed as it is.

pub mod model;
mod world;

use chrono::{Datelike, NaiveDate};
use serde_json::Value;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

pub use model::*;
pub use world::bundled_font_count;
use world::{bundled_fonts_cover, DocumentWorld};

const COMMON_TEMPLATE: &str = include_str!("../templates/common.typ");
const CLIENT_COPY_TEMPLATE: &str = include_str!("../templates/client-copy.typ");
const INTAKE_SUMMARY_TEMPLATE: &str = include_str!("../templates/intake-summary.typ");

/// Why a document could not be made. Messages name fields, never their contents.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocumentError {
    #[error("the plan has {count} subgoals; a PIP has at most {max}")]
    TooManySubgoals { count: usize, max: usize },
    #[error("text missing: {field}")]
    MissingText { field: String },
    #[error("the plan gives no reasons (motivation); a decision must be reasoned")]
    MissingMotivation,
    #[error(
        "language code must be 2 or 3 lower-case letters (ISO 639), region 2 upper-case letters"
    )]
    InvalidLanguage,
    #[error("no bundled font can show character U+{code_point:04X} (in {field})")]
    UnsupportedCharacter { field: String, code_point: u32 },
    #[error("the {0} signature is not a PNG image")]
    SignatureNotPng(&'static str),
    #[error("typesetting failed: {0}")]
    Typeset(String),
    #[error("PDF export failed: {0}")]
    Export(String),
}

/// The client's bilingual copy of the PIP as PDF bytes.
pub fn render_client_copy(copy: &ClientCopy) -> Result<Vec<u8>, DocumentError> {
    let mut data = serde_json::to_value(copy).expect("the model serialises to JSON");
    validate_client_copy(copy, &data)?;
    let mut images = Vec::new();
    let signatures = &mut data["signatures"];
    let parties = &copy.signatures;
    attach_drawing(
        &mut signatures["client"],
        "client",
        &parties.client,
        &mut images,
    );
    attach_drawing(
        &mut signatures["counsellor"],
        "counsellor",
        &parties.counsellor,
        &mut images,
    );
    if let Some(signature) = interpreter_signature(&parties.interpreting) {
        let slot = &mut signatures["interpreting"]["signature"];
        attach_drawing(slot, "interpreter", signature, &mut images);
    }
    render(
        "/client-copy.typ",
        CLIENT_COPY_TEMPLATE,
        data,
        images,
        copy.decision_date,
    )
}

/// Gives the template a virtual file's path (`image`) instead of the drawing's base64 text.
fn attach_drawing(
    slot: &mut Value,
    role: &str,
    signature: &Signature,
    images: &mut Vec<(String, Vec<u8>)>,
) {
    let object = slot.as_object_mut().expect("a signature is a JSON object");
    object.remove("image_png");
    let image = match &signature.image_png {
        Some(png) => {
            let path = format!("/signatures/{role}.png");
            images.push((path.clone(), png.clone()));
            Value::String(path)
        }
        None => Value::Null,
    };
    object.insert("image".into(), image);
}

/// The Dutch intake summary for the case file as PDF bytes.
pub fn render_intake_summary(summary: &IntakeSummary) -> Result<Vec<u8>, DocumentError> {
    for (field, text) in [
        ("client_name", &summary.client_name),
        ("municipality", &summary.municipality),
        ("counsellor_name", &summary.counsellor_name),
    ] {
        if text.trim().is_empty() {
            return Err(DocumentError::MissingText {
                field: field.into(),
            });
        }
    }
    let data = serde_json::to_value(summary).expect("the model serialises to JSON");
    check_texts(&data, &mut String::new())?;
    render(
        "/intake-summary.typ",
        INTAKE_SUMMARY_TEMPLATE,
        data,
        Vec::new(),
        summary.document_date,
    )
}

fn interpreter_signature(interpreting: &Interpreting) -> Option<&Signature> {
    match interpreting {
        Interpreting::Interpreter { signature, .. } => signature.as_ref(),
        Interpreting::NoInterpreter { .. } => None,
    }
}

/// `data` is `copy` as JSON.
fn validate_client_copy(copy: &ClientCopy, data: &Value) -> Result<(), DocumentError> {
    let language = &copy.language;
    let code_ok = (2..=3).contains(&language.code.len())
        && language.code.bytes().all(|b| b.is_ascii_lowercase());
    let region_ok = language
        .region
        .as_ref()
        .is_none_or(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase()));
    if !code_ok || !region_ok {
        return Err(DocumentError::InvalidLanguage);
    }
    if copy.subgoals.len() > MAX_SUBGOALS {
        return Err(DocumentError::TooManySubgoals {
            count: copy.subgoals.len(),
            max: MAX_SUBGOALS,
        });
    }
    if copy.motivation.is_empty() {
        return Err(DocumentError::MissingMotivation);
    }
    for (field, text) in [
        ("client_name", &copy.client_name),
        ("municipality", &copy.municipality),
        ("counsellor_name", &copy.counsellor_name),
        ("signatures.client.name", &copy.signatures.client.name),
        (
            "signatures.counsellor.name",
            &copy.signatures.counsellor.name,
        ),
    ] {
        if text.trim().is_empty() {
            return Err(DocumentError::MissingText {
                field: field.into(),
            });
        }
    }
    let signatures = [
        ("client", Some(&copy.signatures.client)),
        ("counsellor", Some(&copy.signatures.counsellor)),
        (
            "interpreter",
            interpreter_signature(&copy.signatures.interpreting),
        ),
    ];
    for (role, signature) in signatures {
        if let Some(png) = signature.and_then(|s| s.image_png.as_ref()) {
            if !png.starts_with(b"\x89PNG\r\n\x1a\n") {
                return Err(DocumentError::SignatureNotPng(role));
            }
        }
    }
    check_texts(data, &mut String::new())
}

/// Walks the input's JSON: every bilingual text (`{nl, client}`) needs both sides, as the crate
/// never fills in a missing translation, and every character must be in a bundled font, or
/// the PDF would show empty boxes. Errors name the path of the field, not its content.
fn check_texts(value: &Value, path: &mut String) -> Result<(), DocumentError> {
    match value {
        Value::String(text) => match text.chars().find(|&c| !bundled_fonts_cover(c)) {
            Some(c) => Err(DocumentError::UnsupportedCharacter {
                field: path.clone(),
                code_point: c as u32,
            }),
            None => Ok(()),
        },
        Value::Object(map) => {
            if let (Some(Value::String(nl)), Some(Value::String(client))) =
                (map.get("nl"), map.get("client"))
            {
                for (side, text) in [("nl", nl), ("client", client)] {
                    if text.trim().is_empty() {
                        return Err(DocumentError::MissingText {
                            field: format!("{path}.{side}"),
                        });
                    }
                }
            }
            for (key, child) in map {
                if key == "image_png" {
                    continue; // base64 of the signature drawing
                }
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                check_texts(child, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{index}]"));
                check_texts(child, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn render(
    main: &str,
    template: &'static str,
    data: Value,
    images: Vec<(String, Vec<u8>)>,
    date: NaiveDate,
) -> Result<Vec<u8>, DocumentError> {
    let today = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
        .expect("a chrono date is a valid date");
    let mut files: Vec<(&str, Vec<u8>)> = vec![(
        "/data.json",
        serde_json::to_vec(&data).expect("JSON values serialise"),
    )];
    files.extend(
        images
            .iter()
            .map(|(path, png)| (path.as_str(), png.clone())),
    );
    let world = DocumentWorld::new(
        main,
        &[(main, template), ("/common.typ", COMMON_TEMPLATE)],
        files,
        today,
    );
    let compiled = typst::compile::<PagedDocument>(&world).output;
    let result = compiled
        .map_err(|diagnostics| DocumentError::Typeset(describe(&diagnostics)))
        .and_then(|document| {
            let timestamp =
                Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0)
                    .map(Timestamp::new_utc);
            let options = PdfOptions {
                creator: Smart::Custom(Some("Aankomst".into())),
                timestamp,
                ..PdfOptions::default()
            };
            typst_pdf::pdf(&document, &options)
                .map_err(|diagnostics| DocumentError::Export(describe(&diagnostics)))
        });
    // Typst memoises layout results process-wide. A document is made once in a while; keeping
    // the cache would only keep client text in memory.
    typst::comemo::evict(0);
    result
}

/// Typst's messages (template errors), without source excerpts.
fn describe(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}
