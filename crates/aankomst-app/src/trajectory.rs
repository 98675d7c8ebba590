//! Trajectory commands (issue 19): a case's goals and actions with their statuses, its
//! planned and held progress reviews, the inburgeringstermijn and its extensions. The rules
//! are `aankomst_core::trajectory` and `aankomst_core::deadlines`; this module reads the
//! records and writes statuses and extensions as case fields.

use crate::deadlines::{deadline_view, terms};
use crate::error::AppError;
use crate::service::{parse_id, today, AppService, Session};
use crate::trajectory_ipc::*;
use aankomst_core::deadlines::{
    case_deadlines, parse_date, CaseDates, DeadlineKind, DeadlineState,
};
use aankomst_core::plan::Plan;
use aankomst_core::records::{view, Case, Client, Conversation};
use aankomst_core::trajectory::{
    action_dates, action_key, check_extension, goal_key, goal_statuses, held_review,
    review_plan_gaps, term_end, z_hours, z_totals, ExtensionRefusal, GoalStatus, TermExtension,
    TrajectoryRules, GOAL_STATUS_PREFIX,
};
use aankomst_core::{Fields, RecordKind};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use uuid::Uuid;

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The rules of the trajectory. Today's defaults; the signed municipal policy (issue 20)
/// replaces them here when it carries its own.
pub(crate) fn trajectory_rules(_s: &Session) -> TrajectoryRules {
    TrajectoryRules::default()
}

/// What a case's trajectory is read from.
pub(crate) struct CaseTrajectory {
    pub case: Case,
    pub client: Client,
    pub case_fields: Fields,
    /// The last fixed PIP version.
    pub plan: Option<(Uuid, Plan)>,
    pub conversations: Vec<(Uuid, Conversation)>,
    pub dates: CaseDates,
}

pub(crate) fn read_case(s: &Session, case_id: Uuid) -> Result<CaseTrajectory, AppError> {
    let case_fields = s.store.get_kind(RecordKind::Case, case_id)?.state.fields;
    let case: Case = view(&case_fields);
    let client: Client = match case.client_id.as_deref().map(Uuid::parse_str) {
        Some(Ok(id)) => match s.store.get(id)? {
            Some(r) if r.kind == RecordKind::Client => view(&r.state.fields),
            _ => Client::default(),
        },
        _ => Client::default(),
    };
    let plan = crate::plan::versions_of(s, case_id)?
        .into_iter()
        .rev()
        .find(|(_, p)| p.is_fixed());
    let conversations = s
        .store
        .conversations_of_case(case_id)?
        .into_iter()
        .map(|id| {
            Ok((
                id,
                view(&s.store.get_kind(RecordKind::Conversation, id)?.state.fields),
            ))
        })
        .collect::<Result<Vec<(Uuid, Conversation)>, AppError>>()?;
    let mut dates = CaseDates::from_records(&client, &case);
    dates.rules = trajectory_rules(s);
    let statuses = goal_statuses(&case_fields);
    if let Some((_, p)) = &plan {
        dates.progress_reviews = p.review_dates();
        dates.actions = action_dates(p, &statuses);
        dates.z_route = is_z_route(p);
    }
    dates.held_reviews = conversations
        .iter()
        .filter_map(|(_, c)| held_review(c))
        .collect();
    Ok(CaseTrajectory {
        case,
        client,
        case_fields,
        plan,
        conversations,
        dates,
    })
}

/// Whether a plan is on the legal Z-route.
fn is_z_route(plan: &Plan) -> bool {
    plan.route.as_deref() == Some("z")
}

