import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/actor.js';
import { UnitOfWork } from '../src/common/database/unit-of-work.js';
import { RegistryEventType } from '../src/events/dto/registry-event-type.enum.js';
import { EventsService } from '../src/events/events.service.js';
import { agency, municipality, newAssessor, newSupplier, region } from './support/factories.js';
import { EVENTS_QUERY, type EventsPage, recordEvents } from './support/events.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

describe('events: recording and the events feed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const messagesOf = async (token: string, since?: string) =>
    ok(await t.gql<EventsPage>(EVENTS_QUERY, { since, first: 100 }, token)).events.edges.map(
      (e) => e.node.message,
    );

  it('shows an addressed event to the agency and its recipients only, and ALL events to everyone', async () => {
    const [ag, supplier, other, stockholm, skane] = await Promise.all([
      agency(t),
      newSupplier(t),
      newSupplier(t),
      municipality(t, '0180'),
      region(t, '12'),
    ]);
    const tag = randomUUID();
    const productId = randomUUID();
    await recordEvents(t, ag, [
      {
        type: RegistryEventType.STATUS_CHANGED,
        message: `addressed ${tag}`,
        productId,
        audience: [supplier.uuid, stockholm.uuid, stockholm.uuid],
      },
      {
        type: RegistryEventType.BASELINE_PUBLISHED,
        message: `public ${tag}`,
        baselineId: randomUUID(),
        audience: 'ALL',
      },
    ]);
    const since = new Date(Date.now() - 60_000).toISOString();
    const mine = (messages: string[]) => messages.filter((m) => m.endsWith(tag)).sort();
    expect(mine(await messagesOf(await ag.token(Role.VIEWER), since))).toEqual([
      `addressed ${tag}`,
      `public ${tag}`,
    ]);
    expect(mine(await messagesOf(await supplier.token(Role.VIEWER), since))).toEqual([
      `addressed ${tag}`,
      `public ${tag}`,
    ]);
    expect(mine(await messagesOf(await stockholm.token(Role.VIEWER), since))).toEqual([
      `addressed ${tag}`,
      `public ${tag}`,
    ]);
    expect(mine(await messagesOf(await other.token(Role.VIEWER), since))).toEqual([`public ${tag}`]);
    expect(mine(await messagesOf(await skane.token(Role.VIEWER), since))).toEqual([`public ${tag}`]);
    const assessor = await newAssessor(t);
    expect(mine(await messagesOf(await assessor.token(Role.VIEWER), since))).toEqual([`public ${tag}`]);
  });

  it('records nothing when the transaction rolls back', async () => {
    const [ag, supplier] = await Promise.all([agency(t), newSupplier(t)]);
    const tag = randomUUID();
    const actor = { subject: 's', organizationId: ag.uuid, organizationKind: ag.kind, roles: [Role.ADMIN] };
    await expect(
      t.app.get(UnitOfWork).run(actor, async (tx) => {
        tx.audit('test.record', 'Test', 'events');
        await t.app.get(EventsService).record(tx, {
          type: RegistryEventType.INCIDENT_REPORTED,
          message: `rolled back ${tag}`,
          audience: [supplier.uuid],
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM registry_event WHERE message LIKE $1`,
      [`%${tag}`],
    );
    expect(row.n).toBe(0);
    expect(await messagesOf(await supplier.token())).not.toContain(`rolled back ${tag}`);
  });

  it('fans out to 290 organisations in one transaction within a second', async () => {
    const ag = await agency(t);
    const orgs = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM organization WHERE kind IN ('MUNICIPALITY', 'REGION') ORDER BY id LIMIT 290`,
    );
    expect(orgs.length).toBe(290);
    const tag = randomUUID();
    const started = Date.now();
    await recordEvents(
      t,
      ag,
      orgs.map((o) => ({
        type: RegistryEventType.INCIDENT_REPORTED,
        message: `fan-out ${tag}`,
        incidentId: randomUUID(),
        audience: [o.id],
      })),
    );
    expect(Date.now() - started).toBeLessThan(1000);
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM registry_event_recipient r JOIN registry_event e ON e.id = r.event_id WHERE e.message = $1`,
      [`fan-out ${tag}`],
    );
    expect(row.n).toBe(290);
  });

  it('pages newest first with stable cursors and filters by since', async () => {
    const [ag, supplier] = await Promise.all([agency(t), newSupplier(t)]);
    const tag = randomUUID();
    const since = new Date().toISOString();
    for (let i = 0; i < 5; i++) {
      await recordEvents(t, ag, {
        type: RegistryEventType.ASSESSMENT_COMPLETED,
        message: `page ${i} ${tag}`,
        audience: [supplier.uuid],
      });
    }
    const token = await supplier.token(Role.VIEWER);
    // Other files move the clock forward and publish to everyone, so walk the pages and look at ours.
    const seen: string[] = [];
    const cursors = new Set<string>();
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page: EventsPage['events'] = ok(
        await t.gql<EventsPage>(EVENTS_QUERY, { since, first: 2, after }, token),
      ).events;
      expect(page.edges.length).toBeLessThanOrEqual(2);
      expect(page.totalCount).toBeGreaterThanOrEqual(5);
      for (const edge of page.edges) {
        expect(cursors.has(edge.cursor)).toBe(false);
        cursors.add(edge.cursor);
        if (edge.node.message.endsWith(tag)) seen.push(edge.node.message);
      }
      // Newest first by commit-ordered position (issue 15); our own events also by time.
      const positions = page.edges.map((e) =>
        Number(JSON.parse(Buffer.from(e.cursor, 'base64url').toString())[0]),
      );
      expect([...positions].sort((a, b) => b - a)).toEqual(positions);
      const times = page.edges
        .filter((e) => e.node.message.endsWith(tag))
        .map((e) => Date.parse(e.node.occurredAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([4, 3, 2, 1, 0].map((i) => `page ${i} ${tag}`));

    const future = new Date(Date.now() + 60_000).toISOString();
    const later = ok(await t.gql<EventsPage>(EVENTS_QUERY, { since: future, first: 100 }, token)).events;
    expect(later.edges.filter((e) => e.node.message.endsWith(tag))).toEqual([]);
  });

  it('refuses bad arguments and anonymous callers', async () => {
    const supplier = await newSupplier(t);
    const token = await supplier.token(Role.VIEWER);
    expect(errorCode(await t.gql(EVENTS_QUERY, { after: 'nonsense' }, token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(EVENTS_QUERY, { first: 500 }, token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(EVENTS_QUERY, {}))).toBe('UNAUTHENTICATED');
  });
});
