// The one place that talks to the Rust side. Every command of the IPC contract has a typed
// wrapper here, so components never call `invoke` themselves and tests mock in one place.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type {
  AddHouseholdMemberRequest,
  AppStatus,
  ConflictView,
  EnrolRequest,
  LedgerLine,
  PendingDeviceView,
  SettleConflictRequest,
  SyncProgress,
  SyncReportView,
  SyncStatus,
  AuditChainStatus,
  AuditSearchRequest,
  AuditSearchResult,
  AuditEntryView,
  CaseList,
  CaseListRequest,
  ClientView,
  ConversationView,
  CreateClientRequest,
  CreateProfileRequest,
  LinkHouseholdMemberRequest,
  LockedEvent,
  OpenCaseRequest,
  PassphraseStrength,
  SaveFieldRequest,
  SaveResult,
  SessionInfo,
  Settings,
  TimelineEntry,
  UnlockRequest,
  AdministrationSummary,
  AdministrationView,
  AnswerHistoryEntry,
  AnswerRequest,
  ClientAnswerRequest,
  ClientStep,
  ImportedPack,
  InstrumentSeries,
  InstrumentSummary,
  ScreeningSettings,
  StartAdministrationRequest,
  DeadlineFilter,
  DeadlineList,
  DeadlineView,
  Terms,
  ClientGuide,
  ConversationGuide,
  GuideTopicSpec,
  HouseholdOverview,
  MoneyView,
  SaveAllowanceRequest,
  SaveFixedCostRequest,
  SaveGuideEntryRequest,
  SaveIncomeRequest,
  SetMemberArrivalRequest,
  AttestPlanRequest,
  ConsentOutcome,
  ConsentRegister,
  ConsentTextView,
  CustomRoute,
  FixPlanRequest,
  PlanVersionSummary,
  PlanView,
  ReturnPlanRequest,
  ReviewRow,
  DocumentOptions,
  PlanDocumentRequest,
  RenderedDocument,
  SavedDocument,
  RecordConsentRequest,
  SavePlanFieldRequest,
  SetPlanRouteRequest,
  SignPlanRequest,
  WithdrawConsentRequest,
  CounsellorOption,
  EnrolmentCodeView,
  HandoverAllRequest,
  HandoverAllResult,
  HandoverCaseRequest,
  IssueEnrolmentCodeRequest,
  ManagedDeviceView,
  DashboardView,
  MonitoringExportResult,
} from './types';

/** The error every command may reject with, normalised (a bare string becomes `internal`). */
export class AppError extends Error {
  readonly key: string;
  readonly args: Record<string, string>;
  readonly field: string | null;

  constructor(key: string, args: Record<string, string> = {}, field: string | null = null) {
    super(`AppError(${key})`);
    this.key = key;
    this.args = args;
    this.field = field;
  }

  /** A refused field value: the error variant is in `args.error`. */
  get isField(): boolean {
    return this.key === 'field';
  }

  static from(raw: unknown): AppError {
    if (raw instanceof AppError) return raw;
    if (raw && typeof raw === 'object' && typeof (raw as { key?: unknown }).key === 'string') {
      const r = raw as { key: string; args?: unknown; field?: unknown };
      const args: Record<string, string> = {};
      if (r.args && typeof r.args === 'object') {
        for (const [k, v] of Object.entries(r.args as Record<string, unknown>)) args[k] = String(v);
      }
      return new AppError(r.key, args, typeof r.field === 'string' ? r.field : null);
    }
    const err = new AppError('internal');
    // Not the error itself: a deserialisation error quotes the argument it refused, which
    // may be something the counsellor typed.
    console.error('unexpected IPC error of type', typeof raw);
    return err;
  }
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (raw) {
    throw AppError.from(raw);
  }
}

