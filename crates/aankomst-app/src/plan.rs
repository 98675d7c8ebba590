//! PIP commands: versions of a case's plan, editing a draft, the route and its change rule,
//! the vaststelling and signatures. The rules are `aankomst_core::plan`; this module reads
//! and writes the versions.

use crate::error::AppError;
use crate::plan_ipc::*;
use crate::service::{linked_id, parse_id, today, AppService, Session};
use aankomst_core::audit::AuditAction;
use aankomst_core::deadlines::{route_change_last_day, Terms};
use aankomst_core::plan::{
    check_fixing, check_route_change, missing_for_fixing, route_changes, Plan, PlanRuleError,
    BUILTIN_ROUTES, COPIED_FIELDS, DRAFT_FIELDS, SIGNER,
};
use aankomst_core::records::{view, Administration, Case, Client, Conversation};
use aankomst_core::review::{
    check_approve, check_edit, check_fixable_status, check_revise, check_submit,
};
use aankomst_core::{Fields, RecordKind};
use chrono::{NaiveDate, SecondsFormat, Utc};
use serde_json::{json, Value};
use uuid::Uuid;

fn code<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub(crate) fn rule_error(e: PlanRuleError) -> AppError {
    let err = AppError::new("plan_rule");
    match e {
        PlanRuleError::RouteChange(why) => {
            err.arg("rule", "route_change").arg("refusal", code(why))
        }
        PlanRuleError::LevelChange(why) => {
            err.arg("rule", "level_change").arg("refusal", code(why))
        }
        PlanRuleError::AlreadyFixed => err.arg("rule", "already_fixed"),
        PlanRuleError::Incomplete => err.arg("rule", "incomplete"),
        PlanRuleError::ReasonMissing => err.arg("rule", "reason_missing"),
        PlanRuleError::FutureDate => err.arg("rule", "future_date"),
        PlanRuleError::BeforePreviousVersion => err.arg("rule", "before_previous_version"),
        PlanRuleError::InReview => err.arg("rule", "in_review"),
        PlanRuleError::Approved => err.arg("rule", "approved"),
        PlanRuleError::Superseded => err.arg("rule", "superseded"),
        PlanRuleError::NotSubmittable => err.arg("rule", "not_submittable"),
        PlanRuleError::NotInReview => err.arg("rule", "not_in_review"),
        PlanRuleError::NotApproved => err.arg("rule", "not_approved"),
        PlanRuleError::NotSupervisor => err.arg("rule", "not_supervisor"),
        PlanRuleError::CommentMissing => err.arg("rule", "comment_missing"),
        PlanRuleError::ReviewRequired => err.arg("rule", "review_required"),
        PlanRuleError::ApprovalChanged => err.arg("rule", "approval_changed"),
        PlanRuleError::OntzorgenNotForTargetGroup => {
            err.arg("rule", "ontzorgen_not_for_target_group")
        }
    }
}

/// The municipality's own routes (those with a label) of the active policy.
pub(crate) fn custom_routes(s: &Session) -> Result<Vec<CustomRoute>, AppError> {
    Ok(crate::policy::active(&s.store)?
        .policy
        .routes
        .into_iter()
        .filter_map(|r| {
            r.label.map(|label| CustomRoute {
                code: r.code,
                label,
            })
        })
        .collect())
}

/// The routes the active policy offers, in its order, each with the legal route it counts as.
fn route_options(s: &Session) -> Result<Vec<RouteOption>, AppError> {
    Ok(crate::policy::active(&s.store)?
        .policy
        .routes
        .into_iter()
        .map(|r| RouteOption {
            builtin: r.label.is_none(),
            code: r.code,
            label: r.label,
            legal_route: r.legal_route,
        })
        .collect())
}

/// The deadline terms: the active municipal policy's.
fn terms(s: &Session) -> Result<Terms, AppError> {
    crate::policy::terms_of(&s.store)
}

/// The versions of a case's PIP, oldest first.
pub(crate) fn versions_of(s: &Session, case_id: Uuid) -> Result<Vec<(Uuid, Plan)>, AppError> {
    s.store
        .plans_of_case(case_id)?
        .into_iter()
        .map(|id| {
            Ok((
                id,
                view(&s.store.get_kind(RecordKind::Plan, id)?.state.fields),
            ))
        })
        .collect()
}

