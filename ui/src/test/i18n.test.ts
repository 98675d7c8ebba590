import { FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { COUNTRIES, ENUMS, enumPrefix, LANGUAGE_CODES, type EnumName } from '../lib/codes';
import { SOURCES, translateIn } from '../lib/i18n.svelte';

function ids(source: string): string[] {
  const res = new FluentResource(source);
  return res.body.map((entry) => entry.id).sort();
}

const FIELD_ERRORS = [
  'unknown_field', 'wrong_type', 'too_long', 'not_a_choice', 'bsn_invalid', 'v_number_invalid',
  'partial_date_shape', 'no_such_date', 'year_out_of_range', 'date_shape', 'date_time_shape',
  'email_shape', 'unknown_country', 'unknown_language', 'record_id', 'missing_part',
];
const APP_ERRORS = [
  'wrong_passphrase', 'too_many_attempts', 'keychain_unavailable', 'keychain_locked', 'key_missing',
  'database_missing', 'database_corrupt', 'disk_full', 'busy', 'schema_too_new', 'profile_not_found',
  'profile_name_empty', 'passphrase_too_weak', 'already_running', 'record_not_found', 'wrong_kind',
  'locked', 'internal',
];
const FIELDS = [
  'document_given_names', 'document_family_name', 'preferred_name', 'other_spellings',
  'date_of_birth', 'sex', 'country_of_origin', 'nationality', 'languages', 'latin_script_literacy',
  'phone', 'email', 'address', 'bsn', 'v_number', 'koppeling_date', 'azc_location', 'target_group',
  'members', 'arrived_on', 'client_id', 'status', 'counsellor', 'opened_on', 'intake_started_on',
  'pip_decided_on', 'route_started_on', 'term_ends_on', 'case_id', 'starts_at', 'place',
  'conversation_type', 'participants', 'interpreter_mode', 'interpreter_name',
  'interpreter_register_number', 'interpreter_is_minor', 'language_used', 'notes',
];

describe('translations', () => {
  it('parse without errors (every message line becomes a message)', () => {
    for (const source of Object.values(SOURCES)) {
      const declared = source.match(/^[a-zA-Z][a-zA-Z0-9_-]*\s*=/gm) ?? [];
      expect(ids(source).length).toBe(declared.length);
    }
  });

  it('nl and en have the same message ids', () => {
    expect(ids(SOURCES.en)).toEqual(ids(SOURCES.nl));
  });

  it('have no duplicate ids', () => {
    for (const source of Object.values(SOURCES)) {
      const list = ids(source);
      expect(list.length).toBe(new Set(list).size);
    }
  });

  it('cover every code, enum value, field, error and warning of the contract', () => {
    const need = [
      ...COUNTRIES.map((c) => `country-${c}`),
      ...LANGUAGE_CODES.map((l) => `language-${l}`),
      ...FIELD_ERRORS.map((e) => `field-error-${e}`),
      ...APP_ERRORS.map((e) => `error-${e}`),
      ...FIELDS.map((f) => `field-${f}`),
      ...(Object.keys(ENUMS) as EnumName[]).flatMap((name) =>
        ENUMS[name].map((v) => `${enumPrefix(name)}-${v}`),
      ),
      'passphrase-hint-too-short', 'passphrase-hint-more-words', 'passphrase-hint-no-name',
      'warning-minor_interpreting', 'warning-professional_interpreter_unidentified',
      'warning-language_missing', 'status-none', 'member-role-referent',
      'timeline-case_opened', 'timeline-client_registered', 'timeline-household_changed',
    ];
    for (const lang of ['nl', 'en'] as const) {
      const have = new Set(ids(SOURCES[lang]));
      expect(need.filter((id) => !have.has(id)), lang).toEqual([]);
    }
  });

  it('say what happened and what to do for the wrong passphrase, with a countdown', () => {
    const text = translateIn('nl', 'error-wrong_passphrase', { attempts: '3', retry_after: '30' });
    expect(text).toContain('3');
    expect(text).toContain('30 seconden');
    expect(translateIn('nl', 'error-wrong_passphrase', { attempts: 1, retry_after: 0 })).toContain(
      'Probeer het opnieuw',
    );
    expect(translateIn('en', 'error-too_many_attempts', { retry_after: 1 })).toContain('1 more second');
  });

  it('use the given text for the minor-interpreting warning and the locked keychain', () => {
    expect(translateIn('nl', 'warning-minor_interpreting')).toBe(
      'Een minderjarige tolkt. Dat is voor een intakegesprek niet passend: regel een professionele tolk (bijv. tolkentelefoon).',
    );
    expect(translateIn('nl', 'error-keychain_locked')).toContain('Er is niets verloren gegaan.');
  });
});
