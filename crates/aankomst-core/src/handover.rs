//! Handover of a case from one counsellor to another (a counsellor leaves, is ill, or the
//! caseload is rebalanced).
//!
//! A handover is **one revision of the case** that sets two fields together: `counsellor` (the
//! new counsellor) and `handover` (who handed over, from whom, to whom, when, and the note).
//! It syncs like every other revision, so the new counsellor's device has the case with the
//! note after its next sync, and the history stays with the case: it is read back from the
//! case's own revisions ([`handover_history`]), never kept anywhere else. Two handovers of one
//! case written on two devices at once become a conflict on `counsellor`, which a person
//! settles like any other.
//!
//! # Who a counsellor is
//!
//! A counsellor is named by the **name of their profile** (the name they typed when creating
//! it), which is what `Case.counsellor` has always held: the app writes it when a case is
//! opened. Names are compared trimmed and without regard to case ([`same_counsellor`]). A
//! counsellor who moves to a new laptop creates their profile there with the same name and
//! sees their cases again; two counsellors of one team must not share a name. Device ids are
//! not used: one counsellor may have several devices over time, and a device is revoked when
//! lost while the counsellor and their cases stay.

use crate::records::Case;
use crate::revision::{Fields, Revision};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

/// The case field holding the latest handover (its history is the case's revisions).
pub const HANDOVER_FIELD: &str = "handover";
/// Longest counsellor name.
pub const COUNSELLOR_MAX: usize = 200;
/// Longest handover note.
pub const NOTE_MAX: usize = 4_000;

/// One handover as stored in the case's `handover` field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Handover {
    /// The counsellor the case was assigned to before (none if it had none).
    pub from: Option<String>,
    /// The counsellor it is assigned to now.
    pub to: String,
    /// Who handed it over (a supervisor, or the counsellor themselves).
    pub by: String,
    /// UTC, RFC 3339.
    pub at: String,
    /// What the new counsellor should know.
    pub note: Option<String>,
}

/// Why a handover cannot be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HandoverError {
    /// No counsellor to hand over to.
    #[error("no counsellor to hand over to")]
    NoCounsellor,
    /// A name or the note is too long (or holds control characters other than line breaks
    /// in the note).
    #[error("a name or the note is too long or holds control characters")]
    TooLong,
    /// The case is already assigned to that counsellor.
    #[error("the case is already assigned to that counsellor")]
    SameCounsellor,
}

/// Whether two counsellor names name the same person: trimmed, case-insensitive.
pub fn same_counsellor(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn clean_name(name: &str) -> Result<String, HandoverError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(HandoverError::NoCounsellor);
    }
    if name.chars().count() > COUNSELLOR_MAX || name.chars().any(char::is_control) {
        return Err(HandoverError::TooLong);
    }
    Ok(name.to_owned())
}

/// The fields of the one revision that hands `case` over to `to`, by `by`, at `at`, with
/// `note` (blank is none). Refused if `to` is blank or already the case's counsellor.
pub fn handover_fields(
    case: &Case,
    to: &str,
    note: &str,
    by: &str,
    at: DateTime<Utc>,
) -> Result<Fields, HandoverError> {
    let to = clean_name(to)?;
    let by = clean_name(by)?;
    let from = case
        .counsellor
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    if from.as_deref().is_some_and(|f| same_counsellor(f, &to)) {
        return Err(HandoverError::SameCounsellor);
    }
    let note = note.trim();
    if note.chars().count() > NOTE_MAX
        || note
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(HandoverError::TooLong);
    }
    let handover = Handover {
        from,
        to: to.clone(),
        by,
        at: at.to_rfc3339_opts(SecondsFormat::Secs, true),
        note: (!note.is_empty()).then(|| note.to_owned()),
    };
    let mut fields = Fields::new();
    fields.insert("counsellor".into(), json!(to));
    fields.insert(
        HANDOVER_FIELD.into(),
        serde_json::to_value(&handover).expect("a handover serialises"),
    );
    Ok(fields)
}

/// Whether a case counts among a counsellor's cases for "hand over all": assigned to them and
/// not closed (a closed case keeps the counsellor who closed it).
pub fn is_open_case_of(case: &Case, counsellor: &str) -> bool {
    case.counsellor
        .as_deref()
        .is_some_and(|c| same_counsellor(c, counsellor))
        && case.status.as_deref() != Some("closed")
}

/// One handover in a case's history, with the device that wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HandoverEntry {
    #[serde(flatten)]
    #[ts(flatten)]
    pub handover: Handover,
    /// The device that wrote the handover revision.
    pub device: String,
}

