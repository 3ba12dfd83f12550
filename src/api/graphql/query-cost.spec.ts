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

  it('multiplies the edges of a connection by its page size, default 20', () => {
    // items (1, once) + first x (edge (1) + node (1))
    expect(queryCost(schema, parse('{ items(first: 10) { edges { node { id } } } }')).cost).toBe(21);
    expect(queryCost(schema, parse('{ items { edges { node { id } } } }')).cost).toBe(41);
    // pageInfo exists once per page, not once per item
    expect(queryCost(schema, parse('{ items(first: 10) { pageInfo { hasNextPage } } }')).cost).toBe(2);
  });

  it('reads page sizes from variables', () => {
    const doc = parse('query($n: Int) { items(first: $n) { edges { node { id } } } }');
    expect(queryCost(schema, doc, { n: 99999 })).toEqual({ cost: 199999, largestPage: 99999 });
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

  it('counts a nested page once per parent on the enclosing page', () => {
    const doc = parse(
      '{ items(first: 3) { edges { node { children(first: 10) { edges { node { id } } } } } } }',
    );
    // 1 + 3 x (edge + node + (1 + 10 x 2))
    expect(queryCost(schema, doc).cost).toBe(1 + 3 * (2 + 21));
  });

  it('follows fragments', () => {
    const doc = parse('{ item { ...F } } fragment F on Item { tags { label } }');
    expect(queryCost(schema, doc).cost).toBe(1 + UNPAGED_LIST_ESTIMATE);
  });
});
