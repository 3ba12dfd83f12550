import { SignJWT } from 'jose';
import { Role } from '../src/common/actor.js';
import { agency } from './support/factories.js';
import { listen, RawSocket } from './support/live.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const VIEWER = 'query Me { viewer { subject } }';

/* Issue 15, hole 7: tokens carry iat and live at most AUTH_MAX_TOKEN_LIFETIME_SECONDS (24 h). */
describe('token lifetime', () => {
  let t: TestApp;
  let url: string;
  let agencyId: string;
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (edit: (jwt: SignJWT) => SignJWT) =>
    edit(
      new SignJWT({ org: agencyId, roles: [Role.ADMIN] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('x'),
    ).sign(new TextEncoder().encode(t.config.auth.jwtSecret));

  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t);
    agencyId = (await agency(t)).id;
  });
  afterAll(() => t.close());

  it('has a 24-hour maximum by default', () => {
    expect(t.config.auth.maxTokenLifetimeSeconds).toBe(24 * 3600);
  });

  it('accepts a token living 24 hours and refuses a 100-year token with UNAUTHENTICATED', async () => {
    ok(await t.gql(VIEWER, {}, await sign((j) => j.setIssuedAt().setExpirationTime('24h'))));
    const century = await sign((j) => j.setIssuedAt().setExpirationTime(now() + 100 * 365 * 86400));
    const response = await t.gql(VIEWER, {}, century);
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0].message).toMatch(/lives longer than the accepted 86400 seconds/);
    expect(response.data).toBeNull();
  });

  it('refuses a token without iat', async () => {
    const response = await t.gql(VIEWER, {}, await sign((j) => j.setExpirationTime('5m')));
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0].message).toMatch(/iat/);
  });

  it('refuses a short-lived token issued in the future (a lifetime starting in ten years)', async () => {
    const later = now() + 10 * 365 * 86400;
    const response = await t.gql(
      VIEWER,
      {},
      await sign((j) => j.setIssuedAt(later).setExpirationTime(later + 600)),
    );
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
  });

  it('closes a socket opened with a 100-year token or a token without iat (4403)', async () => {
    for (const token of [
      await sign((j) => j.setIssuedAt().setExpirationTime(now() + 100 * 365 * 86400)),
      await sign((j) => j.setExpirationTime('5m')),
    ]) {
      const socket = await RawSocket.open(url);
      socket.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
      expect((await socket.closed).code).toBe(4403);
    }
  });

  it('refuses a configured maximum below the default too', async () => {
    const short = await createTestApp({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: '600' });
    try {
      const id = (await agency(short)).id;
      ok(await short.gql(VIEWER, {}, await short.token(id, Role.VIEWER, { ttl: '10m' })));
      expect(errorCode(await short.gql(VIEWER, {}, await short.token(id, Role.VIEWER, { ttl: '11m' })))).toBe(
        'UNAUTHENTICATED',
      );
    } finally {
      await short.close();
    }
  });
});
