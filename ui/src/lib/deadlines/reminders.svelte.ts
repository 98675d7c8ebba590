// The reminder count on the header link: overdue plus due-soon deadlines of all open cases.
import { api } from '../api';
import { app } from '../session.svelte';

export const reminders = $state<{ overdue: number; dueSoon: number; loaded: boolean }>({
  overdue: 0,
  dueSoon: 0,
  loaded: false,
});

let seq = 0;
let lastAt = -Infinity;
let lastEpoch = -1;
/** Screen changes re-read the counts at most this often; a saved date re-reads them at once. */
const MIN_INTERVAL_MS = 30_000;

/**
 * Re-reads the counts (the overdue filter returns few rows; the counts cover both). The
 * backend reads every open case, so screen changes are throttled unless `force`.
 */
export async function refreshReminders(force = false): Promise<void> {
  const epoch = app.epoch;
  const now = Date.now();
  if (!force && epoch === lastEpoch && now - lastAt < MIN_INTERVAL_MS) return;
  // Another session (a lock, another profile): never show the previous one's counts.
  if (epoch !== lastEpoch) reminders.loaded = false;
  lastAt = now;
  lastEpoch = epoch;
  const mine = ++seq;
  try {
    const list = await api.listDeadlines('overdue');
    if (mine !== seq || epoch !== app.epoch) return;
    reminders.overdue = list.overdue;
    reminders.dueSoon = list.due_soon;
    reminders.loaded = true;
  } catch {
    // A badge is a convenience: the Deadlines screen shows the error if there is one.
    if (mine === seq) reminders.loaded = false;
  }
}

/** Bumped when a date that deadlines depend on is saved outside a case (the koppeling date). */
export const deadlineDates = $state<{ changed: number }>({ changed: 0 });

export function deadlineDateSaved(): void {
  deadlineDates.changed += 1;
}
