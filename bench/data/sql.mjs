/*
 * Set-based SQL filling the large tables from the small ones already loaded. Randomness is
 * pg_temp.rnd(text, salt): a hash of ids that are themselves derived from the seed, so the same seed
 * gives the same rows. $1 is always the as-of day (midnight UTC), so "now"-relative facts (expired,
 * overdue) have the same shares whatever day the bench runs.
 */

export const RND_FUNCTION = `CREATE FUNCTION pg_temp.rnd(text, integer) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (hashtextextended($1, $2) & 2147483647)::double precision / 2147483648.0 $$`;

const CATEGORIES = [
  ['IAM', 'Identitet och behörighet'],
  ['CRY', 'Kryptering'],
  ['LOG', 'Loggning och spårbarhet'],
  ['NET', 'Nätverkssäkerhet'],
  ['DAT', 'Dataskydd'],
  ['BCM', 'Kontinuitet'],
  ['SUP', 'Leverantörskedja'],
  ['HRS', 'Personalsäkerhet'],
  ['PHY', 'Fysisk säkerhet'],
  ['INC', 'Incidenthantering'],
];

/** $1 as-of, $2 baseline id. 200 requirements; BASIC has 160, ELEVATED 180, HIGH all of them. */
export function baselineSql(count) {
  const perCategory = Math.ceil(count / CATEGORIES.length);
  const values = CATEGORIES.map(([code, name], i) => `(${i}, '${code}', '${name}')`).join(', ');
  return [
    `INSERT INTO baseline (id, key, version, title, description, status, published_at, previous_id, created_at, updated_at)
     VALUES ($2, 'kommun-grund', '2026.1', 'Grundkrav för leverantörer till kommuner och regioner',
             'Benchmark data set.', 'DRAFT', NULL, NULL, $1::timestamptz - interval '400 days', $1::timestamptz - interval '400 days')`,
    `INSERT INTO requirement (id, baseline_id, code, title, statement, guidance, category, tiers, evidence_expected, mappings, parameters, created_at, updated_at)
     SELECT md5('requirement:' || c.code || g)::uuid, $2, c.code || '-' || lpad(g::text, 2, '0'),
            c.name || ' krav ' || g,
            'Leverantören ska uppfylla ' || c.name || ' krav ' || g || ' och kunna visa det med underlag.',
            CASE WHEN g % 3 = 0 THEN 'Se vägledningen för ' || c.name || '.' END,
            c.name,
            CASE WHEN n % 10 = 0 THEN ARRAY['HIGH']
                 WHEN n % 5 = 0 THEN ARRAY['ELEVATED', 'HIGH']
                 ELSE ARRAY['BASIC', 'ELEVATED', 'HIGH'] END::varchar(10)[],
            'Policy, rutinbeskrivning eller testrapport.', '[]'::jsonb, '[]'::jsonb,
            $1::timestamptz - interval '400 days', $1::timestamptz - interval '400 days'
       FROM (VALUES ${values}) AS c(i, code, name)
       CROSS JOIN generate_series(1, ${perCategory}) AS g
       CROSS JOIN LATERAL (SELECT c.i * ${perCategory} + g AS n) x
      WHERE x.n <= ${count}`,
    `UPDATE baseline SET status = 'PUBLISHED', published_at = $1::timestamptz - interval '365 days' WHERE id = $2`,
  ];
}

/** $1 as-of. One completed assessment per product: 55% approved, 35% with conditions, 10% rejected. */
export const COMPLETED_ASSESSMENTS = `
INSERT INTO assessment (id, product_id, baseline_id, state, assessor_id, outcome, requested_at, started_at,
                        completed_at, valid_until, withdrawn_at, created_at)
SELECT md5('assessment:' || p.id)::uuid, p.id, b.id, 'COMPLETED',
       ass.ids[1 + floor(pg_temp.rnd(p.id::text, 11) * ass.n)::int],
       CASE WHEN p.o < 0.55 THEN 'APPROVED' WHEN p.o < 0.9 THEN 'APPROVED_WITH_CONDITIONS' ELSE 'REJECTED' END,
       p.c - interval '60 days', p.c - interval '45 days', p.c,
       p.c + CASE WHEN pg_temp.rnd(p.id::text, 14) < 0.1 THEN interval '1 year'
                  WHEN pg_temp.rnd(p.id::text, 14) < 0.5 THEN interval '2 years' ELSE interval '3 years' END,
       NULL, p.c - interval '60 days'
  FROM (SELECT id, pg_temp.rnd(id::text, 12) AS o,
               $1::timestamptz - (30 + floor(pg_temp.rnd(id::text, 13) * 700)) * interval '1 day' + interval '10 hours' AS c
          FROM product) p
 CROSS JOIN (SELECT id FROM baseline) b
 CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n FROM organization WHERE kind = 'ASSESSOR') ass`;

