//! What each field of each record kind may hold. Every write goes through
//! [`validate_field`], so bad input is refused with a reason the UI can translate,
//! before anything is stored.

use crate::identifiers::{bsn_is_valid, strip_separators, v_number_is_valid};
use crate::partial_date::PartialDateError;
use crate::reference::{is_country, is_language};
use crate::revision::RecordKind;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

/// Why a value was refused. Each variant is a message key in the Fluent files
/// (`field-error-…`); none carries the refused value, so errors never echo client data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FieldError {
    #[error("unknown field")]
    UnknownField,
    #[error("wrong type of value")]
    WrongType,
    #[error("text too long")]
    TooLong,
    #[error("not one of the allowed choices")]
    NotAChoice,
    #[error("BSN fails the elfproef")]
    BsnInvalid,
    #[error("V-number must be ten digits")]
    VNumberInvalid,
    #[error("date of birth must be YYYY, YYYY-MM or YYYY-MM-DD")]
    PartialDateShape,
    #[error("no such date")]
    NoSuchDate,
    #[error("year out of range")]
    YearOutOfRange,
    #[error("date must be YYYY-MM-DD")]
    DateShape,
    #[error("date and time not understood")]
    DateTimeShape,
    #[error("e-mail address needs an @")]
    EmailShape,
    #[error("unknown country")]
    UnknownCountry,
    #[error("unknown language")]
    UnknownLanguage,
    #[error("not a record id")]
    RecordId,
    #[error("a required part is missing")]
    MissingPart,
    #[error("a PIP has at most six subgoals")]
    TooManySubgoals,
    #[error("a signature must be a PNG image")]
    NotAPng,
}

#[derive(Debug, Clone, Copy)]
enum Shape {
    Text(usize),
    Email,
    Bsn,
    VNumber,
    PartialDate,
    Date,
    DateTime,
    Choice(&'static [&'static str]),
    Country,
    Language,
    Bool,
    RecordId,
    Languages,
    Participants,
    Members,
    Integer,
    InstrumentAnswer,
    SafetyAcknowledgement,
    /// An amount in euro cents, 0 to `money::MAX_CENTS`.
    Cents,
    /// A conversation's entry for one topic of the conversation guide.
    GuideEntry(&'static crate::guide::TopicDef),
    FixedCost,
    Allowance,
    Subgoals,
    PlanActions,
    Reviews,
    Findings,
    Png,
    Signature,
    Attestation,
    ReviewLog,
    Approval,
    /// A case's latest handover (see [`crate::handover`]).
    Handover,
    /// An id used in a field name (a goal's or action's): see `is_code`.
    Code,
    /// The status of a goal or action ([`crate::trajectory::GoalStatus`]).
    GoalStatus,
    /// Extensions of the inburgeringstermijn ([`crate::trajectory::TermExtension`]).
    TermExtensions,
    /// A vrijstelling or ontheffing ([`crate::trajectory::DutyDecision`]).
    DutyDecision,
    /// One month of Z-route hours ([`crate::trajectory::ZHours`], a list).
    ZHours,
    /// Hours in a month (0 to [`crate::trajectory::Z_MAX_MONTH_HOURS`]).
    MonthHours,
}

pub const SEX: &[&str] = &["female", "male", "x", "unknown"];
pub const LITERACY: &[&str] = &["literate", "limited", "none", "unknown"];
pub const SPOKEN: &[&str] = &["native", "fluent", "basic"];
pub const TARGET_GROUP: &[&str] = &[
    "statushouder",
    "nareiziger",
    "gezinsmigrant",
    "overige_migrant",
];
pub const CASE_STATUS: &[&str] = &["intake", "pip", "route", "completed", "closed"];
pub const PLACE: &[&str] = &["azc", "office", "phone", "video", "home", "other"];
pub const CONVERSATION_TYPE: &[&str] = &["first", "check_in", "pip", "progress_review", "other"];
pub const INTERPRETER_MODE: &[&str] = &[
    "none",
    "professional_in_person",
    "professional_phone",
    "professional_video",
    "informal_family",
    "informal_friend",
    "informal_key_person",
];
pub const PARTICIPANT_ROLE: &[&str] = &[
    "client",
    "counsellor",
    "partner",
    "family",
    "vwn",
    "coa",
    "colleague",
    "provider",
    "other",
];
/// Roles relative to the *referent*: the household member whom the others joined
/// (the Dutch family-reunification term).
pub const MEMBER_ROLE: &[&str] = &["referent", "partner", "child", "parent", "sibling", "other"];

