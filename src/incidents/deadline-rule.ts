import { DeadlineKind } from './dto/incident.enum.js';

/*
 * The reporting deadlines of an organisation exposed by an incident, counted from when it became
 * aware of it, which is when the registry told it (the incident's reportedAt):
 *
 *   EARLY_WARNING         aware + 24 h                       (NIS2 art. 23(4)(a))
 *   NOTIFICATION          aware + 72 h                       (NIS2 art. 23(4)(b))
 *   FINAL_REPORT          NOTIFICATION + one calendar month  (NIS2 art. 23(4)(d))
 *   PERSONAL_DATA_BREACH  aware + 72 h, only when personal data is at stake (GDPR art. 33)
 *
 * "+ one calendar month" is defined in UTC: the same day of the next month at the same time of
 * day; when that month is shorter, the last day of that month (31 Jan -> 28/29 Feb, 31 Mar ->
 * 30 Apr). Hours are exact elapsed hours, so daylight saving never shifts them. UTC rather than
 * Stockholm wall-clock time keeps the rule one line of arithmetic; across a DST change the final
 * report's wall-clock time in Sweden moves by one hour.
 */

export interface Deadline {
  readonly kind: DeadlineKind;
  readonly dueAt: Date;
}

const HOUR_MS = 3_600_000;

/** The same UTC day and time one calendar month later, clamped to the last day of that month. */
export function addCalendarMonthUtc(at: Date): Date {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(at.getUTCDate(), lastDay);
  return new Date(
    Date.UTC(
      year,
      month,
      day,
      at.getUTCHours(),
      at.getUTCMinutes(),
      at.getUTCSeconds(),
      at.getUTCMilliseconds(),
    ),
  );
}

/** An organisation's deadlines for one incident, earliest first (ties in DeadlineKind order). */
export function incidentDeadlines(awareAt: Date, personalDataAtStake: boolean): Deadline[] {
  const notification = new Date(awareAt.getTime() + 72 * HOUR_MS);
  const deadlines: Deadline[] = [
    { kind: DeadlineKind.EARLY_WARNING, dueAt: new Date(awareAt.getTime() + 24 * HOUR_MS) },
    { kind: DeadlineKind.NOTIFICATION, dueAt: notification },
  ];
  if (personalDataAtStake) {
    deadlines.push({ kind: DeadlineKind.PERSONAL_DATA_BREACH, dueAt: new Date(notification) });
  }
  deadlines.push({ kind: DeadlineKind.FINAL_REPORT, dueAt: addCalendarMonthUtc(notification) });
  return deadlines;
}
