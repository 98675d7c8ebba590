//! The IPC command list: every command the UI can call, declared once. Each line names the
//! command, its arguments (as the UI sends them, snake_case) with their Rust types, its result
//! type and its body (a call on [`AppService`]). From this one list come
//! - the Tauri wrappers and the `generate_handler!` list (`src-tauri`, through
//!   [`for_each_command!`]), each wrapper running its body off the async threads with panics
//!   caught ([`run`]);
//! - the TypeScript command map `ui/src/lib/bindings/Commands.ts` (name → args → result, in
//!   the ts-rs types) that `ui/src/lib/api.ts` is typed by ([`typescript_map`]), kept up to
//!   date by `cargo test -p aankomst-app` (`tests/ipc_contract.rs`), which fails when it was
//!   stale.
//!
//! To add a command: a method on `AppService`, one line here, a function in `api.ts`, then
//! `cargo test -p aankomst-app` (writes the map) and `npm run check`.

use crate::error::AppError;
use crate::service::AppService;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The types the command list names, for the crates that expand it (`use
/// aankomst_app::commands::types::*;` beside [`for_each_command!`]).
pub mod types {
    pub use crate::audit::{
        AuditChainStatus, AuditEntryView, AuditSearchRequest, AuditSearchResult,
    };
    pub use crate::consent_ipc::*;
    pub use crate::dashboard_ipc::*;
    pub use crate::deadlines_ipc::*;
    pub use crate::documents_ipc::*;
    pub use crate::handover_ipc::*;
    pub use crate::intake_ipc::*;
    pub use crate::ipc::*;
    pub use crate::plan_ipc::*;
    pub use crate::policy::{PolicySourceView, PolicyView};
    pub use crate::screening_ipc::*;
    pub use crate::sync_ipc::*;
    pub use crate::trajectory_ipc::*;
    pub use crate::{AppError, AppService, LockReason};
    pub use aankomst_core::deadlines::Terms;
    pub use aankomst_core::guide::GuideTopicSpec;
    pub use aankomst_core::passphrase::PassphraseStrength;
    pub use aankomst_core::policy::Policy;
}

/// Runs one command's body on the calling thread, turning a panic into the one IPC error
/// (`internal`), so none crosses IPC. The panic's message is withheld (it may carry values).
pub fn run<T>(
    service: &AppService,
    body: impl FnOnce(&AppService) -> Result<T, AppError>,
) -> Result<T, AppError> {
    catch_unwind(AssertUnwindSafe(|| body(service))).unwrap_or_else(|_| {
        tracing::error!("a command panicked");
        Err(AppError::new("internal"))
    })
}

