//! Review of a PIP version by a supervisor (issue 6, item 2).
//!
//! A version moves through these statuses:
//!
//! ```text
//! draft ──submit──▶ in_review ──approve──▶ approved ──fix──▶ fixed
//!   ▲                  │                      │
//!   └──── returned ◀───┘ return (comment)     └──revise──▶ superseded (+ a new draft version)
//!   (editable, submit again)
//! ```
//!
//! * Only `draft` and `returned` versions are edited in place. A version `in_review`,
//!   `approved`, `fixed` or `superseded` refuses every edit with a typed error; a change
//!   to an approved version is a new version (a copy), and the approved one is marked
//!   `superseded` so its approval stays in the history.
//! * Only a supervisor's device approves or returns; returning needs a comment.
//! * **Vaststelling requires approval on a device enrolled in a team** (a team has a
//!   supervisor to approve). A device that was never enrolled works alone: nobody could
//!   approve, so it may still fix a complete draft directly as before. Either way a version
//!   `in_review` or `returned` cannot be fixed. See [`crate::plan::check_fixing`].
//! * The approval is signed by the supervisor's device key over [`approval_message`]: the
//!   version's id, case, client, version number and every content field, the moment and
//!   the supervisor. A field changed after the approval (arriving by sync, say) no longer
//!   matches the recorded digest, and the plan view shows the approval as changed.
//!
//! The review history (submitted, approved, returned with the supervisor's comment) is
//! kept with the version in its `review_log` field; earlier values stay in the revisions.

use crate::plan::{missing_for_fixing, Plan, PlanRuleError};
use crate::Fields;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// What happened to a version in review.
pub const REVIEW_ACTIONS: &[&str] = &["submitted", "approved", "returned"];

/// The label the approval message starts with (length-prefixed, like the other signed
/// formats of the workspace), so a device signature over it can never be mistaken for an
/// envelope, a request or a grant.
pub const APPROVAL_LABEL: &str = "aankomst-plan-approval-v1";

/// The fields an approval covers besides the version's identity: everything the plan says.
/// Signatures, the attestation and the vaststelling come after the approval and are not
/// part of it.
pub const SIGNED_FIELDS: &[&str] = &[
    "previous_id",
    "route",
    "route_change_reason",
    "map",
    "map_note",
    "pvt_note",
    "ontzorgen",
    "ontzorgen_note",
    "social_guidance",
    "social_guidance_by",
    "main_goal",
    "subgoals",
    "reviews",
    "motivering",
    "findings",
    "explained_language",
];

/// Content fields added later (issue 19). An approval covers them only when they are set, so
/// that the message of a version approved before they existed stays the same.
pub const SIGNED_IF_SET: &[&str] = &["exam_level", "adjustment_reason"];

/// One step of a version's review: who, when, what, and the supervisor's comment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ReviewEvent {
    /// `submitted`, `approved` or `returned`.
    pub action: String,
    pub by: String,
    /// The device it was done on.
    pub device: Option<String>,
    pub at: String,
    pub comment: Option<String>,
}

/// The supervisor's signed approval of a version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Approval {
    /// The supervisor's name.
    pub by: String,
    /// The device whose key signed.
    pub device_id: String,
    /// When, RFC 3339.
    pub at: String,
    /// SHA-256 (hex) of the [`approval_message`] that was signed.
    pub digest: String,
    /// Ed25519 over the approval message, base64url.
    pub signature: String,
}

fn status(plan: &Plan) -> &str {
    plan.status.as_deref().unwrap_or("draft")
}

/// Whether the version may be edited in place: only a draft or a returned version.
pub fn check_edit(plan: &Plan) -> Result<(), PlanRuleError> {
    match status(plan) {
        "draft" | "returned" => Ok(()),
        "in_review" => Err(PlanRuleError::InReview),
        "approved" => Err(PlanRuleError::Approved),
        "superseded" => Err(PlanRuleError::Superseded),
        _ => Err(PlanRuleError::AlreadyFixed),
    }
}

