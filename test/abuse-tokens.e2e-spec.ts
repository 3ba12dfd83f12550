import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { agency, randomOrgNumber } from './support/factories.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

/*
 * Token abuse against an app that trusts only an identity provider's JWKS (no shared secret):
 * every forged or malformed token is UNAUTHENTICATED and never reaches a resolver, which is
 * proven by a mutation that would otherwise write an audit entry under the token's subject.
 */

const ISSUER = 'https://idp.example';
const AUDIENCE = 'registry';
const REGISTER = `mutation($name: String!, $orgNumber: String!) {
  registerOrganization(kind: SUPPLIER, name: $name, orgNumber: $orgNumber) { id }
}`;

describe('token abuse against a JWKS-only configuration', () => {
  let t: TestApp;
  let server: Server;
  let serving = true;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;
  let publicPem: string;
  let publicJwk: Record<string, unknown>;
  let agencyId: string;

  beforeAll(async () => {
    keys = await generateKeyPair('RS256', { extractable: true });
    publicPem = await exportSPKI(keys.publicKey);
    publicJwk = { ...(await exportJWK(keys.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    server = createServer((_, res) => {
      if (!serving) {
        res.destroy();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    t = await createTestApp({
      AUTH_JWT_SECRET: '',
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
    });
    agencyId = (await agency(t)).id;
  });
  afterAll(async () => {
    await t.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const claims = (sub: string, extra: Record<string, unknown> = {}) => ({
    sub,
    org: agencyId,
    roles: ['ADMIN'],
    ...extra,
  });

  const rs256 = (payload: Record<string, unknown>, kid = 'key-1', key = keys.privateKey) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  const hs256 = (payload: Record<string, unknown>, secret: string) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(secret));

  const auditEntriesBy = async (sub: string) =>
    Number(
      (
        await t.dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM audit_entry WHERE actor_subject = $1`,
          [sub],
        )
      )[0].n,
    );

  /** Calls the mutation with the token; answers the error code and whether it was audited. */
  async function attempt(token: string, sub: string) {
    const name = `abuse ${randomUUID().slice(0, 8)} AB`;
    const response = await t.gql(REGISTER, { name, orgNumber: randomOrgNumber() }, token);
    const created = await t.dataSource.query(`SELECT 1 FROM organization WHERE name = $1`, [name]);
    return { response, audited: await auditEntriesBy(sub), created: created.length };
  }

  it('loads the config with AUTH_JWT_SECRET="" as no secret', () => {
    expect(t.config.auth.jwtSecret).toBeUndefined();
    expect(t.config.auth.jwksUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  it('runs the mutation for a genuine token (the control: the probe can see a write)', async () => {
    const sub = `genuine-${randomUUID()}`;
    const { response, audited, created } = await attempt(await rs256(claims(sub)), sub);
    ok(response);
    expect(audited).toBe(1);
    expect(created).toBe(1);
  });

  const forged: [string, (sub: string) => Promise<string>][] = [
    ['HS256 signed with the JWKS public key (PEM)', (sub) => hs256(claims(sub), publicPem)],
    [
      'HS256 signed with the JWKS public key (JWK JSON)',
      (sub) => hs256(claims(sub), JSON.stringify(publicJwk)),
    ],
    ['HS256 signed with the JWK modulus', (sub) => hs256(claims(sub), String(publicJwk.n))],
    ['an unknown kid', (sub) => rs256(claims(sub), 'key-2')],
    [
      'the right kid signed by another key',
      async (sub) => rs256(claims(sub), 'key-1', (await generateKeyPair('RS256')).privateKey),
    ],
    ['roles that are not a list', (sub) => rs256(claims(sub, { roles: 'ADMIN' }))],
    ['roles as an object', (sub) => rs256(claims(sub, { roles: { ADMIN: true } }))],
    ['a missing org', (sub) => rs256({ sub, roles: ['ADMIN'] })],
    ['an empty org', (sub) => rs256(claims(sub, { org: '' }))],
    ['an org that is not a string', (sub) => rs256(claims(sub, { org: { id: agencyId } }))],
  ];

  it.each(forged)('refuses %s with UNAUTHENTICATED and writes nothing', async (_, make) => {
    const sub = `forged-${randomUUID()}`;
    const { response, audited, created } = await attempt(await make(sub), sub);
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(response.data).toBeNull();
    expect(audited).toBe(0);
    expect(created).toBe(0);
  });

  it('keeps accepting fetched keys after the JWKS goes down, and refuses unknown kids', async () => {
    // key-1 is cached by the earlier tests; from now on the identity provider is unreachable.
    serving = false;
    server.closeAllConnections();
    const sub = `cached-${randomUUID()}`;
    const cached = await attempt(await rs256(claims(sub)), sub);
    ok(cached.response);
    expect(cached.audited).toBe(1);

    const unknownSub = `unknown-kid-${randomUUID()}`;
    const started = Date.now();
    const unknown = await attempt(await rs256(claims(unknownSub), 'key-rotated'), unknownSub);
    expect(errorCode(unknown.response)).toBe('UNAUTHENTICATED');
    expect(unknown.audited).toBe(0);
    expect(unknown.created).toBe(0);
    // An unreachable provider must not hold requests for long (jose's fetch timeout is 5 s).
    expect(Date.now() - started).toBeLessThan(6000);

    const forgedSub = `down-forged-${randomUUID()}`;
    const forged = await attempt(await hs256(claims(forgedSub), publicPem), forgedSub);
    expect(errorCode(forged.response)).toBe('UNAUTHENTICATED');
    expect(forged.audited).toBe(0);
  });
});
