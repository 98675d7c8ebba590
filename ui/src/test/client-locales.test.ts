// The CI check of the client-facing translations (issue 7): every message in every language,
// each with a review status, the same variables everywhere, and no translation passed off as
// the source text.
import { FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import {
  autonym,
  CLIENT_COPY_SOURCES,
  CLIENT_LANGUAGES,
  CLIENT_SOURCES,
  clientText,
  REVIEW_STATUSES,
  SOURCE_LANGUAGE,
  weakestReview,
} from '../lib/client-i18n';

type Entry = { id: string; review: string | null; variables: string[] };

function entries(source: string): Entry[] {
  // The syntax tree of @fluent/bundle: a message's attributes hold patterns (a plain string
  // for plain text); variables are the placeables of type "var".
  const res = new FluentResource(source);
  return res.body.map((m) => {
    const review = m.attributes.review;
    const vars = new Set<string>();
    const walk = (p: unknown) => {
      if (Array.isArray(p)) for (const part of p) walk(part);
      else if (p && typeof p === 'object' && (p as { type?: string }).type === 'var') vars.add((p as { name: string }).name);
    };
    walk(m.value);
    return { id: m.id, review: typeof review === 'string' ? review.trim() : null, variables: [...vars].sort() };
  });
}

const REQUIRED = ['ar', 'ti', 'prs', 'fa', 'so', 'tr', 'uk', 'en', 'nl'];

// Each client-facing resource: the client view's texts and the client copy of the PIP. A
// language folder has both files.
const RESOURCES: [string, Record<string, string>][] = [
  ['client.ftl', CLIENT_SOURCES],
  ['client-copy.ftl', CLIENT_COPY_SOURCES],
];

describe.each(RESOURCES)('client-facing translations in %s', (_file, SOURCES) => {
  it('exist for every client language', () => {
    expect(Object.keys(SOURCES).sort()).toEqual([...CLIENT_LANGUAGES]);
  });

  it('exist for every language the issue names', () => {
    for (const lang of REQUIRED) expect(CLIENT_LANGUAGES).toContain(lang);
  });

  it('parse without errors and have no duplicate ids', () => {
    for (const [lang, source] of Object.entries(SOURCES)) {
      const declared = source.match(/^[a-zA-Z][a-zA-Z0-9_-]*\s*=/gm) ?? [];
      const ids = entries(source).map((e) => e.id);
      expect(ids.length, lang).toBe(declared.length);
      expect(new Set(ids).size, lang).toBe(ids.length);
    }
  });

  it('have every key of the Dutch source in every language, and no other', () => {
    const source = entries(SOURCES[SOURCE_LANGUAGE]).map((e) => e.id).sort();
    for (const lang of CLIENT_LANGUAGES) {
      const ids = entries(SOURCES[lang]).map((e) => e.id).sort();
      const missing = source.filter((id) => !ids.includes(id));
      const extra = ids.filter((id) => !source.includes(id));
      expect({ lang, missing, extra }).toEqual({ lang, missing: [], extra: [] });
    }
  });

  it('carry a review status on every message; only the Dutch source is "source"', () => {
    for (const lang of CLIENT_LANGUAGES) {
      for (const e of entries(SOURCES[lang])) {
        expect(REVIEW_STATUSES, `${lang}:${e.id}`).toContain(e.review);
        if (lang === SOURCE_LANGUAGE) expect(e.review, e.id).toBe('source');
        else expect(e.review, `${lang}:${e.id}`).not.toBe('source');
      }
    }
  });

  it('use the same variables as the source in every translation', () => {
    const source = new Map(entries(SOURCES[SOURCE_LANGUAGE]).map((e) => [e.id, e.variables]));
    for (const lang of CLIENT_LANGUAGES) {
      for (const e of entries(SOURCES[lang])) expect(e.variables, `${lang}:${e.id}`).toEqual(source.get(e.id));
    }
  });

});

describe('client-facing translations', () => {
  it('name each language in its own script', () => {
    expect(autonym('ar')).toBe('العربية');
    expect(autonym('ti')).toBe('ትግርኛ');
    expect(autonym('fa')).toBe('فارسی');
    // No bundle (yet): the platform's name for it, else the code; never an empty label.
    expect(autonym('am')).toMatch(/^(አማርኛ|am)$/);
    expect(autonym('zz-not-a-language')).toBe('zz-not-a-language');
  });

  it('isolate numbers placed into right-to-left text', () => {
    const text = clientText('ar', 'client-question-of', { position: 3, count: 10 }).text;
    // FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE around each number.
    expect(text).toBe('السؤال \u20683\u2069 من \u206810\u2069');
  });

  it('fall back visibly to English, then Dutch, and never to an empty label', () => {
    const amharic = clientText('am', 'client-finish');
    expect(amharic).toEqual({ text: 'Done', lang: 'en', review: 'unreviewed', fallback: true });
    const arabic = clientText('ar', 'client-finish');
    expect(arabic.fallback).toBe(false);
    expect(arabic.review).toBe('unreviewed');
    const unknown = clientText('ar', 'client-no-such-message');
    expect(unknown.text).toBe('client-no-such-message');
    expect(unknown.fallback).toBe(true);
  });

  it('tell the counsellor the least checked status of a language', () => {
    expect(weakestReview('nl')).toBe('source');
    expect(weakestReview('ar')).toBe('unreviewed');
    expect(weakestReview('am')).toBeNull();
  });
});
