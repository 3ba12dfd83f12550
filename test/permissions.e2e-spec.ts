import { GraphQLSchemaHost } from '@nestjs/graphql';
import { declaredOperations } from '../src/auth/operation-policies.js';
import { POLICIES } from '../src/auth/policies.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Default deny, proven from the outside: every operation in the schema is implemented by a resolver
 * that declares who may call it, and the declaration is the one in the permission table.
 */
describe('permission declarations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('cover every query, mutation and subscription of the schema', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const coordinates = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
      .filter((type) => type !== null && type !== undefined)
      .flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`));
    const declared = new Map(declaredOperations(t.app).map((op) => [op.coordinate, op]));

    const undeclared = coordinates.filter((c) => !declared.get(c)?.policy);
    expect(undeclared).toEqual([]);

    const table = POLICIES as Record<string, unknown>;
    const mismatched = coordinates.filter((c) => declared.get(c)?.policy !== table[c.split('.')[1]]);
    expect(mismatched).toEqual([]);
  });

  it('has no table entries without an operation', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const fields = new Set(
      [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
        type ? Object.keys(type.getFields()) : [],
      ),
    );
    expect(Object.keys(POLICIES).filter((name) => !fields.has(name))).toEqual([]);
  });
});
