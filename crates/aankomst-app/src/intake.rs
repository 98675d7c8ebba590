//! Commands of the brede intake beyond single fields: the conversation guide (entries per
//! conversation, the client's guide and the "ready for the PIP?" overview), money during
//! ontzorgen, and the household view. The rules live in `aankomst_core::guide` and
//! `aankomst_core::money`; this module reads and writes the records.

use crate::error::AppError;
use crate::intake_ipc::*;
use crate::screening::score_stored;
use crate::service::{conversation_summary, linked_id, parse_id, today, AppService, Session};
use aankomst_core::audit::AuditAction;
use aankomst_core::deadlines::{parse_date, Terms};
use aankomst_core::guide::{
    entries_of, guide_state, topic, topic_specs, ConversationEntries, GuideState, GUIDE_PREFIX,
};
use aankomst_core::money::{
    ontzorgen_end, parse_euros, AmountError, Budget, FixedCostState, ALLOWANCES, ALLOWANCE_PREFIX,
    FIXED_COSTS, FIXED_COST_PREFIX, OPTIONAL_FIXED_COSTS,
};
use aankomst_core::records::{view, Administration, Case, Client, Conversation, Household};
use aankomst_core::{Fields, RecordKind};
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};
use uuid::Uuid;

/// The record-only form the leerbaarheidstoets result is entered in (instruments.md §16).
const LEARNABILITY_DEFINITION: &str = "leerbaarheidstoets";
const FINANCIAL_DEFINITION: &str = "financiele-zelfredzaamheid";
const ADULT_ROLES: &[&str] = &["referent", "partner", "parent"];

fn is_open(case: &Case) -> bool {
    !matches!(case.status.as_deref(), Some("completed" | "closed"))
}

/// The client's cases, the open ones first (oldest first within each group).
fn cases_of(s: &Session, client: Uuid) -> Result<Vec<(Uuid, Case)>, AppError> {
    let mut cases = Vec::new();
    for id in s.store.cases_of_client(client)? {
        cases.push((
            id,
            view::<Case>(&s.store.get_kind(RecordKind::Case, id)?.state.fields),
        ));
    }
    cases.sort_by_key(|(_, c)| !is_open(c));
    Ok(cases)
}

/// The guide entries of every conversation of every case of a client, and the
/// conversations themselves.
fn client_conversations(
    s: &Session,
    client: Uuid,
) -> Result<
    (
        Vec<ConversationEntries>,
        Vec<crate::ipc::ConversationSummary>,
    ),
    AppError,
> {
    let mut entries = Vec::new();
    let mut summaries = Vec::new();
    for (case_id, _) in cases_of(s, client)? {
        for conversation in s.store.conversations_of_case(case_id)? {
            let fields = s
                .store
                .get_kind(RecordKind::Conversation, conversation)?
                .state
                .fields;
            let c: Conversation = view(&fields);
            entries.push(ConversationEntries {
                conversation_id: conversation.to_string(),
                starts_at: c.starts_at.clone(),
                entries: entries_of(&fields),
            });
            summaries.push(conversation_summary(conversation, &c));
        }
    }
    summaries.sort_by(|a, b| b.starts_at.cmp(&a.starts_at));
    Ok((entries, summaries))
}

/// The latest completed leerbaarheidstoets administration of a client.
fn learnability_administration(s: &Session, client: Uuid) -> Result<Option<String>, AppError> {
    let mut found = None;
    for (id, definition) in s.store.administrations_of_client(client)? {
        if definition != LEARNABILITY_DEFINITION {
            continue;
        }
        let a: Administration = view(
            &s.store
                .get_kind(RecordKind::Administration, id)?
                .state
                .fields,
        );
        if a.is_completed() {
            found = Some(id.to_string());
        }
    }
    Ok(found)
}

pub(crate) fn client_guide_state(s: &Session, client: Uuid) -> Result<GuideState, AppError> {
    let (entries, _) = client_conversations(s, client)?;
    Ok(guide_state(
        entries,
        learnability_administration(s, client)?,
    ))
}

fn case_client(s: &Session, conversation: &Conversation) -> Result<Uuid, AppError> {
    let case_id = linked_id(conversation.case_id.as_deref())?;
    let case: Case = view(&s.store.get_kind(RecordKind::Case, case_id)?.state.fields);
    linked_id(case.client_id.as_deref())
}

