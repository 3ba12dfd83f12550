import { AssessmentOutcome, AssessmentState } from '../assessments/dto/assessment.enum.js';
import type { Tier } from '../baselines/dto/tier.enum.js';
import {
  bool,
  columns,
  type Decoded,
  epoch,
  int,
  json,
  jsonText,
  jsonTuple,
  parseJsonText,
  type SqlRow,
  text,
} from '../common/database/sql-columns.js';
import type { StatusFacts } from './compute-status.js';
import type { ComplianceState } from '../products/dto/compliance-state.enum.js';
import type { StoredChainIncident, StoredChainLink } from './chain-status.entity.js';
import type { StoredEvidenceExpiry, StoredOpenRemediation } from './status.entity.js';

/*
 * Reading the status read model in SQL. Any query over `product <alias>` adds statusJoins(alias)
 * and statusColumns(alias) and gets, in the same statement, everything the pure computeStatus needs: the
 * product row (product_status), the judged baseline (the newest PUBLISHED version of the
 * product's series, looked up here so publishing a version needs no rewrite) and that baseline's
 * row (product_baseline_status). The aliases are st, stb and sbs; the facts come as one column, st_facts, named in FACTS.
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
 * Everything statusFacts needs, named, as one JSON array column (times in epoch ms): one
 * JSON.parse instead of two dozen columns through the driver's per-type parsers, which on a page
 * of 40 products cost more than the SQL. The judged baseline contributes its id, key and version
 * only; ProductStatus.baseline loads the rest. `product` is the alias of the product row.
 */
const FACTS = jsonTuple((product) => ({
  seriesKey: text('st.series_key').orNull(),
  suspendedAt: epoch('st.suspended_at').orNull(),
  suspensionReason: text('st.suspension_reason').orNull(),
  openIncidents: int('st.open_incidents').orNull(),
  baselineId: text('stb.id').orNull(),
  baselineKey: text('stb.key').orNull(),
  baselineVersion: text('stb.version').orNull(),
  /** The product has a product_baseline_status row in the judged series. */
  hasRow: bool('sbs.product_id IS NOT NULL'),
  completedAssessmentId: text('sbs.completed_assessment_id').orNull(),
  outcome: text<AssessmentOutcome>('sbs.outcome').orNull(),
  assessedAt: epoch('sbs.assessed_at').orNull(),
  validUntil: epoch('sbs.valid_until').orNull(),
  openAssessmentId: text('sbs.open_assessment_id').orNull(),
  openState: text<AssessmentState>('sbs.open_state').orNull(),
  openSince: epoch('coalesce(sbs.open_started_at, sbs.open_requested_at)').orNull(),
  satisfied: int('sbs.satisfied').orNull(),
  partiallySatisfied: int('sbs.partially_satisfied').orNull(),
  notSatisfied: int('sbs.not_satisfied').orNull(),
  notApplicable: int('sbs.not_applicable').orNull(),
  notAssessed: int('sbs.not_assessed').orNull(),
  doneRemediations: int('sbs.done_remediations').orNull(),
  remediations: json<StoredOpenRemediation[]>('sbs.remediations').orNull(),
  /** A judged baseline the product has no assessment against yet: everything is still to assess. */
  applicable: int(`CASE WHEN stb.id IS NOT NULL AND sbs.product_id IS NULL THEN (
     SELECT count(*)::int FROM requirement r WHERE r.baseline_id = stb.id AND ${product}.tier = ANY(r.tiers)
   ) END`).orNull(),
  // Transitions and evidence expiry (see ASSESSED_ROW).
  rowBaselineId: text('sbs.baseline_id').orNull(),
  assessedVersion: text('sbs.assessed_version').orNull(),
  transitionEndsAt: epoch('sbs.transition_ends_at').orNull(),
  /** As text inside the array: JSON.parse then yields one string, parsed only if reasons are read. */
  evidenceExpiries: jsonText<StoredEvidenceExpiry[]>('sbs.evidence_expiries').orNull(),
  nextEvidenceExpiryAt: epoch('sbs.next_evidence_expiry_at').orNull(),
}));

/** The named status facts of one product, as statusColumns selects them. */
export type StoredStatusFacts = Decoded<typeof FACTS>;

/** The supply chain as product_chain_status stores it (see chainOf). */
const CHAIN = jsonTuple(() => ({
  chainState: text<ComplianceState>('sch.chain_state').orNull(),
  links: json<StoredChainLink[]>('sch.chain').orNull(),
  incidents: json<StoredChainIncident[]>('sch.incidents').orNull(),
}));

