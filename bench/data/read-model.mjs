/*
 * The status read model for the whole catalogue in two set-based statements. The app keeps it with
 * StatusService.refresh (REFRESH_BASELINE_ROWS / REFRESH_PRODUCT_ROWS, lateral joins per product);
 * this computes the same rows with grouped scans, then `verifyReadModel` recomputes a sample with the
 * app's own statements and fails the bench if any row differs.
 */

export const BULK_BASELINE_ROWS = `
WITH pb AS (SELECT DISTINCT product_id, baseline_id FROM assessment),
c AS (
  SELECT DISTINCT ON (product_id, baseline_id) product_id, baseline_id, id, outcome, completed_at, valid_until
    FROM assessment WHERE state = 'COMPLETED'
   ORDER BY product_id, baseline_id, completed_at DESC, id DESC
),
o AS (
  SELECT DISTINCT ON (product_id, baseline_id) product_id, baseline_id, id, state, requested_at, started_at
    FROM assessment WHERE state IN ('REQUESTED', 'IN_PROGRESS')
   ORDER BY product_id, baseline_id, requested_at DESC, id DESC
),
ap AS (
  SELECT r.baseline_id, t.tier, count(*)::int AS applicable
    FROM requirement r CROSS JOIN LATERAL unnest(r.tiers) AS t(tier)
   GROUP BY r.baseline_id, t.tier
),
fc AS (
  SELECT f.assessment_id,
         count(*) FILTER (WHERE f.result = 'SATISFIED')::int AS satisfied,
         count(*) FILTER (WHERE f.result = 'PARTIALLY_SATISFIED')::int AS partially_satisfied,
         count(*) FILTER (WHERE f.result = 'NOT_SATISFIED')::int AS not_satisfied,
         count(*) FILTER (WHERE f.result = 'NOT_APPLICABLE')::int AS not_applicable,
         count(*)::int AS found
    FROM finding f
    JOIN assessment a ON a.id = f.assessment_id
    JOIN product p ON p.id = a.product_id
    JOIN requirement r ON r.id = f.requirement_id
   WHERE p.tier = ANY (r.tiers)
   GROUP BY f.assessment_id
),
rm AS (
  SELECT f.assessment_id,
         count(*) FILTER (WHERE m.state = 'OPEN')::int AS open_count,
         count(*) FILTER (WHERE m.state = 'DONE')::int AS done_count,
         min(m.due_date) FILTER (WHERE m.state = 'OPEN') AS next_due,
         jsonb_agg(jsonb_build_object('code', r.code, 'due', m.due_date) ORDER BY m.due_date, r.code)
           FILTER (WHERE m.state = 'OPEN') AS items
    FROM remediation m
    JOIN finding f ON f.id = m.finding_id
    JOIN assessment a ON a.id = f.assessment_id
    JOIN product p ON p.id = a.product_id
    JOIN requirement r ON r.id = f.requirement_id
   WHERE p.tier = ANY (r.tiers)
   GROUP BY f.assessment_id
),
ev AS (
  SELECT f.assessment_id, min(e.valid_until) AS next_at,
         jsonb_agg(jsonb_build_object('code', r.code, 'title', e.title, 'until', e.valid_until)
                   ORDER BY e.valid_until, r.code, e.title) AS items
    FROM finding f
    JOIN assessment a ON a.id = f.assessment_id
    JOIN product p ON p.id = a.product_id
    JOIN requirement r ON r.id = f.requirement_id
    JOIN finding_evidence fe ON fe.finding_id = f.id
    JOIN evidence e ON e.id = fe.evidence_id
   WHERE p.tier = ANY (r.tiers) AND e.valid_until IS NOT NULL
   GROUP BY f.assessment_id
)
INSERT INTO product_baseline_status (
  product_id, baseline_id, tier, completed_assessment_id, outcome, assessed_at, valid_until,
  open_assessment_id, open_state, open_requested_at, open_started_at,
  satisfied, partially_satisfied, not_satisfied, not_applicable, not_assessed,
  open_remediations, done_remediations, next_remediation_due_at, remediations,
  next_evidence_expiry_at, evidence_expiries, updated_at)
SELECT pb.product_id, pb.baseline_id, p.tier, c.id, c.outcome, c.completed_at, c.valid_until,
       o.id, o.state, o.requested_at, o.started_at,
       coalesce(fc.satisfied, 0), coalesce(fc.partially_satisfied, 0), coalesce(fc.not_satisfied, 0),
       coalesce(fc.not_applicable, 0), greatest(coalesce(ap.applicable, 0) - coalesce(fc.found, 0), 0),
       coalesce(rm.open_count, 0), coalesce(rm.done_count, 0), rm.next_due, coalesce(rm.items, '[]'::jsonb),
       ev.next_at, coalesce(ev.items, '[]'::jsonb), now()
  FROM pb
  JOIN product p ON p.id = pb.product_id
  LEFT JOIN c ON c.product_id = pb.product_id AND c.baseline_id = pb.baseline_id
  LEFT JOIN o ON o.product_id = pb.product_id AND o.baseline_id = pb.baseline_id
  LEFT JOIN ap ON ap.baseline_id = pb.baseline_id AND ap.tier = p.tier
  LEFT JOIN fc ON fc.assessment_id = coalesce(c.id, o.id)
  LEFT JOIN rm ON rm.assessment_id = c.id
  LEFT JOIN ev ON ev.assessment_id = c.id`;

export const BULK_PRODUCT_ROWS = `
INSERT INTO product_status (product_id, series_key, open_incidents, updated_at)
SELECT p.id, s.key, 0, now()
  FROM product p
  LEFT JOIN (
    SELECT DISTINCT ON (a.product_id) a.product_id, b.key
      FROM assessment a JOIN baseline b ON b.id = a.baseline_id
     WHERE a.state <> 'WITHDRAWN'
     ORDER BY a.product_id, a.requested_at DESC, a.id DESC
  ) s ON s.product_id = p.id`;

const SNAPSHOT = `
SELECT 'b:' || product_id || ':' || baseline_id AS key, to_jsonb(x) - 'updated_at' AS row
  FROM product_baseline_status x WHERE product_id = ANY ($1::uuid[])
UNION ALL
SELECT 'p:' || product_id, to_jsonb(y) - 'updated_at'
  FROM product_status y WHERE product_id = ANY ($1::uuid[])
ORDER BY 1`;

/**
 * Recomputes `sample` products with the status module's own refresh statements inside a
 * transaction that is rolled back, and returns the rows that differ (none when equivalent).
 */
export async function verifyReadModel(client, refreshSql, sample) {
  await client.query('BEGIN');
  try {
    const before = await client.query(SNAPSHOT, [sample]);
    await client.query('DELETE FROM product_baseline_status WHERE product_id = ANY ($1::uuid[])', [sample]);
    await client.query(refreshSql.REFRESH_BASELINE_ROWS, [sample]);
    await client.query(refreshSql.REFRESH_PRODUCT_ROWS, [sample, false, sample.map(() => 0)]);
    const after = await client.query(SNAPSHOT, [sample]);
    const expected = new Map(after.rows.map((r) => [r.key, JSON.stringify(r.row)]));
    const differences = [];
    for (const row of before.rows) {
      const want = expected.get(row.key);
      if (want !== JSON.stringify(row.row))
        differences.push({ key: row.key, bulk: row.row, service: want ?? null });
      expected.delete(row.key);
    }
    for (const [key, want] of expected) differences.push({ key, bulk: null, service: JSON.parse(want) });
    return { compared: before.rows.length, differences };
  } finally {
    await client.query('ROLLBACK');
  }
}