/** $1 as-of, $2 share. A second, in-progress assessment (a reassessment) for a few products. */
export const OPEN_ASSESSMENTS = `
INSERT INTO assessment (id, product_id, baseline_id, state, assessor_id, outcome, requested_at, started_at,
                        completed_at, valid_until, withdrawn_at, created_at)
SELECT md5('assessment:open:' || p.id)::uuid, p.id, b.id, 'IN_PROGRESS',
       ass.ids[1 + floor(pg_temp.rnd(p.id::text, 31) * ass.n)::int], NULL,
       $1::timestamptz - interval '20 days', $1::timestamptz - interval '10 days', NULL, NULL, NULL,
       $1::timestamptz - interval '20 days'
  FROM product p
 CROSS JOIN (SELECT id FROM baseline) b
 CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n FROM organization WHERE kind = 'ASSESSOR') ass
 WHERE pg_temp.rnd(p.id::text, 30) < $2`;

/** A finding for every requirement of the product's tier; in-progress ones have about half. */
export const FINDINGS = `
INSERT INTO finding (id, assessment_id, requirement_id, result, note, recorded_at)
SELECT md5(x.key)::uuid, x.assessment_id, x.requirement_id,
       CASE
         WHEN x.state = 'IN_PROGRESS' OR x.outcome = 'APPROVED' THEN CASE WHEN x.v < 0.9 THEN 'SATISFIED' ELSE 'NOT_APPLICABLE' END
         WHEN x.outcome = 'APPROVED_WITH_CONDITIONS' THEN
           CASE WHEN x.v < 0.05 THEN 'PARTIALLY_SATISFIED' WHEN x.v < 0.08 THEN 'NOT_SATISFIED'
                WHEN x.v < 0.92 THEN 'SATISFIED' ELSE 'NOT_APPLICABLE' END
         ELSE CASE WHEN x.v < 0.12 THEN 'PARTIALLY_SATISFIED' WHEN x.v < 0.2 THEN 'NOT_SATISFIED'
                   WHEN x.v < 0.92 THEN 'SATISFIED' ELSE 'NOT_APPLICABLE' END
       END,
       CASE WHEN x.w < 0.1 THEN 'Verifierat vid dokumentgranskning.' END,
       x.started_at + x.w * interval '14 days'
  FROM (
    -- OFFSET 0 keeps this a separate step, so each hash is computed once per row, not once per use.
    SELECT y.*, pg_temp.rnd(y.key, 21) AS v, pg_temp.rnd(y.key, 22) AS w
      FROM (
        SELECT a.id::text || r.code AS key, a.id AS assessment_id, r.id AS requirement_id, a.state, a.outcome, a.started_at
          FROM assessment a
          JOIN product p ON p.id = a.product_id
          JOIN requirement r ON r.baseline_id = a.baseline_id AND p.tier = ANY (r.tiers)
        OFFSET 0
      ) y
     WHERE y.state = 'COMPLETED' OR pg_temp.rnd(y.key, 23) < 0.5
    OFFSET 0
  ) x`;

/**
 * $1 as-of. Every gap of a conditional approval has a remediation, half those of a rejection. Past
 * their due date nearly all are done; a few are overdue (the product is then NON_COMPLIANT).
 */
export const REMEDIATIONS = `
INSERT INTO remediation (id, finding_id, product_id, description, due_date, state, completed_at, overdue_notified_at)
SELECT md5('remediation:' || x.fid)::uuid, x.fid, x.product_id, 'Åtgärda bristen i ' || x.code || '.', x.due,
       CASE WHEN x.done THEN 'DONE' ELSE 'OPEN' END,
       CASE WHEN x.done THEN least(x.due - interval '5 days', $1::timestamptz - interval '1 day') END,
       CASE WHEN NOT x.done AND x.due < $1::timestamptz THEN x.due + interval '1 hour' END
  FROM (
    SELECT f.id AS fid, a.product_id, r.code, d.due,
           pg_temp.rnd(f.id::text, 42) < CASE WHEN d.due < $1::timestamptz THEN 0.97 ELSE 0.2 END AS done
      FROM finding f
      JOIN assessment a ON a.id = f.assessment_id
      JOIN requirement r ON r.id = f.requirement_id
     CROSS JOIN LATERAL (
       SELECT date_trunc('day', a.completed_at) + (90 + floor(pg_temp.rnd(f.id::text, 41) * 800)) * interval '1 day'
              + interval '12 hours' AS due
     ) d
     WHERE a.state = 'COMPLETED' AND f.result IN ('PARTIALLY_SATISFIED', 'NOT_SATISFIED')
       AND (a.outcome = 'APPROVED_WITH_CONDITIONS' OR (a.outcome = 'REJECTED' AND pg_temp.rnd(f.id::text, 43) < 0.5))
    OFFSET 0
  ) x`;

