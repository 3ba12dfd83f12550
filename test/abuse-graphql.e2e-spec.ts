import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/actor.js';
import { MAX_SOCKET_FRAME_BYTES } from '../src/api/graphql/socket-server.js';
import { agency, randomOrgNumber } from './support/factories.js';
import { listen, type RawMessage, RawSocket } from './support/live.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/*
 * The GraphQL abuse probes of issue 8, over HTTP and over the WebSocket. Each is refused before
 * any resolver runs: over HTTP no SQL statement is issued for the request (x-sql-statements is 0
 * or absent) and aliased mutations leave no audit entry; on the socket the subscribe is answered
 * with an error (or the socket closed) and never with data.
 */

const aliased = (n: number, field: string) =>
  Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');

/** products -> edges -> node -> supplier -> products -> ... : a real path `levels` deep (+ leaf). */
function deepProducts(levels: number): string {
  let inner = 'name';
  for (let i = 0; i < levels; i += 1) {
    inner = i % 2 === 0 ? `supplier { ${inner} }` : `products(first: 1) { edges { node { ${inner} } } }`;
  }
  return inner;
}
// 12 levels of selection sets below the root field.
const DEEP_HTTP = `{ products(first: 1) { edges { node { ${deepProducts(9)} } } } }`;
const DEEP_SOCKET = `subscription { registryEvents { product { ${deepProducts(11)} } } }`;
const PAGE = (first: number) =>
  `subscription { registryEvents { product { supplier { products(first: ${first}) { totalCount } } } } }`;

/** Documents refused by validation, parsing or pricing, the same over both transports. */
function documents(root: 'query' | 'subscription'): [string, string][] {
  const field = root === 'query' ? 'viewer' : 'registryEvents';
  const leaf = root === 'query' ? 'subject' : 'message';
  const type = root === 'query' ? 'Viewer' : 'RegistryEvent';
  return [
    ['120 aliases', `${root} { ${field} { ${aliased(120, leaf)} } }`],
    ['120 aliased root fields', `${root} { ${aliased(120, `${field} { ${leaf} }`)} }`],
    ['500 duplicated fields', `${root} { ${field} { ${`${leaf} `.repeat(500)} } }`],
    ['50 directives on one field', `${root} { ${field} { ${leaf} ${'@include(if: true) '.repeat(50)} } }`],
    [
      'circular fragments',
      `${root} { ${field} { ...A } } fragment A on ${type} { ${leaf} ...B } fragment B on ${type} { ${leaf} ...A }`,
    ],
    ['a 12-deep query', root === 'query' ? DEEP_HTTP : DEEP_SOCKET],
    ['first: 101', root === 'query' ? '{ products(first: 101) { totalCount } }' : PAGE(101)],
    ['first: 99999', root === 'query' ? '{ organizations(first: 99999) { totalCount } }' : PAGE(99999)],
  ];
}

