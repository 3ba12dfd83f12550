import { Role } from '../src/common/actor.js';
import { humanDateTime } from '../src/common/time/human-time.js';
import {
  agency,
  newProduct,
  newSupplier,
  subscribe,
  type TestOrg,
  type TestProduct,
} from './support/factories.js';
import { reportIncident, someMunicipalities } from './support/incidents.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

const CHAIN_STATUS = `query ChainStatus($id: ID!) { product(id: $id) { status {
  state effectiveState openIncidents reasons
  chain { product { name } state openIncidents path { name } }
} } }`;

interface ChainStatus {
  state: string;
  effectiveState: string;
  openIncidents: number;
  reasons: string[];
  chain: { product: { name: string }; state: string; openIncidents: number; path: { name: string }[] }[];
}

const RESOLVE = `mutation($id: ID!, $summary: String!) { resolveIncident(id: $id, summary: $summary) { id } }`;
const SUSPEND = `mutation($id: ID!) { suspendProduct(id: $id, reason: "Intrång utreds") { id } }`;
const REINSTATE = `mutation($id: ID!) { reinstateProduct(id: $id) { id } }`;

/**
 * Lön relies on Plattform, which relies on Integration, then Drift, then Datahall: a five-deep
 * chain, each product from its own supplier. Skola relies on Plattform too.
 */
interface Chain {
  suppliers: TestOrg[];
  lon: TestProduct;
  plattform: TestProduct;
  integration: TestProduct;
  drift: TestProduct;
  datahall: TestProduct;
  skola: TestProduct;
}

jest.setTimeout(240_000);

