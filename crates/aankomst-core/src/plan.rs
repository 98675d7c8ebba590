//! The PIP (*Persoonlijk Plan Inburgering en Participatie*, process.md §3.3): a formal
//! decision open to objection, so it is dated, reasoned and versioned.
//!
//! Each version is its own record. A draft is edited field by field; once *vastgesteld*
//! (fixed) a version never changes again, except that the client and the counsellor sign
//! it and the interpreter attests the translation. A later change is a new version, a copy
//! of the last fixed one. A route change after the first vaststelling needs a reason and
//! is allowed once, within the window of [`crate::deadlines::route_change_allowed`].
//!
//! Before the vaststelling a version goes to review (`in_review`) and a supervisor approves
//! it or returns it with comments; in a team the vaststelling needs that approval. See
//! [`crate::review`] for the statuses and the signed approval.

use crate::deadlines::{parse_date, route_change_allowed, RouteChangeRefusal, Terms};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A PIP has one main goal and at most this many subgoals.
pub const MAX_SUBGOALS: usize = 6;

/// The three legal learning routes (process.md §3.4). A municipality adds its own (such as
/// Amsterdam's B1-mbo route) in the settings.
pub const BUILTIN_ROUTES: &[&str] = &["b1", "onderwijs", "z"];

pub const PLAN_STATUS: &[&str] = &[
    "draft",
    "in_review",
    "returned",
    "approved",
    "fixed",
    "superseded",
];
pub const MODULE_CHOICE: &[&str] = &["included", "exempt"];
pub const ONTZORGEN_CHOICE: &[&str] = &["yes", "no", "not_applicable"];
pub const YES_NO: &[&str] = &["yes", "no"];
pub const ACTION_PARTY: &[&str] = &["client", "municipality", "partner"];
pub const FINDING_KIND: &[&str] = &["administration", "conversation"];
pub const SIGNER: &[&str] = &["client", "counsellor"];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PlanAction {
    /// A stable id (kept across versions) that a status refers to
    /// ([`crate::trajectory::GOAL_STATUS_PREFIX`]); actions written before ids have none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub id: Option<String>,
    /// `client`, `municipality` or `partner`.
    pub party: String,
    /// For a partner: which one (VluchtelingenWerk, the language provider, …).
    pub partner_name: Option<String>,
    pub action: String,
    pub due_on: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Subgoal {
    /// A stable id, as for [`PlanAction::id`].
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub id: Option<String>,
    pub goal: String,
    pub actions: Vec<PlanAction>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PlannedReview {
    pub on: String,
    pub note: Option<String>,
}

/// A link from the motivering to an intake finding: a screening or learnability
/// administration (never a sealed one), or a conversation and its notes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct FindingLink {
    pub kind: String,
    pub id: String,
}

/// A signature drawn on screen, as a PNG (base64), with the signer's name and the moment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Signature {
    pub png: String,
    pub name: String,
    pub signed_at: String,
}

/// The interpreter's statement that they translated the plan into the client's language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct InterpreterAttestation {
    pub name: String,
    pub language: String,
    pub at: String,
}

/// One version of a PIP, as its fields hold it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Plan {
    pub case_id: Option<String>,
    pub client_id: Option<String>,
    pub version: Option<i32>,
    pub status: Option<String>,
    /// The version this one was copied from.
    pub previous_id: Option<String>,
    pub route: Option<String>,
    pub route_change_reason: Option<String>,
    /// The exam level the route aims at (`trajectory::EXAM_LEVEL`); none for the route's
    /// default. Lowering it within the route is an afschaling, not a route change.
    pub exam_level: Option<String>,
    /// Why this version adjusts the last fixed one (an afschaling needs it).
    pub adjustment_reason: Option<String>,
    pub map: Option<String>,
    pub map_note: Option<String>,
    pub pvt_note: Option<String>,
    pub ontzorgen: Option<String>,
    pub ontzorgen_note: Option<String>,
    pub social_guidance: Option<String>,
    pub social_guidance_by: Option<String>,
    pub main_goal: Option<String>,
    pub subgoals: Vec<Subgoal>,
    pub reviews: Vec<PlannedReview>,
    pub motivering: Option<String>,
    pub findings: Vec<FindingLink>,
    pub explained_language: Option<String>,
    pub fixed_on: Option<String>,
    pub fixed_by: Option<String>,
    pub fixed_at: Option<String>,
    pub signature_client: Option<Signature>,
    pub signature_counsellor: Option<Signature>,
    pub interpreter_attestation: Option<InterpreterAttestation>,
    /// Submissions, approvals and returns with the supervisor's comments, oldest first.
    pub review_log: Vec<crate::review::ReviewEvent>,
    /// The supervisor's signed approval.
    pub approval: Option<crate::review::Approval>,
}

