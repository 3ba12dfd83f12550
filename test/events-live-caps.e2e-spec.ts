import { setTimeout as sleep } from 'node:timers/promises';
import { Role } from '../src/common/actor.js';
import { SocketClose } from '../src/api/graphql/socket-server.js';
import { agency, newSupplier } from './support/factories.js';
import { listen, RawSocket } from './support/live.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

const LIVE = 'subscription Live { registryEvents { message } }';
const REVOKE = `mutation Revoke($organizationId: ID!, $subject: String, $issuedBefore: DateTime!) {
  revokeTokens(organizationId: $organizationId, subject: $subject, issuedBefore: $issuedBefore)
}`;

/* Issue 15, hole 4: caps per connection and per organisation; the token checked on each subscribe. */
describe('socket caps and the token on subscribe', () => {
  let t: TestApp;
  let url: string;
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    // A long periodic re-check: what is seen below comes from the check at subscribe.
    t = await createTestApp({
      SOCKET_MAX_SUBSCRIPTIONS: '2',
      SOCKET_MAX_CONNECTIONS_PER_ORGANIZATION: '2',
      SOCKET_TOKEN_RECHECK_SECONDS: '60',
    });
    url = await listen(t);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  async function open(token: string): Promise<RawSocket> {
    const socket = await RawSocket.open(url);
    sockets.push(socket);
    await socket.init(token);
    return socket;
  }

  it('refuses a third subscription on one connection (RATE_LIMITED) until one completes', async () => {
    const socket = await open(await (await agency(t)).token(Role.VIEWER));
    for (const id of ['a', 'b', 'c']) {
      socket.send({ id, type: 'subscribe', payload: { query: LIVE } });
      await sleep(300);
    }
    const refused = await socket.next((m) => m.type === 'error' && m.id === 'c');
    expect(refused.payload).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/At most 2 subscriptions/),
        extensions: expect.objectContaining({ code: 'RATE_LIMITED' }),
      }),
    ]);
    expect(socket.messages.filter((m) => m.type === 'error' && m.id !== 'c')).toEqual([]);
    socket.send({ id: 'a', type: 'complete' });
    await sleep(200);
    socket.send({ id: 'd', type: 'subscribe', payload: { query: LIVE } });
    await sleep(500);
    expect(socket.messages.filter((m) => m.id === 'd' && m.type === 'error')).toEqual([]);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });

  it('closes a third connection of one organisation with 4430; other organisations still connect', async () => {
    const supplier = await newSupplier(t);
    await open(await supplier.token(Role.VIEWER, 'one'));
    await open(await supplier.token(Role.VIEWER, 'two'));
    const third = await RawSocket.open(url);
    sockets.push(third);
    third.send({
      type: 'connection_init',
      payload: { authorization: `Bearer ${await supplier.token(Role.VIEWER)}` },
    });
    const closed = await third.closed;
    expect(closed.code).toBe(SocketClose.TOO_MANY_CONNECTIONS);
    expect(closed.reason).toMatch(/at most 2 per organisation/);
    const other = await newSupplier(t);
    await open(await other.token(Role.VIEWER));
  });

  it('a closed connection frees its place', async () => {
    const supplier = await newSupplier(t);
    const first = await open(await supplier.token(Role.VIEWER));
    await open(await supplier.token(Role.VIEWER));
    first.close();
    await first.closed;
    await sleep(200);
    await open(await supplier.token(Role.VIEWER));
  });

  it('checks the token again on subscribe: a revoked token is closed with 4403 at its next subscribe', async () => {
    const supplier = await newSupplier(t);
    const socket = await open(await supplier.token(Role.VIEWER, 'eve'));
    await sleep(1100);
    const agencyAdmin = await (await agency(t)).token(Role.ADMIN);
    ok(
      await t.gql(
        REVOKE,
        { organizationId: supplier.id, subject: 'eve', issuedBefore: new Date().toISOString() },
        agencyAdmin,
      ),
    );
    socket.send({ id: 'late', type: 'subscribe', payload: { query: LIVE } });
    expect(await socket.closed).toEqual({ code: 4403, reason: 'Token revoked' });
  });
});