/// Expands `$callback! { name(arg: Type, …) -> Result => |s| body; … }` with every command.
/// Types are named bare: expand it where `aankomst_app::commands::types::*` is in scope.
#[macro_export]
macro_rules! for_each_command {
    ($callback:ident) => {
        $callback! {
            // ---- profiles, unlock and lock, settings --------------------------------------
            app_status() -> AppStatus => |s| s.app_status();
            assess_passphrase(passphrase: String, name: String) -> PassphraseStrength
                => |s| Ok(s.assess_passphrase(&passphrase, &name));
            create_profile(req: CreateProfileRequest) -> SessionInfo => |s| s.create_profile(req);
            unlock(req: UnlockRequest) -> SessionInfo => |s| s.unlock(req);
            lock() -> () => |s| {
                s.lock(LockReason::Manual);
                Ok(())
            };
            touch() -> () => |s| {
                s.touch();
                Ok(())
            };
            set_language(language: String) -> () => |s| s.set_language(&language);
            get_settings() -> Settings => |s| s.get_settings();
            save_settings(req: Settings) -> () => |s| s.save_settings(req);

            // ---- clients, cases, conversations ----------------------------------------------
            list_cases(req: CaseListRequest) -> CaseList => |s| s.list_cases(req);
            create_client(req: CreateClientRequest) -> ClientView => |s| s.create_client(req);
            get_client(id: String) -> ClientView => |s| s.get_client(&id);
            save_field(req: SaveFieldRequest) -> SaveResult => |s| s.save_field(req);
            add_household_member(req: AddHouseholdMemberRequest) -> ClientView
                => |s| s.add_household_member(req);
            link_household_member(req: LinkHouseholdMemberRequest) -> ClientView
                => |s| s.link_household_member(req);
            open_case(req: OpenCaseRequest) -> ClientView => |s| s.open_case(req);
            create_conversation(req: CreateConversationRequest) -> ConversationView
                => |s| s.create_conversation(req);
            get_conversation(id: String) -> ConversationView => |s| s.get_conversation(&id);
            case_timeline(case_id: String) -> Vec<TimelineEntry> => |s| s.case_timeline(&case_id);

            // ---- audit trail ------------------------------------------------------------------
            client_audit(client_id: String) -> Vec<AuditEntryView> => |s| s.client_audit(&client_id);
            verify_audit_chain() -> AuditChainStatus => |s| s.verify_audit_chain();
            audit_search(req: AuditSearchRequest) -> AuditSearchResult => |s| s.audit_search(req);
            export_audit_csv(req: AuditSearchRequest, directory: Option<String>) -> String
                => |s| s.export_audit_csv_file(req, directory);

            // ---- sync -------------------------------------------------------------------------
            sync_status() -> SyncStatus => |s| s.sync_status();
            enrol_device(req: EnrolRequest) -> SyncStatus => |s| s.enrol_device(req);
            sync_now() -> SyncReportView => |s| s.sync_now();
            sync_ledger() -> Vec<LedgerLine> => |s| s.sync_ledger();
            pending_devices() -> Vec<PendingDeviceView> => |s| s.pending_devices();
            grant_team_key(device_id: String, fingerprint: String) -> ()
                => |s| s.grant_team_key(&device_id, &fingerprint);
            team_devices() -> Vec<ManagedDeviceView> => |s| s.team_devices();
            handover_case(req: HandoverCaseRequest) -> ClientView => |s| s.handover_case(req);
            handover_all(req: HandoverAllRequest) -> HandoverAllResult => |s| s.handover_all(req);
            counsellors() -> Vec<CounsellorOption> => |s| s.counsellors();
            issue_enrolment_code(req: IssueEnrolmentCodeRequest) -> EnrolmentCodeView
                => |s| s.issue_enrolment_code(req);
            revoke_device(device_id: String) -> ManagedDeviceView => |s| s.revoke_device(&device_id);
            import_team_key(secret: String) -> SyncStatus => |s| s.import_team_key(&secret);
            pin_recipient_list(tenant_root_key: String, recipient_list: String) -> SyncStatus
                => |s| s.pin_recipient_list(&tenant_root_key, &recipient_list);
            set_offline_lock_days(days: u32) -> SyncStatus => |s| s.set_offline_lock_days(days);
            // ---- the municipal policy (issue 20) --------------------------------------------
            get_policy() -> PolicyView => |s| s.get_policy();
            publish_policy(policy: Policy) -> PolicyView => |s| s.publish_policy(policy);
            list_conflicts() -> Vec<ConflictView> => |s| s.list_conflicts();
            settle_conflict(req: SettleConflictRequest) -> () => |s| s.settle_conflict(req);

            // ---- deadlines ----------------------------------------------------------------------
            list_deadlines(filter: DeadlineFilter) -> DeadlineList => |s| s.list_deadlines(filter);
            case_deadlines(case_id: String) -> Vec<DeadlineView> => |s| s.case_deadlines(&case_id);
            get_deadline_terms() -> Terms => |s| s.get_deadline_terms();
            save_deadline_terms(req: Terms) -> () => |s| s.save_deadline_terms(req);

            // ---- the trajectory after the PIP ------------------------------------------------
            case_trajectory(case_id: String) -> TrajectoryView => |s| s.case_trajectory(&case_id);
            set_goal_status(req: SetGoalStatusRequest) -> TrajectoryView
                => |s| s.set_goal_status(req);
            extend_term(req: ExtendTermRequest) -> TrajectoryView => |s| s.extend_term(req);

            // ---- screening ----------------------------------------------------------------------
            list_instruments() -> Vec<InstrumentSummary> => |s| s.list_instruments();
            import_instrument_pack(content: String) -> ImportedPack
                => |s| s.import_instrument_pack(&content);
            get_screening_settings() -> ScreeningSettings => |s| s.get_screening_settings();
            save_screening_settings(req: ScreeningSettings) -> ()
                => |s| s.save_screening_settings(req);
            start_administration(req: StartAdministrationRequest) -> AdministrationView
                => |s| s.start_administration(req);
            get_administration(id: String) -> AdministrationView => |s| s.get_administration(&id);
            list_administrations(conversation_id: String) -> Vec<AdministrationSummary>
                => |s| s.list_administrations(&conversation_id);
            answer_item(req: AnswerRequest) -> AdministrationView => |s| s.answer_item(req);
            answer_history(administration_id: String, link_id: String) -> Vec<AnswerHistoryEntry>
                => |s| s.answer_history(&administration_id, &link_id);
            set_administration_status(administration_id: String, status: String) -> AdministrationView
                => |s| s.set_administration_status(&administration_id, &status);
            acknowledge_safety(administration_id: String, flag_id: String, note: String)
                -> AdministrationView
                => |s| s.acknowledge_safety(&administration_id, &flag_id, &note);
            instrument_series(client_id: String) -> Vec<InstrumentSeries>
                => |s| s.instrument_series(&client_id);
            export_administration(administration_id: String, recipient: String) -> String
                => |s| s.export_administration_file(&administration_id, &recipient);

            // ---- the supervisor's dashboard -------------------------------------------------------
            team_dashboard() -> DashboardView => |s| s.team_dashboard();
            export_monitoring_csv(req: MonitoringExportRequest) -> MonitoringExportResult
                => |s| s.export_monitoring_csv_file(req);

            // ---- the client-facing view -----------------------------------------------------------
            enter_client_view(administration_id: String) -> ClientStep
                => |s| s.enter_client_view(&administration_id);
            client_view_step() -> ClientStep => |s| s.client_view_step();
            client_answer(req: ClientAnswerRequest) -> ClientStep => |s| s.client_answer(req);
            client_back() -> ClientStep => |s| s.client_back();
            client_finish() -> ClientStep => |s| s.client_finish();
            client_set_language(language: String) -> ClientStep
                => |s| s.client_set_language(&language);
            client_set_interpreter_view(on: bool) -> ClientStep
                => |s| s.client_set_interpreter_view(on);
            leave_client_view(passphrase: String) -> String => |s| s.leave_client_view(&passphrase);

            // ---- the intake guide, money, the household view --------------------------------------
            guide_topics() -> Vec<GuideTopicSpec> => |s| Ok(s.guide_topics());
            get_conversation_guide(conversation_id: String) -> ConversationGuide
                => |s| s.get_conversation_guide(&conversation_id);
            save_guide_entry(req: SaveGuideEntryRequest) -> ConversationGuide
                => |s| s.save_guide_entry(req);
            client_guide(client_id: String) -> ClientGuide => |s| s.client_guide(&client_id);
            client_money(client_id: String) -> MoneyView => |s| s.client_money(&client_id);
            save_fixed_cost(req: SaveFixedCostRequest) -> MoneyView => |s| s.save_fixed_cost(req);
            save_allowance(req: SaveAllowanceRequest) -> MoneyView => |s| s.save_allowance(req);
            save_income(req: SaveIncomeRequest) -> MoneyView => |s| s.save_income(req);
            household_overview(client_id: String) -> Vec<HouseholdOverview>
                => |s| s.household_overview(&client_id);
            set_member_arrival(req: SetMemberArrivalRequest) -> Vec<HouseholdOverview>
                => |s| s.set_member_arrival(req);

            // ---- consent register -----------------------------------------------------------------
            consent_register(client_id: String) -> ConsentRegister
                => |s| s.consent_register(&client_id);
            consent_text(text_id: String, version: u32, language: Option<String>) -> ConsentTextView
                => |s| s.consent_text(&text_id, version, language);
            record_consent(req: RecordConsentRequest) -> ConsentOutcome => |s| s.record_consent(req);
            withdraw_consent(req: WithdrawConsentRequest) -> ConsentOutcome
                => |s| s.withdraw_consent(req);

            // ---- the PIP --------------------------------------------------------------------------
            plan_versions(case_id: String) -> Vec<PlanVersionSummary> => |s| s.plan_versions(&case_id);
            open_plan_draft(case_id: String) -> PlanView => |s| s.open_plan_draft(&case_id);
            get_plan(plan_id: String) -> PlanView => |s| s.get_plan(&plan_id);
            save_plan_field(req: SavePlanFieldRequest) -> PlanView => |s| s.save_plan_field(req);
            set_plan_route(req: SetPlanRouteRequest) -> PlanView => |s| s.set_plan_route(req);
            fix_plan(req: FixPlanRequest) -> PlanView => |s| s.fix_plan(req);
            sign_plan(req: SignPlanRequest) -> PlanView => |s| s.sign_plan(req);
            attest_plan(req: AttestPlanRequest) -> PlanView => |s| s.attest_plan(req);
            submit_plan_for_review(plan_id: String) -> PlanView
                => |s| s.submit_plan_for_review(&plan_id);
            approve_plan(plan_id: String) -> PlanView => |s| s.approve_plan(&plan_id);
            return_plan(req: ReturnPlanRequest) -> PlanView => |s| s.return_plan(req);
            revise_plan(plan_id: String) -> PlanView => |s| s.revise_plan(&plan_id);
            plans_in_review() -> Vec<ReviewRow> => |s| s.plans_in_review();
            get_plan_routes() -> Vec<CustomRoute> => |s| s.get_plan_routes();
            save_plan_routes(routes: Vec<CustomRoute>) -> () => |s| s.save_plan_routes(routes);

            // ---- documents ------------------------------------------------------------------------
            document_options(plan_id: String) -> DocumentOptions => |s| s.document_options(&plan_id);
            preview_plan_document(req: PlanDocumentRequest) -> RenderedDocument
                => |s| s.preview_plan_document(req);
            record_plan_print(plan_id: String) -> () => |s| s.record_plan_print(&plan_id);
            save_plan_document(req: PlanDocumentRequest) -> Option<SavedDocument>
                => |s| s.save_plan_document_as(req);
        }
    };
}

