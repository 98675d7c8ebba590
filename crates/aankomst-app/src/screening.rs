//! Screening commands: starting an administration from a conversation, answering read
//! aloud or on the client-facing view, sealing, safety protocols, history and charts.
//!
//! What may be shown to whom is decided here, not in the UI: a sealed administration's
//! answers and score never leave this module for the counsellor's screen, and while the
//! client-facing view is open every other command is refused.

use crate::error::AppError;
use crate::screening_ipc::*;
use crate::service::Session;
use crate::service::{
    hlc_time, linked_id, lock_ignoring_poison, now_ms, object, parse_id, AppService,
};
use aankomst_core::audit::AuditAction;
use aankomst_core::records::{
    administration_answers, safety_acknowledgements, view, Administration, Case, Client,
    Conversation, StoredAnswer,
};
use aankomst_core::reference::RIGHT_TO_LEFT;
use aankomst_core::sealing::answered_items;
use aankomst_core::validate::{ANSWER_PREFIX, SAFETY_ACK_PREFIX};
use aankomst_core::{Fields, RecordKind};
use aankomst_instruments::definition::{ChoiceItem, FieldKind, Text};
use aankomst_instruments::export::{
    export_bundle, AnswerMode, ExportAnswer, ExportInput, Reference as ExportReference,
    ResponseStatus,
};
use aankomst_instruments::score::{check_answer, enabled};
use aankomst_instruments::{
    import_pack, score, shipped_definitions, Answer, Answers, Definition, FlagKind, FlagState,
    Item, Registry, ReviewStatus, ScoreError, ScoreResult, TextStatus,
};
use aankomst_sync::WriteSealer;
use chrono::{SecondsFormat, Utc};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The client-facing view's place: which administration, which question or stage.
pub(crate) struct ClientViewState {
    pub administration: Uuid,
    pub stage: ClientStage,
    pub current: Option<String>,
    /// The interpreter's reference text is shown beside the client's language.
    pub interpreter_view: bool,
}

const SETTING_SEALED: &str = aankomst_core::sealing::SETTING_SEALED_INSTRUMENTS;

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The registry a session works with: the shipped definitions and every imported pack.
/// A stored pack that no longer imports (it cannot, unless the shipped set changed) is
/// skipped with a log line rather than locking the counsellor out.
pub(crate) fn load_registry(store: &aankomst_store::Store) -> Result<Registry, AppError> {
    let mut registry = Registry::with_shipped().map_err(|e| {
        tracing::error!(error = %e, "shipped instrument definitions do not load");
        AppError::new("internal")
    })?;
    let policy = store.active_policy()?.policy;
    for (pack_id, _, content) in store.instrument_packs()? {
        // A pack installed before the policy stopped approving it is not loaded.
        if policy.check_pack(&pack_hash(&content)).is_err() {
            tracing::warn!(pack = %pack_id, "stored instrument pack not approved by the policy");
            continue;
        }
        if let Err(e) = import_pack(&content, &mut registry) {
            tracing::warn!(pack = %pack_id, error = %e, "stored instrument pack skipped");
        }
    }
    Ok(registry)
}

/// How the policy names a pack: the lower-case hex SHA-256 of its file.
pub(crate) fn pack_hash(content: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(content))
}

fn shipped_ids() -> Vec<String> {
    shipped_definitions()
        .map(|d| d.into_iter().map(|d| d.id).collect())
        .unwrap_or_default()
}

/// The sealed instruments: the default set (every K10 variant, sealed for the GGD whatever a
/// profile says) plus what this profile's setting adds ([`aankomst_core::sealing`]).
fn sealed_ids(s: &Session) -> Result<Vec<String>, AppError> {
    Ok(s.store.sealing_rule()?.sealed_ids())
}

/// The safety contacts: the active municipal policy's.
fn contacts(s: &Session) -> Result<Vec<ScreeningContact>, AppError> {
    Ok(crate::policy::active(&s.store)?
        .policy
        .safety_contacts
        .into_iter()
        .map(|c| ScreeningContact {
            name: c.name,
            phone: c.phone,
            note: c.note,
        })
        .collect())
}

/// The latest version of a definition id known to the registry.
fn definition_by_id<'a>(registry: &'a Registry, id: &str) -> Option<&'a Definition> {
    registry
        .iter()
        .filter(|d| d.id == id)
        .max_by(|a, b| a.version.cmp(&b.version))
}

/// The definition an administration was started with, by its hash: content that changed
/// since is never used to show or score old answers.
fn definition_of<'a>(s: &'a Session, a: &Administration) -> Result<&'a Definition, AppError> {
    a.definition_hash
        .as_deref()
        .and_then(|h| s.registry.by_hash(h))
        .ok_or_else(|| AppError::new("instrument_unknown"))
}

/// What a text says in `lang`: the base text, an embedded translation, or one from an
/// imported pack (looked up by `key`: a linkId or an answer code), with its review status.
fn text_in(
    registry: &Registry,
    def: &Definition,
    text: &Text,
    key: TextKey<'_>,
    lang: &str,
) -> Option<(String, Option<ReviewStatus>)> {
    if lang == def.language {
        return Some((text.base.clone(), None));
    }
    if let Some(t) = text.translation(lang) {
        return Some((t.content.clone(), Some(t.review)));
    }
    let pack = registry.translation(&def.url, &def.version, lang)?;
    let found = match key {
        TextKey::Item(link_id) => pack.item(link_id),
        TextKey::Answer(code) => pack.answer(code),
    };
    found.map(|(text, review)| (text.to_owned(), Some(review)))
}

/// How far the text of `link_id` was checked in the language it is shown in, recorded with
/// every answer (core `validate::TEXT_STATUS`).
fn text_status(s: &Session, def: &Definition, link_id: &str, lang: Option<&str>) -> &'static str {
    let lang = lang.unwrap_or(&def.language);
    let Some(item) = def.item(link_id) else {
        return TextStatus::Untranslated.code();
    };
    match text_in(&s.registry, def, item.text(), TextKey::Item(link_id), lang) {
        None => TextStatus::Untranslated.code(),
        Some((_, review)) => TextStatus::of_review(review).code(),
    }
}

