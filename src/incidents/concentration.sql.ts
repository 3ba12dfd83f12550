import { activeSubscriptionSql } from '../subscriptions/customer-sql.js';

/*
 * Supplier concentration, in one query. A municipality or region depends on a supplier when it
 * subscribes to one of the supplier's products, or to a product that relies on one through any
 * chain of sub-processors. `closure` pairs every subscribed product with everything below it
 * (UNION: finite on cycles, each pair once); `dep` is one row per (supplier, customer, category
 * the customer entrusts to the subscribed product). Suppliers without dependents are listed too,
 * last. Ranked by dependents, then supplier id, both descending (one keyset direction).
 *
 * Parameters: $1 cursor dependents (NULL: first page), $2 cursor supplier uuid, $3 page size + 1.
 */
export const CONCENTRATION_SQL = `WITH RECURSIVE closure(root, node) AS (
    SELECT DISTINCT s.product_id, s.product_id
      FROM product_subscription s JOIN organization c ON c.id = s.subscriber_id
     WHERE c.kind IN ('MUNICIPALITY', 'REGION') AND ${activeSubscriptionSql('s')}
    UNION
    SELECT c.root, e.subprocessor_id FROM closure c JOIN product_subprocessor e ON e.product_id = c.node
  ),
  dep AS (
    SELECT DISTINCT p.supplier_id, s.subscriber_id, c.kind, (cl.root = cl.node) AS direct, cat
      FROM closure cl
      JOIN product p ON p.id = cl.node
      JOIN product_subscription s ON s.product_id = cl.root AND ${activeSubscriptionSql('s')}
      JOIN organization c ON c.id = s.subscriber_id AND c.kind IN ('MUNICIPALITY', 'REGION')
      CROSS JOIN LATERAL unnest(s.data_categories) AS cat
  ),
  totals AS (
    SELECT greatest(count(*), 1)::float8 AS customers FROM organization WHERE kind IN ('MUNICIPALITY', 'REGION')
  ),
  ranked AS (
    SELECT o.id AS supplier_id,
           count(DISTINCT d.subscriber_id)::int AS dependents,
           count(DISTINCT d.subscriber_id) FILTER (WHERE d.kind = 'MUNICIPALITY')::int AS municipalities,
           count(DISTINCT d.subscriber_id) FILTER (WHERE d.kind = 'REGION')::int AS regions,
           count(DISTINCT d.subscriber_id) FILTER (WHERE d.direct)::int AS direct_dependents
      FROM organization o LEFT JOIN dep d ON d.supplier_id = o.id
     WHERE o.kind = 'SUPPLIER'
     GROUP BY o.id
  ),
  page AS (
    SELECT r.*, count(*) OVER ()::int AS total FROM ranked r
  ),
  sliced AS (
    SELECT * FROM page
     WHERE $1::int IS NULL OR (dependents, supplier_id) < ($1::int, $2::uuid)
     ORDER BY dependents DESC, supplier_id DESC
     LIMIT $3
  )
  SELECT s.supplier_id, s.dependents, s.municipalities, s.regions, s.direct_dependents, s.total,
         s.dependents / t.customers AS share,
         coalesce((SELECT json_agg(json_build_object('dataCategory', x.cat, 'dependents', x.n) ORDER BY x.n DESC, x.cat)
                     FROM (SELECT d.cat, count(DISTINCT d.subscriber_id)::int AS n
                             FROM dep d WHERE d.supplier_id = s.supplier_id GROUP BY d.cat) x), '[]') AS by_category,
         t.customers
    FROM sliced s CROSS JOIN totals t
   ORDER BY s.dependents DESC, s.supplier_id DESC`;

export interface ConcentrationRow {
  readonly supplier_id: string;
  readonly dependents: number;
  readonly municipalities: number;
  readonly regions: number;
  readonly direct_dependents: number;
  readonly total: number;
  readonly share: number;
  readonly by_category: { dataCategory: string; dependents: number }[];
  readonly customers: number;
}
