import { Role } from '../src/common/actor.js';
import { agency, newSupplier } from './support/factories.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const LIST = `{ organizations(first: 30) { edges { node { name } } } }`; // more than half the budget of 100

describe('per-organisation cost budget', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_COST_PER_MINUTE: '100' });
  });
  afterAll(() => t.close());

  it('answers RATE_LIMITED with a retry time once an organisation has spent its budget, and only for it', async () => {
    const first = await newSupplier(t);
    const other = await newSupplier(t);
    const token = await first.token(Role.VIEWER);
    ok(await t.gql(LIST, {}, token));
    const limited = await t.gql(LIST, {}, token);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    ok(await t.gql(LIST, {}, await other.token(Role.VIEWER)));
  });

  it('does not charge refused queries', async () => {
    const supplier = await newSupplier(t);
    const token = await supplier.token(Role.VIEWER);
    expect(errorCode(await t.gql(`{ organizations(first: 101) { totalCount } }`, {}, token))).toBe(
      'BAD_USER_INPUT',
    );
    ok(await t.gql(LIST, {}, token));
  });
});

describe('database pool exhausted', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DB_POOL_SIZE: '1' });
  });
  afterAll(() => t.close());

  it('answers a retryable SERVICE_UNAVAILABLE within about 2 s instead of hanging', async () => {
    const token = await (await agency(t)).token(Role.VIEWER);
    ok(await t.gql(LIST, {}, token)); // the token's organisation is now cached: auth needs no connection
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      const started = Date.now();
      const response = await t.gql(LIST, {}, token);
      const elapsed = Date.now() - started;
      expect(errorCode(response)).toBe('SERVICE_UNAVAILABLE');
      expect(response.errors?.[0].extensions).toMatchObject({ retryable: true, retryAfterSeconds: 1 });
      expect(elapsed).toBeLessThan(2100 + 400);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    ok(await t.gql(LIST, {}, token));
  });
});