/// Whether a counsellor may submit the version for review: a draft or a returned version,
/// complete enough to be fixed.
pub fn check_submit(plan: &Plan) -> Result<(), PlanRuleError> {
    match status(plan) {
        "draft" | "returned" => {}
        _ => return Err(PlanRuleError::NotSubmittable),
    }
    if !missing_for_fixing(plan).is_empty() {
        return Err(PlanRuleError::Incomplete);
    }
    Ok(())
}

/// Whether this device may approve the version: a supervisor's device, a version in review.
pub fn check_approve(plan: &Plan, supervisor: bool) -> Result<(), PlanRuleError> {
    if !supervisor {
        return Err(PlanRuleError::NotSupervisor);
    }
    if status(plan) != "in_review" {
        return Err(PlanRuleError::NotInReview);
    }
    Ok(())
}

/// Whether this device may return the version with `comment`: as approving, and the
/// comment says what to change.
pub fn check_return(plan: &Plan, supervisor: bool, comment: &str) -> Result<(), PlanRuleError> {
    check_approve(plan, supervisor)?;
    if comment.trim().is_empty() {
        return Err(PlanRuleError::CommentMissing);
    }
    Ok(())
}

/// Whether a new version may be made from this one now: an approved version (not yet
/// fixed) is changed only through a new version. (A fixed one gets its new version from
/// the usual draft flow.)
pub fn check_revise(plan: &Plan) -> Result<(), PlanRuleError> {
    if status(plan) == "approved" {
        Ok(())
    } else {
        Err(PlanRuleError::NotApproved)
    }
}

/// Whether the status allows the vaststelling. With a team (`review_required`) only an
/// approved version; alone, a draft too.
pub fn check_fixable_status(plan: &Plan, review_required: bool) -> Result<(), PlanRuleError> {
    match status(plan) {
        "approved" => Ok(()),
        "draft" if !review_required => Ok(()),
        "draft" | "returned" => Err(PlanRuleError::ReviewRequired),
        "in_review" => Err(PlanRuleError::InReview),
        "superseded" => Err(PlanRuleError::Superseded),
        _ => Err(PlanRuleError::AlreadyFixed),
    }
}

/// JSON with object keys sorted at every depth and no whitespace: the same value gives the
/// same bytes on every device, whatever order its fields were stored or synced in.
pub use crate::canonical::canonical_json;

/// A field as the approval sees it: absent, null and "" are all "not filled in".
fn content(fields: &Fields, name: &str) -> Value {
    match fields.get(name) {
        None | Some(Value::Null) => Value::Null,
        Some(Value::String(s)) if s.is_empty() => Value::Null,
        Some(v) => v.clone(),
    }
}

/// The bytes a supervisor's device signs to approve version `plan_id` whose fields are
/// `fields`: the label (length-prefixed), then canonical JSON of the version's id, case,
/// client and version number, every [`SIGNED_FIELDS`] value, the moment and the supervisor
/// (name and device).
pub fn approval_message(
    plan_id: &str,
    fields: &Fields,
    by: &str,
    device_id: &str,
    at: &str,
) -> Vec<u8> {
    let mut body = serde_json::Map::new();
    for name in SIGNED_FIELDS {
        body.insert((*name).to_owned(), content(fields, name));
    }
    for name in SIGNED_IF_SET {
        let value = content(fields, name);
        if !value.is_null() {
            body.insert((*name).to_owned(), value);
        }
    }
    let statement = serde_json::json!({
        "plan_id": plan_id,
        "case_id": content(fields, "case_id"),
        "client_id": content(fields, "client_id"),
        "version": content(fields, "version"),
        "content": Value::Object(body),
        "approved_at": at,
        "approved_by": by,
        "device_id": device_id,
    });
    let mut out = Vec::new();
    out.extend_from_slice(&(APPROVAL_LABEL.len() as u32).to_be_bytes());
    out.extend_from_slice(APPROVAL_LABEL.as_bytes());
    out.extend_from_slice(canonical_json(&statement).as_bytes());
    out
}

