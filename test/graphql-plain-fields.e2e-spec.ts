import { GraphQLSchemaHost } from '@nestjs/graphql';
import { type GraphQLObjectType, isObjectType } from 'graphql';
import { createTestApp, type TestApp } from './support/test-app.js';

/** withPlainFields (src/api/graphql/plain-fields.ts) on the schema the API runs. */
describe('plain fields are read inline, resolved fields keep their resolvers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const fieldsOf = (name: string) =>
    (t.app.get(GraphQLSchemaHost).schema.getType(name) as GraphQLObjectType).getFields();

  it('has no resolver on a field without @ResolveField, in any object type', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const roots = new Set(['Query', 'Mutation', 'Subscription']);
    const withNestResolver = Object.values(schema.getTypeMap())
      .filter((type): type is GraphQLObjectType => isObjectType(type) && !roots.has(type.name))
      .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type, field })))
      .filter(({ field }) => field.resolve?.name === 'rootFieldResolver')
      .map(({ type, field }) => `${type.name}.${field.name}`);
    expect(withNestResolver).toEqual([]);
    expect(fieldsOf('Finding').result.resolve).toBeUndefined();
    expect(fieldsOf('Finding').requirement.resolve).toBeUndefined();
    expect(fieldsOf('ProductSubscriptionEdge').node.resolve).toBeUndefined();
  });

  it('keeps every @ResolveField and the root fields', () => {
    expect(fieldsOf('Product').status.resolve).toEqual(expect.any(Function));
    expect(fieldsOf('Product').supplier.resolve).toEqual(expect.any(Function));
    expect(fieldsOf('Finding').remediation.resolve).toEqual(expect.any(Function));
    expect(fieldsOf('Query').mySubscriptions.resolve).toEqual(expect.any(Function));
  });
});
