// What the client sees, in the client's language and script: one Fluent bundle per language
// from locales/client/<lang>/client.ftl, apart from the counsellor's nl/en bundles.
//
// Every message carries its review status as the Fluent attribute `.review` (`source` for the
// Dutch original; `unreviewed`, `reviewed` or `validated` for a translation), so the status
// travels with the text it describes. A message missing in the client's language falls back
// to English, then Dutch, and says so (`fallback`), so the view can mark it instead of
// showing an empty label. Adding a language is adding a folder: the glob below picks it up
// and the locales test demands every key and a review status in it.
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';

const files = import.meta.glob('../../../locales/client/*/client.ftl', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Raw sources by language code, for the checks in the tests. */
export const CLIENT_SOURCES: Record<string, string> = Object.fromEntries(
  Object.entries(files).map(([path, source]) => [/client\/([^/]+)\/client\.ftl$/.exec(path)![1], source]),
);

export const CLIENT_LANGUAGES: readonly string[] = Object.keys(CLIENT_SOURCES).sort();

/**
 * The client's copy of the PIP (`client-copy.ftl`): typeset in Rust, which compiles these files
 * in; here only for the locales check, which holds them to the same rules as `client.ftl`.
 */
export const CLIENT_COPY_SOURCES: Record<string, string> = Object.fromEntries(
  Object.entries(
    import.meta.glob('../../../locales/client/*/client-copy.ftl', {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>,
  ).map(([path, source]) => [/client\/([^/]+)\/client-copy\.ftl$/.exec(path)![1], source]),
);

/** The language every translation is made from. */
export const SOURCE_LANGUAGE = 'nl';
/** Tried in order when the client's language lacks a message. */
const FALLBACKS = ['en', SOURCE_LANGUAGE];

export const REVIEW_STATUSES = ['source', 'validated', 'reviewed', 'unreviewed'] as const;
export type ClientReview = (typeof REVIEW_STATUSES)[number];

// Intl has no data for some codes (Dari): give it the nearest locale for plurals and numbers.
const INTL_LOCALES: Record<string, string[]> = { prs: ['prs', 'fa-AF'] };

function makeBundle(lang: string): FluentBundle {
  // Bidi isolation on (the default): a number or a Latin name placed into Arabic or Farsi
  // text is wrapped in FSI…PDI and keeps its own direction.
  const bundle = new FluentBundle(INTL_LOCALES[lang] ?? [lang]);
  const errors = bundle.addResource(new FluentResource(CLIENT_SOURCES[lang]));
  for (const e of errors) console.error(`locales/client/${lang}: ${e.message}`);
  return bundle;
}

const bundles = new Map(CLIENT_LANGUAGES.map((lang) => [lang, makeBundle(lang)]));

export type ClientText = {
  text: string;
  /** The language `text` is in. */
  lang: string;
  review: ClientReview;
  /** True when `lang` is not the language asked for. */
  fallback: boolean;
};

function reviewOf(bundle: FluentBundle, id: string): ClientReview {
  const pattern = bundle.getMessage(id)?.attributes.review;
  const value = pattern === undefined ? '' : bundle.formatPattern(pattern).trim();
  // A message without a valid status counts as unreviewed (and fails the locales test).
  return (REVIEW_STATUSES as readonly string[]).includes(value) ? (value as ClientReview) : 'unreviewed';
}

/** A client-facing message in `lang`, or visibly in a fallback language; never empty. */
export function clientText(lang: string, id: string, args?: Record<string, FluentVariable>): ClientText {
  for (const candidate of [lang, ...FALLBACKS]) {
    const bundle = bundles.get(candidate);
    const message = bundle?.getMessage(id);
    if (!bundle || !message?.value) continue;
    return {
      text: bundle.formatPattern(message.value, args),
      lang: candidate,
      review: reviewOf(bundle, id),
      fallback: candidate !== lang,
    };
  }
  console.warn(`missing client message ${id}`);
  return { text: id, lang: SOURCE_LANGUAGE, review: 'unreviewed', fallback: true };
}

/**
 * A language's own name for itself (العربية, ትግርኛ…): from its bundle, else from the
 * platform's locale data (Intl), else the code.
 */
export function autonym(lang: string): string {
  const bundle = bundles.get(lang);
  const message = bundle?.getMessage('client-language-name');
  if (bundle && message?.value) return bundle.formatPattern(message.value);
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}

/** The least checked status among a language's client messages (what the counsellor is told). */
export function weakestReview(lang: string): ClientReview | null {
  const bundle = bundles.get(lang);
  if (!bundle) return null;
  const order: ClientReview[] = ['unreviewed', 'reviewed', 'validated', 'source'];
  const ids = new FluentResource(CLIENT_SOURCES[lang]).body.map((m) => m.id);
  const statuses = new Set(ids.map((id) => reviewOf(bundle, id)));
  return order.find((s) => statuses.has(s)) ?? null;
}