/// SHA-256 of a message, lowercase hex.
pub fn digest_hex(message: &[u8]) -> String {
    Sha256::digest(message)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The message an approval should have signed given the version's fields now, and whether
/// it is still the one recorded (`false`: something the approval covers changed since).
pub fn approval_still_matches(
    plan_id: &str,
    fields: &Fields,
    approval: &Approval,
) -> (Vec<u8>, bool) {
    let message = approval_message(
        plan_id,
        fields,
        &approval.by,
        &approval.device_id,
        &approval.at,
    );
    let matches = digest_hex(&message) == approval.digest;
    (message, matches)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{check_fixing, PlannedReview};
    use crate::validate::{validate_field, FieldError};
    use crate::RecordKind;
    use chrono::NaiveDate;
    use serde_json::json;

    /// An approval covers everything the plan says: a field added to `Plan` must be signed,
    /// or be named here as something that comes with or after the approval.
    #[test]
    fn an_approval_covers_the_level_only_once_it_is_set() {
        let fields: Fields = serde_json::json!({"route": "b1", "main_goal": "Werk"})
            .as_object()
            .unwrap()
            .clone();
        let before = approval_message("p", &fields, "S", "d", "2026-01-01T00:00:00Z");
        let mut with_null = fields.clone();
        with_null.insert("exam_level".into(), Value::Null);
        assert_eq!(
            approval_message("p", &with_null, "S", "d", "2026-01-01T00:00:00Z"),
            before
        );
        let mut lowered = fields.clone();
        lowered.insert("exam_level".into(), Value::from("a2"));
        assert_ne!(
            approval_message("p", &lowered, "S", "d", "2026-01-01T00:00:00Z"),
            before
        );
    }

    #[test]
    fn every_plan_field_is_signed_or_named_as_outside_the_approval() {
        const OUTSIDE: &[&str] = &[
            // The version's identity, signed on their own in the approval message.
            "case_id",
            "client_id",
            "version",
            // The review itself and what follows the approval.
            "status",
            "review_log",
            "approval",
            "fixed_on",
            "fixed_by",
            "fixed_at",
            "signature_client",
            "signature_counsellor",
            "interpreter_attestation",
        ];
        let plan = serde_json::to_value(crate::plan::Plan::default()).unwrap();
        let fields: Vec<&str> = plan
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let signed = |f: &str| SIGNED_FIELDS.contains(&f) || SIGNED_IF_SET.contains(&f);
        for field in &fields {
            assert!(
                signed(field) != OUTSIDE.contains(field),
                "{field}: signed or outside the approval, exactly one of the two"
            );
        }
        for name in SIGNED_FIELDS.iter().chain(SIGNED_IF_SET).chain(OUTSIDE) {
            assert!(fields.contains(name), "{name} is not a plan field");
        }
        // What a new version copies is content, so it is signed.
        for name in crate::plan::COPIED_FIELDS {
            assert!(signed(name), "{name} is copied but not signed");
        }
    }

    fn with_status(s: &str) -> Plan {
        Plan {
            status: Some(s.into()),
            route: Some("b1".into()),
            main_goal: Some("Werk in de zorg".into()),
            motivering: Some("Leerbaarheidstoets: gemiddeld".into()),
            reviews: vec![PlannedReview {
                on: "2026-09-01".into(),
                note: None,
            }],
            ..Default::default()
        }
    }

    const ALL: &[&str] = &[
        "draft",
        "in_review",
        "returned",
        "approved",
        "fixed",
        "superseded",
    ];

    #[test]
    fn only_a_draft_or_a_returned_version_is_edited_in_place() {
        let got: Vec<_> = ALL
            .iter()
            .map(|s| check_edit(&with_status(s)).err())
            .collect();
        assert_eq!(
            got,
            vec![
                None,
                Some(PlanRuleError::InReview),
                None,
                Some(PlanRuleError::Approved),
                Some(PlanRuleError::AlreadyFixed),
                Some(PlanRuleError::Superseded),
            ]
        );
        // A version without a status is an old draft.
        assert_eq!(check_edit(&Plan::default()), Ok(()));
    }

    #[test]
    fn a_complete_draft_or_returned_version_is_submitted() {
        for s in ALL {
            let expected = match *s {
                "draft" | "returned" => Ok(()),
                _ => Err(PlanRuleError::NotSubmittable),
            };
            assert_eq!(check_submit(&with_status(s)), expected, "{s}");
        }
        let mut incomplete = with_status("draft");
        incomplete.main_goal = None;
        assert_eq!(check_submit(&incomplete), Err(PlanRuleError::Incomplete));
    }

    #[test]
    fn only_a_supervisor_approves_or_returns_and_only_a_version_in_review() {
        let in_review = with_status("in_review");
        assert_eq!(
            check_approve(&in_review, false),
            Err(PlanRuleError::NotSupervisor)
        );
        assert_eq!(check_approve(&in_review, true), Ok(()));
        assert_eq!(
            check_return(&in_review, false, "Meer subdoelen"),
            Err(PlanRuleError::NotSupervisor)
        );
        assert_eq!(
            check_return(&in_review, true, "  "),
            Err(PlanRuleError::CommentMissing)
        );
        assert_eq!(check_return(&in_review, true, "Meer subdoelen"), Ok(()));
        for s in ALL.iter().filter(|s| **s != "in_review") {
            assert_eq!(
                check_approve(&with_status(s), true),
                Err(PlanRuleError::NotInReview),
                "{s}"
            );
            assert_eq!(
                check_return(&with_status(s), true, "x"),
                Err(PlanRuleError::NotInReview),
                "{s}"
            );
        }
    }

    #[test]
    fn only_an_approved_version_is_revised_into_a_new_one() {
        for s in ALL {
            let expected = if *s == "approved" {
                Ok(())
            } else {
                Err(PlanRuleError::NotApproved)
            };
            assert_eq!(check_revise(&with_status(s)), expected, "{s}");
        }
    }

    #[test]
    fn in_a_team_the_vaststelling_needs_the_approval_alone_a_draft_will_do() {
        let d = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let terms = crate::deadlines::Terms::default();
        let fix =
            |s: &str, team: bool| check_fixing(&with_status(s), &[], None, d, d, &terms, team);
        assert_eq!(fix("approved", true), Ok(()));
        assert_eq!(fix("approved", false), Ok(()));
        assert_eq!(fix("draft", false), Ok(()));
        assert_eq!(fix("draft", true), Err(PlanRuleError::ReviewRequired));
        assert_eq!(fix("returned", true), Err(PlanRuleError::ReviewRequired));
        assert_eq!(fix("returned", false), Err(PlanRuleError::ReviewRequired));
        assert_eq!(fix("in_review", false), Err(PlanRuleError::InReview));
        assert_eq!(fix("in_review", true), Err(PlanRuleError::InReview));
        assert_eq!(fix("fixed", true), Err(PlanRuleError::AlreadyFixed));
        assert_eq!(fix("superseded", true), Err(PlanRuleError::Superseded));
    }

    fn fields() -> Fields {
        let Value::Object(map) = json!({
            "case_id": "0190f2a4-0000-7000-8000-000000000001",
            "client_id": "0190f2a4-0000-7000-8000-000000000002",
            "version": 1,
            "status": "in_review",
            "route": "b1",
            "main_goal": "Werk in de zorg",
            "motivering": "Leerbaarheidstoets: gemiddeld",
            "reviews": [{"on": "2026-09-01", "note": "eerste"}],
            "subgoals": [{"goal": "Taal", "actions": [{"party": "client", "action": "les"}]}],
        }) else {
            unreachable!()
        };
        map
    }

    #[test]
    fn the_approval_message_covers_the_content_and_not_the_order_or_status() {
        let f = fields();
        let m = approval_message("p1", &f, "Marieke", "dev-s", "2026-06-01T10:00:00Z");
        assert!(m.starts_with(&[0, 0, 0, 25]));
        assert!(m[4..].starts_with(APPROVAL_LABEL.as_bytes()));
        // The same content in another key order, with the status moved on: same bytes.
        let mut other = Fields::new();
        for (k, v) in f.iter().rev() {
            other.insert(k.clone(), v.clone());
        }
        other.insert("status".into(), json!("approved"));
        other.insert("map_note".into(), json!(""));
        assert_eq!(
            approval_message("p1", &other, "Marieke", "dev-s", "2026-06-01T10:00:00Z"),
            m
        );
        // Any content field, the identity, the moment or the supervisor changes the bytes.
        let mut changed = f.clone();
        changed.insert("main_goal".into(), json!("Werk in de techniek"));
        assert_ne!(
            approval_message("p1", &changed, "Marieke", "dev-s", "2026-06-01T10:00:00Z"),
            m
        );
        let mut deep = f.clone();
        deep.insert(
            "reviews".into(),
            json!([{"on": "2026-09-02", "note": "eerste"}]),
        );
        assert_ne!(
            approval_message("p1", &deep, "Marieke", "dev-s", "2026-06-01T10:00:00Z"),
            m
        );
        assert_ne!(
            approval_message("p2", &f, "Marieke", "dev-s", "2026-06-01T10:00:00Z"),
            m
        );
        assert_ne!(
            approval_message("p1", &f, "Marieke", "dev-x", "2026-06-01T10:00:00Z"),
            m
        );
        assert_ne!(
            approval_message("p1", &f, "Marieke", "dev-s", "2026-06-01T10:00:01Z"),
            m
        );
        let approval = Approval {
            by: "Marieke".into(),
            device_id: "dev-s".into(),
            at: "2026-06-01T10:00:00Z".into(),
            digest: digest_hex(&m),
            signature: String::new(),
        };
        assert_eq!(approval_still_matches("p1", &other, &approval), (m, true));
        assert!(!approval_still_matches("p1", &changed, &approval).1);
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_depth() {
        let v = json!({"b": [{"z": 1, "a": "x\"y"}], "a": null});
        assert_eq!(canonical_json(&v), r#"{"a":null,"b":[{"a":"x\"y","z":1}]}"#);
    }

    #[test]
    fn review_fields_are_validated() {
        let log = json!([{"action": "returned", "by": "Marieke", "device": "dev-s",
                          "at": "2026-06-01T10:00:00Z", "comment": "Meer subdoelen"}]);
        assert!(validate_field(RecordKind::Plan, "review_log", &log).is_ok());
        let bad = json!([{"action": "shredded", "by": "M", "at": "2026-06-01T10:00:00Z"}]);
        assert_eq!(
            validate_field(RecordKind::Plan, "review_log", &bad),
            Err(FieldError::NotAChoice)
        );
        let approval = json!({"by": "Marieke", "device_id": "dev-s", "at": "2026-06-01T10:00:00Z",
                              "digest": "ab".repeat(32), "signature": "A".repeat(86)});
        assert!(validate_field(RecordKind::Plan, "approval", &approval).is_ok());
        let no_signature = json!({"by": "Marieke", "device_id": "dev-s",
                                  "at": "2026-06-01T10:00:00Z", "digest": "ab".repeat(32)});
        assert_eq!(
            validate_field(RecordKind::Plan, "approval", &no_signature),
            Err(FieldError::MissingPart)
        );
        for s in ALL {
            assert!(validate_field(RecordKind::Plan, "status", &json!(s)).is_ok());
        }
    }
}
