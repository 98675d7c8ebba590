import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import type { ConsentRegister, ConsentRow, ConsentTextView, PlanView } from '../lib/types';
import { backend, CASE_ID, CLIENT_ID, only, SESSION, status } from './backend';

async function settle(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  await tick();
}

async function open(hash: string) {
  history.replaceState(null, '', hash);
  render(App);
  await settle(50);
}

const row = (over: Partial<ConsentRow> = {}): ConsentRow => ({
  text_id: 'intake-summary-vwn',
  version: 1,
  purpose: 'share_intake_summary',
  recipient: 'vwn',
  state: { state: 'never_asked' },
  history: [],
  ...over,
});

const register = (r: ConsentRow): ConsentRegister => ({ client_language: 'ti', rows: [r] });

const TEXT: ConsentTextView = {
  id: 'intake-summary-vwn',
  version: 1,
  purpose: 'share_intake_summary',
  recipient: 'vwn',
  dutch: {
    review: 'source',
    text: 'De gemeente wil een samenvatting delen met VluchtelingenWerk.',
    question: 'Wat gebeurt er als u later niet meer wilt?',
    options: ['Dat kan niet meer', 'Dan stopt uw uitkering', 'U trekt uw toestemming in'],
  },
  language: 'ti',
  translation: {
    review: 'unreviewed',
    text: 'ማዘጋጃ ቤት ጽማቝ ምስ VluchtelingenWerk ክካፈሎ ይደሊ።',
    question: 'እንታይ ይኸውን?',
    options: ['ሀ', 'ለ', 'ሐ'],
  },
  languages: ['nl', 'en', 'ti'],
};

function plan(over: Partial<PlanView['plan']> = {}, view: Partial<PlanView> = {}): PlanView {
  return {
    id: 'pl-2',
    case_id: CASE_ID,
    client_id: CLIENT_ID,
    client_name: 'Amanuel Gebremedhin',
    missing: [],
    editable: true,
    review: {
      supervisor: false,
      review_required: false,
      can_submit: true,
      can_review: false,
      can_revise: false,
      can_fix: true,
      approval: null,
    },
    previous_route: 'b1',
    route_changes_used: 0,
    route_change_last_day: '2027-07-15',
    routes: [
      { code: 'b1', label: null, builtin: true, legal_route: 'b1' },
      { code: 'onderwijs', label: null, builtin: true, legal_route: 'onderwijs' },
      { code: 'z', label: null, builtin: true, legal_route: 'z' },
      { code: 'b1_mbo', label: 'B1-mbo-route', builtin: false, legal_route: 'b1' },
    ],
    finding_options: [],
    versions: [
      { id: 'pl-1', version: 1, status: 'fixed', route: 'b1', fixed_on: '2026-01-15', signed_by_client: true, signed_by_counsellor: true, interpreter_attested: true },
      { id: 'pl-2', version: 2, status: 'draft', route: 'b1', fixed_on: null, signed_by_client: false, signed_by_counsellor: false, interpreter_attested: false },
    ],
    plan: {
      case_id: CASE_ID,
      client_id: CLIENT_ID,
      version: 2,
      status: 'draft',
      previous_id: 'pl-1',
      route: 'b1',
      route_change_reason: null,
      exam_level: null,
      adjustment_reason: null,
      map: null,
      map_note: null,
      pvt_note: null,
      ontzorgen: null,
      ontzorgen_note: null,
      social_guidance: null,
      social_guidance_by: null,
      main_goal: 'Werk',
      subgoals: Array.from({ length: 6 }, (_, i) => ({ goal: `doel ${i + 1}`, actions: [] })),
      reviews: [{ on: '2026-09-01', note: null }],
      motivering: 'Reden',
      findings: [],
      explained_language: null,
      fixed_on: null,
      fixed_by: null,
      fixed_at: null,
      signature_client: null,
      signature_counsellor: null,
      interpreter_attestation: null,
      review_log: [],
      approval: null,
      ...over,
    },
    ...view,
  };
}

