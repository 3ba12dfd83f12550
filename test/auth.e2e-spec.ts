import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '../src/common/actor.js';
import { agency, municipality, newSupplier } from './support/factories.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const VIEWER = '{ viewer { subject roles organization { id name kind } } }';

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function hs256(secret: string, claims: Record<string, unknown>, edit?: (jwt: SignJWT) => SignJWT) {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('someone').setIssuedAt();
  jwt = edit ? edit(jwt) : jwt.setExpirationTime('5m');
  return jwt.sign(new TextEncoder().encode(secret));
}

describe('authentication', () => {
  let t: TestApp;
  let secret: string;
  let agencyId: string;

  beforeAll(async () => {
    t = await createTestApp();
    secret = t.config.auth.jwtSecret!;
    agencyId = (await agency(t)).id;
  });
  afterAll(() => t.close());

  it('accepts a token naming the organisation by registry id', async () => {
    const data = ok(await t.gql(VIEWER, {}, await t.token(agencyId, [Role.ADMIN], { sub: 'pseudonym-1' })));
    expect(data.viewer).toEqual({
      subject: 'pseudonym-1',
      roles: ['ADMIN'],
      organization: { id: agencyId, name: expect.any(String), kind: 'AGENCY' },
    });
  });

  it('accepts a token naming the organisation by organisation number', async () => {
    const token = await hs256(secret, { org: t.config.agency.orgNumber, roles: ['VIEWER'] });
    expect(
      ok(await t.gql<{ viewer: { organization: { id: string } } }>(VIEWER, {}, token)).viewer.organization.id,
    ).toBe(agencyId);
  });

  it('ignores unknown roles next to known ones', async () => {
    const token = await hs256(secret, { org: agencyId, roles: ['VIEWER', 'SUPERUSER'] });
    expect(ok(await t.gql<{ viewer: { roles: string[] } }>(VIEWER, {}, token)).viewer.roles).toEqual([
      'VIEWER',
    ]);
  });

  const bad: [string, () => Promise<string>][] = [
    [
      'a wrong signature',
      () => hs256('another-secret-another-secret-another-secret', { org: agencyId, roles: ['ADMIN'] }),
    ],
    [
      'an expired token',
      () =>
        hs256(secret, { org: agencyId, roles: ['ADMIN'] }, (j) =>
          j.setExpirationTime(Math.floor(Date.now() / 1000) - 3600),
        ),
    ],
    ['a token without exp', () => hs256(secret, { org: agencyId, roles: ['ADMIN'] }, (j) => j)],
    [
      'a token not yet valid',
      () =>
        hs256(secret, { org: agencyId, roles: ['ADMIN'] }, (j) =>
          j.setExpirationTime('1h').setNotBefore('30m'),
        ),
    ],
    ['an unknown organisation', () => hs256(secret, { org: '559999-9999', roles: ['ADMIN'] })],
    ['an organisation id of another type', () => hs256(secret, { org: 'UHJvZHVjdDoxMjM', roles: ['ADMIN'] })],
    ['a missing org claim', () => hs256(secret, { roles: ['ADMIN'] })],
    ['no roles', () => hs256(secret, { org: agencyId, roles: [] })],
    ['only unknown roles', () => hs256(secret, { org: agencyId, roles: ['ROOT'] })],
    ['roles that are not a list', () => hs256(secret, { org: agencyId, roles: 'ADMIN' })],
    [
      'alg: none',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', org: agencyId, roles: ['ADMIN'], exp: Math.floor(Date.now() / 1000) + 600 })}.`,
    ],
    [
      'a 16 kB token',
      async () => hs256(secret, { org: agencyId, roles: ['ADMIN'], pad: 'x'.repeat(16 * 1024) }),
    ],
    ['garbage', async () => 'not.a.jwt'],
  ];

  it.each(bad)('refuses %s with UNAUTHENTICATED before any resolver runs', async (_, make) => {
    const response = await t.gql(VIEWER, {}, await make());
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(response.data).toBeNull();
  });

  it('refuses a missing token and a malformed Authorization header', async () => {
    expect(errorCode(await t.gql(VIEWER))).toBe('UNAUTHENTICATED');
    const fastify = t.app.getHttpAdapter().getInstance();
    const response = await fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
      payload: JSON.stringify({ query: VIEWER }),
    });
    expect(response.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses mutations to a token without the required role or kind', async () => {
    const supplier = await newSupplier(t);
    const mutation = `mutation { registerOrganization(kind: SUPPLIER, name: "X AB", orgNumber: "556036-0793") { id } }`;
    expect(errorCode(await t.gql(mutation, {}, await (await agency(t)).token(Role.EDITOR)))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await t.gql(mutation, {}, await supplier.token(Role.ADMIN)))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(mutation, {}, await (await municipality(t)).token(Role.ADMIN)))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('authentication with issuer and audience', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'registry' });
  });
  afterAll(() => t.close());

  it('requires both when configured', async () => {
    const secret = t.config.auth.jwtSecret!;
    const org = (await agency(t)).id;
    const good = await hs256(secret, { org, roles: ['VIEWER'] }, (j) =>
      j.setExpirationTime('5m').setIssuer('https://idp.example').setAudience('registry'),
    );
    ok(await t.gql(VIEWER, {}, good));
    const wrongIssuer = await hs256(secret, { org, roles: ['VIEWER'] }, (j) =>
      j.setExpirationTime('5m').setIssuer('https://evil.example').setAudience('registry'),
    );
    const wrongAudience = await hs256(secret, { org, roles: ['VIEWER'] }, (j) =>
      j.setExpirationTime('5m').setIssuer('https://idp.example').setAudience('other'),
    );
    expect(errorCode(await t.gql(VIEWER, {}, wrongIssuer))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(VIEWER, {}, wrongAudience))).toBe('UNAUTHENTICATED');
  });
});

