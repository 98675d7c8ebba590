// The reminder count on the header link: overdue plus due-soon deadlines of all open cases.
import { api } from '../api';
import { app } from '../session.svelte';

export const reminders = $state<{ overdue: number; dueSoon: number; loaded: boolean }>({
  overdue: 0,
  dueSoon: 0,
  loaded: false,
});

let seq = 0;

/** Re-reads the counts (cheap: the overdue filter returns few rows, the counts cover both). */
export async function refreshReminders(): Promise<void> {
  const mine = ++seq;
  const epoch = app.epoch;
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
