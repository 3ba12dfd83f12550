import { AssessmentOutcome, AssessmentState } from '../assessments/dto/assessment.enum.js';
import type { Tier } from '../baselines/dto/tier.enum.js';
import { epochMs } from '../common/database/epoch-ms.js';
import type { StatusFacts } from './compute-status.js';
import type { ComplianceState } from '../products/dto/compliance-state.enum.js';
import type { StoredChainIncident, StoredChainLink } from './chain-status.entity.js';
import type { StoredEvidenceExpiry, StoredOpenRemediation } from './status.entity.js';

/*
 * Reading the status read model in SQL. Any query over `product <alias>` adds STATUS_JOINS and
 * STATUS_COLUMNS and gets, in the same statement, everything the pure computeStatus needs: the
 * product row (product_status), the judged baseline (the newest PUBLISHED version of the
 * product's series, looked up here so publishing a version needs no rewrite) and that baseline's
 * row (product_baseline_status). The aliases are st, stb and sbs; the facts come as one column, st_facts.
 */

export function statusJoins(product: string): string {
  return `LEFT JOIN product_status st ON st.product_id = ${product}.id
    LEFT JOIN LATERAL (
      SELECT b.id, b.key, b.version, b.published_at FROM baseline b WHERE b.key = st.series_key AND b.status = 'PUBLISHED'
      ORDER BY b.published_at DESC, b.id DESC LIMIT 1
    ) stb ON TRUE
    LEFT JOIN LATERAL (${ASSESSED_ROW(product)}) sbs ON TRUE
    LEFT JOIN product_chain_status sch ON sch.product_id = ${product}.id`;
}

/**
 * The row the product is judged on: the judged baseline's when it has a completed assessment;
 * else (a transition) the newest completed one against an earlier version of the series, with
 * transition_ends_at the earliest transition end of the versions published after it; else the
 * judged baseline's (an open assessment, or none).
 */
const ASSESSED_ROW = (product: string): string => `
      SELECT x.*, xb.version AS assessed_version,
             CASE WHEN x.baseline_id <> stb.id THEN (
               SELECT coalesce(min(nb.transition_ends_at), min(nb.published_at)) FROM baseline nb
                WHERE nb.key = stb.key AND nb.status <> 'DRAFT' AND nb.published_at > xb.published_at
             ) END AS transition_ends_at
        FROM product_baseline_status x JOIN baseline xb ON xb.id = x.baseline_id
       WHERE x.product_id = ${product}.id AND xb.key = stb.key
         AND (x.baseline_id = stb.id OR (x.completed_assessment_id IS NOT NULL AND xb.published_at < stb.published_at))
       ORDER BY (x.baseline_id = stb.id AND x.completed_assessment_id IS NOT NULL) DESC,
                (x.completed_assessment_id IS NOT NULL) DESC, xb.published_at DESC
       LIMIT 1`;

/**
 * Everything statusFacts needs as one JSON array (times in epoch ms): one column parsed by one
 * JSON.parse instead of two dozen columns through the driver's per-type parsers, which on a page
 * of 40 products cost more than the SQL. The judged baseline contributes its id, key and version
 * only; ProductStatus.baseline loads the rest. Indexes are the F_* constants below.
 */
const FACT_EXPRESSIONS = (product: string): string[] => [
  'st.series_key',
  epochMs('st.suspended_at'),
  'st.suspension_reason',
  'st.open_incidents',
  'stb.id',
  'stb.key',
  'stb.version',
  'sbs.product_id IS NOT NULL',
  'sbs.completed_assessment_id',
  'sbs.outcome',
  epochMs('sbs.assessed_at'),
  epochMs('sbs.valid_until'),
  'sbs.open_assessment_id',
  'sbs.open_state',
  epochMs('coalesce(sbs.open_started_at, sbs.open_requested_at)'),
  'sbs.satisfied',
  'sbs.partially_satisfied',
  'sbs.not_satisfied',
  'sbs.not_applicable',
  'sbs.not_assessed',
  'sbs.done_remediations',
  'sbs.remediations',
  // A judged baseline the product has no assessment against yet: everything is still to assess.
  `CASE WHEN stb.id IS NOT NULL AND sbs.product_id IS NULL THEN (
     SELECT count(*)::int FROM requirement r WHERE r.baseline_id = stb.id AND ${product}.tier = ANY(r.tiers)
   ) END`,
  // Transitions and evidence expiry (see ASSESSED_ROW).
  'sbs.baseline_id',
  'sbs.assessed_version',
  epochMs('sbs.transition_ends_at'),
  // As text inside the array: JSON.parse then yields one string, parsed only if reasons are read.
  'sbs.evidence_expiries::text',
  epochMs('sbs.next_evidence_expiry_at'),
];

const [
  F_SERIES_KEY,
  F_SUSPENDED_AT,
  F_SUSPENSION_REASON,
  F_OPEN_INCIDENTS,
  F_BASELINE_ID,
  F_BASELINE_KEY,
  F_BASELINE_VERSION,
  F_HAS_ROW,
  F_COMPLETED_ID,
  F_OUTCOME,
  F_ASSESSED_AT,
  F_VALID_UNTIL,
  F_OPEN_ID,
  F_OPEN_STATE,
  F_OPEN_SINCE,
  F_SATISFIED,
  F_PARTIALLY_SATISFIED,
  F_NOT_SATISFIED,
  F_NOT_APPLICABLE,
  F_NOT_ASSESSED,
  F_DONE_REMEDIATIONS,
  F_REMEDIATIONS,
  F_APPLICABLE,
  F_ROW_BASELINE_ID,
  F_ASSESSED_VERSION,
  F_TRANSITION_ENDS_AT,
  F_EVIDENCE_EXPIRIES,
  F_NEXT_EVIDENCE_EXPIRY,
] = FACT_EXPRESSIONS('p').map((_, i) => i);

