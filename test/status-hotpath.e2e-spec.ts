import { Role } from '../src/common/actor.js';
import { agencyToken, newBaseline } from './support/baselines.js';
import { completeAssessment, requestAssessment, startAssessment } from './support/assessments.js';
import {
  newAssessor,
  newProduct,
  newPublicBody,
  newSupplier,
  subscribe,
  type TestOrg,
} from './support/factories.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

const PRODUCTS = 40;
const REQUIREMENTS = 200;

/** "A municipality's morning query" (README): every subscribed product with its shared status. */
const MORNING = `query { mySubscriptions(first: 40) { edges { node { product {
  name supplier { name } status { state satisfied notSatisfied openRemediations reasons } } } } } }`;

/** The same with the findings of each product's newest assessment. */
const MORNING_WITH_FINDINGS = `query { mySubscriptions(first: 40) { edges { node { product {
  name supplier { name } status { state satisfied notSatisfied openRemediations reasons }
  assessments(first: 1) { edges { node { findings { result requirement { code } } } } } } } } } }`;

const STATUS_COUNTS = `state satisfied partiallySatisfied notSatisfied notApplicable notAssessed
  openRemediations overdueRemediations`;

/** The benchmark's S2: the dashboard with every finding of each product's newest assessment. */
const S2 = `query S2($first: Int!) { mySubscriptions(first: $first) { totalCount edges { node { id product {
  id name supplier { name } status { ${STATUS_COUNTS} }
  assessments(first: 1) { edges { node { id findings { result requirement { code } } } } } } } } } }`;

/** The benchmark's S3: one product with its status and findings. */
const S3 = `query S3($id: ID!) { product(id: $id) { id name supplier { name } status { ${STATUS_COUNTS} }
  assessments(first: 1) { edges { node { id findings { result requirement { code } } } } } } }`;

/**
 * product(id), which primes the loaders of its supplier and status with what its statement read,
 * and node(id), which reads the product alone and its fields through those loaders. Separate
 * requests: in one, node(id) would read what product(id) primed.
 */
const PRODUCT_FIELDS = `fragment full on Product { id name description dataCategories tier hostingCountries
  supplier { id kind name orgNumber municipalityCode countyCode registeredAt }
  status { ${STATUS_COUNTS} tier assessedAt validUntil openIncidents reasons baseline { id key version status } } }`;
const PRODUCT_PRIMED = `query($id: ID!) { product(id: $id) { ...full } } ${PRODUCT_FIELDS}`;
const PRODUCT_LOADED = `query($id: ID!) { node(id: $id) { ...full } } ${PRODUCT_FIELDS}`;

/** The morning query with the supply chain: the effective state and its reasons from the same row. */
const MORNING_CHAIN = `query MorningChain { mySubscriptions(first: 40) { edges { node { product {
  name status { state effectiveState openIncidents reasons } } } } } }`;

/** ...and the chain's products, through the products' loader. */
const MORNING_CHAIN_LINKS = `query MorningChainLinks { mySubscriptions(first: 10) { edges { node { product {
  name status { effectiveState chain { state path { name } } } } } } } }`;

interface Findings {
  edges: { node: { id: string; findings: { result: string; requirement: { code: string } }[] } }[];
}

const statements = (response: { headers: Record<string, unknown> }) =>
  Number(response.headers['x-sql-statements']);

interface Morning {
  mySubscriptions: {
    edges: {
      node: {
        product: {
          name: string;
          supplier: { name: string };
          status: {
            state: string;
            satisfied: number;
            notSatisfied: number;
            openRemediations: number;
            reasons: string[];
          };
          assessments?: {
            edges: { node: { findings: { result: string; requirement: { code: string } }[] } }[];
          };
        };
      };
    }[];
  };
}

