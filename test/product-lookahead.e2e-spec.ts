import { Role } from '../src/common/actor.js';
import { newBaseline } from './support/baselines.js';
import {
  completeAssessment,
  daysFromNow,
  recordFinding,
  requestAssessment,
  startedAssessment,
  startAssessment,
} from './support/assessments.js';
import {
  agency,
  municipality,
  newProduct,
  newPublicBody,
  newSupplier,
  subscribe,
} from './support/factories.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

/*
 * product(id) and mySubscriptions read Product.assessments(first: n <= 5) and its findings in
 * their own statement and prime the loaders behind those fields (ProductAssessmentsPreload).
 * node(id) reads the same product through the loaders alone: every caller must get the same
 * answer both ways, other suppliers an empty connection.
 */

const PAGE = (findings: string) => `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  edges { cursor node { id state outcome requestedAt startedAt completedAt validUntil ${findings} } }`;
const SLIM = `findings { result requirement { code title } }`;
const FULL = `findings { id result note recordedAt requirement { id code } }`;

/** Three pages the statement reads (1, 2 and 5 newest) and one it leaves to the loader (6). */
const PRODUCT_FIELDS = (findings: string) => `id name
  one: assessments(first: 1) { ${PAGE(findings)} }
  two: assessments(first: $two) { ${PAGE(findings)} }
  five: assessments(first: 5) { ${PAGE(findings)} }`;

const LOOKAHEAD = (findings: string) =>
  `query($id: ID!, $two: Int!) { product(id: $id) { ${PRODUCT_FIELDS(findings)} } }`;
const LOADERS = (findings: string) =>
  `query($id: ID!, $two: Int!) { node(id: $id) { ... on Product { ${PRODUCT_FIELDS(findings)} } } }`;

/** The benchmark's S3 and S2 shapes (see bench/scenarios/queries.mjs). */
const S3 = `query($id: ID!) { product(id: $id) { id name supplier { name }
  assessments(first: 1) { edges { node { id findings { result requirement { code } } } } } } }`;
const S2 = `query { mySubscriptions(first: 40) { totalCount edges { node { id product { id name supplier { name }
  assessments(first: 1) { edges { node { id findings { result requirement { code } } } } } } } } } }`;
const S2_BY_NODE = `query($id: ID!) { node(id: $id) { ... on Product { id name supplier { name }
  assessments(first: 1) { edges { node { id findings { result requirement { code } } } } } } } }`;

const uuidOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1];

