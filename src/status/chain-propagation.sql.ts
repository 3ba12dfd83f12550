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

/*
 * The supply-chain read model (product_chain_status), recomputed in ONE statement for the roots
 * ($1 uuid[], whose own states are $2, aligned) and every product relying on them, found up the
 * reverse sub-processor graph. For each such product the walk goes DOWN its sub-processors (paths
 * carried, a step back onto the path refused, depth capped) and keeps each upstream product once,
 * with its shortest path. $3: the roots' open incident uuids as a JSON object {uuid: [uuid, ...]},
 * or NULL to keep the stored ones.
 *
 * Returns the products whose effective state changed (old and new, with the new chain for the
 * message, the supplier and the subscribers for the audience). All CTEs read one snapshot, so
 * `old` holds the values from before the upsert.
 */
export const PROPAGATE_CHAIN = `
WITH RECURSIVE
roots AS (SELECT r.id, r.state FROM unnest($1::uuid[], $2::varchar[]) AS r(id, state)),
root_incidents AS (
  SELECT key::uuid AS id, ARRAY(SELECT jsonb_array_elements_text(value))::uuid[] AS ids
    FROM jsonb_each(coalesce($3::jsonb, '{}'::jsonb))
),
affected(id) AS (
  SELECT id FROM roots
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
node_state AS (
  SELECT n.id,
         coalesce(r.state, c.own_state, '${ComplianceState.NOT_ASSESSED}') AS state,
         CASE WHEN r.id IS NOT NULL AND $3::jsonb IS NOT NULL THEN coalesce(ri.ids, '{}'::uuid[])
              ELSE coalesce(c.open_incident_ids, '{}'::uuid[]) END AS incident_ids
    FROM (SELECT id FROM affected UNION SELECT node FROM links) n
    LEFT JOIN roots r ON r.id = n.id
    LEFT JOIN root_incidents ri ON ri.id = n.id
    LEFT JOIN product_chain_status c ON c.product_id = n.id
),
computed AS (
  SELECT a.id,
         coalesce(jsonb_agg(jsonb_build_object('id', l.node, 'name', p.name, 'state', s.state, 'path', to_jsonb(l.path))
                  ORDER BY cardinality(l.path), p.search_name, l.node) FILTER (WHERE l.node IS NOT NULL),
                  '[]'::jsonb) AS chain,
         coalesce(max(${rankSql('s.state')}), 0) AS chain_rank
    FROM affected a
    LEFT JOIN links l ON l.root = a.id
    LEFT JOIN product p ON p.id = l.node
    LEFT JOIN node_state s ON s.id = l.node
   GROUP BY a.id
),
incident_refs AS (
  SELECT DISTINCT ON (x.root, x.i) x.root, x.i, x.p, x.depth FROM (
    SELECT a.id AS root, unnest(s.incident_ids) AS i, a.id AS p, 1 AS depth
      FROM affected a JOIN node_state s ON s.id = a.id
    UNION ALL
    SELECT l.root, unnest(s.incident_ids), l.node, cardinality(l.path)
      FROM links l JOIN node_state s ON s.id = l.node
  ) x ORDER BY x.root, x.i, x.depth, x.p
),
incidents AS (
  SELECT root AS id, jsonb_agg(jsonb_build_object('i', i, 'p', p) ORDER BY depth, p, i) AS incidents
    FROM incident_refs GROUP BY root
),
old AS (
  SELECT c.product_id, c.effective_state FROM product_chain_status c
   WHERE c.product_id IN (SELECT id FROM affected)
),
upserted AS (
  INSERT INTO product_chain_status AS t
    (product_id, own_state, chain_state, effective_state, open_incident_ids, chain, incidents, updated_at)
  SELECT c.id, s.state, ${stateOfRankSql('c.chain_rank')},
         CASE WHEN c.chain_rank > ${rankSql('s.state')} THEN ${stateOfRankSql('c.chain_rank')} ELSE s.state END,
         s.incident_ids, c.chain, coalesce(i.incidents, '[]'::jsonb), now()
    FROM computed c JOIN node_state s ON s.id = c.id LEFT JOIN incidents i ON i.id = c.id
  ON CONFLICT (product_id) DO UPDATE SET
    own_state = EXCLUDED.own_state, chain_state = EXCLUDED.chain_state,
    effective_state = EXCLUDED.effective_state, open_incident_ids = EXCLUDED.open_incident_ids,
    chain = EXCLUDED.chain, incidents = EXCLUDED.incidents, updated_at = EXCLUDED.updated_at
  RETURNING t.product_id, t.own_state, t.effective_state, t.chain
)
SELECT u.product_id, u.own_state, u.effective_state, u.chain,
       coalesce(o.effective_state, u.own_state) AS old_effective_state,
       p.name, p.supplier_id,
       array(SELECT s.subscriber_id FROM product_subscription s WHERE s.product_id = u.product_id) AS subscribers
  FROM upserted u
  JOIN product p ON p.id = u.product_id
  LEFT JOIN old o ON o.product_id = u.product_id
 WHERE coalesce(o.effective_state, u.own_state) <> u.effective_state`;
