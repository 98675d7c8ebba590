//! Request and response types of the IPC boundary, exported to TypeScript by ts-rs
//! (`ui/src/lib/bindings/`). No 64-bit integers: JavaScript numbers cannot hold them.

use aankomst_core::records::{Case, Client, Conversation, ConversationWarning, Household};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InstanceState {
    Ok,
    AlreadyRunning,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppStatus {
    pub instance: InstanceState,
    pub profiles: Vec<ProfileSummary>,
    pub session: Option<SessionInfo>,
    pub language: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProfileSummary {
    pub id: String,
    pub name: String,
    pub demo: bool,
    pub created_at: String,
    pub retry_after_secs: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SessionInfo {
    pub profile: ProfileSummary,
    pub auto_lock_minutes: u32,
    /// The administration on the client-facing view, while the client has the screen.
    pub client_view: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct CreateProfileRequest {
    pub name: String,
    pub passphrase: String,
    pub demo: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct UnlockRequest {
    pub profile_id: String,
    pub passphrase: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Settings {
    pub auto_lock_minutes: u32,
    pub language: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct CaseListRequest {
    pub text: String,
    pub status: String,
    pub country: String,
    pub location: String,
    pub limit: u32,
    /// Only the cases assigned to the counsellor of this profile (its name).
    pub mine: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CaseListRow {
    pub client_id: String,
    pub case_id: Option<String>,
    pub display_name: String,
    pub document_name: String,
    pub v_number: Option<String>,
    pub bsn: Option<String>,
    pub date_of_birth: Option<String>,
    pub age: Option<u32>,
    pub country: Option<String>,
    pub location: Option<String>,
    pub status: Option<String>,
    pub last_conversation: Option<String>,
    pub household_size: u32,
    pub demo: bool,
    /// The counsellor the case is assigned to.
    pub counsellor: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CaseList {
    pub rows: Vec<CaseListRow>,
    pub total_clients: u32,
    pub countries: Vec<String>,
    pub locations: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct CreateClientRequest {
    #[ts(type = "Record<string, unknown>")]
    pub fields: Value,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ClientView {
    pub id: String,
    pub client: Client,
    pub display_name: String,
    pub age: Option<u32>,
    pub cases: Vec<CaseView>,
    pub households: Vec<HouseholdView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CaseView {
    pub id: String,
    pub case: Case,
    pub conversations: Vec<ConversationSummary>,
    /// Who handed the case over to whom, when, with which note; oldest first.
    pub handovers: Vec<aankomst_core::handover::HandoverEntry>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HouseholdView {
    pub id: String,
    pub household: Household,
    pub members: Vec<HouseholdMemberView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HouseholdMemberView {
    pub client_id: String,
    pub display_name: String,
    pub role: String,
    pub nareiziger: bool,
    pub arrived_on: Option<String>,
    pub age: Option<u32>,
    pub has_case: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConversationSummary {
    pub id: String,
    pub starts_at: Option<String>,
    pub conversation_type: Option<String>,
    pub place: Option<String>,
    pub interpreter_mode: Option<String>,
    pub language_used: Option<String>,
    pub warnings: Vec<ConversationWarning>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConversationView {
    pub id: String,
    pub conversation: Conversation,
    pub warnings: Vec<ConversationWarning>,
    pub case_id: String,
    pub client_id: String,
    pub client_name: String,
    pub revision_count: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SaveFieldRequest {
    pub record_id: String,
    pub field: String,
    #[ts(type = "unknown")]
    pub value: Value,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SaveResult {
    pub rev_id: String,
    pub saved_at: String,
    pub warnings: Vec<ConversationWarning>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AddHouseholdMemberRequest {
    pub of_client_id: String,
    pub household_id: Option<String>,
    pub role: String,
    pub nareiziger: bool,
    /// For a *nareiziger*: when they arrived (YYYY-MM-DD), if known.
    pub arrived_on: Option<String>,
    pub create_case: bool,
    #[ts(type = "Record<string, unknown>")]
    pub fields: Value,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct LinkHouseholdMemberRequest {
    pub of_client_id: String,
    pub household_id: Option<String>,
    pub client_id: String,
    pub role: String,
    pub nareiziger: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct OpenCaseRequest {
    pub client_id: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct CreateConversationRequest {
    pub case_id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TimelineKind {
    Conversation,
    CaseOpened,
    StatusChanged,
    ClientRegistered,
    HouseholdChanged,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TimelineEntry {
    pub at: String,
    pub kind: TimelineKind,
    pub conversation: Option<ConversationSummary>,
    pub status: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LockReasonPayload {
    Idle,
    Manual,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LockedEvent {
    pub reason: LockReasonPayload,
}