fn conversation_guide(s: &Session, id: Uuid) -> Result<ConversationGuide, AppError> {
    let fields = s.store.get_kind(RecordKind::Conversation, id)?.state.fields;
    let conversation: Conversation = view(&fields);
    let client = case_client(s, &conversation)?;
    Ok(ConversationGuide {
        conversation_id: id.to_string(),
        client_id: client.to_string(),
        topics: topic_specs(),
        entries: entries_of(&fields)
            .into_iter()
            .map(|(topic, entry)| TopicEntry { topic, entry })
            .collect(),
        state: client_guide_state(s, client)?,
    })
}

// ---- money ------------------------------------------------------------------------------

/// The deadline terms: the active municipal policy's.
fn terms(s: &Session) -> Result<Terms, AppError> {
    crate::policy::terms_of(&s.store)
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn budget_of(fields: &Fields) -> Budget {
    let cents = |name: &str| fields.get(name).and_then(Value::as_i64);
    Budget {
        benefit_monthly_cents: cents("benefit_monthly_cents"),
        other_income_monthly_cents: cents("other_income_monthly_cents"),
        // The four legal costs count even when nothing is recorded for them yet: a
        // leefgeld without them is incomplete (`costs_without_amount`), not higher.
        fixed_costs: FIXED_COSTS
            .iter()
            .filter_map(|k| {
                let stored = fields
                    .get(&format!("{FIXED_COST_PREFIX}{k}"))
                    .and_then(|v| serde_json::from_value(v.clone()).ok());
                match stored {
                    Some(cost) => Some(((*k).to_owned(), cost)),
                    None if !OPTIONAL_FIXED_COSTS.contains(k) => {
                        Some(((*k).to_owned(), Default::default()))
                    }
                    None => None,
                }
            })
            .collect(),
        allowances: ALLOWANCES
            .iter()
            .filter_map(|k| {
                let v = fields.get(&format!("{ALLOWANCE_PREFIX}{k}"))?;
                Some(((*k).to_owned(), serde_json::from_value(v.clone()).ok()?))
            })
            .collect(),
    }
}

fn measurements(s: &Session, client: Uuid) -> Result<Vec<FinancialMeasurement>, AppError> {
    let mut out = Vec::new();
    for (id, definition) in s.store.administrations_of_client(client)? {
        if definition != FINANCIAL_DEFINITION {
            continue;
        }
        let fields = s
            .store
            .get_kind(RecordKind::Administration, id)?
            .state
            .fields;
        let a: Administration = view(&fields);
        let category = if a.is_completed() {
            score_stored(&s.registry, &fields).and_then(|r| r.category)
        } else {
            None
        };
        out.push(FinancialMeasurement {
            administration_id: id.to_string(),
            conversation_id: a.conversation_id.clone().unwrap_or_default(),
            at: a
                .completed_at
                .clone()
                .or(a.started_at.clone())
                .unwrap_or_default(),
            status: a.status.clone().unwrap_or_default(),
            level: category.as_ref().and_then(|c| c.code.clone()),
            level_display: category.as_ref().and_then(|c| c.display.clone()),
            needs_confirmation: category
                .as_ref()
                .is_some_and(|c| c.decided_by.needs_confirmation()),
        });
    }
    Ok(out)
}

struct CaseMoney {
    view: MoneyView,
    warnings: u32,
    running: u32,
}

fn money_of_case(
    s: &Session,
    client: Uuid,
    case_id: Uuid,
    today: NaiveDate,
) -> Result<CaseMoney, AppError> {
    let fields = s.store.get_kind(RecordKind::Case, case_id)?.state.fields;
    let case: Case = view(&fields);
    let terms = terms(s)?;
    let start = parse_date(case.ontzorgen_started_on.as_deref());
    let end = start.and_then(|st| ontzorgen_end(st, terms.ontzorgen_months));
    let budget = budget_of(&fields);
    let mut warnings = 0u32;
    let mut running = 0u32;
    let costs: Vec<FixedCostView> = FIXED_COSTS
        .iter()
        .filter_map(|k| {
            let recorded = fields.contains_key(&format!("{FIXED_COST_PREFIX}{k}"));
            let stored = budget.fixed_costs.iter().find(|(kind, _)| kind == k);
            let optional = OPTIONAL_FIXED_COSTS.contains(k);
            if optional && stored.is_none() {
                return None;
            }
            let cost = stored.map(|(_, c)| c.clone()).unwrap_or_default();
            let state = cost.state(today);
            let w = cost.warnings(today, end);
            warnings += w.len() as u32;
            if state == FixedCostState::PaymentRunning {
                running += 1;
            }
            Some(FixedCostView {
                kind: (*k).to_owned(),
                optional,
                recorded,
                cost,
                state,
                warnings: w,
            })
        })
        .collect();
    let allowances: Vec<AllowanceView> = ALLOWANCES
        .iter()
        .map(|k| {
            let allowance = budget
                .allowances
                .iter()
                .find(|(kind, _)| kind == k)
                .map(|(_, a)| a.clone())
                .unwrap_or_default();
            let late = allowance.is_late(today);
            if late {
                warnings += 1;
            }
            AllowanceView {
                kind: (*k).to_owned(),
                state: allowance.state(today),
                late,
                allowance,
            }
        })
        .collect();
    let to_i32 = |n: Option<i64>| n.map(|n| n as i32);
    let view = MoneyView {
        client_id: client.to_string(),
        case_id: case_id.to_string(),
        ontzorgen_started_on: start.map(ymd),
        ontzorgen_ends_on: end.map(ymd),
        ontzorgen_months: terms.ontzorgen_months,
        benefit_monthly_cents: to_i32(budget.benefit_monthly_cents),
        other_income_monthly_cents: to_i32(budget.other_income_monthly_cents),
        costs,
        allowances,
        leefgeld: budget.leefgeld_on(first_of_month(today)),
        projection: start
            .map(|st| budget.projection(st, terms.ontzorgen_months))
            .unwrap_or_default(),
        measurements: measurements(s, client)?,
        today: ymd(today),
    };
    Ok(CaseMoney {
        view,
        warnings,
        running,
    })
}

/// The case a client's money is kept on: their open case, else their latest.
fn money_case(s: &Session, client: Uuid) -> Result<Uuid, AppError> {
    cases_of(s, client)?
        .first()
        .map(|(id, _)| *id)
        .ok_or_else(|| AppError::new("no_case"))
}

fn amount_error(e: AmountError) -> AppError {
    let code = match e {
        AmountError::Shape => "amount_shape",
        AmountError::TooPrecise => "amount_too_precise",
        AmountError::OutOfRange => "amount_out_of_range",
    };
    AppError::new("field").arg("error", code)
}

/// An amount as typed; empty means "not known".
fn amount(text: &str, field: &str) -> Result<Value, AppError> {
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    parse_euros(text).map(Value::from).map_err(|e| {
        let mut err = amount_error(e);
        err.field = Some(field.to_owned());
        err
    })
}

/// A JSON object with the non-empty parts only.
fn compact(pairs: Vec<(&str, Value)>) -> Value {
    let mut out = serde_json::Map::new();
    for (k, v) in pairs {
        let empty = v.is_null()
            || v.as_str().is_some_and(|s| s.trim().is_empty())
            || v.as_bool() == Some(false);
        if !empty {
            out.insert(k.to_owned(), v);
        }
    }
    Value::Object(out)
}

fn write_case_field(
    s: &mut Session,
    case_id: Uuid,
    field: String,
    value: Value,
) -> Result<(), AppError> {
    s.store.get_kind(RecordKind::Case, case_id)?;
    let mut fields = Fields::new();
    fields.insert(field, value);
    s.store.write(RecordKind::Case, case_id, fields)?;
    Ok(())
}

fn client_of_case(s: &Session, case_id: Uuid) -> Result<Uuid, AppError> {
    let case: Case = view(&s.store.get_kind(RecordKind::Case, case_id)?.state.fields);
    linked_id(case.client_id.as_deref())
}

// ---- the household view -----------------------------------------------------------------

fn member_overview(
    s: &Session,
    m: &aankomst_core::records::HouseholdMember,
    today: NaiveDate,
) -> Result<Option<MemberOverview>, AppError> {
    let Ok(id) = Uuid::parse_str(&m.client_id) else {
        return Ok(None);
    };
    let Some(record) = s.store.get(id)? else {
        return Ok(None);
    };
    let client: Client = view(&record.state.fields);
    let age = client.minimum_age_on(today);
    let adult = match age {
        Some(a) => a >= 18,
        None => ADULT_ROLES.contains(&m.role.as_str()),
    };
    let cases = cases_of(s, id)?;
    let case = cases.first();
    let guide = match case {
        Some(_) => {
            let state = client_guide_state(s, id)?;
            Some(GuideProgress {
                done: state.done,
                total: state.total,
                mandatory_missing: state.mandatory_missing,
                ready_for_pip: state.ready_for_pip,
                conversations: state.conversations,
            })
        }
        None => None,
    };
    let ontzorgen = match case {
        Some((case_id, c)) if c.ontzorgen_started_on.is_some() => {
            let money = money_of_case(s, id, *case_id, today)?;
            Some(OntzorgenSummary {
                case_id: case_id.to_string(),
                started_on: money.view.ontzorgen_started_on.clone(),
                ends_on: money.view.ontzorgen_ends_on.clone(),
                costs_running: money.running,
                warnings: money.warnings,
                leefgeld_cents: money.view.leefgeld.as_ref().map(|l| l.now),
            })
        }
        _ => None,
    };
    let nareiziger = m.nareiziger.unwrap_or(false);
    let mut alerts = Vec::new();
    if nareiziger && m.arrived_on.is_none() {
        alerts.push(MemberAlert::NotArrived);
    } else if adult && case.is_none() {
        alerts.push(MemberAlert::NoIntake);
    } else if adult && guide.as_ref().is_some_and(|g| g.conversations == 0) {
        alerts.push(MemberAlert::IntakeNotStarted);
    }
    Ok(Some(MemberOverview {
        client_id: m.client_id.clone(),
        display_name: client.display_name(),
        role: m.role.clone(),
        nareiziger,
        arrived_on: m.arrived_on.clone(),
        expected_on: m.expected_on.clone(),
        age,
        adult,
        case_id: case.map(|(id, _)| id.to_string()),
        case_status: case.and_then(|(_, c)| c.status.clone()),
        pip_decided_on: case.and_then(|(_, c)| c.pip_decided_on.clone()),
        guide,
        ontzorgen,
        alerts,
    }))
}

impl AppService {
    /// The guide's topics and fields (the same for every client).
    pub fn guide_topics(&self) -> Vec<aankomst_core::guide::GuideTopicSpec> {
        topic_specs()
    }

    pub fn get_conversation_guide(
        &self,
        conversation_id: &str,
    ) -> Result<ConversationGuide, AppError> {
        let id = parse_id(conversation_id)?;
        self.with_session(|s| {
            let guide = conversation_guide(s, id)?;
            s.audit_record(AuditAction::Read, id)?;
            Ok(guide)
        })
    }

    /// Records (or, with a null entry, removes) one topic's entry in a conversation, as
    /// one revision of the conversation's `guide/<topic>` field.
    pub fn save_guide_entry(
        &self,
        req: SaveGuideEntryRequest,
    ) -> Result<ConversationGuide, AppError> {
        let id = parse_id(&req.conversation_id)?;
        if topic(&req.topic).is_none() {
            return Err(AppError::new("guide_topic_unknown"));
        }
        self.with_session(|s| {
            s.store.get_kind(RecordKind::Conversation, id)?;
            let mut fields = Fields::new();
            fields.insert(format!("{GUIDE_PREFIX}{}", req.topic), req.entry);
            s.store.write(RecordKind::Conversation, id, fields)?;
            conversation_guide(s, id)
        })
    }

    /// A client's guide across all their conversations: the "ready for the PIP?" overview.
    pub fn client_guide(&self, client_id: &str) -> Result<ClientGuide, AppError> {
        let id = parse_id(client_id)?;
        self.with_session(|s| {
            let client: Client = view(&s.store.get_kind(RecordKind::Client, id)?.state.fields);
            let (entries, conversations) = client_conversations(s, id)?;
            s.audit_record(AuditAction::Read, id)?;
            Ok(ClientGuide {
                client_id: id.to_string(),
                client_name: client.display_name(),
                topics: topic_specs(),
                state: guide_state(entries, learnability_administration(s, id)?),
                conversations,
            })
        })
    }

    pub fn client_money(&self, client_id: &str) -> Result<MoneyView, AppError> {
        self.client_money_on(client_id, today())
    }

    /// The same on another date (tests).
    pub fn client_money_on(
        &self,
        client_id: &str,
        today: NaiveDate,
    ) -> Result<MoneyView, AppError> {
        let id = parse_id(client_id)?;
        self.with_session(|s| {
            s.store.get_kind(RecordKind::Client, id)?;
            let case_id = money_case(s, id)?;
            let money = money_of_case(s, id, case_id, today)?.view;
            s.audit_record(AuditAction::Read, case_id)?;
            Ok(money)
        })
    }

    pub fn save_fixed_cost(&self, req: SaveFixedCostRequest) -> Result<MoneyView, AppError> {
        let case_id = parse_id(&req.case_id)?;
        if !FIXED_COSTS.contains(&req.kind.as_str()) {
            return Err(AppError::new("money_kind_unknown"));
        }
        let value = compact(vec![
            ("amount_cents", amount(&req.amount, "amount")?),
            ("creditor", json!(req.creditor.trim())),
            ("authorised_on", json!(req.authorised_on)),
            (
                "direct_debit_stopped_on",
                json!(req.direct_debit_stopped_on),
            ),
            ("no_direct_debit", json!(req.no_direct_debit)),
            ("payment_started_on", json!(req.payment_started_on)),
            ("phase_out_on", json!(req.phase_out_on)),
            ("ended_on", json!(req.ended_on)),
            ("client_pays", json!(req.client_pays)),
        ]);
        self.with_session(|s| {
            write_case_field(
                s,
                case_id,
                format!("{FIXED_COST_PREFIX}{}", req.kind),
                value,
            )?;
            let client = client_of_case(s, case_id)?;
            Ok(money_of_case(s, client, case_id, today())?.view)
        })
    }

    pub fn save_allowance(&self, req: SaveAllowanceRequest) -> Result<MoneyView, AppError> {
        let case_id = parse_id(&req.case_id)?;
        if !ALLOWANCES.contains(&req.kind.as_str()) {
            return Err(AppError::new("money_kind_unknown"));
        }
        let value = compact(vec![
            ("applied_on", json!(req.applied_on)),
            ("received_on", json!(req.received_on)),
            ("monthly_cents", amount(&req.monthly, "monthly")?),
            ("not_applicable", json!(req.not_applicable)),
        ]);
        self.with_session(|s| {
            write_case_field(s, case_id, format!("{ALLOWANCE_PREFIX}{}", req.kind), value)?;
            let client = client_of_case(s, case_id)?;
            Ok(money_of_case(s, client, case_id, today())?.view)
        })
    }

    pub fn save_income(&self, req: SaveIncomeRequest) -> Result<MoneyView, AppError> {
        let case_id = parse_id(&req.case_id)?;
        let benefit = amount(&req.benefit, "benefit")?;
        let other = amount(&req.other, "other")?;
        self.with_session(|s| {
            s.store.get_kind(RecordKind::Case, case_id)?;
            let mut fields = Fields::new();
            fields.insert("benefit_monthly_cents".into(), benefit);
            fields.insert("other_income_monthly_cents".into(), other);
            s.store.write(RecordKind::Case, case_id, fields)?;
            let client = client_of_case(s, case_id)?;
            Ok(money_of_case(s, client, case_id, today())?.view)
        })
    }

    /// Every household the client belongs to, with each member's intake progress, PIP
    /// date, ontzorgen and alerts.
    pub fn household_overview(&self, client_id: &str) -> Result<Vec<HouseholdOverview>, AppError> {
        let id = parse_id(client_id)?;
        self.with_session(|s| {
            s.store.get_kind(RecordKind::Client, id)?;
            let today = today();
            let mut out = Vec::new();
            for household_id in s.store.households_of_client(id)? {
                let household: Household = view(
                    &s.store
                        .get_kind(RecordKind::Household, household_id)?
                        .state
                        .fields,
                );
                let mut members = Vec::new();
                for m in &household.members {
                    if let Some(o) = member_overview(s, m, today)? {
                        members.push(o);
                    }
                }
                // Every member's file was read to build the view.
                for m in &members {
                    if let Ok(member) = Uuid::parse_str(&m.client_id) {
                        s.audit_record(AuditAction::Read, member)?;
                    }
                }
                out.push(HouseholdOverview {
                    id: household_id.to_string(),
                    label: household.label.clone(),
                    members,
                });
            }
            Ok(out)
        })
    }

    /// Sets a household member's expected and actual arrival (a nareiziger's).
    pub fn set_member_arrival(
        &self,
        req: SetMemberArrivalRequest,
    ) -> Result<Vec<HouseholdOverview>, AppError> {
        let household_id = parse_id(&req.household_id)?;
        let of = {
            let id = parse_id(&req.client_id)?;
            self.with_session(|s| {
                let mut household: Household = view(
                    &s.store
                        .get_kind(RecordKind::Household, household_id)?
                        .state
                        .fields,
                );
                let member = household
                    .members
                    .iter_mut()
                    .find(|m| m.client_id == id.to_string())
                    .ok_or_else(|| AppError::new("record_not_found"))?;
                let date = |d: &str| (!d.trim().is_empty()).then(|| d.trim().to_owned());
                member.expected_on = date(&req.expected_on);
                member.arrived_on = date(&req.arrived_on);
                let mut fields = Fields::new();
                fields.insert(
                    "members".into(),
                    serde_json::to_value(&household.members)
                        .map_err(|_| AppError::new("internal"))?,
                );
                s.store.write(RecordKind::Household, household_id, fields)?;
                Ok(id)
            })?
        };
        self.household_overview(&of.to_string())
    }
}
