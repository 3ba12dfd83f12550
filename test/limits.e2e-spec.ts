import { Role } from '../src/common/actor.js';
import { agency } from './support/factories.js';
import { createTestApp, errorCode, type TestApp } from './support/test-app.js';

/** Abuse is refused before any resolver runs, with a code and no internals. */
describe('request limits', () => {
  let t: TestApp;
  let token: string;
  let fastify: ReturnType<TestApp['app']['getHttpAdapter']>['getInstance'] extends () => infer F ? F : never;

  beforeAll(async () => {
    t = await createTestApp();
    token = await (await agency(t)).token(Role.VIEWER);
    fastify = t.app.getHttpAdapter().getInstance();
  });
  afterAll(() => t.close());

  const post = (payload: string, headers: Record<string, string> = {}) =>
    fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      payload,
    });

  it('refuses alias overloading', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: viewer { subject }`).join(' ');
    const response = await t.gql(`{ ${aliases} }`, {}, token);
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/Aliases limit/);
  });

  it('refuses 500 duplicated fields and directive overloading', async () => {
    expect(errorCode(await t.gql(`{ viewer { ${'subject '.repeat(500)} } }`, {}, token))).toBe(
      'BAD_USER_INPUT',
    );
    const directives = '@include(if: true) '.repeat(50);
    expect(errorCode(await t.gql(`{ viewer { subject ${directives} } }`, {}, token))).toBe('BAD_USER_INPUT');
  });

  it('refuses documents with too many tokens', async () => {
    const response = await t.gql(
      `{ viewer { subject ${'# x\n'.repeat(1)}${' subject'.repeat(2500)} } }`,
      {},
      token,
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });

  it('refuses circular fragments', async () => {
    const response = await t.gql(
      `{ viewer { ...A } } fragment A on Viewer { subject ...B } fragment B on Viewer { roles ...A }`,
      {},
      token,
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });

  it('prices page sizes before running anything', async () => {
    const response = await t.gql(`{ organizations(first: 99999) { totalCount } }`, {}, token);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.fields).toEqual(['first']);
  });

  it('refuses a batched request', async () => {
    const response = await post(
      JSON.stringify(Array.from({ length: 10 }, () => ({ query: '{ viewer { subject } }' }))),
    );
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.body).not.toContain('"subject"');
  });

  it('refuses bodies over 64 kB with 413', async () => {
    const response = await post(
      JSON.stringify({ query: `{ viewer { subject } }`, variables: { pad: 'x'.repeat(70_000) } }),
    );
    expect(response.statusCode).toBe(413);
  });

  it('refuses GraphQL over GET and urlencoded POST (CSRF)', async () => {
    const get = await fastify.inject({ method: 'GET', url: '/graphql?query=%7Bviewer%7Bsubject%7D%7D' });
    expect(get.statusCode).toBe(405);
    const form = await fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
      payload: 'query=mutation%7BremoveWebhook(id%3A%22x%22)%7D',
    });
    expect(form.statusCode).toBeGreaterThanOrEqual(400);
    expect(form.statusCode).toBeLessThan(500);
  });

  it('answers errors with a code and no stack, SQL or internals', async () => {
    const response = await t.gql(`{ nope }`, {}, token);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    const text = JSON.stringify(response.errors);
    expect(text).not.toMatch(/stack|at \w+ \(|node_modules|SELECT|INSERT/);
  });

  it('marks authenticated responses not cacheable and sets security headers', async () => {
    const response = await post(JSON.stringify({ query: '{ viewer { subject } }' }));
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('production mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      NODE_ENV: 'production',
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      PUBLIC_URL: 'https://registry.example',
    });
  });
  afterAll(() => t.close());

  it('refuses introspection and hides field suggestions', async () => {
    const token = await (await agency(t)).token(Role.VIEWER);
    const introspection = await t.gql(`{ __schema { types { name } } }`, {}, token);
    expect(errorCode(introspection)).toBe('BAD_USER_INPUT');
    const typo = await t.gql(`{ viewr { subject } }`, {}, token);
    expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
  });
});