const STATUS = columns('st_', (product) => ({
  facts: json<readonly unknown[]>(FACTS.sql(product)),
  chain: json<readonly unknown[] | null>(CHAIN.sql(product)),
}));
/** STATUS without what only the reasons and ProductStatus.chain read (same columns, NULL there). */
const STATE_ONLY = columns('st_', (product) => ({
  facts: json<readonly unknown[]>(FACTS.sqlWithout(product, ['evidenceExpiries'])),
  chain: json<readonly unknown[] | null>(CHAIN.sqlWithout(product, ['links'])),
}));
const factsColumn = STATUS.reader('facts');
const chainColumn = STATUS.reader('chain');

/**
 * What a statement's readers ask of the status: `full`, or `state` (the state, effective state,
 * counts, dates and open incidents, not the reasons nor the chain's links, see statusDetailOf).
 * The cited evidence and the chain's links are most of the status's bytes: a page of 40 products
 * that shows no reasons reads a third less and parses a fifth less per request without them.
 */
export type StatusDetail = 'full' | 'state';

/**
 * The status facts of `product` as the column st_facts (see FACTS), and its supply chain (worst
 * lowering state, links, open incident references) as st_chain (see CHAIN); with `state`, NULL
 * for the cited evidence and the links (ProductStatus.reasons and chain then refuse it: wholeStatus).
 */
export function statusColumns(product: string, detail: StatusDetail = 'full'): string {
  return detail === 'full' ? STATUS.sql(product) : STATE_ONLY.sql(product);
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

/** A row carrying statusColumns (and anything else), as the driver or JSON gives it. */
export type StatusRow = SqlRow;

/** The named facts of a row carrying statusColumns (decoded as they are read: read each once). */
export function storedStatusFacts(row: StatusRow): Readonly<StoredStatusFacts> {
  return FACTS.view(factsColumn(row));
}

/** The supply chain of a status row (st_chain); empty for a product no propagation has reached. */
export function chainOf(row: StatusRow): {
  chainState: ComplianceState | null;
  links: StoredChainLink[];
  incidents: StoredChainIncident[];
} {
  const chain = CHAIN.view(chainColumn(row) ?? []);
  return { chainState: chain.chainState ?? null, links: chain.links ?? [], incidents: chain.incidents ?? [] };
}

/** The uuid of the baseline a status row was judged against (during a transition, the earlier version assessed). */
export function statusBaselineUuid(row: StatusRow): string | null {
  const f = storedStatusFacts(row);
  return f.transitionEndsAt ? f.rowBaselineId : f.baselineId;
}

/** The facts computeStatus needs, from a row carrying statusColumns. */
export function statusFacts(row: StatusRow, tier: Tier): StatusFacts {
  const f = storedStatusFacts(row);
  // A completed or open assessment has its times (the refresh writes them together).
  const completed = f.completedAssessmentId
    ? { outcome: f.outcome!, completedAt: f.assessedAt!, validUntil: f.validUntil! }
    : null;
  const open = f.openAssessmentId
    ? { inProgress: f.openState === AssessmentState.IN_PROGRESS, since: f.openSince! }
    : null;
  const suspendedAt = f.suspendedAt;
  const transitionEndsAt = completed ? f.transitionEndsAt : null;
  const facts: StatusFacts = {
    tier,
    baseline: f.baselineId ? { key: f.baselineKey!, version: f.baselineVersion! } : null,
    seriesKey: f.seriesKey,
    suspension: suspendedAt ? { at: suspendedAt, reason: f.suspensionReason ?? '' } : null,
    openIncidents: f.openIncidents ?? 0,
    completed,
    open,
    counts: {
      satisfied: f.satisfied ?? 0,
      partiallySatisfied: f.partiallySatisfied ?? 0,
      notSatisfied: f.notSatisfied ?? 0,
      notApplicable: f.notApplicable ?? 0,
      notAssessed: (f.hasRow ? f.notAssessed : f.applicable) ?? 0,
    },
    openRemediations: (f.remediations ?? []).map((r) => ({ code: r.code, dueDate: new Date(r.due) })),
    doneRemediations: f.doneRemediations ?? 0,
    transition: transitionEndsAt ? { assessedVersion: f.assessedVersion!, endsAt: transitionEndsAt } : null,
    nextEvidenceExpiry: completed ? f.nextEvidenceExpiryAt : null,
  };
  // The cited evidence itself only when something reads it (the reasons).
  let cited: StatusFacts['citedEvidence'];
  Object.defineProperty(facts, 'citedEvidence', {
    enumerable: true,
    get: () =>
      (cited ??= completed
        ? parseJsonText(f.evidenceExpiries, []).map((e) => ({
            code: e.code,
            title: e.title,
            validUntil: new Date(e.until),
          }))
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