describe('the hot paths: at most 3 SQL statements whatever the page size', () => {
  let t: TestApp;
  let customer: TestOrg;
  let productIds: string[];

  /**
   * The first read of a published baseline's findings also reads its requirements (one statement
   * more); from then on they come from memory. Returns the second, warm, response.
   */
  async function warm<T>(query: string, variables: Record<string, unknown>) {
    const token = await customer.token(Role.VIEWER);
    const cold = await t.gql<T>(query, variables, token);
    ok(cold);
    expect(statements(cold)).toBeLessThanOrEqual(4);
    const response = await t.gql<T>(query, variables, token);
    expect(response.data).toEqual(cold.data);
    return response;
  }

  beforeAll(async () => {
    t = await createTestApp();
    customer = await newPublicBody(t);
    const supplier = await newSupplier(t);
    const assessor = await newAssessor(t);
    const codes = Array.from({ length: REQUIREMENTS }, (_, i) => ({
      code: `REQ-${String(i + 1).padStart(3, '0')}`,
    }));
    const baseline = await newBaseline(t, { publish: true, requirements: codes });
    // Every product runs on a platform hosted in a data centre that the agency suspends below.
    const platformSupplier = await newSupplier(t);
    const hosting = await newProduct(t, platformSupplier, { name: 'Hosting' });
    const platform = await newProduct(t, platformSupplier, {
      name: 'Platform',
      subprocessorIds: [hosting.id],
    });
    const assessments: string[] = [];
    productIds = [];
    for (let i = 0; i < PRODUCTS; i++) {
      const product = await newProduct(t, supplier, { subprocessorIds: [platform.id] });
      productIds.push(product.id);
      await subscribe(t, customer, product.id);
      const id = await requestAssessment(t, supplier, product.id, baseline.id);
      await startAssessment(t, assessor, id);
      assessments.push(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]);
    }
    // 8,000 findings through the API would only slow the test: the assessor's work is written in
    // bulk, every one NOT_SATISFIED for REQ-001 and SATISFIED otherwise; completion refreshes the
    // read model as usual.
    await t.dataSource.query(
      `INSERT INTO finding (assessment_id, requirement_id, result, note, recorded_at)
       SELECT a.id, r.id, CASE WHEN r.code = 'REQ-001' THEN 'NOT_SATISFIED' ELSE 'SATISFIED' END, 'seen', now()
         FROM unnest($1::uuid[]) AS a(id)
         CROSS JOIN requirement r
        WHERE r.baseline_id = (SELECT baseline_id FROM assessment WHERE id = $2)`,
      [assessments, assessments[0]],
    );
    for (const uuid of assessments) {
      await completeAssessment(
        t,
        assessor,
        Buffer.from(`Assessment:${uuid}`).toString('base64url'),
        'REJECTED',
      );
    }
    ok(
      await t.gql(
        `mutation($id: ID!) { suspendProduct(id: $id, reason: "Breach under investigation") { id } }`,
        { id: hosting.id },
        await agencyToken(t, Role.ADMIN),
      ),
    );
  }, 1_200_000);
  afterAll(() => t.close());

  it('answers the morning query with one statement', async () => {
    const response = await t.gql<Morning>(MORNING, {}, await customer.token(Role.VIEWER));
    const edges = ok(response).mySubscriptions.edges;
    expect(edges).toHaveLength(PRODUCTS);
    for (const { node } of edges) {
      expect(node.product.status).toMatchObject({ state: 'NON_COMPLIANT', satisfied: 199, notSatisfied: 1 });
      expect(node.product.status.reasons[0]).toMatch(/^assessment rejected on/);
    }
    expect(Number(response.headers['x-sql-statements'])).toBeLessThanOrEqual(3);
  });

  it('answers it with the effective state through the chain in as many statements as without', async () => {
    const token = await customer.token(Role.VIEWER);
    const plain = await t.gql<Morning>(MORNING, {}, token);
    const response = await t.gql<{
      mySubscriptions: { edges: { node: { product: { status: Record<string, unknown> } } }[] };
    }>(MORNING_CHAIN, {}, token);
    const edges = ok(response).mySubscriptions.edges;
    expect(edges).toHaveLength(PRODUCTS);
    for (const { node } of edges) {
      expect(node.product.status).toMatchObject({
        state: 'NON_COMPLIANT',
        effectiveState: 'SUSPENDED',
        openIncidents: 0,
      });
      expect(node.product.status.reasons).toContain('Hosting (via Platform): state SUSPENDED');
    }
    expect(statements(response)).toBeLessThanOrEqual(statements(plain));
    expect(statements(response)).toBe(1);
  });

  it("lists each product's chain with one statement more (its products, batched)", async () => {
    const token = await customer.token(Role.VIEWER);
    const plain = await t.gql<Morning>(MORNING, {}, token);
    const response = await t.gql<{
      mySubscriptions: {
        edges: {
          node: {
            product: { name: string; status: { chain: { state: string; path: { name: string }[] }[] } };
          };
        }[];
      };
    }>(MORNING_CHAIN_LINKS, {}, token);
    for (const { node } of ok(response).mySubscriptions.edges) {
      expect(node.product.status.chain).toEqual([
        { state: 'NOT_ASSESSED', path: [{ name: node.product.name }, { name: 'Platform' }] },
        {
          state: 'SUSPENDED',
          path: [{ name: node.product.name }, { name: 'Platform' }, { name: 'Hosting' }],
        },
      ]);
    }
    expect(ok(response).mySubscriptions.edges).toHaveLength(10);
    expect(statements(response)).toBeLessThanOrEqual(statements(plain) + 1);
    expect(statements(response)).toBe(2);
  });

  it("answers it with every product's 200 findings in one statement", async () => {
    const response = await warm<Morning>(MORNING_WITH_FINDINGS, {});
    const edges = ok(response).mySubscriptions.edges;
    expect(edges).toHaveLength(PRODUCTS);
    for (const { node } of edges) {
      const findings = node.product.assessments!.edges[0].node.findings;
      expect(findings).toHaveLength(REQUIREMENTS);
      expect(findings[0]).toEqual({ result: 'NOT_SATISFIED', requirement: { code: 'REQ-001' } });
    }
    // The newest assessment and its findings are read by the subscriptions' statement (lookahead).
    expect(statements(response)).toBe(1);
  });

  it('answers the benchmark S2 (40 products x 200 findings) in one statement once warm', async () => {
    const response = await warm<{
      mySubscriptions: {
        totalCount: number;
        edges: { node: { product: { status: Record<string, unknown>; assessments: Findings } } }[];
      };
    }>(S2, { first: PRODUCTS });
    const page = ok(response).mySubscriptions;
    expect(page.totalCount).toBe(PRODUCTS);
    for (const { node } of page.edges) {
      expect(node.product.status).toEqual({
        state: 'NON_COMPLIANT',
        satisfied: 199,
        partiallySatisfied: 0,
        notSatisfied: 1,
        notApplicable: 0,
        notAssessed: 0,
        openRemediations: 0,
        overdueRemediations: 0,
      });
      const findings = node.product.assessments.edges[0].node.findings;
      expect(findings.map((f) => f.requirement.code)).toEqual(
        Array.from({ length: REQUIREMENTS }, (_, i) => `REQ-${String(i + 1).padStart(3, '0')}`),
      );
      expect(findings.filter((f) => f.result === 'SATISFIED')).toHaveLength(REQUIREMENTS - 1);
    }
    expect(statements(response)).toBe(1);
  });

  it('answers the benchmark S3 (one product, its supplier, status and findings) in one statement once warm', async () => {
    const response = await warm<{
      product: { id: string; supplier: { name: string }; status: { state: string }; assessments: Findings };
    }>(S3, { id: productIds[7] });
    const product = ok(response).product;
    expect(product.id).toBe(productIds[7]);
    expect(product.supplier.name).toEqual(expect.any(String));
    expect(product.status.state).toBe('NON_COMPLIANT');
    const findings = product.assessments.edges[0].node.findings;
    expect(findings).toHaveLength(REQUIREMENTS);
    expect(findings[0]).toEqual({ result: 'NOT_SATISFIED', requirement: { code: 'REQ-001' } });
    expect(statements(response)).toBe(1);
  });

  it('product(id) primes the same supplier and status as their loaders give', async () => {
    const token = await customer.token(Role.VIEWER);
    const variables = { id: productIds[3] };
    const primed = await t.gql<{ product: unknown }>(PRODUCT_PRIMED, variables, token);
    const loaded = await t.gql<{ node: unknown }>(PRODUCT_LOADED, variables, token);
    expect(ok(primed).product).toEqual(ok(loaded).node);
    expect(ok(primed).product).toMatchObject({ status: { state: 'NON_COMPLIANT', satisfied: 199 } });
    // The product's statement, then ProductStatus.baseline's; node(id) adds the supplier's and the status's.
    expect(statements(primed)).toBe(2);
    expect(statements(loaded)).toBe(4);
  });
});
