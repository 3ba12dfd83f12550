import pg from 'pg';
import { buildCatalog, buildSubscriptions } from './catalog.mjs';
import { nameUuid } from '../lib/prng.mjs';
import { withoutIndexes } from './bulk.mjs';
import { bulkChainModel, verifyChainModel } from './chain-model.mjs';
import { BULK_BASELINE_ROWS, BULK_PRODUCT_ROWS, verifyReadModel } from './read-model.mjs';
import {
  baselineSql,
  COMPLETED_ASSESSMENTS,
  EVIDENCE,
  EVIDENCE_REQUIREMENTS,
  FINDING_EVIDENCE,
  FINDINGS,
  OPEN_ASSESSMENTS,
  REMEDIATIONS,
  RND_FUNCTION,
} from './sql.mjs';

const dist = (path) => import(new URL(`../../dist/${path}`, import.meta.url).href);

/**
 * Fills an empty database: the app's migrations (TypeORM DataSource from dist), the app's
 * reference-data seed (agency, 290 municipalities, 20 regions), then the bench data set with
 * set-based SQL. Returns what the scenarios need (ids to pick from) and the timings.
 */
export async function loadData(url, config, log) {
  const started = Date.now();
  const timings = {};
  const step = async (name, fn) => {
    const t = Date.now();
    const result = await fn();
    timings[name] = Date.now() - t;
    log(`  ${name}: ${timings[name]} ms`);
    return result;
  };
  const { scale, seed } = config;
  const asOf = new Date();
  asOf.setUTCHours(0, 0, 0, 0);

  await step('migrations + reference data', async () => {
    const { DataSource } = await import('typeorm');
    const { dataSourceOptions } = await dist('database/data-source.js');
    const { seedReferenceData } = await dist('organizations/seed/reference-data.js');
    const { PLACEHOLDER_AGENCY_NAME, PLACEHOLDER_AGENCY_ORG_NUMBER } = await dist(
      'common/config/app-config.js',
    );
    const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 2, migrate: false }));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      await seedReferenceData(dataSource, {
        orgNumber: PLACEHOLDER_AGENCY_ORG_NUMBER,
        name: PLACEHOLDER_AGENCY_NAME,
      });
    } finally {
      await dataSource.destroy();
    }
  });

  const { toSearchName } = await dist('organizations/search-name.js');
  const client = new pg.Client({ connectionString: url, application_name: 'bench-loader' });
  await client.connect();
  try {
    await client.query(
      `SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'`,
    );
    // Foreign keys are checked per row by triggers; the generated rows are consistent by construction.
    let triggersOff = true;
    try {
      await client.query(`SET session_replication_role = replica`);
    } catch {
      triggersOff = false;
    }
    await client.query(RND_FUNCTION);

    const catalog = await step('catalogue (JS)', async () => buildCatalog(seed, scale));
    const customers = await step('customers', () => addCustomers(client, scale));
    await step('suppliers, assessors', async () => {
      const orgs = [
        ...catalog.suppliers.map((s) => ({ ...s, kind: 'SUPPLIER' })),
        ...catalog.assessors.map((s) => ({ ...s, kind: 'ASSESSOR' })),
      ];
      await client.query(
        `INSERT INTO organization (id, kind, name, search_name, org_number, created_at, updated_at)
         SELECT id, kind, name, search_name, org_number, $6::timestamptz - interval '900 days', $6::timestamptz - interval '900 days'
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(id, kind, name, search_name, org_number)`,
        [
          orgs.map((o) => o.id),
          orgs.map((o) => o.kind),
          orgs.map((o) => o.name),
          orgs.map((o) => toSearchName(o.name)),
          orgs.map((o) => o.orgNumber),
          asOf,
        ],
      );
    });
    await step('products, sub-processors', async () => {
      const p = catalog.products;
      await client.query(
        `INSERT INTO product (id, supplier_id, name, search_name, description, data_categories, hosting_countries,
                              category_tier, raised_tier, tier, created_at, updated_at)
         SELECT id, supplier_id, name, search_name, description, string_to_array(cats, ','), string_to_array(hosting, ','),
                category_tier, NULL, tier, $10::timestamptz - interval '800 days', $10::timestamptz - interval '800 days'
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
             AS x(id, supplier_id, name, search_name, description, cats, hosting, category_tier, tier)`,
        [
          p.map((x) => x.id),
          p.map((x) => x.supplierId),
          p.map((x) => x.name),
          p.map((x) => toSearchName(x.name)),
          p.map((x) => x.description),
          p.map((x) => x.categories.join(',')),
          p.map((x) => x.hosting.join(',')),
          p.map((x) => x.categoryTier),
          p.map((x) => x.tier),
          asOf,
        ],
      );
      await client.query(
        `INSERT INTO product_subprocessor (product_id, subprocessor_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
        [catalog.edges.map((e) => e[0]), catalog.edges.map((e) => e[1])],
      );
    });
    const subscriptions = await step('subscriptions', async () => {
      const rows = buildSubscriptions(
        seed,
        customers.map((c) => c.id),
        catalog,
        scale.subscriptionsPerCustomer,
      );
      await client.query(
        // Established customers: confirmed by their suppliers long ago.
        `INSERT INTO product_subscription (id, product_id, subscriber_id, data_categories, created_at, customer_status, decided_at)
         SELECT id, product_id, subscriber_id, string_to_array(cats, ','), $5::timestamptz - interval '300 days',
                'CONFIRMED', $5::timestamptz - interval '299 days'
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[]) AS x(id, product_id, subscriber_id, cats)`,
        [
          rows.map((r) => r.id),
          rows.map((r) => r.productId),
          rows.map((r) => r.subscriberId),
          rows.map((r) => r.categories.join(',')),
          asOf,
        ],
      );
      return rows.length;
    });
    const baselineId = nameUuid('baseline:kommun-grund:2026.1');
    await step('baseline, requirements', async () => {
      for (const sql of baselineSql(scale.requirements)) await client.query(sql, [asOf, baselineId]);
    });
    await step('assessments', async () => {
      await client.query(COMPLETED_ASSESSMENTS, [asOf]);
      await client.query(OPEN_ASSESSMENTS, [asOf, scale.inProgressShare]);
      // Statistics of the tables just filled: without them the planner takes them for nearly empty and
      // joins the findings by 900,000 index probes (remediations: 12 s at national scale instead of 1).
      await client.query('ANALYZE organization, product, requirement, assessment');
    });
    const findings = await step('findings', async () => {
      const rows = await withoutIndexes(client, 'finding', async () => (await client.query(FINDINGS)).rowCount);
      await client.query('ANALYZE finding');
      return rows;
    });
    const remediations = await step(
      'remediations',
      async () => (await client.query(REMEDIATIONS, [asOf])).rowCount,
    );
    await step('evidence', async () => {
      await withoutIndexes(client, 'evidence', () => client.query(EVIDENCE, [asOf]));
      await withoutIndexes(client, 'evidence_requirement', () => client.query(EVIDENCE_REQUIREMENTS));
      await withoutIndexes(client, 'finding_evidence', () => client.query(FINDING_EVIDENCE));
    });
    await step('status read model', async () => {
      await client.query(BULK_BASELINE_ROWS);
      await client.query(BULK_PRODUCT_ROWS);
    });
    const chainAt = new Date();
    await step('supply-chain read model', () => bulkChainModel(client, chainAt));
    await step('analyze', () => client.query('VACUUM (ANALYZE)'));
    const verification = await step('read model check (service SQL)', async () => {
      const refreshSql = await dist('status/status-refresh.sql.js');
      const { rows } = await client.query(
        `(SELECT product_id FROM assessment WHERE state = 'IN_PROGRESS' ORDER BY md5(product_id::text) LIMIT 20)
         UNION (SELECT id FROM product ORDER BY md5(id::text || 'sample') LIMIT 180)`,
      );
      return verifyReadModel(
        client,
        refreshSql,
        rows.map((r) => r.product_id),
      );
    });
    const chainCheck = await step('supply-chain read model check (service SQL)', async () => {
      const { rows } = await client.query(
        `(SELECT $1::uuid AS id)
         UNION (SELECT product_id FROM (SELECT DISTINCT product_id FROM product_subprocessor) x
                 ORDER BY md5(product_id::text || 'chain') LIMIT 200)
         UNION (SELECT id FROM product ORDER BY md5(id::text || 'chain-any') LIMIT 99)`,
        [catalog.products[0].id],
      );
      return verifyChainModel(
        client,
        rows.map((r) => r.id),
        chainAt,
      );
    });
    if (chainCheck.differences.length > 0) {
      const first = chainCheck.differences[0];
      throw new Error(
        `The bulk supply-chain read model differs from PROPAGATE_CHAIN for ${chainCheck.differences.length} of ${chainCheck.compared} rows; first: ${JSON.stringify(first)}`,
      );
    }
    if (verification.differences.length > 0) {
      const first = verification.differences[0];
      throw new Error(
        `The bulk status read model differs from StatusService.refresh for ${verification.differences.length} of ${verification.compared} rows; first: ${JSON.stringify(first)}`,
      );
    }
    const counts = await tableCounts(client);
    return {
      loadMs: Date.now() - started,
      timings,
      triggersOff,
      counts: { ...counts, findingsInserted: findings, remediationsInserted: remediations, subscriptions },
      readModelCheck: { compared: verification.compared, differences: 0 },
      chainModelCheck: { roots: chainCheck.roots, compared: chainCheck.compared, differences: 0 },
      hub: {
        productId: catalog.products[0].id,
        supplierId: catalog.products[0].supplierId,
        name: catalog.products[0].name,
      },
      customers,
      baselineId,
    };
  } finally {
    await client.end();
  }
}

/** The seeded municipalities and regions; at eu scale, synthetic municipalities beside them. */
async function addCustomers(client, scale) {
  const extra = (scale.customersFactor - 1) * 290;
  if (extra > 0) {
    await client.query(
      `INSERT INTO organization (id, kind, name, search_name, municipality_code, county_code)
       SELECT md5('municipality:' || g)::uuid, 'MUNICIPALITY', 'Benchkommun ' || g, 'benchkommun ' || g,
              'Z' || lpad(upper(to_hex(g)), 3, '0'),
              (SELECT county_code FROM organization WHERE kind = 'REGION' ORDER BY county_code
                OFFSET g % 20 LIMIT 1)
         FROM generate_series(1, $1::int) AS g`,
      [extra],
    );
  }
  const { rows } = await client.query(
    `SELECT id, kind, name FROM organization WHERE kind IN ('MUNICIPALITY', 'REGION')
      ORDER BY kind, coalesce(municipality_code, county_code)`,
  );
  return rows;
}

async function tableCounts(client) {
  const tables = [
    'organization',
    'product',
    'product_subprocessor',
    'product_subscription',
    'requirement',
    'assessment',
    'finding',
    'remediation',
    'evidence',
    'finding_evidence',
    'product_baseline_status',
  ];
  const { rows } = await client.query(
    tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM ${t}`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}