describe('authentication against an identity provider (JWKS)', () => {
  let t: TestApp;
  let server: Server;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;
  let orgId: string;

  beforeAll(async () => {
    keys = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' };
    server = createServer((_, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    t = await createTestApp({
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      AUTH_ISSUER: 'https://idp.example',
      AUTH_AUDIENCE: 'registry',
    });
    orgId = (await agency(t)).id;
  });
  afterAll(async () => {
    await t.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const sign = (kid: string, key = keys.privateKey) =>
    new SignJWT({ org: orgId, roles: ['VIEWER'] })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject('oidc-user')
      .setIssuer('https://idp.example')
      .setAudience('registry')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  it('accepts a token signed by a key of the JWKS', async () => {
    ok(await t.gql(VIEWER, {}, await sign('key-1')));
  });

  it('refuses an identity-provider token without iat, or living longer than 24 hours', async () => {
    const base = () =>
      new SignJWT({ org: orgId, roles: ['VIEWER'] })
        .setProtectedHeader({ alg: 'ES256', kid: 'key-1' })
        .setSubject('oidc-user')
        .setIssuer('https://idp.example')
        .setAudience('registry');
    const noIat = await base().setExpirationTime('5m').sign(keys.privateKey);
    const long = await base().setIssuedAt().setExpirationTime('25h').sign(keys.privateKey);
    expect(errorCode(await t.gql(VIEWER, {}, noIat))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(VIEWER, {}, long))).toBe('UNAUTHENTICATED');
  });

  it('refuses an unknown kid and a key not in the set', async () => {
    expect(errorCode(await t.gql(VIEWER, {}, await sign('key-2')))).toBe('UNAUTHENTICATED');
    const other = await generateKeyPair('ES256');
    expect(errorCode(await t.gql(VIEWER, {}, await sign('key-1', other.privateKey)))).toBe('UNAUTHENTICATED');
  });
});
