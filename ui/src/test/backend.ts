// A mocked backend for component tests: fixtures plus a record of every IPC call.
import { mockIPC } from '@tauri-apps/api/mocks';
import type {
  AppStatus,
  CaseList,
  ClientView,
  ConversationView,
  PolicyView,
  ProfileSummary,
  SessionInfo,
} from '../lib/types';
import type { Commands } from '../lib/bindings/Commands';

export type Call = { cmd: string; args: Record<string, unknown> };
export type Handler = (args: Record<string, unknown>) => unknown;
/** Answers per command, keyed by the generated command map: a misspelt name fails the check. */
export type Handlers = Partial<Record<keyof Commands, Handler>>;

export const PROFILE: ProfileSummary = {
  id: 'p-1',
  name: 'Sanne',
  demo: false,
  created_at: '2025-01-06T09:00:00Z',
  retry_after_secs: 0,
};
export const SESSION: SessionInfo = { profile: PROFILE, auto_lock_minutes: 10, client_view: null };

export function status(over: Partial<AppStatus> = {}): AppStatus {
  return { instance: 'ok', profiles: [PROFILE], session: null, language: 'nl', ...over };
}

export const CLIENT_ID = 'c-0001';
export const CASE_ID = 'k-0001';
export const CONVERSATION_ID = 'g-0001';

export function clientView(over: Partial<ClientView['client']> = {}): ClientView {
  return {
    id: CLIENT_ID,
    display_name: 'Amanuel Gebremedhin',
    age: 31,
    client: {
      document_given_names: 'Amanuel',
      document_family_name: 'Gebremedhin',
      preferred_name: null,
      other_spellings: null,
      date_of_birth: '1994',
      sex: 'male',
      country_of_origin: 'ER',
      nationality: 'ER',
      languages: [{ language: 'ti', spoken: 'native', literacy: 'literate' }],
      latin_script_literacy: 'limited',
      phone: null,
      email: null,
      address: null,
      bsn: null,
      v_number: '2075551234',
      koppeling_date: null,
      azc_location: 'azc Ter Apel',
      target_group: 'statushouder',
      ...over,
    },
    cases: [
      {
        id: CASE_ID,
        case: {
          client_id: CLIENT_ID,
          status: 'intake',
          counsellor: null,
          opened_on: '2025-01-20',
          intake_started_on: null,
          pip_decided_on: null,
          route_started_on: null,
          term_ends_on: null,
          ontzorgen_started_on: null,
          ontzorgen_follow_up_on: null,
          ontzorgen_decided_on: null,
          ontzorgen_outcome: null,
          ontzorgen_extended_to: null,
          term_extensions: [],
          duty_decision: null,
          z_final_conversation_on: null,
        },
        conversations: [],
        handovers: [],
      },
    ],
    households: [],
  };
}

export function conversationView(over: Partial<ConversationView['conversation']> = {}): ConversationView {
  return {
    id: CONVERSATION_ID,
    case_id: CASE_ID,
    client_id: CLIENT_ID,
    client_name: 'Amanuel Gebremedhin',
    revision_count: 1,
    warnings: [],
    conversation: {
      case_id: CASE_ID,
      starts_at: '2025-03-04T09:30:00Z',
      place: 'azc',
      conversation_type: 'first',
      participants: [],
      interpreter_mode: 'informal_family',
      interpreter_name: 'Hamid',
      interpreter_register_number: null,
      interpreter_is_minor: false,
      language_used: 'ti',
      notes: '',
      review_for: null,
      ...over,
    },
  };
}