/**
 * The status facts of `product` as the column st_facts (see FACT_EXPRESSIONS), and its supply
 * chain (worst lowering state, links, open incident references) as st_chain (see chainOf).
 */
export function statusColumns(product: string): string {
  return `json_build_array(${FACT_EXPRESSIONS(product).join(',\n    ')}) AS st_facts,
    json_build_array(sch.chain_state, sch.chain, sch.incidents) AS st_chain`;
}

/**
 * The state rules of computeStatus in SQL over the same aliases, for filtering lists by state.
 * `now` is a placeholder for the caller's time (the Clock, so tests can move it).
 */
export function statusStateSql(now: string): string {
  const completed = 'sbs.completed_assessment_id IS NOT NULL';
  return `CASE
    WHEN st.suspended_at IS NOT NULL THEN 'SUSPENDED'
    WHEN ${completed} AND (sbs.valid_until < ${now} OR sbs.transition_ends_at < ${now}
      OR sbs.next_evidence_expiry_at < ${now}) THEN 'EXPIRED'
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

type Facts = readonly unknown[];

const factsOf = (row: StatusRow): Facts => row.st_facts as Facts;
const num = (value: unknown): number => (value == null ? 0 : Number(value));
const date = (value: unknown): Date => new Date(value as number);

/** The supply chain of a status row (st_chain); empty for a product no propagation has reached. */
export function chainOf(row: StatusRow): {
  chainState: ComplianceState | null;
  links: StoredChainLink[];
  incidents: StoredChainIncident[];
} {
  const c = (row.st_chain as readonly unknown[] | undefined) ?? [];
  return {
    chainState: (c[0] as ComplianceState | null) ?? null,
    links: (c[1] as StoredChainLink[] | null) ?? [],
    incidents: (c[2] as StoredChainIncident[] | null) ?? [],
  };
}

/** The uuid of the baseline a status row was judged against (during a transition, the earlier version assessed). */
export function statusBaselineUuid(row: StatusRow): string | null {
  const f = factsOf(row);
  if (f[F_TRANSITION_ENDS_AT] != null) return f[F_ROW_BASELINE_ID] as string;
  return (f[F_BASELINE_ID] as string | null) ?? null;
}

/** The facts computeStatus needs, from a row carrying STATUS_COLUMNS. */
export function statusFacts(row: StatusRow, tier: Tier): StatusFacts {
  const f = factsOf(row);
  const completed = f[F_COMPLETED_ID]
    ? {
        outcome: f[F_OUTCOME] as AssessmentOutcome,
        completedAt: date(f[F_ASSESSED_AT]),
        validUntil: date(f[F_VALID_UNTIL]),
      }
    : null;
  const open = f[F_OPEN_ID]
    ? { inProgress: f[F_OPEN_STATE] === AssessmentState.IN_PROGRESS, since: date(f[F_OPEN_SINCE]) }
    : null;
  const stored = (f[F_REMEDIATIONS] as StoredOpenRemediation[] | null) ?? [];
  const facts: StatusFacts = {
    tier,
    baseline: f[F_BASELINE_ID]
      ? { key: f[F_BASELINE_KEY] as string, version: f[F_BASELINE_VERSION] as string }
      : null,
    seriesKey: (f[F_SERIES_KEY] as string | null) ?? null,
    suspension:
      f[F_SUSPENDED_AT] != null
        ? { at: date(f[F_SUSPENDED_AT]), reason: (f[F_SUSPENSION_REASON] as string | null) ?? '' }
        : null,
    openIncidents: num(f[F_OPEN_INCIDENTS]),
    completed,
    open,
    counts: {
      satisfied: num(f[F_SATISFIED]),
      partiallySatisfied: num(f[F_PARTIALLY_SATISFIED]),
      notSatisfied: num(f[F_NOT_SATISFIED]),
      notApplicable: num(f[F_NOT_APPLICABLE]),
      notAssessed: f[F_HAS_ROW] === true ? num(f[F_NOT_ASSESSED]) : num(f[F_APPLICABLE]),
    },
    openRemediations: stored.map((r) => ({ code: r.code, dueDate: new Date(r.due) })),
    doneRemediations: num(f[F_DONE_REMEDIATIONS]),
    transition:
      completed && f[F_TRANSITION_ENDS_AT] != null
        ? { assessedVersion: f[F_ASSESSED_VERSION] as string, endsAt: date(f[F_TRANSITION_ENDS_AT]) }
        : null,
    nextEvidenceExpiry:
      completed && f[F_NEXT_EVIDENCE_EXPIRY] != null ? date(f[F_NEXT_EVIDENCE_EXPIRY]) : null,
  };
  // The cited evidence itself only when something reads it (the reasons).
  let cited: StatusFacts['citedEvidence'];
  Object.defineProperty(facts, 'citedEvidence', {
    enumerable: true,
    get: () =>
      (cited ??= completed
        ? (JSON.parse((f[F_EVIDENCE_EXPIRIES] as string | null) ?? '[]') as StoredEvidenceExpiry[]).map(
            (e) => ({ code: e.code, title: e.title, validUntil: new Date(e.until) }),
          )
        : []),
  });
  return facts;
}

/**
 * SQL condition on `product <alias>` for ProductFilter.state: its state computed as `stateSql`
 * (e.g. statusStateSql(':statusNow')) equals `:statusState`; both parameters bound by the caller.
 */
export function productStateCondition(product: string, stateSql: string): string {
  return `(SELECT ${stateSql} FROM product sp ${statusJoins('sp')} WHERE sp.id = ${product}.id) = :statusState`;
}
