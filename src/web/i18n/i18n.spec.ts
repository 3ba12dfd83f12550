import { en } from './en.js';
import { messages, pickLanguage } from './i18n.js';
import { sv } from './sv.js';

describe('portal messages', () => {
  it('has every Swedish key in English and no extra ones', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });

  it('picks the choice, then Accept-Language, then Swedish', () => {
    expect(pickLanguage('en', 'sv')).toBe('en');
    expect(pickLanguage(undefined, 'en-GB,en;q=0.9,sv;q=0.5')).toBe('en');
    expect(pickLanguage(undefined, 'de-DE, sv;q=0.4, en;q=0.8')).toBe('en');
    expect(pickLanguage(undefined, 'sv-SE, en;q=0.8')).toBe('sv');
    expect(pickLanguage(undefined, 'de')).toBe('sv');
    expect(pickLanguage('xx', undefined)).toBe('sv');
  });

  it('fills parameters and writes dates as people do, in Stockholm time', () => {
    const m = messages('sv');
    expect(m.t('search.count', { n: 3 })).toBe('3 produkter');
    expect(m.dateTime(new Date('2026-12-01T13:05:00Z'))).toBe('1 december 2026 kl. 14:05');
    expect(messages('en').date(new Date('2026-12-01T13:05:00Z'))).toBe('1 December 2026');
    expect(m.date(null)).toBe('–');
  });
});
