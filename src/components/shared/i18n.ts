// The one localization layer: every element registers its strings per language and reads them with `t`;
// dates, durations, byte sizes and failure reasons are put into words here too.
import { failureCodeOf, reasonOf, type FailureCode } from '../../client/errors.js';
export const LANGUAGES = ['es', 'en', 'pt-BR'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'es';

export type Strings = Record<string, string>;
/** A language's strings for a namespace: every Spanish key, translated. */
export type Translation<Spanish> = { readonly [Key in keyof Spanish]: string };

const catalog: Record<Language, Strings> = { es: {}, en: {}, 'pt-BR': {} };

/**
 * Spanish ships with the elements; each other language is one chunk, fetched the first time an
 * element renders in it, so a page pays only for the languages it shows.
 */
const translations: Record<Exclude<Language, 'es'>, () => Promise<{ default: Strings }>> = {
  en: () => import('./translations.en.js'),
  'pt-BR': () => import('./translations.pt-BR.js'),
};
const loading = new Map<Language, Promise<void>>();
const loaded = new Set<Language>(['es']);

/** Adds strings for one language; `es` is complete, other languages fall back to it key by key. */
export function registerStrings(lang: Language, strings: Strings): void {
  Object.assign(catalog[lang], strings);
}

/** Whether `lang`'s strings are in (Spanish always is). */
export function isLanguageLoaded(lang: Language): boolean {
  return loaded.has(lang);
}

/**
 * Fetches `lang`'s strings once. If the chunk cannot be fetched, the elements stay in Spanish and
 * a later call tries again.
 */
export function loadLanguage(lang: Language): Promise<void> {
  if (lang === 'es' || loaded.has(lang)) return Promise.resolve();
  let pending = loading.get(lang);
  if (!pending) {
    pending = translations[lang]().then(
      ({ default: strings }) => {
        registerStrings(lang, strings);
        loaded.add(lang);
      },
      (error: unknown) => {
        loading.delete(lang);
        console.warn(`ow-agent-kit: the ${lang} strings could not be loaded; showing Spanish.`, error);
      },
    );
    loading.set(lang, pending);
  }
  return pending;
}

/** Best supported language for a BCP-47 tag (`pt`, `pt-PT` → `pt-BR`; `en-US` → `en`). */
export function resolveLanguage(tag: string | null | undefined): Language {
  const lower = (tag ?? '').toLowerCase();
  if (lower.startsWith('pt')) return 'pt-BR';
  if (lower.startsWith('en')) return 'en';
  return 'es';
}

/** The language of an element: its own or nearest ancestor's `lang` (crossing shadow roots), else the document's. */
export function languageOf(element: Element): Language {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return resolveLanguage(node.getAttribute('lang'));
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return resolveLanguage(document.documentElement.lang);
}

/** Looks up `key` and fills `{name}` placeholders from `params`. */
export function t(lang: Language, key: string, params?: Record<string, string | number>): string {
  const template = catalog[lang][key] ?? catalog.es[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

const relativeFormats = new Map<Language, Intl.RelativeTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "hace 5 minutos" / "5 minutes ago". */
export function formatRelative(lang: Language, iso: string, now: number): string {
  let format = relativeFormats.get(lang);
  if (!format) relativeFormats.set(lang, (format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' })));
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}

/**
 * Compact elapsed time for waiting badges: "45 s", "12 min", "3 h 5 min", "1 d 16 h", "2 d" — two
 * units at most, the same abbreviations in Spanish, English and Portuguese.
 */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.floor(ms / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return hours % 24 ? `${Math.floor(hours / 24)} d ${hours % 24} h` : `${hours / 24} d`;
}

/** Date/time with `Intl`, cached per language and options. */
export function formatDateTime(lang: Language, iso: string, options: Intl.DateTimeFormatOptions): string {
  const cacheKey = `${lang}|${JSON.stringify(options)}`;
  let format = timeFormats.get(cacheKey);
  if (!format) timeFormats.set(cacheKey, (format = new Intl.DateTimeFormat(lang, options)));
  return format.format(new Date(iso));
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
const byteFormats = new Map<string, Intl.NumberFormat>();

/** Byte sizes for people ("2,5 MB"), in the element's language. */
export function formatBytes(lang: Language, bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const key = `${lang}|${unit}`;
  let format = byteFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 });
    byteFormats.set(key, format);
  }
  return format.format(value);
}

/**
 * Why something failed, in `lang`: by its kind (no connection, session ended, not allowed…); the
 * client's own words only where they are what the agent can act on (a refused request).
 */
export function describeFailure(lang: Language, code: FailureCode | null | undefined, reason: string): string {
  const key = `error.${code}`;
  return code && key in catalog.es ? t(lang, key, { reason }) : reason;
}

/** describeFailure on a line of its own: as a sentence, capitalized. */
export function failureSentence(lang: Language, code: FailureCode | null | undefined, reason: string): string {
  const text = describeFailure(lang, code, reason);
  return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
}

/** describeFailure for a thrown error. */
export function describeError(lang: Language, error: unknown): string {
  return describeFailure(lang, failureCodeOf(error), reasonOf(error));
}
