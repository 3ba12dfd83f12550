/*
 * The read model, recomputed from the source tables for a set of products ($1 uuid[]). The counts
 * cover the requirements of the product's current tier; they are of the newest completed
 * assessment of each baseline, or, while none is completed, of the open one (its progress).
 * Remediations, and the cited evidence with a validUntil, are those of the completed assessment. Each statement is set-based: the cost of a
 * refresh does not grow with the number of statements, whatever the number of products.
 */

export const REFRESH_BASELINE_ROWS = `
INSERT INTO product_baseline_status (
  product_id, baseline_id, tier, completed_assessment_id, outcome, assessed_at, valid_until,
  open_assessment_id, open_state, open_requested_at, open_started_at,
  satisfied, partially_satisfied, not_satisfied, not_applicable, not_assessed,
  open_remediations, done_remediations, next_remediation_due_at, remediations,
  next_evidence_expiry_at, evidence_expiries, updated_at)
SELECT pb.product_id, pb.baseline_id, p.tier, c.id, c.outcome, c.completed_at, c.valid_until,
       o.id, o.state, o.requested_at, o.started_at,
       coalesce(fc.satisfied, 0), coalesce(fc.partially_satisfied, 0), coalesce(fc.not_satisfied, 0),
       coalesce(fc.not_applicable, 0), greatest(ap.applicable - coalesce(fc.found, 0), 0),
       coalesce(rm.open_count, 0), coalesce(rm.done_count, 0), rm.next_due, coalesce(rm.items, '[]'::jsonb),
       ev.next_at, coalesce(ev.items, '[]'::jsonb), now()
  FROM (SELECT DISTINCT product_id, baseline_id FROM assessment WHERE product_id = ANY($1::uuid[])) pb
  JOIN product p ON p.id = pb.product_id
  LEFT JOIN LATERAL (
    SELECT a.id, a.outcome, a.completed_at, a.valid_until FROM assessment a
     WHERE a.product_id = pb.product_id AND a.baseline_id = pb.baseline_id AND a.state = 'COMPLETED'
     ORDER BY a.completed_at DESC, a.id DESC LIMIT 1
  ) c ON TRUE
  LEFT JOIN LATERAL (
    SELECT a.id, a.state, a.requested_at, a.started_at FROM assessment a
     WHERE a.product_id = pb.product_id AND a.baseline_id = pb.baseline_id
       AND a.state IN ('REQUESTED', 'IN_PROGRESS')
     LIMIT 1
  ) o ON TRUE
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS applicable FROM requirement r
     WHERE r.baseline_id = pb.baseline_id AND p.tier = ANY(r.tiers)
  ) ap
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE f.result = 'SATISFIED')::int AS satisfied,
           count(*) FILTER (WHERE f.result = 'PARTIALLY_SATISFIED')::int AS partially_satisfied,
           count(*) FILTER (WHERE f.result = 'NOT_SATISFIED')::int AS not_satisfied,
           count(*) FILTER (WHERE f.result = 'NOT_APPLICABLE')::int AS not_applicable,
           count(*)::int AS found
      FROM finding f JOIN requirement r ON r.id = f.requirement_id
     WHERE f.assessment_id = coalesce(c.id, o.id) AND p.tier = ANY(r.tiers)
  ) fc ON TRUE
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE m.state = 'OPEN')::int AS open_count,
           count(*) FILTER (WHERE m.state = 'DONE')::int AS done_count,
           min(m.due_date) FILTER (WHERE m.state = 'OPEN') AS next_due,
           jsonb_agg(jsonb_build_object('code', r.code, 'due', m.due_date) ORDER BY m.due_date, r.code)
             FILTER (WHERE m.state = 'OPEN') AS items
      FROM finding f
      JOIN requirement r ON r.id = f.requirement_id
      JOIN remediation m ON m.finding_id = f.id
     WHERE f.assessment_id = c.id AND p.tier = ANY(r.tiers)
  ) rm ON TRUE
  LEFT JOIN LATERAL (
    SELECT min(e.valid_until) AS next_at,
           jsonb_agg(jsonb_build_object('code', r.code, 'title', e.title, 'until', e.valid_until)
                     ORDER BY e.valid_until, r.code, e.title) AS items
      FROM finding f
      JOIN requirement r ON r.id = f.requirement_id
      JOIN finding_evidence fe ON fe.finding_id = f.id
      JOIN evidence e ON e.id = fe.evidence_id
     WHERE f.assessment_id = c.id AND p.tier = ANY(r.tiers) AND e.valid_until IS NOT NULL
  ) ev ON TRUE`;

/**
 * The product-wide row: the series the product is judged in is that of its latest assessment not
 * withdrawn. $2: whether $3 (counts, in $1's order) holds open incident counts to store.
 */
export const REFRESH_PRODUCT_ROWS = `
INSERT INTO product_status (product_id, series_key, open_incidents, updated_at)
SELECT p.id,
       (SELECT b.key FROM assessment a JOIN baseline b ON b.id = a.baseline_id
         WHERE a.product_id = p.id AND a.state <> 'WITHDRAWN'
         ORDER BY a.requested_at DESC, a.id DESC LIMIT 1),
       coalesce(n.open_incidents, 0), now()
  FROM product p
  LEFT JOIN unnest($1::uuid[], $3::int[]) AS n(product_id, open_incidents) ON n.product_id = p.id
 WHERE p.id = ANY($1::uuid[])
ON CONFLICT (product_id) DO UPDATE SET
  series_key = EXCLUDED.series_key,
  open_incidents = CASE WHEN $2::boolean THEN EXCLUDED.open_incidents ELSE product_status.open_incidents END,
  updated_at = EXCLUDED.updated_at`;

const BASELINE_ROW_COLUMNS = [
  'tier',
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
  'next_remediation_due_at',
  'remediations',
  'next_evidence_expiry_at',
  'evidence_expiries',
  'updated_at',
];

/**
 * The whole refresh of $1's products in ONE statement, for writes that hold the products' locks
 * and leave their incidents alone: `before` (any SELECT over the read model, which every CTE sees
 * as it was before this statement) is answered, while the baseline rows are upserted, the ones no
 * longer backed by an assessment deleted, and the product rows upserted keeping their incident
 * counts. The same rows as REFRESH_BASELINE_ROWS and REFRESH_PRODUCT_ROWS ($2 false); PostgreSQL runs
 * every data-modifying CTE to completion whether or not the answer reads it.
 */
export function refreshReturningBefore(before: string): string {
  return `WITH before AS (${before}),
fresh AS (
  ${REFRESH_BASELINE_ROWS}
  ON CONFLICT (product_id, baseline_id) DO UPDATE SET
    ${BASELINE_ROW_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
  RETURNING product_id, baseline_id
),
gone AS (
  DELETE FROM product_baseline_status x
   WHERE x.product_id = ANY($1::uuid[])
     AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.product_id = x.product_id AND f.baseline_id = x.baseline_id)
),
products AS (${REFRESH_PRODUCT_ROWS} RETURNING product_id)
SELECT * FROM before`;
}
