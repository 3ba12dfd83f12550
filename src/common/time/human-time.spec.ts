import { humanDate, humanDateTime, isoInstant } from './human-time.js';

describe('human time', () => {
  it('writes dates as people in Sweden write them, in Stockholm time', () => {
    const at = new Date('2026-12-01T13:05:00Z'); // 14:05 in Stockholm (CET)
    expect(humanDate(at, 'sv')).toBe('1 december 2026');
    expect(humanDate(at, 'en')).toBe('1 December 2026');
    expect(humanDateTime(at, 'sv')).toBe('1 december 2026 kl. 14:05');
    expect(humanDateTime(at, 'en')).toBe('1 December 2026 at 14:05');
  });

  it('takes the Stockholm day, not the UTC day, and follows summer time', () => {
    expect(humanDate(new Date('2026-06-30T22:30:00Z'), 'sv')).toBe('1 juli 2026');
    expect(humanDateTime(new Date('2026-06-30T22:30:00Z'), 'sv')).toBe('1 juli 2026 kl. 00:30');
  });

  it('writes ISO instants to the second', () => {
    expect(isoInstant(new Date('2026-12-01T13:05:00.000Z'))).toBe('2026-12-01T13:05:00Z');
    expect(isoInstant(new Date('2026-12-01T13:05:00.123Z'))).toBe('2026-12-01T13:05:00Z');
  });
});
