import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/actor.js';
import { RegistryEventType } from '../src/events/dto/registry-event-type.enum.js';
import { agency, newSupplier } from './support/factories.js';
import { recordEvents } from './support/events.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

const FEED = `query Feed($first: Int, $after: String, $since: DateTime) {
  events(first: $first, after: $after, since: $since) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id message } } } }`;
const NODE = `query EventById($id: ID!) { node(id: $id) { __typename id ... on RegistryEvent { type message } } }`;

interface Page {
  events: {
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
    edges: { cursor: string; node: { id: string; message: string } }[];
  };
}

describe('Relay: node(id) for events and the full PageInfo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('resolves an event by id for whoever receives it, and null for anyone else', async () => {
    const [ag, supplier, other] = await Promise.all([agency(t), newSupplier(t), newSupplier(t)]);
    const tag = randomUUID();
    await recordEvents(t, ag, [
      {
        type: RegistryEventType.STATUS_CHANGED,
        message: `for one ${tag}`,
        productId: randomUUID(),
        audience: [supplier.uuid],
      },
    ]);
    const since = new Date(Date.now() - 60_000).toISOString();
    const feed = ok(await t.gql<Page>(FEED, { first: 100, since }, await supplier.token(Role.VIEWER)));
    const event = feed.events.edges.map((e) => e.node).find((n) => n.message === `for one ${tag}`)!;
    for (const token of [await supplier.token(Role.VIEWER), await ag.token(Role.VIEWER)]) {
      const data = ok(await t.gql<{ node: unknown }>(NODE, { id: event.id }, token));
      expect(data.node).toEqual({
        __typename: 'RegistryEvent',
        id: event.id,
        type: 'STATUS_CHANGED',
        message: `for one ${tag}`,
      });
    }
    expect(
      ok(await t.gql<{ node: unknown }>(NODE, { id: event.id }, await other.token(Role.ADMIN))).node,
    ).toBeNull();
  });

  it('reports startCursor, endCursor, hasNextPage and hasPreviousPage as the Relay spec asks', async () => {
    const ag = await agency(t);
    const since = new Date(Date.now() - 1000).toISOString();
    const tag = randomUUID();
    await recordEvents(
      t,
      ag,
      [1, 2, 3].map((n) => ({
        type: RegistryEventType.BASELINE_PUBLISHED,
        message: `page ${n} ${tag}`,
        baselineId: randomUUID(),
        audience: 'ALL' as const,
      })),
    );
    const token = await ag.token(Role.VIEWER);
    const first = ok(await t.gql<Page>(FEED, { first: 2, since }, token)).events;
    expect(first.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: first.edges[0].cursor,
      endCursor: first.edges[1].cursor,
    });
    // The agency sees every organisation's events of the last second: page on to the end.
    let rest = ok(
      await t.gql<Page>(FEED, { first: 100, since, after: first.pageInfo.endCursor }, token),
    ).events;
    for (let pages = 0; ; pages++) {
      expect(rest.pageInfo.hasPreviousPage).toBe(true);
      expect(rest.pageInfo.startCursor).toBe(rest.edges[0].cursor);
      expect(rest.pageInfo.endCursor).toBe(rest.edges[rest.edges.length - 1].cursor);
      if (!rest.pageInfo.hasNextPage || pages >= 50) break;
      rest = ok(await t.gql<Page>(FEED, { first: 100, since, after: rest.pageInfo.endCursor }, token)).events;
    }
    expect(rest.pageInfo.hasNextPage).toBe(false);
    // After the last event anyone has (other test files run the scheduler on clocks moved ahead).
    const [{ last }] = await t.dataSource.query<{ last: Date }[]>(
      `SELECT max(occurred_at) AS last FROM registry_event`,
    );
    const afterEverything = new Date(Math.max(Date.now(), last.getTime()) + 60_000).toISOString();
    const empty = ok(await t.gql<Page>(FEED, { first: 1, since: afterEverything }, token)).events;
    expect(empty.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });
});
