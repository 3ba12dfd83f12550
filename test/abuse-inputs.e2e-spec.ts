import { Role } from '../src/common/actor.js';
import { agency } from './support/factories.js';
import { createTestApp, errorCode, type TestApp } from './support/test-app.js';

/*
 * Issue 15, hole 6: input the client controls must never become a 500. A forged or damaged `after`
 * cursor is BAD_USER_INPUT naming `after` (it used to reach SQL and fail there, the statement
 * written to the error log); a body whose `query` is not a string is a 400 with a GraphQL error.
 */

const forged = (values: unknown) => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');

const CURSORS: [string, string][] = [
  ['not base64 JSON', '%%%not-a-cursor'],
  ['text where an id belongs', forged(['2026-01-01T00:00:00.000Z', 'not-a-uuid'])],
  ['a SQL fragment', forged(["2026-01-01'; DROP TABLE organization; --", 'x'])],
  ['a number where text belongs', forged([42, 42])],
  ['the wrong arity', forged(['a', 'b', 'c'])],
];
const BY_TIME_CURSORS: [string, string][] = [
  ...CURSORS,
  ['text where a time belongs', forged(['yesterday', '00000000-0000-4000-8000-000000000000'])],
  ['an impossible date', forged(['2026-13-45 99:00:00+00', '00000000-0000-4000-8000-000000000000'])],
];

const connection = (field: string, args = 'first: 2') =>
  `query Page($after: String) { ${field}(${args}, after: $after) { totalCount } }`;
const CONNECTIONS: [string, string, [string, string][]][] = [
  ['organizations', connection('organizations'), CURSORS],
  ['products', connection('products'), CURSORS],
  ['incidents', connection('incidents'), BY_TIME_CURSORS],
  [
    'events',
    'query Page($after: String) { events(first: 2, after: $after) { edges { cursor } } }',
    BY_TIME_CURSORS,
  ],
  ['baselines', connection('baselines'), BY_TIME_CURSORS],
  ['supplierConcentration', connection('supplierConcentration'), CURSORS],
];

describe('Malformed input is the caller’s error, never a 500', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    token = await (await agency(t)).token(Role.ADMIN);
  });
  afterAll(() => t.close());

  describe.each(CONNECTIONS)('%s(after:)', (_name, query, cursors) => {
    it.each(cursors)('%s is BAD_USER_INPUT naming after', async (_label, after) => {
      const response = await t.gql(query, { after }, token);
      expect(response.status).toBe(200);
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.fields).toEqual(['after']);
      expect(JSON.stringify(response.errors)).not.toMatch(/SELECT|syntax|uuid|timestamp/i);
    });
  });

  it('a cursor the service returned still pages', async () => {
    const first = await t.gql<{ organizations: { pageInfo: { endCursor: string } } }>(
      'query Orgs { organizations(first: 1) { pageInfo { endCursor } } }',
      {},
      token,
    );
    const after = first.data!.organizations.pageInfo.endCursor;
    const next = await t.gql(CONNECTIONS[0][1], { after }, token);
    expect(next.errors).toBeUndefined();
  });

  it.each([
    ['a number', 42],
    ['an object', { query: '{ viewer { subject } }' }],
    ['an array', ['{ viewer { subject } }']],
    ['null', null],
  ])('a body whose query is %s is HTTP 400 with a GraphQL error', async (_label, query) => {
    const response = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        payload: JSON.stringify({ query }),
      });
    expect(response.statusCode).toBe(400);
    const body = response.json<{
      data?: unknown;
      errors: { message: string; extensions: { code: string } }[];
    }>();
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/query/i);
  });
});