fn trajectory_view(s: &Session, case_id: Uuid) -> Result<TrajectoryView, AppError> {
    let t = read_case(s, case_id)?;
    let today = today();
    let deadlines = case_deadlines(&t.dates, &terms(s)?, today);
    let statuses = goal_statuses(&t.case_fields);
    let status_of = |key: &str| statuses.get(key).cloned();
    let goals = t
        .plan
        .as_ref()
        .map(|(_, p)| {
            p.subgoals
                .iter()
                .enumerate()
                .map(|(gi, g)| GoalView {
                    key: goal_key(gi, g),
                    goal: g.goal.clone(),
                    status: status_of(&goal_key(gi, g)),
                    actions: g
                        .actions
                        .iter()
                        .enumerate()
                        .map(|(ai, a)| ActionView {
                            key: action_key(gi, g, ai, a),
                            party: a.party.clone(),
                            partner_name: a.partner_name.clone(),
                            action: a.action.clone(),
                            due_on: a.due_on.clone(),
                            status: status_of(&action_key(gi, g, ai, a)),
                        })
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let reviews: Vec<PlannedReviewView> = deadlines
        .iter()
        .filter(|d| d.kind == DeadlineKind::ProgressReview)
        .filter_map(|d| {
            Some(PlannedReviewView {
                on: ymd(d.due?),
                deadline: deadline_view(d),
            })
        })
        .collect();
    let open = |d: &&PlannedReviewView| {
        matches!(
            d.deadline.state,
            DeadlineState::Open | DeadlineState::DueSoon
        )
    };
    let months = t
        .dates
        .rules
        .review_interval_months(t.client.target_group.as_deref());
    let fixed_on = t.plan.as_ref().and_then(|(_, p)| p.fixed_date());
    let mut held_reviews: Vec<HeldReviewView> = t
        .conversations
        .iter()
        .filter_map(|(id, c)| {
            let h = held_review(c)?;
            Some(HeldReviewView {
                conversation_id: id.to_string(),
                on: ymd(h.on),
                review_for: h.fulfils.map(ymd),
            })
        })
        .collect();
    held_reviews.sort_by(|a, b| a.on.cmp(&b.on));
    let z_months = z_hours(&t.case_fields);
    let totals = z_totals(&z_months);
    Ok(TrajectoryView {
        case_id: case_id.to_string(),
        plan_id: t.plan.as_ref().map(|(id, _)| id.to_string()),
        plan_version: t.plan.as_ref().and_then(|(_, p)| p.version),
        goals,
        next_review: reviews.iter().find(open).map(|r| r.on.clone()),
        missed_reviews: reviews
            .iter()
            .filter(|r| r.deadline.state == DeadlineState::Overdue)
            .count() as u32,
        reviews,
        held_reviews,
        review_interval_months: months,
        review_required: deadlines
            .iter()
            .find(|d| d.kind == DeadlineKind::ReviewInterval)
            .map(deadline_view),
        plan_gaps: fixed_on
            .map(|f| review_plan_gaps(f, &t.dates.progress_reviews, months))
            .unwrap_or_default()
            .into_iter()
            .map(ymd)
            .collect(),
        term: deadlines
            .iter()
            .find(|d| d.kind == DeadlineKind::InburgeringTerm)
            .map(deadline_view),
        term_extensions: t.case.term_extensions.clone(),
        duty_decision: t.case.duty_decision.clone(),
        z_route: t.dates.z_route,
        z_months: z_months
            .into_iter()
            .map(|(period, hours)| ZMonthView { period, hours })
            .collect(),
        z_totals: totals,
        z_final: deadlines
            .iter()
            .find(|d| d.kind == DeadlineKind::ZFinalConversation)
            .map(deadline_view),
    })
}

/// The keys of the goals and actions of a plan.
fn keys_of(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    for (gi, g) in plan.subgoals.iter().enumerate() {
        out.push(goal_key(gi, g));
        for (ai, a) in g.actions.iter().enumerate() {
            out.push(action_key(gi, g, ai, a));
        }
    }
    out
}

fn extension_error(e: ExtensionRefusal) -> AppError {
    let code = serde_json::to_value(e)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    AppError::new("term_extension").arg("refusal", code)
}

fn date_or_today(s: Option<&str>) -> Result<NaiveDate, AppError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(today()),
        Some(s) => parse_date(Some(s)).ok_or_else(|| AppError::new("date_invalid")),
    }
}

impl AppService {
    pub fn case_trajectory(&self, case_id: &str) -> Result<TrajectoryView, AppError> {
        let case_id = parse_id(case_id)?;
        self.with_session(|s| trajectory_view(s, case_id))
    }

    /// Gives a goal or an action of the case's last fixed PIP a status (with the date and,
    /// for not reached or stopped, the reason). One case field per goal, so statuses set on
    /// two laptops merge.
    pub fn set_goal_status(&self, req: SetGoalStatusRequest) -> Result<TrajectoryView, AppError> {
        let case_id = parse_id(&req.case_id)?;
        let conversation = req
            .conversation_id
            .as_deref()
            .filter(|c| !c.is_empty())
            .map(parse_id)
            .transpose()?;
        let on = date_or_today(req.on.as_deref())?;
        self.with_session(|s| {
            let t = read_case(s, case_id)?;
            let plan = t
                .plan
                .as_ref()
                .ok_or_else(|| AppError::new("no_fixed_plan"))?;
            if !keys_of(&plan.1).contains(&req.key) {
                return Err(AppError::new("goal_not_found"));
            }
            if let Some(c) = conversation {
                if !t.conversations.iter().any(|(id, _)| *id == c) {
                    return Err(AppError::new("record_not_found"));
                }
            }
            let status = GoalStatus {
                status: req.status.clone(),
                on: ymd(on),
                reason: req
                    .reason
                    .clone()
                    .map(|r| r.trim().to_owned())
                    .filter(|r| !r.is_empty()),
                conversation_id: conversation.map(|c| c.to_string()),
            };
            let value = serde_json::to_value(&status).map_err(|_| AppError::new("internal"))?;
            let mut fields = Fields::new();
            fields.insert(format!("{GOAL_STATUS_PREFIX}{}", req.key), value);
            s.store.write(RecordKind::Case, case_id, fields)?;
            trajectory_view(s, case_id)
        })
    }

    /// Extends the inburgeringstermijn to a new end, with its reason.
    pub fn extend_term(&self, req: ExtendTermRequest) -> Result<TrajectoryView, AppError> {
        let case_id = parse_id(&req.case_id)?;
        let new_end =
            parse_date(Some(&req.new_end)).ok_or_else(|| AppError::new("date_invalid"))?;
        let decided_on = date_or_today(req.decided_on.as_deref())?;
        self.with_session(|s| {
            let t = read_case(s, case_id)?;
            let current = term_end(t.dates.pip_decided, &t.case.term_extensions, &t.dates.rules);
            check_extension(current, new_end, &req.reason).map_err(extension_error)?;
            let mut extensions = t.case.term_extensions.clone();
            extensions.push(TermExtension {
                new_end: ymd(new_end),
                reason: req.reason.trim().to_owned(),
                decided_on: ymd(decided_on),
            });
            let value = serde_json::to_value(&extensions).map_err(|_| AppError::new("internal"))?;
            let mut fields = Fields::new();
            fields.insert("term_extensions".into(), value);
            s.store.write(RecordKind::Case, case_id, fields)?;
            trajectory_view(s, case_id)
        })
    }
}

/// What the lists across cases need of a case besides its own record.
#[derive(Default)]
pub(crate) struct CaseExtras {
    /// The last fixed PIP version.
    pub plan: Option<Plan>,
    pub held: Vec<aankomst_core::trajectory::HeldReview>,
}

/// The last fixed PIP and the held reviews of every case: one pass over plans and one over
/// conversations, so the lists stay quick with thousands of clients.
pub(crate) fn all_case_extras(s: &Session) -> Result<BTreeMap<Uuid, CaseExtras>, AppError> {
    let mut plans: BTreeMap<Uuid, (i32, Plan)> = BTreeMap::new();
    s.store.for_each_of_kind(RecordKind::Plan, |_, state| {
        let plan: Plan = view(&state.fields);
        let Some(Ok(case)) = plan.case_id.as_deref().map(Uuid::parse_str) else {
            return;
        };
        let version = plan.version.unwrap_or_default();
        if plan.is_fixed() && plans.get(&case).is_none_or(|(v, _)| *v < version) {
            plans.insert(case, (version, plan));
        }
    })?;
    let mut out: BTreeMap<Uuid, CaseExtras> = plans
        .into_iter()
        .map(|(case, (_, p))| {
            (
                case,
                CaseExtras {
                    plan: Some(p),
                    held: Vec::new(),
                },
            )
        })
        .collect();
    s.store
        .for_each_of_kind(RecordKind::Conversation, |_, state| {
            let c: Conversation = view(&state.fields);
            let Some(Ok(case)) = c.case_id.as_deref().map(Uuid::parse_str) else {
                return;
            };
            if let Some(h) = held_review(&c) {
                out.entry(case).or_default().held.push(h);
            }
        })?;
    Ok(out)
}

/// Fills a case's dates from its extras and its goal statuses.
pub(crate) fn fill_dates(
    dates: &mut CaseDates,
    extras: Option<&CaseExtras>,
    case_fields: &Fields,
    rules: &TrajectoryRules,
) {
    dates.rules = rules.clone();
    let Some(extras) = extras else {
        return;
    };
    if let Some(p) = &extras.plan {
        dates.progress_reviews = p.review_dates();
        dates.actions = action_dates(p, &goal_statuses(case_fields));
        dates.z_route = is_z_route(p);
    }
    dates.held_reviews = extras.held.clone();
}
