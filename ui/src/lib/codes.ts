// Code lists shared with the Rust side. Labels come from Fluent (`country-<code>`,
// `language-<code>`, and `<prefix>-<value>` for enums).
import { label, locale, t } from './i18n.svelte';

export const COUNTRIES = [
  'SY', 'ER', 'AF', 'TR', 'IQ', 'IR', 'YE', 'SD', 'SS', 'SO', 'ET', 'UA', 'PS', 'LB', 'JO', 'EG',
  'LY', 'MA', 'DZ', 'TN', 'NG', 'CD', 'BI', 'GN', 'CM', 'PK', 'BD', 'LK', 'MM', 'CN', 'RU', 'BY',
  'GE', 'AM', 'AZ', 'CU', 'VE', 'CO', 'KW', 'SA', 'NL', 'stateless', 'unknown',
] as const;

export const LANGUAGE_CODES = [
  'ar', 'ti', 'tig', 'am', 'om', 'so', 'fa', 'prs', 'ps', 'kmr', 'ckb', 'tr', 'uk', 'ru', 'en',
  'fr', 'nl', 'ur', 'bn', 'ta', 'my', 'zh', 'hy', 'ka', 'az', 'es', 'de', 'sw', 'ln', 'ha', 'yo',
  'ff', 'bs', 'sq',
] as const;

/** Languages written right to left. */
export const RTL_LANGUAGES = new Set(['ar', 'fa', 'prs', 'ps', 'ckb', 'ur']);

export const ENUMS = {
  sex: ['female', 'male', 'x', 'unknown'],
  status: ['intake', 'pip', 'route', 'completed', 'closed'],
  place: ['azc', 'office', 'phone', 'video', 'home', 'other'],
  'conversation-type': ['first', 'check_in', 'pip', 'progress_review', 'other'],
  'interpreter-mode': [
    'none',
    'professional_in_person',
    'professional_phone',
    'professional_video',
    'informal_family',
    'informal_friend',
    'informal_key_person',
  ],
  /** Roles a member can be given; the referent (whom the others joined) is set by the backend. */
  'member-role': ['partner', 'child', 'parent', 'sibling', 'other'],
  'participant-role': [
    'client',
    'counsellor',
    'partner',
    'family',
    'vwn',
    'coa',
    'colleague',
    'provider',
    'other',
  ],
  spoken: ['native', 'fluent', 'basic'],
  literacy: ['literate', 'limited', 'none'],
  'latin-literacy': ['literate', 'limited', 'none', 'unknown'],
  'target-group': ['statushouder', 'nareiziger', 'gezinsmigrant', 'overige_migrant'],
} as const;

export type EnumName = keyof typeof ENUMS;

export type Option = { value: string; label: string };

/** The Fluent id prefix of an enum's values (Latin-script literacy shares `literacy-`). */
export function enumPrefix(name: EnumName): string {
  return name === 'latin-literacy' ? 'literacy' : name;
}

export function enumOptions(name: EnumName): Option[] {
  const prefix = enumPrefix(name);
  return ENUMS[name].map((value) => ({ value, label: label(prefix, value) }));
}

const LAST = new Set(['stateless', 'unknown']);

/** Countries sorted by their name in the current language; stateless and unknown last. */
export function countryOptions(codes: readonly string[] = COUNTRIES): Option[] {
  const collator = new Intl.Collator(locale());
  const opts = codes.map((value) => ({ value, label: countryName(value) }));
  return opts.sort((a, b) => {
    const la = LAST.has(a.value) ? 1 : 0;
    const lb = LAST.has(b.value) ? 1 : 0;
    return la - lb || collator.compare(a.label, b.label);
  });
}

export function languageOptions(): Option[] {
  const collator = new Intl.Collator(locale());
  return LANGUAGE_CODES.map((value) => ({ value, label: languageName(value) })).sort((a, b) =>
    collator.compare(a.label, b.label),
  );
}

export function countryName(code: string | null | undefined): string {
  return label('country', code);
}

export function languageName(code: string | null | undefined): string {
  return label('language', code);
}

export function isInformal(mode: string | null | undefined): boolean {
  return typeof mode === 'string' && mode.startsWith('informal_');
}

export function isProfessional(mode: string | null | undefined): boolean {
  return typeof mode === 'string' && mode.startsWith('professional_');
}

/** "—" for empty values in read-only places. */
export function orDash(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? t('value-empty') : value;
}
