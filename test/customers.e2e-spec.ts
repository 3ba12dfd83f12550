import { Role } from '../src/common/actor.js';
import { EVENTS_QUERY, type EventsPage } from './support/events.js';
import {
  agency,
  municipality,
  newProduct,
  newPublicBody,
  newSupplier,
  subscribePending,
  type TestOrg,
} from './support/factories.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

/** The customer relationship: a subscription starts PENDING; the supplier or the agency decides. */

const FIELDS = 'id customerStatus decidedAt declineReason product { id } subscriber { id }';
const CONFIRM = `mutation($id: ID!) { confirmCustomer(subscriptionId: $id) { ${FIELDS} } }`;
const DECLINE = `mutation($id: ID!, $reason: String!) { declineCustomer(subscriptionId: $id, reason: $reason) { ${FIELDS} } }`;
const REQUESTS = `query($status: CustomerStatus, $first: Int, $after: String) {
  customerRequests(status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${FIELDS} } }
  }
}`;
const NODE = `query($id: ID!) { node(id: $id) { ... on ProductSubscription { id customerStatus } } }`;
const MINE = `query { mySubscriptions(first: 100) { edges { node { id customerStatus declineReason } } } }`;

type Sub = {
  id: string;
  customerStatus: string;
  decidedAt: string | null;
  declineReason: string | null;
  subscriber: { id: string };
};
type Requests = { customerRequests: { totalCount: number; edges: { node: Sub }[] } };

