import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { formatCents } from '../lib/intake/format';
import type { ConversationGuide, GuideState, GuideTopicSpec, MoneyView, TopicState } from '../lib/types';
import { backend, CASE_ID, CLIENT_ID, CONVERSATION_ID, only, SESSION, status } from './backend';

async function settle(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  await tick();
}

async function open(hash: string) {
  history.replaceState(null, '', hash);
  render(App);
  await settle(50);
}

const TOPICS: GuideTopicSpec[] = [
  {
    id: 'personal_circumstances',
    mandatory: true,
    fields: [
      { id: 'physical_health', kind: 'long_text', options: [], min: null, max: null },
      { id: 'capacity', kind: 'choice', options: ['full', 'limited'], min: null, max: null },
    ],
  },
  {
    id: 'education_work_origin',
    mandatory: true,
    fields: [
      { id: 'years_of_work', kind: 'integer', options: [], min: 0, max: 60 },
      { id: 'occupations', kind: 'text', options: [], min: null, max: null },
    ],
  },
  {
    id: 'digital',
    mandatory: false,
    fields: [{ id: 'smartphone', kind: 'bool', options: [], min: null, max: null }],
  },
];

function topicState(topic: string, over: Partial<TopicState> = {}): TopicState {
  return {
    topic,
    mandatory: topic !== 'digital',
    status: 'not_started',
    reason: null,
    values: [],
    notes: [],
    discussed_in: [],
    administration_id: null,
    ...over,
  };
}

function state(over: Partial<GuideState> = {}): GuideState {
  return {
    topics: [
      topicState('personal_circumstances'),
      topicState('education_work_origin', {
        status: 'to_do',
        values: [{ field: 'occupations', value: 'Kapper', conversation_id: 'g-earlier' }],
        discussed_in: [{ conversation_id: 'g-earlier', starts_at: '2025-03-02T09:00:00Z' }],
      }),
      topicState('digital'),
    ],
    ready_for_pip: false,
    mandatory_missing: 2,
    missing: 3,
    done: 0,
    total: 3,
    conversations: 1,
    ...over,
  };
}

function guide(over: Partial<ConversationGuide> = {}): ConversationGuide {
  return { conversation_id: CONVERSATION_ID, client_id: CLIENT_ID, topics: TOPICS, entries: [], state: state(), ...over };
}

describe('amounts', () => {
  it('are formatted from whole cents, never through floating point', () => {
    expect(formatCents(128533)).toBe('€ 1.285,33');
    expect(formatCents(5)).toBe('€ 0,05');
    expect(formatCents(0)).toBe('€ 0,00');
    expect(formatCents(-90849)).toBe('−€ 908,49');
    expect(formatCents(null)).toBe('—');
  });
});

describe('the conversation guide', () => {
  it('records a topic with typed values, and keeps what was typed when the backend refuses it', async () => {
    vi.useFakeTimers();
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      list_administrations: () => [],
      list_instruments: () => [],
      get_conversation_guide: () => guide(),
      save_guide_entry: (args) => {
        const req = args.req as { topic: string; entry: { status: string; reason: string } };
        if (req.entry.status === 'not_applicable' && !req.entry.reason) {
          throw { key: 'field', args: { error: 'missing_part' }, field: 'guide/personal_circumstances' };
        }
        return guide({
          entries: [{ topic: req.topic, entry: { status: req.entry.status, reason: null, values: {}, notes: null } }],
          state: state({ done: 1 }),
        });
      },
    });
    await open(`#/conversation/${CONVERSATION_ID}`);
    const section = await screen.findByTestId('guide-section');
    const chips = within(section).getAllByTestId('guide-topic');
    expect(chips.map((c) => c.dataset.topic)).toEqual(['personal_circumstances', 'education_work_origin', 'digital']);
    expect(within(section).getAllByText('verplicht')).toHaveLength(2);

    // Earlier conversations' values are shown for reference.
    await fireEvent.click(chips[1]);
    await settle();
    expect(screen.getByTestId('guide-earlier').textContent).toContain('Kapper');
    await fireEvent.input(screen.getByTestId('guide-field-years_of_work'), { target: { value: '6' } });
    await fireEvent.click(screen.getByTestId('guide-status-covered'));
    await fireEvent.click(screen.getByTestId('guide-save'));
    await settle();
    const saved = only(calls, 'save_guide_entry')[0].args.req as Record<string, unknown>;
    expect(saved).toEqual({
      conversation_id: CONVERSATION_ID,
      topic: 'education_work_origin',
      entry: { status: 'covered', reason: '', notes: '', values: { years_of_work: 6 } },
    });
    expect(screen.queryByTestId('guide-entry-form')).toBeNull();

    // A mandatory part "not applicable" without a reason: the message says so, nothing is lost.
    await fireEvent.click(screen.getAllByTestId('guide-topic')[0]);
    await settle();
    await fireEvent.input(screen.getByTestId('guide-field-physical_health'), { target: { value: 'Rugklachten' } });
    await fireEvent.click(screen.getByTestId('guide-status-not_applicable'));
    await settle();
    await fireEvent.click(screen.getByTestId('guide-save'));
    await settle();
    expect(screen.getByTestId('guide-error').textContent).toMatch(/reden/i);
    expect((screen.getByTestId('guide-field-physical_health') as HTMLTextAreaElement).value).toBe('Rugklachten');

    // A yes/no field goes over the wire as a boolean.
    await fireEvent.click(screen.getAllByTestId('guide-topic')[2]);
    await settle();
    await fireEvent.change(screen.getByTestId('guide-field-smartphone'), { target: { value: 'yes' } });
    await fireEvent.click(screen.getByTestId('guide-save'));
    await settle();
    const last = only(calls, 'save_guide_entry').at(-1)!.args.req as { entry: { values: unknown } };
    expect(last.entry.values).toEqual({ smartphone: true });
    vi.useRealTimers();
  });
});

