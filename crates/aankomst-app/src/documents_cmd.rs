//! Commands of the PIP's documents: gather the records, build the document
//! ([`crate::documents`]), typeset it (`aankomst_documents`), and write it only where the
//! user chose, with an audit entry for every save and print.
//!
//! Consent: the client copy is the client's own document, handed to the client; the intake
//! summary goes into the municipality's own case file. Neither is a share with a third
//! party, so neither asks the consent register. Sending either to a recipient (the
//! purposes `share_pip_copy` and `share_intake_summary`) is a share and must go through
//! `require_consent`; this module offers no such send.

use crate::documents::{
    client_copy, copy_languages, copy_review, intake_summary, BuildError, CopyContext, CopyTexts,
    ScreeningFact, SummaryFacts,
};
use crate::documents_ipc::*;
use crate::error::AppError;
use crate::plan::{plan_context, PlanContext};
use crate::service::{parse_id, today, AppService, Session};
use aankomst_core::audit::AuditAction;
use aankomst_core::deadlines::case_deadlines;
use aankomst_core::plan::Plan;
use aankomst_core::records::{view, Administration};
use aankomst_core::RecordKind;
use aankomst_documents::DocumentError;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::json;
use std::io::Write;
use std::path::Path;
use uuid::Uuid;

const SETTING_MUNICIPALITY: &str = "documents_municipality";

fn build_error(e: BuildError) -> AppError {
    match e {
        BuildError::LanguageUnsupported(lang) => {
            AppError::new("document_language_unsupported").arg("language", lang)
        }
        BuildError::MessageMissing(id) => AppError::new("document_text_missing").arg("id", id),
        BuildError::NotFixed => AppError::new("plan_not_fixed"),
        BuildError::Missing(field) => AppError::new("document_incomplete").arg("field", field),
    }
}

fn render_error(e: DocumentError) -> AppError {
    // The crate's messages name fields, never their content; still, only the kind crosses.
    tracing::warn!(error = %e, "document could not be typeset");
    match e {
        DocumentError::UnsupportedCharacter { code_point, .. } => {
            AppError::new("document_character").arg("code_point", format!("U+{code_point:04X}"))
        }
        DocumentError::MissingText { field } => {
            AppError::new("document_incomplete").arg("field", field)
        }
        DocumentError::MissingMotivation => {
            AppError::new("document_incomplete").arg("field", "motivering")
        }
        DocumentError::TooManySubgoals { .. } => AppError::new("plan_subgoal_limit"),
        _ => AppError::new("document_failed"),
    }
}

/// The copy's language: the one asked for, else the plan's explained language, else the
/// client's first language that has texts.
fn default_language(l: &PlanContext) -> Option<String> {
    let known = copy_languages();
    l.plan
        .explained_language
        .iter()
        .chain(l.client.languages.iter().map(|x| &x.language))
        .map(|c| c.trim())
        .find(|c| known.contains(c))
        .map(str::to_owned)
}

fn municipality(s: &Session, asked: &str) -> Result<String, AppError> {
    let asked = asked.trim();
    if !asked.is_empty() {
        if asked.chars().count() > 100 {
            return Err(AppError::new("document_municipality"));
        }
        s.store.set_setting(SETTING_MUNICIPALITY, &json!(asked))?;
        return Ok(asked.to_owned());
    }
    s.store
        .setting(SETTING_MUNICIPALITY)?
        .and_then(|v| v.as_str().map(str::to_owned))
        .filter(|m| !m.trim().is_empty())
        .ok_or_else(|| AppError::new("document_municipality"))
}

fn screening_facts(s: &Session, client_id: Uuid) -> Result<Vec<ScreeningFact>, AppError> {
    let mut out = Vec::new();
    for (id, definition) in s.store.administrations_of_client(client_id)? {
        let a: Administration = view(
            &s.store
                .get_kind(RecordKind::Administration, id)?
                .state
                .fields,
        );
        let title = s
            .registry
            .iter()
            .filter(|d| d.id == definition)
            .max_by(|x, y| x.version.cmp(&y.version))
            .map(|d| d.title.clone())
            .unwrap_or(definition);
        let on = a
            .completed_at
            .as_deref()
            .or(a.started_at.as_deref())
            .and_then(|t| t.get(..10))
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .unwrap_or_else(today);
        out.push(ScreeningFact {
            instrument: title,
            on,
            // A sealed administration gives its recipient and nothing else: its answers and
            // result are never read here.
            status: if a.is_sealed() {
                None
            } else {
                a.status.clone()
            },
            sealed_for: a.sealed_for.clone(),
        });
    }
    out.sort_by_key(|f| f.on);
    Ok(out)
}

fn file_name(kind: PlanDocumentKind, plan: &Plan, lang: &str) -> String {
    let version = plan.version.unwrap_or(1);
    match kind {
        PlanDocumentKind::ClientCopy => format!("PIP-v{version}-{lang}.pdf"),
        PlanDocumentKind::IntakeSummary => "Samenvatting-brede-intake.pdf".into(),
    }
}

