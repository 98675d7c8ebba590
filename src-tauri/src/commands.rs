//! Tauri commands: argument conversion and nothing else. A panic in a command body is
//! caught here and becomes an `internal` error, so none crosses IPC.

use aankomst_app::ipc::*;
use aankomst_app::{AppError, AppService, LockReason};
use aankomst_core::passphrase::PassphraseStrength;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use tauri::State;

type Service<'a> = State<'a, Arc<AppService>>;

fn guarded<T>(f: impl FnOnce() -> Result<T, AppError>) -> Result<T, AppError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        tracing::error!("a command panicked");
        Err(AppError::new("internal"))
    })
}

#[tauri::command]
async fn app_status(service: Service<'_>) -> Result<AppStatus, AppError> {
    guarded(|| service.app_status())
}

#[tauri::command]
async fn assess_passphrase(
    service: Service<'_>,
    passphrase: String,
    name: String,
) -> Result<PassphraseStrength, AppError> {
    guarded(|| Ok(service.assess_passphrase(&passphrase, &name)))
}

#[tauri::command]
async fn create_profile(
    service: Service<'_>,
    req: CreateProfileRequest,
) -> Result<SessionInfo, AppError> {
    guarded(|| service.create_profile(req))
}

#[tauri::command]
async fn unlock(service: Service<'_>, req: UnlockRequest) -> Result<SessionInfo, AppError> {
    guarded(|| service.unlock(req))
}

#[tauri::command]
async fn lock(service: Service<'_>) -> Result<(), AppError> {
    guarded(|| {
        service.lock(LockReason::Manual);
        Ok(())
    })
}

#[tauri::command]
async fn touch(service: Service<'_>) -> Result<(), AppError> {
    service.touch();
    Ok(())
}

#[tauri::command]
async fn set_language(service: Service<'_>, language: String) -> Result<(), AppError> {
    guarded(|| service.set_language(&language))
}

#[tauri::command]
async fn get_settings(service: Service<'_>) -> Result<Settings, AppError> {
    guarded(|| service.get_settings())
}

#[tauri::command]
async fn save_settings(service: Service<'_>, req: Settings) -> Result<(), AppError> {
    guarded(|| service.save_settings(req))
}

#[tauri::command]
async fn list_cases(service: Service<'_>, req: CaseListRequest) -> Result<CaseList, AppError> {
    guarded(|| service.list_cases(req))
}

#[tauri::command]
async fn create_client(
    service: Service<'_>,
    req: CreateClientRequest,
) -> Result<ClientView, AppError> {
    guarded(|| service.create_client(req))
}

#[tauri::command]
async fn get_client(service: Service<'_>, id: String) -> Result<ClientView, AppError> {
    guarded(|| service.get_client(&id))
}

#[tauri::command]
async fn save_field(service: Service<'_>, req: SaveFieldRequest) -> Result<SaveResult, AppError> {
    guarded(|| service.save_field(req))
}

#[tauri::command]
async fn add_household_member(
    service: Service<'_>,
    req: AddHouseholdMemberRequest,
) -> Result<ClientView, AppError> {
    guarded(|| service.add_household_member(req))
}

#[tauri::command]
async fn link_household_member(
    service: Service<'_>,
    req: LinkHouseholdMemberRequest,
) -> Result<ClientView, AppError> {
    guarded(|| service.link_household_member(req))
}

#[tauri::command]
async fn open_case(service: Service<'_>, req: OpenCaseRequest) -> Result<ClientView, AppError> {
    guarded(|| service.open_case(req))
}

#[tauri::command]
async fn create_conversation(
    service: Service<'_>,
    req: CreateConversationRequest,
) -> Result<ConversationView, AppError> {
    guarded(|| service.create_conversation(req))
}

#[tauri::command]
async fn get_conversation(service: Service<'_>, id: String) -> Result<ConversationView, AppError> {
    guarded(|| service.get_conversation(&id))
}

// snake_case like every other argument the UI sends (Tauri's default would be `caseId`).
#[tauri::command(rename_all = "snake_case")]
async fn case_timeline(
    service: Service<'_>,
    case_id: String,
) -> Result<Vec<TimelineEntry>, AppError> {
    guarded(|| service.case_timeline(&case_id))
}

/// Every command, for `Builder::invoke_handler`; generic so tests can use the mock runtime.
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![
        app_status,
        assess_passphrase,
        create_profile,
        unlock,
        lock,
        touch,
        set_language,
        get_settings,
        save_settings,
        list_cases,
        create_client,
        get_client,
        save_field,
        add_household_member,
        link_household_member,
        open_case,
        create_conversation,
        get_conversation,
        case_timeline,
    ]
}