/// One command as the TypeScript map describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandSpec {
    pub name: &'static str,
    /// Each argument's name and TypeScript type.
    pub args: Vec<(&'static str, String)>,
    /// The result's TypeScript type.
    pub result: String,
}

macro_rules! command_specs {
    ($( $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty => $body:expr ; )*) => {
        /// Every command of [`for_each_command!`], in order, with its TypeScript types.
        pub fn specs() -> Vec<CommandSpec> {
            use ts_rs::TS;
            let cfg = ts_rs::Config::default();
            vec![$(
                CommandSpec {
                    name: stringify!($name),
                    args: vec![$( (stringify!($arg), <$ty as TS>::name(&cfg)) ),*],
                    result: <$ret as TS>::name(&cfg),
                }
            ),*]
        }
    };
}

mod list {
    use super::types::*;
    use super::CommandSpec;
    crate::for_each_command!(command_specs);
}

pub use list::specs;

/// Words of a TypeScript type that are not ts-rs types to import.
const TS_BUILTINS: [&str; 9] = [
    "string", "number", "boolean", "null", "Array", "Record", "never", "bigint", "unknown",
];

/// The ts-rs types a TypeScript type expression names (to import).
fn named_types(ts: &str) -> Vec<String> {
    ts.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty() && !TS_BUILTINS.contains(w))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
        .map(str::to_owned)
        .collect()
}

