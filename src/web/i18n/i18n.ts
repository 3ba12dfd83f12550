import { humanDate, humanDateTime, type Language } from '../../common/time/human-time.js';
import { en } from './en.js';
import { type MessageKey, sv } from './sv.js';

export type { Language } from '../../common/time/human-time.js';
export type { MessageKey } from './sv.js';

export const LANGUAGES: readonly Language[] = ['sv', 'en'];
const CATALOGS: Record<Language, Record<MessageKey, string>> = { sv, en };

/** Everything a view needs to speak the visitor's language. */
export interface Messages {
  readonly lang: Language;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  date(value: Date | null | undefined): string;
  dateTime(value: Date | null | undefined): string;
}

export function messages(lang: Language): Messages {
  const catalog = CATALOGS[lang];
  return {
    lang,
    t: (key, params) =>
      catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
        params && name in params ? String(params[name]) : whole,
      ),
    date: (value) => (value ? humanDate(value, lang) : catalog.none),
    dateTime: (value) => (value ? humanDateTime(value, lang) : catalog.none),
  };
}

/**
 * The visitor's language: an explicit choice (the `lang` cookie set by the language switch)
 * first, then the best Accept-Language match, else Swedish.
 */
export function pickLanguage(choice: string | undefined, acceptLanguage: string | undefined): Language {
  if (choice === 'sv' || choice === 'en') return choice;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: tag.split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0 && (entry.lang === 'sv' || entry.lang === 'en' || entry.lang === '*'))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const best = ranked[0]?.lang;
  return best === 'en' ? 'en' : 'sv';
}
