// The one place that talks to the Rust side. Every command of the IPC contract has a typed
// wrapper here, so components never call `invoke` themselves and tests mock in one place.
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type {
  AddHouseholdMemberRequest,
  EnrolRequest,
  SettleConflictRequest,
  SyncProgress,
  AuditSearchRequest,
  CaseListRequest,
  CreateClientRequest,
  CreateProfileRequest,
  LinkHouseholdMemberRequest,
  LockedEvent,
  Policy,
  OpenCaseRequest,
  SaveFieldRequest,
  Settings,
  UnlockRequest,
  AnswerRequest,
  ClientAnswerRequest,
  ScreeningSettings,
  StartAdministrationRequest,
  DeadlineFilter,
  Terms,
  ExtendTermRequest,
  SetGoalStatusRequest,
  SaveAllowanceRequest,
  SaveFixedCostRequest,
  SaveGuideEntryRequest,
  SaveIncomeRequest,
  SetMemberArrivalRequest,
  AttestPlanRequest,
  CustomRoute,
  FixPlanRequest,
  ReturnPlanRequest,
  PlanDocumentRequest,
  RecordConsentRequest,
  SavePlanFieldRequest,
  SetPlanRouteRequest,
  SignPlanRequest,
  WithdrawConsentRequest,
  HandoverAllRequest,
  HandoverCaseRequest,
  IssueEnrolmentCodeRequest,
} from './types';
import type { Commands } from './bindings/Commands';

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

/** The commands that take no arguments. */
type NoArgs = { [K in keyof Commands]: Commands[K]['args'] extends Record<string, never> ? K : never }[keyof Commands];

/**
 * Calls a command of the generated command map (`bindings/Commands.ts`, from the one command
 * list in Rust): a misspelt name, a missing or wrong argument, or a wrong result type fails
 * `npm run check`.
 */
async function call<K extends NoArgs>(cmd: K): Promise<Commands[K]['result']>;
async function call<K extends keyof Commands>(cmd: K, args: Commands[K]['args']): Promise<Commands[K]['result']>;
async function call<K extends keyof Commands>(cmd: K, args?: Commands[K]['args']): Promise<Commands[K]['result']> {
  try {
    return await invoke<Commands[K]['result']>(cmd, args as InvokeArgs | undefined);
  } catch (raw) {
    throw AppError.from(raw);
  }
}

