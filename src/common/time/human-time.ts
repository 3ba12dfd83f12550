/**
 * Dates and times as people write them, in Europe/Stockholm time. Every human-facing text (status
 * reasons, event messages, web pages) uses these, in the language of the text around the date;
 * the API's machine fields stay ISO 8601 (isoInstant).
 *
 * Swedish: "1 december 2026", "1 december 2026 kl. 14:05".
 * English: "1 December 2026", "1 December 2026 at 14:05".
 */
export type Language = 'sv' | 'en';

export const REGISTRY_TIME_ZONE = 'Europe/Stockholm';

const LOCALES: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

const dateFormats = new Map<Language, Intl.DateTimeFormat>();
const timeFormats = new Map<Language, Intl.DateTimeFormat>();

function dateFormat(lang: Language): Intl.DateTimeFormat {
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], {
      timeZone: REGISTRY_TIME_ZONE,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    dateFormats.set(lang, format);
  }
  return format;
}

function timeFormat(lang: Language): Intl.DateTimeFormat {
  let format = timeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], {
      timeZone: REGISTRY_TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    timeFormats.set(lang, format);
  }
  return format;
}

/** "1 december 2026" (sv) or "1 December 2026" (en), the calendar day in Stockholm. */
export function humanDate(date: Date, lang: Language): string {
  return dateFormat(lang).format(date);
}

/** "14:05" in Stockholm. */
export function humanClock(date: Date, lang: Language): string {
  return timeFormat(lang).format(date);
}

/** "1 december 2026 kl. 14:05" (sv) or "1 December 2026 at 14:05" (en). */
export function humanDateTime(date: Date, lang: Language): string {
  return `${humanDate(date, lang)} ${lang === 'sv' ? 'kl.' : 'at'} ${humanClock(date, lang)}`;
}

/** ISO 8601 in UTC to the second, as the API writes instants: "2026-12-01T13:05:00Z". */
export function isoInstant(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