#[derive(Clone, Copy)]
enum TextKey<'a> {
    Item(&'a str),
    Answer(&'a str),
}

/// The languages a definition can be shown in, with their review status.
fn languages_of(registry: &Registry, def: &Definition) -> Vec<InstrumentLanguage> {
    let mut out = vec![InstrumentLanguage {
        language: def.language.clone(),
        review: None,
    }];
    let mut add = |language: &str, review: ReviewStatus| {
        if !out.iter().any(|l| l.language == language) {
            out.push(InstrumentLanguage {
                language: language.to_owned(),
                review: Some(review),
            });
        }
    };
    for item in def.choice_items() {
        for t in &item.text.translations {
            add(&t.lang, t.review);
        }
    }
    for t in registry.translations() {
        if t.definition_url == def.url && t.definition_version == def.version {
            add(&t.language, t.review_status);
        }
    }
    out
}

fn shown(
    registry: &Registry,
    def: &Definition,
    text: &Text,
    key: TextKey<'_>,
    ui_lang: &str,
    client_lang: &str,
) -> ShownText {
    let counsellor = text_in(registry, def, text, key, ui_lang)
        .map(|(t, _)| t)
        .unwrap_or_else(|| text.base.clone());
    // The client's version only when it says something the counsellor's does not show.
    let client = (client_lang != ui_lang)
        .then(|| text_in(registry, def, text, key, client_lang))
        .flatten()
        .filter(|(t, _)| *t != counsellor);
    ShownText {
        text: counsellor,
        client_review: client.as_ref().and_then(|(_, r)| *r),
        client_text: client.map(|(t, _)| t),
    }
}

/// A stored answer in the scorer's terms. Record-only fields keep integers and yes/no in
/// `value` (1 = yes) and dates and texts in `text`.
fn to_answer(def: &Definition, code: &str, a: &StoredAnswer) -> Option<Answer> {
    match a.state.as_deref() {
        Some("declined") => return Some(Answer::Declined),
        Some("dont_know") => return Some(Answer::DontKnow),
        _ => {}
    }
    Some(match def.item(code)? {
        Item::Choice(_) => Answer::Value(a.value?),
        Item::Field(field) => match field.kind {
            FieldKind::Integer => Answer::Integer(a.value?),
            FieldKind::Boolean => Answer::Boolean(a.value? != 0),
            FieldKind::Date => Answer::Date(a.text.clone()?),
            FieldKind::String | FieldKind::Text => Answer::Text(a.text.clone()?),
        },
        Item::Display { .. } => return None,
    })
}

/// Stored answers in the scorer's terms; answers to items the definition does not have
/// (there are none: they are checked before they are stored) are left out.
fn scoring_answers(def: &Definition, stored: &BTreeMap<String, StoredAnswer>) -> Answers {
    let mut answers = Answers::new();
    for (code, a) in stored {
        if let Some(answer) = to_answer(def, code, a) {
            answers.set(code, answer);
        }
    }
    answers
}

/// The questions currently asked, in order: skip logic applied to the answers so far (a
/// question whose gate is still unanswered is asked, so nothing is silently skipped).
fn asked<'a>(def: &'a Definition, answers: &Answers) -> Vec<&'a Item> {
    def.items
        .iter()
        .filter(|item| match item {
            Item::Choice(choice) => enabled(def, choice, answers) != Some(false),
            Item::Field(_) => true,
            Item::Display { .. } => false,
        })
        .collect()
}

/// The multiple-choice questions currently asked: what the client-facing view shows.
fn asked_choices<'a>(def: &'a Definition, answers: &Answers) -> Vec<&'a ChoiceItem> {
    def.choice_items()
        .filter(|item| enabled(def, item, answers) != Some(false))
        .collect()
}

/// Scores one stored administration from its materialised fields, by the definition it was
/// started with. None when that definition is not in the registry or the record is not an
/// administration. (Used to re-score stored administrations in bulk.)
pub fn score_stored(registry: &Registry, fields: &Fields) -> Option<ScoreResult> {
    let admin: Administration = view(fields);
    let def = registry.by_hash(admin.definition_hash.as_deref()?)?;
    score_of(def, &scoring_answers(def, &administration_answers(fields)))
}

fn score_of(def: &Definition, answers: &Answers) -> Option<ScoreResult> {
    match score(def, answers) {
        Ok(result) => Some(result),
        Err(e) => {
            // Answers are checked against the definition before they are stored.
            tracing::error!(error = %e, "stored answers do not score");
            None
        }
    }
}

pub(crate) fn raised_safety_flags(result: &ScoreResult) -> Vec<String> {
    result
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::Safety && f.state == FlagState::Raised)
        .map(|f| f.id.clone())
        .collect()
}

/// Answers and score stay hidden from the counsellor once a sealed administration is
/// completed, and always when the client filled it in themselves.
fn hidden(a: &Administration) -> bool {
    a.is_sealed() && (a.is_completed() || a.mode.as_deref() == Some("self_completed"))
}

struct Loaded {
    id: Uuid,
    admin: Administration,
    fields: Fields,
    /// Items of a sealed administration the store marks answered ([`answered_items`]).
    answered_elsewhere: std::collections::BTreeSet<String>,
}

fn load(s: &Session, id: Uuid) -> Result<Loaded, AppError> {
    let record = s.store.get_kind(RecordKind::Administration, id)?;
    let mut admin: Administration = view(&record.state.fields);
    // Whether it is sealed follows from its first revision's definition and the sealing rule
    // (DESIGN §4.12), not from the merged `sealed_for` field.
    if let Some(origin) = s.store.administration_origin(id)? {
        let rule = s.store.sealing_rule()?;
        admin.sealed_for = origin.sealed_for(&rule).map(str::to_owned);
    }
    let mut fields = record.state.fields;
    if admin.is_sealed() {
        // The store keeps only that an item was answered; the answers given in this session
        // are in memory ([`Session::sealed_answers`]).
        if let Some(given) = s.sealed_answers.get(&id) {
            for (name, value) in given {
                if value.is_null() {
                    fields.remove(name);
                } else {
                    fields.insert(name.clone(), value.clone());
                }
            }
        }
    }
    let answered_elsewhere = if admin.is_sealed() {
        answered_items(&fields)
    } else {
        Default::default()
    };
    Ok(Loaded {
        id,
        admin,
        fields,
        answered_elsewhere,
    })
}

/// Whether an item has an answer: in the answers this screen may read, or (for a sealed
/// administration) marked answered in the store, its answer sealed for the GGD.
fn is_answered(l: &Loaded, stored: &BTreeMap<String, StoredAnswer>, link_id: &str) -> bool {
    stored.contains_key(link_id) || l.answered_elsewhere.contains(link_id)
}

/// The recipient an administration's revisions are sealed for: from its first revision and
/// the sealing rule once it exists, from the first revision's own `sealed_for` while it is
/// being started.
fn sealing_recipient(s: &Session, id: Uuid, fields: &Fields) -> Result<Option<String>, AppError> {
    let rule = s.store.sealing_rule()?;
    Ok(match s.store.administration_origin(id)? {
        Some(origin) => origin.sealed_for(&rule).map(str::to_owned),
        None => fields
            .get("sealed_for")
            .and_then(Value::as_str)
            .map(str::to_owned),
    })
}

/// This device's sealer for `recipient`, or the plain-words refusal to give a sealed
/// instrument without the GGD's key (no recipient list pinned, or none with that recipient).
fn sealer_for(s: &Session, recipient: &str) -> Result<WriteSealer, AppError> {
    WriteSealer::load(&s.store)
        .map_err(|e| {
            tracing::error!(error = %e, "the pinned recipient list cannot be used");
            AppError::new("sealed_instrument_without_key")
        })?
        .filter(|w| w.has_recipient(recipient))
        .ok_or_else(|| AppError::new("sealed_instrument_without_key"))
}