export const api = {
  appStatus: () => call('app_status'),
  assessPassphrase: (passphrase: string, name: string) =>
    call('assess_passphrase', { passphrase, name }),
  createProfile: (req: CreateProfileRequest) => call('create_profile', { req }),
  unlock: (req: UnlockRequest) => call('unlock', { req }),
  lock: () => call('lock'),
  touch: () => call('touch'),
  setLanguage: (language: string) => call('set_language', { language }),
  getSettings: () => call('get_settings'),
  saveSettings: (req: Settings) => call('save_settings', { req }),
  listCases: (req: CaseListRequest) => call('list_cases', { req }),
  createClient: (req: CreateClientRequest) => call('create_client', { req }),
  getClient: (id: string) => call('get_client', { id }),
  saveField: (req: SaveFieldRequest) => call('save_field', { req }),
  addHouseholdMember: (req: AddHouseholdMemberRequest) =>
    call('add_household_member', { req }),
  linkHouseholdMember: (req: LinkHouseholdMemberRequest) =>
    call('link_household_member', { req }),
  openCase: (req: OpenCaseRequest) => call('open_case', { req }),
  createConversation: (caseId: string) =>
    call('create_conversation', { req: { case_id: caseId } }),
  getConversation: (id: string) => call('get_conversation', { id }),
  caseTimeline: (caseId: string) => call('case_timeline', { case_id: caseId }),
  clientAudit: (clientId: string) => call('client_audit', { client_id: clientId }),
  verifyAuditChain: () => call('verify_audit_chain'),
  auditSearch: (req: AuditSearchRequest) => call('audit_search', { req }),
  /** Writes the search as CSV into `directory` (Downloads when empty); returns the file's path. */
  exportAuditCsv: (req: AuditSearchRequest, directory: string | null) =>
    call('export_audit_csv', { req, directory }),
  listDeadlines: (filter: DeadlineFilter) => call('list_deadlines', { filter }),
  caseDeadlines: (caseId: string) => call('case_deadlines', { case_id: caseId }),
  getDeadlineTerms: () => call('get_deadline_terms'),
  saveDeadlineTerms: (req: Terms) => call('save_deadline_terms', { req }),
  caseTrajectory: (caseId: string) => call('case_trajectory', { case_id: caseId }),
  setGoalStatus: (req: SetGoalStatusRequest) => call('set_goal_status', { req }),
  extendTerm: (req: ExtendTermRequest) => call('extend_term', { req }),

  listInstruments: () => call('list_instruments'),
  importInstrumentPack: (content: string) =>
    call('import_instrument_pack', { content }),
  getScreeningSettings: () => call('get_screening_settings'),
  saveScreeningSettings: (req: ScreeningSettings) =>
    call('save_screening_settings', { req }),
  startAdministration: (req: StartAdministrationRequest) =>
    call('start_administration', { req }),
  getAdministration: (id: string) => call('get_administration', { id }),
  listAdministrations: (conversationId: string) =>
    call('list_administrations', { conversation_id: conversationId }),
  answerItem: (req: AnswerRequest) => call('answer_item', { req }),
  answerHistory: (administrationId: string, linkId: string) =>
    call('answer_history', {
      administration_id: administrationId,
      link_id: linkId,
    }),
  setAdministrationStatus: (administrationId: string, status: string) =>
    call('set_administration_status', {
      administration_id: administrationId,
      status,
    }),
  acknowledgeSafety: (administrationId: string, flagId: string, note: string) =>
    call('acknowledge_safety', {
      administration_id: administrationId,
      flag_id: flagId,
      note,
    }),
  instrumentSeries: (clientId: string) =>
    call('instrument_series', { client_id: clientId }),
  teamDashboard: () => call('team_dashboard'),
  exportMonitoringCsv: (directory: string) =>
    call('export_monitoring_csv', { req: { directory } }),
  exportAdministration: (administrationId: string, recipient: string) =>
    call('export_administration', { administration_id: administrationId, recipient }),
  enterClientView: (administrationId: string) =>
    call('enter_client_view', { administration_id: administrationId }),
  clientViewStep: () => call('client_view_step'),
  clientAnswer: (req: ClientAnswerRequest) => call('client_answer', { req }),
  clientBack: () => call('client_back'),
  clientFinish: () => call('client_finish'),
  leaveClientView: (passphrase: string) => call('leave_client_view', { passphrase }),

  guideTopics: () => call('guide_topics'),
  getConversationGuide: (conversationId: string) =>
    call('get_conversation_guide', { conversation_id: conversationId }),
  saveGuideEntry: (req: SaveGuideEntryRequest) =>
    call('save_guide_entry', { req }),
  clientGuide: (clientId: string) => call('client_guide', { client_id: clientId }),
  clientMoney: (clientId: string) => call('client_money', { client_id: clientId }),
  saveFixedCost: (req: SaveFixedCostRequest) => call('save_fixed_cost', { req }),
  saveAllowance: (req: SaveAllowanceRequest) => call('save_allowance', { req }),
  saveIncome: (req: SaveIncomeRequest) => call('save_income', { req }),
  householdOverview: (clientId: string) =>
    call('household_overview', { client_id: clientId }),
  setMemberArrival: (req: SetMemberArrivalRequest) =>
    call('set_member_arrival', { req }),
  clientSetLanguage: (language: string) => call('client_set_language', { language }),
  clientSetInterpreterView: (on: boolean) =>
    call('client_set_interpreter_view', { on }),
  syncStatus: () => call('sync_status'),
  enrolDevice: (req: EnrolRequest) => call('enrol_device', { req }),
  syncNow: () => call('sync_now'),
  syncLedger: () => call('sync_ledger'),
  pendingDevices: () => call('pending_devices'),
  /** Grants the team key only if `fingerprint` (typed from the new device's screen) is its. */
  grantTeamKey: (deviceId: string, fingerprint: string) =>
    call('grant_team_key', { device_id: deviceId, fingerprint }),
  importTeamKey: (secret: string) => call('import_team_key', { secret }),
  pinRecipientList: (tenantRootKey: string, recipientList: string) =>
    call('pin_recipient_list', { tenant_root_key: tenantRootKey, recipient_list: recipientList }),
  teamDevices: () => call('team_devices'),
  issueEnrolmentCode: (req: IssueEnrolmentCodeRequest) =>
    call('issue_enrolment_code', { req }),
  revokeDevice: (deviceId: string) => call('revoke_device', { device_id: deviceId }),
  handoverCase: (req: HandoverCaseRequest) => call('handover_case', { req }),
  handoverAll: (req: HandoverAllRequest) => call('handover_all', { req }),
  counsellors: () => call('counsellors'),
  setOfflineLockDays: (days: number) => call('set_offline_lock_days', { days }),
  /** The municipality's policy this laptop runs on, with where it came from. */
  getPolicy: () => call('get_policy'),
  /** Supervisor: signs the policy with this device's key as the next version and publishes it. */
  publishPolicy: (policy: Policy) => call('publish_policy', { policy }),
  listConflicts: () => call('list_conflicts'),
  settleConflict: (req: SettleConflictRequest) => call('settle_conflict', { req }),
  consentRegister: (clientId: string) =>
    call('consent_register', { client_id: clientId }),
  consentText: (textId: string, version: number, language: string | null) =>
    call('consent_text', { text_id: textId, version, language }),
  recordConsent: (req: RecordConsentRequest) => call('record_consent', { req }),
  withdrawConsent: (req: WithdrawConsentRequest) =>
    call('withdraw_consent', { req }),

  planVersions: (caseId: string) =>
    call('plan_versions', { case_id: caseId }),
  openPlanDraft: (caseId: string) => call('open_plan_draft', { case_id: caseId }),
  getPlan: (planId: string) => call('get_plan', { plan_id: planId }),
  savePlanField: (req: SavePlanFieldRequest) => call('save_plan_field', { req }),
  setPlanRoute: (req: SetPlanRouteRequest) => call('set_plan_route', { req }),
  fixPlan: (req: FixPlanRequest) => call('fix_plan', { req }),
  signPlan: (req: SignPlanRequest) => call('sign_plan', { req }),
  attestPlan: (req: AttestPlanRequest) => call('attest_plan', { req }),
  submitPlanForReview: (planId: string) =>
    call('submit_plan_for_review', { plan_id: planId }),
  approvePlan: (planId: string) => call('approve_plan', { plan_id: planId }),
  returnPlan: (req: ReturnPlanRequest) => call('return_plan', { req }),
  revisePlan: (planId: string) => call('revise_plan', { plan_id: planId }),
  plansInReview: () => call('plans_in_review'),
  getPlanRoutes: () => call('get_plan_routes'),
  savePlanRoutes: (routes: CustomRoute[]) => call('save_plan_routes', { routes }),
  documentOptions: (planId: string) => call('document_options', { plan_id: planId }),
  previewPlanDocument: (req: PlanDocumentRequest) => call('preview_plan_document', { req }),
  recordPlanPrint: (planId: string) => call('record_plan_print', { plan_id: planId }),
  /** Opens the save dialog (in Rust) and writes there; null when the user cancelled. */
  savePlanDocument: (req: PlanDocumentRequest) => call('save_plan_document', { req }),
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
