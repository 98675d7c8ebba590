// Code lists shared with the Rust side. Labels come from Fluent (`country-<code>`,
// `language-<code>`, and `<prefix>-<value>` for enums).
import { label, locale, t } from './i18n.svelte';

import { CHOICES, COUNTRIES as ALL_COUNTRIES, LANGUAGES, RIGHT_TO_LEFT } from './bindings/reference';

// The lists come from the Rust side (generated into bindings/reference.ts), so the UI offers
// exactly what the backend accepts.
export const COUNTRIES = ALL_COUNTRIES;
export const LANGUAGE_CODES = LANGUAGES;

/** Languages written right to left. */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(RIGHT_TO_LEFT);

export const ENUMS = {
  sex: CHOICES.sex,
  status: CHOICES.case_status,
  place: CHOICES.place,
  'conversation-type': CHOICES.conversation_type,
  'interpreter-mode': CHOICES.interpreter_mode,
  /** Roles a member can be given; the referent (whom the others joined) is set by the backend. */
  'member-role': CHOICES.member_role.filter((r) => r !== 'referent'),
  'participant-role': CHOICES.participant_role,
  spoken: CHOICES.spoken,
  /** Literacy per language: "unknown" is simply not filling it in. */
  literacy: CHOICES.literacy.filter((l) => l !== 'unknown'),
  'latin-literacy': CHOICES.literacy,
  'target-group': CHOICES.target_group,
  'goal-status': CHOICES.goal_status,
  'ontzorgen-outcome': CHOICES.ontzorgen_outcome,
  'duty-kind': CHOICES.duty_decision_kind,
  'duty-scope': CHOICES.duty_decision_scope,
  'duty-grounds': CHOICES.duty_decision_grounds,
  'exam-level': CHOICES.exam_level,
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