export const api = {
  appStatus: () => call<AppStatus>('app_status'),
  assessPassphrase: (passphrase: string, name: string) =>
    call<PassphraseStrength>('assess_passphrase', { passphrase, name }),
  createProfile: (req: CreateProfileRequest) => call<SessionInfo>('create_profile', { req }),
  unlock: (req: UnlockRequest) => call<SessionInfo>('unlock', { req }),
  lock: () => call<null>('lock'),
  touch: () => call<null>('touch'),
  setLanguage: (language: string) => call<null>('set_language', { language }),
  getSettings: () => call<Settings>('get_settings'),
  saveSettings: (req: Settings) => call<null>('save_settings', { req }),
  listCases: (req: CaseListRequest) => call<CaseList>('list_cases', { req }),
  createClient: (req: CreateClientRequest) => call<ClientView>('create_client', { req }),
  getClient: (id: string) => call<ClientView>('get_client', { id }),
  saveField: (req: SaveFieldRequest) => call<SaveResult>('save_field', { req }),
  addHouseholdMember: (req: AddHouseholdMemberRequest) =>
    call<ClientView>('add_household_member', { req }),
  linkHouseholdMember: (req: LinkHouseholdMemberRequest) =>
    call<ClientView>('link_household_member', { req }),
  openCase: (req: OpenCaseRequest) => call<ClientView>('open_case', { req }),
  createConversation: (caseId: string) =>
    call<ConversationView>('create_conversation', { req: { case_id: caseId } }),
  getConversation: (id: string) => call<ConversationView>('get_conversation', { id }),
  caseTimeline: (caseId: string) => call<TimelineEntry[]>('case_timeline', { case_id: caseId }),
  clientAudit: (clientId: string) => call<AuditEntryView[]>('client_audit', { client_id: clientId }),
  verifyAuditChain: () => call<AuditChainStatus>('verify_audit_chain'),
  auditSearch: (req: AuditSearchRequest) => call<AuditSearchResult>('audit_search', { req }),
  /** Writes the search as CSV into `directory` (Downloads when empty); returns the file's path. */
  exportAuditCsv: (req: AuditSearchRequest, directory: string | null) =>
    call<string>('export_audit_csv', { req, directory }),
  listDeadlines: (filter: DeadlineFilter) => call<DeadlineList>('list_deadlines', { filter }),
  caseDeadlines: (caseId: string) => call<DeadlineView[]>('case_deadlines', { case_id: caseId }),
  getDeadlineTerms: () => call<Terms>('get_deadline_terms'),
  saveDeadlineTerms: (req: Terms) => call<null>('save_deadline_terms', { req }),

  listInstruments: () => call<InstrumentSummary[]>('list_instruments'),
  importInstrumentPack: (content: string) =>
    call<ImportedPack>('import_instrument_pack', { content }),
  getScreeningSettings: () => call<ScreeningSettings>('get_screening_settings'),
  saveScreeningSettings: (req: ScreeningSettings) =>
    call<null>('save_screening_settings', { req }),
  startAdministration: (req: StartAdministrationRequest) =>
    call<AdministrationView>('start_administration', { req }),
  getAdministration: (id: string) => call<AdministrationView>('get_administration', { id }),
  listAdministrations: (conversationId: string) =>
    call<AdministrationSummary[]>('list_administrations', { conversation_id: conversationId }),
  answerItem: (req: AnswerRequest) => call<AdministrationView>('answer_item', { req }),
  answerHistory: (administrationId: string, linkId: string) =>
    call<AnswerHistoryEntry[]>('answer_history', {
      administration_id: administrationId,
      link_id: linkId,
    }),
  setAdministrationStatus: (administrationId: string, status: string) =>
    call<AdministrationView>('set_administration_status', {
      administration_id: administrationId,
      status,
    }),
  acknowledgeSafety: (administrationId: string, flagId: string, note: string) =>
    call<AdministrationView>('acknowledge_safety', {
      administration_id: administrationId,
      flag_id: flagId,
      note,
    }),
  instrumentSeries: (clientId: string) =>
    call<InstrumentSeries[]>('instrument_series', { client_id: clientId }),
  teamDashboard: () => call<DashboardView>('team_dashboard'),
  exportMonitoringCsv: (directory: string) =>
    call<MonitoringExportResult>('export_monitoring_csv', { req: { directory } }),
  exportAdministration: (administrationId: string, recipient: string) =>
    call<string>('export_administration', { administration_id: administrationId, recipient }),
  enterClientView: (administrationId: string) =>
    call<ClientStep>('enter_client_view', { administration_id: administrationId }),
  clientViewStep: () => call<ClientStep>('client_view_step'),
  clientAnswer: (req: ClientAnswerRequest) => call<ClientStep>('client_answer', { req }),
  clientBack: () => call<ClientStep>('client_back'),
  clientFinish: () => call<ClientStep>('client_finish'),
  leaveClientView: (passphrase: string) => call<string>('leave_client_view', { passphrase }),

  guideTopics: () => call<GuideTopicSpec[]>('guide_topics'),
  getConversationGuide: (conversationId: string) =>
    call<ConversationGuide>('get_conversation_guide', { conversation_id: conversationId }),
  saveGuideEntry: (req: SaveGuideEntryRequest) =>
    call<ConversationGuide>('save_guide_entry', { req }),
  clientGuide: (clientId: string) => call<ClientGuide>('client_guide', { client_id: clientId }),
  clientMoney: (clientId: string) => call<MoneyView>('client_money', { client_id: clientId }),
  saveFixedCost: (req: SaveFixedCostRequest) => call<MoneyView>('save_fixed_cost', { req }),
  saveAllowance: (req: SaveAllowanceRequest) => call<MoneyView>('save_allowance', { req }),
  saveIncome: (req: SaveIncomeRequest) => call<MoneyView>('save_income', { req }),
  householdOverview: (clientId: string) =>
    call<HouseholdOverview[]>('household_overview', { client_id: clientId }),
  setMemberArrival: (req: SetMemberArrivalRequest) =>
    call<HouseholdOverview[]>('set_member_arrival', { req }),
  clientSetLanguage: (language: string) => call<ClientStep>('client_set_language', { language }),
  clientSetInterpreterView: (on: boolean) =>
    call<ClientStep>('client_set_interpreter_view', { on }),
  syncStatus: () => call<SyncStatus>('sync_status'),
  enrolDevice: (req: EnrolRequest) => call<SyncStatus>('enrol_device', { req }),
  syncNow: () => call<SyncReportView>('sync_now'),
  syncLedger: () => call<LedgerLine[]>('sync_ledger'),
  pendingDevices: () => call<PendingDeviceView[]>('pending_devices'),
  grantTeamKey: (deviceId: string) => call<null>('grant_team_key', { device_id: deviceId }),
  importTeamKey: (secret: string) => call<SyncStatus>('import_team_key', { secret }),
  teamDevices: () => call<ManagedDeviceView[]>('team_devices'),
  issueEnrolmentCode: (req: IssueEnrolmentCodeRequest) =>
    call<EnrolmentCodeView>('issue_enrolment_code', { req }),
  revokeDevice: (deviceId: string) => call<ManagedDeviceView>('revoke_device', { device_id: deviceId }),
  handoverCase: (req: HandoverCaseRequest) => call<ClientView>('handover_case', { req }),
  handoverAll: (req: HandoverAllRequest) => call<HandoverAllResult>('handover_all', { req }),
  counsellors: () => call<CounsellorOption[]>('counsellors'),
  setOfflineLockDays: (days: number) => call<SyncStatus>('set_offline_lock_days', { days }),
  listConflicts: () => call<ConflictView[]>('list_conflicts'),
  settleConflict: (req: SettleConflictRequest) => call<null>('settle_conflict', { req }),
  consentRegister: (clientId: string) =>
    call<ConsentRegister>('consent_register', { client_id: clientId }),
  consentText: (textId: string, version: number, language: string | null) =>
    call<ConsentTextView>('consent_text', { text_id: textId, version, language }),
  recordConsent: (req: RecordConsentRequest) => call<ConsentOutcome>('record_consent', { req }),
  withdrawConsent: (req: WithdrawConsentRequest) =>
    call<ConsentOutcome>('withdraw_consent', { req }),

  planVersions: (caseId: string) =>
    call<PlanVersionSummary[]>('plan_versions', { case_id: caseId }),
  openPlanDraft: (caseId: string) => call<PlanView>('open_plan_draft', { case_id: caseId }),
  getPlan: (planId: string) => call<PlanView>('get_plan', { plan_id: planId }),
  savePlanField: (req: SavePlanFieldRequest) => call<PlanView>('save_plan_field', { req }),
  setPlanRoute: (req: SetPlanRouteRequest) => call<PlanView>('set_plan_route', { req }),
  fixPlan: (req: FixPlanRequest) => call<PlanView>('fix_plan', { req }),
  signPlan: (req: SignPlanRequest) => call<PlanView>('sign_plan', { req }),
  attestPlan: (req: AttestPlanRequest) => call<PlanView>('attest_plan', { req }),
  submitPlanForReview: (planId: string) =>
    call<PlanView>('submit_plan_for_review', { plan_id: planId }),
  approvePlan: (planId: string) => call<PlanView>('approve_plan', { plan_id: planId }),
  returnPlan: (req: ReturnPlanRequest) => call<PlanView>('return_plan', { req }),
  revisePlan: (planId: string) => call<PlanView>('revise_plan', { plan_id: planId }),
  plansInReview: () => call<ReviewRow[]>('plans_in_review'),
  getPlanRoutes: () => call<CustomRoute[]>('get_plan_routes'),
  savePlanRoutes: (routes: CustomRoute[]) => call<null>('save_plan_routes', { routes }),
  documentOptions: (planId: string) => call<DocumentOptions>('document_options', { plan_id: planId }),
  previewPlanDocument: (req: PlanDocumentRequest) => call<RenderedDocument>('preview_plan_document', { req }),
  recordPlanPrint: (planId: string) => call<null>('record_plan_print', { plan_id: planId }),
  /** Opens the save dialog (in Rust) and writes there; null when the user cancelled. */
  savePlanDocument: (req: PlanDocumentRequest) => call<SavedDocument | null>('save_plan_document', { req }),
};

/** Progress of a running sync (records and bytes), for the progress bar. */
export function onSyncProgress(handler: (payload: SyncProgress) => void): Promise<UnlistenFn> {
  return listen<SyncProgress>('sync-progress', (event) => handler(event.payload));
}

/** The server revoked this device: its data is destroyed and the profile is gone. */
export function onWiped(handler: () => void): Promise<UnlistenFn> {
  return listen('wiped', () => handler());
}

/** The backend emits `locked` when it locked itself (inactivity) or was locked. */
export function onLocked(handler: (payload: LockedEvent) => void): Promise<UnlistenFn> {
  return listen<LockedEvent>('locked', (event) => handler(event.payload));
}
