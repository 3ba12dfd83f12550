import { Role } from '../src/common/actor.js';
import {
  agency,
  newAssessor,
  newProduct,
  newSupplier,
  subscribe,
  type TestOrg,
  type TestProduct,
} from './support/factories.js';
import {
  chainAbove,
  ids,
  INCIDENT,
  reportIncident,
  reportInput,
  someMunicipalities,
  subscribeInSql,
  type TestExposure,
  type TestIncident,
} from './support/incidents.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const EXPOSURE = `query($productId: ID!) {
  exposure(productId: $productId) { organization { id } product { id } path { id } dataCategories }
}`;

describe('incidents: exposure through sub-processor chains, and the fan-out of events', () => {
  let t: TestApp;
  let supplier: TestOrg;
  let agencyToken: string;

  const exposuresOf = async (incident: TestIncident): Promise<TestExposure[]> =>
    ok(await t.gql<{ incident: TestIncident }>(INCIDENT, { id: incident.id }, agencyToken)).incident
      .exposures;
  const pathsOf = (exposures: TestExposure[], org: TestOrg) =>
    exposures.filter((e) => e.organization.id === org.id).map((e) => ids(e.path));
  const uuidOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1];
  const recipientsOf = async (incident: TestIncident, type = 'INCIDENT_REPORTED') =>
    (
      await t.dataSource.query<{ organization_id: string }[]>(
        `SELECT r.organization_id FROM registry_event e JOIN registry_event_recipient r ON r.event_id = e.id
          WHERE e.incident_id = $1 AND e.type = $2`,
        [uuidOf(incident.id), type],
      )
    )
      .map((row) => row.organization_id)
      .sort();

  beforeAll(async () => {
    t = await createTestApp();
    supplier = await newSupplier(t);
    agencyToken = await (await agency(t)).token(Role.VIEWER);
  });
  afterAll(() => t.close());

  it('exposes direct subscribers and those reached through 1-, 2- and 5-deep chains, with the path down', async () => {
    const affected = await newProduct(t, supplier, {
      dataCategories: ['CONTACT_DETAILS', 'CHILDREN', 'FINANCIAL'],
    });
    const chain5 = await chainAbove(t, affected, 5); // [top, ..., affected]
    const chain2 = chain5.slice(3); // the 2-deep one is part of the 5-deep one
    const chain1 = chain5.slice(4);
    const [direct, one, two, five] = await someMunicipalities(t, 4);
    await subscribe(t, direct, affected.id, ['CHILDREN']);
    await subscribe(t, one, chain1[0].id, ['CONTACT_DETAILS', 'CHILDREN']);
    await subscribe(t, two, chain2[0].id, ['FINANCIAL']);
    await subscribe(t, five, chain5[0].id, ['CHILDREN', 'FINANCIAL']);

    const incident = await reportIncident(t, supplier, [affected], { dataCategories: ['CHILDREN'] });
    const exposures = await exposuresOf(incident);
    expect(pathsOf(exposures, direct)).toEqual([[affected.id]]);
    expect(pathsOf(exposures, one)).toEqual([ids(chain1)]);
    expect(pathsOf(exposures, two)).toEqual([ids(chain2)]);
    expect(pathsOf(exposures, five)).toEqual([ids(chain5)]);
    expect(chain5).toHaveLength(6);
    expect(exposures).toHaveLength(4);
    const byOrg = new Map(exposures.map((e) => [e.organization.id, e]));
    expect(byOrg.get(five.id)).toMatchObject({ product: { id: chain5[0].id }, dataCategories: ['CHILDREN'] });
    expect(byOrg.get(one.id)!.dataCategories).toEqual(['CHILDREN']);
    // Exposed, but nothing it entrusts is named by the incident.
    expect(byOrg.get(two.id)!.dataCategories).toEqual([]);

    // One INCIDENT_REPORTED event per exposed organisation, addressed to it alone.
    expect(await recipientsOf(incident)).toEqual([direct, one, two, five].map((o) => o.uuid).sort());
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM registry_event WHERE incident_id = $1 AND NOT audience_all`,
      [uuidOf(incident.id)],
    );
    expect(n).toBe(4);
  });

  it('does not expose an organisation subscribed to an unaffected sibling product of the same supplier', async () => {
    const affected = await newProduct(t, supplier);
    const sibling = await newProduct(t, supplier);
    const aboveSibling = (await chainAbove(t, sibling, 1))[0];
    const [exposed, siblingCustomer, aboveSiblingCustomer] = await someMunicipalities(t, 3);
    await subscribe(t, exposed, affected.id);
    await subscribe(t, siblingCustomer, sibling.id);
    await subscribe(t, aboveSiblingCustomer, aboveSibling.id, ['CONTACT_DETAILS']);
    const incident = await reportIncident(t, supplier, [affected]);
    expect((await exposuresOf(incident)).map((e) => e.organization.id)).toEqual([exposed.id]);
    expect(await recipientsOf(incident)).toEqual([exposed.uuid]);
    for (const org of [siblingCustomer, aboveSiblingCustomer]) {
      expect(errorCode(await t.gql(INCIDENT, { id: incident.id }, await org.token(Role.VIEWER)))).toBe(
        'NOT_FOUND',
      );
    }
  });

  it('lists a diamond once per path (two routes to the same affected product), but tells the organisation once', async () => {
    const affected = await newProduct(t, supplier);
    const left = await newProduct(t, await newSupplier(t), { subprocessorIds: [affected.id] });
    const right = await newProduct(t, await newSupplier(t), { subprocessorIds: [affected.id] });
    const top = await newProduct(t, await newSupplier(t), { subprocessorIds: [left.id, right.id] });
    const [customer] = await someMunicipalities(t, 1);
    await subscribe(t, customer, top.id);
    const incident = await reportIncident(t, supplier, [affected]);
    const paths = pathsOf(await exposuresOf(incident), customer);
    expect(paths).toHaveLength(2);
    expect(paths).toEqual(expect.arrayContaining([ids([top, left, affected]), ids([top, right, affected])]));
    expect(await recipientsOf(incident)).toEqual([customer.uuid]);
    // Deadlines are per organisation, not per path.
    const seen = ok(
      await t.gql<{ incident: TestIncident }>(
        INCIDENT,
        { id: incident.id },
        await customer.token(Role.VIEWER),
      ),
    );
    expect(seen.incident.exposures).toHaveLength(2);
    expect(seen.incident.deadlines.filter((d) => d.kind === 'EARLY_WARNING')).toHaveLength(1);
  });

  it('lists an organisation once per subscribed product when an incident affects several of them', async () => {
    const a = await newProduct(t, supplier);
    const b = await newProduct(t, supplier);
    const [customer] = await someMunicipalities(t, 1);
    await subscribe(t, customer, a.id);
    await subscribe(t, customer, b.id);
    const incident = await reportIncident(t, supplier, [a, b]);
    expect(pathsOf(await exposuresOf(incident), customer).sort()).toEqual([[a.id], [b.id]].sort());
    expect(await recipientsOf(incident)).toEqual([customer.uuid]);
  });

  it('terminates on a cycle inserted straight into the database', async () => {
    const affected = await newProduct(t, supplier);
    const x = await newProduct(t, await newSupplier(t), { subprocessorIds: [affected.id] });
    const y = await newProduct(t, await newSupplier(t));
    // x -> affected, plus x -> y -> x: a loop the API would refuse.
    await t.dataSource.query(
      `INSERT INTO product_subprocessor (product_id, subprocessor_id) VALUES ($1, $2), ($2, $1), ($3, $1)`,
      [y.uuid, x.uuid, affected.uuid],
    );
    try {
      const [viaX, viaY] = await someMunicipalities(t, 2);
      await subscribe(t, viaX, x.id);
      await subscribe(t, viaY, y.id);
      const incident = await reportIncident(t, supplier, [affected]);
      const exposures = await exposuresOf(incident);
      expect(pathsOf(exposures, viaX)).toEqual([ids([x, affected])]);
      // y -> x -> affected; also affected -> x -> affected is cut where `affected` repeats.
      expect(pathsOf(exposures, viaY)).toEqual([ids([y, x, affected])]);
      const whatIf = ok(
        await t.gql<{ exposure: TestExposure[] }>(EXPOSURE, { productId: x.id }, agencyToken),
      );
      expect(whatIf.exposure.map((e) => e.organization.id).sort()).toEqual([viaX.id, viaY.id].sort());
    } finally {
      await t.dataSource.query(
        `DELETE FROM product_subprocessor WHERE (product_id, subprocessor_id) IN (($1::uuid, $2::uuid), ($2::uuid, $1::uuid), ($3::uuid, $1::uuid))`,
        [y.uuid, x.uuid, affected.uuid],
      );
    }
  });

  describe('exposure(productId): the what-if', () => {
    let product: TestProduct;
    let top: TestProduct;
    let a: TestOrg;
    let b: TestOrg;

    beforeAll(async () => {
      product = await newProduct(t, supplier, { dataCategories: ['CONTACT_DETAILS', 'CHILDREN'] });
      [top] = await chainAbove(t, product, 2);
      [a, b] = await someMunicipalities(t, 2);
      await subscribe(t, a, product.id, ['CHILDREN']);
      await subscribe(t, b, top.id, ['CONTACT_DETAILS', 'FINANCIAL']);
    });
    const whatIf = (token: string, productId = product.id) =>
      t.gql<{ exposure: TestExposure[] }>(EXPOSURE, { productId }, token);

    it('shows the agency everyone, with all entrusted categories at stake', async () => {
      const rows = ok(await whatIf(agencyToken)).exposure;
      expect(rows.map((r) => r.organization.id).sort()).toEqual([a.id, b.id].sort());
      expect(rows.find((r) => r.organization.id === b.id)).toMatchObject({
        product: { id: top.id },
        dataCategories: ['CONTACT_DETAILS', 'FINANCIAL'],
      });
      expect(rows.find((r) => r.organization.id === b.id)!.path.at(-1)!.id).toBe(product.id);
    });

    it("shows the product's supplier its own customers only, never another supplier's (issue 15)", async () => {
      const rows = ok(await whatIf(await supplier.token(Role.VIEWER))).exposure;
      expect(rows.map((r) => r.organization.id)).toEqual([a.id]);
      expect(rows[0]).toMatchObject({ product: { id: product.id }, dataCategories: ['CHILDREN'] });
    });

    it('shows a customer only its own rows (none when not exposed)', async () => {
      expect(ok(await whatIf(await a.token(Role.VIEWER))).exposure.map((r) => r.organization.id)).toEqual([
        a.id,
      ]);
      const [other] = await someMunicipalities(t, 1);
      expect(
        ok(await whatIf(await other.token(Role.VIEWER))).exposure.filter(
          (r) => r.organization.id !== other.id,
        ),
      ).toEqual([]);
    });

    it('refuses other suppliers and assessors (FORBIDDEN) and unknown products (NOT_FOUND)', async () => {
      expect(errorCode(await whatIf(await (await newSupplier(t)).token(Role.ADMIN)))).toBe('FORBIDDEN');
      expect(errorCode(await whatIf(await (await newAssessor(t)).token(Role.ADMIN)))).toBe('FORBIDDEN');
      expect(errorCode(await whatIf(agencyToken, 'bm90LWEtcHJvZHVjdA'))).toBe('NOT_FOUND');
    });
  });

  it('shows an exposed organisation its INCIDENT_REPORTED event with the incident, in its own feed only', async () => {
    const product = await newProduct(t, supplier);
    const [customer, bystander] = await someMunicipalities(t, 2);
    await subscribe(t, customer, product.id);
    const incident = await reportIncident(t, supplier, [product], { title: 'Feed check incident' });
    const FEED = `{ events(first: 50) { edges { node { type message incident { id title } } } } }`;
    type Feed = {
      events: {
        edges: {
          node: {
            type: string;
            message: string;
            incident: { id: string } | null;
          };
        }[];
      };
    };
    const mine = ok(await t.gql<Feed>(FEED, {}, await customer.token(Role.VIEWER)));
    const event = mine.events.edges.map((e) => e.node).find((n) => n.incident?.id === incident.id);
    expect(event).toMatchObject({ type: 'INCIDENT_REPORTED' });
    expect(event!.message).toContain('Feed check incident');
    const theirs = ok(await t.gql<Feed>(FEED, {}, await bystander.token(Role.VIEWER)));
    expect(theirs.events.edges.some((e) => e.node.message.includes('Feed check incident'))).toBe(false);
  });

  it('fans out to 290 municipalities through a 5-deep chain within a second', async () => {
    const affected = await newProduct(t, supplier, { dataCategories: ['CONTACT_DETAILS', 'CHILDREN'] });
    const chain = await chainAbove(t, affected, 5);
    const municipalities = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM organization WHERE kind = 'MUNICIPALITY' ORDER BY municipality_code LIMIT 290`,
    );
    expect(municipalities).toHaveLength(290);
    await subscribeInSql(t, chain[0].uuid, ids(municipalities), ['CHILDREN']);
    const token = await supplier.token(Role.EDITOR);
    const started = performance.now();
    const response = await t.gql<{ reportIncident: { id: string } }>(
      `mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }`,
      { input: reportInput([affected], { dataCategories: ['CHILDREN'] }) },
      token,
    );
    const elapsed = performance.now() - started;
    const { id } = ok(response).reportIncident;
    if (process.env.SHOW_TIMINGS)
      console.log(`reportIncident to 290 municipalities: ${elapsed.toFixed(0)} ms`);
    expect(elapsed).toBeLessThan(1000);
    const recipients = await recipientsOf({ id } as TestIncident);
    expect(recipients).toEqual(ids(municipalities).sort());
    const seen = ok(await t.gql<{ incident: TestIncident }>(INCIDENT, { id }, agencyToken)).incident;
    expect(seen.exposures).toHaveLength(290);
    expect(seen.exposures[0].path).toHaveLength(6);
    expect(seen.deadlines).toHaveLength(290 * 4);
  });
});