/// Writes one revision of an administration. A sealed one is sealed at once for its recipient
/// and the recovery key; the store keeps the envelope and the revision without its answers,
/// and the answers stay in this session's memory only (DESIGN §4.14).
fn write_administration(s: &mut Session, id: Uuid, fields: Fields) -> Result<(), AppError> {
    let Some(recipient) = sealing_recipient(s, id, &fields)? else {
        s.store.write(RecordKind::Administration, id, fields)?;
        return Ok(());
    };
    let sealer = sealer_for(s, &recipient)?;
    let given: Fields = fields
        .iter()
        .filter(|(name, _)| name.starts_with(ANSWER_PREFIX) || name.starts_with(SAFETY_ACK_PREFIX))
        .map(|(n, v)| (n.clone(), v.clone()))
        .collect();
    let mut seal = |rev: &aankomst_core::Revision| {
        sealer.seal(rev, &recipient).map_err(|e| {
            tracing::error!(error = %e, "a sealed administration's revision could not be sealed");
            aankomst_store::StoreError::SealingFailed
        })
    };
    s.store
        .write_sealed(RecordKind::Administration, id, fields, &mut seal)?;
    if !given.is_empty() {
        s.sealed_answers.entry(id).or_default().extend(given);
    }
    Ok(())
}

fn client_name(s: &Session, client_id: Option<&str>) -> Result<String, AppError> {
    match client_id.and_then(|c| Uuid::parse_str(c).ok()) {
        Some(c) => Ok(
            view::<Client>(&s.store.get_kind(RecordKind::Client, c)?.state.fields).display_name(),
        ),
        None => Ok(String::new()),
    }
}

fn pending_safety(
    s: &Session,
    l: &Loaded,
    def: &Definition,
    result: Option<&ScoreResult>,
) -> Result<Vec<SafetyAlert>, AppError> {
    let Some(result) = result else {
        return Ok(Vec::new());
    };
    if l.admin.is_sealed() && l.admin.mode.as_deref() != Some("read_aloud") {
        // The alert of a sealed instrument the client completes alone goes to the GGD with
        // the sealed envelope, not to the counsellor (instruments.md §3.9); the client is
        // shown where to find help. Read aloud, the counsellor entered the very answer that
        // raised it: the protocol is due now (instruments.md §2 rule 6), and showing it
        // reveals nothing the counsellor did not hear. Its acknowledgement is sealed too.
        return Ok(Vec::new());
    }
    let acknowledged = safety_acknowledgements(&l.fields);
    let contacts = contacts(s)?;
    Ok(raised_safety_flags(result)
        .into_iter()
        .filter(|flag| !acknowledged.contains_key(flag))
        .map(|flag_id| SafetyAlert {
            administration_id: l.id.to_string(),
            flag_id,
            instrument_title: def.title.clone(),
            contacts: contacts.clone(),
        })
        .collect())
}

fn answer_changes(s: &Session, id: Uuid) -> Result<BTreeMap<String, u32>, AppError> {
    let mut counts = BTreeMap::new();
    for rev in s.store.revisions(id)? {
        for name in rev.fields.keys() {
            if let Some(code) = name.strip_prefix(ANSWER_PREFIX) {
                *counts.entry(code.to_owned()).or_insert(0) += 1;
            }
        }
    }
    Ok(counts)
}

/// The administration's language at the start and at every switch, from its revisions.
fn language_changes(s: &Session, id: Uuid) -> Result<Vec<LanguageChange>, AppError> {
    Ok(s.store
        .revisions(id)?
        .into_iter()
        .filter_map(|rev| {
            let language = rev.fields.get("language")?.as_str()?.to_owned();
            Some(LanguageChange {
                language,
                at: hlc_time(rev.hlc.wall_ms),
            })
        })
        .collect())
}

fn administration_view(
    s: &Session,
    ui_lang: &str,
    id: Uuid,
) -> Result<AdministrationView, AppError> {
    let l = load(s, id)?;
    let def = definition_of(s, &l.admin)?;
    let stored = administration_answers(&l.fields);
    let answers = scoring_answers(def, &stored);
    let questions = asked(def, &answers);
    let answered = questions
        .iter()
        .filter(|q| is_answered(&l, &stored, q.link_id()))
        .count() as u32;
    let is_hidden = hidden(&l.admin);
    let result = if is_hidden {
        None
    } else {
        score_of(def, &answers)
    };
    let client_lang = l
        .admin
        .language
        .clone()
        .unwrap_or_else(|| def.language.clone());
    let items = if is_hidden {
        Vec::new()
    } else {
        let changes = answer_changes(s, id)?;
        def.items
            .iter()
            .map(|item| match item {
                Item::Display { link_id, text } => ItemView {
                    link_id: link_id.clone(),
                    kind: "display".into(),
                    text: shown(
                        &s.registry,
                        def,
                        text,
                        TextKey::Item(link_id),
                        ui_lang,
                        &client_lang,
                    ),
                    options: Vec::new(),
                    enabled: true,
                    answer: None,
                    changes: 0,
                },
                Item::Choice(choice) => ItemView {
                    link_id: choice.link_id.clone(),
                    kind: "choice".into(),
                    text: shown(
                        &s.registry,
                        def,
                        &choice.text,
                        TextKey::Item(&choice.link_id),
                        ui_lang,
                        &client_lang,
                    ),
                    options: choice
                        .options
                        .iter()
                        .map(|o| OptionView {
                            code: o.code.clone(),
                            value: o.value,
                            label: shown(
                                &s.registry,
                                def,
                                &o.display,
                                TextKey::Answer(&o.code),
                                ui_lang,
                                &client_lang,
                            ),
                        })
                        .collect(),
                    enabled: enabled(def, choice, &answers) != Some(false),
                    answer: stored.get(&choice.link_id).cloned(),
                    changes: changes.get(&choice.link_id).copied().unwrap_or(0),
                },
                Item::Field(field) => ItemView {
                    link_id: field.link_id.clone(),
                    kind: field.kind.fhir_type().into(),
                    text: shown(
                        &s.registry,
                        def,
                        &field.text,
                        TextKey::Item(&field.link_id),
                        ui_lang,
                        &client_lang,
                    ),
                    options: Vec::new(),
                    enabled: true,
                    answer: stored.get(&field.link_id).cloned(),
                    changes: changes.get(&field.link_id).copied().unwrap_or(0),
                },
            })
            .collect()
    };
    let pending_safety = if is_hidden {
        Vec::new()
    } else {
        pending_safety(s, &l, def, result.as_ref())?
    };
    let acknowledgements = safety_acknowledgements(&l.fields)
        .into_iter()
        .map(|(flag_id, acknowledgement)| AcknowledgementView {
            flag_id,
            acknowledgement,
        })
        .collect();
    let a = &l.admin;
    Ok(AdministrationView {
        id: id.to_string(),
        conversation_id: a.conversation_id.clone().unwrap_or_default(),
        case_id: a.case_id.clone().unwrap_or_default(),
        client_id: a.client_id.clone().unwrap_or_default(),
        client_name: client_name(s, a.client_id.as_deref())?,
        definition_id: def.id.clone(),
        title: def.title.clone(),
        version: def.version.clone(),
        copyright: def.copyright.clone(),
        mode: a.mode.clone().unwrap_or_default(),
        language: client_lang,
        interpreter_mode: a.interpreter_mode.clone(),
        status: a.status.clone().unwrap_or_default(),
        started_at: a.started_at.clone().unwrap_or_default(),
        completed_at: a.completed_at.clone(),
        sealed: a.is_sealed(),
        hidden: is_hidden,
        questions: questions.len() as u32,
        answered,
        items,
        explanation_english: result.as_ref().map(|r| r.explanation.english()),
        result,
        pending_safety,
        acknowledgements,
        language_changes: language_changes(s, id)?,
    })
}

