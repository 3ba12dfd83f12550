import { REQUIREMENT_COLUMNS } from '../baselines/baseline.mapper.js';
import { REMEDIATION_COLUMNS } from './assessment.mapper.js';

/*
 * The write of recordFinding(s): $1 assessment, $2-$4 requirement, result and note per finding,
 * $5 the time, $6/$7 the cited (requirement, evidence) pairs, $8 confirming (remediations stay as
 * they are), $9 the product, $10-$12 requirement, description and due date of each remediation.
 * Links and remediations that stay are kept, the others deleted, so no row is deleted and inserted
 * again in the one statement (its unique keys would collide). The answer: each finding with its
 * requirement and remediation, as FindingRow.
 */
export const WRITE_FINDINGS = `
WITH saved AS (
  INSERT INTO finding (assessment_id, requirement_id, result, note, recorded_at)
  SELECT $1, x.requirement_id, x.result, x.note, $5
    FROM unnest($2::uuid[], $3::varchar[], $4::varchar[]) AS x(requirement_id, result, note)
  ON CONFLICT (assessment_id, requirement_id)
  DO UPDATE SET result = EXCLUDED.result, note = EXCLUDED.note, recorded_at = EXCLUDED.recorded_at,
                carried_over_from_id = NULL
  RETURNING id, assessment_id, requirement_id, result, note, recorded_at
),
cited AS (
  SELECT s.id AS finding_id, x.evidence_id
    FROM unnest($6::uuid[], $7::uuid[]) AS x(requirement_id, evidence_id)
    JOIN saved s ON s.requirement_id = x.requirement_id
),
uncited AS (
  DELETE FROM finding_evidence fe USING saved s
   WHERE fe.finding_id = s.id
     AND NOT EXISTS (SELECT 1 FROM cited c WHERE c.finding_id = fe.finding_id AND c.evidence_id = fe.evidence_id)
),
newly_cited AS (
  INSERT INTO finding_evidence (finding_id, evidence_id) SELECT finding_id, evidence_id FROM cited
  ON CONFLICT DO NOTHING
),
gaps AS (
  SELECT s.id AS finding_id, x.description, x.due_date
    FROM unnest($10::uuid[], $11::varchar[], $12::timestamptz[]) AS x(requirement_id, description, due_date)
    JOIN saved s ON s.requirement_id = x.requirement_id
),
closed AS (
  DELETE FROM remediation m USING saved s
   WHERE NOT $8::boolean AND m.finding_id = s.id AND NOT EXISTS (SELECT 1 FROM gaps g WHERE g.finding_id = s.id)
),
opened AS (
  INSERT INTO remediation (finding_id, product_id, description, due_date, state)
  SELECT finding_id, $9, description, due_date, 'OPEN' FROM gaps
  ON CONFLICT (finding_id) DO UPDATE SET
    id = EXCLUDED.id, product_id = EXCLUDED.product_id, description = EXCLUDED.description,
    due_date = EXCLUDED.due_date, state = 'OPEN', completed_at = NULL, overdue_notified_at = NULL
  RETURNING id, finding_id, description, due_date, state, completed_at
)
SELECT s.id AS f_id, s.assessment_id AS f_assessment_id, s.result AS f_result, s.note AS f_note,
       s.recorded_at AS f_recorded_at, ${REQUIREMENT_COLUMNS}, ${REMEDIATION_COLUMNS}
  FROM saved s
  JOIN requirement r ON r.id = s.requirement_id
  LEFT JOIN LATERAL (
    SELECT o.id, o.finding_id, o.description, o.due_date, o.state, o.completed_at
      FROM opened o WHERE o.finding_id = s.id
    UNION ALL
    SELECT k.id, k.finding_id, k.description, k.due_date, k.state, k.completed_at
      FROM remediation k WHERE $8::boolean AND k.finding_id = s.id
  ) m ON TRUE`;
