import { Role } from '../src/common/actor.js';
import { agency, newPublicBody, randomOrgNumber, type TestOrg } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/*
 * Issue 15, hole 2: a stored answer is replayed only to the caller who made the request (same
 * subject, same roles), never holds a secret or a one-time URL, expires after 24 hours, and a
 * concurrent retry is never a spurious CONFLICT.
 */

const REGISTER = `mutation RegisterWebhook($input: RegisterWebhookInput!) {
  registerWebhook(input: $input) { id secret }
}`;
const REGISTER_ORG = `mutation Register($name: String!, $orgNumber: String!) {
  registerOrganization(kind: SUPPLIER, name: $name, orgNumber: $orgNumber) { id }
}`;
// An address literal of a public host: no DNS needed, allowed as a webhook target.
const INPUT = { input: { url: 'https://93.184.215.14/hook', eventTypes: ['STATUS_CHANGED'] } };

describe('Idempotency-Key replays', () => {
  let t: TestApp;
  let body: TestOrg;

  beforeAll(async () => {
    t = await createTestApp();
    body = await newPublicBody(t);
  });
  afterAll(() => t.close());

  const send = (key: string, token: string, query = REGISTER, variables: object = INPUT) =>
    t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: '/graphql',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': key,
        },
        payload: JSON.stringify({ query, variables }),
      });

  it('never replays an ADMIN’s answer to a VIEWER resending the body and key', async () => {
    const key = `hook-${randomOrgNumber()}`;
    const first = await send(key, await body.token(Role.ADMIN, 'alice'));
    expect(first.json().data.registerWebhook.secret).toMatch(/^whsec_/);
    const viewer = await send(key, await body.token(Role.VIEWER, 'mallory'));
    expect(viewer.headers['idempotent-replayed']).toBeUndefined();
    expect(viewer.body).not.toContain('whsec_');
    expect(viewer.json().data?.registerWebhook ?? null).toBeNull();
  });

  it('replays to the same caller without the secret, and keeps no secret at rest', async () => {
    const key = `hook-${randomOrgNumber()}`;
    const admin = await body.token(Role.ADMIN, 'alice');
    const first = await send(key, admin);
    const { id, secret } = first.json().data.registerWebhook;
    const replay = await send(key, admin);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().data.registerWebhook).toEqual({ id, secret: null });
    expect(replay.json().extensions.idempotentReplay.redacted).toEqual(['secret']);
    const stored = await t.dataSource.query<{ response: string }[]>(
      'SELECT response FROM idempotency_key WHERE key = $1',
      [key],
    );
    expect(stored[0].response).not.toContain(secret);
  });

  it('forgets a key after 24 hours: the same key runs a new request', async () => {
    const key = `hook-${randomOrgNumber()}`;
    const admin = await body.token(Role.ADMIN, 'alice');
    const first = (await send(key, admin)).json().data.registerWebhook.id;
    await t.dataSource.query(
      `UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = $1`,
      [key],
    );
    const later = await send(key, admin);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.json().data.registerWebhook.id).not.toBe(first);
  });

  it('answers concurrent retries with the first answer or a retryable error, never CONFLICT', async () => {
    const key = `org-${randomOrgNumber()}`;
    const admin = await (await agency(t)).token(Role.ADMIN);
    const variables = { name: 'Concurrent AB', orgNumber: randomOrgNumber() };
    const answers = await Promise.all([1, 2, 3].map(() => send(key, admin, REGISTER_ORG, variables)));
    const codes = answers.map((a) => a.json().errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes).not.toContain('CONFLICT');
    expect(codes).toContain('OK');
    for (const a of answers.filter((x) => x.json().errors)) {
      expect(a.json().errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    }
    const [{ count }] = await t.dataSource.query<{ count: string }[]>(
      'SELECT count(*) FROM organization WHERE org_number = $1',
      [variables.orgNumber],
    );
    expect(Number(count)).toBe(1);
  });
});