/// The fixed versions before `plan_id` (all of them when it is not among the versions).
fn fixed_before(versions: &[(Uuid, Plan)], plan_id: Uuid) -> Vec<&Plan> {
    versions
        .iter()
        .take_while(|(id, _)| *id != plan_id)
        .filter(|(_, p)| p.is_fixed())
        .map(|(_, p)| p)
        .collect()
}

/// The date of the first vaststelling: the case's PIP date when recorded, else the first
/// fixed version's.
fn pip_decided(case: &Case, versions: &[(Uuid, Plan)]) -> Option<NaiveDate> {
    aankomst_core::deadlines::parse_date(case.pip_decided_on.as_deref()).or_else(|| {
        versions
            .iter()
            .find(|(_, p)| p.is_fixed())
            .and_then(|(_, p)| p.fixed_date())
    })
}

fn summary(id: Uuid, p: &Plan) -> PlanVersionSummary {
    PlanVersionSummary {
        id: id.to_string(),
        version: p.version.unwrap_or_default().max(0) as u32,
        status: p.status.clone().unwrap_or_else(|| "draft".into()),
        route: p.route.clone(),
        fixed_on: p.fixed_on.clone(),
        signed_by_client: p.signature_client.is_some(),
        signed_by_counsellor: p.signature_counsellor.is_some(),
        interpreter_attested: p.interpreter_attestation.is_some(),
    }
}

fn finding_options(
    s: &Session,
    case_id: Uuid,
    client_id: Uuid,
) -> Result<Vec<FindingOption>, AppError> {
    let mut out = Vec::new();
    for (id, _) in s.store.administrations_of_client(client_id)? {
        let a: Administration = view(
            &s.store
                .get_kind(RecordKind::Administration, id)?
                .state
                .fields,
        );
        // A sealed administration is the GGD's, not the municipality's: never a finding.
        if a.is_sealed() {
            continue;
        }
        out.push(FindingOption {
            kind: "administration".into(),
            id: id.to_string(),
            title: a.definition_id.unwrap_or_default(),
            date: a.completed_at.or(a.started_at),
            detail: a.status,
        });
    }
    for id in s.store.conversations_of_case(case_id)? {
        let c: Conversation = view(&s.store.get_kind(RecordKind::Conversation, id)?.state.fields);
        out.push(FindingOption {
            kind: "conversation".into(),
            id: id.to_string(),
            title: c.conversation_type.unwrap_or_default(),
            date: c.starts_at,
            detail: Some(
                if c.notes.as_deref().is_some_and(|n| !n.trim().is_empty()) {
                    "notes"
                } else {
                    "no_notes"
                }
                .into(),
            ),
        });
    }
    Ok(out)
}

/// A PIP version with the case and the client it belongs to.
pub(crate) struct PlanContext {
    pub plan: Plan,
    pub case_id: Uuid,
    pub case: Case,
    pub client_id: Uuid,
    pub client: Client,
}

/// Loads a PIP version, its case and its client (`record_not_found` when a link is missing).
pub(crate) fn plan_context(s: &Session, plan_id: Uuid) -> Result<PlanContext, AppError> {
    let plan: Plan = view(&s.store.get_kind(RecordKind::Plan, plan_id)?.state.fields);
    let case_id = linked_id(plan.case_id.as_deref())?;
    let case: Case = view(&s.store.get_kind(RecordKind::Case, case_id)?.state.fields);
    let client_id = linked_id(case.client_id.as_deref())?;
    let client: Client = view(
        &s.store
            .get_kind(RecordKind::Client, client_id)?
            .state
            .fields,
    );
    Ok(PlanContext {
        plan,
        case_id,
        case,
        client_id,
        client,
    })
}

