import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../src/events/clock.js';
import { RegistryEventType } from '../src/events/dto/registry-event-type.enum.js';
import type { EventInput } from '../src/events/events.service.js';
import { EventScheduler } from '../src/events/scheduler/event-scheduler.js';
import type { ScheduledEventSource, ScheduledMarks } from '../src/events/scheduler/scheduled-event-source.js';
import { newPublicBody } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const DAY = 86_400_000;

/** Stands in for the evidence module: items with a validUntil, EXPIRING at 30 and 7 days, EXPIRED after. */
function expirySource(
  name: string,
  items: { id: string; validUntil: Date; owner: string }[],
): ScheduledEventSource {
  return {
    name,
    async collect(_em: EntityManager, now: Date, marks: ScheduledMarks): Promise<EventInput[]> {
      const due: { key: string; input: EventInput }[] = [];
      for (const item of items) {
        const left = item.validUntil.getTime() - now.getTime();
        const stage = left <= 0 ? 'expired' : left <= 7 * DAY ? '7' : left <= 30 * DAY ? '30' : null;
        if (!stage) continue;
        due.push({
          key: `${item.id}:${stage}`,
          input: {
            type:
              stage === 'expired' ? RegistryEventType.EVIDENCE_EXPIRED : RegistryEventType.EVIDENCE_EXPIRING,
            message: `Evidence ${item.id}: ${stage === 'expired' ? 'expired' : `expires within ${stage} days`}`,
            audience: [item.owner],
          },
        });
      }
      const fresh = await marks.claim(due.map((d) => d.key));
      return due.filter((d) => fresh.has(d.key)).map((d) => d.input);
    },
  };
}

async function messages(t: TestApp, like: string): Promise<string[]> {
  const rows = await t.dataSource.query<{ message: string }[]>(
    `SELECT message FROM registry_event WHERE message LIKE $1 ORDER BY occurred_at, message`,
    [`%${like}%`],
  );
  return rows.map((r) => r.message);
}

describe('events: scheduler for time-based events', () => {
  let t: TestApp;
  let now: Date;
  beforeAll(async () => {
    // A database of its own: the scheduler here runs at a moved clock (see scratchDatabase).
    t = await createTestApp({}, { ownDatabase: true });
    now = new Date();
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  });
  afterAll(() => t.close());

  it('records each time-based event once and catches up after downtime', async () => {
    const owner = await newPublicBody(t);
    const tag = randomUUID();
    const scheduler = t.app.get(EventScheduler);
    const name = `test-expiry-${tag.slice(0, 8)}`;
    scheduler.register(
      expirySource(name, [{ id: tag, validUntil: new Date(now.getTime() + 40 * DAY), owner: owner.uuid }]),
    );
    try {
      await scheduler.runOnce();
      expect(await messages(t, tag)).toEqual([]);
      now = new Date(now.getTime() + 11 * DAY); // 29 days left
      await scheduler.runOnce();
      await scheduler.runOnce();
      expect(await messages(t, tag)).toEqual([`Evidence ${tag}: expires within 30 days`]);
      // Down for 30 days: the expiry fell due meanwhile (the 7-day warning is moot); one pass catches up.
      now = new Date(now.getTime() + 30 * DAY);
      await scheduler.runOnce();
      await scheduler.runOnce();
      expect((await messages(t, tag)).sort()).toEqual([
        `Evidence ${tag}: expired`,
        `Evidence ${tag}: expires within 30 days`,
      ]);
      const [row] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM registry_event_recipient r JOIN registry_event e ON e.id = r.event_id
         WHERE e.message LIKE $1 AND r.organization_id = $2`,
        [`%${tag}%`, owner.uuid],
      );
      expect(row.n).toBe(2);
    } finally {
      scheduler.unregister(name);
    }
  });

  it('runs a source on one instance at a time: concurrent passes record each event once', async () => {
    const owner = await newPublicBody(t);
    const second = await createTestApp({}, { databaseUrl: t.databaseUrl });
    try {
      jest.spyOn(second.app.get(Clock), 'now').mockImplementation(() => new Date(now));
      const tag = randomUUID();
      const items = Array.from({ length: 50 }, (_, i) => ({
        id: `${tag}-${i}`,
        validUntil: new Date(now.getTime() - DAY),
        owner: owner.uuid,
      }));
      const name = `test-concurrent-${tag.slice(0, 8)}`;
      const slow = (source: ScheduledEventSource): ScheduledEventSource => ({
        name: source.name,
        async collect(em, at, marks, tx) {
          const result = await source.collect(em, at, marks, tx);
          await new Promise((r) => setTimeout(r, 200)); // hold the lock while the other instance tries
          return result;
        },
      });
      t.app.get(EventScheduler).register(slow(expirySource(name, items)));
      second.app.get(EventScheduler).register(slow(expirySource(name, items)));
      const [a, b] = await Promise.all([
        t.app.get(EventScheduler).runOnce(),
        second.app.get(EventScheduler).runOnce(),
      ]);
      const runs = [...a, ...b].filter((r) => r.source === name);
      expect(runs.filter((r) => r.ran)).toHaveLength(1);
      expect(await messages(t, tag)).toHaveLength(50);
      await Promise.all([t.app.get(EventScheduler).runOnce(), second.app.get(EventScheduler).runOnce()]);
      expect(await messages(t, tag)).toHaveLength(50);
      t.app.get(EventScheduler).unregister(name);
    } finally {
      await second.close();
    }
  });
});
