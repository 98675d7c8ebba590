//! Tauri commands: argument conversion and nothing else. A panic in a command body is
//! caught here and becomes an `internal` error, so none crosses IPC.

use aankomst_app::audit::{
    AuditChainStatus, AuditEntryView, AuditSearchRequest, AuditSearchResult,
};
use aankomst_app::consent_ipc::*;
use aankomst_app::dashboard_ipc::*;
use aankomst_app::deadlines_ipc::*;
use aankomst_app::documents_ipc::*;
use aankomst_app::handover_ipc::*;
use aankomst_app::intake_ipc::*;
use aankomst_app::ipc::*;
use aankomst_app::plan_ipc::*;
use aankomst_app::screening_ipc::*;
use aankomst_app::sync_ipc::*;
use aankomst_app::{AppError, AppService, LockReason};
use aankomst_core::deadlines::Terms;
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
    blocking(&service, move |s| s.create_profile(req)).await
}

#[tauri::command]
async fn unlock(service: Service<'_>, req: UnlockRequest) -> Result<SessionInfo, AppError> {
    // Opening a session loads the sync engine, whose blocking HTTP client may not be made or
    // dropped on the async runtime's threads (tokio panics): see `blocking`.
    blocking(&service, move |s| s.unlock(req)).await
}

#[tauri::command]
async fn lock(service: Service<'_>) -> Result<(), AppError> {
    // Closing the session drops the sync engine's blocking HTTP client: off the async threads.
    blocking(&service, |s| {
        s.lock(LockReason::Manual);
        Ok(())
    })
    .await
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

// ---- audit trail ---------------------------------------------------------------------------

#[tauri::command(rename_all = "snake_case")]
async fn client_audit(
    service: Service<'_>,
    client_id: String,
) -> Result<Vec<AuditEntryView>, AppError> {
    guarded(|| service.client_audit(&client_id))
}

#[tauri::command]
async fn verify_audit_chain(service: Service<'_>) -> Result<AuditChainStatus, AppError> {
    guarded(|| service.verify_audit_chain())
}

#[tauri::command]
async fn audit_search(
    service: Service<'_>,
    req: AuditSearchRequest,
) -> Result<AuditSearchResult, AppError> {
    guarded(|| service.audit_search(req))
}

/// Writes a supervisor's audit search as CSV into the folder the user chose (the Downloads
/// folder when none is given), never over an existing file, readable by this user only, and
/// returns where it went. The export itself is recorded in the audit trail.
#[tauri::command]
async fn export_audit_csv<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    service: Service<'_>,
    req: AuditSearchRequest,
    directory: Option<String>,
) -> Result<String, AppError> {
    use tauri::Manager;
    guarded(|| {
        let dir = match directory
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            Some(d) => {
                let dir = std::path::PathBuf::from(d);
                if !dir.is_absolute() || !dir.is_dir() {
                    return Err(AppError::new("export_directory_invalid"));
                }
                dir
            }
            None => app
                .path()
                .download_dir()
                .or_else(|_| app.path().home_dir())
                .map_err(|_| AppError::new("export_failed"))?,
        };
        let export = service.export_audit_csv(req)?;
        let path = crate::files::write_new_private(&dir, &export.file_name, export.csv.as_bytes())
            .map_err(|e| {
                tracing::warn!(error = %e.kind(), "audit export could not be written");
                AppError::new("export_failed")
            })?;
        Ok(path.display().to_string())
    })
}

// ---- sync ----------------------------------------------------------------------------------
// Sync talks to the server with blocking HTTP: off the async runtime's threads. The same holds
// for every command that opens or closes a session, since the session owns the sync engine.

async fn blocking<T: Send + 'static>(
    service: &Arc<AppService>,
    f: impl FnOnce(&AppService) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let service = Arc::clone(service);
    tauri::async_runtime::spawn_blocking(move || guarded(|| f(&service)))
        .await
        .unwrap_or_else(|_| Err(AppError::new("internal")))
}

