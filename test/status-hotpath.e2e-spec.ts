import { Role } from '../src/common/actor.js';
import { newBaseline } from './support/baselines.js';
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

  beforeAll(async () => {
    t = await createTestApp();
    customer = await newPublicBody(t);
    const supplier = await newSupplier(t);
    const assessor = await newAssessor(t);
    const codes = Array.from({ length: REQUIREMENTS }, (_, i) => ({
      code: `REQ-${String(i + 1).padStart(3, '0')}`,
    }));
    const baseline = await newBaseline(t, { publish: true, requirements: codes });
    const assessments: string[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      const product = await newProduct(t, supplier);
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
  }, 120_000);
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

  it("answers it with every product's 200 findings in at most three statements", async () => {
    const response = await t.gql<Morning>(MORNING_WITH_FINDINGS, {}, await customer.token(Role.VIEWER));
    const edges = ok(response).mySubscriptions.edges;
    expect(edges).toHaveLength(PRODUCTS);
    for (const { node } of edges) {
      const findings = node.product.assessments!.edges[0].node.findings;
      expect(findings).toHaveLength(REQUIREMENTS);
      expect(findings[0]).toEqual({ result: 'NOT_SATISFIED', requirement: { code: 'REQ-001' } });
    }
    expect(Number(response.headers['x-sql-statements'])).toBeLessThanOrEqual(3);
  });
});
