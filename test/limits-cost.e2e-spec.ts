import { Role } from '../src/common/actor.js';
import { agency, municipality } from './support/factories.js';
import { listen, RawSocket } from './support/live.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

/*
 * Issue 15, hole 3 and issue 18: the cost limit prices the operation with its coerced variable
 * values (defaults included), through one check shared by HTTP and the socket; a page of a nested
 * connection counts once per parent on the enclosing page, so the municipality's incident-day
 * query fits.
 */

const NESTED_DEFAULT = `query Nested($n: Int = 100) {
  organizations(first: $n) { edges { node { products(first: $n) { edges { node { name } } } } } }
}`;
const PAGE_DEFAULT = 'query Page($n: Int = 101) { organizations(first: $n) { totalCount } }';

export const INCIDENT_DAY = `query IncidentDay {
  events(first: 20) {
    edges { node { type message incident {
      id title severity
      exposures { product { name } path { name supplier { name } } dataCategories }
      deadlines { kind dueAt }
    } } }
  }
  incidents(state: OPEN, first: 20) { totalCount edges { node { title supplier { name } } } }
}`;

// Refused at n = 100 (25 products and 25 exposures, each with a page of 100); fine at 20.
const SOCKET_NESTED = `subscription Nested($n: Int = 100) { registryEvents { incident {
  products { supplier { products(first: $n) { edges { node { name } } } } }
  exposures { product { supplier { products(first: $n) { edges { node { name } } } } } }
} } }`;
const SOCKET_PAGE = `subscription Page($n: Int) { registryEvents { product { supplier {
  products(first: $n) { totalCount } } } } }`;

describe('Query cost with variables over HTTP', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    token = await (await agency(t)).token(Role.VIEWER);
  });
  afterAll(() => t.close());

  it('prices a variable’s default value: 100 x 100 nested is refused as too expensive', async () => {
    const response = await t.gql(NESTED_DEFAULT, {}, token);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.fields).toEqual(['query']);
    expect(response.errors?.[0].message).toMatch(/too expensive: \d+ objects, limit 10000/);
  });

  it('prices the value sent over the default', async () => {
    ok(await t.gql(NESTED_DEFAULT, { n: 5 }, token));
    expect(errorCode(await t.gql(NESTED_DEFAULT, { n: 100 }, token))).toBe('BAD_USER_INPUT');
  });

  it('refuses a default page above 100 naming first', async () => {
    const response = await t.gql(PAGE_DEFAULT, {}, token);
    expect(response.errors?.[0].extensions?.fields).toEqual(['first']);
    ok(await t.gql(PAGE_DEFAULT, { n: 3 }, token));
  });

  it('prices the operation named in the request, not a bigger one beside it', async () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    const response = await fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      payload: JSON.stringify({
        query: `${NESTED_DEFAULT}\n${PAGE_DEFAULT}`,
        operationName: 'Page',
        variables: { n: 2 },
      }),
    });
    expect(response.json<{ errors?: unknown }>().errors).toBeUndefined();
  });

  it('fits the municipality’s incident-day query as a person writes it', async () => {
    const stockholm = await municipality(t);
    ok(await t.gql(INCIDENT_DAY, {}, await stockholm.token(Role.VIEWER)));
  });
});

describe('Query cost with variables over the socket', () => {
  let t: TestApp;
  let url: string;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t);
    token = await (await agency(t)).token(Role.VIEWER);
  });
  afterAll(() => t.close());

  async function subscribe(query: string, variables?: Record<string, unknown>) {
    const socket = await RawSocket.open(url);
    await socket.init(token);
    socket.send({ id: 's1', type: 'subscribe', payload: { query, variables } });
    return socket;
  }

  it('prices a variable’s default value at subscribe time', async () => {
    const socket = await subscribe(SOCKET_NESTED);
    const answer = await socket.next((m) => m.id === 's1');
    expect(answer.type).toBe('error');
    expect(JSON.stringify(answer.payload)).toMatch(/too expensive/);
    socket.close();
  });

  it('prices the variables sent: first: $n with n = 101 is refused, n = 2 runs', async () => {
    const refused = await subscribe(SOCKET_PAGE, { n: 101 });
    const answer = await refused.next((m) => m.id === 's1');
    expect(answer.type).toBe('error');
    expect(JSON.stringify(answer.payload)).toMatch(/first: must be at most 100/);
    refused.close();

    const accepted = await subscribe(SOCKET_PAGE, { n: 2 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(accepted.messages.filter((m) => m.id === 's1')).toEqual([]);
    accepted.close();
  });
});
