import { Role } from '../src/common/actor.js';
import { SubscriptionsService } from '../src/subscriptions/subscriptions.service.js';
import { startedAssessment } from './support/assessments.js';
import { newPublicBody, subscribe, type TestOrg } from './support/factories.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

/*
 * mySubscriptions reads heads of its subscriptions, products and suppliers (headModel) when the
 * selection asks only for the fields heads answer, and whole models otherwise. Whatever it reads,
 * the answers are the same, and no other reader in the request gets a head.
 */

const HEADS = `query { mySubscriptions(first: 10) { totalCount edges { cursor node { id __typename
  subscriber { name kind } product { id name tier supplier { id name } status { state } } } } } }`;

/** The same page with one field more at each level: whole models. */
const WHOLE = `query { mySubscriptions(first: 10) { totalCount edges { cursor node { id __typename
  subscriber { name kind } customerStatus dataCategories product { id name tier description dataCategories
  hostingCountries supplier { id name kind orgNumber registeredAt } status { state } } } } } }`;

/** The supplier's organisation again, through an assessment's product (the loaders), beside a head. */
const BESIDE = `query { mySubscriptions(first: 10) { edges { node { product { name supplier { name }
  assessments(first: 1) { edges { node { product { supplier { name kind orgNumber registeredAt } } } } } } } } } }`;

interface Page {
  mySubscriptions: {
    totalCount: number;
    edges: { cursor: string; node: Record<string, unknown> & { product: Record<string, unknown> } }[];
  };
}

jest.setTimeout(120_000);

describe('mySubscriptions reads heads only for the fields heads answer', () => {
  let t: TestApp;
  let customer: TestOrg;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    customer = await newPublicBody(t);
    for (const name of ['Ärendehantering', 'Lön']) {
      const { product } = await startedAssessment(t, { product: { name } });
      await subscribe(t, customer, product.id);
    }
    token = await customer.token(Role.VIEWER);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  const page = async (query: string) => ok(await t.gql<Page>(query, {}, token)).mySubscriptions;

  it('reads heads for the dashboard and whole models when a field of them is asked for', async () => {
    const mine = jest.spyOn(t.app.get(SubscriptionsService), 'mine');
    await page(HEADS);
    await page(WHOLE);
    const oneMore = (level: string) =>
      HEADS.replace(level, `${level} ${level === 'node {' ? 'createdAt' : 'kind'}`);
    await page(HEADS.replace('product { id', 'product { description id'));
    await page(oneMore('supplier {'));
    await page(oneMore('node {'));
    await page(
      `${HEADS.replace('product { id', 'product { ...more id')} fragment more on Product { hostingCountries }`,
    );
    expect(mine.mock.calls.map((call) => call[3]?.heads)).toEqual([true, false, false, false, false, false]);
    mine.mockRestore();
  });

  it('answers the fields of a head as whole models do', async () => {
    const [heads, whole] = [await page(HEADS), await page(WHOLE)];
    expect(heads.totalCount).toBe(2);
    expect(heads.edges.map((edge) => edge.node.product.name)).toEqual(['Ärendehantering', 'Lön']);
    heads.edges.forEach((edge, i) => {
      const other = whole.edges[i];
      expect(edge.cursor).toBe(other.cursor);
      expect(edge.node.id).toBe(other.node.id);
      expect(edge.node.subscriber).toEqual(other.node.subscriber);
      expect(edge.node.product).toEqual({
        id: other.node.product.id,
        name: other.node.product.name,
        tier: other.node.product.tier,
        supplier: {
          id: (other.node.product.supplier as { id: string }).id,
          name: (other.node.product.supplier as { name: string }).name,
        },
        status: other.node.product.status,
      });
    });
  });

  it('gives another reader of the same supplier in the request the whole organisation', async () => {
    const { edges } = await page(BESIDE);
    for (const { node } of edges) {
      const supplier = node.product.supplier as { name: string };
      const assessments = node.product.assessments as {
        edges: { node: { product: { supplier: Record<string, unknown> } } }[];
      };
      expect(assessments.edges[0].node.product.supplier).toEqual({
        name: supplier.name,
        kind: 'SUPPLIER',
        orgNumber: expect.any(String),
        registeredAt: null,
      });
    }
  });
});
