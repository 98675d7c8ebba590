import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import type { DeadlineList, DeadlineView } from '../lib/types';
import { refreshReminders, reminders } from '../lib/deadlines/reminders.svelte';
import { backend, CASE_ID, CLIENT_ID, only, POLICY, SESSION, status } from './backend';

async function settle(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  await tick();
}

async function open(hash: string) {
  history.replaceState(null, '', hash);
  render(App);
  await settle(50);
}

const pip = (over: Partial<DeadlineView> = {}): DeadlineView => ({
  kind: 'pip',
  due: '2024-08-19',
  done: null,
  state: 'overdue',
  days: -568,
  missing: null,
  ...over,
});

const LIST: DeadlineList = {
  today: '2026-03-10',
  overdue: 1,
  due_soon: 2,
  unknown: 0,
  rows: [
    { client_id: 'c-1', client_name: 'Hüseyin Öztürk', case_id: 'k-1', deadline: pip() },
    {
      client_id: 'c-2',
      client_name: 'رهف الحسن',
      case_id: 'k-2',
      deadline: pip({ due: '2026-03-16', state: 'due_soon', days: 6 }),
    },
    {
      client_id: 'c-3',
      client_name: 'Selam',
      case_id: 'k-3',
      deadline: {
        kind: 'ontzorgen_follow_up',
        due: '2026-03-10',
        done: null,
        state: 'due_soon',
        days: 0,
        missing: null,
      },
    },
  ],
};

