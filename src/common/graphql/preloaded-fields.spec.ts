import { graphql, GraphQLInt, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { preloadField, preloadLazy, preloadedValue, resolvePreloadedFields } from './preloaded-fields.js';

function schemaWith(calls: string[]): { schema: GraphQLSchema; products: object[] } {
  const Supplier = new GraphQLObjectType({ name: 'Supplier', fields: { name: { type: GraphQLString } } });
  const Product = new GraphQLObjectType({
    name: 'Product',
    fields: {
      name: { type: GraphQLString },
      supplier: {
        type: Supplier,
        resolve: () => {
          calls.push('supplier');
          return { name: 'from resolver' };
        },
      },
      score: {
        type: GraphQLInt,
        args: { factor: { type: GraphQLInt } },
        resolve: (_p, args: { factor: number }) => {
          calls.push('score');
          return 2 * args.factor;
        },
      },
    },
  });
  const products: object[] = [];
  const Query = new GraphQLObjectType({
    name: 'Query',
    fields: { products: { type: new GraphQLList(Product), resolve: () => products } },
  });
  return { schema: resolvePreloadedFields(new GraphQLSchema({ query: Query })), products };
}

describe('preloaded fields', () => {
  it('answers a preloaded field without its resolver, and the others through it', async () => {
    const calls: string[] = [];
    const { schema, products } = schemaWith(calls);
    const preloaded = { name: 'A' };
    preloadField(preloaded, 'supplier', { name: 'preloaded' });
    products.push(preloaded, { name: 'B' });
    const result = await graphql({ schema, source: '{ products { name supplier { name } } }' });
    expect(result.data).toEqual({
      products: [
        { name: 'A', supplier: { name: 'preloaded' } },
        { name: 'B', supplier: { name: 'from resolver' } },
      ],
    });
    expect(calls).toEqual(['supplier']);
  });

  it('computes a lazy value once, and only when read', async () => {
    const calls: string[] = [];
    const { schema, products } = schemaWith(calls);
    let computed = 0;
    const product = { name: 'A' };
    preloadLazy(product, 'supplier', () => {
      computed += 1;
      return { name: 'lazy' };
    });
    products.push(product);
    await graphql({ schema, source: '{ products { name } }' });
    expect(computed).toBe(0);
    await graphql({ schema, source: '{ products { supplier { name } } }' });
    await graphql({ schema, source: '{ products { supplier { name } } }' });
    expect(computed).toBe(1);
    expect(preloadedValue(product, 'supplier')).toEqual({ value: { name: 'lazy' } });
    expect(calls).toEqual([]);
  });

  it('never short-circuits a field with arguments', async () => {
    const calls: string[] = [];
    const { schema, products } = schemaWith(calls);
    const product = { name: 'A' };
    preloadField(product, 'score', 99);
    products.push(product);
    const result = await graphql({ schema, source: '{ products { score(factor: 3) } }' });
    expect(result.data).toEqual({ products: [{ score: 6 }] });
    expect(calls).toEqual(['score']);
  });

  it('keeps the preloaded values out of the model (not enumerable, not serialised)', () => {
    const product = { name: 'A' };
    preloadField(product, 'supplier', { name: 'x' });
    expect(Object.keys(product)).toEqual(['name']);
    expect(JSON.stringify(product)).toBe('{"name":"A"}');
  });
});
