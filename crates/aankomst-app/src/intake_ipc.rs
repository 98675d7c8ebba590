//! IPC types of the brede intake's conversation guide, money during ontzorgen and the
//! household view. Exported to TypeScript by ts-rs like the rest of [`crate::ipc`].
//! Amounts are integer cents (`i32`: no 64-bit integers cross IPC).

use crate::ipc::ConversationSummary;
use aankomst_core::guide::{GuideEntry, GuideState, GuideTopicSpec};
use aankomst_core::money::{
    Allowance, AllowanceState, FixedCost, FixedCostState, FixedCostWarning, Leefgeld,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The guide as a conversation shows it: the topics, what this conversation recorded, and
/// the client's guide so far (all conversations).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConversationGuide {
    pub conversation_id: String,
    pub client_id: String,
    pub topics: Vec<GuideTopicSpec>,
    /// This conversation's entries, by topic id.
    pub entries: Vec<TopicEntry>,
    pub state: GuideState,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TopicEntry {
    pub topic: String,
    pub entry: GuideEntry,
}

/// One topic's entry in one conversation; `entry` null removes it from the conversation.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SaveGuideEntryRequest {
    pub conversation_id: String,
    pub topic: String,
    #[ts(
        type = "{ status: string, reason?: string | null, values?: Record<string, unknown>, notes?: string | null } | null"
    )]
    pub entry: serde_json::Value,
}

/// A client's guide across every conversation: the "ready for the PIP?" overview.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ClientGuide {
    pub client_id: String,
    pub client_name: String,
    pub topics: Vec<GuideTopicSpec>,
    pub state: GuideState,
    /// The client's conversations, newest first, to say where each topic was discussed.
    pub conversations: Vec<ConversationSummary>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FixedCostView {
    pub kind: String,
    /// Internet and phone: included only when the municipality and client agree.
    pub optional: bool,
    /// Whether anything was recorded for it.
    pub recorded: bool,
    pub cost: FixedCost,
    pub state: FixedCostState,
    pub warnings: Vec<FixedCostWarning>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AllowanceView {
    pub kind: String,
    pub allowance: Allowance,
    pub state: AllowanceState,
    /// Applied more than three months ago and nothing received (001 §3.2.2: 2–3 months).
    pub late: bool,
}

/// A financial self-reliance measurement with its level.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FinancialMeasurement {
    pub administration_id: String,
    pub conversation_id: String,
    pub at: String,
    pub status: String,
    /// `onvoldoende`, `beperkt`, `voldoende`; None while incomplete or left to the assessor.
    pub level: Option<String>,
    pub level_display: Option<String>,
    /// A tie or fallback rule decided: the assessor should confirm.
    pub needs_confirmation: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MoneyView {
    pub client_id: String,
    pub case_id: String,
    pub ontzorgen_started_on: Option<String>,
    /// The start plus the municipality's ontzorgen term (6 months by default).
    pub ontzorgen_ends_on: Option<String>,
    pub ontzorgen_months: u32,
    pub benefit_monthly_cents: Option<i32>,
    pub other_income_monthly_cents: Option<i32>,
    pub costs: Vec<FixedCostView>,
    pub allowances: Vec<AllowanceView>,
    /// This month's leefgeld; None without a benefit amount.
    pub leefgeld: Option<Leefgeld>,
    /// Each month of ontzorgen (empty without a start date or benefit amount).
    pub projection: Vec<Leefgeld>,
    /// First and repeat measurements, oldest first.
    pub measurements: Vec<FinancialMeasurement>,
    pub today: String,
}

/// A fixed cost as the form sends it: the amount as typed (euros, Dutch or English
/// style), dates as `YYYY-MM-DD` or empty.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SaveFixedCostRequest {
    pub case_id: String,
    pub kind: String,
    pub amount: String,
    pub creditor: String,
    pub authorised_on: String,
    pub direct_debit_stopped_on: String,
    pub no_direct_debit: bool,
    pub payment_started_on: String,
    pub phase_out_on: String,
    pub ended_on: String,
    pub client_pays: bool,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SaveAllowanceRequest {
    pub case_id: String,
    pub kind: String,
    pub applied_on: String,
    pub received_on: String,
    pub monthly: String,
    pub not_applicable: bool,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SaveIncomeRequest {
    pub case_id: String,
    pub benefit: String,
    pub other: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MemberAlert {
    /// An adult without an integration case: no intake (process.md §12, pain point 44).
    NoIntake,
    /// An adult with a case but no guide entry in any conversation yet.
    IntakeNotStarted,
    /// A nareiziger who has not arrived yet.
    NotArrived,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct GuideProgress {
    pub done: u32,
    pub total: u32,
    pub mandatory_missing: u32,
    pub ready_for_pip: bool,
    pub conversations: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OntzorgenSummary {
    pub case_id: String,
    pub started_on: Option<String>,
    pub ends_on: Option<String>,
    /// Costs the municipality pays now.
    pub costs_running: u32,
    /// Warnings on costs and late toeslagen.
    pub warnings: u32,
    pub leefgeld_cents: Option<i32>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MemberOverview {
    pub client_id: String,
    pub display_name: String,
    pub role: String,
    pub nareiziger: bool,
    pub arrived_on: Option<String>,
    pub expected_on: Option<String>,
    pub age: Option<u32>,
    /// 18 or older, or of unknown age in an adult's role (referent, partner, parent).
    pub adult: bool,
    pub case_id: Option<String>,
    pub case_status: Option<String>,
    pub pip_decided_on: Option<String>,
    pub guide: Option<GuideProgress>,
    pub ontzorgen: Option<OntzorgenSummary>,
    pub alerts: Vec<MemberAlert>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HouseholdOverview {
    pub id: String,
    pub label: Option<String>,
    pub members: Vec<MemberOverview>,
}

/// A nareiziger's expected and actual arrival (`YYYY-MM-DD` or empty).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SetMemberArrivalRequest {
    pub household_id: String,
    pub client_id: String,
    pub expected_on: String,
    pub arrived_on: String,
}
