import { Role } from '../src/common/actor.js';
import {
  agency,
  municipality,
  newProduct,
  newSupplier,
  subscribe,
  subscribePending,
  type TestOrg,
  type TestProduct,
} from './support/factories.js';
import { reportIncident } from './support/incidents.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

/**
 * Who sees whom: a supplier sees its own confirmed customers, never the customers of other
 * suppliers whose products run on its platform; exposure views follow that. The agency sees all.
 */

const EXPOSURE = `query($id: ID!) { exposure(productId: $id) { organization { id } product { id } } }`;
const INCIDENT = `query($id: ID!) { incident(id: $id) { exposures { organization { id } } } }`;
const COUNT = `query($id: ID!) { product(id: $id) { subscriberCount } }`;
const REQUESTS = `query { customerRequests(first: 100) { edges { node { subscriber { id } product { id } } } } }`;

describe('customers: who sees whom', () => {
  let t: TestApp;
  let platform: TestOrg; // supplies the platform product
  let reseller: TestOrg; // its product runs on the platform
  let base: TestProduct;
  let onTop: TestProduct;
  const town = {} as Record<'own' | 'pending' | 'resellers', TestOrg>;

  beforeAll(async () => {
    t = await createTestApp();
    platform = await newSupplier(t);
    reseller = await newSupplier(t);
    base = await newProduct(t, platform);
    onTop = await newProduct(t, reseller, { subprocessorIds: [base.id] });
    town.own = await municipality(t, '0180');
    town.pending = await municipality(t, '0181');
    town.resellers = await municipality(t, '0182');
    await subscribe(t, town.own, base.id);
    await subscribePending(t, town.pending, base.id);
    await subscribe(t, town.resellers, onTop.id);
  });
  afterAll(() => t.close());

  const orgs = (rows: { organization: { id: string } }[]) =>
    [...new Set(rows.map((r) => r.organization.id))].sort();

  it("exposure(productId): the platform sees its own confirmed customer, not the reseller's", async () => {
    const seen = async (org: TestOrg, product: TestProduct) =>
      orgs(
        ok(
          await t.gql<{ exposure: { organization: { id: string } }[] }>(
            EXPOSURE,
            { id: product.id },
            await org.token(Role.VIEWER),
          ),
        ).exposure,
      );
    expect(await seen(platform, base)).toEqual([town.own.id]);
    expect(await seen(reseller, onTop)).toEqual([town.resellers.id]);
    expect(await seen(await agency(t), base)).toEqual(
      [town.own.id, town.pending.id, town.resellers.id].sort(),
    );
  });

  it('Incident.exposures: the reporting platform sees its own confirmed customer; the agency sees everyone exposed', async () => {
    const incident = await reportIncident(t, platform, [base]);
    const seen = async (org: TestOrg) =>
      orgs(
        ok(
          await t.gql<{ incident: { exposures: { organization: { id: string } }[] } }>(
            INCIDENT,
            { id: incident.id },
            await org.token(Role.VIEWER),
          ),
        ).incident.exposures,
      );
    expect(await seen(platform)).toEqual([town.own.id]);
    expect(await seen(await agency(t))).toEqual([town.own.id, town.pending.id, town.resellers.id].sort());
    expect(await seen(town.resellers)).toEqual([town.resellers.id]);
  });

  it("subscriberCount and customerRequests name only the supplier's own customers", async () => {
    const count = async (org: TestOrg, product: TestProduct) =>
      ok(
        await t.gql<{ product: { subscriberCount: number | null } }>(
          COUNT,
          { id: product.id },
          await org.token(Role.VIEWER),
        ),
      ).product.subscriberCount;
    expect(await count(platform, base)).toBe(1); // confirmed only
    expect(await count(platform, onTop)).toBeNull();
    const requests = ok(
      await t.gql<{ customerRequests: { edges: { node: { subscriber: { id: string } } }[] } }>(
        REQUESTS,
        {},
        await platform.token(Role.VIEWER),
      ),
    ).customerRequests.edges.map((e) => e.node.subscriber.id);
    expect(requests.sort()).toEqual([town.own.id, town.pending.id].sort());
  });
});
