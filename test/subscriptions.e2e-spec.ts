import { Role } from '../src/common/actor.js';
import {
  agency,
  municipality,
  newAssessor,
  newProduct,
  newPublicBody,
  newSupplier,
  region,
  subscribe,
  type TestOrg,
} from './support/factories.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const SUBSCRIBE = `mutation($input: SubscribeInput!) {
  subscribeToProduct(input: $input) { id dataCategories createdAt product { id name } subscriber { id name } }
}`;
const UNSUBSCRIBE = `mutation($productId: ID!) { unsubscribeFromProduct(productId: $productId) }`;
const MINE = `query($first: Int, $after: String) {
  mySubscriptions(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id dataCategories subscriber { id } product { id name supplier { name } } } }
  }
}`;

type Mine = {
  mySubscriptions: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      node: {
        id: string;
        dataCategories: string[];
        subscriber: { id: string };
        product: { id: string; name: string; supplier: { name: string } };
      };
    }[];
  };
};

describe('subscriptions', () => {
  let t: TestApp;
  let supplier: TestOrg;

  const subscribeAs = (token: string, productId: string, dataCategories?: string[]) =>
    t.gql<{ subscribeToProduct: { id: string; dataCategories: string[]; subscriber: { id: string } } }>(
      SUBSCRIBE,
      { input: { productId, ...(dataCategories ? { dataCategories } : {}) } },
      token,
    );

  beforeAll(async () => {
    t = await createTestApp();
    supplier = await newSupplier(t);
  });
  afterAll(() => t.close());

  describe('subscribeToProduct', () => {
    it("lets a municipality EDITOR subscribe with all the product's categories by default", async () => {
      const product = await newProduct(t, supplier, { dataCategories: ['CONTACT_DETAILS', 'CHILDREN'] });
      const customer = await municipality(t, '0184');
      const created = ok(await subscribeAs(await customer.token(Role.EDITOR), product.id)).subscribeToProduct;
      expect(created.dataCategories).toEqual(['CONTACT_DETAILS', 'CHILDREN']);
      expect(created.subscriber.id).toBe(customer.id);
    });

    it('lets regions and public bodies (ADMIN) subscribe with a subset', async () => {
      const product = await newProduct(t, supplier, { dataCategories: ['CONTACT_DETAILS', 'FINANCIAL'] });
      for (const customer of [await region(t, '03'), await newPublicBody(t)]) {
        const created = ok(await subscribeAs(await customer.token(Role.ADMIN), product.id, ['FINANCIAL']));
        expect(created.subscribeToProduct.dataCategories).toEqual(['FINANCIAL']);
      }
    });

    it.each([
      ['a municipality VIEWER', async (t: TestApp) => (await municipality(t, '0186')).token(Role.VIEWER)],
      ['a supplier ADMIN', async (t: TestApp) => (await newSupplier(t)).token(Role.ADMIN)],
      ['an assessor ADMIN', async (t: TestApp) => (await newAssessor(t)).token(Role.ADMIN)],
      ['the agency ADMIN', async (t: TestApp) => (await agency(t)).token(Role.ADMIN)],
    ])('refuses %s with FORBIDDEN', async (_who, token) => {
      const product = await newProduct(t, supplier);
      expect(errorCode(await subscribeAs(await token(t), product.id))).toBe('FORBIDDEN');
    });

    it('refuses categories the product does not process, naming input.dataCategories', async () => {
      const product = await newProduct(t, supplier, { dataCategories: ['CONTACT_DETAILS'] });
      const token = await (await newPublicBody(t)).token(Role.EDITOR);
      for (const categories of [['CHILDREN'], [], ['NO_PERSONAL_DATA', 'CONTACT_DETAILS']]) {
        const response = await subscribeAs(token, product.id, categories);
        expect(errorCode(response)).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0].extensions?.fields).toEqual(['input.dataCategories']);
      }
    });

    it('answers CONFLICT to a second subscription and NOT_FOUND for unknown products', async () => {
      const product = await newProduct(t, supplier);
      const token = await (await newPublicBody(t)).token(Role.EDITOR);
      ok(await subscribeAs(token, product.id));
      expect(errorCode(await subscribeAs(token, product.id))).toBe('CONFLICT');
      expect(errorCode(await subscribeAs(token, supplier.id))).toBe('NOT_FOUND');
      expect(errorCode(await subscribeAs(token, 'bm9wZQ'))).toBe('NOT_FOUND');
    });
  });

  describe('unsubscribeFromProduct', () => {
    it('removes the subscription once; NOT_FOUND afterwards and for organisations not subscribed', async () => {
      const product = await newProduct(t, supplier);
      const customer = await newPublicBody(t);
      const other = await newPublicBody(t);
      await subscribe(t, customer, product.id);
      expect(
        errorCode(await t.gql(UNSUBSCRIBE, { productId: product.id }, await other.token(Role.EDITOR))),
      ).toBe('NOT_FOUND');
      expect(
        errorCode(await t.gql(UNSUBSCRIBE, { productId: product.id }, await customer.token(Role.VIEWER))),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(await t.gql(UNSUBSCRIBE, { productId: product.id }, await supplier.token(Role.ADMIN))),
      ).toBe('FORBIDDEN');
      const editor = await customer.token(Role.EDITOR);
      expect(ok(await t.gql(UNSUBSCRIBE, { productId: product.id }, editor))).toEqual({
        unsubscribeFromProduct: true,
      });
      expect(errorCode(await t.gql(UNSUBSCRIBE, { productId: product.id }, editor))).toBe('NOT_FOUND');
      // Subscribing again works after unsubscribing.
      await subscribe(t, customer, product.id);
    });
  });

  describe('mySubscriptions', () => {
    it("lists only the caller's own subscriptions, by product name, with keyset pages", async () => {
      const customer = await newPublicBody(t);
      const other = await newPublicBody(t);
      const products = [
        await newProduct(t, supplier, { name: `Cykel ${supplier.uuid.slice(0, 4)}` }),
        await newProduct(t, supplier, { name: `Äpple ${supplier.uuid.slice(0, 4)}` }),
        await newProduct(t, supplier, { name: `Banan ${supplier.uuid.slice(0, 4)}` }),
      ];
      for (const product of products) await subscribe(t, customer, product.id);
      await subscribe(t, other, products[0].id);

      const viewer = await customer.token(Role.VIEWER);
      const page1 = ok(await t.gql<Mine>(MINE, { first: 2 }, viewer)).mySubscriptions;
      expect(page1.totalCount).toBe(3);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = ok(
        await t.gql<Mine>(MINE, { first: 2, after: page1.pageInfo.endCursor }, viewer),
      ).mySubscriptions;
      expect(page2.totalCount).toBe(3);
      expect(page2.pageInfo.hasNextPage).toBe(false);
      const nodes = [...page1.edges, ...page2.edges].map((e) => e.node);
      expect(nodes.map((n) => n.product.name)).toEqual([
        products[1].name,
        products[2].name,
        products[0].name,
      ]);
      expect(
        nodes.every((n) => n.subscriber.id === customer.id && n.product.supplier.name === supplier.name),
      ).toBe(true);

      const past = ok(
        await t.gql<Mine>(MINE, { first: 2, after: page2.pageInfo.endCursor }, viewer),
      ).mySubscriptions;
      expect(past).toMatchObject({ totalCount: 3, edges: [] });
    });

    it('is empty for a customer without subscriptions and FORBIDDEN to suppliers, assessors and the agency', async () => {
      const fresh = await newPublicBody(t);
      expect(ok(await t.gql<Mine>(MINE, {}, await fresh.token(Role.VIEWER))).mySubscriptions).toMatchObject({
        totalCount: 0,
        edges: [],
      });
      for (const token of [
        await supplier.token(Role.ADMIN),
        await (await newAssessor(t)).token(Role.ADMIN),
        await (await agency(t)).token(Role.ADMIN),
      ]) {
        expect(errorCode(await t.gql(MINE, {}, token))).toBe('FORBIDDEN');
      }
    });

    it('serves the morning query for 40 subscriptions in at most 3 SQL statements', async () => {
      const customer = await newPublicBody(t);
      const suppliers = [supplier, await newSupplier(t), await newSupplier(t)];
      const shared = await newProduct(t, suppliers[1]);
      for (let i = 0; i < 40; i++) {
        const product = await newProduct(t, suppliers[i % 3], { subprocessorIds: i % 2 ? [shared.id] : [] });
        await subscribe(t, customer, product.id);
      }
      const token = await customer.token(Role.VIEWER);
      const response = await t.gql<Mine>(
        `{ mySubscriptions(first: 50) { totalCount edges { node { product { name supplier { name } } } } } }`,
        {},
        token,
      );
      const data = ok(response).mySubscriptions;
      expect(data.totalCount).toBe(40);
      expect(data.edges).toHaveLength(40);
      expect(new Set(data.edges.map((e) => e.node.product.supplier.name))).toEqual(
        new Set(suppliers.map((s) => s.name)),
      );
      // Today one statement (suppliers come joined); the status module's batch will add one.
      expect(Number(response.headers['x-sql-statements'])).toBeLessThanOrEqual(3);

      // The subscriber, sub-processors and their suppliers stay batched: one statement each level.
      const wider = await t.gql<Mine>(
        `{ mySubscriptions(first: 50) { edges { node { subscriber { name } product { name supplier { name }
            subprocessors { name supplier { name } } subscriberCount } } } } }`,
        {},
        token,
      );
      ok(wider);
      expect(Number(wider.headers['x-sql-statements'])).toBeLessThanOrEqual(4);
    });
  });

  describe('visibility and audit', () => {
    it("shows a subscription through node(id) to the subscriber, the agency and the product's supplier only", async () => {
      const product = await newProduct(t, supplier);
      const customer = await newPublicBody(t);
      const created = await subscribe(t, customer, product.id);
      const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on ProductSubscription { product { id } } } }`;
      const seen = async (token: string) =>
        ok(await t.gql<{ node: { id: string } | null }>(NODE, { id: created.id }, token)).node;
      expect(await seen(await customer.token(Role.VIEWER))).toMatchObject({
        id: created.id,
        product: { id: product.id },
      });
      expect(await seen(await (await agency(t)).token(Role.VIEWER))).toMatchObject({ id: created.id });
      expect(await seen(await (await newPublicBody(t)).token(Role.ADMIN))).toBeNull();
      // the product's supplier sees who buys from it (issue 15); another supplier never does
      expect(await seen(await supplier.token(Role.ADMIN))).toMatchObject({ id: created.id });
      expect(await seen(await (await newSupplier(t)).token(Role.ADMIN))).toBeNull();
    });

    it('audits subscribing and unsubscribing with the subscription id', async () => {
      const product = await newProduct(t, supplier);
      const customer = await newPublicBody(t);
      const created = await subscribe(t, customer, product.id, undefined, { pending: true });
      ok(await t.gql(UNSUBSCRIBE, { productId: product.id }, await customer.token(Role.EDITOR)));
      const log = ok(
        await t.gql<{ auditLog: { edges: { node: { action: string } }[] } }>(
          `query($id: String) { auditLog(entityId: $id) { edges { node { action } } } }`,
          { id: created.id },
          await (await agency(t)).token(Role.ADMIN),
        ),
      );
      expect(log.auditLog.edges.map((e) => e.node.action).sort()).toEqual([
        'subscription.created',
        'subscription.removed',
      ]);
    });
  });
});