describe('GraphQL abuse over HTTP', () => {
  let t: TestApp;
  let token: string;
  let adminSub: string;
  let admin: string;
  let fastify: ReturnType<TestApp['app']['getHttpAdapter']>['getInstance'] extends () => infer F ? F : never;

  beforeAll(async () => {
    t = await createTestApp();
    const ag = await agency(t);
    token = await ag.token(Role.VIEWER);
    adminSub = `abuse-admin-${randomUUID()}`;
    admin = await ag.token(Role.ADMIN, adminSub);
    fastify = t.app.getHttpAdapter().getInstance();
  });
  afterAll(() => t.close());

  const inject = (options: {
    method?: 'GET' | 'POST';
    url?: string;
    payload?: string;
    contentType?: string;
    bearer?: string;
  }) =>
    fastify.inject({
      method: options.method ?? 'POST',
      url: options.url ?? '/graphql',
      headers: {
        authorization: `Bearer ${options.bearer ?? token}`,
        ...(options.payload !== undefined
          ? { 'content-type': options.contentType ?? 'application/json' }
          : {}),
      },
      ...(options.payload !== undefined ? { payload: options.payload } : {}),
    });

  /**
   * A refusal: no data and no SQL issued for the request. Documents refused by validation answer
   * 4xx before the context is built; page sizes are priced in preExecution (200 with errors), after
   * the one statement that resolves the token's organisation and before any resolver.
   */
  function expectRefusedBeforeExecution(
    response: Awaited<ReturnType<typeof inject>>,
    options: { priced?: boolean } = {},
  ) {
    if (options.priced) {
      expect([200, 400]).toContain(response.statusCode);
    } else {
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    }
    const sql = response.headers['x-sql-statements'];
    expect(sql === undefined || Number(sql) <= (options.priced ? 1 : 0)).toBe(true);
    const body = response.body ? (JSON.parse(response.body) as { data?: unknown }) : {};
    expect(body.data ?? null).toBeNull();
    expect(response.body).not.toMatch(/"subject"|stack|node_modules/);
  }

  const auditedByAdmin = async () =>
    Number(
      (
        await t.dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM audit_entry WHERE actor_subject = $1`,
          [adminSub],
        )
      )[0].n,
    );

  it('the control: an ordinary query is answered and its SQL counted', async () => {
    const response = await inject({
      payload: JSON.stringify({ query: '{ products(first: 1) { totalCount } }' }),
    });
    expect(response.statusCode).toBe(200);
    expect(Number(response.headers['x-sql-statements'])).toBeGreaterThan(0);
  });

  it.each(documents('query'))('refuses %s', async (label, query) => {
    const response = await inject({ payload: JSON.stringify({ query }) });
    expectRefusedBeforeExecution(response, { priced: label.startsWith('first') });
    expect(response.json().errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses 120 aliased mutations without writing anything', async () => {
    const register = (i: number) =>
      `m${i}: registerOrganization(kind: SUPPLIER, name: "alias ${i} ${randomUUID().slice(0, 6)} AB", orgNumber: "${randomOrgNumber()}") { id }`;
    const query = `mutation { ${Array.from({ length: 120 }, (_, i) => register(i)).join(' ')} }`;
    const response = await inject({ payload: JSON.stringify({ query }), bearer: admin });
    expectRefusedBeforeExecution(response);
    expect(await auditedByAdmin()).toBe(0);
  });

  it('refuses a batched array of 10', async () => {
    const batch = Array.from({ length: 10 }, () => ({ query: '{ viewer { subject } }' }));
    expectRefusedBeforeExecution(await inject({ payload: JSON.stringify(batch) }));
  });

  it('refuses a 1 MiB body with 413', async () => {
    const response = await inject({
      payload: JSON.stringify({
        query: '{ viewer { subject } }',
        variables: { pad: 'x'.repeat(1024 * 1024) },
      }),
    });
    expect(response.statusCode).toBe(413);
    expectRefusedBeforeExecution(response);
  });

  it('refuses GET with a query and GET with a mutation', async () => {
    const query = encodeURIComponent('{ viewer { subject } }');
    expectRefusedBeforeExecution(await inject({ method: 'GET', url: `/graphql?query=${query}` }));
    const mutation = encodeURIComponent(
      `mutation { registerOrganization(kind: SUPPLIER, name: "via get AB", orgNumber: "${randomOrgNumber()}") { id } }`,
    );
    const get = await inject({ method: 'GET', url: `/graphql?query=${mutation}`, bearer: admin });
    expect(get.statusCode).toBe(405);
    expectRefusedBeforeExecution(get);
    expect(await auditedByAdmin()).toBe(0);
  });

  it('refuses urlencoded and text/plain POSTs with a mutation', async () => {
    const mutation = `mutation { registerOrganization(kind: SUPPLIER, name: "via form AB", orgNumber: "${randomOrgNumber()}") { id } }`;
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data']) {
      const payload =
        contentType === 'application/x-www-form-urlencoded'
          ? `query=${encodeURIComponent(mutation)}`
          : JSON.stringify({ query: mutation });
      expectRefusedBeforeExecution(await inject({ payload, contentType, bearer: admin }));
    }
    expect(await auditedByAdmin()).toBe(0);
  });
});

describe('GraphQL abuse over the WebSocket', () => {
  let t: TestApp;
  let url: string;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t);
    token = await (await agency(t)).token(Role.VIEWER);
  });
  afterAll(() => t.close());

  /** The one answer to a subscribe: an error message, never data. */
  async function subscribeRefused(socket: RawSocket, id: string, query: string): Promise<RawMessage> {
    socket.send({ id, type: 'subscribe', payload: { query } });
    const answer = await socket.next((m) => m.id === id);
    expect(answer.type).toBe('error');
    return answer;
  }

  it.each(documents('subscription'))('refuses %s at subscribe time', async (_, query) => {
    const socket = await RawSocket.open(url);
    await socket.init(token);
    const answer = await subscribeRefused(socket, 'probe', query);
    const [error] = answer.payload as { extensions?: { code?: string } }[];
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(socket.messages.some((m) => m.type === 'next')).toBe(false);
    socket.close();
  });

  it('refuses 120 aliased mutations on the socket', async () => {
    const socket = await RawSocket.open(url);
    await socket.init(token);
    const query = `mutation { ${aliased(120, 'removeWebhook(id: "x")')} }`;
    await subscribeRefused(socket, 'mutation', query);
    socket.close();
  });

  it('refuses a batched array of 10 subscribes in one frame', async () => {
    const socket = await RawSocket.open(url);
    await socket.init(token);
    const batch = Array.from({ length: 10 }, (_, i) => ({
      id: `b${i}`,
      type: 'subscribe',
      payload: { query: 'subscription { registryEvents { message } }' },
    }));
    socket.send(JSON.stringify(batch));
    const answer = await socket.next((m) => m.type === 'error');
    expect(JSON.stringify(answer.payload)).toMatch(/Invalid payload type/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(socket.messages.filter((m) => m.type === 'next' || m.id?.startsWith('b'))).toEqual([]);
    socket.close();
  });

  it('closes the socket on a frame above 64 kB before parsing it', async () => {
    const socket = await RawSocket.open(url);
    await socket.init(token);
    socket.send({
      id: 'big',
      type: 'subscribe',
      payload: {
        query: `subscription { registryEvents { message } } # ${'x'.repeat(MAX_SOCKET_FRAME_BYTES)}`,
      },
    });
    expect((await socket.closed).code).toBe(1009);
    expect(socket.messages.filter((m) => m.id === 'big')).toEqual([]);
  });
});