export const CASE_LIST: CaseList = {
  total_clients: 3,
  countries: ['ER', 'SY'],
  locations: ['azc Ter Apel'],
  rows: [
    {
      client_id: 'c-1',
      case_id: 'k-1',
      display_name: 'Amanuel Gebremedhin',
      document_name: 'Amanuel Tesfay Gebremedhin',
      v_number: '2075551234',
      bsn: null,
      date_of_birth: '1994',
      age: 31,
      country: 'ER',
      location: 'azc Ter Apel',
      status: 'intake',
      last_conversation: '2025-02-27T13:00:00Z',
      household_size: 1,
      demo: false,
      counsellor: null,
    },
    {
      client_id: 'c-2',
      case_id: 'k-2',
      display_name: 'رهف الحسن',
      document_name: 'Rahaf Al-Hassan',
      v_number: null,
      bsn: null,
      date_of_birth: '1979-11-02',
      age: 45,
      country: 'SY',
      location: null,
      status: 'route',
      last_conversation: null,
      household_size: 2,
      demo: false,
      counsellor: 'Fatima de Vries',
    },
  ],
};

export const saved = () => ({ rev_id: 'r-1', saved_at: '2025-03-04T13:02:11Z', warnings: [] });

/** The municipality's policy as a laptop that accepted version 3 from IT shows it. */
export const POLICY: PolicyView = {
  policy: {
    schema: 'aankomst-policy-content/1',
    sealed_instruments: [{ definition_id: 'k10-nl', recipient: 'ggd' }],
    terms: {
      pip_weeks: 10,
      pip_start: 'koppeling',
      route_change_months: 18,
      ontzorgen_months: 6,
      ontzorgen_follow_up_month: 3,
      ontzorgen_decision_month: 5,
      due_soon_days: 14,
    },
    routes: [{ code: 'b1', label: null, legal_route: 'b1' }],
    offline_lock_days: 30,
    max_auto_lock_minutes: 60,
    required_consents: [],
    safety_contacts: [],
    approved_packs: null,
    ggd_follow_up_days: 14,
  },
  source: { version: 3, signer: 'root', issued_at: '2026-01-05T09:00:00Z', accepted_at: '2026-01-05T10:00:00Z' },
  can_edit: false,
};

/** Installs mockIPC with default answers, overridden per command; returns the call log. */
export function backend(handlers: Handlers = {}): Call[] {
  const calls: Call[] = [];
  const defaults: Handlers = {
    app_status: () => status(),
    touch: () => null,
    lock: () => null,
    set_language: () => null,
    list_cases: () => CASE_LIST,
    get_client: () => clientView(),
    case_timeline: () => [],
    list_deadlines: () => ({ rows: [], overdue: 0, due_soon: 0, unknown: 0, today: '2025-03-04' }),
    case_deadlines: () => [],
    case_trajectory: () => ({
      case_id: CASE_ID,
      plan_id: null,
      plan_version: null,
      goals: [],
      reviews: [],
      next_review: null,
      missed_reviews: 0,
      held_reviews: [],
      review_interval_months: 3,
      review_required: null,
      plan_gaps: [],
      term: null,
      term_extensions: [],
      duty_decision: null,
      z_route: false,
      z_months: [],
      z_totals: [],
      z_final: null,
    }),
    client_audit: () => [],
    sync_status: () => ({
      enrolled: false,
      device_id: null,
      role: null,
      fingerprint: null,
      device_public_key: null,
      certified: false,
      has_team_key: false,
      last_check_in: null,
      days_since_check_in: null,
      unsynced: 0,
      offline_lock_days: 30,
      offline_locked: false,
      ggd_key_pinned: false,
    }),
    consent_register: () => ({ client_language: null, rows: [] }),
    plan_versions: () => [],
    get_deadline_terms: () => ({
      pip_weeks: 10,
      pip_start: 'koppeling',
      route_change_months: 18,
      ontzorgen_months: 6,
      ontzorgen_follow_up_month: 3,
      ontzorgen_decision_month: 5,
      due_soon_days: 14,
    }),
    get_conversation: () => conversationView(),
    save_field: () => saved(),
    assess_passphrase: () => ({ score: 0, acceptable: false, hints: [] }),
    get_policy: () => POLICY,
  };
  mockIPC(
    (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      const name = cmd as keyof Commands;
      const h = handlers[name] ?? defaults[name];
      if (!h) throw { key: 'internal', args: {}, field: null };
      return h(args);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

export const only = (calls: Call[], cmd: keyof Commands) => calls.filter((c) => c.cmd === cmd);