fn summary(s: &Session, id: Uuid) -> Result<AdministrationSummary, AppError> {
    let l = load(s, id)?;
    let def = definition_of(s, &l.admin)?;
    let stored = administration_answers(&l.fields);
    let answers = scoring_answers(def, &stored);
    let questions = asked(def, &answers);
    let answered = questions
        .iter()
        .filter(|q| is_answered(&l, &stored, q.link_id()))
        .count() as u32;
    let a = l.admin;
    Ok(AdministrationSummary {
        id: id.to_string(),
        definition_id: def.id.clone(),
        title: def.title.clone(),
        answered,
        questions: questions.len() as u32,
        mode: a.mode.unwrap_or_default(),
        language: a.language.unwrap_or_default(),
        status: a.status.unwrap_or_default(),
        started_at: a.started_at.unwrap_or_default(),
        sealed: a.sealed_for.is_some(),
    })
}

/// Checks an answer against the definition and stores it as one revision of the field
/// `answer/<concept>`; the earlier value stays in the record's history.
fn write_answer(
    s: &mut Session,
    l: &Loaded,
    link_id: &str,
    given: Given,
    entered_by: &str,
) -> Result<(), AppError> {
    let def = definition_of(s, &l.admin)?;
    if matches!(l.admin.status.as_deref(), Some("abandoned")) {
        return Err(AppError::new("administration_closed"));
    }
    if l.admin.is_sealed() && l.admin.is_completed() {
        return Err(AppError::new("administration_sealed"));
    }
    let stored = match given {
        Given::Clear => Value::Null,
        Given::Answer(answer) => {
            check_answer(def, link_id, &answer).map_err(|e| match e {
                ScoreError::UnknownItem(_) => AppError::new("instrument_item_unknown"),
                _ => AppError::new("instrument_answer_invalid"),
            })?;
            let mut stored = json!({
                "mode": if entered_by == "client" { "self_completed" } else { l.admin.mode.as_deref().unwrap_or("read_aloud") },
                "entered_by": entered_by,
                "at": now(),
                "language": l.admin.language,
                "text_status": text_status(s, def, link_id, l.admin.language.as_deref()),
            });
            match answer {
                Answer::Value(v) | Answer::Integer(v) => stored["value"] = json!(v),
                Answer::Boolean(b) => stored["value"] = json!(i32::from(b)),
                Answer::Date(t) | Answer::Text(t) => stored["text"] = json!(t),
                Answer::Declined => stored["state"] = json!("declined"),
                Answer::DontKnow => stored["state"] = json!("dont_know"),
            }
            stored
        }
    };
    let mut fields = Fields::new();
    fields.insert(format!("{ANSWER_PREFIX}{link_id}"), stored);
    if l.admin.status.as_deref() == Some("paused") {
        fields.insert("status".into(), json!("in_progress"));
    }
    write_administration(s, l.id, fields)?;
    Ok(())
}

/// What an answer request carries, before it is checked against the item.
enum Given {
    Answer(Answer),
    Clear,
}

/// Reads a request's answer in terms of the item it is for.
fn given(
    def: &Definition,
    link_id: &str,
    value: Option<i32>,
    text: Option<String>,
    state: Option<&str>,
    clear: bool,
) -> Result<Given, AppError> {
    if clear {
        return Ok(Given::Clear);
    }
    let invalid = || AppError::new("instrument_answer_invalid");
    let answer = match (state, def.item(link_id)) {
        (Some("declined"), _) => Answer::Declined,
        (Some("dont_know"), _) => Answer::DontKnow,
        (Some(_), _) => return Err(invalid()),
        (None, Some(Item::Choice(_))) => Answer::Value(value.ok_or_else(invalid)?),
        (None, Some(Item::Field(field))) => match field.kind {
            FieldKind::Integer => Answer::Integer(value.ok_or_else(invalid)?),
            FieldKind::Boolean => Answer::Boolean(value.ok_or_else(invalid)? != 0),
            FieldKind::Date => Answer::Date(text.ok_or_else(invalid)?),
            FieldKind::String | FieldKind::Text => Answer::Text(
                text.filter(|t| t.chars().count() <= 2_000)
                    .ok_or_else(invalid)?,
            ),
        },
        (None, _) => return Err(AppError::new("instrument_item_unknown")),
    };
    Ok(Given::Answer(answer))
}

// ---- the client-facing view ------------------------------------------------------------

