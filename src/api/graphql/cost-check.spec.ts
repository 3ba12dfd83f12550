import { buildSchema, parse } from 'graphql';
import { BadUserInputError } from '../../common/errors/domain-error.js';
import { checkQueryCost, coercedVariables } from './cost-check.js';

const schema = buildSchema(`
  type Item { id: ID! children(first: Int): ItemConnection! }
  type ItemEdge { node: Item! }
  type ItemConnection { edges: [ItemEdge!]! }
  type Query { items(first: Int): ItemConnection! }
`);
const NESTED = parse(
  'query Q($n: Int = 100) { items(first: $n) { edges { node { children(first: $n) { edges { node { id } } } } } } }',
);

describe('checkQueryCost', () => {
  it('applies variable defaults (issue 15, hole 3)', () => {
    const operation = NESTED.definitions[0] as never;
    expect(coercedVariables(schema, operation, {})).toEqual({ n: 100 });
    expect(() => checkQueryCost(schema, NESTED, {})).toThrow(BadUserInputError);
    expect(() => checkQueryCost(schema, NESTED, undefined)).toThrow(/too expensive/);
  });

  it('prices the values sent', () => {
    expect(checkQueryCost(schema, NESTED, { n: 5 })).toBe(1 + 5 * (2 + 1 + 5 * 2));
  });

  it('keeps a value that does not coerce as sent (execution refuses it)', () => {
    const operation = NESTED.definitions[0] as never;
    expect(coercedVariables(schema, operation, { n: 'many' })).toEqual({ n: 'many' });
  });

  it('names first for a page above 100', () => {
    const doc = parse('query P($n: Int = 101) { items(first: $n) { edges { node { id } } } }');
    expect(() => checkQueryCost(schema, doc, {})).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ fields: ['first'] }) }) as never,
    );
  });

  it('prices only the operation named', () => {
    const doc = parse(
      'query Big($n: Int = 100) { items(first: $n) { edges { node { children(first: $n) { edges { node { id } } } } } } } query Small { items(first: 1) { edges { node { id } } } }',
    );
    expect(checkQueryCost(schema, doc, {}, 'Small')).toBe(3);
    expect(() => checkQueryCost(schema, doc, {}, 'Big')).toThrow(BadUserInputError);
  });
});
