import { Role } from '../src/common/actor.js';
import {
  agency,
  newProduct,
  newPublicBody,
  newSupplier,
  subscribe,
  type TestProduct,
} from './support/factories.js';
import { ProductsService } from '../src/products/products.service.js';
import { SubscriptionsService } from '../src/subscriptions/subscriptions.service.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

/*
 * mySubscriptions and product(id) read the status without its reasons' material (the cited
 * evidence, the chain's links) when the selection asks for no reasons and no chain
 * (statusDetailOf). Whatever the selection, every field answers as from the whole status.
 */

const STATE = `state effectiveState tier assessedAt validUntil satisfied partiallySatisfied notSatisfied
  notApplicable notAssessed openRemediations overdueRemediations openIncidents baseline { id }`;

const DASHBOARD = `query { mySubscriptions(first: 5) { edges { node { product { name status { ${STATE} } } } } } }`;
const DASHBOARD_WITH_REASONS = `query { mySubscriptions(first: 5) { edges { node { product { name status {
  ${STATE} reasons chain { state path { name } } } } } } } }`;
const REASONS_IN_A_FRAGMENT = `query { mySubscriptions(first: 5) { edges { node { product { name status {
  ...why } } } } } } fragment why on ProductStatus { ${STATE} reasons }`;

/**
 * The same products state-only in the dashboard, and whole through product(id), node(id) and
 * Lön's sub-processors (Plattform, also in the dashboard, read after it through the loaders).
 */
const MIXED = `query($id: ID!) {
  mySubscriptions(first: 5) { edges { node { product { name status { effectiveState }
    subprocessors { name status { reasons } } } } } }
  product(id: $id) { status { reasons chain { state } } }
  node(id: $id) { ... on Product { status { reasons chain { state } } } }
}`;

const SUSPEND = `mutation($id: ID!) { suspendProduct(id: $id, reason: "Intrång utreds") { id } }`;

interface Status {
  state: string;
  effectiveState: string;
  reasons?: string[];
  chain?: { state: string; path: { name: string }[] }[];
  [field: string]: unknown;
}
interface Dashboard {
  mySubscriptions: {
    edges: {
      node: { product: { name: string; status: Status; subprocessors?: { name: string; status: Status }[] } };
    }[];
  };
}

jest.setTimeout(120_000);

describe('a status read for its state alone answers as the whole one', () => {
  let t: TestApp;
  let token: string;
  let lon: TestProduct;

  const dashboard = async (query: string) =>
    Object.fromEntries(
      ok(await t.gql<Dashboard>(query, {}, token)).mySubscriptions.edges.map(({ node }) => [
        node.product.name,
        node.product.status,
      ]),
    );

  beforeAll(async () => {
    t = await createTestApp();
    const agencyToken = await (await agency(t)).token(Role.ADMIN);
    // Lön relies on Plattform, which the agency suspends: Lön's effective state, reasons and chain show it.
    const plattform = await newProduct(t, await newSupplier(t), { name: 'Plattform' });
    lon = await newProduct(t, await newSupplier(t), { name: 'Lön', subprocessorIds: [plattform.id] });
    const skola = await newProduct(t, await newSupplier(t), { name: 'Skola' });
    const customer = await newPublicBody(t);
    for (const product of [plattform, lon, skola]) await subscribe(t, customer, product.id);
    ok(await t.gql(SUSPEND, { id: plattform.id }, agencyToken));
    token = await customer.token(Role.VIEWER);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('reads the state alone where the selection asks no reasons and no chain, else the whole status', async () => {
    const mine = jest.spyOn(t.app.get(SubscriptionsService), 'mine');
    const get = jest.spyOn(t.app.get(ProductsService), 'get');
    await dashboard(DASHBOARD);
    await dashboard(DASHBOARD_WITH_REASONS);
    await dashboard(REASONS_IN_A_FRAGMENT);
    const product = (fields: string) =>
      t.gql(`query($id: ID!) { product(id: $id) { status { ${fields} } } }`, { id: lon.id }, token);
    await product('state satisfied');
    await product('state reasons');
    expect(mine.mock.calls.map((call) => call[3]?.statusDetail)).toEqual(['state', 'full', 'full']);
    expect(get.mock.calls.map((call) => call[3])).toEqual(['state', 'full']);
    mine.mockRestore();
    get.mockRestore();
  });

  it('gives the dashboard the same state, counts and dates with or without the reasons', async () => {
    const [alone, whole] = [await dashboard(DASHBOARD), await dashboard(DASHBOARD_WITH_REASONS)];
    expect(Object.keys(alone).sort()).toEqual(['Lön', 'Plattform', 'Skola']);
    for (const [name, status] of Object.entries(whole)) {
      const { reasons: _reasons, chain: _chain, ...state } = status;
      expect(alone[name]).toEqual(state);
    }
    expect(alone['Lön']).toMatchObject({ state: 'NOT_ASSESSED', effectiveState: 'SUSPENDED' });
    expect(whole['Lön'].chain).toEqual([
      { state: 'SUSPENDED', path: [{ name: 'Lön' }, { name: 'Plattform' }] },
    ]);
    expect(whole['Lön'].reasons!.join('\n')).toContain('Plattform');
    expect(whole['Plattform'].reasons!.join('\n')).toContain('Intrång utreds');
  });

  it('reads the reasons asked for through a fragment', async () => {
    const status = (await dashboard(REASONS_IN_A_FRAGMENT))['Lön'];
    expect(status.reasons!.join('\n')).toContain('Plattform');
  });

  it('gives product(id), node(id) and the sub-processors the whole status beside a state-only dashboard in one request', async () => {
    const data = ok(
      await t.gql<{
        mySubscriptions: Dashboard['mySubscriptions'];
        product: { status: Status };
        node: { status: Status };
      }>(MIXED, { id: lon.id }, token),
    );
    const dashboardLon = data.mySubscriptions.edges.find(({ node }) => node.product.name === 'Lön');
    expect(dashboardLon?.node.product.status).toEqual({ effectiveState: 'SUSPENDED' });
    const [plattform] = dashboardLon!.node.product.subprocessors!;
    expect(plattform.name).toBe('Plattform');
    expect(plattform.status.reasons!.join('\n')).toContain('Intrång utreds');
    for (const status of [data.product.status, data.node.status]) {
      expect(status.reasons!.join('\n')).toContain('Plattform');
      expect(status.chain).toEqual([{ state: 'SUSPENDED' }]);
    }
  });

  it('answers product(id) with the same state with or without the reasons', async () => {
    const read = async (fields: string) =>
      ok(
        await t.gql<{ product: { status: Status } }>(
          `query($id: ID!) { product(id: $id) { status { ${fields} } } }`,
          { id: lon.id },
          token,
        ),
      ).product.status;
    const [alone, whole] = [await read(STATE), await read(`${STATE} reasons`)];
    const { reasons, ...state } = whole;
    expect(alone).toEqual(state);
    expect(reasons!.join('\n')).toContain('Plattform');
  });
});