describe('customers: confirm and decline', () => {
  let t: TestApp;
  let supplier: TestOrg;
  let otherSupplier: TestOrg;

  beforeAll(async () => {
    t = await createTestApp();
    supplier = await newSupplier(t);
    otherSupplier = await newSupplier(t);
  });
  afterAll(() => t.close());

  const requests = async (org: TestOrg, status?: string) =>
    ok(await t.gql<Requests>(REQUESTS, { status, first: 100 }, await org.token(Role.VIEWER)))
      .customerRequests;

  it('starts PENDING, and the supplier sees it waiting in customerRequests; other suppliers do not', async () => {
    const product = await newProduct(t, supplier);
    const buyer = await newPublicBody(t);
    const sub = await subscribePending(t, buyer, product.id);
    const waiting = await requests(supplier, 'PENDING');
    expect(waiting.edges.map((e) => e.node.id)).toContain(sub.id);
    expect(waiting.edges.find((e) => e.node.id === sub.id)!.node).toMatchObject({
      customerStatus: 'PENDING',
      decidedAt: null,
      subscriber: { id: buyer.id },
    });
    expect((await requests(supplier, 'CONFIRMED')).edges.map((e) => e.node.id)).not.toContain(sub.id);
    expect((await requests(otherSupplier)).edges.map((e) => e.node.id)).not.toContain(sub.id);
    expect((await requests(await agency(t), 'PENDING')).edges.map((e) => e.node.id)).toContain(sub.id);
    // node(id): the subscriber, the supplier and the agency; never another supplier
    for (const [org, seen] of [
      [buyer, true],
      [supplier, true],
      [await agency(t), true],
      [otherSupplier, false],
    ] as const) {
      const node = ok(
        await t.gql<{ node: Sub | null }>(NODE, { id: sub.id }, await org.token(Role.VIEWER)),
      ).node;
      expect(node?.id ?? null).toBe(seen ? sub.id : null);
    }
  });

  it('lets the supplier EDITOR confirm: the subscriber is told by an event, and the audit trail records it', async () => {
    const product = await newProduct(t, supplier);
    const buyer = await newPublicBody(t);
    const sub = await subscribePending(t, buyer, product.id);
    const confirmed = ok(
      await t.gql<{ confirmCustomer: Sub }>(CONFIRM, { id: sub.id }, await supplier.token(Role.EDITOR)),
    ).confirmCustomer;
    expect(confirmed.customerStatus).toBe('CONFIRMED');
    expect(confirmed.decidedAt).not.toBeNull();
    const events = ok(await t.gql<EventsPage>(EVENTS_QUERY, { first: 5 }, await buyer.token(Role.VIEWER)));
    const told = events.events.edges.map((e) => e.node);
    expect(told[0]).toMatchObject({ type: 'CUSTOMER_STATUS_CHANGED' });
    expect(told[0].message).toMatch(/confirmed .* customer of/);
    // not addressed to anyone else
    const other = ok(
      await t.gql<EventsPage>(EVENTS_QUERY, { first: 5 }, await otherSupplier.token(Role.VIEWER)),
    );
    expect(other.events.edges.map((e) => e.node.message)).not.toContain(told[0].message);
    const audit = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_entry WHERE entity_id = $1 ORDER BY seq`,
      [sub.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['subscription.created', 'subscription.confirmed']);
    // confirming twice is a conflict
    expect(errorCode(await t.gql(CONFIRM, { id: sub.id }, await supplier.token(Role.EDITOR)))).toBe(
      'CONFLICT',
    );
  });

  it('lets the agency decline with a reason the subscriber reads; the decline can be reversed', async () => {
    const product = await newProduct(t, supplier);
    const town = await municipality(t, '0125');
    const sub = await subscribePending(t, town, product.id);
    const declined = ok(
      await t.gql<{ declineCustomer: Sub }>(
        DECLINE,
        { id: sub.id, reason: '  No contract with us  ' },
        await (await agency(t)).token(Role.EDITOR),
      ),
    ).declineCustomer;
    expect(declined).toMatchObject({ customerStatus: 'DECLINED', declineReason: 'No contract with us' });
    const mine = ok(
      await t.gql<{ mySubscriptions: { edges: { node: Sub }[] } }>(MINE, {}, await town.token(Role.VIEWER)),
    );
    expect(mine.mySubscriptions.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({
        id: sub.id,
        customerStatus: 'DECLINED',
        declineReason: 'No contract with us',
      }),
    );
    const events = ok(await t.gql<EventsPage>(EVENTS_QUERY, { first: 20 }, await town.token(Role.VIEWER)));
    expect(events.events.edges.map((e) => e.node.message).join('\n')).toMatch(
      /declined .*: No contract with us/,
    );
    const again = ok(
      await t.gql<{ confirmCustomer: Sub }>(CONFIRM, { id: sub.id }, await supplier.token(Role.EDITOR)),
    ).confirmCustomer;
    expect(again).toMatchObject({ customerStatus: 'CONFIRMED', declineReason: null });
  });

  it('refuses an empty reason as BAD_USER_INPUT naming the field', async () => {
    const product = await newProduct(t, supplier);
    const sub = await subscribePending(t, await newPublicBody(t), product.id);
    const response = await t.gql(DECLINE, { id: sub.id, reason: '   ' }, await supplier.token(Role.EDITOR));
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.fields).toEqual(['reason']);
  });

  it('answers NOT_FOUND to another supplier and to the subscriber itself; FORBIDDEN to a supplier VIEWER', async () => {
    const product = await newProduct(t, supplier);
    const buyer = await newPublicBody(t);
    const sub = await subscribePending(t, buyer, product.id);
    for (const token of [await otherSupplier.token(Role.ADMIN)]) {
      expect(errorCode(await t.gql(CONFIRM, { id: sub.id }, token))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(DECLINE, { id: sub.id, reason: 'x' }, token))).toBe('NOT_FOUND');
    }
    expect(errorCode(await t.gql(CONFIRM, { id: sub.id }, await buyer.token(Role.ADMIN)))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(CONFIRM, { id: sub.id }, await supplier.token(Role.VIEWER)))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await t.gql(CONFIRM, { id: 'bm9wZQ' }, await supplier.token(Role.EDITOR)))).toBe(
      'NOT_FOUND',
    );
    const node = ok(
      await t.gql<{ node: Sub | null }>(NODE, { id: sub.id }, await buyer.token(Role.VIEWER)),
    ).node;
    expect(node?.customerStatus).toBe('PENDING');
  });

  it('pages customerRequests newest first', async () => {
    const supplierB = await newSupplier(t);
    const product = await newProduct(t, supplierB);
    const subs = [];
    for (const code of ['0126', '0127', '0128']) {
      subs.push(await subscribePending(t, await municipality(t, code), product.id));
    }
    const token = await supplierB.token(Role.VIEWER);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        customerRequests: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: Sub }[];
        };
      } = ok(await t.gql(REQUESTS, { first: 2, after }, token));
      expect(page.customerRequests.totalCount).toBe(3);
      seen.push(...page.customerRequests.edges.map((e) => e.node.id));
      if (!page.customerRequests.pageInfo.hasNextPage) break;
      after = page.customerRequests.pageInfo.endCursor;
    }
    expect(seen).toEqual(subs.map((s) => s.id).reverse());
  });
});