describe('deadlines', () => {
  it('lists overdue and due-soon deadlines with links to the client, and the header shows their count', async () => {
    vi.useFakeTimers();
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      list_deadlines: (args) =>
        args.filter === 'unknown'
          ? {
              ...LIST,
              unknown: 1,
              rows: [
                {
                  client_id: 'c-9',
                  client_name: 'Amanuel',
                  case_id: 'k-9',
                  deadline: pip({ due: null, state: 'unknown', days: null, missing: 'koppeling_date' }),
                },
              ],
            }
          : LIST,
    });
    await open('#/deadlines');

    expect(only(calls, 'list_deadlines').map((c) => c.args.filter)).toContain('attention');
    const overdue = screen.getByTestId('deadlines-overdue');
    const rows = within(overdue).getAllByTestId('deadline-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('Hüseyin Öztürk');
    expect(rows[0]).toHaveTextContent('PIP vaststellen');
    expect(rows[0]).toHaveTextContent('Verlopen');
    expect(rows[0]).toHaveTextContent('568 dagen over tijd');
    expect(within(rows[0]).getByRole('link')).toHaveAttribute('href', '#/client/c-1');

    const soon = within(screen.getByTestId('deadlines-due-soon')).getAllByTestId('deadline-row');
    expect(soon.map((r) => r.dataset.clientId)).toEqual(['c-2', 'c-3']);
    expect(soon[0]).toHaveTextContent('nog 6 dagen');
    expect(within(soon[0]).getByText('رهف الحسن')).toHaveAttribute('dir', 'auto');
    expect(soon[1]).toHaveTextContent('Ontzorgen: nabellen (maand 3)');
    expect(soon[1]).toHaveTextContent('vandaag');

    const badge = screen.getByTestId('deadline-badge');
    expect(badge).toHaveTextContent('3');
    expect(badge).toHaveAttribute('aria-label', '3 termijnen vragen aandacht');
    expect(screen.getByTestId('nav-deadlines')).toHaveAttribute('aria-current', 'page');

    const missing = within(screen.getByTestId('deadlines-missing')).getByTestId('deadline-row');
    expect(missing).toHaveTextContent('Amanuel');
    expect(missing).toHaveTextContent('onbekend — vul de datum van koppeling in');
    expect(within(missing).getByRole('link')).toHaveAttribute('href', '#/client/c-9');
  });

  it('says so when nothing is overdue or due soon, and shows no badge', async () => {
    vi.useFakeTimers();
    backend({ app_status: () => status({ session: SESSION }) });
    await open('#/deadlines');
    expect(screen.getByTestId('deadlines-overdue-empty')).toHaveTextContent('Geen verlopen termijnen.');
    expect(screen.getByTestId('deadlines-due-soon-empty')).toBeInTheDocument();
    expect(screen.getByTestId('deadlines-missing-empty')).toHaveTextContent('Geen ontbrekende datums.');
    expect(screen.queryByTestId('deadline-badge')).toBeNull();
  });

  it("shows a case's deadlines on the client screen and asks for a missing koppeling date", async () => {
    vi.useFakeTimers();
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      case_deadlines: () => [
        pip({ due: null, state: 'unknown', days: null, missing: 'koppeling_date' }),
        pip({ kind: 'route_change_window', due: null, state: 'unknown', days: null, missing: 'pip_decided_on' }),
      ],
    });
    await open(`#/client/${CLIENT_ID}`);
    expect(only(calls, 'case_deadlines')[0].args).toEqual({ case_id: CASE_ID });
    const items = screen.getAllByTestId('case-deadline');
    expect(items.map((i) => i.dataset.state)).toEqual(['unknown', 'unknown']);
    expect(items[0]).toHaveTextContent('onbekend — vul de datum van koppeling in');
    expect(items[1]).toHaveTextContent('begint bij het vaststellen van het PIP');
  });

  it('re-reads the case deadlines after a date of the case is saved', async () => {
    vi.useFakeTimers();
    let decided = false;
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      save_field: (args) => {
        decided = (args.req as { field: string }).field === 'pip_decided_on';
        return { rev_id: 'r-1', saved_at: '2026-03-10T10:00:00Z', warnings: [] };
      },
      case_deadlines: () => [decided ? pip({ done: '2026-03-01', state: 'met_late', days: 562 }) : pip()],
    });
    await open(`#/client/${CLIENT_ID}`);
    expect(screen.getByTestId('case-deadline')).toHaveAttribute('data-state', 'overdue');
    await fireEvent.input(screen.getByTestId('field-pip_decided_on'), { target: { value: '2026-03-01' } });
    await settle(2000);
    expect(only(calls, 'save_field').length).toBeGreaterThan(0);
    expect(screen.getByTestId('case-deadline')).toHaveAttribute('data-state', 'met_late');
    expect(screen.getByTestId('case-deadline')).toHaveTextContent('Te laat gedaan');
  });

  it('re-reads the case deadlines after the koppeling date is saved', async () => {
    vi.useFakeTimers();
    let koppeling = false;
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      save_field: (args) => {
        koppeling ||= (args.req as { field: string }).field === 'koppeling_date';
        return { rev_id: 'r-1', saved_at: '2026-03-10T10:00:00Z', warnings: [] };
      },
      case_deadlines: () => [
        koppeling
          ? pip({ due: '2026-03-16', state: 'due_soon', days: 6 })
          : pip({ due: null, state: 'unknown', days: null, missing: 'koppeling_date' }),
      ],
    });
    await open(`#/client/${CLIENT_ID}`);
    expect(screen.getByTestId('case-deadline')).toHaveAttribute('data-state', 'unknown');
    await fireEvent.input(screen.getByTestId('field-koppeling_date'), { target: { value: '2026-01-05' } });
    await settle(2000);
    expect(only(calls, 'save_field').length).toBeGreaterThan(0);
    expect(screen.getByTestId('case-deadline')).toHaveAttribute('data-state', 'due_soon');
    expect(screen.getByTestId('case-deadline')).toHaveTextContent('nog 6 dagen');
  });

  it("shows the municipality's terms read-only, with the policy they come from", async () => {
    vi.useFakeTimers();
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      get_settings: () => ({ auto_lock_minutes: 10, language: 'nl' }),
      get_policy: () => POLICY,
    });
    await open('#/settings');
    await settle(50);
    const form = screen.getByTestId('deadline-settings');
    expect(within(form).getByTestId('deadline-pip_weeks')).toHaveTextContent('10');
    expect(within(form).getByTestId('policy-source')).toHaveTextContent(
      /beleid versie 3, ondertekend door de gemeente \(hoofdsleutel\)/,
    );
    expect(within(form).queryAllByRole('spinbutton')).toHaveLength(0);
    expect(only(calls, 'save_deadline_terms')).toHaveLength(0);
  });

  it('re-reads the reminder counts at most every 30 s on screen changes, and at once when forced', async () => {
    vi.useFakeTimers();
    const calls = backend({ list_deadlines: () => LIST });
    await refreshReminders(true);
    expect(reminders.overdue + reminders.dueSoon).toBe(3);
    await refreshReminders();
    expect(only(calls, 'list_deadlines')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(31_000);
    await refreshReminders();
    expect(only(calls, 'list_deadlines')).toHaveLength(2);
    await refreshReminders(true);
    expect(only(calls, 'list_deadlines')).toHaveLength(3);
  });
});
