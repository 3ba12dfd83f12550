import { randomUUID } from 'node:crypto';
import { AuditService } from '../src/audit/audit.service.js';
import { type Actor, OrganizationKind, Role } from '../src/common/actor.js';
import { UnitOfWork } from '../src/common/database/unit-of-work.js';
import { RegistryEventType } from '../src/events/dto/registry-event-type.enum.js';
import { EventsService } from '../src/events/events.service.js';
import { EVENTS_QUERY, type EventsPage } from './support/events.js';
import { agency, newSupplier, type TestOrg } from './support/factories.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

/**
 * No event may be missed: two overlapping transactions where the later-recorded one commits
 * first. A poller that reads `events` newest first down to the last position it saw (the way a
 * client catches up) must see every event exactly once. With events ordered by the time they were
 * recorded, the first transaction's event would appear below what the poller already saw.
 */

const position = (cursor: string) => BigInt(JSON.parse(Buffer.from(cursor, 'base64url').toString())[0]);

/** Reads newest first down to the last position seen; returns the new messages and remembers the top. */
function poller(t: TestApp, token: () => Promise<string>) {
  let top: bigint | null = null;
  return async (): Promise<string[]> => {
    const fresh: string[] = [];
    let after: string | null = null;
    let newTop: bigint | null = null;
    for (;;) {
      const page: EventsPage['events'] = ok(
        await t.gql<EventsPage>(EVENTS_QUERY, { first: 20, after }, await token()),
      ).events;
      let reached = false;
      for (const edge of page.edges) {
        const at = position(edge.cursor);
        newTop ??= at;
        if (top !== null && at <= top) {
          reached = true;
          break;
        }
        fresh.push(edge.node.message);
      }
      if (reached || !page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    if (newTop !== null) top = newTop;
    return fresh;
  };
}

function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe('events: commit-ordered positions', () => {
  let t: TestApp;
  let ag: TestOrg;
  let actor: Actor;
  let heldAtCommit: Promise<void> | null = null;

  beforeAll(async () => {
    t = await createTestApp();
    ag = await agency(t);
    const supplier = await newSupplier(t);
    actor = {
      subject: 'order-test',
      organizationId: supplier.uuid,
      organizationKind: OrganizationKind.SUPPLIER,
      roles: [Role.ADMIN],
    };
    // Between the events writer and the audit chain (the last participant): holds a transaction
    // after its positions are taken.
    const audit = t.app.get(AuditService);
    const appendAudit = audit.beforeCommit.bind(audit);
    audit.beforeCommit = async (tx) => {
      if (tx.actor.subject === 'hold-at-commit' && heldAtCommit) await heldAtCommit;
      await appendAudit(tx);
    };
  });
  afterAll(() => t.close());

  const write = (message: string, before?: Promise<void>, subject = actor.subject) =>
    t.app.get(UnitOfWork).run({ ...actor, subject }, async (tx) => {
      tx.audit('test.order', 'Test', message);
      await t.app.get(EventsService).record(tx, {
        type: RegistryEventType.STATUS_CHANGED,
        message,
        audience: [actor.organizationId],
      });
      if (before) await before;
    });

  const ours = (tag: string, messages: string[]) => messages.filter((m) => m.endsWith(tag));

  it('hands out an event recorded first but committed last above what the poller saw', async () => {
    const tag = randomUUID();
    const poll = poller(t, () => ag.token(Role.VIEWER));
    await poll();
    const first = gate();
    const slow = write(`first ${tag}`, first.wait); // recorded first, commits last
    await new Promise((resolve) => setTimeout(resolve, 50));
    await write(`second ${tag}`);
    expect(ours(tag, await poll())).toEqual([`second ${tag}`]);
    first.open();
    await slow;
    expect(ours(tag, await poll())).toEqual([`first ${tag}`]);
    expect(ours(tag, await poll())).toEqual([]);
  });

  it('holds back a later commit while an earlier position is not yet visible', async () => {
    const tag = randomUUID();
    const poll = poller(t, () => ag.token(Role.VIEWER));
    await poll();
    const hold = gate();
    heldAtCommit = hold.wait;
    const held = write(`held ${tag}`, undefined, 'hold-at-commit'); // positions taken, commit held
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = write(`next ${tag}`); // waits for the position lock: cannot commit first
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ours(tag, await poll())).toEqual([]);
    hold.open();
    await Promise.all([held, next]);
    heldAtCommit = null;
    expect(ours(tag, await poll())).toEqual([`next ${tag}`, `held ${tag}`]);
    expect(ours(tag, await poll())).toEqual([]);
  });

  it('delivers every event of many concurrent writers exactly once to a poller running alongside', async () => {
    const tag = randomUUID();
    const poll = poller(t, () => ag.token(Role.VIEWER));
    await poll();
    const seen: string[] = [];
    let writing = true;
    const polling = (async () => {
      while (writing) {
        seen.push(...ours(tag, await poll()));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const writes = Array.from({ length: 24 }, (_, i) => {
      const pause = new Promise<void>((resolve) => setTimeout(resolve, (i * 37) % 60));
      return write(`w${i} ${tag}`, pause);
    });
    await Promise.all(writes);
    writing = false;
    await polling;
    seen.push(...ours(tag, await poll()));
    expect([...seen].sort()).toEqual(Array.from({ length: 24 }, (_, i) => `w${i} ${tag}`).sort());
  });
});
