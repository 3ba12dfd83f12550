import { Role } from '../src/common/actor.js';
import * as f from '../src/evidence/upload/fixtures.test-support.js';
import { newBaseline } from './support/baselines.js';
import { newEvidence, upload } from './support/evidence.js';
import {
  agency,
  confirmCustomer,
  municipality,
  newProduct,
  newSupplier,
  subscribe,
  subscribePending,
  type TestOrg,
  type TestProduct,
} from './support/factories.js';
import { INCIDENT, listIncidentIds, reportIncident } from './support/incidents.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

/**
 * What each customer status opens, on every road: evidence lists and node(id), incident lists and
 * incident(id), deadlines. Pending: public + incidents reported after it subscribed that expose
 * it. Confirmed: SUBSCRIBERS evidence and the whole history. Declined and former: nothing more
 * than any public body.
 */

const EVIDENCE = `query($id: ID!) { product(id: $id) { evidence(first: 10) { totalCount edges { node { id confidentiality } } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id } }`;
const DECLINE = `mutation($id: ID!) { declineCustomer(subscriptionId: $id, reason: "Not ours") { id } }`;
const UNSUBSCRIBE = `mutation($p: ID!) { unsubscribeFromProduct(productId: $p) }`;

type Incident = { id: string; deadlines: { organization: { id: string }; kind: string }[] };

describe('customers: what each status sees', () => {
  let t: TestApp;
  let supplier: TestOrg;
  let product: TestProduct;
  let secret: string;
  let publicEvidence: string;
  let before: Incident;
  const towns = {} as Record<'pending' | 'confirmed' | 'declined' | 'former' | 'stranger', TestOrg>;

  beforeAll(async () => {
    t = await createTestApp();
    supplier = await newSupplier(t);
    product = await newProduct(t, supplier, { dataCategories: ['CONTACT_DETAILS'] });
    const requirementIds = (await newBaseline(t, { publish: true })).requirements.map((r) => r.id);
    const editor = await supplier.token(Role.EDITOR);
    const ids: string[] = [];
    for (const level of ['PUBLIC', 'SUBSCRIBERS']) {
      const evidence = await newEvidence(t, supplier, product, requirementIds, { confidentiality: level });
      expect((await upload(t, evidence, f.pdf([`Rapport ${level}`]), editor)).status).toBe(200);
      ids.push(evidence.id);
    }
    [publicEvidence, secret] = ids;
    // an incident reported before anyone subscribed
    before = await reportIncident(t, supplier, [product]);
    const [p, c, d, fm, s] = ['0136', '0138', '0139', '0140', '0160'];
    towns.pending = await municipality(t, p);
    towns.confirmed = await municipality(t, c);
    towns.declined = await municipality(t, d);
    towns.former = await municipality(t, fm);
    towns.stranger = await municipality(t, s);
    await subscribePending(t, towns.pending, product.id);
    await subscribe(t, towns.confirmed, product.id);
    const declined = await subscribePending(t, towns.declined, product.id);
    ok(await t.gql(DECLINE, { id: declined.id }, editor));
    await subscribe(t, towns.former, product.id);
    ok(await t.gql(UNSUBSCRIBE, { p: product.id }, await towns.former.token(Role.EDITOR)));
  });
  afterAll(() => t.close());

  const evidenceSeen = async (org: TestOrg) => {
    const token = await org.token(Role.VIEWER);
    const list = ok(
      await t.gql<{ product: { evidence: { totalCount: number; edges: { node: { id: string } }[] } } }>(
        EVIDENCE,
        { id: product.id },
        token,
      ),
    );
    const node = ok(await t.gql<{ node: { id: string } | null }>(NODE, { id: secret }, token)).node;
    return {
      listed: list.product.evidence.edges.map((e) => e.node.id),
      count: list.product.evidence.totalCount,
      secretByNode: node !== null,
    };
  };

  it.each([
    ['pending', false],
    ['confirmed', true],
    ['declined', false],
    ['former', false],
    ['stranger', false],
  ] as const)('SUBSCRIBERS evidence: a %s subscriber sees it: %s (list, count, node)', async (who, sees) => {
    const seen = await evidenceSeen(towns[who]);
    expect(seen.listed).toContain(publicEvidence);
    expect(seen.listed.includes(secret)).toBe(sees);
    expect(seen.count).toBe(sees ? 2 : 1);
    expect(seen.secretByNode).toBe(sees);
  });

  it.each([
    ['pending', false],
    ['confirmed', true],
    ['declined', false],
    ['former', false],
  ] as const)('an incident reported before subscribing: a %s subscriber sees it: %s', async (who, sees) => {
    const token = await towns[who].token(Role.VIEWER);
    expect((await listIncidentIds(t, token)).includes(before.id)).toBe(sees);
    const one = await t.gql<{ incident: Incident | null }>(INCIDENT, { id: before.id }, token);
    expect(one.data?.incident?.id ?? null).toBe(sees ? before.id : null);
    expect(
      ok(await t.gql<{ node: { id: string } | null }>(NODE, { id: before.id }, token)).node !== null,
    ).toBe(sees);
  });

  it('an incident reported after subscribing reaches the pending subscriber with its own deadlines', async () => {
    const after = (await reportIncident(t, supplier, [product])) as unknown as Incident;
    for (const [who, sees] of [
      ['pending', true],
      ['confirmed', true],
      ['declined', false],
      ['former', false],
      ['stranger', false],
    ] as const) {
      const token = await towns[who].token(Role.VIEWER);
      expect((await listIncidentIds(t, token)).includes(after.id)).toBe(sees);
      const one = await t.gql<{ incident: Incident | null }>(INCIDENT, { id: after.id }, token);
      if (!sees) continue;
      const deadlines = one.data!.incident!.deadlines;
      expect(deadlines.length).toBeGreaterThan(0);
      expect(new Set(deadlines.map((d) => d.organization.id))).toEqual(new Set([towns[who].id]));
    }
    // the agency's view of the incident lists the pending and the confirmed subscriber, nobody else
    const all = ok(
      await t.gql<{ incident: Incident }>(
        INCIDENT,
        { id: after.id },
        await (await agency(t)).token(Role.VIEWER),
      ),
    ).incident;
    expect(new Set(all.deadlines.map((d) => d.organization.id))).toEqual(
      new Set([towns.pending.id, towns.confirmed.id]),
    );
  });

  it('confirming opens the history; declining a confirmed customer closes it again', async () => {
    const town = await municipality(t, '0162');
    const sub = await subscribePending(t, town, product.id);
    const token = await town.token(Role.VIEWER);
    expect(await listIncidentIds(t, token)).not.toContain(before.id);
    await confirmCustomer(t, sub.id, supplier);
    expect(await listIncidentIds(t, token)).toContain(before.id);
    expect((await evidenceSeen(town)).secretByNode).toBe(true);
    ok(await t.gql(DECLINE, { id: sub.id }, await supplier.token(Role.EDITOR)));
    expect(await listIncidentIds(t, token)).not.toContain(before.id);
    expect((await evidenceSeen(town)).secretByNode).toBe(false);
  });
});
