/*
 * NEEDS REDIS: two service instances against one database, live events through Redis pub/sub.
 * Run with `npm run test:instances` (REDIS_URL, default redis://127.0.0.1:6379).
 */
import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '../../src/common/actor.js';
import { RegistryEventType } from '../../src/events/dto/registry-event-type.enum.js';
import type { EventInput } from '../../src/events/events.service.js';
import { EventScheduler } from '../../src/events/scheduler/event-scheduler.js';
import { agency, newPublicBody } from '../support/factories.js';
import { recordEvents } from '../support/events.js';
import { listen } from '../support/live.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function requireRedis(): Promise<void> {
  const url = new URL(REDIS_URL);
  const socket = new Socket();
  const reachable = await new Promise<boolean>((resolve) => {
    socket.setTimeout(1000);
    socket.once('connect', () => resolve(true));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => resolve(false));
    socket.connect(Number(url.port || 6379), url.hostname);
  });
  socket.destroy();
  if (!reachable) {
    throw new Error(
      `test:instances needs Redis at ${REDIS_URL} (set REDIS_URL, or start redis-server locally); it is not reachable.`,
    );
  }
}

/** Subscribes on one instance and resolves with the first event whose message contains `tag`. */
async function firstEvent(url: string, token: string, tag: string, timeoutMs: number) {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  let ready!: () => void;
  const subscribed = new Promise<void>((r) => (ready = r));
  const received = new Promise<string | null>((resolve, reject) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    client.on('connected', () => setTimeout(ready, 300));
    client.subscribe<{ registryEvents: { message: string } }>(
      { query: 'subscription { registryEvents { message } }' },
      {
        next: (value) => {
          if (value.data?.registryEvents.message.includes(tag)) {
            clearTimeout(timer);
            resolve(value.data.registryEvents.message);
          }
        },
        error: reject,
        complete: () => undefined,
      },
    );
  });
  return { subscribed, received, dispose: () => client.dispose() };
}

describe('events across instances (needs Redis)', () => {
  let a: TestApp;
  let b: TestApp;
  let urlB: string;
  beforeAll(async () => {
    await requireRedis();
    a = await createTestApp({ REDIS_URL });
    b = await createTestApp({ REDIS_URL });
    await listen(a);
    urlB = await listen(b);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('delivers an event raised on one instance to a subscriber connected to the other', async () => {
    const [ag, org] = await Promise.all([agency(a), newPublicBody(a)]);
    const tag = randomUUID();
    const live = await firstEvent(urlB, await org.token(Role.VIEWER), tag, 5000);
    await live.subscribed;
    await recordEvents(a, ag, {
      type: RegistryEventType.STATUS_CHANGED,
      message: `across ${tag}`,
      audience: [org.uuid],
    });
    expect(await live.received).toBe(`across ${tag}`);
    await live.dispose();
  });

  it('without Redis, the same event does not cross (the control)', async () => {
    const alone = await createTestApp();
    try {
      const urlAlone = await listen(alone);
      const [ag, org] = await Promise.all([agency(a), newPublicBody(a)]);
      const tag = randomUUID();
      const live = await firstEvent(urlAlone, await org.token(Role.VIEWER), tag, 1500);
      await live.subscribed;
      await recordEvents(a, ag, {
        type: RegistryEventType.STATUS_CHANGED,
        message: `local ${tag}`,
        audience: [org.uuid],
      });
      expect(await live.received).toBeNull();
      await live.dispose();
    } finally {
      await alone.close();
    }
  });

  it('records a scheduled expiry once when both instances run the scheduler', async () => {
    const org = await newPublicBody(a);
    const tag = randomUUID();
    const source = {
      name: `instances-expiry-${tag.slice(0, 8)}`,
      async collect(_em: unknown, _now: Date, marks: { claim(keys: string[]): Promise<Set<string>> }) {
        const fresh = await marks.claim([`${tag}:expired`]);
        await new Promise((r) => setTimeout(r, 200));
        const input: EventInput = {
          type: RegistryEventType.EVIDENCE_EXPIRED,
          message: `Evidence ${tag}: expired`,
          audience: [org.uuid],
        };
        return fresh.size > 0 ? [input] : [];
      },
    };
    a.app.get(EventScheduler).register(source);
    b.app.get(EventScheduler).register(source);
    await Promise.all([a.app.get(EventScheduler).runOnce(), b.app.get(EventScheduler).runOnce()]);
    await Promise.all([a.app.get(EventScheduler).runOnce(), b.app.get(EventScheduler).runOnce()]);
    const [row] = await a.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM registry_event WHERE message = $1`,
      [`Evidence ${tag}: expired`],
    );
    expect(row.n).toBe(1);
  });
});
