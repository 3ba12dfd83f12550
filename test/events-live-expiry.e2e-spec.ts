import { Role } from '../src/common/actor.js';
import { agency } from './support/factories.js';
import { listen, RawSocket } from './support/live.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/* Issue 15, hole 4 (part): a socket does not outlive its token; it is closed with 4403. */
describe('Sockets and token expiry', () => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t);
  });
  afterAll(() => t.close());

  it('closes the socket with 4403 when the token expires', async () => {
    const ag = await agency(t);
    const token = await t.token(ag.id, Role.VIEWER, { ttl: '3s' });
    const socket = await RawSocket.open(url);
    await socket.init(token);
    socket.send({
      id: 'e1',
      type: 'subscribe',
      payload: { query: 'subscription Live { registryEvents { message } }' },
    });
    const closed = await socket.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toBe('Token expired');
  });
});
