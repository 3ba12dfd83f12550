/*
 * The hand-written SQL of the raw server. The status columns apply the same rules as the status
 * module (computeStatus / statusStateSql) to the same read model, written out by hand: the judged
 * baseline is the newest published version of the product's series, time rules use now().
 */

const STATUS_FROM = `
  LEFT JOIN product_status st ON st.product_id = p.id
  LEFT JOIN LATERAL (
    SELECT b.id FROM baseline b WHERE b.key = st.series_key AND b.status = 'PUBLISHED'
     ORDER BY b.published_at DESC, b.id DESC LIMIT 1
  ) stb ON TRUE
  LEFT JOIN product_baseline_status sbs ON sbs.product_id = p.id AND sbs.baseline_id = stb.id`;

const STATUS_COLUMNS = `
  CASE
    WHEN st.suspended_at IS NOT NULL THEN 'SUSPENDED'
    WHEN sbs.completed_assessment_id IS NOT NULL AND sbs.valid_until < now() THEN 'EXPIRED'
    WHEN sbs.completed_assessment_id IS NOT NULL
         AND (sbs.outcome = 'REJECTED' OR sbs.next_remediation_due_at < now()) THEN 'NON_COMPLIANT'
    WHEN sbs.completed_assessment_id IS NOT NULL AND sbs.open_remediations > 0 THEN 'CONDITIONALLY_COMPLIANT'
    WHEN sbs.completed_assessment_id IS NOT NULL THEN 'COMPLIANT'
    WHEN sbs.open_assessment_id IS NOT NULL THEN 'IN_ASSESSMENT'
    ELSE 'NOT_ASSESSED'
  END AS state,
  coalesce(sbs.satisfied, 0) AS satisfied,
  coalesce(sbs.partially_satisfied, 0) AS partially_satisfied,
  coalesce(sbs.not_satisfied, 0) AS not_satisfied,
  coalesce(sbs.not_applicable, 0) AS not_applicable,
  CASE WHEN sbs.product_id IS NOT NULL THEN sbs.not_assessed
       WHEN stb.id IS NOT NULL THEN (SELECT count(*)::int FROM requirement r WHERE r.baseline_id = stb.id AND p.tier = ANY (r.tiers))
       ELSE 0 END AS not_assessed,
  coalesce(jsonb_array_length(sbs.remediations), 0) AS open_remediations,
  coalesce((SELECT count(*)::int FROM jsonb_array_elements(sbs.remediations) AS x(item)
             WHERE (x.item ->> 'due')::timestamptz < now()), 0) AS overdue_remediations`;

/** The newest assessment of the product (as Product.assessments(first: 1)) with its findings by code. */
const FINDINGS_COLUMN = `,
  fa.id AS a_id, fa.findings`;
const FINDINGS_FROM = `
  LEFT JOIN LATERAL (
    SELECT a.id,
           (SELECT string_agg(r.code || ':' || f.result, ',' ORDER BY r.code)
              FROM finding f JOIN requirement r ON r.id = f.requirement_id
             WHERE f.assessment_id = a.id) AS findings
      FROM assessment a WHERE a.product_id = p.id
     ORDER BY a.requested_at DESC, a.id DESC LIMIT 1
  ) fa ON TRUE`;

function subscriptionsSql(withFindings) {
  return `SELECT s.id AS s_id, p.id AS p_id, p.name AS p_name, o.name AS o_name, count(*) OVER ()::int AS total,
    ${STATUS_COLUMNS}${withFindings ? FINDINGS_COLUMN : ''}
  FROM product_subscription s
  JOIN product p ON p.id = s.product_id
  JOIN organization o ON o.id = p.supplier_id
  ${STATUS_FROM}${withFindings ? FINDINGS_FROM : ''}
  WHERE s.subscriber_id = $1
  ORDER BY p.search_name, s.id
  LIMIT $2`;
}

/** S1: the dashboard. $1 subscriber, $2 page size. */
export const DASHBOARD_SQL = subscriptionsSql(false);

/** S2: the dashboard with every finding of each product's newest assessment. */
export const DETAIL_SQL = subscriptionsSql(true);

/** S3: one product with its status and findings. $1 product. */
export const PRODUCT_SQL = `SELECT p.id AS p_id, p.name AS p_name, o.name AS o_name,
    ${STATUS_COLUMNS}${FINDINGS_COLUMN}
  FROM product p
  JOIN organization o ON o.id = p.supplier_id
  ${STATUS_FROM}${FINDINGS_FROM}
  WHERE p.id = $1`;

/**
 * For the floor server's wide variant (bench:floor): the columns the registry's mySubscriptions
 * row carries beside what S1 reads (the subscription's, product's and supplier's other fields, as
 * its mappers build whole models), without its status facts. The aliases of DASHBOARD_SQL.
 */
export const REGISTRY_ROW_EXTRA = `s.subscriber_id AS s_subscriber_id, s.data_categories AS s_data_categories,
    s.created_at AS s_created_at, s.customer_status AS s_customer_status, s.decided_at AS s_decided_at,
    s.decline_reason AS s_decline_reason, p.search_name AS p_search_name, p.supplier_id AS p_supplier_id,
    p.description AS p_description, p.data_categories AS p_data_categories, p.tier AS p_tier,
    p.hosting_countries AS p_hosting_countries, o.id AS o_id, o.kind AS o_kind, o.org_number AS o_org_number,
    o.municipality_code AS o_municipality_code, o.county_code AS o_county_code, o.created_at AS o_created_at`;
