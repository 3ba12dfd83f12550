import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { createTestApp, type TestApp } from './support/test-app.js';

const SCHEMA_FILE = new URL('../schema.graphql', import.meta.url);
const HEADER = '# Generated from the code-first resolvers: `npm run schema` rewrites it. Do not edit.\n\n';

describe('committed schema.graphql', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('equals the schema the code generates', () => {
    const generated =
      HEADER + printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, generated);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    // On failure: run `npm run schema` and commit schema.graphql.
    expect(committed).toBe(generated);
  });
});
