import { setTimeout as sleep } from 'node:timers/promises';
import { Role } from '../src/common/actor.js';
import { agency, newSupplier, type TestOrg } from './support/factories.js';
import { listen, RawSocket } from './support/live.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const VIEWER = 'query Me { viewer { subject } }';
const REVOKE = `mutation Revoke($organizationId: ID!, $subject: String, $issuedBefore: DateTime!) {
  revokeTokens(organizationId: $organizationId, subject: $subject, issuedBefore: $issuedBefore)
}`;

/* Issue 15, hole 7: the agency revokes an organisation's tokens, or one subject's, issued before a time. */
describe('revokeTokens', () => {
  let t: TestApp;
  let url: string;
  let agencyAdmin: string;

  beforeAll(async () => {
    t = await createTestApp({ SOCKET_TOKEN_RECHECK_SECONDS: '1' });
    url = await listen(t);
    agencyAdmin = await (await agency(t)).token(Role.ADMIN);
  });
  afterAll(() => t.close());

  /** Revokes as the agency ADMIN; iat has whole seconds, so the test waits past the second. */
  async function revoke(org: TestOrg, subject?: string): Promise<void> {
    await sleep(1100);
    const variables = { organizationId: org.id, subject, issuedBefore: new Date().toISOString() };
    expect(ok(await t.gql<{ revokeTokens: boolean }>(REVOKE, variables, agencyAdmin)).revokeTokens).toBe(
      true,
    );
    await sleep(1100);
  }

  it('refuses every earlier token of the organisation on HTTP; later tokens work', async () => {
    const supplier = await newSupplier(t);
    const [admin, viewer] = [
      await supplier.token(Role.ADMIN, 'anna'),
      await supplier.token(Role.VIEWER, 'bo'),
    ];
    ok(await t.gql(VIEWER, {}, admin));
    await revoke(supplier);
    for (const token of [admin, viewer]) {
      const response = await t.gql(VIEWER, {}, token);
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
      expect(response.errors?.[0].message).toBe('The token has been revoked');
    }
    ok(await t.gql(VIEWER, {}, await supplier.token(Role.ADMIN, 'anna')));
    // another organisation's tokens are untouched
    const other = await newSupplier(t);
    ok(await t.gql(VIEWER, {}, await other.token(Role.VIEWER)));
  });

  it("the subject variant refuses only that subject's tokens; others in the organisation keep working", async () => {
    const supplier = await newSupplier(t);
    const [anna, bo] = [await supplier.token(Role.ADMIN, 'anna'), await supplier.token(Role.ADMIN, 'bo')];
    await revoke(supplier, 'anna');
    expect(errorCode(await t.gql(VIEWER, {}, anna))).toBe('UNAUTHENTICATED');
    ok(await t.gql(VIEWER, {}, bo));
  });

  it('closes an open socket of a revoked token with 4403 (re-checked periodically)', async () => {
    const supplier = await newSupplier(t);
    const socket = await RawSocket.open(url);
    await socket.init(await supplier.token(Role.VIEWER, 'carl'));
    socket.send({
      id: 's1',
      type: 'subscribe',
      payload: { query: 'subscription Live { registryEvents { message } }' },
    });
    await revoke(supplier, 'carl');
    const closed = await socket.closed;
    expect(closed).toEqual({ code: 4403, reason: 'Token revoked' });
  });

  it('records an audit entry naming the organisation', async () => {
    const supplier = await newSupplier(t);
    await revoke(supplier);
    const rows = await t.ownerQuery<{ action: string }[]>(
      `SELECT action FROM audit_entry WHERE entity_id = $1 AND action LIKE 'tokens.revoked%'`,
      [supplier.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['tokens.revoked']);
  });

  it('is for agency ADMINs only; an unknown organisation is NOT_FOUND; a future time BAD_USER_INPUT', async () => {
    const supplier = await newSupplier(t);
    const variables = { organizationId: supplier.id, issuedBefore: new Date().toISOString() };
    expect(errorCode(await t.gql(REVOKE, variables, await (await agency(t)).token(Role.EDITOR)))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await t.gql(REVOKE, variables, await supplier.token(Role.ADMIN)))).toBe('FORBIDDEN');
    const unknown = {
      ...variables,
      organizationId: 'T3JnYW5pemF0aW9uOjAwMDAwMDAwLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMA',
    };
    expect(errorCode(await t.gql(REVOKE, unknown, agencyAdmin))).toBe('NOT_FOUND');
    const future = { ...variables, issuedBefore: new Date(Date.now() + 3600_000).toISOString() };
    const response = await t.gql(REVOKE, future, agencyAdmin);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.fields).toEqual(['issuedBefore']);
  });

  it('takes effect on another instance sharing the database within the refresh interval', async () => {
    const second = await createTestApp();
    try {
      const supplier = await newSupplier(t);
      const token = await supplier.token(Role.VIEWER, 'dora');
      ok(await second.gql(VIEWER, {}, token));
      await revoke(supplier, 'dora');
      const started = Date.now();
      while (errorCode(await second.gql(VIEWER, {}, token)) !== 'UNAUTHENTICATED') {
        expect(Date.now() - started).toBeLessThan(25_000);
        await sleep(500);
      }
    } finally {
      await second.close();
    }
  }, 60_000);
});