fn client_step(s: &Session, state: &ClientViewState) -> Result<ClientStep, AppError> {
    let l = load(s, state.administration)?;
    let def = definition_of(s, &l.admin)?;
    let lang = l
        .admin
        .language
        .clone()
        .unwrap_or_else(|| def.language.clone());
    let stored = administration_answers(&l.fields);
    let answers = scoring_answers(def, &stored);
    let questions = asked_choices(def, &answers);
    let index = state
        .current
        .as_deref()
        .and_then(|c| questions.iter().position(|q| q.link_id == c));
    // A text missing in the client's language falls back to the definition's own, and
    // says so, so that the view can mark it instead of passing it off as translated.
    let text = |t: &Text, key| match text_in(&s.registry, def, t, key, &lang) {
        Some((content, review)) => (content, lang.clone(), review),
        None => (t.base.clone(), def.language.clone(), None),
    };
    let question = match (state.stage, index) {
        (ClientStage::Question, Some(i)) => {
            let item = questions[i];
            let (low, high) = (item.min_value(), item.max_value());
            let span = f64::from((high - low).max(1));
            let answer = stored.get(&item.link_id);
            let (question_text, text_language, review) =
                text(&item.text, TextKey::Item(&item.link_id));
            // Recordings only in the language shown: never another language's voice.
            let recordings = s.registry.translation(&def.url, &def.version, &lang);
            Some(ClientQuestion {
                link_id: item.link_id.clone(),
                // Instructions without a text in this language are left out rather than
                // shown in another language between translated questions.
                intro: intro_before(def, &item.link_id).and_then(|(link, t)| {
                    text_in(&s.registry, def, t, TextKey::Item(link), &lang).map(|(t, _)| t)
                }),
                text: question_text,
                text_language,
                review,
                audio: recordings
                    .and_then(|r| r.item_audio(&item.link_id))
                    .map(|clip| clip.data_url()),
                options: item
                    .options
                    .iter()
                    .map(|o| {
                        let (label, label_language, _) = text(&o.display, TextKey::Answer(&o.code));
                        ClientOption {
                            code: o.code.clone(),
                            value: o.value,
                            label,
                            label_language,
                            audio: recordings
                                .and_then(|r| r.answer_audio(&o.code))
                                .map(|clip| clip.data_url()),
                            level: f64::from(o.value - low) / span,
                        }
                    })
                    .collect(),
                chosen_value: answer.and_then(|a| a.value),
                chosen_state: answer.and_then(|a| a.state.clone()),
            })
        }
        _ => None,
    };
    let interpreter = match (state.interpreter_view, state.stage, index) {
        (true, ClientStage::Question, Some(i)) => Some(interpreter_text(s, def, questions[i])),
        _ => None,
    };
    let position = match (state.stage, index) {
        (ClientStage::Question, Some(i)) => i as u32 + 1,
        _ => questions.len() as u32,
    };
    Ok(ClientStep {
        administration_id: l.id.to_string(),
        stage: state.stage,
        right_to_left: RIGHT_TO_LEFT.contains(&lang.as_str()),
        language: lang,
        title: def.title.clone(),
        position,
        count: questions.len() as u32,
        question,
        can_go_back: match state.stage {
            ClientStage::Question => index.is_some_and(|i| i > 0),
            ClientStage::Review => !questions.is_empty(),
            _ => false,
        },
        contacts: if matches!(
            state.stage,
            ClientStage::Finished | ClientStage::CallCounsellor
        ) {
            contacts(s)?
        } else {
            Vec::new()
        },
        languages: languages_of(&s.registry, def),
        interpreter_view: state.interpreter_view,
        interpreter,
    })
}

/// The language an interpreter reads beside the client's: Dutch where the instrument has
/// it, else the definition's own language (which every text has).
const INTERPRETER_LANGUAGE: &str = "nl";

/// The current question, and only it, in the interpreter's reference language.
fn interpreter_text(s: &Session, def: &Definition, item: &ChoiceItem) -> InterpreterText {
    let has_dutch = text_in(
        &s.registry,
        def,
        &item.text,
        TextKey::Item(&item.link_id),
        INTERPRETER_LANGUAGE,
    )
    .is_some();
    let language = if has_dutch {
        INTERPRETER_LANGUAGE
    } else {
        def.language.as_str()
    };
    let text = |t: &Text, key| {
        text_in(&s.registry, def, t, key, language)
            .map(|(t, _)| t)
            .unwrap_or_else(|| t.base.clone())
    };
    InterpreterText {
        language: language.to_owned(),
        intro: intro_before(def, &item.link_id).map(|(link, t)| text(t, TextKey::Item(link))),
        text: text(&item.text, TextKey::Item(&item.link_id)),
        options: item
            .options
            .iter()
            .map(|o| InterpreterOption {
                code: o.code.clone(),
                label: text(&o.display, TextKey::Answer(&o.code)),
            })
            .collect(),
    }
}

/// The display item (instructions, a stem) directly before a question, if any.
fn intro_before<'a>(def: &'a Definition, link_id: &str) -> Option<(&'a str, &'a Text)> {
    let pos = def.items.iter().position(|i| i.link_id() == link_id)?;
    match def.items.get(pos.checked_sub(1)?)? {
        Item::Display { link_id, text } => Some((link_id.as_str(), text)),
        Item::Choice(_) | Item::Field(_) => None,
    }
}

/// Where the client view goes after an answer: the next question in order, or review.
fn advance(def: &Definition, answers: &Answers, after: &str) -> (ClientStage, Option<String>) {
    let questions = asked_choices(def, answers);
    let next = questions
        .iter()
        .position(|q| q.link_id == after)
        .and_then(|i| questions.get(i + 1));
    match next {
        Some(q) => (ClientStage::Question, Some(q.link_id.clone())),
        None => match questions.iter().find(|q| answers.get(&q.link_id).is_none()) {
            // Skip logic may have opened a question earlier in the order.
            Some(q) => (ClientStage::Question, Some(q.link_id.clone())),
            None => (ClientStage::Review, None),
        },
    }
}

impl AppService {
    // ---- instruments --------------------------------------------------------------------

    pub fn list_instruments(&self) -> Result<Vec<InstrumentSummary>, AppError> {
        self.with_session(|s| {
            let sealed = sealed_ids(s)?;
            let shipped = shipped_ids();
            let mut out: Vec<InstrumentSummary> = s
                .registry
                .iter()
                .map(|d| InstrumentSummary {
                    id: d.id.clone(),
                    url: d.url.clone(),
                    version: d.version.clone(),
                    title: d.title.clone(),
                    copyright: d.copyright.clone(),
                    question_count: d.choice_items().count() as u32,
                    languages: languages_of(&s.registry, d),
                    sealed: sealed.contains(&d.id),
                    from_pack: !shipped.contains(&d.id),
                    hash: d.hash().to_owned(),
                })
                .collect();
            out.sort_by(|a, b| a.title.cmp(&b.title).then(a.version.cmp(&b.version)));
            Ok(out)
        })
    }

    /// Imports a pack (definitions and translations) all or nothing, and keeps it so it
    /// is loaded at every unlock. A refused pack changes nothing.
    pub fn import_instrument_pack(&self, content: &str) -> Result<ImportedPack, AppError> {
        self.with_session(|s| {
            // Only a pack the policy approves (by the hash of its file) is installed.
            crate::policy::active(&s.store)?
                .policy
                .check_pack(&pack_hash(content.as_bytes()))
                .map_err(|_| AppError::new("policy_pack_not_approved"))?;
            let mut registry = s.registry.clone();
            let report = import_pack(content.as_bytes(), &mut registry).map_err(|e| {
                tracing::info!("instrument pack refused");
                AppError::new("pack_refused").arg("reason", e)
            })?;
            s.store
                .save_instrument_pack(&report.pack.id, &now(), content.as_bytes())?;
            s.registry = registry;
            tracing::info!(
                definitions = report.added.len(),
                translations = report.translations.len(),
                "instrument pack imported"
            );
            Ok(ImportedPack { report })
        })
    }

    pub fn get_screening_settings(&self) -> Result<ScreeningSettings, AppError> {
        self.with_session(|s| {
            Ok(ScreeningSettings {
                sealed_instruments: sealed_ids(s)?,
                safety_contacts: contacts(s)?,
            })
        })
    }

