import {
  activeSubscriptionSql,
  confirmedCustomerSql,
  exposedBySubscriptionSql,
} from '../subscriptions/customer-sql.js';

/*
 * Who is exposed by an incident, in ONE recursive query: from the affected products UP the
 * sub-processor edges (product_subprocessor: product_id relies on subprocessor_id) to every product
 * that depends on them, then to the organisations subscribing to any of those products.
 *
 * - One row per PATH (not merged per organisation): an organisation that reaches the affected
 *   product through two of its products, or through two chains of one product (a diamond), gets a
 *   row for each, because each is a separate processing route it has to check. Callers that need
 *   one entry per organisation (events, deadlines) group the rows.
 * - `path` runs from the subscribed product down to the affected one (one element when the
 *   subscribed product is itself affected).
 * - Cycles cannot exist (the products module refuses them), but the walk still terminates on one:
 *   each row carries its path, a step onto a product already in the path is marked and not
 *   followed, and marked rows are dropped. Depth is capped as a second guard.
 * - Customer status (customer-sql.ts): a confirmed customer is exposed by every incident, a pending
 *   subscriber only by incidents reported once it had subscribed (and, for the what-if, by a
 *   breach now), a declined one by none.
 * - Data categories at stake: those the subscriber entrusts to its product (its subscription) that
 *   the incident names, in the subscription's order; all of the subscriber's categories when the
 *   incident names none (and for the what-if, which has no incident). An organisation whose
 *   categories do not meet the incident's is still listed (exposed, nothing named at stake).
 *
 * Parameters: $1 the seeds (incident uuids, or one product uuid for the what-if); $2 the only
 * subscriber to return, or NULL for all; $3 a supplier whose view this is, or NULL: then only its
 * own CONFIRMED customers (subscriptions to its own products), never the customers of other
 * suppliers whose products rely on its products. Visibility is applied in the query, not after it.
 */

export const MAX_EXPOSURE_DEPTH = 64;

const SEED_FROM_INCIDENTS = `SELECT ip.incident_id, ip.product_id FROM incident_product ip
    WHERE ip.incident_id = ANY($1::uuid[])`;

const SEED_FROM_PRODUCT = `SELECT NULL::uuid, $1::uuid`;

function exposureSql(seed: string): string {
  return `WITH RECURSIVE walk(incident_id, product_id, path, is_cycle) AS (
    SELECT s.incident_id, s.product_id, ARRAY[s.product_id], false
      FROM (${seed}) AS s(incident_id, product_id)
    UNION ALL
    SELECT w.incident_id, e.product_id, e.product_id || w.path, e.product_id = ANY (w.path)
      FROM walk w
      JOIN product_subprocessor e ON e.subprocessor_id = w.product_id
     WHERE NOT w.is_cycle AND cardinality(w.path) < ${MAX_EXPOSURE_DEPTH}
  )
  SELECT w.incident_id, s.subscriber_id, w.product_id, w.path,
         CASE WHEN i.data_categories IS NULL OR cardinality(i.data_categories) = 0 THEN s.data_categories
              ELSE ARRAY(SELECT c FROM unnest(s.data_categories) WITH ORDINALITY AS u(c, n)
                          WHERE c = ANY (i.data_categories) ORDER BY n)
         END AS data_categories
    FROM walk w
    JOIN product_subscription s ON s.product_id = w.product_id
    JOIN organization o ON o.id = s.subscriber_id
    LEFT JOIN incident i ON i.id = w.incident_id
   WHERE NOT w.is_cycle AND ($2::uuid IS NULL OR s.subscriber_id = $2::uuid)
     AND ${exposedBySubscriptionSql('s', 'coalesce(i.reported_at, now())')}
     AND ($3::uuid IS NULL OR (${confirmedCustomerSql('s')} AND EXISTS (
           SELECT 1 FROM product sp WHERE sp.id = s.product_id AND sp.supplier_id = $3::uuid)))
   ORDER BY w.incident_id, o.search_name, o.id, cardinality(w.path), w.path`;
}

/** Exposure of incidents: $1 incident uuids, $2 subscriber uuid or NULL, $3 supplier uuid or NULL. */
export const INCIDENT_EXPOSURE_SQL = exposureSql(SEED_FROM_INCIDENTS);

/** What-if exposure of one product: $1 product uuid, $2 subscriber uuid or NULL, $3 supplier uuid or NULL. */
export const PRODUCT_EXPOSURE_SQL = exposureSql(SEED_FROM_PRODUCT);

/** A row of either query. */
export interface ExposureRow {
  readonly incident_id: string | null;
  readonly subscriber_id: string;
  readonly product_id: string;
  readonly path: string[];
  readonly data_categories: string[];
}

/**
 * Incidents an organisation is exposed to, as a WHERE condition on `incident` aliased `i`, with
 * the organisation's uuid as the named parameter `:exposedOrg`. The same reachability as the
 * exposure query, walked the other way (from the organisation's subscriptions DOWN, carrying each
 * subscription's customer status and start); UNION keeps it finite on cycles. The same customer
 * rule as the exposure rows (exposedBySubscriptionSql), against the incident's reported_at.
 * Uncorrelated, so PostgreSQL evaluates it once per query.
 */
export const EXPOSED_INCIDENTS_CONDITION = `i.id IN (
    WITH RECURSIVE relied(id, customer_status, created_at) AS (
      SELECT s.product_id, s.customer_status, s.created_at FROM product_subscription s
       WHERE s.subscriber_id = :exposedOrg AND ${activeSubscriptionSql('s')}
      UNION
      SELECT e.subprocessor_id, r.customer_status, r.created_at
        FROM relied r JOIN product_subprocessor e ON e.product_id = r.id
    )
    SELECT ip.incident_id FROM relied r
      JOIN incident_product ip ON ip.product_id = r.id
      JOIN incident x ON x.id = ip.incident_id
     WHERE ${exposedBySubscriptionSql('r', 'x.reported_at')})`;
