import type { Tier } from '../baselines/dto/tier.enum.js';
import { type Actor, isAgency } from '../common/actor.js';
import { preparedWrite } from '../common/database/prepared-query.js';
import type { WriteContext } from '../common/database/unit-of-work.js';
import { BadUserInputError, NotFoundError } from '../common/errors/domain-error.js';
import { fromGlobalId } from '../common/graphql/global-id.js';
import { ASSESSMENT_COLUMNS, ASSESSMENT_TYPE, type AssessmentRow } from './assessment.mapper.js';
import type { WorkflowAction } from './assessment.rules.js';
import type { RefreshOptions } from '../status/status.service.js';

/** An assessment row locked for a workflow step, with what the checks and messages need. */
export type LockedAssessment = AssessmentRow & {
  a_tier: Tier;
  a_product_name: string;
  a_baseline_key: string;
  a_baseline_version: string;
  /**
   * Whether another assessment of the same product and baseline is COMPLETED: the status read
   * model then counts that one's findings, remediations and evidence, so findings recorded on this
   * one (a reassessment in progress) leave it as it is.
   */
  a_completed_beside: boolean;
};

/**
 * How an assessment step refreshes the status: it took the product's lock first (lockAssessment,
 * or lockProducts before its reads) and never touches incidents, so the refresh is one statement.
 */
export const ASSESSMENT_STEP: RefreshOptions = { locked: true, incidentsUnchanged: true };

/** Published (not a draft, not retired) and the newest published version of its series. */
export async function requireCurrentBaseline(tx: WriteContext, uuid: string): Promise<void> {
  const [row] = await tx.em.query<
    { status: string; key: string; current_version: string | null; current_id: string | null }[]
  >(
    `SELECT b.status, b.key, c.version AS current_version, c.id AS current_id FROM baseline b
       LEFT JOIN LATERAL (
         SELECT x.id, x.version FROM baseline x WHERE x.key = b.key AND x.status = 'PUBLISHED'
          ORDER BY x.published_at DESC, x.id DESC LIMIT 1
       ) c ON TRUE
      WHERE b.id = $1`,
    [uuid],
  );
  // Drafts are invisible to suppliers: not found, like an unknown id.
  if (!row || row.status === 'DRAFT') throw new NotFoundError('Baseline');
  if (row.status !== 'PUBLISHED') {
    throw BadUserInputError.field(
      'baselineId',
      `is retired${row.current_version ? `; the current version is ${row.current_version}` : ''}`,
    );
  }
  if (row.current_id !== uuid) {
    throw BadUserInputError.field(
      'baselineId',
      `is superseded; the current version of ${row.key} is ${row.current_version}`,
    );
  }
}

export async function requireApplicable(
  tx: WriteContext,
  row: LockedAssessment,
  requirementUuid: string,
): Promise<void> {
  const [requirement] = await tx.em.query<{ baseline_id: string; code: string; tiers: string[] }[]>(
    `SELECT r.baseline_id, r.code, r.tiers FROM requirement r WHERE r.id = $1`,
    [requirementUuid],
  );
  if (!requirement || requirement.baseline_id !== row.a_baseline_id) {
    throw BadUserInputError.field(
      'input.requirementId',
      `is not a requirement of the assessed baseline ${row.a_baseline_key} ${row.a_baseline_version}`,
    );
  }
  if (!requirement.tiers.includes(row.a_tier)) {
    throw BadUserInputError.field(
      'input.requirementId',
      `${requirement.code} applies to ${requirement.tiers.join(', ')}, not to the product's tier ${row.a_tier}`,
    );
  }
}

/**
 * Locks the assessment's product, then the assessment, and checks that the caller may act on it
 * (suppliers only on their own products: NOT_FOUND otherwise). The state rules are the caller's.
 */
export async function lockAssessment(
  tx: WriteContext,
  actor: Actor,
  id: string,
  action: WorkflowAction,
): Promise<LockedAssessment> {
  const uuid = fromGlobalId(id, ASSESSMENT_TYPE);
  if (!uuid) throw new NotFoundError('Assessment');
  // One statement takes both locks, the product's first and then the assessment's: PostgreSQL
  // locks a row's marks in the order of the locking clauses, the order every write of the
  // product keeps. After waiting for a lock it re-reads the locked rows; the EXISTS keeps the
  // statement's snapshot, which can only miss a completion (COMPLETED is final), and then the
  // finding's status refresh runs where it could have been skipped: never the other way round.
  const [row] = await preparedWrite<LockedAssessment>(
    tx.em,
    `SELECT ${ASSESSMENT_COLUMNS}, p.tier AS a_tier, p.name AS a_product_name,
            b.key AS a_baseline_key, b.version AS a_baseline_version,
            EXISTS (SELECT 1 FROM assessment c WHERE c.product_id = a.product_id
                       AND c.baseline_id = a.baseline_id AND c.state = 'COMPLETED' AND c.id <> a.id)
              AS a_completed_beside
       FROM assessment a JOIN product p ON p.id = a.product_id JOIN baseline b ON b.id = a.baseline_id
      WHERE a.id = $1
        FOR NO KEY UPDATE OF p FOR UPDATE OF a`,
    [uuid],
  );
  if (!row) throw new NotFoundError('Assessment');
  if (action === 'withdraw' && !isAgency(actor) && row.a_supplier_id !== actor.organizationId) {
    throw new NotFoundError('Assessment');
  }
  return row;
}
