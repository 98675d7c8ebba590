// Sync state shared by the header badge and the Sync screen, the Sync button's run with its
// progress, and the automatic sync that tries every few minutes while the app is open.
import { AppError, api, onSyncProgress } from '../api';
import { app } from '../session.svelte';
import type { SyncProgress, SyncReportView, SyncStatus } from '../types';

export const AUTO_SYNC_INTERVAL_MS = 5 * 60 * 1000;

export const syncState = $state<{
  status: SyncStatus | null;
  running: boolean;
  progress: SyncProgress | null;
  report: SyncReportView | null;
  error: AppError | null;
  /** Counts finished syncs. A sync runs beside the session (commands answer during it), so
   *  screens showing what a sync changes read again when this moves. */
  finished: number;
}>({ status: null, running: false, progress: null, report: null, error: null, finished: 0 });

export async function refreshSyncStatus(): Promise<void> {
  if (app.phase !== 'unlocked') return;
  try {
    syncState.status = await api.syncStatus();
  } catch {
    // The badge is a hint; the Sync screen shows errors.
  }
}

/**
 * Push then pull. `quiet` (the automatic sync) keeps an unreachable server to itself: at the
 * azc there is no network, and that is normal.
 */
export async function runSync({ quiet = false } = {}): Promise<SyncReportView | null> {
  if (syncState.running) return null;
  syncState.running = true;
  syncState.progress = null;
  if (!quiet) syncState.error = null;
  const stop = await onSyncProgress((p) => (syncState.progress = p)).catch(() => null);
  try {
    const report = await api.syncNow();
    syncState.report = report;
    syncState.error = null;
    return report;
  } catch (e) {
    const err = AppError.from(e);
    if (!quiet || err.key !== 'sync_unreachable') syncState.error = err;
    return null;
  } finally {
    stop?.();
    syncState.running = false;
    await refreshSyncStatus();
    syncState.finished += 1;
  }
}

/** Tries a sync now and then every few minutes, when this device is enrolled and can read. */
export function startAutoSync(): () => void {
  const attempt = () => {
    const s = syncState.status;
    if (app.phase === 'unlocked' && s?.enrolled && !app.session?.client_view) {
      void runSync({ quiet: true });
    }
  };
  const first = setTimeout(() => void refreshSyncStatus().then(attempt), 2000);
  const every = setInterval(attempt, AUTO_SYNC_INTERVAL_MS);
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
