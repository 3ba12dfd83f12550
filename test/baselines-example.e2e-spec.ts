import pg from 'pg';
import { Role } from '../src/common/actor.js';
import { ExampleBaselineSeeder } from '../src/baselines/example/example-baseline.seeder.js';
import {
  EXAMPLE_BASELINE_KEY,
  EXAMPLE_BASELINE_VERSION,
  EXAMPLE_REQUIREMENTS,
} from '../src/baselines/example/example-baseline.js';
import { agencyToken } from './support/baselines.js';
import { newSupplier } from './support/factories.js';
import { createTestApp, ok, testDatabaseUrl, type TestApp } from './support/test-app.js';

/**
 * Other test files share the database, so whether the boot seeds depends on what ran before: the
 * test states the rule (seed only on an empty table) and, when it could not apply, loads the example
 * through the seeder itself. Either way the example must end up there exactly once.
 */
describe('the example baseline', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function countBaselines(): Promise<{ all: number; example: number }> {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      // Migrations run when the first app of the test run starts: before that there is no table.
      const { rows: exists } = await client.query<{ t: string | null }>(
        `SELECT to_regclass('baseline') AS t`,
      );
      if (!exists[0].t) return { all: 0, example: 0 };
      const { rows } = await client.query<{ all: string; example: string }>(
        `SELECT count(*) AS all, count(*) FILTER (WHERE key = $1 AND version = $2) AS example FROM baseline`,
        [EXAMPLE_BASELINE_KEY, EXAMPLE_BASELINE_VERSION],
      );
      return { all: Number(rows[0].all), example: Number(rows[0].example) };
    } finally {
      await client.end();
    }
  }

  it('is not loaded when SEED_EXAMPLE_BASELINE is false', async () => {
    const before = await countBaselines();
    t = await createTestApp({ SEED_EXAMPLE_BASELINE: 'false' });
    expect(await countBaselines()).toEqual(before);
  });

  it('is loaded and published at start on an empty database, once, audited as the system', async () => {
    const before = await countBaselines();
    t = await createTestApp({ SEED_EXAMPLE_BASELINE: 'true' });
    const after = await countBaselines();
    if (before.all === 0) expect(after.example).toBe(1);
    else expect(after).toEqual(before); // not empty: the boot leaves baselines alone
    const seeder = t.app.get(ExampleBaselineSeeder);
    // Loads it now if the boot could not (another test file made baselines first); then never again.
    expect(await seeder.load()).toBe(before.all === 0 || before.example === 1 ? 'present' : 'loaded');
    expect(await seeder.load()).toBe('present');
    expect((await countBaselines()).example).toBe(1);

    await t.close();
    t = await createTestApp({ SEED_EXAMPLE_BASELINE: 'true' });
    expect((await countBaselines()).example).toBe(1);

    const supplier = await (await newSupplier(t)).token(Role.VIEWER);
    const current = ok(
      await t.gql<{
        currentBaseline: {
          id: string;
          version: string;
          status: string;
          requirements: {
            totalCount: number;
            edges: { node: { code: string; mappings: { framework: string }[] } }[];
          };
        };
      }>(
        `query($key: String!) { currentBaseline(key: $key) { id version status
          requirements(first: 100) { totalCount edges { node { code mappings { framework } } } } } }`,
        { key: EXAMPLE_BASELINE_KEY },
        supplier,
      ),
    ).currentBaseline;
    expect(current).toMatchObject({ version: EXAMPLE_BASELINE_VERSION, status: 'PUBLISHED' });
    expect(current.requirements.totalCount).toBe(EXAMPLE_REQUIREMENTS.length);
    for (const { node } of current.requirements.edges) {
      expect(node.mappings.some((m) => m.framework === 'NIS2-IR-2024-2690')).toBe(true);
    }
    const basic = ok(
      await t.gql<{ currentBaseline: { requirements: { totalCount: number } } }>(
        `query($key: String!) { currentBaseline(key: $key) { requirements(tier: BASIC) { totalCount } } }`,
        { key: EXAMPLE_BASELINE_KEY },
        supplier,
      ),
    );
    expect(basic.currentBaseline.requirements.totalCount).toBeGreaterThanOrEqual(10);

    const audit = ok(
      await t.gql<{ auditLog: { edges: { node: { action: string; actorSubject: string } }[] } }>(
        `query($id: String!) { auditLog(entityId: $id) { edges { node { action actorSubject } } } }`,
        { id: current.id },
        await agencyToken(t, Role.VIEWER),
      ),
    );
    expect(audit.auditLog.edges.map((e) => e.node)).toEqual(
      expect.arrayContaining([
        { action: 'baseline.created', actorSubject: 'system' },
        { action: 'baseline.published', actorSubject: 'system' },
      ]),
    );
  });
});
