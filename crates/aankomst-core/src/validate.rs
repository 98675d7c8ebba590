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
            "opened_on" | "intake_started_on" | "pip_decided_on" | "route_started_on"
            | "term_ends_on" => Date,
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
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let obj = item.as_object().ok_or(FieldError::WrongType)?;
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
        out.push(Value::Object(clean));
    }
    Ok(Value::Array(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn client(field: &str, v: Value) -> Result<Value, FieldError> {
        validate_field(RecordKind::Client, field, &v)
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
