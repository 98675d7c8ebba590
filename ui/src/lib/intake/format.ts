// Formatting for the intake screens. Amounts arrive as integer cents and are formatted from
// integers (no floating point anywhere between the store and the screen).
import { countryName } from '../codes';
import { formatPartialDate } from '../datetime';
import { label, locale, t } from '../i18n.svelte';
import type { GuideFieldSpec } from '../types';

/** `€ 1.285,33` (nl) or `€1,285.33` (en) from 128533 cents; negative amounts keep their sign. */
export function formatCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '—';
  const negative = cents < 0;
  const abs = Math.abs(Math.trunc(cents));
  const euros = Math.trunc(abs / 100);
  const rest = String(abs % 100).padStart(2, '0');
  const nl = locale() === 'nl-NL';
  const grouped = new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(euros);
  const body = `${grouped}${nl ? ',' : '.'}${rest}`;
  return `${negative ? '−' : ''}€${nl ? ' ' : ''}${body}`;
}

/** An amount in cents as the counsellor would type it back (`612,50`); empty when unknown. */
export function centsInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  const abs = Math.abs(Math.trunc(cents));
  const rest = String(abs % 100).padStart(2, '0');
  const sep = locale() === 'nl-NL' ? ',' : '.';
  return `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}${sep}${rest}`;
}

/** A structured guide value as text, by its field's kind. */
export function guideValueText(spec: GuideFieldSpec | undefined, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  switch (spec?.kind) {
    case 'bool':
      return value === true ? t('value-yes') : t('value-no');
    case 'choice':
      return label('guide-option', String(value));
    case 'country':
      return countryName(String(value));
    case 'date':
      return formatPartialDate(String(value));
    default:
      return String(value);
  }
}
