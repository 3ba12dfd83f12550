import type { Tier } from '../baselines/dto/tier.enum.js';
import type { WriteContext } from '../common/database/unit-of-work.js';
import { BadUserInputError } from '../common/errors/domain-error.js';

/**
 * Starts a DELTA assessment: takes over, from the product's newest completed assessment against
 * an earlier version of the same baseline series, the finding of every requirement whose code and
 * statement (the normative text) did not change and that applies to the product's tier, with its
 * evidence and open remediation; each names the finding it came from (carried_over_from_id).
 * Four statements whatever the number of findings. Answers how many were carried over.
 */
export async function carryOverFindings(
  tx: WriteContext,
  target: { assessmentUuid: string; productUuid: string; baselineUuid: string; tier: Tier },
): Promise<number> {
  const [previous] = await tx.em.query<{ id: string }[]>(
    `SELECT a.id FROM assessment a
       JOIN baseline b ON b.id = a.baseline_id
       JOIN baseline t ON t.id = $2
      WHERE a.product_id = $1 AND a.state = 'COMPLETED' AND b.key = t.key AND b.id <> t.id
        AND b.published_at < t.published_at
      ORDER BY a.completed_at DESC, a.id DESC LIMIT 1`,
    [target.productUuid, target.baselineUuid],
  );
  if (!previous) {
    throw BadUserInputError.field(
      'scope',
      'DELTA needs a completed assessment of the product against an earlier version of this baseline; request FULL',
    );
  }
  const carried = await tx.em.query<{ id: string }[]>(
    `INSERT INTO finding (assessment_id, requirement_id, result, note, recorded_at, carried_over_from_id)
     SELECT $1, nr.id, f.result, f.note, f.recorded_at, f.id
       FROM finding f
       JOIN requirement orq ON orq.id = f.requirement_id
       JOIN requirement nr ON nr.baseline_id = $2 AND nr.code = orq.code AND nr.statement = orq.statement
                          AND $3 = ANY(nr.tiers)
      WHERE f.assessment_id = $4
     RETURNING id`,
    [target.assessmentUuid, target.baselineUuid, target.tier, previous.id],
  );
  if (carried.length === 0) return 0;
  await tx.em.query(
    `INSERT INTO finding_evidence (finding_id, evidence_id)
     SELECT n.id, fe.evidence_id FROM finding n JOIN finding_evidence fe ON fe.finding_id = n.carried_over_from_id
      WHERE n.assessment_id = $1`,
    [target.assessmentUuid],
  );
  await tx.em.query(
    `INSERT INTO remediation (finding_id, product_id, description, due_date, state)
     SELECT n.id, m.product_id, m.description, m.due_date, 'OPEN'
       FROM finding n JOIN remediation m ON m.finding_id = n.carried_over_from_id AND m.state = 'OPEN'
      WHERE n.assessment_id = $1`,
    [target.assessmentUuid],
  );
  return carried.length;
}