/// The text of `ui/src/lib/bindings/Commands.ts`: the command map `api.ts` is typed by.
pub fn typescript_map() -> String {
    let specs = specs();
    let mut imports: Vec<String> = specs
        .iter()
        .flat_map(|c| {
            c.args
                .iter()
                .flat_map(|(_, t)| named_types(t))
                .chain(named_types(&c.result))
        })
        .collect();
    imports.sort();
    imports.dedup();
    let mut out = String::from(
        "// Generated by `cargo test -p aankomst-app` from the command list in\n\
         // crates/aankomst-app/src/commands.rs. Do not edit this file by hand.\n\n",
    );
    for name in &imports {
        out.push_str(&format!("import type {{ {name} }} from './{name}';\n"));
    }
    out.push_str(
        "\n/** Every IPC command: the arguments the UI sends (snake_case) and what it answers. */\n\
         export type Commands = {\n",
    );
    for c in &specs {
        let args = if c.args.is_empty() {
            "Record<string, never>".to_owned()
        } else {
            let fields: Vec<String> = c.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
            format!("{{ {} }}", fields.join("; "))
        };
        out.push_str(&format!(
            "  {}: {{ args: {args}; result: {} }};\n",
            c.name, c.result
        ));
    }
    out.push_str("};\n\n/** The command names, in the order of the command list. */\nexport const COMMAND_NAMES = [\n");
    for c in &specs {
        out.push_str(&format!("  '{}',\n", c.name));
    }
    out.push_str("] as const satisfies readonly (keyof Commands)[];\n");
    out
}