pub(crate) fn plan_view(s: &Session, plan_id: Uuid) -> Result<PlanView, AppError> {
    let PlanContext {
        plan,
        case_id,
        case,
        client_id,
        client,
    } = plan_context(s, plan_id)?;
    let versions = versions_of(s, case_id)?;
    let fixed = fixed_before(&versions, plan_id);
    let decided = pip_decided(&case, &versions);
    Ok(PlanView {
        id: plan_id.to_string(),
        case_id: case_id.to_string(),
        client_id: client_id.to_string(),
        client_name: client.display_name(),
        missing: missing_for_fixing(&plan)
            .into_iter()
            .map(str::to_owned)
            .collect(),
        editable: check_edit(&plan).is_ok(),
        review: PlanReviewView {
            supervisor: crate::review::is_supervisor(s),
            review_required: crate::review::review_required(s),
            // Offered while the version may go to review; an incomplete one shows the button
            // disabled with what is missing, rather than no button at all.
            can_submit: !matches!(check_submit(&plan), Err(PlanRuleError::NotSubmittable)),
            can_review: check_approve(&plan, crate::review::is_supervisor(s)).is_ok(),
            can_revise: check_revise(&plan).is_ok(),
            can_fix: check_fixable_status(&plan, crate::review::review_required(s)).is_ok(),
            approval: crate::review::approval_view(s, plan_id, &plan),
        },
        previous_route: fixed.last().and_then(|p| p.route.clone()),
        route_changes_used: route_changes(&fixed),
        route_change_last_day: decided
            .and_then(|d| route_change_last_day(d, &terms(s).unwrap_or_default()))
            .map(|d| d.format("%Y-%m-%d").to_string()),
        routes: route_options(s)?,
        finding_options: finding_options(s, case_id, client_id)?,
        versions: versions.iter().map(|(id, p)| summary(*id, p)).collect(),
        plan,
    })
}