pub const ADMINISTRATION_MODE: &[&str] = &["read_aloud", "self_completed"];
pub const ADMINISTRATION_STATUS: &[&str] = &["in_progress", "paused", "completed", "abandoned"];
/// Why a question has no value: kept apart from "not asked", which is the field's absence.
pub const ANSWER_STATE: &[&str] = &["declined", "dont_know"];
pub const ENTERED_BY: &[&str] = &["counsellor", "client"];
/// How far the question's text was checked in the language it was shown in: the
/// instrument's own wording, a translation's review status, or the instrument's own wording
/// shown because no translation existed.
pub const TEXT_STATUS: &[&str] = &[
    "original",
    "validated",
    "reviewed",
    "unreviewed",
    "untranslated",
];
pub const SEALED_FOR: &[&str] = &["ggd"];

/// Per-question fields of an administration: `answer/<concept code>` holds the current
/// answer (its earlier values stay in the record's revisions), `safety_ack/<flag id>` the
/// acknowledgement of a safety protocol.
pub const ANSWER_PREFIX: &str = "answer/";
pub const SAFETY_ACK_PREFIX: &str = "safety_ack/";

/// A concept code or flag id as used in a field name: short, and only characters that
/// cannot be confused with a path or a separator.
fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

fn shape(kind: RecordKind, field: &str) -> Option<Shape> {
    use Shape::*;
    Some(match (kind, field) {
        (RecordKind::Client, f) => match f {
            "document_given_names" | "document_family_name" | "preferred_name" => Text(200),
            "other_spellings" => Text(500),
            "date_of_birth" => PartialDate,
            "sex" => Choice(SEX),
            "country_of_origin" | "nationality" => Country,
            "languages" => Languages,
            "latin_script_literacy" => Choice(LITERACY),
            "phone" => Text(50),
            "email" => Email,
            "address" => Text(500),
            "bsn" => Bsn,
            "v_number" => VNumber,
            "koppeling_date" => Date,
            "azc_location" => Text(200),
            "target_group" => Choice(TARGET_GROUP),
            _ => return None,
        },
        (RecordKind::Household, f) => match f {
            "label" => Text(200),
            "members" => Members,
            _ => return None,
        },
        (RecordKind::Case, f) => match f {
            "client_id" => RecordId,
            "status" => Choice(CASE_STATUS),
            "counsellor" => Text(200),
            crate::handover::HANDOVER_FIELD => Handover,
            "opened_on"
            | "intake_started_on"
            | "pip_decided_on"
            | "route_started_on"
            | "term_ends_on"
            | "ontzorgen_started_on"
            | "ontzorgen_follow_up_on"
            | "ontzorgen_decided_on"
            | "ontzorgen_extended_to" => Date,
            "ontzorgen_outcome" => Choice(crate::trajectory::ONTZORGEN_OUTCOME),
            "term_extensions" => TermExtensions,
            "z_final_conversation_on" => Date,
            f if f
                .strip_prefix(crate::trajectory::Z_HOURS_PREFIX)
                .is_some_and(crate::trajectory::is_period) =>
            {
                ZHours
            }
            "duty_decision" => DutyDecision,
            f if f
                .strip_prefix(crate::trajectory::GOAL_STATUS_PREFIX)
                .is_some_and(is_code) =>
            {
                GoalStatus
            }
            "benefit_monthly_cents" | "other_income_monthly_cents" => Cents,
            f if f
                .strip_prefix(crate::money::FIXED_COST_PREFIX)
                .is_some_and(|k| crate::money::FIXED_COSTS.contains(&k)) =>
            {
                FixedCost
            }
            f if f
                .strip_prefix(crate::money::ALLOWANCE_PREFIX)
                .is_some_and(|k| crate::money::ALLOWANCES.contains(&k)) =>
            {
                Allowance
            }
            _ => return None,
        },
        (RecordKind::Conversation, f) => match f {
            "case_id" => RecordId,
            "starts_at" => DateTime,
            "place" => Choice(PLACE),
            "conversation_type" => Choice(CONVERSATION_TYPE),
            "participants" => Participants,
            "interpreter_mode" => Choice(INTERPRETER_MODE),
            "interpreter_name" => Text(200),
            "interpreter_register_number" => Text(50),
            "interpreter_is_minor" => Bool,
            "language_used" => Language,
            "notes" => Text(50_000),
            "review_for" => Date,
            f => GuideEntry(crate::guide::topic_of_field(f)?),
        },
        (RecordKind::Administration, f) => match f {
            "case_id" | "conversation_id" | "client_id" => RecordId,
            "definition_id" => Text(64),
            "definition_url" => Text(300),
            "definition_version" => Text(40),
            "definition_hash" => Text(100),
            "mode" => Choice(ADMINISTRATION_MODE),
            "language" | "interpreter_language" => Language,
            "interpreter_mode" => Choice(INTERPRETER_MODE),
            "status" => Choice(ADMINISTRATION_STATUS),
            "started_at" | "completed_at" => DateTime,
            "sealed_for" => Choice(SEALED_FOR),
            f if f.strip_prefix(ANSWER_PREFIX).is_some_and(is_code) => InstrumentAnswer,
            f if f.strip_prefix(SAFETY_ACK_PREFIX).is_some_and(is_code) => SafetyAcknowledgement,
            // What the writer of a sealed administration keeps instead of the answer.
            f if f
                .strip_prefix(crate::sealing::ANSWERED_PREFIX)
                .is_some_and(is_code) =>
            {
                Bool
            }
            _ => return None,
        },
        (RecordKind::Consent, f) => match f {
            "client_id" | "conversation_id" => RecordId,
            "text_id" => Text(64),
            "text_version" | "comprehension_answer" => Integer,
            "purpose" => Choice(crate::consent::PURPOSES),
            "recipient" => Choice(crate::consent::RECIPIENTS),
            "decision" => Choice(crate::consent::DECISIONS),
            "decided_on" => Date,
            "language_shown" | "interpreter_language" => Language,
            "interpreter_mode" => Choice(INTERPRETER_MODE),
            "interpreter_name" | "recorded_by" => Text(200),
            "comprehension_correct" => Bool,
            "recorded_at" => DateTime,
            _ => return None,
        },
        (RecordKind::Plan, f) => match f {
            "case_id" | "client_id" | "previous_id" => RecordId,
            "version" => Integer,
            "status" => Choice(crate::plan::PLAN_STATUS),
            "route" => Text(64),
            "route_change_reason" | "adjustment_reason" => Text(2_000),
            "exam_level" => Choice(crate::trajectory::EXAM_LEVEL),
            "map" => Choice(crate::plan::MODULE_CHOICE),
            "ontzorgen" => Choice(crate::plan::ONTZORGEN_CHOICE),
            "social_guidance" => Choice(crate::plan::YES_NO),
            "social_guidance_by" | "fixed_by" => Text(200),
            "map_note" | "pvt_note" | "ontzorgen_note" => Text(2_000),
            "main_goal" => Text(1_000),
            "subgoals" => Subgoals,
            "reviews" => Reviews,
            "motivering" => Text(10_000),
            "findings" => Findings,
            "explained_language" => Language,
            "fixed_on" => Date,
            "fixed_at" => DateTime,
            "signature_client" | "signature_counsellor" => Signature,
            "interpreter_attestation" => Attestation,
            "review_log" => ReviewLog,
            "approval" => Approval,
            _ => return None,
        },
    })
}

