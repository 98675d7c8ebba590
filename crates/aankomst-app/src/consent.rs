//! Consent commands: the register of a client, asking (given / refused) and withdrawing,
//! and [`require_consent`], which every share and export calls first. The rules are
//! `aankomst_core::consent`; this module reads and writes the decisions.

use crate::consent_ipc::*;
use crate::error::AppError;
use crate::service::{parse_id, today, AppService, Session};
use aankomst_core::audit::AuditAction;
use aankomst_core::consent::{
    check_new_decision, consent_allows, consent_state, current_texts, find_text, shipped_texts,
    ConsentRefusal, ConsentRuleError, ConsentText,
};
use aankomst_core::records::{view, Case, Client, ConsentRecord, Conversation};
use aankomst_core::RecordKind;
use chrono::{NaiveDate, SecondsFormat, Utc};
use uuid::Uuid;

fn code<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The purpose an export of screening results shares for.
pub(crate) const SCREENING_RESULTS: &str = "share_screening_results";

fn rule_error(e: ConsentRuleError) -> AppError {
    AppError::new("consent_rule").arg("rule", code(e))
}

/// The refusal of a share: which purpose and recipient, and why (never asked, refused,
/// withdrawn). The UI says it in plain Dutch and points to the consent register.
pub(crate) fn refusal_error(purpose: &str, recipient: &str, why: ConsentRefusal) -> AppError {
    AppError::new("consent_missing")
        .arg("purpose", purpose)
        .arg("recipient", recipient)
        .arg("reason", code(why))
}

/// A client's consent decisions, in the order they were recorded.
pub(crate) fn register_of(
    s: &Session,
    client_id: Uuid,
) -> Result<Vec<(Uuid, ConsentRecord)>, AppError> {
    s.store
        .consents_of_client(client_id)?
        .into_iter()
        .map(|id| {
            let r = s.store.get_kind(RecordKind::Consent, id)?;
            Ok((id, view(&r.state.fields)))
        })
        .collect()
}

/// Refuses unless the client's consent allows sharing for `purpose` with `recipient`
/// today. Every share and export calls this before producing anything. A purpose the active
/// municipal policy does not list as needing consent goes without.
pub(crate) fn require_consent(
    s: &Session,
    client_id: Uuid,
    purpose: &str,
    recipient: &str,
) -> Result<(), AppError> {
    if !crate::policy::active(&s.store)?
        .policy
        .consent_required(purpose)
    {
        return Ok(());
    }
    let register: Vec<ConsentRecord> = register_of(s, client_id)?
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    consent_allows(&register, purpose, recipient, today())
        .map_err(|why| refusal_error(purpose, recipient, why))
}

fn date(s: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| AppError {
        key: "field".into(),
        args: [("error".to_owned(), "date_shape".to_owned())].into(),
        field: Some("decided_on".into()),
    })
}

fn text_view(t: &ConsentText, language: Option<&str>) -> ConsentTextView {
    let translation = language
        .filter(|l| *l != "nl")
        .and_then(|l| t.languages.get(l).map(|w| (l.to_owned(), w.clone())));
    let mut languages = vec!["nl".to_owned()];
    languages.extend(t.languages.keys().filter(|l| *l != "nl").cloned());
    ConsentTextView {
        id: t.id.clone(),
        version: t.version,
        purpose: t.purpose.clone(),
        recipient: t.recipient.clone(),
        dutch: t.languages.get("nl").cloned().unwrap_or_else(|| {
            aankomst_core::consent::ConsentWording {
                review: aankomst_core::consent::TranslationReview::Source,
                text: String::new(),
                question: String::new(),
                options: Vec::new(),
            }
        }),
        language: translation.as_ref().map(|(l, _)| l.clone()),
        translation: translation.map(|(_, w)| w),
        languages,
    }
}

