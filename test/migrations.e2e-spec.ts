import { createTestApp, scratchDatabase, type TestApp } from './support/test-app.js';

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('are all applied', async () => {
    expect(await t.dataSource.showMigrations()).toBe(false);
  });

  it('match the entities (no drift)', async () => {
    const sql = await t.dataSource.driver.createSchemaBuilder().log();
    // On failure: npm run migration:generate -- --name WhatChanged (see docs/development.md).
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('are applied once, and the reference data seeded once, when instances start together on an empty database', async () => {
    const scratch = await scratchDatabase();
    try {
      const apps = await Promise.all([0, 1, 2].map(() => createTestApp({}, { databaseUrl: scratch.url })));
      try {
        for (const app of apps) expect(await app.dataSource.showMigrations()).toBe(false);
        const [{ agencies, municipalities }] = await apps[0].dataSource.query<
          { agencies: number; municipalities: number }[]
        >(
          `SELECT count(*) FILTER (WHERE kind = 'AGENCY')::int AS agencies,
                  count(*) FILTER (WHERE kind = 'MUNICIPALITY')::int AS municipalities FROM organization`,
        );
        expect({ agencies, municipalities }).toEqual({ agencies: 1, municipalities: 290 });
      } finally {
        await Promise.all(apps.map((app) => app.close()));
      }
    } finally {
      await scratch.drop();
    }
  });
});