describe('the supply chain in the shared status', () => {
  let t: TestApp;
  let agencyToken: string;

  const statusAs = async (productId: string, token: string) =>
    ok(await t.gql<{ product: { status: ChainStatus } }>(CHAIN_STATUS, { id: productId }, token)).product
      .status;

  async function newChain(): Promise<Chain> {
    const suppliers = await Promise.all(Array.from({ length: 6 }, () => newSupplier(t)));
    const datahall = await newProduct(t, suppliers[0], { name: 'Datahall' });
    const drift = await newProduct(t, suppliers[1], { name: 'Drift', subprocessorIds: [datahall.id] });
    const integration = await newProduct(t, suppliers[2], {
      name: 'Integration',
      subprocessorIds: [drift.id],
    });
    const plattform = await newProduct(t, suppliers[3], {
      name: 'Plattform',
      subprocessorIds: [integration.id],
    });
    const lon = await newProduct(t, suppliers[4], { name: 'Lön', subprocessorIds: [plattform.id] });
    const skola = await newProduct(t, suppliers[5], { name: 'Skola', subprocessorIds: [plattform.id] });
    return { suppliers, lon, plattform, integration, drift, datahall, skola };
  }

  /** STATUS_CHANGED messages an organisation received about a product (by name). */
  async function statusEvents(org: TestOrg, name: string): Promise<string[]> {
    const rows = await t.dataSource.query<{ message: string }[]>(
      `SELECT e.message FROM registry_event e JOIN registry_event_recipient r ON r.event_id = e.id
        WHERE r.organization_id = $1 AND e.type = 'STATUS_CHANGED' AND e.message LIKE $2
        ORDER BY e.occurred_at, e.message`,
      [org.uuid, `${name}:%`],
    );
    return rows.map((row) => row.message);
  }

  beforeAll(async () => {
    t = await createTestApp();
    agencyToken = await (await agency(t)).token(Role.ADMIN);
  });
  afterAll(() => t.close());

  describe('shows a breach at the end of a five-deep chain at its head, to an exposed municipality only', () => {
    let chain: Chain;
    let exposed: TestOrg;
    let unexposed: TestOrg;
    let incident: Awaited<ReturnType<typeof reportIncident>>;
    beforeAll(async () => {
      chain = await newChain();
      [exposed, unexposed] = await someMunicipalities(t, 2);
      await subscribe(t, exposed, chain.lon.id);
      incident = await reportIncident(t, chain.suppliers[0], [chain.datahall], {
        title: 'Intrång i datahall',
      });
    });

    it('names the breach, five links down, in the head’s reasons and chain for an exposed municipality', async () => {
      const reported = humanDateTime(new Date(incident.reportedAt), 'en');
      const seen = await statusAs(chain.lon.id, await exposed.token(Role.VIEWER));
      expect(seen.openIncidents).toBe(1);
      expect(seen.reasons).toContain(
        `Datahall (via Drift, Integration, Plattform): open incident 'Intrång i datahall' reported ${reported}`,
      );
      expect(seen.chain.map((link) => link.product.name)).toEqual([
        'Plattform',
        'Integration',
        'Drift',
        'Datahall',
      ]);
      const datahallLink = seen.chain[3];
      expect(datahallLink).toEqual({
        product: { name: 'Datahall' },
        state: 'NOT_ASSESSED',
        openIncidents: 1,
        path: ['Lön', 'Plattform', 'Integration', 'Drift', 'Datahall'].map((name) => ({ name })),
      });
      // Incidents do not lower the state; the agency suspends when one warrants it.
      expect(seen).toMatchObject({ state: 'NOT_ASSESSED', effectiveState: 'NOT_ASSESSED' });
      expect(await statusAs(chain.lon.id, agencyToken)).toMatchObject({ openIncidents: 1 });
    });

    it('shows it to the reporting supplier, but to no other supplier (not even the head’s) nor an unexposed municipality', async () => {
      for (const token of [
        await (await newSupplier(t)).token(Role.VIEWER),
        await chain.suppliers[4].token(Role.VIEWER),
        await unexposed.token(Role.VIEWER),
      ]) {
        const hidden = await statusAs(chain.lon.id, token);
        expect(hidden.openIncidents).toBe(0);
        expect(hidden.reasons.join(' ')).not.toMatch(/incident/i);
        expect(hidden.chain.map((link) => link.openIncidents)).toEqual([0, 0, 0, 0]);
        expect(hidden.chain).toHaveLength(4);
      }
      // The reporting supplier sees its own incident in the chain of a product it does not supply.
      expect((await statusAs(chain.lon.id, await chain.suppliers[0].token(Role.VIEWER))).openIncidents).toBe(
        1,
      );
    });

    it('drops it from the head once the incident is resolved', async () => {
      ok(
        await t.gql(
          RESOLVE,
          { id: incident.id, summary: 'Stängt.' },
          await chain.suppliers[0].token(Role.EDITOR),
        ),
      );
      const after = await statusAs(chain.lon.id, await exposed.token(Role.VIEWER));
      expect(after.openIncidents).toBe(0);
      expect(after.reasons.join(' ')).not.toMatch(/Intrång/);
    });
  });

  it('lowers the effective state of every product relying on a suspended platform and tells their subscribers', async () => {
    const chain = await newChain();
    const [lonCustomer, skolaCustomer, bystander] = await someMunicipalities(t, 3);
    await subscribe(t, lonCustomer, chain.lon.id);
    await subscribe(t, skolaCustomer, chain.skola.id);
    ok(await t.gql(SUSPEND, { id: chain.integration.id }, agencyToken));

    const token = await lonCustomer.token(Role.VIEWER);
    for (const product of [chain.lon, chain.skola, chain.plattform]) {
      expect(await statusAs(product.id, token)).toMatchObject({
        state: 'NOT_ASSESSED',
        effectiveState: 'SUSPENDED',
      });
    }
    // Below the suspended product nothing changes.
    expect(await statusAs(chain.drift.id, token)).toMatchObject({ effectiveState: 'NOT_ASSESSED' });
    const lon = await statusAs(chain.lon.id, token);
    expect(lon.reasons).toContain('Integration (via Plattform): state SUSPENDED');
    expect(lon.chain.find((link) => link.product.name === 'Integration')!.state).toBe('SUSPENDED');

    expect(await statusEvents(lonCustomer, 'Lön')).toEqual([
      'Lön: effective state changed from NOT_ASSESSED to SUSPENDED: Integration (via Plattform) is now SUSPENDED',
    ]);
    expect(await statusEvents(skolaCustomer, 'Skola')).toEqual([
      'Skola: effective state changed from NOT_ASSESSED to SUSPENDED: Integration (via Plattform) is now SUSPENDED',
    ]);
    // Lön's supplier is told too; an organisation subscribing to none of them is not.
    expect(await statusEvents(chain.suppliers[4], 'Lön')).toHaveLength(1);
    expect(await statusEvents(bystander, 'Lön')).toEqual([]);
    expect(await statusEvents(skolaCustomer, 'Lön')).toEqual([]);

    // Reinstating restores every product relying on it, with events.
    ok(await t.gql(REINSTATE, { id: chain.integration.id }, agencyToken));
    for (const product of [chain.lon, chain.skola, chain.plattform]) {
      expect(await statusAs(product.id, token)).toMatchObject({ effectiveState: 'NOT_ASSESSED' });
    }
    expect((await statusAs(chain.lon.id, token)).reasons.join(' ')).not.toMatch(/SUSPENDED/);
    expect(await statusEvents(lonCustomer, 'Lön')).toEqual([
      'Lön: effective state changed from NOT_ASSESSED to SUSPENDED: Integration (via Plattform) is now SUSPENDED',
      'Lön: effective state changed from SUSPENDED to NOT_ASSESSED: Integration (via Plattform) is now NOT_ASSESSED',
    ]);
  });

  it('keeps the worse state when a product is lowered both by itself and by its chain', async () => {
    const chain = await newChain();
    ok(await t.gql(SUSPEND, { id: chain.datahall.id }, agencyToken));
    ok(await t.gql(SUSPEND, { id: chain.lon.id }, agencyToken));
    const [reader] = await someMunicipalities(t, 1);
    const token = await reader.token(Role.VIEWER);
    expect(await statusAs(chain.lon.id, token)).toMatchObject({
      state: 'SUSPENDED',
      effectiveState: 'SUSPENDED',
    });
    ok(await t.gql(REINSTATE, { id: chain.lon.id }, agencyToken));
    // Lön's own suspension lifted, Datahall's still holds it down.
    expect(await statusAs(chain.lon.id, token)).toMatchObject({
      state: 'NOT_ASSESSED',
      effectiveState: 'SUSPENDED',
    });
  });

  it('follows changes of the graph: a new sub-processor brings its state along, dropping it restores', async () => {
    const chain = await newChain();
    const [customer] = await someMunicipalities(t, 1);
    const supplier = await newSupplier(t);
    const standalone = await newProduct(t, supplier, { name: 'Fristående' });
    await subscribe(t, customer, standalone.id);
    ok(await t.gql(SUSPEND, { id: chain.drift.id }, agencyToken));
    const UPDATE = `mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }`;
    const editor = await supplier.token(Role.EDITOR);
    ok(
      await t.gql(UPDATE, { id: standalone.id, input: { subprocessorIds: [chain.integration.id] } }, editor),
    );
    const token = await customer.token(Role.VIEWER);
    const status = await statusAs(standalone.id, token);
    expect(status.effectiveState).toBe('SUSPENDED');
    expect(status.chain.map((link) => link.product.name)).toEqual(['Integration', 'Drift', 'Datahall']);
    expect((await statusEvents(customer, 'Fristående'))[0]).toMatch(/NOT_ASSESSED to SUSPENDED/);
    ok(await t.gql(UPDATE, { id: standalone.id, input: { subprocessorIds: [] } }, editor));
    expect(await statusAs(standalone.id, token)).toMatchObject({ effectiveState: 'NOT_ASSESSED', chain: [] });
  });
});