/// A case's handovers, oldest first, read from its revisions (any order): every revision that
/// sets the `handover` field. Revisions are ordered by their clock, so the history is the
/// same on every device.
pub fn handover_history(revisions: &[Revision]) -> Vec<HandoverEntry> {
    let mut found: Vec<(&Revision, Handover)> = revisions
        .iter()
        .filter_map(|r| {
            let value = r.fields.get(HANDOVER_FIELD)?;
            let handover: Handover = serde_json::from_value(value.clone()).ok()?;
            (!handover.to.is_empty()).then_some((r, handover))
        })
        .collect();
    found.sort_by(|a, b| a.0.hlc.cmp(&b.0.hlc).then(a.0.rev_id.cmp(&b.0.rev_id)));
    found
        .into_iter()
        .map(|(r, handover)| HandoverEntry {
            handover,
            device: r.author_device.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hlc::Hlc;
    use crate::revision::RecordKind;
    use uuid::Uuid;

    fn at() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-02T09:30:00Z")
            .unwrap()
            .to_utc()
    }

    fn case_of(counsellor: Option<&str>) -> Case {
        Case {
            counsellor: counsellor.map(str::to_owned),
            status: Some("pip".into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_handover_sets_the_counsellor_and_records_from_to_by_when_and_the_note() {
        let f = handover_fields(
            &case_of(Some("Anna")),
            "  Bram ",
            " Client prefers mornings.\nInterpreter: Tigrinya. ",
            "Sanne (supervisor)",
            at(),
        )
        .unwrap();
        assert_eq!(f["counsellor"], "Bram");
        let h: Handover = serde_json::from_value(f[HANDOVER_FIELD].clone()).unwrap();
        assert_eq!(
            h,
            Handover {
                from: Some("Anna".into()),
                to: "Bram".into(),
                by: "Sanne (supervisor)".into(),
                at: "2026-03-02T09:30:00Z".into(),
                note: Some("Client prefers mornings.\nInterpreter: Tigrinya.".into()),
            }
        );
        // The stored form passes the store's validation of case fields.
        for (name, value) in &f {
            crate::validate::validate_field(RecordKind::Case, name, value).unwrap();
        }
    }

    #[test]
    fn refusals() {
        let c = case_of(Some("Anna"));
        assert_eq!(
            handover_fields(&c, "  ", "", "S", at()),
            Err(HandoverError::NoCounsellor)
        );
        assert_eq!(
            handover_fields(&c, " anna ", "", "S", at()),
            Err(HandoverError::SameCounsellor)
        );
        assert_eq!(
            handover_fields(&c, "Bram", &"x".repeat(NOTE_MAX + 1), "S", at()),
            Err(HandoverError::TooLong)
        );
        assert_eq!(
            handover_fields(&c, "Br\u{7}am", "", "S", at()),
            Err(HandoverError::TooLong)
        );
        // A case without a counsellor can be handed to one; blank note is none.
        let f = handover_fields(&case_of(None), "Bram", "  ", "S", at()).unwrap();
        let h: Handover = serde_json::from_value(f[HANDOVER_FIELD].clone()).unwrap();
        assert_eq!(h.from, None);
        assert_eq!(h.note, None);
    }

    #[test]
    fn open_cases_of_a_counsellor() {
        assert!(is_open_case_of(&case_of(Some(" ANNA")), "anna"));
        assert!(!is_open_case_of(&case_of(Some("Bram")), "anna"));
        assert!(!is_open_case_of(&case_of(None), "anna"));
        let mut closed = case_of(Some("Anna"));
        closed.status = Some("closed".into());
        assert!(!is_open_case_of(&closed, "Anna"));
    }

    fn rev(wall_ms: u64, device: &str, fields: Fields) -> Revision {
        Revision {
            rev_id: Uuid::now_v7(),
            record_id: Uuid::nil(),
            kind: RecordKind::Case,
            parents: Vec::new(),
            author_user: "u".into(),
            author_device: device.into(),
            hlc: Hlc {
                wall_ms,
                counter: 0,
                node: device.into(),
            },
            fields,
        }
    }

    #[test]
    fn the_history_is_every_handover_revision_in_clock_order() {
        let first = handover_fields(&case_of(Some("Anna")), "Bram", "one", "S", at()).unwrap();
        let second = handover_fields(&case_of(Some("Bram")), "Chris", "two", "S", at()).unwrap();
        let mut other = Fields::new();
        other.insert("status".into(), json!("route"));
        let revisions = vec![
            rev(30, "dev-b", second),
            rev(10, "dev-a", Fields::new()),
            rev(20, "dev-s", first),
            rev(40, "dev-b", other),
        ];
        let history = handover_history(&revisions);
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].handover.to, "Bram");
        assert_eq!(history[0].handover.note.as_deref(), Some("one"));
        assert_eq!(history[0].device, "dev-s");
        assert_eq!(history[1].handover.from.as_deref(), Some("Bram"));
        assert_eq!(history[1].handover.to, "Chris");
    }
}