/// A version that may be edited in place (a draft or a returned one); any other refuses
/// with the rule that forbids it (in review, approved, fixed, superseded).
fn editable_draft(s: &Session, plan_id: Uuid) -> Result<Plan, AppError> {
    let plan: Plan = view(&s.store.get_kind(RecordKind::Plan, plan_id)?.state.fields);
    check_edit(&plan).map_err(rule_error)?;
    Ok(plan)
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn one(field: &str, value: Value) -> Fields {
    let mut f = Fields::new();
    f.insert(field.into(), value);
    f
}

impl AppService {
    /// The PIP versions of a case, oldest first.
    pub fn plan_versions(&self, case_id: &str) -> Result<Vec<PlanVersionSummary>, AppError> {
        let case_id = parse_id(case_id)?;
        self.with_session(|s| {
            s.store.get_kind(RecordKind::Case, case_id)?;
            Ok(versions_of(s, case_id)?
                .iter()
                .map(|(id, p)| summary(*id, p))
                .collect())
        })
    }

    /// The draft of a case's PIP: the open one, or a new version (a copy of the last fixed
    /// version, or an empty first version). A PIP is for an adult: a client known to be
    /// under 18 gets none.
    pub fn open_plan_draft(&self, case_id: &str) -> Result<PlanView, AppError> {
        let case_id = parse_id(case_id)?;
        self.with_session(|s| {
            let case: Case = view(&s.store.get_kind(RecordKind::Case, case_id)?.state.fields);
            let client_id = linked_id(case.client_id.as_deref())?;
            let client: Client = view(
                &s.store
                    .get_kind(RecordKind::Client, client_id)?
                    .state
                    .fields,
            );
            // Known to be a minor: under 18 even on the latest birthday the date allows
            // (a year-only date of birth leaves up to a year open).
            let a_year_on = today() + chrono::Days::new(366);
            if client.minimum_age_on(a_year_on).is_some_and(|a| a < 18) {
                return Err(AppError::new("plan_client_minor"));
            }
            let versions = versions_of(s, case_id)?;
            // The open version: in the making, in review or approved (not yet fixed).
            if let Some((id, _)) = versions
                .iter()
                .find(|(_, p)| !p.is_fixed() && p.status.as_deref() != Some("superseded"))
            {
                s.audit_record(AuditAction::Read, *id)?;
                return plan_view(s, *id);
            }
            let mut fields = Fields::new();
            fields.insert("case_id".into(), json!(case_id.to_string()));
            fields.insert("client_id".into(), json!(client_id.to_string()));
            fields.insert("status".into(), json!("draft"));
            fields.insert("version".into(), json!(versions.len() + 1));
            if let Some((last_id, _)) = versions.last() {
                let last = s.store.get_kind(RecordKind::Plan, *last_id)?;
                fields.insert("previous_id".into(), json!(last_id.to_string()));
                for name in COPIED_FIELDS {
                    if let Some(v) = last.state.fields.get(*name) {
                        fields.insert((*name).into(), v.clone());
                    }
                }
            }
            let id = Uuid::now_v7();
            s.store.write(RecordKind::Plan, id, fields)?;
            plan_view(s, id)
        })
    }

    pub fn get_plan(&self, plan_id: &str) -> Result<PlanView, AppError> {
        let id = parse_id(plan_id)?;
        self.with_session(|s| {
            s.audit_record(AuditAction::Read, id)?;
            plan_view(s, id)
        })
    }

    /// Saves one field of a draft. Fixed versions never change.
    pub fn save_plan_field(&self, req: SavePlanFieldRequest) -> Result<PlanView, AppError> {
        let id = parse_id(&req.plan_id)?;
        if !DRAFT_FIELDS.contains(&req.field.as_str()) {
            return Err(AppError::new("plan_field_not_editable"));
        }
        self.with_session(|s| {
            editable_draft(s, id)?;
            s.store
                .write(RecordKind::Plan, id, one(&req.field, req.value))?;
            plan_view(s, id)
        })
    }

    /// Sets the route of a draft. After the first vaststelling, a different route is a
    /// route change: it needs a reason and is allowed once, within the window.
    pub fn set_plan_route(&self, req: SetPlanRouteRequest) -> Result<PlanView, AppError> {
        let id = parse_id(&req.plan_id)?;
        self.with_session(|s| {
            let plan = editable_draft(s, id)?;
            if !route_options(s)?.iter().any(|r| r.code == req.route) {
                return Err(AppError::new("plan_route_unknown"));
            }
            let case_id = linked_id(plan.case_id.as_deref())?;
            let case: Case = view(&s.store.get_kind(RecordKind::Case, case_id)?.state.fields);
            let versions = versions_of(s, case_id)?;
            let fixed = fixed_before(&versions, id);
            let reason = req
                .reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty());
            check_route_change(
                &fixed,
                &req.route,
                reason,
                pip_decided(&case, &versions),
                today(),
                &terms(s)?,
            )
            .map_err(rule_error)?;
            let mut fields = one("route", json!(req.route));
            let changed = fixed
                .last()
                .is_some_and(|p| p.route.as_deref() != Some(&req.route));
            fields.insert(
                "route_change_reason".into(),
                if changed { json!(reason) } else { Value::Null },
            );
            s.store.write(RecordKind::Plan, id, fields)?;
            plan_view(s, id)
        })
    }

    /// Fixes (*vaststellen*) a draft on a date: it must be complete, and a route change
    /// must still be allowed on that date. The first vaststelling is the case's PIP date.
    pub fn fix_plan(&self, req: FixPlanRequest) -> Result<PlanView, AppError> {
        let id = parse_id(&req.plan_id)?;
        let on =
            NaiveDate::parse_from_str(req.fixed_on.trim(), "%Y-%m-%d").map_err(|_| AppError {
                key: "field".into(),
                args: [("error".to_owned(), "date_shape".to_owned())].into(),
                field: Some("fixed_on".into()),
            })?;
        self.with_session(|s| {
            let plan: Plan = view(&s.store.get_kind(RecordKind::Plan, id)?.state.fields);
            let case_id = linked_id(plan.case_id.as_deref())?;
            let case: Case = view(&s.store.get_kind(RecordKind::Case, case_id)?.state.fields);
            let versions = versions_of(s, case_id)?;
            let fixed = fixed_before(&versions, id);
            check_fixing(
                &plan,
                &fixed,
                pip_decided(&case, &versions),
                on,
                today(),
                &terms(s)?,
                crate::review::review_required(s),
            )
            .map_err(rule_error)?;
            let client: Client = match plan.client_id.as_deref().map(Uuid::parse_str) {
                Some(Ok(client_id)) => match s.store.get(client_id)? {
                    Some(r) if r.kind == RecordKind::Client => view(&r.state.fields),
                    _ => Client::default(),
                },
                _ => Client::default(),
            };
            aankomst_core::plan::check_target_group(&plan, client.target_group.as_deref())
                .map_err(rule_error)?;
            // What is fixed must be what the supervisor approved.
            if let Some(approval) = &plan.approval {
                let fields = s.store.get_kind(RecordKind::Plan, id)?.state.fields;
                let (_, same) = aankomst_core::review::approval_still_matches(
                    &id.to_string(),
                    &fields,
                    approval,
                );
                if !same {
                    return Err(rule_error(PlanRuleError::ApprovalChanged));
                }
            }
            let date = on.format("%Y-%m-%d").to_string();
            let mut fields = one("status", json!("fixed"));
            fields.insert("fixed_on".into(), json!(date));
            fields.insert("fixed_by".into(), json!(s.meta.name));
            fields.insert("fixed_at".into(), json!(now()));
            let mut writes = vec![(RecordKind::Plan, id, fields)];
            if case.pip_decided_on.is_none() {
                writes.push((
                    RecordKind::Case,
                    case_id,
                    one("pip_decided_on", json!(date)),
                ));
            }
            s.store.write_batch(writes)?;
            plan_view(s, id)
        })
    }

    /// Stores a signature drawn on screen with a fixed version (the PNG stays in the
    /// encrypted store; nothing is written to disk).
    pub fn sign_plan(&self, req: SignPlanRequest) -> Result<PlanView, AppError> {
        let id = parse_id(&req.plan_id)?;
        if !SIGNER.contains(&req.signer.as_str()) {
            return Err(AppError::new("internal"));
        }
        self.with_session(|s| {
            let plan: Plan = view(&s.store.get_kind(RecordKind::Plan, id)?.state.fields);
            if !plan.is_fixed() {
                return Err(AppError::new("plan_not_fixed"));
            }
            let field = format!("signature_{}", req.signer);
            let value = json!({"png": req.png, "name": req.name.trim(), "signed_at": now()});
            s.store.write(RecordKind::Plan, id, one(&field, value))?;
            plan_view(s, id)
        })
    }

    /// Records the interpreter's attestation that they translated the fixed plan.
    pub fn attest_plan(&self, req: AttestPlanRequest) -> Result<PlanView, AppError> {
        let id = parse_id(&req.plan_id)?;
        self.with_session(|s| {
            let plan: Plan = view(&s.store.get_kind(RecordKind::Plan, id)?.state.fields);
            if !plan.is_fixed() {
                return Err(AppError::new("plan_not_fixed"));
            }
            let value = json!({"name": req.name.trim(), "language": req.language, "at": now()});
            s.store
                .write(RecordKind::Plan, id, one("interpreter_attestation", value))?;
            plan_view(s, id)
        })
    }

    pub fn get_plan_routes(&self) -> Result<Vec<CustomRoute>, AppError> {
        self.with_session(|s| custom_routes(s))
    }

    /// The municipality's own routes. Codes are short and unique and never one of the
    /// legal three; a route already used in a PIP keeps its code in that PIP.
    pub fn save_plan_routes(&self, routes: Vec<CustomRoute>) -> Result<(), AppError> {
        let mut seen: Vec<&str> = BUILTIN_ROUTES.to_vec();
        for r in &routes {
            let code = r.code.as_str();
            let valid = !code.is_empty()
                && code.len() <= 32
                && code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
                && !r.label.trim().is_empty()
                && r.label.chars().count() <= 100;
            if !valid || seen.contains(&code) {
                return Err(AppError::new("plan_routes_invalid"));
            }
            seen.push(code);
        }
        // The policy fixes the routes offered: saving them again is fine, changing them is
        // refused (a supervisor changes the policy).
        self.with_session(|s| {
            if routes != custom_routes(s)? {
                return Err(crate::policy::policy_fixed("plan_routes"));
            }
            Ok(())
        })
    }
}