const MONEY: MoneyView = {
  client_id: CLIENT_ID,
  case_id: CASE_ID,
  ontzorgen_started_on: '2025-03-01',
  ontzorgen_ends_on: '2025-09-01',
  ontzorgen_months: 6,
  benefit_monthly_cents: 128533,
  other_income_monthly_cents: null,
  costs: [
    {
      kind: 'rent',
      optional: false,
      recorded: true,
      cost: {
        amount_cents: 61250,
        creditor: 'Woonstad',
        authorised_on: '2025-03-02',
        direct_debit_stopped_on: null,
        no_direct_debit: null,
        payment_started_on: '2025-03-15',
        phase_out_on: null,
        ended_on: null,
        client_pays: null,
      },
      state: 'payment_running',
      warnings: ['double_payment_risk'],
    },
  ],
  allowances: [
    {
      kind: 'zorgtoeslag',
      allowance: { applied_on: '2025-03-02', received_on: null, monthly_cents: 12300, not_applicable: null },
      state: 'applied',
      late: true,
    },
  ],
  leefgeld: {
    month: '2025-04-01',
    income: 128533,
    allowances_received: 0,
    allowances_pending: 12300,
    withheld: 61250,
    now: 67283,
    expected: 79583,
    costs_without_amount: 3,
  },
  projection: [],
  measurements: [
    {
      administration_id: 'a-1',
      conversation_id: 'g-1',
      at: '2025-03-02T10:00:00Z',
      status: 'completed',
      level: 'onvoldoende',
      level_display: null,
      needs_confirmation: false,
    },
  ],
  today: '2025-04-15',
};

describe('money and ontzorgen', () => {
  it('shows costs, warnings and the leefgeld, and sends an amount as typed', async () => {
    vi.useFakeTimers();
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      client_money: () => MONEY,
      save_fixed_cost: () => {
        throw { key: 'field', args: { error: 'amount_shape' }, field: 'amount' };
      },
    });
    await open(`#/money/${CLIENT_ID}`);
    await screen.findByTestId('money-screen');
    expect(screen.getByTestId('money-leefgeld-now').textContent).toBe('€ 672,83');
    const rent = screen.getAllByTestId('fixed-cost')[0];
    expect(rent.textContent).toContain('€ 612,50');
    expect(within(rent).getByTestId('cost-warning').dataset.warning).toBe('double_payment_risk');
    expect(screen.getByTestId('allowance-late')).toBeTruthy();
    expect(screen.getByTestId('fz-measurement').dataset.level).toBe('onvoldoende');

    await fireEvent.click(within(rent).getByTestId('cost-edit'));
    await settle();
    expect((screen.getByTestId('cost-amount') as HTMLInputElement).value).toBe('612,50');
    await fireEvent.input(screen.getByTestId('cost-amount'), { target: { value: 'zeshonderd' } });
    await fireEvent.click(screen.getByTestId('cost-save'));
    await settle();
    const req = only(calls, 'save_fixed_cost')[0].args.req as Record<string, unknown>;
    expect(req.amount).toBe('zeshonderd');
    expect(req.kind).toBe('rent');
    expect(screen.getByTestId('cost-error').textContent).toMatch(/bedrag/i);
    expect((screen.getByTestId('cost-amount') as HTMLInputElement).value).toBe('zeshonderd');
    vi.useRealTimers();
  });
});