/// The fields the counsellor edits in a draft. The rest (status, version, route, the
/// vaststelling, signatures) have their own commands and rules.
pub const DRAFT_FIELDS: &[&str] = &[
    "exam_level",
    "adjustment_reason",
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

/// The content fields a new version copies from the last fixed one.
pub const COPIED_FIELDS: &[&str] = &[
    "route",
    "exam_level",
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

impl Plan {
    pub fn is_fixed(&self) -> bool {
        self.status.as_deref() == Some("fixed")
    }

    pub fn fixed_date(&self) -> Option<NaiveDate> {
        parse_date(self.fixed_on.as_deref())
    }

    /// The planned review dates that parse.
    pub fn review_dates(&self) -> Vec<NaiveDate> {
        let mut out: Vec<NaiveDate> = self
            .reviews
            .iter()
            .filter_map(|r| parse_date(Some(&r.on)))
            .collect();
        out.sort();
        out
    }
}

/// Why a version cannot be fixed or a route cannot be changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "rule", content = "refusal")]
#[ts(export)]
pub enum PlanRuleError {
    #[error("the version is fixed")]
    AlreadyFixed,
    #[error("something the PIP must contain is missing")]
    Incomplete,
    #[error("a route change needs a reason")]
    ReasonMissing,
    #[error("route change refused: {0}")]
    RouteChange(RouteChangeRefusal),
    #[error("level change refused: {0}")]
    LevelChange(crate::trajectory::LevelChangeRefusal),
    #[error("the date is in the future")]
    FutureDate,
    #[error("the date is before the previous version was fixed")]
    BeforePreviousVersion,
    #[error("the version is in review")]
    InReview,
    #[error("the version is approved; a change needs a new version")]
    Approved,
    #[error("a newer version replaced this one")]
    Superseded,
    #[error("only a draft or a returned version can be submitted for review")]
    NotSubmittable,
    #[error("the version is not in review")]
    NotInReview,
    #[error("the version is not approved")]
    NotApproved,
    #[error("only a supervisor's device approves or returns a PIP")]
    NotSupervisor,
    #[error("returning a PIP needs a comment")]
    CommentMissing,
    #[error("the vaststelling needs the supervisor's approval")]
    ReviewRequired,
    #[error("the version changed after it was approved")]
    ApprovalChanged,
    #[error("ontzorgen is not for gezinsmigranten and overige migranten")]
    OntzorgenNotForTargetGroup,
}

/// What a draft still lacks before it can be fixed (field names): a route, a main goal,
/// the motivering (the reasons on the decision) and at least one planned progress review.
pub fn missing_for_fixing(plan: &Plan) -> Vec<&'static str> {
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    let mut out = Vec::new();
    if blank(&plan.route) {
        out.push("route");
    }
    if blank(&plan.main_goal) {
        out.push("main_goal");
    }
    if blank(&plan.motivering) {
        out.push("motivering");
    }
    if plan.review_dates().is_empty() {
        out.push("reviews");
    }
    out
}

/// Route changes among fixed versions, oldest first: a fixed version whose route differs
/// from the fixed version before it.
pub fn route_changes(fixed: &[&Plan]) -> u32 {
    fixed
        .windows(2)
        .filter(|w| w[0].route != w[1].route)
        .count() as u32
}

/// Whether a draft whose route differs from the last fixed version may take that route on
/// `on`: a reason is required, and the single change within the window of the first
/// vaststelling (`route_change_allowed`). `fixed` are the earlier fixed versions, oldest
/// first; `pip_decided` the date of the first vaststelling.
pub fn check_route_change(
    fixed: &[&Plan],
    new_route: &str,
    reason: Option<&str>,
    pip_decided: Option<NaiveDate>,
    on: NaiveDate,
    terms: &Terms,
) -> Result<(), PlanRuleError> {
    let Some(last) = fixed.last() else {
        // The first version chooses the route freely.
        return Ok(());
    };
    if last.route.as_deref() == Some(new_route) {
        return Ok(());
    }
    if reason.is_none_or(|r| r.trim().is_empty()) {
        return Err(PlanRuleError::ReasonMissing);
    }
    route_change_allowed(pip_decided, route_changes(fixed), on, terms)
        .map_err(PlanRuleError::RouteChange)
}

/// Checks that a version may be fixed on `on`, given the earlier fixed versions (oldest
/// first) and the date of the first vaststelling. With `review_required` (a device in a
/// team) only an approved version may be fixed; alone, a draft too
/// ([`crate::review::check_fixable_status`]).
pub fn check_fixing(
    draft: &Plan,
    fixed: &[&Plan],
    pip_decided: Option<NaiveDate>,
    on: NaiveDate,
    today: NaiveDate,
    terms: &Terms,
    review_required: bool,
) -> Result<(), PlanRuleError> {
    crate::review::check_fixable_status(draft, review_required)?;
    if !missing_for_fixing(draft).is_empty() {
        return Err(PlanRuleError::Incomplete);
    }
    if on > today {
        return Err(PlanRuleError::FutureDate);
    }
    if let Some(previous) = fixed.last().and_then(|p| p.fixed_date()) {
        if on < previous {
            return Err(PlanRuleError::BeforePreviousVersion);
        }
    }
    let route = draft.route.as_deref().unwrap_or_default();
    check_route_change(
        fixed,
        route,
        draft.route_change_reason.as_deref(),
        pip_decided,
        on,
        terms,
    )?;
    check_adjustment(fixed, draft)
}

/// Ontzorgen is for asylum statushouders on bijstand; a PIP of a gezinsmigrant or an overige
/// migrant cannot include it (001; 002 ch. 5).
pub fn check_target_group(plan: &Plan, target_group: Option<&str>) -> Result<(), PlanRuleError> {
    if plan.ontzorgen.as_deref() == Some("yes")
        && crate::trajectory::is_family_migrant(target_group)
    {
        return Err(PlanRuleError::OntzorgenNotForTargetGroup);
    }
    Ok(())
}

/// Within the same route, a change of exam level is an adjustment of the PIP (*afschalen*):
/// allowed with its reason whether or not the one route change was used
/// ([`crate::trajectory::check_level_change`]). A new route sets its level freely.
pub fn check_adjustment(fixed: &[&Plan], draft: &Plan) -> Result<(), PlanRuleError> {
    let Some(last) = fixed.last() else {
        return Ok(());
    };
    if last.route != draft.route {
        return Ok(());
    }
    crate::trajectory::check_level_change(
        draft.route.as_deref().unwrap_or_default(),
        last.exam_level.as_deref(),
        draft.exam_level.as_deref(),
        draft.adjustment_reason.as_deref(),
    )
    .map_err(PlanRuleError::LevelChange)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{validate_field, FieldError};
    use crate::RecordKind;
    use proptest::prelude::*;
    use serde_json::json;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn fixed(route: &str, on: &str) -> Plan {
        Plan {
            status: Some("fixed".into()),
            route: Some(route.into()),
            fixed_on: Some(on.into()),
            ..Default::default()
        }
    }

    fn complete(route: &str) -> Plan {
        Plan {
            status: Some("draft".into()),
            route: Some(route.into()),
            main_goal: Some("Werk in de zorg".into()),
            motivering: Some("Leerbaarheidstoets: gemiddeld".into()),
            reviews: vec![PlannedReview {
                on: "2026-09-01".into(),
                note: None,
            }],
            ..Default::default()
        }
    }

    fn subgoals(n: usize) -> serde_json::Value {
        json!((0..n)
            .map(|i| json!({"goal": format!("doel {i}"), "actions": [
                {"party": "client", "action": "les volgen", "due_on": "2026-10-01"},
                {"party": "partner", "partner_name": "VluchtelingenWerk", "action": "begeleiden"}
            ]}))
            .collect::<Vec<_>>())
    }

    #[test]
    fn six_subgoals_are_allowed_a_seventh_is_refused() {
        assert!(validate_field(RecordKind::Plan, "subgoals", &subgoals(6)).is_ok());
        assert_eq!(
            validate_field(RecordKind::Plan, "subgoals", &subgoals(7)),
            Err(FieldError::TooManySubgoals)
        );
        let bad_party = json!([{"goal": "x", "actions": [{"party": "neighbour", "action": "y"}]}]);
        assert_eq!(
            validate_field(RecordKind::Plan, "subgoals", &bad_party),
            Err(FieldError::NotAChoice)
        );
        let no_action_text = json!([{"goal": "x", "actions": [{"party": "client"}]}]);
        assert_eq!(
            validate_field(RecordKind::Plan, "subgoals", &no_action_text),
            Err(FieldError::MissingPart)
        );
    }

    #[test]
    fn a_signature_must_be_a_png() {
        let png = json!({"png": "iVBORw0KGgoAAAANSUhEUg==", "name": "A", "signed_at": "2026-11-22T10:00:00Z"});
        assert!(validate_field(RecordKind::Plan, "signature_client", &png).is_ok());
        let jpeg =
            json!({"png": "/9j/4AAQSkZJRg==", "name": "A", "signed_at": "2026-11-22T10:00:00Z"});
        assert_eq!(
            validate_field(RecordKind::Plan, "signature_client", &jpeg),
            Err(FieldError::NotAPng)
        );
    }

    #[test]
    fn fixing_needs_route_goal_motivering_and_a_review() {
        let mut p = complete("b1");
        p.motivering = Some("  ".into());
        assert_eq!(missing_for_fixing(&p), vec!["motivering"]);
        let today = d("2026-06-01");
        assert_eq!(
            check_fixing(&p, &[], None, today, today, &Terms::default(), false),
            Err(PlanRuleError::Incomplete)
        );
        let p = complete("b1");
        assert_eq!(
            check_fixing(&p, &[], None, today, today, &Terms::default(), false),
            Ok(())
        );
        assert_eq!(
            check_fixing(
                &p,
                &[],
                None,
                d("2026-06-02"),
                today,
                &Terms::default(),
                false
            ),
            Err(PlanRuleError::FutureDate)
        );
    }

    #[test]
    fn one_route_change_with_a_reason_within_eighteen_months() {
        let terms = Terms::default();
        let v1 = fixed("b1", "2026-01-15");
        let pip = Some(d("2026-01-15"));
        let history = [&v1];
        // Same route: nothing to justify.
        assert_eq!(
            check_route_change(&history, "b1", None, pip, d("2026-03-01"), &terms),
            Ok(())
        );
        assert_eq!(
            check_route_change(&history, "z", None, pip, d("2026-03-01"), &terms),
            Err(PlanRuleError::ReasonMissing)
        );
        assert_eq!(
            check_route_change(
                &history,
                "z",
                Some("Afschaalsignaal na 400 uur"),
                pip,
                d("2027-07-15"),
                &terms
            ),
            Ok(())
        );
        assert_eq!(
            check_route_change(&history, "z", Some("reden"), pip, d("2027-07-16"), &terms),
            Err(PlanRuleError::RouteChange(RouteChangeRefusal::WindowClosed))
        );
        // After the one change, a second is refused even within the window.
        let v2 = fixed("z", "2026-06-01");
        let history = [&v1, &v2];
        assert_eq!(route_changes(&history), 1);
        assert_eq!(
            check_route_change(&history, "b1", Some("reden"), pip, d("2026-07-01"), &terms),
            Err(PlanRuleError::RouteChange(
                RouteChangeRefusal::AlreadyChanged
            ))
        );
        // Fixing the draft applies the same rule on the vaststelling date.
        let mut draft = complete("onderwijs");
        assert_eq!(
            check_fixing(
                &draft,
                &[&v1],
                pip,
                d("2026-03-01"),
                d("2026-03-01"),
                &terms,
                false
            ),
            Err(PlanRuleError::ReasonMissing)
        );
        draft.route_change_reason = Some("Toch geschikt voor mbo".into());
        assert_eq!(
            check_fixing(
                &draft,
                &[&v1],
                pip,
                d("2026-03-01"),
                d("2026-03-01"),
                &terms,
                false
            ),
            Ok(())
        );
        assert_eq!(
            check_fixing(
                &draft,
                &[&v1],
                pip,
                d("2026-01-10"),
                d("2026-03-01"),
                &terms,
                false
            ),
            Err(PlanRuleError::BeforePreviousVersion)
        );
    }

    #[test]
    fn a_gezinsmigrant_pip_has_no_ontzorgen() {
        let mut p = complete("b1");
        p.ontzorgen = Some("yes".into());
        assert_eq!(check_target_group(&p, Some("statushouder")), Ok(()));
        assert_eq!(check_target_group(&p, Some("nareiziger")), Ok(()));
        assert_eq!(
            check_target_group(&p, Some("gezinsmigrant")),
            Err(PlanRuleError::OntzorgenNotForTargetGroup)
        );
        assert_eq!(
            check_target_group(&p, Some("overige_migrant")),
            Err(PlanRuleError::OntzorgenNotForTargetGroup)
        );
        p.ontzorgen = Some("not_applicable".into());
        assert_eq!(check_target_group(&p, Some("gezinsmigrant")), Ok(()));
    }

    #[test]
    fn an_afschaling_is_allowed_after_the_one_route_change() {
        let terms = Terms::default();
        let pip = Some(d("2026-01-15"));
        let v1 = fixed("z", "2026-01-15");
        let v2 = fixed("b1", "2026-03-01");
        assert_eq!(route_changes(&[&v1, &v2]), 1);
        // B1 route, exam level lowered to A2: not a second route change.
        let mut draft = complete("b1");
        draft.exam_level = Some("a2".into());
        let on = d("2026-09-01");
        assert_eq!(
            check_fixing(&draft, &[&v1, &v2], pip, on, on, &terms, false),
            Err(PlanRuleError::LevelChange(
                crate::trajectory::LevelChangeRefusal::ReasonMissing
            ))
        );
        draft.adjustment_reason = Some("Na 600 uur geen voortgang naar B1".into());
        assert_eq!(
            check_fixing(&draft, &[&v1, &v2], pip, on, on, &terms, false),
            Ok(())
        );
        // Even after the route-change window has closed.
        let late = d("2028-01-01");
        assert_eq!(
            check_fixing(&draft, &[&v1, &v2], pip, late, late, &terms, false),
            Ok(())
        );
        let mut fixed_a2 = draft.clone();
        fixed_a2.status = Some("fixed".into());
        fixed_a2.fixed_on = Some("2026-09-01".into());
        assert_eq!(route_changes(&[&v1, &v2, &fixed_a2]), 1);
        // Raising it back is no afschaling.
        let mut up = complete("b1");
        up.exam_level = Some("b2".into());
        up.adjustment_reason = Some("r".into());
        assert_eq!(
            check_fixing(&up, &[&v1, &v2, &fixed_a2], pip, on, on, &terms, false),
            Err(PlanRuleError::LevelChange(
                crate::trajectory::LevelChangeRefusal::NotAllowed
            ))
        );
    }

    proptest! {
        /// However many versions are fixed, at most one of them changes the route, and
        /// never after the window.
        #[test]
        fn at_most_one_route_change(routes in proptest::collection::vec(0usize..3, 1..8),
                                    gaps in proptest::collection::vec(0u64..200, 8)) {
            let terms = Terms::default();
            let start = d("2026-01-01");
            let mut history: Vec<Plan> = Vec::new();
            let mut on = start;
            for (i, r) in routes.iter().enumerate() {
                on = on + chrono::Days::new(gaps[i]);
                let mut draft = complete(BUILTIN_ROUTES[*r]);
                draft.route_change_reason = Some("reden".into());
                let refs: Vec<&Plan> = history.iter().collect();
                let pip = history.first().and_then(|p| p.fixed_date());
                if check_fixing(&draft, &refs, pip, on, on, &terms, false).is_ok() {
                    draft.status = Some("fixed".into());
                    draft.fixed_on = Some(on.format("%Y-%m-%d").to_string());
                    history.push(draft);
                }
            }
            let refs: Vec<&Plan> = history.iter().collect();
            prop_assert!(route_changes(&refs) <= 1);
            let Some(first) = refs.first().and_then(|p| p.fixed_date()) else { return Ok(()) };
            let last_day = crate::deadlines::route_change_last_day(first, &terms).unwrap();
            for w in refs.windows(2) {
                if w[0].route != w[1].route {
                    prop_assert!(w[1].fixed_date().unwrap() <= last_day);
                }
            }
        }
    }
}