#[tauri::command]
async fn sync_status(service: Service<'_>) -> Result<SyncStatus, AppError> {
    guarded(|| service.sync_status())
}

#[tauri::command]
async fn enrol_device(service: Service<'_>, req: EnrolRequest) -> Result<SyncStatus, AppError> {
    blocking(&service, move |s| s.enrol_device(req)).await
}

#[tauri::command]
async fn sync_now(service: Service<'_>) -> Result<SyncReportView, AppError> {
    blocking(&service, |s| s.sync_now()).await
}

#[tauri::command]
async fn sync_ledger(service: Service<'_>) -> Result<Vec<LedgerLine>, AppError> {
    guarded(|| service.sync_ledger())
}

#[tauri::command]
async fn pending_devices(service: Service<'_>) -> Result<Vec<PendingDeviceView>, AppError> {
    blocking(&service, |s| s.pending_devices()).await
}

#[tauri::command]
async fn handover_case(
    service: Service<'_>,
    req: HandoverCaseRequest,
) -> Result<ClientView, AppError> {
    blocking(&service, move |s| s.handover_case(req)).await
}

#[tauri::command]
async fn handover_all(
    service: Service<'_>,
    req: HandoverAllRequest,
) -> Result<HandoverAllResult, AppError> {
    blocking(&service, move |s| s.handover_all(req)).await
}

#[tauri::command]
async fn counsellors(service: Service<'_>) -> Result<Vec<CounsellorOption>, AppError> {
    blocking(&service, |s| s.counsellors()).await
}

#[tauri::command]
async fn team_devices(service: Service<'_>) -> Result<Vec<ManagedDeviceView>, AppError> {
    blocking(&service, |s| s.team_devices()).await
}

#[tauri::command]
async fn issue_enrolment_code(
    service: Service<'_>,
    req: IssueEnrolmentCodeRequest,
) -> Result<EnrolmentCodeView, AppError> {
    blocking(&service, move |s| s.issue_enrolment_code(req)).await
}

#[tauri::command(rename_all = "snake_case")]
async fn revoke_device(
    service: Service<'_>,
    device_id: String,
) -> Result<ManagedDeviceView, AppError> {
    blocking(&service, move |s| s.revoke_device(&device_id)).await
}

#[tauri::command(rename_all = "snake_case")]
async fn grant_team_key(service: Service<'_>, device_id: String) -> Result<(), AppError> {
    blocking(&service, move |s| s.grant_team_key(&device_id)).await
}

#[tauri::command]
async fn import_team_key(service: Service<'_>, secret: String) -> Result<SyncStatus, AppError> {
    guarded(|| service.import_team_key(&secret))
}

#[tauri::command]
async fn set_offline_lock_days(service: Service<'_>, days: u32) -> Result<SyncStatus, AppError> {
    guarded(|| service.set_offline_lock_days(days))
}

#[tauri::command]
async fn list_conflicts(service: Service<'_>) -> Result<Vec<ConflictView>, AppError> {
    guarded(|| service.list_conflicts())
}

#[tauri::command]
async fn settle_conflict(service: Service<'_>, req: SettleConflictRequest) -> Result<(), AppError> {
    guarded(|| service.settle_conflict(req))
}

// ---- deadlines ----------------------------------------------------------------------------

#[tauri::command]
async fn list_deadlines(
    service: Service<'_>,
    filter: DeadlineFilter,
) -> Result<DeadlineList, AppError> {
    guarded(|| service.list_deadlines(filter))
}

#[tauri::command(rename_all = "snake_case")]
async fn case_deadlines(
    service: Service<'_>,
    case_id: String,
) -> Result<Vec<DeadlineView>, AppError> {
    guarded(|| service.case_deadlines(&case_id))
}

#[tauri::command]
async fn get_deadline_terms(service: Service<'_>) -> Result<Terms, AppError> {
    guarded(|| service.get_deadline_terms())
}

#[tauri::command]
async fn save_deadline_terms(service: Service<'_>, req: Terms) -> Result<(), AppError> {
    guarded(|| service.save_deadline_terms(req))
}