/// Builds and typesets a document. Returns the PDF and a suggested file name (which names
/// no client).
fn render(s: &Session, req: &PlanDocumentRequest) -> Result<(Vec<u8>, String), AppError> {
    let plan_id = parse_id(&req.plan_id)?;
    let l = plan_context(s, plan_id)?;
    let municipality = municipality(s, &req.municipality)?;
    match req.kind {
        PlanDocumentKind::ClientCopy => {
            let lang = req
                .language
                .clone()
                .filter(|x| !x.trim().is_empty())
                .or_else(|| default_language(&l))
                .ok_or_else(|| AppError::new("document_language_unsupported"))?;
            let texts = CopyTexts::new(&lang).map_err(build_error)?;
            let custom = crate::plan::custom_routes(s)?;
            let route_label = custom
                .iter()
                .find(|r| Some(&r.code) == l.plan.route.as_ref())
                .map(|r| r.label.as_str());
            let ctx = CopyContext {
                client: &l.client,
                municipality: &municipality,
                counsellor_name: &s.meta.name,
                custom_route_label: route_label,
            };
            let (copy, _) = client_copy(&l.plan, &ctx, &texts).map_err(build_error)?;
            let pdf = aankomst_documents::render_client_copy(&copy).map_err(render_error)?;
            Ok((pdf, file_name(req.kind, &l.plan, &lang)))
        }
        PlanDocumentKind::IntakeSummary => {
            let texts = CopyTexts::new("nl").map_err(build_error)?;
            let guide = crate::intake::client_guide_state(s, l.client_id)?;
            let dates = crate::trajectory::read_case(s, l.case_id)?.dates;
            let deadlines = case_deadlines(&dates, &crate::deadlines::terms(s)?, today())
                .into_iter()
                .filter_map(|d| {
                    let kind = serde_json::to_value(d.kind)
                        .ok()?
                        .as_str()
                        .map(str::to_owned)?;
                    Some((kind, d.due?, d.done.is_some()))
                })
                .collect();
            let consents = crate::consent::register_of(s, l.client_id)?
                .into_iter()
                .map(|(_, r)| r)
                .collect();
            let facts = SummaryFacts {
                client: &l.client,
                municipality: &municipality,
                counsellor_name: &s.meta.name,
                today: today(),
                guide: &guide,
                screenings: screening_facts(s, l.client_id)?,
                consents,
                deadlines,
            };
            let summary = intake_summary(&facts, &texts);
            let pdf = aankomst_documents::render_intake_summary(&summary).map_err(render_error)?;
            Ok((pdf, file_name(req.kind, &l.plan, "nl")))
        }
    }
}

/// Writes `pdf` to exactly `path`: created or replaced (the save dialog asked about
/// replacing), readable by this user only, synced. No temporary file.
fn write_pdf(path: &Path, pdf: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(pdf)?;
    file.sync_all()
}

impl AppService {
    /// The languages a client copy can be made in, with how far their texts were checked,
    /// and what to preselect.
    pub fn document_options(&self, plan_id: &str) -> Result<DocumentOptions, AppError> {
        let plan_id = parse_id(plan_id)?;
        self.with_session(|s| {
            let l = plan_context(s, plan_id)?;
            let texts = CopyTexts::new("nl").map_err(build_error)?;
            let languages = copy_languages()
                .into_iter()
                .filter_map(|code| {
                    let review = copy_review(code)?;
                    let own = CopyTexts::new(code).ok()?.text("copy-language-name").ok()?;
                    Some(CopyLanguageOption {
                        code: code.to_owned(),
                        name: own.client,
                        dutch_name: texts.dutch(&format!("language-{code}"), code),
                        review: review.weakest,
                        unreviewed: review.unreviewed,
                        total: review.total,
                    })
                })
                .collect();
            Ok(DocumentOptions {
                languages,
                default_language: default_language(&l),
                municipality: s
                    .store
                    .setting(SETTING_MUNICIPALITY)?
                    .and_then(|v| v.as_str().map(str::to_owned)),
                plan_fixed: l.plan.is_fixed(),
            })
        })
    }

    /// Typesets a document (for saving). Nothing is written and nothing is audited yet.
    pub fn render_plan_document(
        &self,
        req: &PlanDocumentRequest,
    ) -> Result<(Vec<u8>, String), AppError> {
        self.with_session(|s| render(s, req))
    }

    /// Writes a rendered document to the path the user chose in the save dialog and audits
    /// the export. When the audit cannot be written, the file is removed again.
    pub fn save_plan_document(
        &self,
        plan_id: &str,
        path: &Path,
        pdf: &[u8],
    ) -> Result<SavedDocument, AppError> {
        let id = parse_id(plan_id)?;
        self.with_session(|s| {
            s.store.get_kind(RecordKind::Plan, id)?;
            write_pdf(path, pdf).map_err(|e| {
                tracing::warn!(error = %e, "document could not be written");
                AppError::new("document_write_failed")
            })?;
            if let Err(e) = s.audit_record(AuditAction::Export, id) {
                let _ = std::fs::remove_file(path);
                return Err(e);
            }
            Ok(SavedDocument {
                path: path.display().to_string(),
                bytes: pdf.len() as u32,
            })
        })
    }

    /// Typesets a document for the print preview; shown on screen only (audited as a read).
    pub fn preview_plan_document(
        &self,
        req: PlanDocumentRequest,
    ) -> Result<RenderedDocument, AppError> {
        let id = parse_id(&req.plan_id)?;
        self.with_session(|s| {
            let (pdf, file_name) = render(s, &req)?;
            s.audit_record(AuditAction::Read, id)?;
            Ok(RenderedDocument {
                pdf_base64: STANDARD.encode(pdf),
                file_name,
            })
        })
    }

    /// Audits a print of a plan's document (called as the print dialog opens).
    pub fn record_plan_print(&self, plan_id: &str) -> Result<(), AppError> {
        let id = parse_id(plan_id)?;
        self.with_session(|s| {
            s.store.get_kind(RecordKind::Plan, id)?;
            s.audit_record(AuditAction::Print, id)
        })
    }
}