describe('GraphQL abuse in production mode', () => {
  let t: TestApp;
  let url: string;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp({
      NODE_ENV: 'production',
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      PUBLIC_URL: 'https://registry.example',
    });
    url = await listen(t);
    token = await (await agency(t)).token(Role.VIEWER);
  });
  afterAll(() => t.close());

  it('refuses introspection and hides field suggestions over HTTP', async () => {
    for (const query of [
      '{ __schema { types { name } } }',
      '{ __type(name: "Query") { fields { name } } }',
    ]) {
      const response = await t.gql(query, {}, token);
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.data).toBeNull();
    }
    const typo = await t.gql('{ viewr { subjct } products(frist: 1) { totalCount } }', {}, token);
    expect(typo.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean|"viewer"|"first"/);
  });

  it('refuses introspection and hides field suggestions over the WebSocket', async () => {
    const socket = await RawSocket.open(url);
    await socket.init(token);
    socket.send({
      id: 'intro',
      type: 'subscribe',
      payload: { query: 'subscription { registryEvents { __type(name: "Query") { name } } }' },
    });
    socket.send({
      id: 'typo',
      type: 'subscribe',
      payload: { query: 'subscription { registryEvents { mesage } }' },
    });
    for (const id of ['intro', 'typo']) {
      const answer = await socket.next((m) => m.id === id);
      expect(answer.type).toBe('error');
      expect(JSON.stringify(answer.payload)).not.toMatch(/Did you mean/);
    }
    socket.close();
  });
});