fn from_partial_date_error(e: PartialDateError) -> FieldError {
    match e {
        PartialDateError::Shape => FieldError::PartialDateShape,
        PartialDateError::NoSuchDate => FieldError::NoSuchDate,
        PartialDateError::YearOutOfRange => FieldError::YearOutOfRange,
    }
}

/// Checks a value for a field and returns the form to store (identifiers lose their
/// separators). An empty string or null clears an optional field and is always allowed.
pub fn validate_field(kind: RecordKind, field: &str, value: &Value) -> Result<Value, FieldError> {
    let shape = shape(kind, field).ok_or(FieldError::UnknownField)?;
    if value.is_null() || value.as_str() == Some("") {
        return Ok(Value::Null);
    }
    check(shape, value)
}

fn text(value: &Value) -> Result<&str, FieldError> {
    value.as_str().ok_or(FieldError::WrongType)
}

fn check(shape: Shape, value: &Value) -> Result<Value, FieldError> {
    use Shape::*;
    match shape {
        Text(max) => {
            let t = text(value)?;
            if t.chars().count() > max {
                return Err(FieldError::TooLong);
            }
            Ok(value.clone())
        }
        Email => {
            let t = text(value)?;
            if t.chars().count() > 200 {
                return Err(FieldError::TooLong);
            }
            let (local, domain) = t.trim().split_once('@').ok_or(FieldError::EmailShape)?;
            if local.is_empty() || domain.is_empty() {
                return Err(FieldError::EmailShape);
            }
            Ok(Value::String(t.trim().to_owned()))
        }
        Bsn => {
            let digits = strip_separators(text(value)?);
            if !bsn_is_valid(&digits) {
                return Err(FieldError::BsnInvalid);
            }
            Ok(Value::String(format!("{digits:0>9}")))
        }
        VNumber => {
            let digits = strip_separators(text(value)?);
            if !v_number_is_valid(&digits) {
                return Err(FieldError::VNumberInvalid);
            }
            Ok(Value::String(digits))
        }
        PartialDate => {
            let d: crate::PartialDate = text(value)?.parse().map_err(from_partial_date_error)?;
            Ok(Value::String(d.to_string()))
        }
        Date => {
            let t = text(value)?.trim();
            let d = NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| FieldError::DateShape)?;
            Ok(Value::String(d.format("%Y-%m-%d").to_string()))
        }
        DateTime => {
            let t = text(value)?.trim();
            let d =
                chrono::DateTime::parse_from_rfc3339(t).map_err(|_| FieldError::DateTimeShape)?;
            Ok(Value::String(
                d.to_utc()
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ))
        }
        Choice(options) => {
            let t = text(value)?;
            if !options.contains(&t) {
                return Err(FieldError::NotAChoice);
            }
            Ok(value.clone())
        }
        Country => {
            if !is_country(text(value)?) {
                return Err(FieldError::UnknownCountry);
            }
            Ok(value.clone())
        }
        Language => {
            if !is_language(text(value)?) {
                return Err(FieldError::UnknownLanguage);
            }
            Ok(value.clone())
        }
        Bool => value
            .as_bool()
            .map(Value::Bool)
            .ok_or(FieldError::WrongType),
        RecordId => {
            uuid::Uuid::parse_str(text(value)?).map_err(|_| FieldError::RecordId)?;
            Ok(value.clone())
        }
        Languages => list(
            value,
            &[
                ("language", Language, true),
                ("spoken", Choice(SPOKEN), false),
                ("literacy", Choice(LITERACY), false),
            ],
        ),
        Participants => list(
            value,
            &[
                ("name", Text(200), true),
                ("role", Choice(PARTICIPANT_ROLE), true),
            ],
        ),
        Members => list(
            value,
            &[
                ("client_id", RecordId, true),
                ("role", Choice(MEMBER_ROLE), true),
                ("nareiziger", Bool, false),
                ("arrived_on", Date, false),
                ("expected_on", Date, false),
            ],
        ),
        Integer => value
            .as_i64()
            .filter(|n| (-1_000_000..=1_000_000).contains(n))
            .map(Value::from)
            .ok_or(FieldError::WrongType),
        InstrumentAnswer => {
            let answer = parts(
                value,
                &[
                    ("value", Integer, false),
                    ("text", Text(2_000), false),
                    ("state", Choice(ANSWER_STATE), false),
                    ("language", Language, false),
                    ("text_status", Choice(TEXT_STATUS), false),
                    ("mode", Choice(ADMINISTRATION_MODE), true),
                    ("entered_by", Choice(ENTERED_BY), true),
                    ("at", DateTime, true),
                ],
            )?;
            // Exactly one of: a value, a text, or a reason for having neither.
            let given = ["value", "text", "state"]
                .iter()
                .filter(|k| answer.as_object().is_some_and(|o| o.contains_key(**k)))
                .count();
            if given != 1 {
                return Err(FieldError::MissingPart);
            }
            Ok(answer)
        }
        Handover => parts(
            value,
            &[
                ("from", Text(crate::handover::COUNSELLOR_MAX), false),
                ("to", Text(crate::handover::COUNSELLOR_MAX), true),
                ("by", Text(crate::handover::COUNSELLOR_MAX), true),
                ("at", DateTime, true),
                ("note", Text(crate::handover::NOTE_MAX), false),
            ],
        ),
        SafetyAcknowledgement => parts(
            value,
            &[
                ("by", Text(200), true),
                ("at", DateTime, true),
                ("note", Text(2_000), false),
            ],
        ),
        Cents => value
            .as_i64()
            .filter(|n| (0..=crate::money::MAX_CENTS).contains(n))
            .map(Value::from)
            .ok_or(FieldError::WrongType),
        GuideEntry(topic) => crate::guide::check_entry(topic, value),
        FixedCost => parts(
            value,
            &[
                ("amount_cents", Cents, false),
                ("creditor", Text(200), false),
                ("authorised_on", Date, false),
                ("direct_debit_stopped_on", Date, false),
                ("no_direct_debit", Bool, false),
                ("payment_started_on", Date, false),
                ("phase_out_on", Date, false),
                ("ended_on", Date, false),
                ("client_pays", Bool, false),
            ],
        ),
        Allowance => parts(
            value,
            &[
                ("applied_on", Date, false),
                ("received_on", Date, false),
                ("monthly_cents", Cents, false),
                ("not_applicable", Bool, false),
            ],
        ),
        Subgoals => {
            let items = value.as_array().ok_or(FieldError::WrongType)?;
            if items.len() > crate::plan::MAX_SUBGOALS {
                return Err(FieldError::TooManySubgoals);
            }
            list(
                value,
                &[
                    ("id", Code, false),
                    ("goal", Text(1_000), true),
                    ("actions", PlanActions, false),
                ],
            )
        }
        PlanActions => list(
            value,
            &[
                ("id", Code, false),
                ("party", Choice(crate::plan::ACTION_PARTY), true),
                ("partner_name", Text(200), false),
                ("action", Text(1_000), true),
                ("due_on", Date, false),
            ],
        ),
        Reviews => list(value, &[("on", Date, true), ("note", Text(500), false)]),
        Code => {
            if !is_code(text(value)?) {
                return Err(FieldError::WrongType);
            }
            Ok(value.clone())
        }
        GoalStatus => {
            let status = parts(
                value,
                &[
                    ("status", Choice(crate::trajectory::GOAL_STATUS), true),
                    ("on", Date, true),
                    ("reason", Text(500), false),
                    ("conversation_id", RecordId, false),
                ],
            )?;
            // Not reached and stopped say why.
            let needs_reason = status
                .get("status")
                .and_then(Value::as_str)
                .is_some_and(|s| crate::trajectory::GOAL_NEEDS_REASON.contains(&s));
            let has_reason = status
                .get("reason")
                .and_then(Value::as_str)
                .is_some_and(|r| !r.trim().is_empty());
            if needs_reason && !has_reason {
                return Err(FieldError::MissingPart);
            }
            Ok(status)
        }
        MonthHours => value
            .as_i64()
            .filter(|n| (0..=crate::trajectory::Z_MAX_MONTH_HOURS).contains(n))
            .map(Value::from)
            .ok_or(FieldError::WrongType),
        ZHours => {
            let hours = list(
                value,
                &[
                    ("activity", Choice(crate::trajectory::Z_ACTIVITIES), true),
                    ("planned", MonthHours, false),
                    ("attended", MonthHours, false),
                ],
            )?;
            // Each activity once a month.
            let mut seen = std::collections::BTreeSet::new();
            for h in hours.as_array().into_iter().flatten() {
                if !seen.insert(
                    h.get("activity")
                        .and_then(Value::as_str)
                        .unwrap_or_default(),
                ) {
                    return Err(FieldError::NotAChoice);
                }
            }
            Ok(hours)
        }
        TermExtensions => list(
            value,
            &[
                ("new_end", Date, true),
                ("reason", Text(2_000), true),
                ("decided_on", Date, true),
            ],
        ),
        DutyDecision => parts(
            value,
            &[
                ("kind", Choice(crate::trajectory::DUTY_DECISION_KIND), true),
                (
                    "scope",
                    Choice(crate::trajectory::DUTY_DECISION_SCOPE),
                    true,
                ),
                (
                    "grounds",
                    Choice(crate::trajectory::DUTY_DECISION_GROUNDS),
                    true,
                ),
                ("decided_on", Date, true),
                ("note", Text(2_000), false),
            ],
        ),
        Findings => list(
            value,
            &[
                ("kind", Choice(crate::plan::FINDING_KIND), true),
                ("id", RecordId, true),
            ],
        ),
        Png => {
            let t = text(value)?;
            // Base64 of the PNG signature bytes (89 50 4E 47 0D 0A 1A 0A).
            if !t.starts_with("iVBORw0KGgo")
                || !t
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
            {
                return Err(FieldError::NotAPng);
            }
            // A signature pad's PNG is some tens of kilobytes; refuse anything absurd.
            if t.len() > 2_000_000 {
                return Err(FieldError::TooLong);
            }
            Ok(value.clone())
        }
        Signature => parts(
            value,
            &[
                ("png", Png, true),
                ("name", Text(200), true),
                ("signed_at", DateTime, true),
            ],
        ),
        Attestation => parts(
            value,
            &[
                ("name", Text(200), true),
                ("language", Language, true),
                ("at", DateTime, true),
            ],
        ),
        ReviewLog => list(
            value,
            &[
                ("action", Choice(crate::review::REVIEW_ACTIONS), true),
                ("by", Text(200), true),
                ("device", Text(256), false),
                ("at", DateTime, true),
                ("comment", Text(4_000), false),
            ],
        ),
        Approval => parts(
            value,
            &[
                ("by", Text(200), true),
                ("device_id", Text(256), true),
                ("at", DateTime, true),
                ("digest", Text(64), true),
                ("signature", Text(128), true),
            ],
        ),
    }
}

