import { AssessmentOutcome, AssessmentState } from '../assessments/dto/assessment.enums.js';
import type { Tier } from '../baselines/dto/tier.enum.js';
import type { StatusFacts } from './compute-status.js';
import type { StoredOpenRemediation } from './status.entity.js';

/*
 * Reading the status read model in SQL. Any query over `product <alias>` adds STATUS_JOINS and
 * STATUS_COLUMNS and gets, in the same statement, everything the pure computeStatus needs: the
 * product row (product_status), the judged baseline (the newest PUBLISHED version of the
 * product's series, looked up here so publishing a version needs no rewrite) and that baseline's
 * row (product_baseline_status). The aliases are st, stb and sbs; columns are prefixed st_.
 */

export function statusJoins(product: string): string {
  return `LEFT JOIN product_status st ON st.product_id = ${product}.id
    LEFT JOIN LATERAL (
      SELECT b.id, b.key, b.version FROM baseline b WHERE b.key = st.series_key AND b.status = 'PUBLISHED'
      ORDER BY b.published_at DESC, b.id DESC LIMIT 1
    ) stb ON TRUE
    LEFT JOIN product_baseline_status sbs ON sbs.product_id = ${product}.id AND sbs.baseline_id = stb.id`;
}

/** Of the judged baseline, only what the state and its reasons need; ProductStatus.baseline loads the rest. */
const BASELINE_FIELDS = ['id', 'key', 'version'];

const ROW_FIELDS = [
  'completed_assessment_id',
  'outcome',
  'assessed_at',
  'valid_until',
  'open_assessment_id',
  'open_state',
  'open_requested_at',
  'open_started_at',
  'satisfied',
  'partially_satisfied',
  'not_satisfied',
  'not_applicable',
  'not_assessed',
  'open_remediations',
  'done_remediations',
  'remediations',
];

export function statusColumns(product: string): string {
  return [
    'st.series_key AS st_series_key',
    'st.suspended_at AS st_suspended_at',
    'st.suspension_reason AS st_suspension_reason',
    'st.open_incidents AS st_open_incidents',
    ...BASELINE_FIELDS.map((f) => `stb.${f} AS st_b_${f}`),
    'sbs.product_id IS NOT NULL AS st_has_row',
    ...ROW_FIELDS.map((f) => `sbs.${f} AS st_${f}`),
    // A judged baseline the product has no assessment against yet: everything is still to assess.
    `CASE WHEN stb.id IS NOT NULL AND sbs.product_id IS NULL THEN (
       SELECT count(*)::int FROM requirement r WHERE r.baseline_id = stb.id AND ${product}.tier = ANY(r.tiers)
     ) END AS st_applicable`,
  ].join(',\n    ');
}

/**
 * The state rules of computeStatus in SQL over the same aliases, for filtering lists by state.
 * `now` is a placeholder for the caller's time (the Clock, so tests can move it).
 */
export function statusStateSql(now: string): string {
  const completed = 'sbs.completed_assessment_id IS NOT NULL';
  return `CASE
    WHEN st.suspended_at IS NOT NULL THEN 'SUSPENDED'
    WHEN ${completed} AND sbs.valid_until < ${now} THEN 'EXPIRED'
    WHEN ${completed} AND (sbs.outcome = '${AssessmentOutcome.REJECTED}' OR sbs.next_remediation_due_at < ${now})
      THEN 'NON_COMPLIANT'
    WHEN ${completed} AND sbs.open_remediations > 0 THEN 'CONDITIONALLY_COMPLIANT'
    WHEN ${completed} THEN 'COMPLIANT'
    WHEN sbs.open_assessment_id IS NOT NULL THEN 'IN_ASSESSMENT'
    ELSE 'NOT_ASSESSED'
  END`;
}

/** A flat row carrying STATUS_COLUMNS (and anything else). */
export type StatusRow = Record<string, unknown>;

const num = (value: unknown): number => (value == null ? 0 : Number(value));
const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));

/** The uuid of the judged baseline of a status row, if any. */
export function statusBaselineUuid(row: StatusRow): string | null {
  return (row.st_b_id as string | null) ?? null;
}

/** The facts computeStatus needs, from a row carrying STATUS_COLUMNS. */
export function statusFacts(row: StatusRow, tier: Tier): StatusFacts {
  const hasRow = row.st_has_row === true;
  const completed = row.st_completed_assessment_id
    ? {
        outcome: row.st_outcome as AssessmentOutcome,
        completedAt: date(row.st_assessed_at),
        validUntil: date(row.st_valid_until),
      }
    : null;
  const open = row.st_open_assessment_id
    ? {
        inProgress: row.st_open_state === AssessmentState.IN_PROGRESS,
        since: date(row.st_open_started_at ?? row.st_open_requested_at),
      }
    : null;
  const stored = (row.st_remediations as StoredOpenRemediation[] | null) ?? [];
  return {
    tier,
    baseline: row.st_b_id ? { key: row.st_b_key as string, version: row.st_b_version as string } : null,
    seriesKey: (row.st_series_key as string | null) ?? null,
    suspension: row.st_suspended_at
      ? { at: date(row.st_suspended_at), reason: (row.st_suspension_reason as string | null) ?? '' }
      : null,
    openIncidents: num(row.st_open_incidents),
    completed,
    open,
    counts: {
      satisfied: num(row.st_satisfied),
      partiallySatisfied: num(row.st_partially_satisfied),
      notSatisfied: num(row.st_not_satisfied),
      notApplicable: num(row.st_not_applicable),
      notAssessed: hasRow ? num(row.st_not_assessed) : num(row.st_applicable),
    },
    openRemediations: stored.map((r) => ({ code: r.code, dueDate: date(r.due) })),
    doneRemediations: num(row.st_done_remediations),
  };
}
