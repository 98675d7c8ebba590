// The audit trail on the client screen: a counsellor sees this device's entries; a supervisor
// searches every device's entries by period and action, sees each device's chain status, and
// exports the result as CSV to a folder of their choice.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import type { AuditSearchResult, SyncStatus } from '../lib/types';
import { backend, CLIENT_ID, only, SESSION, status } from './backend';

async function settle(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  await tick();
}

const syncStatus = (role: string | null): SyncStatus => ({
  enrolled: role !== null,
  device_id: role ? 'dev-super-0001' : null,
  role,
  fingerprint: null,
  device_public_key: null,
  certified: role !== null,
  has_team_key: role !== null,
  last_check_in: null,
  days_since_check_in: null,
  unsynced: 0,
  offline_lock_days: 30,
  offline_locked: false,
  ggd_key_pinned: false,
});

const RESULT: AuditSearchResult = {
  entries: [
    {
      seq: 4,
      at: '2026-03-02T09:15:00Z',
      user: 'user-fatima-0001',
      device: 'dev-laptop-0007',
      action: 'read',
      object: `client:${CLIENT_ID}`,
      on_behalf_of: null,
    },
    {
      seq: 9,
      at: '2026-03-03T10:00:00Z',
      user: 'user-fatima-0001',
      device: 'dev-laptop-0007',
      action: 'read',
      object: `conversation:g-1`,
      on_behalf_of: 'handover',
    },
  ],
  chains: [
    { device: 'dev-super-0001', own: true, entries: 3, last_seq: 3, broken: null, conflicts: 0 },
    {
      device: 'dev-laptop-0007',
      own: false,
      entries: 11,
      last_seq: 0,
      broken: 'entries are missing between 9 and 11',
      conflicts: 1,
    },
  ],
};

async function openTrail() {
  history.replaceState(null, '', `#/client/${CLIENT_ID}`);
  render(App);
  await settle(50);
  const details = screen.getByTestId('audit-trail').querySelector('details')!;
  // The browser (and jsdom) fires "toggle" when a details element opens.
  details.open = true;
  await settle(10);
}

describe('audit trail', () => {
  it('shows a counsellor only this device\'s entries, with no team search', async () => {
    vi.useFakeTimers();
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      sync_status: () => syncStatus('counsellor'),
      client_audit: () => [RESULT.entries[0]],
    });
    await openTrail();
    expect(only(calls, 'client_audit')).toHaveLength(1);
    expect(only(calls, 'audit_search')).toHaveLength(0);
    expect(screen.getAllByTestId('audit-entry')).toHaveLength(1);
    expect(screen.queryByTestId('audit-search')).toBeNull();
    expect(screen.queryByTestId('audit-export')).toBeNull();
  });

  it('lets a supervisor search every device, shows each chain, and exports to a chosen folder', async () => {
    vi.useFakeTimers();
    const calls = backend({
      app_status: () => status({ session: SESSION }),
      sync_status: () => syncStatus('supervisor'),
      audit_search: () => RESULT,
      export_audit_csv: () => '/home/marieke/audit/audit-trail-c-0001-20260310.csv',
    });
    await openTrail();
    expect(only(calls, 'audit_search')[0].args).toEqual({
      req: { client_id: CLIENT_ID, from: null, to: null, actions: [] },
    });
    // Newest first, with the device and on whose behalf.
    const rows = screen.getAllByTestId('audit-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('handover');
    expect(rows[0]).toHaveAttribute('data-device', 'dev-laptop-0007');
    expect(rows[1]).toHaveTextContent('bekeken');
    const chains = screen.getAllByTestId('audit-chain-status');
    expect(chains.map((c) => c.getAttribute('data-state'))).toEqual(['intact', 'broken']);
    expect(chains[0]).toHaveTextContent('dit apparaat');
    expect(chains[1]).toHaveTextContent('entries are missing between 9 and 11');
    expect(chains[1]).toHaveTextContent('1 tegenstrijdige regels');

    // A period and one action.
    await fireEvent.input(screen.getByTestId('audit-from'), { target: { value: '2026-03-01' } });
    await fireEvent.input(screen.getByTestId('audit-to'), { target: { value: '2026-03-31' } });
    await fireEvent.click(screen.getByTestId('audit-filter-read'));
    await fireEvent.submit(screen.getByTestId('audit-search'));
    await settle(10);
    expect(only(calls, 'audit_search').at(-1)!.args).toEqual({
      req: { client_id: CLIENT_ID, from: '2026-03-01', to: '2026-03-31', actions: ['read'] },
    });

    await fireEvent.input(screen.getByTestId('audit-export-dir'), { target: { value: ' /home/marieke/audit ' } });
    await fireEvent.click(screen.getByTestId('audit-export'));
    await settle(10);
    expect(only(calls, 'export_audit_csv')[0].args).toEqual({
      req: { client_id: CLIENT_ID, from: '2026-03-01', to: '2026-03-31', actions: ['read'] },
      directory: '/home/marieke/audit',
    });
    expect(screen.getByTestId('audit-exported')).toHaveTextContent('/home/marieke/audit/audit-trail-c-0001-20260310.csv');
  });

  it('says why an export was refused, at the export', async () => {
    vi.useFakeTimers();
    backend({
      app_status: () => status({ session: SESSION }),
      sync_status: () => syncStatus('supervisor'),
      audit_search: () => RESULT,
      export_audit_csv: () => {
        throw { key: 'export_directory_invalid', args: {}, field: null };
      },
    });
    await openTrail();
    await fireEvent.input(screen.getByTestId('audit-export-dir'), { target: { value: '/nowhere' } });
    await fireEvent.click(screen.getByTestId('audit-export'));
    await settle(10);
    expect(screen.getByTestId('audit-export-error')).toHaveTextContent(/map bestaat niet/);
  });
});
