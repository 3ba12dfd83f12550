import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { someMunicipalities } from './support/incidents.js';
import { fetchPage, setCookie, type PageResult } from './support/portal.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const PUBLIC_URL = 'http://portal.test';
const CLIENT_ID = 'registry-portal';
const CLIENT_SECRET = `secret-${randomUUID()}`;

/** The people the local identity provider knows: subject → the registry's claims. */
const accounts = new Map<string, { org: string; roles: string[]; onlyInUserInfo?: boolean }>();
/** Who signs in at the provider's next interaction (the test's stand-in for a login form). */
let nextAccount = '';

/**
 * OpenID Connect sign-in against a real local identity provider (oidc-provider 8 on 127.0.0.1):
 * authorization code with PKCE, state and nonce, organisation and roles from the `org` and
 * `roles` claims (here via UserInfo, as a strict provider gives them), the portal's own session.
 */
describe('portal: OpenID Connect sign-in', () => {
  let t: TestApp;
  let server: Server;
  let issuer: string;
  let provider: Provider;
  let handle: ReturnType<Provider['callback']>;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url?.startsWith('/interaction/')) {
        // The user "logs in": the interaction ends with the chosen account.
        void provider.interactionFinished(request, response, { login: { accountId: nextAccount } });
        return;
      }
      handle(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${PUBLIC_URL}/sign-in/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub', 'org', 'roles'] },
      findAccount: async (_ctx: unknown, sub: string) => {
        const account = accounts.get(sub);
        if (!account) return undefined;
        const { onlyInUserInfo, ...claims } = account;
        // Like a strict provider (OIDC Core 5.4), some give org and roles through UserInfo only.
        return {
          accountId: sub,
          claims: async (use: string) =>
            use === 'id_token' && onlyInUserInfo ? { sub } : { sub, ...claims },
        };
      },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      // Consent is given by the organisation: every sign-in of this client is granted `openid`.
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client!.clientId,
          accountId: ctx.oidc.session!.accountId,
        });
        grant.addOIDCScope('openid');
        await grant.save();
        return grant;
      },
      features: { devInteractions: { enabled: false } },
      pkce: { required: () => true },
      cookies: { keys: [randomUUID()] },
      jwks: {
        keys: [
          {
            ...(await exportJWK((await generateKeyPair('RS256', { extractable: true })).privateKey)),
            use: 'sig',
          },
        ],
      },
      ttl: {
        Interaction: 600,
        Grant: 600,
        Session: 600,
        AccessToken: 600,
        IdToken: 600,
        AuthorizationCode: 60,
      },
    });
    handle = provider.callback();
    t = await createTestApp({
      PUBLIC_URL,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
    });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /**
   * Starts a sign-in at the portal, follows the provider's redirects (with its cookies) as a
   * browser would until it sends back to the portal, and delivers that answer (changed by
   * `tamper`) to the portal's callback with the browser's sign-in cookie.
   */
  async function signInAt(subject: string, tamper?: (callback: URL) => void): Promise<PageResult> {
    nextAccount = subject;
    const start = await fetchPage(t, '/sign-in/oidc?next=/my');
    expect(start.status).toBe(303);
    const browserCookie = setCookie(start, 'registry_oidc')!;
    const authorize = new URL(String(start.headers.location));
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    const jar = new Map<string, string>();
    let location = authorize.href;
    for (let hop = 0; hop < 10 && location.startsWith(issuer); hop++) {
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(location, { redirect: 'manual', headers: { cookie } });
      for (const set of response.headers.getSetCookie()) {
        const [pair] = set.split(';');
        const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
        if (value) jar.set(name, value);
        else jar.delete(name);
      }
      expect(response.status).toBeGreaterThanOrEqual(300);
      location = new URL(response.headers.get('location')!, location).href;
    }
    const callback = new URL(location);
    expect(callback.origin + callback.pathname).toBe(`${PUBLIC_URL}/sign-in/oidc/callback`);
    expect(callback.searchParams.get('code')).toBeTruthy();
    tamper?.(callback);
    return fetchPage(t, callback.pathname + callback.search, {
      headers: { cookie: `registry_oidc=${browserCookie}` },
    });
  }

  it('signs a person of an existing municipality in, with the portal session, and shows their page', async () => {
    const [muni] = await someMunicipalities(t, 1);
    const subject = `officer-${randomUUID()}`;
    // The registry id, as in API tokens; unknown roles are dropped as there.
    accounts.set(subject, { org: muni.id, roles: ['VIEWER', 'NOT_A_ROLE'] });

    const signInPage = await fetchPage(t, '/sign-in');
    expect(signInPage.body).toContain('href="/sign-in/oidc?next=');

    const done = await signInAt(subject);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/my');
    const session = setCookie(done, 'registry_session');
    expect(session).toBeTruthy();
    expect(String(done.headers['set-cookie'])).toMatch(/registry_session=[^;]+;.*HttpOnly.*SameSite=Lax/);

    const [row] = await t.dataSource.query<{ organization_id: string; roles: string[] }[]>(
      'SELECT organization_id, roles FROM web_session WHERE subject = $1',
      [subject],
    );
    expect(row).toEqual({ organization_id: muni.uuid, roles: ['VIEWER'] });
    const page = await fetchPage(t, '/my', { headers: { cookie: `registry_session=${session}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain(muni.name);
  });

  it('takes org and roles from UserInfo when the ID token lacks them', async () => {
    const [muni] = await someMunicipalities(t, 1);
    const subject = `officer-${randomUUID()}`;
    accounts.set(subject, { org: muni.uuid, roles: ['EDITOR'], onlyInUserInfo: true });
    const done = await signInAt(subject);
    expect(done.status).toBe(303);
    const [row] = await t.dataSource.query<{ organization_id: string; roles: string[] }[]>(
      'SELECT organization_id, roles FROM web_session WHERE subject = $1',
      [subject],
    );
    expect(row).toEqual({ organization_id: muni.uuid, roles: ['EDITOR'] });
  });

  it('refuses a forged state, and an answer without the browser that asked', async () => {
    const [muni] = await someMunicipalities(t, 1);
    const subject = `officer-${randomUUID()}`;
    accounts.set(subject, { org: muni.uuid, roles: ['ADMIN'] });

    const forged = await signInAt(subject, (callback) => callback.searchParams.set('state', 'forged'));
    expect(forged.status).toBe(403);
    expect(setCookie(forged, 'registry_session')).toBeUndefined();
    expect(forged.body).toContain('Inloggningen kunde inte slutföras');

    nextAccount = subject;
    const start = await fetchPage(t, '/sign-in/oidc');
    const withoutCookie = await fetchPage(t, '/sign-in/oidc/callback?code=abc&state=abc');
    expect(start.status).toBe(303);
    expect(withoutCookie.status).toBe(403);
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM web_session WHERE subject = $1',
      [subject],
    );
    expect(n).toBe(0);
  });

  it('refuses a person whose organisation the registry does not know', async () => {
    const subject = `stranger-${randomUUID()}`;
    accounts.set(subject, { org: randomUUID(), roles: ['ADMIN'] });
    const refused = await signInAt(subject);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('din organisation finns inte i registret');
    expect(setCookie(refused, 'registry_session')).toBeUndefined();
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM web_session WHERE subject = $1',
      [subject],
    );
    expect(n).toBe(0);
  });
});