const EVIDENCE_COUNT = `(2 + floor(pg_temp.rnd(p.id::text, 40) * 5))::int`;

/** $1 as-of. 2-6 documents per product: 85% available, 10% awaiting upload, 5% rejected. */
export const EVIDENCE = `
INSERT INTO evidence (id, product_id, supplier_id, title, description, confidentiality, status, rejection_reason,
                      file_name, media_type, size_bytes, sha256, content_scanned, valid_from, valid_until,
                      uploaded_at, upload_token_hash, upload_organization_id, upload_expires_at, upload_started_at,
                      created_at, updated_at)
SELECT e.id, e.product_id, e.supplier_id,
       (ARRAY['SOC 2-rapport', 'ISO 27001-certifikat', 'Penetrationstest', 'Informationssäkerhetspolicy',
              'Kontinuitetsplan', 'Personuppgiftsbiträdesavtal'])[1 + e.k % 6] || ' ' || (2024 + e.k % 3),
       NULL,
       CASE WHEN e.c < 0.3 THEN 'PUBLIC' WHEN e.c < 0.85 THEN 'SUBSCRIBERS' ELSE 'AGENCY_ONLY' END,
       e.status,
       CASE WHEN e.status = 'REJECTED' THEN 'Dokumentet innehåller personnummer.' END,
       'underlag-' || e.k || '.pdf', 'application/pdf',
       CASE WHEN e.status = 'AVAILABLE' THEN 40000 + floor(e.c * 3000000)::int END,
       CASE WHEN e.status = 'AVAILABLE' THEN md5('sha:' || e.id) || md5('sha2:' || e.id) END,
       CASE WHEN e.status = 'AVAILABLE' THEN true END,
       CASE WHEN e.status = 'AVAILABLE' THEN e.created END,
       CASE WHEN e.status = 'AVAILABLE' THEN e.created + (1 + e.k % 3) * interval '1 year' END,
       CASE WHEN e.status <> 'AWAITING_UPLOAD' THEN e.created + interval '5 minutes' END,
       md5('token:' || e.id) || md5('token2:' || e.id), e.supplier_id, e.created + interval '1 hour',
       CASE WHEN e.status <> 'AWAITING_UPLOAD' THEN e.created + interval '4 minutes' END,
       e.created, e.created
  FROM (
    SELECT md5('evidence:' || p.id || ':' || k)::uuid AS id, p.id AS product_id, p.supplier_id, k,
           pg_temp.rnd(p.id::text || k, 44) AS c,
           CASE WHEN s.v < 0.85 THEN 'AVAILABLE' WHEN s.v < 0.95 THEN 'AWAITING_UPLOAD' ELSE 'REJECTED' END AS status,
           $1::timestamptz - (20 + floor(pg_temp.rnd(p.id::text || k, 46) * 900)) * interval '1 day' AS created
      FROM product p
     CROSS JOIN LATERAL generate_series(0, ${EVIDENCE_COUNT} - 1) AS k
     CROSS JOIN LATERAL (SELECT pg_temp.rnd(p.id::text || k, 45) AS v OFFSET 0) s
    OFFSET 0
  ) e`;

/** Each document supports two requirements. */
export const EVIDENCE_REQUIREMENTS = `
INSERT INTO evidence_requirement (evidence_id, requirement_id)
SELECT DISTINCT e.id, r.id
  FROM (SELECT e.id, floor(pg_temp.rnd(e.id::text || g, 47) * (SELECT count(*) FROM requirement))::int AS i
          FROM evidence e CROSS JOIN generate_series(1, 2) AS g OFFSET 0) e
  JOIN (SELECT id, (row_number() OVER (ORDER BY code))::int - 1 AS i FROM requirement) r ON r.i = e.i`;

/**
 * One finding in ten cites one of its product's documents, if that document is still valid for two
 * months (cited evidence that expired expires the product's status; suppliers renew theirs).
 */
export const FINDING_EVIDENCE = `
INSERT INTO finding_evidence (finding_id, evidence_id)
SELECT x.finding_id, x.evidence_id
  FROM (SELECT f.id AS finding_id,
               md5('evidence:' || p.id || ':' || floor(pg_temp.rnd(f.id::text, 51) * ${EVIDENCE_COUNT})::int)::uuid AS evidence_id
          FROM finding f
          JOIN assessment a ON a.id = f.assessment_id
          JOIN product p ON p.id = a.product_id
         WHERE pg_temp.rnd(f.id::text, 50) < 0.1) x
  JOIN evidence e ON e.id = x.evidence_id
 WHERE e.valid_until IS NULL OR e.valid_until > now() + interval '60 days'`;
