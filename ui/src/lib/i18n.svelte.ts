// Project Fluent translations with a reactive current language. `t()` reads the current
// language, so every template that calls it re-renders when the language changes.
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import nlSource from '../../../locales/nl/aankomst.ftl?raw';
import enSource from '../../../locales/en/aankomst.ftl?raw';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const SOURCES: Record<Language, string> = { nl: nlSource, en: enSource };

function makeBundle(lang: Language): FluentBundle {
  // No bidi isolation marks: names in right-to-left scripts are wrapped in dir="auto" elements.
  const bundle = new FluentBundle(lang === 'nl' ? 'nl-NL' : 'en-GB', { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(SOURCES[lang]));
  for (const e of errors) console.error(`locales/${lang}: ${e.message}`);
  return bundle;
}

const bundles: Record<Language, FluentBundle> = { nl: makeBundle('nl'), en: makeBundle('en') };

export const i18n = $state<{ lang: Language }>({ lang: 'nl' });

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Switches the UI language (no IPC; see session.setLanguage for the persisted switch). */
export function applyLanguage(lang: Language): void {
  i18n.lang = lang;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lang;
    document.documentElement.dir = 'ltr';
  }
}

export type Args = Record<string, string | number | null | undefined>;

function toFluentArgs(args: Args | undefined): Record<string, FluentVariable> | undefined {
  if (!args) return undefined;
  const out: Record<string, FluentVariable> = {};
  for (const [k, v] of Object.entries(args)) {
    if (v === null || v === undefined) continue;
    // Error args arrive as strings: numbers become numbers, so plural selection works.
    out[k] = typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  }
  return out;
}

/** Translates a message id; an unknown id shows the id itself (and logs once). */
export function t(id: string, args?: Args): string {
  return translateIn(i18n.lang, id, args);
}

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
const reported = new Set<string>();

export function translateIn(lang: Language, id: string, args?: Args): string {
  const bundle = bundles[lang];
  const message = bundle.getMessage(id);
  if (!message?.value) {
    if (!reported.has(`${lang}:${id}`)) {
      reported.add(`${lang}:${id}`);
      console.warn(`missing translation ${lang}:${id}`);
    }
    return id;
  }
  return bundle.formatPattern(message.value, toFluentArgs(args));
}

/** True when the current bundle has the message (for optional, data-driven ids). */
export function has(id: string): boolean {
  return bundles[i18n.lang].hasMessage(id);
}

/** An enum value's label, e.g. label('sex', 'female') → t('sex-female'); unknown values show raw. */
export function label(prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const id = `${prefix}-${value}`;
  return has(id) ? t(id) : value;
}

/** The Intl locale of the current UI language. */
export function locale(): string {
  return i18n.lang === 'nl' ? 'nl-NL' : 'en-GB';
}