describe('consent register', () => {
  it('asks consent with the client language beside the Dutch, refuses a wrong comprehension answer, then records it', async () => {
    vi.useFakeTimers();
    let answered = 0;
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      consent_register: () => register(row()),
      consent_text: () => TEXT,
      record_consent: (args) => {
        const req = args.req as { comprehension_answer: number };
        answered += 1;
        if (req.comprehension_answer !== 2) throw { key: 'consent_rule', args: { rule: 'not_understood' }, field: null };
        return { register: register(row({ state: { state: 'given', on: '2026-03-04' } })), comprehension_correct: true };
      },
    });
    await open(`#/client/${CLIENT_ID}`);
    const section = await screen.findByTestId('consent-section');
    expect(within(section).getByTestId('consent-state')).toHaveTextContent('Nog niet gevraagd');
    await fireEvent.click(within(section).getByTestId('consent-ask'));
    await settle(20);

    const dialog = screen.getByTestId('consent-ask-dialog');
    expect(only(calls, 'consent_text')[0].args).toMatchObject({ text_id: 'intake-summary-vwn', language: 'ti' });
    expect(within(dialog).getByTestId('consent-text-client')).toHaveAttribute('lang', 'ti');
    expect(within(dialog).getByTestId('consent-unreviewed')).toHaveTextContent('Vertaling niet gecontroleerd');
    expect(within(dialog).getByTestId('consent-text-dutch')).toHaveTextContent('samenvatting delen');

    await fireEvent.click(within(dialog).getByTestId('consent-option-0'));
    await fireEvent.click(within(dialog).getByTestId('consent-given'));
    await settle(20);
    expect(within(dialog).getByTestId('consent-error')).toHaveTextContent('De controlevraag is niet goed beantwoord');

    await fireEvent.click(within(dialog).getByTestId('consent-option-2'));
    await fireEvent.click(within(dialog).getByTestId('consent-given'));
    await settle(20);
    expect(answered).toBe(2);
    expect(screen.queryByTestId('consent-ask-dialog')).toBeNull();
    expect(within(screen.getByTestId('consent-section')).getByTestId('consent-state')).toHaveTextContent('Gegeven op');
  });
});

describe('PIP screen', () => {
  it('offers no seventh subgoal and says why', async () => {
    vi.useFakeTimers();
    backend({ app_status: () => status({ session: SESSION }), get_plan: () => plan() });
    await open('#/plan/pl-2');
    expect(screen.getAllByTestId('plan-subgoal')).toHaveLength(6);
    expect(screen.getByTestId('plan-add-subgoal')).toBeDisabled();
    expect(screen.getByTestId('plan-subgoal-limit')).toHaveTextContent('hoogstens zes subdoelen');
  });

  it('asks a reason for a route change and shows the refusal in plain Dutch', async () => {
    vi.useFakeTimers();
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      get_plan: () => plan(),
      set_plan_route: (args) => {
        const req = args.req as { reason: string | null };
        if (!req.reason) throw { key: 'plan_rule', args: { rule: 'reason_missing' }, field: null };
        throw { key: 'plan_rule', args: { rule: 'route_change', refusal: 'window_closed' }, field: null };
      },
    });
    await open('#/plan/pl-2');
    const select = screen.getByTestId('plan-route') as HTMLSelectElement;
    select.value = 'z';
    await fireEvent.change(select);
    await settle(20);
    // A different route than the fixed version: nothing is saved until a reason is given.
    expect(only(calls, 'set_plan_route')).toHaveLength(0);
    expect(screen.getByTestId('plan-route-change')).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('plan-route-change-save'));
    await settle(20);
    expect(screen.getByTestId('plan-error')).toHaveTextContent('Een routewijziging heeft een reden nodig');

    const reason = screen.getByTestId('plan-route-reason');
    await fireEvent.input(reason, { target: { value: 'Te weinig voortgang' } });
    await fireEvent.click(screen.getByTestId('plan-route-change-save'));
    await settle(20);
    expect(only(calls, 'set_plan_route')[1].args.req).toMatchObject({ route: 'z', reason: 'Te weinig voortgang' });
    expect(screen.getByTestId('plan-error')).toHaveTextContent('tot en met 15 jul 2027');
  });
});