/// A list of objects, each with the given parts (name, shape, required). Unknown parts
/// are refused so that nothing unvalidated slips into the store.
fn list(value: &Value, parts: &[(&str, Shape, bool)]) -> Result<Value, FieldError> {
    let items = value.as_array().ok_or(FieldError::WrongType)?;
    if items.len() > 50 {
        return Err(FieldError::TooLong);
    }
    let out = items
        .iter()
        .map(|item| self::parts(item, parts))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Value::Array(out))
}

/// One object with the given parts (name, shape, required); unknown parts are refused.
fn parts(value: &Value, parts: &[(&str, Shape, bool)]) -> Result<Value, FieldError> {
    let obj = value.as_object().ok_or(FieldError::WrongType)?;
    if obj
        .keys()
        .any(|k| !parts.iter().any(|(name, _, _)| name == k))
    {
        return Err(FieldError::UnknownField);
    }
    let mut clean = serde_json::Map::new();
    for (name, shape, required) in parts {
        match obj.get(*name) {
            None | Some(Value::Null) => {
                if *required {
                    return Err(FieldError::MissingPart);
                }
            }
            Some(Value::String(s)) if s.is_empty() => {
                if *required {
                    return Err(FieldError::MissingPart);
                }
            }
            Some(v) => {
                clean.insert((*name).to_owned(), check(*shape, v)?);
            }
        }
    }
    Ok(Value::Object(clean))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn client(field: &str, v: Value) -> Result<Value, FieldError> {
        validate_field(RecordKind::Client, field, &v)
    }

    fn administration(field: &str, v: Value) -> Result<Value, FieldError> {
        validate_field(RecordKind::Administration, field, &v)
    }

    #[test]
    fn an_answer_is_a_value_a_text_or_a_reason_for_neither() {
        let at = "2026-11-22T10:00:00Z";
        let ok = json!({"value": 2, "mode": "read_aloud", "entered_by": "counsellor", "at": at, "language": "ti"});
        assert_eq!(administration("answer/44250-9", ok.clone()).unwrap(), ok);
        let with_status = json!({"value": 2, "mode": "self_completed", "entered_by": "client", "at": at, "language": "ti", "text_status": "unreviewed"});
        assert!(administration("answer/44250-9", with_status).is_ok());
        let claimed = json!({"value": 2, "mode": "self_completed", "entered_by": "client", "at": at, "language": "ti", "text_status": "certified"});
        assert_eq!(
            administration("answer/44250-9", claimed),
            Err(FieldError::NotAChoice)
        );
        let declined = json!({"state": "declined", "mode": "self_completed", "entered_by": "client", "at": at});
        assert!(administration("answer/k10.nervous", declined).is_ok());
        let both = json!({"value": 1, "state": "dont_know", "mode": "read_aloud", "entered_by": "client", "at": at});
        assert_eq!(
            administration("answer/x", both),
            Err(FieldError::MissingPart)
        );
        let neither = json!({"mode": "read_aloud", "entered_by": "client", "at": at});
        assert_eq!(
            administration("answer/x", neither),
            Err(FieldError::MissingPart)
        );
        let who = json!({"value": 1, "mode": "read_aloud", "entered_by": "neighbour", "at": at});
        assert_eq!(administration("answer/x", who), Err(FieldError::NotAChoice));
        let extra =
            json!({"value": 1, "mode": "read_aloud", "entered_by": "client", "at": at, "score": 3});
        assert_eq!(
            administration("answer/x", extra),
            Err(FieldError::UnknownField)
        );
        // A concept code never carries path separators or spaces.
        let fine = json!({"value": 1, "mode": "read_aloud", "entered_by": "client", "at": at});
        assert_eq!(
            administration("answer/a b", fine.clone()),
            Err(FieldError::UnknownField)
        );
        assert_eq!(
            administration("answer/", fine),
            Err(FieldError::UnknownField)
        );
        // Clearing an answer means "not asked".
        assert_eq!(
            administration("answer/x", Value::Null).unwrap(),
            Value::Null
        );
    }

    #[test]
    fn a_safety_acknowledgement_needs_who_and_when() {
        let ok = json!({"by": "A. de Vries", "at": "2026-11-22T10:00:00Z"});
        assert!(administration("safety_ack/phq9.item9", ok).is_ok());
        let anonymous = json!({"at": "2026-11-22T10:00:00Z"});
        assert_eq!(
            administration("safety_ack/phq9.item9", anonymous),
            Err(FieldError::MissingPart)
        );
    }

    #[test]
    fn bsn_is_normalised_or_refused_without_echoing_it() {
        assert_eq!(
            client("bsn", json!("1112.22.333")).unwrap(),
            json!("111222333")
        );
        assert_eq!(
            client("bsn", json!("111222334")),
            Err(FieldError::BsnInvalid)
        );
        assert_eq!(client("bsn", json!("")).unwrap(), Value::Null);
        assert!(!FieldError::BsnInvalid.to_string().contains("111"));
    }

    #[test]
    fn year_only_date_of_birth_is_allowed() {
        assert_eq!(
            client("date_of_birth", json!("1984")).unwrap(),
            json!("1984")
        );
        assert_eq!(
            client("date_of_birth", json!("1984-02-30")),
            Err(FieldError::NoSuchDate)
        );
    }

    #[test]
    fn unknown_fields_and_choices_are_refused() {
        assert_eq!(
            client("favourite_colour", json!("x")),
            Err(FieldError::UnknownField)
        );
        assert_eq!(client("sex", json!("other")), Err(FieldError::NotAChoice));
        assert_eq!(
            client("country_of_origin", json!("ZZ")),
            Err(FieldError::UnknownCountry)
        );
        assert_eq!(
            client("preferred_name", json!(12)),
            Err(FieldError::WrongType)
        );
    }

    #[test]
    fn languages_with_literacy_per_language() {
        let ok = client(
            "languages",
            json!([{"language": "ti", "spoken": "native", "literacy": "literate"}, {"language": "ar", "spoken": "basic"}]),
        )
        .unwrap();
        assert_eq!(ok.as_array().unwrap().len(), 2);
        assert_eq!(
            client("languages", json!([{"spoken": "native"}])),
            Err(FieldError::MissingPart)
        );
        assert_eq!(
            client("languages", json!([{"language": "xx"}])),
            Err(FieldError::UnknownLanguage)
        );
        assert_eq!(
            client("languages", json!([{"language": "ar", "extra": 1}])),
            Err(FieldError::UnknownField)
        );
    }

    #[test]
    fn conversation_time_is_stored_as_utc() {
        let v = validate_field(
            RecordKind::Conversation,
            "starts_at",
            &json!("2026-03-02T10:30:00+01:00"),
        )
        .unwrap();
        assert_eq!(v, json!("2026-03-02T09:30:00Z"));
        assert_eq!(
            validate_field(RecordKind::Conversation, "starts_at", &json!("tomorrow")),
            Err(FieldError::DateTimeShape)
        );
    }

    #[test]
    fn household_members_need_a_client_and_role() {
        let id = uuid::Uuid::now_v7().to_string();
        assert!(validate_field(
            RecordKind::Household,
            "members",
            &json!([{"client_id": id, "role": "partner", "nareiziger": true}])
        )
        .is_ok());
        assert_eq!(
            validate_field(
                RecordKind::Household,
                "members",
                &json!([{"client_id": "nope", "role": "partner"}])
            ),
            Err(FieldError::RecordId)
        );
    }

    #[test]
    fn guide_entries_and_money_fields_are_checked() {
        let conv = |f: &str, v: Value| validate_field(RecordKind::Conversation, f, &v);
        assert!(conv("guide/housing", json!({"status": "covered"})).is_ok());
        assert_eq!(
            conv("guide/astrology", json!({"status": "covered"})),
            Err(FieldError::UnknownField)
        );
        assert_eq!(
            conv("guide/learnability", json!({"status": "not_applicable"})),
            Err(FieldError::MissingPart)
        );
        let case = |f: &str, v: Value| validate_field(RecordKind::Case, f, &v);
        assert!(case(
            "fixed_cost/rent",
            json!({"amount_cents": 61250, "authorised_on": "2026-03-02"})
        )
        .is_ok());
        assert_eq!(
            case("fixed_cost/rent", json!({"amount_cents": 12.5})),
            Err(FieldError::WrongType)
        );
        assert_eq!(
            case("fixed_cost/rent", json!({"amount_cents": -1})),
            Err(FieldError::WrongType)
        );
        assert_eq!(
            case("fixed_cost/yacht", json!({})),
            Err(FieldError::UnknownField)
        );
        assert!(case(
            "allowance/zorgtoeslag",
            json!({"applied_on": "2026-03-02", "monthly_cents": 12300})
        )
        .is_ok());
        assert_eq!(
            case("allowance/zorgtoeslag", json!({"applied_on": "2 maart"})),
            Err(FieldError::DateShape)
        );
        assert!(case("benefit_monthly_cents", json!(128533)).is_ok());
        assert_eq!(
            case("benefit_monthly_cents", json!(10_000_001)),
            Err(FieldError::WrongType)
        );
    }

    #[test]
    fn goal_statuses_extensions_and_duty_decisions_are_checked() {
        let case = |f: &str, v: Value| validate_field(RecordKind::Case, f, &v);
        let reached = json!({"status": "reached", "on": "2026-05-01"});
        assert!(case("goal_status/werk-1", reached.clone()).is_ok());
        // A field name that is no code is no field.
        assert_eq!(
            case("goal_status/../x", reached.clone()),
            Err(FieldError::UnknownField)
        );
        assert_eq!(
            case(
                "goal_status/x",
                json!({"status": "stopped", "on": "2026-05-01"})
            ),
            Err(FieldError::MissingPart)
        );
        assert!(case(
            "goal_status/x",
            json!({"status": "stopped", "on": "2026-05-01", "reason": "verhuisd"})
        )
        .is_ok());
        assert_eq!(
            case(
                "goal_status/x",
                json!({"status": "done", "on": "2026-05-01"})
            ),
            Err(FieldError::NotAChoice)
        );
        assert_eq!(
            case(
                "term_extensions",
                json!([{"new_end": "2029-06-01", "decided_on": "2028-10-01"}])
            ),
            Err(FieldError::MissingPart)
        );
        assert!(case(
            "term_extensions",
            json!([{"new_end": "2029-06-01", "reason": "ziekte", "decided_on": "2028-10-01"}])
        )
        .is_ok());
        assert!(case(
            "duty_decision",
            json!({"kind": "ontheffing", "scope": "whole", "grounds": "medical", "decided_on": "2026-05-01"})
        )
        .is_ok());
        assert_eq!(
            case(
                "duty_decision",
                json!({"kind": "ontheffing", "scope": "whole", "grounds": "luck", "decided_on": "2026-05-01"})
            ),
            Err(FieldError::NotAChoice)
        );
        assert!(
            validate_field(RecordKind::Conversation, "review_for", &json!("2026-04-01")).is_ok()
        );
        let month = json!([{"activity": "language_knm", "planned": 60, "attended": 52}]);
        assert!(case("z_hours/2026-03", month.clone()).is_ok());
        assert_eq!(case("z_hours/2026-3", month), Err(FieldError::UnknownField));
        assert_eq!(
            case(
                "z_hours/2026-03",
                json!([{"activity": "language_knm", "attended": 745}])
            ),
            Err(FieldError::WrongType)
        );
        assert_eq!(
            case(
                "z_hours/2026-03",
                json!([{"activity": "participation"}, {"activity": "participation"}])
            ),
            Err(FieldError::NotAChoice)
        );
        let goals = json!([{"id": "a b", "goal": "x"}]);
        assert_eq!(
            validate_field(RecordKind::Plan, "subgoals", &goals),
            Err(FieldError::WrongType)
        );
    }

    #[test]
    fn text_length_limits() {
        assert_eq!(
            client("phone", json!("0".repeat(51))),
            Err(FieldError::TooLong)
        );
        assert!(validate_field(
            RecordKind::Conversation,
            "notes",
            &json!("x".repeat(10_000))
        )
        .is_ok());
    }
}
