import { IntlMessageFormat } from 'intl-messageformat';
import { en } from './en';
import { ru } from './ru';

export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
export type TranslateParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: TranslateParams) => string;

export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, ru };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(en, value);
}

type Compiled = string | readonly (string | { readonly name: string })[] | Counted;

/**
 * A message compiled once. Plain `{name}` placeholders are split into text and placeholders (the
 * common case, and the cheapest to fill); a message with counts in it is ICU MessageFormat
 * (`{n, plural, one {# scorecard} other {# scorecards}}`), so each language's plural rules pick the
 * form ("1 оценка / 2 оценки / 5 оценок").
 */
function compile(template: string, language: Language): Compiled {
  if (!template.includes('{')) return template;
  if (/\{\w+, (plural|selectordinal|select),/.test(template)) return { icu: new IntlMessageFormat(template, language), template };
  const parts: (string | { name: string })[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    parts.push(template.slice(last, match.index), { name: match[1]! });
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}

/** An ICU message with the text it came from. */
interface Counted {
  readonly icu: IntlMessageFormat;
  readonly template: string;
}

/** Fills an ICU message. A value left out (a caller's mistake) must not break the page: the message then shows as written. */
function formatCounted(message: Counted, params: TranslateParams | undefined): string {
  try {
    return String(message.icu.format(params ?? {}));
  } catch {
    return message.template;
  }
}

const TRANSLATORS = new Map<Language, Translate>();

/** Returns the translation function of one language; `{name}` placeholders are filled from params. */
export function translator(language: Language): Translate {
  const known = TRANSLATORS.get(language);
  if (known) return known;
  const catalog = CATALOGS[language];
  const compiled = new Map<string, Compiled>();
  const translate: Translate = (key, params) => {
    let message = compiled.get(key);
    if (message === undefined) {
      message = compile(catalog[key] ?? en[key] ?? key, language);
      // Only catalogue keys are kept: a key built from data that names no message is not remembered.
      if (isMessageKey(key)) compiled.set(key, message);
    }
    if (typeof message === 'string') return message;
    if ('icu' in message) return formatCounted(message, params);
    let text = '';
    for (const part of message) {
      if (typeof part === 'string') text += part;
      else text += params && Object.prototype.hasOwnProperty.call(params, part.name) ? String(params[part.name]) : `{${part.name}}`;
    }
    return text;
  };
  TRANSLATORS.set(language, translate);
  return translate;
}

/** Picks the best supported language from an Accept-Language header, honouring q-values. */
export function negotiateLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.base !== '' && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.base).find(isLanguage);
}
