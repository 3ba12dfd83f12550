import { createTestApp, type TestApp } from './support/test-app.js';

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
});
