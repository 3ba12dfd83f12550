import {
  buildSchema,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
} from 'graphql';
import { readFileSync } from 'node:fs';

/*
 * The public schema explains itself: every type, field, argument, input field and enum value has a
 * description. Reads the committed schema.graphql, which test/schema.e2e-spec.ts keeps equal to
 * what the code generates. Built-in scalars and introspection types are GraphQL's own.
 */
const SCHEMA_FILE = new URL('../schema.graphql', import.meta.url);

function described(x: { description?: string | null }): boolean {
  return (x.description ?? '').trim().length > 0;
}

/** Every schema element without a description: `Type`, `Type.field`, `Type.field(arg)`, `Enum.VALUE`. */
export function undescribed(schema: GraphQLSchema): string[] {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
    // The root types are named by the spec; their fields carry the descriptions.
    if (!roots.includes(type as never) && !described(type)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field)) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!described(arg)) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!described(value)) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing.sort();
}

describe('schema descriptions', () => {
  it('finds what lacks a description (the check itself works)', () => {
    const schema = buildSchema(`
      "A thing." type Thing { "Its id." id: ID! name(lang: String): String }
      enum Colour { "Red." RED BLUE }
      input Filter { "Described." a: Int b: Int }
      type Query { "Things." things(first: Int): [Thing!]! colour: Colour filter(f: Filter): Int }
    `);
    expect(undescribed(schema)).toEqual([
      'Colour',
      'Colour.BLUE',
      'Filter',
      'Filter.b',
      'Query.colour',
      'Query.filter',
      'Query.filter(f)',
      'Query.things(first)',
      'Thing.name',
      'Thing.name(lang)',
    ]);
  });

  it('gives every type, field, argument and enum value of the public schema a description', () => {
    const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    // On failure: add a `description` in the decorator of each element listed, then `npm run schema`.
    expect(undescribed(schema)).toEqual([]);
  });
});