/// The text of `ui/src/lib/types.ts`: every ts-rs binding re-exported under its own name
/// (`AppError`'s shape as `AppErrorShape`: `api.ts` has the class of that name). `bindings`
/// are the file stems in `ui/src/lib/bindings`.
pub fn typescript_reexports(bindings: &[String]) -> String {
    let mut names: Vec<&String> = bindings.iter().filter(|b| *b != "Commands").collect();
    names.sort();
    names.dedup();
    let mut out = String::from(
        "// IPC types: every ts-rs binding in ./bindings/, re-exported. Generated by\n\
         // `cargo test -p aankomst-app` (crates/aankomst-app/src/commands.rs); do not edit.\n",
    );
    for name in names {
        if name == "AppError" {
            out.push_str("export type { AppError as AppErrorShape } from './bindings/AppError';\n");
        } else {
            out.push_str(&format!(
                "export type {{ {name} }} from './bindings/{name}';\n"
            ));
        }
    }
    out.push_str("export type { Commands } from './bindings/Commands';\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_body_becomes_the_internal_error() {
        let dir = tempfile::tempdir().unwrap();
        struct NoHost;
        impl crate::Host for NoHost {
            fn locked(&self, _: crate::LockReason) {}
        }
        let service = AppService::new(
            crate::ServiceConfig::new(
                dir.path().to_path_buf(),
                std::sync::Arc::new(aankomst_store::MemoryKeychain::new()),
            ),
            std::sync::Arc::new(NoHost),
        );
        let err = run(&service, |_| -> Result<(), AppError> { panic!("boom") }).unwrap_err();
        assert_eq!(err.key, "internal");
        assert_eq!(run(&service, |_| Ok(7)).unwrap(), 7);
    }

    #[test]
    fn every_command_is_declared_once_with_its_types() {
        let specs = specs();
        let mut names: Vec<&str> = specs.iter().map(|c| c.name).collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count, "a command is declared twice");
        let grant = specs.iter().find(|c| c.name == "grant_team_key").unwrap();
        assert_eq!(
            grant.args,
            vec![
                ("device_id", "string".to_owned()),
                ("fingerprint", "string".to_owned())
            ]
        );
        assert_eq!(grant.result, "null");
        let saved = specs
            .iter()
            .find(|c| c.name == "save_plan_document")
            .unwrap();
        assert_eq!(saved.result, "SavedDocument | null");
        let cases = specs.iter().find(|c| c.name == "case_timeline").unwrap();
        assert_eq!(cases.result, "Array<TimelineEntry>");
    }
}
