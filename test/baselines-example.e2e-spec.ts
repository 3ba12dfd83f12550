import pg from 'pg';
import { Role } from '../src/common/actor.js';
import { ExampleBaselineSeeder } from '../src/baselines/example/example-baseline.seeder.js';
import {
  EXAMPLE_BASELINE_KEY,
  EXAMPLE_BASELINE_VERSION,
  EXAMPLE_REQUIREMENTS,
} from '../src/baselines/example/example-baseline.js';
import { agencyToken, newBaseline } from './support/baselines.js';
import { newSupplier } from './support/factories.js';
import { createTestApp, ok, scratchDatabase, type TestApp } from './support/test-app.js';

type Scratch = Awaited<ReturnType<typeof scratchDatabase>>;

/**
 * Whether the boot seeds depends on the baseline table being empty, so each test starts on a scratch
 * database of its own: what other test files left in the shared one cannot change the outcome.
 */
describe('the example baseline', () => {
  let t: TestApp | undefined;
  let scratch: Scratch | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    await scratch?.drop();
    scratch = undefined;
  });

  async function countBaselines(url: string): Promise<{ all: number; example: number }> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
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
    scratch = await scratchDatabase();
    t = await createTestApp({ SEED_EXAMPLE_BASELINE: 'false' }, { databaseUrl: scratch.url });
    expect(await countBaselines(scratch.url)).toEqual({ all: 0, example: 0 });
  });

  it('is not loaded at start when baselines exist; the seeder loads it on request, once', async () => {
    scratch = await scratchDatabase();
    t = await createTestApp({ SEED_EXAMPLE_BASELINE: 'false' }, { databaseUrl: scratch.url });
    await newBaseline(t, { publish: true });
    await t.close();
    t = await createTestApp({ SEED_EXAMPLE_BASELINE: 'true' }, { databaseUrl: scratch.url });
    expect(await countBaselines(scratch.url)).toEqual({ all: 1, example: 0 });
    const seeder = t.app.get(ExampleBaselineSeeder);
    expect(await seeder.load()).toBe('loaded');
    expect(await seeder.load()).toBe('present');
    expect(await countBaselines(scratch.url)).toEqual({ all: 2, example: 1 });
  });

  describe('is loaded and published at start on an empty database, once, audited as the system', () => {
    // Its own app and scratch database, kept across these steps (the afterEach above closes only `t`).
    let app: TestApp;
    let db: Scratch;
    let supplier: string;
    let current: {
      id: string;
      version: string;
      status: string;
      requirements: {
        totalCount: number;
        edges: { node: { code: string; mappings: { framework: string }[] } }[];
      };
    };
    beforeAll(async () => {
      db = await scratchDatabase();
    });
    afterAll(async () => {
      await app?.close();
      await db?.drop();
    });

    it('is loaded at the first start; loading it on request finds it present', async () => {
      app = await createTestApp({ SEED_EXAMPLE_BASELINE: 'true' }, { databaseUrl: db.url });
      expect(await countBaselines(db.url)).toEqual({ all: 1, example: 1 });
      expect(await app.app.get(ExampleBaselineSeeder).load()).toBe('present');
    });

    it('is not loaded again at the next start', async () => {
      await app.close();
      app = await createTestApp({ SEED_EXAMPLE_BASELINE: 'true' }, { databaseUrl: db.url });
      expect(await countBaselines(db.url)).toEqual({ all: 1, example: 1 });
    });

    it('is the published current version of its key, every requirement mapped to NIS2', async () => {
      supplier = await (await newSupplier(app)).token(Role.VIEWER);
      current = ok(
        await app.gql<{ currentBaseline: typeof current }>(
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
    });

    it('asks at least ten requirements of the BASIC tier', async () => {
      const basic = ok(
        await app.gql<{ currentBaseline: { requirements: { totalCount: number } } }>(
          `query($key: String!) { currentBaseline(key: $key) { requirements(tier: BASIC) { totalCount } } }`,
          { key: EXAMPLE_BASELINE_KEY },
          supplier,
        ),
      );
      expect(basic.currentBaseline.requirements.totalCount).toBeGreaterThanOrEqual(10);
    });

    it('is audited as created and published by the system', async () => {
      const audit = ok(
        await app.gql<{ auditLog: { edges: { node: { action: string; actorSubject: string } }[] } }>(
          `query($id: String!) { auditLog(entityId: $id) { edges { node { action actorSubject } } } }`,
          { id: current.id },
          await agencyToken(app, Role.VIEWER),
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
});