    /// Changes apply to administrations started from now on: one already started keeps
    /// the seal it was started with.
    pub fn save_screening_settings(&self, settings: ScreeningSettings) -> Result<(), AppError> {
        let too_long = |t: &str, n: usize| t.chars().count() > n;
        if settings.safety_contacts.len() > 20
            || settings.safety_contacts.iter().any(|c| {
                c.name.trim().is_empty()
                    || too_long(&c.name, 200)
                    || too_long(&c.phone, 50)
                    || too_long(&c.note, 500)
            })
        {
            return Err(AppError::new("safety_contact_invalid"));
        }
        self.with_session(|s| {
            let policy = crate::policy::active(&s.store)?.policy;
            // The policy fixes the safety contacts, and what it seals stays sealed; a profile
            // may only seal more.
            let fixed_contacts: Vec<ScreeningContact> = contacts(s)?;
            if settings.safety_contacts != fixed_contacts {
                return Err(crate::policy::policy_fixed("safety_contacts"));
            }
            if policy
                .sealed_instruments
                .iter()
                .any(|p| !settings.sealed_instruments.contains(&p.definition_id))
            {
                return Err(crate::policy::policy_fixed("sealed_instruments"));
            }
            let extra: Vec<&String> = settings
                .sealed_instruments
                .iter()
                .filter(|id| policy.sealed_for(id).is_none())
                .collect();
            s.store.set_setting(SETTING_SEALED, &json!(extra))?;
            Ok(())
        })
    }

    // ---- administrations ----------------------------------------------------------------

    pub fn start_administration(
        &self,
        req: StartAdministrationRequest,
    ) -> Result<AdministrationView, AppError> {
        let conversation_id = parse_id(&req.conversation_id)?;
        let ui_lang = self.language();
        self.with_session(|s| {
            let conversation: Conversation = view(
                &s.store
                    .get_kind(RecordKind::Conversation, conversation_id)?
                    .state
                    .fields,
            );
            let case_id = conversation.case_id.clone().unwrap_or_default();
            let case: Case = view(
                &s.store
                    .get_kind(RecordKind::Case, parse_id(&case_id)?)?
                    .state
                    .fields,
            );
            let def = definition_by_id(&s.registry, &req.definition_id)
                .ok_or_else(|| AppError::new("instrument_unknown"))?;
            let shown_in: Vec<String> = languages_of(&s.registry, def)
                .into_iter()
                .map(|l| l.language)
                .collect();
            // On the client's own screen the questions must exist in that language; read
            // aloud, an interpreter may render them (recorded with the administration).
            if req.mode == "self_completed" && !shown_in.contains(&req.language) {
                return Err(AppError::new("instrument_language_missing"));
            }
            // Record-only forms (a test result, a report) are the counsellor's to fill in.
            if req.mode == "self_completed" && def.field_items().next().is_some() {
                return Err(AppError::new("instrument_counsellor_only"));
            }
            let interpreting = conversation
                .interpreter_mode
                .clone()
                .filter(|m| m != "none");
            let mut fields = object(json!({
                "conversation_id": conversation_id.to_string(),
                "case_id": case_id,
                "client_id": case.client_id,
                "definition_id": def.id,
                "definition_url": def.url,
                "definition_version": def.version,
                "definition_hash": def.hash(),
                "mode": req.mode,
                "language": req.language,
                "status": "in_progress",
                "started_at": now(),
            }))?;
            if let Some(mode) = interpreting {
                fields.insert("interpreter_mode".into(), json!(mode));
                if let Some(lang) = &conversation.language_used {
                    fields.insert("interpreter_language".into(), json!(lang));
                }
            }
            if let Some(recipient) = s.store.sealing_rule()?.recipient_for(&def.id) {
                // Refused before the first answer: without the GGD's key nothing could be
                // sealed for it.
                sealer_for(s, recipient)?;
                fields.insert("sealed_for".into(), json!(recipient));
            }
            let id = Uuid::now_v7();
            write_administration(s, id, fields)?;
            tracing::info!("administration started");
            administration_view(s, &ui_lang, id)
        })
    }

    pub fn get_administration(&self, id: &str) -> Result<AdministrationView, AppError> {
        let id = parse_id(id)?;
        let ui_lang = self.language();
        self.with_session(|s| {
            s.audit_record(AuditAction::Read, id)?;
            administration_view(s, &ui_lang, id)
        })
    }

    pub fn list_administrations(
        &self,
        conversation_id: &str,
    ) -> Result<Vec<AdministrationSummary>, AppError> {
        let conversation_id = parse_id(conversation_id)?;
        self.with_session(|s| {
            s.store
                .administrations_of_conversation(conversation_id)?
                .into_iter()
                .map(|id| summary(s, id))
                .collect()
        })
    }

    /// The counsellor records an answer (read aloud, or on paper) or clears it.
    pub fn answer_item(&self, req: AnswerRequest) -> Result<AdministrationView, AppError> {
        let id = parse_id(&req.administration_id)?;
        let ui_lang = self.language();
        self.with_session(|s| {
            let l = load(s, id)?;
            if hidden(&l.admin) {
                return Err(AppError::new("administration_sealed"));
            }
            let def = definition_of(s, &l.admin)?;
            let answer = given(
                def,
                &req.link_id,
                req.value,
                req.text,
                req.state.as_deref(),
                req.clear,
            )?;
            write_answer(s, &l, &req.link_id, answer, "counsellor")?;
            administration_view(s, &ui_lang, id)
        })
    }

    /// Every value an answer has had, oldest first, with who recorded it.
    pub fn answer_history(
        &self,
        administration_id: &str,
        link_id: &str,
    ) -> Result<Vec<AnswerHistoryEntry>, AppError> {
        let id = parse_id(administration_id)?;
        let field = format!("{ANSWER_PREFIX}{link_id}");
        self.with_session(|s| {
            // A sealed administration keeps no readable history: its answers are sealed.
            if load(s, id)?.admin.is_sealed() {
                return Err(AppError::new("administration_sealed"));
            }
            let author = s.meta.name.clone();
            let own = s.meta.id.clone();
            Ok(s.store
                .revisions(id)?
                .into_iter()
                .filter_map(|rev| {
                    let value = rev.fields.get(&field)?;
                    Some(AnswerHistoryEntry {
                        answer: serde_json::from_value(value.clone()).ok(),
                        // Other authors arrive with sync; until then every revision is ours.
                        author: if rev.author_user == own {
                            author.clone()
                        } else {
                            rev.author_user.clone()
                        },
                        recorded_at: hlc_time(rev.hlc.wall_ms),
                    })
                })
                .collect())
        })
    }

