// How a deadline reads: its kind, state and "n days left / late / done on …".
import { formatPartialDate } from '../datetime';
import { t } from '../i18n.svelte';
import type { DeadlineView } from '../types';

export function kindText(d: DeadlineView): string {
  return t(`deadline-kind-${d.kind}`);
}

export function stateText(d: DeadlineView): string {
  return t(`deadline-state-${d.state}`);
}

/** The detail after the state: days left or late, when it was done, or what to enter. */
export function detailText(d: DeadlineView): string {
  if (d.state === 'unknown') return d.missing ? t(`deadline-missing-${d.missing}`) : '';
  if (d.done) return t('deadline-done-on', { date: formatPartialDate(d.done) });
  if (d.days === null) return '';
  if (d.state === 'passed') return '';
  return d.days < 0 ? t('deadline-days-late', { days: -d.days }) : t('deadline-days-left', { days: d.days });
}
