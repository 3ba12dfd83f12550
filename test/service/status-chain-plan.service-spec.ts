import { PROPAGATE_CHAIN } from '../../src/status/chain-propagation.sql.js';
import { createServiceContext, type ServiceContext } from '../support/service-context.js';
import { newProduct, newSupplier } from '../support/service-factories.js';

/*
 * PROPAGATE_CHAIN's plan for one root and for every product as roots (the scheduler's sweep, an
 * incident on a platform thousands of products rely on). Its recursive CTEs have no statistics;
 * joined to one another their estimates multiplied (1.5e9 rows planned for 10,000 at national
 * scale) and a hash join sized for that ran for minutes over a few thousand rows. Here no hash
 * table may be planned for more than ten times the catalogue (every row the statement hashes comes
 * from a table of at most that many rows, or from the walk over it). EXPLAIN only: the plan is
 * deterministic for the statistics, which ANALYZE reads from every row of these small tables.
 */

const PRODUCTS = 2_000;

interface PlanNode {
  'Node Type': string;
  'Plan Rows': number;
  Plans?: PlanNode[];
}

function hashes(node: PlanNode): number[] {
  const own = node['Node Type'] === 'Hash' ? [node['Plan Rows']] : [];
  return [...own, ...(node.Plans ?? []).flatMap(hashes)];
}

jest.setTimeout(120_000);

describe('PROPAGATE_CHAIN plan', () => {
  let t: ServiceContext;
  let uuids: string[];

  beforeAll(async () => {
    // A database of its own: the statistics must be those of this catalogue alone.
    t = await createServiceContext({}, { ownDatabase: true });
    const template = await newProduct(t, await newSupplier(t));
    await t.dataSource.query(
      `INSERT INTO product (supplier_id, name, search_name, description, data_categories, hosting_countries,
                            category_tier, raised_tier, tier)
       SELECT supplier_id, name || ' ' || g, search_name || ' ' || g, description, data_categories,
              hosting_countries, category_tier, raised_tier, tier
         FROM product, generate_series(2, $2::int) AS g WHERE id = $1`,
      [template.uuid, PRODUCTS],
    );
    // A tree (each product relies on the one at half its rank) and a hub every fifth one relies on.
    await t.dataSource.query(
      `WITH ranked AS (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM product)
       INSERT INTO product_subprocessor (product_id, subprocessor_id)
       SELECT p.id, s.id FROM ranked p JOIN ranked s ON s.n = p.n / 2 WHERE p.n > 1
       UNION
       SELECT p.id, s.id FROM ranked p JOIN ranked s ON s.n = 1 WHERE p.n % 5 = 0 AND p.n > 2`,
    );
    await t.dataSource.query('ANALYZE product, product_subprocessor, product_chain_status');
    const rows = await t.dataSource.query<{ id: string }[]>('SELECT id FROM product ORDER BY id');
    uuids = rows.map((row) => row.id);
    expect(uuids).toHaveLength(PRODUCTS);
  });
  afterAll(async () => {
    await t.close();
  });

  async function plannedHashes(roots: string[]): Promise<number[]> {
    const [row] = await t.dataSource.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(
      `EXPLAIN (FORMAT JSON) ${PROPAGATE_CHAIN}`,
      [roots, roots.map(() => 'COMPLIANT'), null],
    );
    return hashes(row['QUERY PLAN'][0].Plan);
  }

  it.each([
    ['one root', 1],
    ['every product as roots', PRODUCTS],
  ])('sizes no hash table beyond the catalogue for %s', async (_label, n) => {
    const planned = await plannedHashes(uuids.slice(0, n));
    for (const rows of planned) expect(rows).toBeLessThanOrEqual(10 * PRODUCTS);
  });
});