const statements = (response: { headers: Record<string, unknown> }) =>
  Number(response.headers['x-sql-statements']);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('product statements that read the newest assessments and findings alongside', () => {
  let t: TestApp;
  let assessed: string;
  let unassessed: string;
  let tokens: Record<'agency' | 'municipality' | 'owner' | 'otherSupplier', string>;
  let customerToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    const requirements = [{ code: 'LKA-01' }, { code: 'LKA-02' }, { code: 'LKA-03' }];
    // An older completed assessment with three findings, then a newer one in progress with two.
    const s = await startedAssessment(t, { requirements });
    const [r1, r2, r3] = s.baseline.requirements;
    await recordFinding(t, s.assessor, s.assessmentId, r1.id, { result: 'SATISFIED', note: 'seen' });
    await recordFinding(t, s.assessor, s.assessmentId, r2.id, {
      result: 'NOT_SATISFIED',
      remediation: { description: 'Fix it', dueDate: daysFromNow(30) },
    });
    await recordFinding(t, s.assessor, s.assessmentId, r3.id, { result: 'NOT_APPLICABLE' });
    await completeAssessment(t, s.assessor, s.assessmentId, 'APPROVED_WITH_CONDITIONS');
    const newer = await requestAssessment(t, s.supplier, s.product.id, s.baseline.id);
    await startAssessment(t, s.assessor, newer);
    await recordFinding(t, s.assessor, newer, r3.id, { result: 'PARTIALLY_SATISFIED' });
    await recordFinding(t, s.assessor, newer, r1.id, { result: 'SATISFIED' });
    assessed = s.product.id;
    unassessed = (await newProduct(t, s.supplier)).id;

    const customer = await newPublicBody(t);
    await subscribe(t, customer, assessed);
    await subscribe(t, customer, unassessed);
    customerToken = await customer.token(Role.VIEWER);
    tokens = {
      agency: await (await agency(t)).token(Role.VIEWER),
      municipality: await (await municipality(t)).token(Role.VIEWER),
      owner: await s.supplier.token(Role.VIEWER),
      otherSupplier: await (await newSupplier(t)).token(Role.VIEWER),
    };
    // The requirements of a published baseline are read once per process, each caller's
    // organisation once per token: warm them up.
    for (const token of [...Object.values(tokens), customerToken])
      ok(await t.gql(S3, { id: assessed }, token));
  }, 300_000);
  afterAll(() => t.close());

  const callers = ['agency', 'municipality', 'owner', 'otherSupplier'] as const;

  it.each(callers)('answers %s exactly as the loaders do, in one statement', async (caller) => {
    for (const findings of [SLIM, FULL]) {
      for (const id of [assessed, unassessed]) {
        const variables = { id, two: 2 };
        const primed = await t.gql<{ product: Json }>(LOOKAHEAD(findings), variables, tokens[caller]);
        const loaded = await t.gql<{ node: Json }>(LOADERS(findings), variables, tokens[caller]);
        expect(ok(primed).product).toEqual(ok(loaded).node);
        expect(statements(primed)).toBe(1);
      }
    }
  });

  it('shows the pages and findings it read, and other suppliers an empty page', async () => {
    const variables = { id: assessed, two: 2 };
    const own = ok(await t.gql<{ product: Json }>(LOOKAHEAD(SLIM), variables, tokens.owner)).product;
    expect(own.one.totalCount).toBe(2);
    expect(own.one.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(own.one.edges[0].node.state).toBe('IN_PROGRESS');
    expect(own.one.edges[0].node.findings).toEqual([
      { result: 'SATISFIED', requirement: { code: 'LKA-01', title: expect.any(String) } },
      { result: 'PARTIALLY_SATISFIED', requirement: { code: 'LKA-03', title: expect.any(String) } },
    ]);
    expect(own.two.pageInfo.hasNextPage).toBe(false);
    expect(own.two.edges.map((e: Json) => e.node.findings.length)).toEqual([2, 3]);
    expect(own.five).toEqual(own.two);
    const other = ok(
      await t.gql<{ product: Json }>(LOOKAHEAD(SLIM), variables, tokens.otherSupplier),
    ).product;
    expect(other.one).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: [],
    });
  });

  it('leaves what it does not read to the loaders, with the same answers', async () => {
    const token = tokens.municipality;
    const variables = { id: assessed, two: 6 };
    // A page larger than it reads, and a cursor: the loaders' own statements answer them.
    const primed = await t.gql<{ product: Json }>(LOOKAHEAD(SLIM), variables, token);
    expect(ok(primed).product).toEqual(ok(await t.gql<{ node: Json }>(LOADERS(SLIM), variables, token)).node);
    expect(statements(primed)).toBe(2);
    const after = ok(primed).product.one.pageInfo.endCursor as string;
    const next = await t.gql<{ product: Json }>(
      `query($id: ID!, $after: String) { product(id: $id) { a: assessments(first: 1, after: $after) { ${PAGE(SLIM)} }
        b: assessments(first: 1) { ${PAGE(SLIM)} } } }`,
      { id: assessed, after },
      token,
    );
    expect(ok(next).product.a.edges[0].node.state).toBe('COMPLETED');
    expect(ok(next).product.b).toEqual(ok(primed).product.one);
    expect(statements(next)).toBe(3);
    // Slim and full findings below two aliases: it reads the full ones, the slim come from their loader.
    const mixed = `query($id: ID!) { product(id: $id) { a: assessments(first: 1) { ${PAGE(SLIM)} }
      b: assessments(first: 1) { ${PAGE(FULL)} } } }`;
    const both = await t.gql<{ product: Json }>(mixed, { id: assessed }, token);
    expect(ok(both).product.a).toEqual(ok(primed).product.one);
    expect(ok(both).product.b).toEqual(
      ok(await t.gql<{ product: Json }>(LOOKAHEAD(FULL), { id: assessed, two: 2 }, token)).product.one,
    );
    expect(statements(both)).toBe(2);
  });

  it('leaves findings of a requirement of another baseline to the findings loader', async () => {
    // recordFinding refuses such a finding; the findings loader still groups them per baseline.
    const s = await startedAssessment(t, { requirements: [{ code: 'LKB-01' }, { code: 'LKB-02' }] });
    await recordFinding(t, s.assessor, s.assessmentId, s.baseline.requirements[1].id, {
      result: 'SATISFIED',
    });
    const other = await newBaseline(t, { publish: true, requirements: [{ code: 'LKC-01' }] });
    await t.dataSource.query(
      `INSERT INTO finding (assessment_id, requirement_id, result, note, recorded_at)
       VALUES ($1, $2, 'NOT_SATISFIED', NULL, now())`,
      [uuidOf(s.assessmentId), uuidOf(other.requirements[0].id)],
    );
    const token = tokens.agency;
    for (const findings of [SLIM, FULL]) {
      const variables = { id: s.product.id, two: 2 };
      ok(await t.gql(LOOKAHEAD(findings), variables, token));
      const primed = await t.gql<{ product: Json }>(LOOKAHEAD(findings), variables, token);
      const loaded = await t.gql<{ node: Json }>(LOADERS(findings), variables, token);
      expect(ok(primed).product).toEqual(ok(loaded).node);
      expect(ok(primed).product.one.edges[0].node.findings).toHaveLength(2);
      expect(statements(primed)).toBe(2);
    }
  });

  it("answers mySubscriptions with every product's newest findings in one statement, as the loaders do", async () => {
    const response = await t.gql<{ mySubscriptions: Json }>(S2, {}, customerToken);
    const page = ok(response).mySubscriptions;
    expect(page.totalCount).toBe(2);
    expect(statements(response)).toBe(1);
    for (const { node } of page.edges as Json[]) {
      const loaded = ok(await t.gql<{ node: Json }>(S2_BY_NODE, { id: node.product.id }, customerToken));
      expect(node.product).toEqual(loaded.node);
    }
    const findings = (page.edges as Json[]).map((e) => e.node.product.assessments.edges.length);
    expect(findings.sort()).toEqual([0, 1]);
  });
});