// ---- screening ----------------------------------------------------------------------------

#[tauri::command]
async fn list_instruments(service: Service<'_>) -> Result<Vec<InstrumentSummary>, AppError> {
    guarded(|| service.list_instruments())
}

#[tauri::command]
async fn import_instrument_pack(
    service: Service<'_>,
    content: String,
) -> Result<ImportedPack, AppError> {
    guarded(|| service.import_instrument_pack(&content))
}

#[tauri::command]
async fn get_screening_settings(service: Service<'_>) -> Result<ScreeningSettings, AppError> {
    guarded(|| service.get_screening_settings())
}

#[tauri::command]
async fn save_screening_settings(
    service: Service<'_>,
    req: ScreeningSettings,
) -> Result<(), AppError> {
    guarded(|| service.save_screening_settings(req))
}

#[tauri::command]
async fn start_administration(
    service: Service<'_>,
    req: StartAdministrationRequest,
) -> Result<AdministrationView, AppError> {
    guarded(|| service.start_administration(req))
}

#[tauri::command]
async fn get_administration(
    service: Service<'_>,
    id: String,
) -> Result<AdministrationView, AppError> {
    guarded(|| service.get_administration(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn list_administrations(
    service: Service<'_>,
    conversation_id: String,
) -> Result<Vec<AdministrationSummary>, AppError> {
    guarded(|| service.list_administrations(&conversation_id))
}

#[tauri::command]
async fn answer_item(
    service: Service<'_>,
    req: AnswerRequest,
) -> Result<AdministrationView, AppError> {
    guarded(|| service.answer_item(req))
}

#[tauri::command(rename_all = "snake_case")]
async fn answer_history(
    service: Service<'_>,
    administration_id: String,
    link_id: String,
) -> Result<Vec<AnswerHistoryEntry>, AppError> {
    guarded(|| service.answer_history(&administration_id, &link_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn set_administration_status(
    service: Service<'_>,
    administration_id: String,
    status: String,
) -> Result<AdministrationView, AppError> {
    guarded(|| service.set_administration_status(&administration_id, &status))
}

#[tauri::command(rename_all = "snake_case")]
async fn acknowledge_safety(
    service: Service<'_>,
    administration_id: String,
    flag_id: String,
    note: String,
) -> Result<AdministrationView, AppError> {
    guarded(|| service.acknowledge_safety(&administration_id, &flag_id, &note))
}

#[tauri::command(rename_all = "snake_case")]
async fn instrument_series(
    service: Service<'_>,
    client_id: String,
) -> Result<Vec<InstrumentSeries>, AppError> {
    guarded(|| service.instrument_series(&client_id))
}

// ---- consent register ----------------------------------------------------------------

#[tauri::command(rename_all = "snake_case")]
async fn consent_register(
    service: Service<'_>,
    client_id: String,
) -> Result<ConsentRegister, AppError> {
    guarded(|| service.consent_register(&client_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn consent_text(
    service: Service<'_>,
    text_id: String,
    version: u32,
    language: Option<String>,
) -> Result<ConsentTextView, AppError> {
    guarded(|| service.consent_text(&text_id, version, language))
}

#[tauri::command]
async fn record_consent(
    service: Service<'_>,
    req: RecordConsentRequest,
) -> Result<ConsentOutcome, AppError> {
    guarded(|| service.record_consent(req))
}

#[tauri::command]
async fn withdraw_consent(
    service: Service<'_>,
    req: WithdrawConsentRequest,
) -> Result<ConsentOutcome, AppError> {
    guarded(|| service.withdraw_consent(req))
}

// ---- the PIP ---------------------------------------------------------------------------

#[tauri::command(rename_all = "snake_case")]
async fn plan_versions(
    service: Service<'_>,
    case_id: String,
) -> Result<Vec<PlanVersionSummary>, AppError> {
    guarded(|| service.plan_versions(&case_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn open_plan_draft(service: Service<'_>, case_id: String) -> Result<PlanView, AppError> {
    guarded(|| service.open_plan_draft(&case_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn get_plan(service: Service<'_>, plan_id: String) -> Result<PlanView, AppError> {
    guarded(|| service.get_plan(&plan_id))
}

#[tauri::command]
async fn save_plan_field(
    service: Service<'_>,
    req: SavePlanFieldRequest,
) -> Result<PlanView, AppError> {
    guarded(|| service.save_plan_field(req))
}

#[tauri::command]
async fn set_plan_route(
    service: Service<'_>,
    req: SetPlanRouteRequest,
) -> Result<PlanView, AppError> {
    guarded(|| service.set_plan_route(req))
}

#[tauri::command]
async fn fix_plan(service: Service<'_>, req: FixPlanRequest) -> Result<PlanView, AppError> {
    guarded(|| service.fix_plan(req))
}

#[tauri::command]
async fn sign_plan(service: Service<'_>, req: SignPlanRequest) -> Result<PlanView, AppError> {
    guarded(|| service.sign_plan(req))
}

#[tauri::command]
async fn attest_plan(service: Service<'_>, req: AttestPlanRequest) -> Result<PlanView, AppError> {
    guarded(|| service.attest_plan(req))
}

#[tauri::command(rename_all = "snake_case")]
async fn submit_plan_for_review(
    service: Service<'_>,
    plan_id: String,
) -> Result<PlanView, AppError> {
    guarded(|| service.submit_plan_for_review(&plan_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn approve_plan(service: Service<'_>, plan_id: String) -> Result<PlanView, AppError> {
    guarded(|| service.approve_plan(&plan_id))
}

#[tauri::command]
async fn return_plan(service: Service<'_>, req: ReturnPlanRequest) -> Result<PlanView, AppError> {
    guarded(|| service.return_plan(req))
}

#[tauri::command(rename_all = "snake_case")]
async fn revise_plan(service: Service<'_>, plan_id: String) -> Result<PlanView, AppError> {
    guarded(|| service.revise_plan(&plan_id))
}

#[tauri::command]
async fn plans_in_review(service: Service<'_>) -> Result<Vec<ReviewRow>, AppError> {
    guarded(|| service.plans_in_review())
}

#[tauri::command]
async fn get_plan_routes(service: Service<'_>) -> Result<Vec<CustomRoute>, AppError> {
    guarded(|| service.get_plan_routes())
}

#[tauri::command]
async fn save_plan_routes(service: Service<'_>, routes: Vec<CustomRoute>) -> Result<(), AppError> {
    guarded(|| service.save_plan_routes(routes))
}

#[tauri::command(rename_all = "snake_case")]
async fn document_options(
    service: Service<'_>,
    plan_id: String,
) -> Result<DocumentOptions, AppError> {
    guarded(|| service.document_options(&plan_id))
}

#[tauri::command]
async fn preview_plan_document(
    service: Service<'_>,
    req: PlanDocumentRequest,
) -> Result<RenderedDocument, AppError> {
    guarded(|| service.preview_plan_document(req))
}

#[tauri::command(rename_all = "snake_case")]
async fn record_plan_print(service: Service<'_>, plan_id: String) -> Result<(), AppError> {
    guarded(|| service.record_plan_print(&plan_id))
}

/// Typesets a document, asks the user where to save it (the GTK save dialog, opened here so
/// the path never comes from the webview) and writes it there. Cancel writes nothing and
/// returns nothing.
#[tauri::command]
async fn save_plan_document<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    service: Service<'_>,
    req: PlanDocumentRequest,
) -> Result<Option<SavedDocument>, AppError> {
    use tauri_plugin_dialog::DialogExt;
    guarded(|| {
        let (pdf, name) = service.render_plan_document(&req)?;
        let picked = app
            .dialog()
            .file()
            .set_title(match req.kind {
                PlanDocumentKind::ClientCopy => "PIP (cliëntexemplaar) opslaan",
                PlanDocumentKind::IntakeSummary => "Samenvatting brede intake opslaan",
            })
            .add_filter("PDF", &["pdf"])
            .set_file_name(&name)
            .blocking_save_file();
        let Some(picked) = picked else {
            return Ok(None);
        };
        let path = picked
            .into_path()
            .map_err(|_| AppError::new("document_write_failed"))?;
        service
            .save_plan_document(&req.plan_id, &path, &pdf)
            .map(Some)
    })
}

/// Writes the FHIR export to the Downloads folder (never over an existing file, readable by
/// this user only) and returns where it went.
#[tauri::command(rename_all = "snake_case")]
async fn export_administration<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    service: Service<'_>,
    administration_id: String,
    recipient: String,
) -> Result<String, AppError> {
    use tauri::Manager;
    guarded(|| {
        let export = service.export_administration(&administration_id, &recipient)?;
        let dir = app
            .path()
            .download_dir()
            .or_else(|_| app.path().home_dir())
            .map_err(|_| AppError::new("export_failed"))?;
        let path = crate::files::write_new_private(&dir, &export.file_name, export.json.as_bytes())
            .map_err(|e| {
                tracing::warn!(error = %e, "export could not be written");
                AppError::new("export_failed")
            })?;
        Ok(path.display().to_string())
    })
}

/// The supervisor's team dashboard (a counsellor's own caseload on other devices).
#[tauri::command]
async fn team_dashboard(service: Service<'_>) -> Result<DashboardView, AppError> {
    guarded(|| service.team_dashboard())
}

/// Writes the monitoring CSV to the folder the user typed (empty: the Downloads folder),
/// never over an existing file, and returns where it went.
#[tauri::command]
async fn export_monitoring_csv<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    service: Service<'_>,
    req: MonitoringExportRequest,
) -> Result<MonitoringExportResult, AppError> {
    use tauri::Manager;
    guarded(|| {
        let export = service.monitoring_export()?;
        let typed = req.directory.trim();
        let dir = if typed.is_empty() {
            app.path()
                .download_dir()
                .or_else(|_| app.path().home_dir())
                .map_err(|_| AppError::new("export_failed"))?
        } else {
            let dir = std::path::PathBuf::from(typed);
            if !dir.is_absolute() || !dir.is_dir() {
                return Err(AppError::new("export_folder_invalid"));
            }
            dir
        };
        let path =
            crate::files::write_new_private(&dir, &export.file_name, &export.csv).map_err(|e| {
                tracing::warn!(error = %e, "monitoring export could not be written");
                AppError::new("export_failed")
            })?;
        Ok(MonitoringExportResult {
            path: path.display().to_string(),
            rows: export.rows,
        })
    })
}

#[tauri::command(rename_all = "snake_case")]
async fn enter_client_view(
    service: Service<'_>,
    administration_id: String,
) -> Result<ClientStep, AppError> {
    guarded(|| service.enter_client_view(&administration_id))
}

#[tauri::command]
async fn client_view_step(service: Service<'_>) -> Result<ClientStep, AppError> {
    guarded(|| service.client_view_step())
}

#[tauri::command]
async fn client_answer(
    service: Service<'_>,
    req: ClientAnswerRequest,
) -> Result<ClientStep, AppError> {
    guarded(|| service.client_answer(req))
}

#[tauri::command]
async fn client_back(service: Service<'_>) -> Result<ClientStep, AppError> {
    guarded(|| service.client_back())
}

#[tauri::command]
async fn client_finish(service: Service<'_>) -> Result<ClientStep, AppError> {
    guarded(|| service.client_finish())
}

#[tauri::command]
async fn client_set_language(
    service: Service<'_>,
    language: String,
) -> Result<ClientStep, AppError> {
    guarded(|| service.client_set_language(&language))
}

#[tauri::command]
async fn client_set_interpreter_view(
    service: Service<'_>,
    on: bool,
) -> Result<ClientStep, AppError> {
    guarded(|| service.client_set_interpreter_view(on))
}

#[tauri::command]
async fn leave_client_view(service: Service<'_>, passphrase: String) -> Result<String, AppError> {
    guarded(|| service.leave_client_view(&passphrase))
}

// ---- the intake guide, money, the household view ----------------------------------------

#[tauri::command]
async fn guide_topics(
    service: Service<'_>,
) -> Result<Vec<aankomst_core::guide::GuideTopicSpec>, AppError> {
    guarded(|| Ok(service.guide_topics()))
}

#[tauri::command(rename_all = "snake_case")]
async fn get_conversation_guide(
    service: Service<'_>,
    conversation_id: String,
) -> Result<ConversationGuide, AppError> {
    guarded(|| service.get_conversation_guide(&conversation_id))
}

#[tauri::command]
async fn save_guide_entry(
    service: Service<'_>,
    req: SaveGuideEntryRequest,
) -> Result<ConversationGuide, AppError> {
    guarded(|| service.save_guide_entry(req))
}

#[tauri::command(rename_all = "snake_case")]
async fn client_guide(service: Service<'_>, client_id: String) -> Result<ClientGuide, AppError> {
    guarded(|| service.client_guide(&client_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn client_money(service: Service<'_>, client_id: String) -> Result<MoneyView, AppError> {
    guarded(|| service.client_money(&client_id))
}

#[tauri::command]
async fn save_fixed_cost(
    service: Service<'_>,
    req: SaveFixedCostRequest,
) -> Result<MoneyView, AppError> {
    guarded(|| service.save_fixed_cost(req))
}

#[tauri::command]
async fn save_allowance(
    service: Service<'_>,
    req: SaveAllowanceRequest,
) -> Result<MoneyView, AppError> {
    guarded(|| service.save_allowance(req))
}

#[tauri::command]
async fn save_income(service: Service<'_>, req: SaveIncomeRequest) -> Result<MoneyView, AppError> {
    guarded(|| service.save_income(req))
}

#[tauri::command(rename_all = "snake_case")]
async fn household_overview(
    service: Service<'_>,
    client_id: String,
) -> Result<Vec<HouseholdOverview>, AppError> {
    guarded(|| service.household_overview(&client_id))
}

#[tauri::command]
async fn set_member_arrival(
    service: Service<'_>,
    req: SetMemberArrivalRequest,
) -> Result<Vec<HouseholdOverview>, AppError> {
    guarded(|| service.set_member_arrival(req))
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
        client_audit,
        verify_audit_chain,
        audit_search,
        export_audit_csv,
        sync_status,
        enrol_device,
        sync_now,
        sync_ledger,
        pending_devices,
        grant_team_key,
        team_devices,
        handover_case,
        handover_all,
        counsellors,
        issue_enrolment_code,
        revoke_device,
        import_team_key,
        set_offline_lock_days,
        list_conflicts,
        settle_conflict,
        list_deadlines,
        case_deadlines,
        get_deadline_terms,
        save_deadline_terms,
        list_instruments,
        import_instrument_pack,
        get_screening_settings,
        save_screening_settings,
        start_administration,
        get_administration,
        list_administrations,
        answer_item,
        answer_history,
        set_administration_status,
        acknowledge_safety,
        instrument_series,
        export_administration,
        team_dashboard,
        export_monitoring_csv,
        enter_client_view,
        client_view_step,
        client_answer,
        client_back,
        client_finish,
        leave_client_view,
        guide_topics,
        get_conversation_guide,
        save_guide_entry,
        client_guide,
        client_money,
        save_fixed_cost,
        save_allowance,
        save_income,
        household_overview,
        set_member_arrival,
        client_set_language,
        client_set_interpreter_view,
        consent_register,
        consent_text,
        record_consent,
        withdraw_consent,
        plan_versions,
        open_plan_draft,
        get_plan,
        save_plan_field,
        set_plan_route,
        fix_plan,
        sign_plan,
        attest_plan,
        submit_plan_for_review,
        approve_plan,
        return_plan,
        revise_plan,
        plans_in_review,
        get_plan_routes,
        save_plan_routes,
        document_options,
        preview_plan_document,
        record_plan_print,
        save_plan_document,
    ]
}
