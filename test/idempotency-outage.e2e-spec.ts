import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { Role } from '../src/common/actor.js';
import { agency, randomOrgNumber } from './support/factories.js';
import { createTestApp, scratchDatabase, type TestApp } from './support/test-app.js';

/*
 * Issue 15, hole 9: when the database goes away, a write carrying an Idempotency-Key is answered
 * with the retryable SERVICE_UNAVAILABLE and no internal detail, never HTTP 500 with
 * "connect ECONNREFUSED <address>". The app's pool is pointed at a port nobody listens on and its
 * connections are ended, as after a database restart that has not come back yet.
 */

const REGISTER = `mutation Register($name: String!, $orgNumber: String!) {
  registerOrganization(kind: SUPPLIER, name: $name, orgNumber: $orgNumber) { id }
}`;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Idempotency-Key writes while the database is down', () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let admin: string;

  beforeAll(async () => {
    db = await scratchDatabase();
    t = await createTestApp({}, { databaseUrl: db.url });
    admin = await (await agency(t)).token(Role.ADMIN, 'outage-admin');
    // The database "restarts" and does not come back on the address the pool knows.
    const pool = (
      t.dataSource.driver as unknown as {
        master: pg.Pool & { options: { port?: number; connectionString?: string } };
      }
    ).master;
    const port = await closedPort();
    const gone = new URL(db.url);
    gone.port = String(port);
    pool.options.port = port;
    pool.options.connectionString = gone.toString();
    const admin2 = new pg.Client({ connectionString: db.url.replace(/\/[^/]*$/, '/postgres') });
    await admin2.connect();
    await admin2.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
      db.name,
    ]);
    await admin2.end();
    await new Promise((resolve) => setTimeout(resolve, 200));
  });
  afterAll(async () => {
    await t.close().catch(() => undefined);
    await db.drop();
  });

  it.each([
    ['with an Idempotency-Key', { 'idempotency-key': 'outage-1' }],
    ['without one', {}],
  ])('a write %s is SERVICE_UNAVAILABLE, retryable, with no address', async (_label, extra) => {
    const response = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, ...extra },
        payload: JSON.stringify({
          query: REGISTER,
          variables: { name: 'Outage AB', orgNumber: randomOrgNumber() },
        }),
      });
    expect(response.statusCode).not.toBe(500);
    expect(response.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:\d{4,5}\b|connect /);
    const body = response.json<{ errors: { extensions: { code: string; retryable?: boolean } }[] }>();
    expect(body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors[0].extensions.retryable).toBe(true);
  });
});
