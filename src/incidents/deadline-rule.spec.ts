import { addCalendarMonthUtc, incidentDeadlines } from './deadline-rule.js';
import { DeadlineKind } from './dto/incident.enum.js';

const at = (iso: string) => new Date(iso);
const due = (awareAt: string, personal = false) =>
  Object.fromEntries(incidentDeadlines(at(awareAt), personal).map((d) => [d.kind, d.dueAt.toISOString()]));

describe('incidentDeadlines', () => {
  it('counts 24 h, 72 h and one month after the notification from when the organisation became aware', () => {
    expect(due('2026-10-05T08:30:00.000Z')).toEqual({
      EARLY_WARNING: '2026-10-06T08:30:00.000Z',
      NOTIFICATION: '2026-10-08T08:30:00.000Z',
      FINAL_REPORT: '2026-11-08T08:30:00.000Z',
    });
  });

  it('adds the GDPR art. 33 deadline (72 h) only when personal data is at stake', () => {
    expect(due('2026-10-05T08:30:00.000Z', true).PERSONAL_DATA_BREACH).toBe('2026-10-08T08:30:00.000Z');
    expect(incidentDeadlines(at('2026-10-05T08:30:00Z'), false).map((d) => d.kind)).not.toContain(
      DeadlineKind.PERSONAL_DATA_BREACH,
    );
  });

  it('lists deadlines earliest first', () => {
    const list = incidentDeadlines(at('2026-10-05T08:30:00Z'), true);
    expect(list.map((d) => d.kind)).toEqual([
      DeadlineKind.EARLY_WARNING,
      DeadlineKind.NOTIFICATION,
      DeadlineKind.PERSONAL_DATA_BREACH,
      DeadlineKind.FINAL_REPORT,
    ]);
    const times = list.map((d) => d.dueAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('crosses month and year ends with exact hours', () => {
    expect(due('2026-12-30T23:00:00.000Z')).toEqual({
      EARLY_WARNING: '2026-12-31T23:00:00.000Z',
      NOTIFICATION: '2027-01-02T23:00:00.000Z',
      FINAL_REPORT: '2027-02-02T23:00:00.000Z',
    });
  });

  it('reported 31 Jan 2028 (leap year): notification 3 Feb, final report 3 Mar', () => {
    expect(due('2028-01-31T10:15:00.000Z')).toEqual({
      EARLY_WARNING: '2028-02-01T10:15:00.000Z',
      NOTIFICATION: '2028-02-03T10:15:00.000Z',
      FINAL_REPORT: '2028-03-03T10:15:00.000Z',
    });
  });

  it('clamps the final report to the last day of a shorter month, 29 Feb in a leap year', () => {
    // Notification on 31 Jan 2028 -> 29 Feb 2028; on 31 Jan 2027 -> 28 Feb 2027.
    expect(due('2028-01-28T12:00:00.000Z').FINAL_REPORT).toBe('2028-02-29T12:00:00.000Z');
    expect(due('2027-01-28T12:00:00.000Z').FINAL_REPORT).toBe('2027-02-28T12:00:00.000Z');
  });

  it('counts 24 and 72 hours across a leap day', () => {
    expect(due('2028-02-28T06:00:00.000Z')).toMatchObject({
      EARLY_WARNING: '2028-02-29T06:00:00.000Z',
      NOTIFICATION: '2028-03-02T06:00:00.000Z',
      FINAL_REPORT: '2028-04-02T06:00:00.000Z',
    });
    expect(due('2027-02-28T06:00:00.000Z').EARLY_WARNING).toBe('2027-03-01T06:00:00.000Z');
  });

  it('is exact hours across the Swedish daylight saving change (UTC arithmetic)', () => {
    // Summer time starts 2027-03-28 01:00 UTC; 24 h later is still 24 elapsed hours.
    expect(due('2027-03-27T22:00:00.000Z').EARLY_WARNING).toBe('2027-03-28T22:00:00.000Z');
  });
});

describe('addCalendarMonthUtc', () => {
  it.each([
    ['2028-01-31T00:00:00.000Z', '2028-02-29T00:00:00.000Z'],
    ['2027-01-31T00:00:00.000Z', '2027-02-28T00:00:00.000Z'],
    ['2028-02-29T09:00:00.000Z', '2028-03-29T09:00:00.000Z'],
    ['2026-03-31T23:59:59.999Z', '2026-04-30T23:59:59.999Z'],
    ['2026-08-31T12:00:00.000Z', '2026-09-30T12:00:00.000Z'],
    ['2026-12-31T12:00:00.000Z', '2027-01-31T12:00:00.000Z'],
    ['2026-12-15T00:00:00.000Z', '2027-01-15T00:00:00.000Z'],
  ])('%s -> %s', (from, to) => {
    expect(addCalendarMonthUtc(at(from)).toISOString()).toBe(to);
  });
});