fn decision_view(id: Uuid, r: &ConsentRecord) -> ConsentDecisionView {
    ConsentDecisionView {
        id: id.to_string(),
        decision: r.decision.clone().unwrap_or_default(),
        decided_on: r.decided_on.clone().unwrap_or_default(),
        text_id: r.text_id.clone().unwrap_or_default(),
        text_version: r.text_version.unwrap_or_default().max(0) as u32,
        language_shown: r.language_shown.clone(),
        interpreter_mode: r.interpreter_mode.clone(),
        interpreter_name: r.interpreter_name.clone(),
        interpreter_language: r.interpreter_language.clone(),
        comprehension_correct: r.comprehension_correct,
        recorded_by: r.recorded_by.clone().unwrap_or_default(),
        recorded_at: r.recorded_at.clone().unwrap_or_default(),
    }
}

fn register_view(s: &Session, client_id: Uuid) -> Result<ConsentRegister, AppError> {
    let client: Client = view(
        &s.store
            .get_kind(RecordKind::Client, client_id)?
            .state
            .fields,
    );
    let decisions = register_of(s, client_id)?;
    let records: Vec<ConsentRecord> = decisions.iter().map(|(_, r)| r.clone()).collect();
    let texts = shipped_texts();
    let today = today();
    let rows = current_texts(&texts)
        .into_iter()
        .map(|t| {
            let mut history: Vec<ConsentDecisionView> = decisions
                .iter()
                .filter(|(_, r)| {
                    r.purpose.as_deref() == Some(&t.purpose)
                        && r.recipient.as_deref() == Some(&t.recipient)
                })
                .map(|(id, r)| decision_view(*id, r))
                .collect();
            history.sort_by(|a, b| {
                (&b.decided_on, &b.recorded_at).cmp(&(&a.decided_on, &a.recorded_at))
            });
            ConsentRow {
                text_id: t.id.clone(),
                version: t.version,
                purpose: t.purpose.clone(),
                recipient: t.recipient.clone(),
                state: consent_state(&records, &t.purpose, &t.recipient, today),
                history,
            }
        })
        .collect();
    Ok(ConsentRegister {
        client_language: client.languages.first().map(|l| l.language.clone()),
        rows,
    })
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl AppService {
    pub fn consent_register(&self, client_id: &str) -> Result<ConsentRegister, AppError> {
        let id = parse_id(client_id)?;
        self.with_session(|s| {
            s.audit_record(AuditAction::Read, id)?;
            register_view(s, id)
        })
    }

    /// A consent text with the Dutch and the given language (when the text has it).
    pub fn consent_text(
        &self,
        text_id: &str,
        version: u32,
        language: Option<String>,
    ) -> Result<ConsentTextView, AppError> {
        self.with_session(|_| {
            let texts = shipped_texts();
            let t = find_text(&texts, text_id, version)
                .ok_or_else(|| AppError::new("consent_text_unknown"))?;
            Ok(text_view(t, language.as_deref()))
        })
    }

    /// Records consent given or refused. "Given" needs the comprehension question answered
    /// right; the interpreter comes from the conversation when one is named.
    pub fn record_consent(&self, req: RecordConsentRequest) -> Result<ConsentOutcome, AppError> {
        let client_id = parse_id(&req.client_id)?;
        if !matches!(req.decision.as_str(), "given" | "refused") {
            return Err(rule_error(ConsentRuleError::UnknownDecision));
        }
        let on = date(&req.decided_on)?;
        self.with_session(|s| {
            s.store.get_kind(RecordKind::Client, client_id)?;
            let texts = shipped_texts();
            let t = find_text(&texts, &req.text_id, req.text_version)
                .ok_or_else(|| AppError::new("consent_text_unknown"))?;
            if !t.languages.contains_key(&req.language_shown) {
                return Err(AppError::new("consent_language_missing"));
            }
            let correct = req.comprehension_answer.map(|a| a == t.correct_option);
            let (mode, name, language, conversation) = match req.conversation_id.as_deref() {
                Some(c) if !c.is_empty() => {
                    let cid = parse_id(c)?;
                    let conv: Conversation = view(
                        &s.store
                            .get_kind(RecordKind::Conversation, cid)?
                            .state
                            .fields,
                    );
                    // The conversation must be one of this client's.
                    let case_client = conv
                        .case_id
                        .as_deref()
                        .and_then(|c| Uuid::parse_str(c).ok())
                        .map(|c| s.store.get_kind(RecordKind::Case, c))
                        .transpose()?
                        .and_then(|c| view::<Case>(&c.state.fields).client_id);
                    if case_client.as_deref() != Some(client_id.to_string().as_str()) {
                        return Err(AppError::new("record_not_found"));
                    }
                    (
                        conv.interpreter_mode,
                        conv.interpreter_name.or(conv.interpreter_register_number),
                        conv.language_used,
                        Some(cid.to_string()),
                    )
                }
                _ => (
                    req.interpreter_mode.clone().filter(|m| !m.is_empty()),
                    req.interpreter_name
                        .clone()
                        .filter(|m| !m.trim().is_empty()),
                    req.interpreter_language.clone().filter(|m| !m.is_empty()),
                    None,
                ),
            };
            let record = ConsentRecord {
                client_id: Some(client_id.to_string()),
                text_id: Some(t.id.clone()),
                text_version: Some(t.version as i32),
                purpose: Some(t.purpose.clone()),
                recipient: Some(t.recipient.clone()),
                decision: Some(req.decision.clone()),
                decided_on: Some(on.format("%Y-%m-%d").to_string()),
                language_shown: Some(req.language_shown.clone()),
                conversation_id: conversation,
                interpreter_mode: mode,
                interpreter_name: name,
                interpreter_language: language,
                comprehension_answer: req.comprehension_answer.map(|a| a as i32),
                comprehension_correct: correct,
                recorded_by: Some(s.meta.name.clone()),
                recorded_at: Some(now()),
            };
            write_decision(s, client_id, record)?;
            Ok(ConsentOutcome {
                register: register_view(s, client_id)?,
                comprehension_correct: correct,
            })
        })
    }

    /// Withdraws consent given earlier, from a date on; later shares are refused.
    pub fn withdraw_consent(
        &self,
        req: WithdrawConsentRequest,
    ) -> Result<ConsentOutcome, AppError> {
        let client_id = parse_id(&req.client_id)?;
        let on = date(&req.decided_on)?;
        self.with_session(|s| {
            s.store.get_kind(RecordKind::Client, client_id)?;
            let register: Vec<ConsentRecord> = register_of(s, client_id)?
                .into_iter()
                .map(|(_, r)| r)
                .collect();
            // The text the consent was given on.
            let last_given = register.iter().rev().find(|r| {
                r.purpose.as_deref() == Some(req.purpose.as_str())
                    && r.recipient.as_deref() == Some(req.recipient.as_str())
                    && r.decision.as_deref() == Some("given")
            });
            let record = ConsentRecord {
                client_id: Some(client_id.to_string()),
                text_id: last_given.and_then(|r| r.text_id.clone()),
                text_version: last_given.and_then(|r| r.text_version),
                purpose: Some(req.purpose.clone()),
                recipient: Some(req.recipient.clone()),
                decision: Some("withdrawn".into()),
                decided_on: Some(on.format("%Y-%m-%d").to_string()),
                recorded_by: Some(s.meta.name.clone()),
                recorded_at: Some(now()),
                ..Default::default()
            };
            write_decision(s, client_id, record)?;
            Ok(ConsentOutcome {
                register: register_view(s, client_id)?,
                comprehension_correct: None,
            })
        })
    }
}

fn write_decision(s: &mut Session, client_id: Uuid, record: ConsentRecord) -> Result<(), AppError> {
    let register: Vec<ConsentRecord> = register_of(s, client_id)?
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    check_new_decision(&register, &record, today()).map_err(rule_error)?;
    let fields = match serde_json::to_value(&record) {
        Ok(serde_json::Value::Object(mut map)) => {
            map.retain(|_, v| !v.is_null());
            map
        }
        _ => return Err(AppError::new("internal")),
    };
    s.store.write(RecordKind::Consent, Uuid::now_v7(), fields)?;
    Ok(())
}
