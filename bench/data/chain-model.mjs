/*
 * The supply-chain read model (product_chain_status) for the whole catalogue, set-based. The app
 * keeps it with the status module's PROPAGATE_CHAIN (src/status/chain-propagation.sql.ts), which
 * with every product a root once took 108 s of a 129 s national load and did not finish in 19
 * minutes at eu scale (its CTE-to-CTE joins multiplied the row estimates). It no longer joins
 * CTEs to each other (0.3 s national, 2-3 s eu with every product a root), but a bulk load needs
 * no incidents, no old states and no changed-row answer, and this builds the rows directly.
 *
 * Here every product is a root and none has an open incident, so the same rows come from one walk
 * down the sub-processor edges (same paths, same step-back refusal, same depth cap, same shortest
 * path per upstream product) joined to the own states held in a temporary table with statistics.
 * `verifyChainModel` then recomputes a sample with PROPAGATE_CHAIN itself, in a transaction that is
 * rolled back, and the load fails if any row differs.
 */

const dist = (path) => import(new URL(`../../dist/${path}`, import.meta.url).href);

/** The ranking of chain-propagation.sql.ts, rebuilt from the same LOWERING_RANK. */
async function rankSql() {
  const { LOWERING_RANK } = await dist('status/chain-rule.js');
  const entries = Object.entries(LOWERING_RANK);
  return {
    rank: (state) => `CASE ${state} ${entries.map(([name, r]) => `WHEN '${name}' THEN ${r}`).join(' ')} ELSE 0 END`,
    stateOf: (rank) => `CASE ${rank} ${entries.map(([name, r]) => `WHEN ${r} THEN '${name}'`).join(' ')} END`,
  };
}

/**
 * Fills product_chain_status for every product (the table must be empty). Returns the row count.
 * `now`: the instant the own states are computed at (statusStateSql's argument).
 */
export async function bulkChainModel(client, now) {
  const { statusJoins, statusStateSql } = await dist('status/status-sql.js');
  const { MAX_CHAIN_DEPTH } = await dist('status/chain-propagation.sql.js');
  const { rank, stateOf } = await rankSql();
  await client.query(`DROP TABLE IF EXISTS bench_own_state`);
  await client.query(
    `CREATE TEMP TABLE bench_own_state AS
     SELECT p.id, ${statusStateSql('$1::timestamptz')} AS state FROM product p ${statusJoins('p')}`,
    [now],
  );
  await client.query(`ALTER TABLE bench_own_state ADD PRIMARY KEY (id)`);
  await client.query(`ANALYZE bench_own_state, product_subprocessor`);
  // As the app does for PROPAGATE_CHAIN: the recursive CTE's estimates would make it JIT-compile.
  await client.query('SET jit = off');
  const { rowCount } = await client.query(`
    WITH RECURSIVE
    walk(root, node, path) AS (
      SELECT e.product_id, e.subprocessor_id, ARRAY[e.product_id, e.subprocessor_id] FROM product_subprocessor e
      UNION ALL
      SELECT w.root, e.subprocessor_id, w.path || e.subprocessor_id
        FROM walk w JOIN product_subprocessor e ON e.product_id = w.node
       WHERE e.subprocessor_id <> ALL (w.path) AND cardinality(w.path) < ${MAX_CHAIN_DEPTH}
    ),
    links AS (
      SELECT DISTINCT ON (w.root, w.node) w.root, w.node, w.path
        FROM walk w ORDER BY w.root, w.node, cardinality(w.path), w.path
    ),
    computed AS (
      SELECT l.root AS id,
             jsonb_agg(jsonb_build_object('id', l.node, 'name', p.name, 'state', s.state, 'path', to_jsonb(l.path))
                       ORDER BY cardinality(l.path), p.search_name, l.node) AS chain,
             max(${rank('s.state')}) AS chain_rank
        FROM links l JOIN product p ON p.id = l.node JOIN bench_own_state s ON s.id = l.node
       GROUP BY l.root
    )
    INSERT INTO product_chain_status
      (product_id, own_state, chain_state, effective_state, open_incident_ids, chain, incidents, updated_at)
    SELECT o.id, o.state, ${stateOf('coalesce(c.chain_rank, 0)')},
           CASE WHEN coalesce(c.chain_rank, 0) > ${rank('o.state')} THEN ${stateOf('c.chain_rank')} ELSE o.state END,
           '{}'::uuid[], coalesce(c.chain, '[]'::jsonb), '[]'::jsonb, now()
      FROM bench_own_state o LEFT JOIN computed c ON c.id = o.id`);
  await client.query('RESET jit');
  await client.query(`DROP TABLE bench_own_state`);
  return rowCount;
}

/** The products relying on `sample` (through any chain), the sample included: what PROPAGATE_CHAIN rewrites. */
const AFFECTED = `
WITH RECURSIVE affected(id) AS (
  SELECT unnest($1::uuid[])
  UNION
  SELECT e.product_id FROM product_subprocessor e JOIN affected a ON e.subprocessor_id = a.id
)
SELECT array_agg(id) AS ids FROM affected`;

const SNAPSHOT = `
SELECT product_id::text AS key, to_jsonb(x) - 'updated_at' AS row, updated_at = now() AS rewritten
  FROM product_chain_status x WHERE product_id = ANY ($1::uuid[]) ORDER BY 1`;

/**
 * Recomputes `sample` (product uuids) with the status module's own statements, as
 * StatusService.refresh does (own states by statusStateSql, then PROPAGATE_CHAIN for them, no
 * incident change), inside a transaction that is rolled back. The sample's rows are deleted first
 * (the statement inserts them anew); the products relying on them keep their stored own state, as
 * in the app, and are rewritten by the statement's upsert. Compares every row it writes (the
 * sample and every product relying on it) and returns the ones that differ or were not rewritten.
 */
export async function verifyChainModel(client, sample, now) {
  const { statusJoins, statusStateSql } = await dist('status/status-sql.js');
  const { PROPAGATE_CHAIN } = await dist('status/chain-propagation.sql.js');
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL jit = off');
    const { rows: states } = await client.query(
      `SELECT p.id, ${statusStateSql('$2::timestamptz')} AS state FROM product p ${statusJoins('p')}
        WHERE p.id = ANY ($1::uuid[])`,
      [sample, now],
    );
    const { rows: affected } = await client.query(AFFECTED, [sample]);
    const ids = affected[0].ids ?? [];
    const before = await client.query(SNAPSHOT, [ids]);
    await client.query('DELETE FROM product_chain_status WHERE product_id = ANY ($1::uuid[])', [sample]);
    await client.query(PROPAGATE_CHAIN, [states.map((r) => r.id), states.map((r) => r.state), null]);
    const after = await client.query(SNAPSHOT, [ids]);
    const expected = new Map(after.rows.map((r) => [r.key, JSON.stringify(r.row)]));
    const differences = after.rows
      .filter((r) => !r.rewritten)
      .map((r) => ({ key: r.key, bulk: r.row, service: 'not rewritten by PROPAGATE_CHAIN' }));
    for (const row of before.rows) {
      const want = expected.get(row.key);
      if (want !== JSON.stringify(row.row)) differences.push({ key: row.key, bulk: row.row, service: want ?? null });
      expected.delete(row.key);
    }
    for (const [key, want] of expected) differences.push({ key, bulk: null, service: JSON.parse(want) });
    return { roots: states.length, compared: before.rows.length, differences };
  } finally {
    await client.query('ROLLBACK');
  }
}
