import { buildSchema, parse } from 'graphql';
import { queryCost, UNPAGED_LIST_ESTIMATE } from './query-cost.js';

const schema = buildSchema(`
  type PageInfo { hasNextPage: Boolean! }
  type Item { id: ID! name: String! children(first: Int): ItemConnection! tags: [Tag!]! }
  type Tag { label: String! }
  type ItemEdge { node: Item! cursor: String! }
  type ItemConnection { edges: [ItemEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type Query { items(first: Int): ItemConnection! item: Item }
`);

describe('queryCost', () => {
  it('counts objects, not scalars', () => {
    expect(queryCost(schema, parse('{ item { id name } }')).cost).toBe(1);
  });

  it('multiplies by the page size of a connection, default 20', () => {
    // items (1) + edges (1) + node (1), times first
    expect(queryCost(schema, parse('{ items(first: 10) { edges { node { id } } } }')).cost).toBe(30);
    expect(queryCost(schema, parse('{ items { edges { node { id } } } }')).cost).toBe(60);
  });

  it('reads page sizes from variables', () => {
    const doc = parse('query($n: Int) { items(first: $n) { edges { node { id } } } }');
    expect(queryCost(schema, doc, { n: 99999 })).toEqual({ cost: 299997, largestPage: 99999 });
  });

  it('prices unpaged lists by estimate', () => {
    expect(queryCost(schema, parse('{ item { tags { label } } }')).cost).toBe(1 + UNPAGED_LIST_ESTIMATE);
  });

  it('multiplies nested connections', () => {
    const doc = parse(
      '{ items(first: 100) { edges { node { children(first: 100) { edges { node { id } } } } } } }',
    );
    expect(queryCost(schema, doc).cost).toBeGreaterThan(100 * 100);
  });

  it('follows fragments', () => {
    const doc = parse('{ item { ...F } } fragment F on Item { tags { label } }');
    expect(queryCost(schema, doc).cost).toBe(1 + UNPAGED_LIST_ESTIMATE);
  });
});
