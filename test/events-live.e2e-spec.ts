import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '../src/common/actor.js';
import { RegistryEventType } from '../src/events/dto/registry-event-type.enum.js';
import { MAX_SOCKET_FRAME_BYTES, SocketClose } from '../src/api/graphql/socket-server.js';
import { agency, municipality, newSupplier } from './support/factories.js';
import { recordEvents } from './support/events.js';
import { listen, RawSocket } from './support/live.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const SUBSCRIPTION = `subscription($types: [RegistryEventType!]) {
  registryEvents(types: $types) { id type message occurredAt }
}`;

describe('events: live subscription over graphql-ws', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t);
  });
  afterAll(() => t.close());

  it('delivers visible events to a graphql-ws client, filtered by type and audience', async () => {
    const [ag, supplier, stockholm] = await Promise.all([agency(t), newSupplier(t), municipality(t, '0180')]);
    const received: { message: string; type: string }[] = [];
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await stockholm.token(Role.VIEWER)}` },
      retryAttempts: 0,
    });
    const tag = randomUUID();
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe<{ registryEvents: { message: string; type: string } }>(
        { query: SUBSCRIPTION, variables: { types: ['STATUS_CHANGED', 'BASELINE_PUBLISHED'] } },
        {
          next: (value) => {
            received.push(value.data!.registryEvents);
            if (value.data!.registryEvents.message === `last ${tag}`) resolve();
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await new Promise((r) => setTimeout(r, 300)); // the subscription is registered
    await recordEvents(t, ag, [
      { type: RegistryEventType.STATUS_CHANGED, message: `not for us ${tag}`, audience: [supplier.uuid] },
      { type: RegistryEventType.INCIDENT_REPORTED, message: `other type ${tag}`, audience: [stockholm.uuid] },
      { type: RegistryEventType.STATUS_CHANGED, message: `ours ${tag}`, audience: [stockholm.uuid] },
      { type: RegistryEventType.BASELINE_PUBLISHED, message: `last ${tag}`, audience: 'ALL' },
    ]);
    await done;
    await client.dispose();
    expect(received.filter((e) => e.message.endsWith(tag)).map((e) => e.message)).toEqual([
      `ours ${tag}`,
      `last ${tag}`,
    ]);
  });

  it('refuses a bad or missing token at connection init with 4403', async () => {
    const bad = await RawSocket.open(url);
    bad.send({ type: 'connection_init', payload: { authorization: 'Bearer not-a-token' } });
    expect((await bad.closed).code).toBe(SocketClose.FORBIDDEN);

    const none = await RawSocket.open(url);
    none.send({ type: 'connection_init', payload: {} });
    expect((await none.closed).code).toBe(SocketClose.FORBIDDEN);
  });

  it('closes a connection that does not initialise within 3 s', async () => {
    const idle = await RawSocket.open(url);
    const started = Date.now();
    const closed = await idle.closed;
    expect(closed.code).toBe(SocketClose.INIT_TIMEOUT);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(Date.now() - started).toBeLessThan(4500);
  });

  it('refuses queries and mutations on the socket', async () => {
    const supplier = await newSupplier(t);
    const socket = await RawSocket.open(url);
    await socket.init(await supplier.token(Role.ADMIN));
    socket.send({ id: 'q', type: 'subscribe', payload: { query: '{ viewer { organization { id } } }' } });
    socket.send({
      id: 'm',
      type: 'subscribe',
      payload: { query: 'mutation { removeWebhook(id: "x") }' },
    });
    const q = await socket.next((m) => m.id === 'q');
    const m = await socket.next((m) => m.id === 'm');
    expect(q.type).toBe('error');
    expect(m.type).toBe('error');
    expect(JSON.stringify(q.payload)).toMatch(/Invalid operation: query/);
    expect(JSON.stringify(m.payload)).toMatch(/Invalid operation: mutation/);
    socket.close();
  });

  it('applies the HTTP validation rules and limits to socket operations', async () => {
    const supplier = await newSupplier(t);
    const socket = await RawSocket.open(url);
    await socket.init(await supplier.token(Role.VIEWER));
    const deep = `subscription { registryEvents { ${'... on RegistryEvent { '.repeat(12)} message ${'} '.repeat(12)} } }`;
    socket.send({ id: 'deep', type: 'subscribe', payload: { query: deep } });
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: message`).join(' ');
    socket.send({
      id: 'alias',
      type: 'subscribe',
      payload: { query: `subscription { registryEvents { ${aliases} } }` },
    });
    socket.send({
      id: 'unknown',
      type: 'subscribe',
      payload: { query: 'subscription { registryEvents { nope } }' },
    });
    const tokens = `subscription { registryEvents { ${'message '.repeat(2100)} } }`;
    socket.send({ id: 'tokens', type: 'subscribe', payload: { query: tokens } });
    const expected: Record<string, RegExp> = {
      deep: /depth/i,
      alias: /alias/i,
      unknown: /Cannot query field "nope"/,
      tokens: /tokens/i,
    };
    for (const [id, message] of Object.entries(expected)) {
      const answer = await socket.next((m) => m.id === id);
      expect(answer.type).toBe('error');
      const [error] = answer.payload as { message: string; extensions?: { code?: string } }[];
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toMatch(message);
    }
    socket.close();
  });

  it('closes the socket on a frame above 64 kB', async () => {
    const supplier = await newSupplier(t);
    const socket = await RawSocket.open(url);
    await socket.init(await supplier.token(Role.VIEWER));
    socket.send({
      id: 'big',
      type: 'subscribe',
      payload: { query: SUBSCRIPTION, variables: { pad: 'x'.repeat(MAX_SOCKET_FRAME_BYTES) } },
    });
    expect((await socket.closed).code).toBe(1009);
  });

  it('refuses a second connection_init with 4429', async () => {
    const supplier = await newSupplier(t);
    const socket = await RawSocket.open(url);
    await socket.init(await supplier.token(Role.VIEWER));
    socket.send({ type: 'connection_init', payload: {} });
    expect((await socket.closed).code).toBe(SocketClose.TOO_MANY_INITS);
  });
});