    /// `in_progress` (resume), `paused`, `completed` or `abandoned`. A completed or
    /// abandoned administration stays so.
    pub fn set_administration_status(
        &self,
        administration_id: &str,
        status: &str,
    ) -> Result<AdministrationView, AppError> {
        let id = parse_id(administration_id)?;
        let ui_lang = self.language();
        self.with_session(|s| {
            let l = load(s, id)?;
            if matches!(l.admin.status.as_deref(), Some("completed" | "abandoned")) {
                return Err(AppError::new("administration_closed"));
            }
            let mut fields = Fields::new();
            match status {
                "in_progress" | "paused" | "abandoned" => {}
                "completed" => {
                    fields.insert("completed_at".into(), json!(now()));
                }
                _ => return Err(AppError::new("internal")),
            }
            fields.insert("status".into(), json!(status));
            write_administration(s, id, fields)?;
            tracing::info!(status, "administration status changed");
            administration_view(s, &ui_lang, id)
        })
    }

    /// Records that the counsellor saw the safety protocol for a raised flag.
    pub fn acknowledge_safety(
        &self,
        administration_id: &str,
        flag_id: &str,
        note: &str,
    ) -> Result<AdministrationView, AppError> {
        let id = parse_id(administration_id)?;
        let ui_lang = self.language();
        self.with_session(|s| {
            let l = load(s, id)?;
            let def = definition_of(s, &l.admin)?;
            let answers = scoring_answers(def, &administration_answers(&l.fields));
            let raised = score_of(def, &answers)
                .map(|r| raised_safety_flags(&r))
                .unwrap_or_default();
            if !raised.iter().any(|f| f == flag_id) {
                return Err(AppError::new("safety_flag_not_raised"));
            }
            let mut fields = Fields::new();
            fields.insert(
                format!("{SAFETY_ACK_PREFIX}{flag_id}"),
                json!({"by": s.meta.name, "at": now(), "note": note}),
            );
            write_administration(s, id, fields)?;
            // Which flag stays out of the log: it is health information about this client.
            tracing::info!("safety protocol acknowledged");
            administration_view(s, &ui_lang, id)
        })
    }

