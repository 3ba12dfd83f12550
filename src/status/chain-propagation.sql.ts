import { ComplianceState } from '../products/dto/compliance-state.enum.js';
import { LOWERING_RANK } from './chain-rule.js';

/** Depth cap of the chain walk: the same second guard as the incidents' exposure walk. */
export const MAX_CHAIN_DEPTH = 64;

const rankSql = (state: string): string =>
  `CASE ${state} ${Object.entries(LOWERING_RANK)
    .map(([name, rank]) => `WHEN '${name}' THEN ${rank}`)
    .join(' ')} ELSE 0 END`;

const stateOfRankSql = (rank: string): string =>
  `CASE ${rank} ${Object.entries(LOWERING_RANK)
    .map(([name, value]) => `WHEN ${value} THEN '${name}'`)
    .join(' ')} END`;

/**
 * The roots' own states ($1 uuid[], $2 aligned) as one JSON object {uuid: state}: an InitPlan,
 * built once per statement, so a product's state is a lookup, not a join to the roots.
 */
const ROOT_STATES = `(SELECT jsonb_object($1::uuid[]::text[], $2::varchar[]::text[]))`;

/** The state a product counts with: a root's from $2, else the stored own state (`c`: its product_chain_status row). */
const stateSql = (id: string, c: string): string =>
  `coalesce(${ROOT_STATES} ->> ${id}::text, ${c}.own_state, '${ComplianceState.NOT_ASSESSED}')`;

/** Its open incidents: a root's from $3 (when given), else the stored ones. */
const incidentIdsSql = (id: string, c: string): string =>
  `CASE WHEN $3::jsonb IS NOT NULL AND ${ROOT_STATES} ? ${id}::text
        THEN ARRAY(SELECT jsonb_array_elements_text($3::jsonb -> ${id}::text))::uuid[]
        ELSE coalesce(${c}.open_incident_ids, '{}'::uuid[]) END`;

/*
 * The supply-chain read model (product_chain_status), recomputed in ONE statement for the roots
 * ($1 uuid[], whose own states are $2, aligned) and every product relying on them, found up the
 * reverse sub-processor graph. For each such product the walk goes DOWN its sub-processors (paths
 * carried, a step back onto the path refused, depth capped) and keeps each upstream product once,
 * with its shortest path. $3: the roots' open incident uuids as a JSON object {uuid: [uuid, ...]},
 * or NULL to keep the stored ones.
 *
 * The plan must hold for one root and for every product: the recursive CTEs have no statistics
 * and their estimates are far off (hundreds of times the real rows for many roots), and a join of
 * one CTE to another multiplies them (1.5e9 rows planned for 10,000, a hash join sized for that ran
 * for minutes). So no CTE is joined to another: each row is joined to tables on their primary key,
 * the roots' states and incidents are looked up in JSON objects, and the rows are aggregated per
 * product once (`nodes` holds each affected product itself, path NULL, and every upstream product
 * of its chain).
 *
 * Returns the products whose effective state changed (old and new, with the new chain for the
 * message, the supplier and the subscribers for the audience). The statement reads one snapshot,
 * so product_chain_status in the final SELECT holds the values from before the upsert.
 */
export const PROPAGATE_CHAIN = `
WITH RECURSIVE
affected(id) AS (
  SELECT unnest($1::uuid[])
  UNION
  SELECT e.product_id FROM product_subprocessor e JOIN affected a ON e.subprocessor_id = a.id
),
walk(root, node, path) AS (
  SELECT a.id, e.subprocessor_id, ARRAY[a.id, e.subprocessor_id]
    FROM affected a JOIN product_subprocessor e ON e.product_id = a.id
  UNION ALL
  SELECT w.root, e.subprocessor_id, w.path || e.subprocessor_id
    FROM walk w JOIN product_subprocessor e ON e.product_id = w.node
   WHERE e.subprocessor_id <> ALL (w.path) AND cardinality(w.path) < ${MAX_CHAIN_DEPTH}
),
links AS (
  SELECT DISTINCT ON (w.root, w.node) w.root, w.node, w.path
    FROM walk w ORDER BY w.root, w.node, cardinality(w.path), w.path
),
nodes AS MATERIALIZED (
  SELECT x.root, x.node, x.path, p.name, p.search_name,
         ${stateSql('x.node', 'c')} AS state, ${incidentIdsSql('x.node', 'c')} AS incident_ids
    FROM (SELECT id AS root, id AS node, NULL::uuid[] AS path FROM affected
          UNION ALL SELECT root, node, path FROM links) x
    LEFT JOIN product p ON p.id = x.node
    LEFT JOIN product_chain_status c ON c.product_id = x.node
),
computed AS (
  SELECT n.root AS id,
         min(n.state) FILTER (WHERE n.path IS NULL) AS state,
         min(n.incident_ids) FILTER (WHERE n.path IS NULL) AS incident_ids,
         coalesce(jsonb_agg(jsonb_build_object('id', n.node, 'name', n.name, 'state', n.state, 'path', to_jsonb(n.path))
                  ORDER BY cardinality(n.path), n.search_name, n.node) FILTER (WHERE n.path IS NOT NULL),
                  '[]'::jsonb) AS chain,
         coalesce(max(${rankSql('n.state')}) FILTER (WHERE n.path IS NOT NULL), 0) AS chain_rank
    FROM nodes n GROUP BY n.root
),
incidents AS (
  SELECT jsonb_object_agg(root, incidents) AS by_root FROM (
    SELECT root, jsonb_agg(jsonb_build_object('i', i, 'p', p) ORDER BY depth, p, i) AS incidents FROM (
      SELECT DISTINCT ON (n.root, r.i) n.root, r.i, n.node AS p, coalesce(cardinality(n.path), 1) AS depth
        FROM nodes n CROSS JOIN LATERAL unnest(n.incident_ids) AS r(i)
       ORDER BY n.root, r.i, depth, p
    ) refs GROUP BY root
  ) per_root
),
upserted AS (
  INSERT INTO product_chain_status AS t
    (product_id, own_state, chain_state, effective_state, open_incident_ids, chain, incidents, updated_at)
  SELECT c.id, c.state, ${stateOfRankSql('c.chain_rank')},
         CASE WHEN c.chain_rank > ${rankSql('c.state')} THEN ${stateOfRankSql('c.chain_rank')} ELSE c.state END,
         c.incident_ids, c.chain, coalesce((SELECT by_root FROM incidents) -> c.id::text, '[]'::jsonb), now()
    FROM computed c
  ON CONFLICT (product_id) DO UPDATE SET
    own_state = EXCLUDED.own_state, chain_state = EXCLUDED.chain_state,
    effective_state = EXCLUDED.effective_state, open_incident_ids = EXCLUDED.open_incident_ids,
    chain = EXCLUDED.chain, incidents = EXCLUDED.incidents, updated_at = EXCLUDED.updated_at
  RETURNING t.product_id, t.own_state, t.effective_state, t.chain
)
SELECT u.product_id, u.own_state, u.effective_state, u.chain,
       coalesce(old.effective_state, u.own_state) AS old_effective_state,
       p.name, p.supplier_id,
       array(SELECT s.subscriber_id FROM product_subscription s WHERE s.product_id = u.product_id) AS subscribers
  FROM upserted u
  JOIN product p ON p.id = u.product_id
  LEFT JOIN product_chain_status old ON old.product_id = u.product_id
 WHERE coalesce(old.effective_state, u.own_state) <> u.effective_state`;