    /// Completed, unsealed administrations of a client, scored, per instrument version.
    pub fn instrument_series(&self, client_id: &str) -> Result<Vec<InstrumentSeries>, AppError> {
        let client_id = parse_id(client_id)?;
        self.with_session(|s| {
            s.audit_record(AuditAction::Read, client_id)?;
            let mut series: BTreeMap<String, InstrumentSeries> = BTreeMap::new();
            for (id, _) in s.store.administrations_of_client(client_id)? {
                let l = load(s, id)?;
                if !l.admin.is_completed() {
                    continue;
                }
                let Ok(def) = definition_of(s, &l.admin) else {
                    continue;
                };
                if def.scoring.total.is_none() {
                    continue;
                }
                let (min, max) = def.total_range();
                let bands = def.scoring.bands.as_ref();
                let entry = series
                    .entry(def.id.clone())
                    .or_insert_with(|| InstrumentSeries {
                        definition_id: def.id.clone(),
                        title: def.title.clone(),
                        direction: bands.map(|b| b.direction),
                        min,
                        max,
                        bands: bands
                            .map(|b| {
                                b.bands
                                    .iter()
                                    .map(|band| SeriesBand {
                                        code: band.code.clone(),
                                        min: band.min,
                                        max: band.max,
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                        points: Vec::new(),
                        sealed_count: 0,
                    });
                if hidden(&l.admin) {
                    entry.sealed_count += 1;
                    continue;
                }
                let answers = scoring_answers(def, &administration_answers(&l.fields));
                let Some(result) = score_of(def, &answers) else {
                    continue;
                };
                entry.points.push(SeriesPoint {
                    administration_id: id.to_string(),
                    at: l
                        .admin
                        .completed_at
                        .clone()
                        .or(l.admin.started_at.clone())
                        .unwrap_or_default(),
                    total: result
                        .total
                        .map(|t| f64::from(t.numerator) / f64::from(t.denominator)),
                    band: result.band.map(|b| b.code),
                    imputed: result.imputed,
                });
            }
            Ok(series.into_values().collect())
        })
    }

    /// The administration as a FHIR R4 Bundle (QuestionnaireResponse and an Observation per
    /// score), for the GP, the GGD or the municipality's own systems. References carry ids,
    /// never names. A sealed administration is not exported from the counsellor's screen.
    /// The administration as a FHIR Bundle for `recipient`. An export is a share: it is
    /// refused unless the client consented to sharing screening results with them.
    pub fn export_administration(
        &self,
        administration_id: &str,
        recipient: &str,
    ) -> Result<FhirExport, AppError> {
        let id = parse_id(administration_id)?;
        self.with_session(|s| {
            let l = load(s, id)?;
            if hidden(&l.admin) {
                return Err(AppError::new("administration_sealed"));
            }
            let client_id = linked_id(l.admin.client_id.as_deref())?;
            crate::consent::require_consent(
                s,
                client_id,
                crate::consent::SCREENING_RESULTS,
                recipient,
            )?;
            s.audit_record(AuditAction::Export, id)?;
            let def = definition_of(s, &l.admin)?;
            let stored = administration_answers(&l.fields);
            let answers = scoring_answers(def, &stored);
            let result = score_of(def, &answers);
            let client = format!("Patient/{}", l.admin.client_id.clone().unwrap_or_default());
            let counsellor = format!("Practitioner/{}", s.meta.id);
            let shown_in: Vec<String> = languages_of(&s.registry, def)
                .into_iter()
                .map(|l| l.language)
                .collect();
            let interpreted = l.admin.interpreter_mode.is_some();
            let export_answers = stored
                .iter()
                .filter(|(code, _)| def.item(code).is_some())
                .map(|(code, a)| ExportAnswer {
                    link_id: code.clone(),
                    answer: to_answer(def, code, a),
                    language: a.language.clone(),
                    text_status: a.text_status.as_deref().and_then(TextStatus::from_code),
                    mode: Some(match a.mode.as_str() {
                        "self_completed" => AnswerMode::SelfCompleted,
                        // Read aloud in a language the form has no text in: the interpreter
                        // rendered it (instruments.md §2 rule 3).
                        _ if interpreted
                            && a.language.as_ref().is_some_and(|l| !shown_in.contains(l)) =>
                        {
                            AnswerMode::ViaInterpreter
                        }
                        _ => AnswerMode::ReadAloud,
                    }),
                    answered_at: Some(a.at.clone()),
                    entered_by: Some(ExportReference::new(if a.entered_by == "client" {
                        client.clone()
                    } else {
                        counsellor.clone()
                    })),
                })
                .collect();
            let input = ExportInput {
                response_id: id.to_string(),
                subject: ExportReference::new(client.clone()),
                author: ExportReference::new(counsellor.clone()),
                authored: l
                    .admin
                    .completed_at
                    .clone()
                    .or(l.admin.started_at.clone())
                    .unwrap_or_else(now),
                status: if l.admin.is_completed() {
                    ResponseStatus::Completed
                } else {
                    ResponseStatus::InProgress
                },
                answers: export_answers,
                result: result.as_ref(),
            };
            let bundle = export_bundle(def, &input).map_err(|e| {
                tracing::error!(error = %e, "FHIR export failed");
                AppError::new("internal")
            })?;
            tracing::info!("administration exported");
            Ok(FhirExport {
                file_name: format!(
                    "aankomst-{}-{}.fhir.json",
                    def.id,
                    &id.simple().to_string()[..8]
                ),
                json: serde_json::to_string_pretty(&bundle)
                    .map_err(|_| AppError::new("internal"))?,
            })
        })
    }

    // ---- the client-facing view ---------------------------------------------------------

    /// Hands the screen to the client: from now until the counsellor's passphrase is given
    /// again, only the client-view commands work.
    pub fn enter_client_view(&self, administration_id: &str) -> Result<ClientStep, AppError> {
        let id = parse_id(administration_id)?;
        self.with_session(|s| {
            let l = load(s, id)?;
            if matches!(l.admin.status.as_deref(), Some("completed" | "abandoned")) {
                return Err(AppError::new("administration_closed"));
            }
            let def = definition_of(s, &l.admin)?;
            let answers = scoring_answers(def, &administration_answers(&l.fields));
            let questions = asked_choices(def, &answers);
            // A sealed one resumed after a lock: its answers are sealed, but which items were
            // answered is known, so the client goes on where they stopped.
            let first_open = questions
                .iter()
                .find(|q| {
                    answers.get(&q.link_id).is_none() && !l.answered_elsewhere.contains(&q.link_id)
                })
                .or(questions.first());
            let state = ClientViewState {
                administration: id,
                stage: if first_open.is_some() {
                    ClientStage::Question
                } else {
                    ClientStage::Review
                },
                current: first_open.map(|q| q.link_id.clone()),
                interpreter_view: false,
            };
            if l.admin.status.as_deref() == Some("paused") {
                let mut fields = Fields::new();
                fields.insert("status".into(), json!("in_progress"));
                write_administration(s, id, fields)?;
            }
            let step = client_step(s, &state)?;
            s.client_view = Some(state);
            tracing::info!("client view opened");
            Ok(step)
        })
    }

    pub fn client_view_step(&self) -> Result<ClientStep, AppError> {
        self.with_client_view(|s, state| client_step(s, state))
    }

    pub fn client_answer(&self, req: ClientAnswerRequest) -> Result<ClientStep, AppError> {
        self.with_client_view(|s, state| {
            if state.stage != ClientStage::Question
                || state.current.as_deref() != Some(req.link_id.as_str())
            {
                // A double tap on a slow machine answers the question on screen only once.
                return client_step(s, state);
            }
            let l = load(s, state.administration)?;
            let def = definition_of(s, &l.admin)?;
            if def.choice_item(&req.link_id).is_none() {
                return Err(AppError::new("instrument_item_unknown"));
            }
            let answer = given(
                def,
                &req.link_id,
                req.value,
                None,
                req.state.as_deref(),
                false,
            )?;
            write_answer(s, &l, &req.link_id, answer, "client")?;
            let l = load(s, state.administration)?;
            let def = definition_of(s, &l.admin)?;
            let answers = scoring_answers(def, &administration_answers(&l.fields));
            let raised = !l.admin.is_sealed()
                && score_of(def, &answers).is_some_and(|r| {
                    let acknowledged = safety_acknowledgements(&l.fields);
                    raised_safety_flags(&r)
                        .iter()
                        .any(|f| !acknowledged.contains_key(f))
                });
            if raised {
                state.stage = ClientStage::CallCounsellor;
            } else {
                let (stage, current) = advance(def, &answers, &req.link_id);
                state.stage = stage;
                state.current = current;
            }
            client_step(s, state)
        })
    }

    /// Switches the language the questions are shown in, mid-administration. The switch is
    /// a revision of the administration's `language` (its history is the record's), and
    /// every answer given from now on records the new language. Only languages the
    /// instrument has texts in: an interpreter's oral rendering is a read-aloud matter.
    pub fn client_set_language(&self, language: &str) -> Result<ClientStep, AppError> {
        self.with_client_view(|s, state| {
            let l = load(s, state.administration)?;
            let def = definition_of(s, &l.admin)?;
            if !languages_of(&s.registry, def)
                .iter()
                .any(|known| known.language == language)
            {
                return Err(AppError::new("instrument_language_missing"));
            }
            if l.admin.language.as_deref() != Some(language) {
                let mut fields = Fields::new();
                fields.insert("language".into(), json!(language));
                write_administration(s, state.administration, fields)?;
                tracing::info!("client view language switched");
            }
            client_step(s, state)
        })
    }

    /// Shows or hides the interpreter's reference text beside the current question.
    pub fn client_set_interpreter_view(&self, on: bool) -> Result<ClientStep, AppError> {
        self.with_client_view(|s, state| {
            state.interpreter_view = on;
            client_step(s, state)
        })
    }

    pub fn client_back(&self) -> Result<ClientStep, AppError> {
        self.with_client_view(|s, state| {
            let l = load(s, state.administration)?;
            let def = definition_of(s, &l.admin)?;
            let answers = scoring_answers(def, &administration_answers(&l.fields));
            let questions = asked_choices(def, &answers);
            let target = match (state.stage, state.current.as_deref()) {
                (ClientStage::Question, Some(current)) => questions
                    .iter()
                    .position(|q| q.link_id == current)
                    .and_then(|i| i.checked_sub(1))
                    .map(|i| questions[i]),
                (ClientStage::Review, _) => questions.last().copied(),
                _ => None,
            };
            if let Some(q) = target {
                state.stage = ClientStage::Question;
                state.current = Some(q.link_id.clone());
            }
            client_step(s, state)
        })
    }

    pub fn client_finish(&self) -> Result<ClientStep, AppError> {
        self.with_client_view(|s, state| {
            if state.stage != ClientStage::Review {
                return client_step(s, state);
            }
            let mut fields = Fields::new();
            fields.insert("status".into(), json!("completed"));
            fields.insert("completed_at".into(), json!(now()));
            write_administration(s, state.administration, fields)?;
            state.stage = ClientStage::Finished;
            tracing::info!("administration completed on the client view");
            client_step(s, state)
        })
    }

    /// The counsellor takes the screen back with their passphrase.
    pub fn leave_client_view(&self, passphrase: &str) -> Result<String, AppError> {
        let mut guard = lock_ignoring_poison(&self.session);
        let s = guard.as_mut().ok_or_else(AppError::locked)?;
        let Some(state) = s.client_view.as_ref() else {
            return Err(AppError::new("client_view_not_active"));
        };
        let administration = state.administration.to_string();
        self.profiles
            .verify_passphrase(&s.meta.id, passphrase, now_ms())?;
        s.client_view = None;
        self.touch();
        tracing::info!("client view closed");
        Ok(administration)
    }
}
