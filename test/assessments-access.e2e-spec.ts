import { Role } from '../src/common/actor.js';
import {
  ASSESSMENT,
  daysFromNow,
  recordFinding,
  requestAssessment,
  startedAssessment,
  type Scenario,
} from './support/assessments.js';
import { newEvidence } from './support/evidence.js';
import {
  agency,
  municipality,
  newAssessor,
  newProduct,
  newSupplier,
  region,
  type TestOrg,
} from './support/factories.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const uuidOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1];

const PRODUCT_ASSESSMENTS = `query($id: ID!) { product(id: $id) { status { state }
  assessments(first: 5) { totalCount edges { node { id state findings { note result evidence { id } remediation { description } } } } } } }`;
const QUEUE = `query($state: AssessmentState, $first: Int, $after: String) {
  assessmentQueue(state: $state, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id state } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id __typename } }`;

type Shape = {
  product: {
    status: { state: string };
    assessments: {
      totalCount: number;
      edges: {
        node: {
          id: string;
          findings: {
            note: string | null;
            evidence: { id: string }[];
            remediation: { description: string } | null;
          }[];
        };
      }[];
    };
  };
};

describe('assessments: who sees what', () => {
  let t: TestApp;
  let s: Scenario;
  let publicEvidence: string;
  let secretEvidence: string;
  let findingId: string;
  let remediationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    s = await startedAssessment(t);
    const [iam] = s.baseline.requirements;
    const made = [];
    for (const confidentiality of ['PUBLIC', 'AGENCY_ONLY']) {
      const evidence = await newEvidence(t, s.supplier, s.product, [iam.id], { confidentiality });
      await t.dataSource.query(
        `UPDATE evidence SET status = 'AVAILABLE', sha256 = repeat('a', 64), size_bytes = 1, uploaded_at = now() WHERE id = $1`,
        [uuidOf(evidence.id)],
      );
      made.push(evidence.id);
    }
    [publicEvidence, secretEvidence] = made;
    const finding = await recordFinding(t, s.assessor, s.assessmentId, iam.id, {
      result: 'NOT_SATISFIED',
      note: 'No MFA for administrators',
      evidenceIds: [publicEvidence, secretEvidence],
      remediation: { description: 'Enforce MFA for administrators', dueDate: daysFromNow(45) },
    });
    findingId = finding.id;
    remediationId = finding.remediation!.id;
  });
  afterAll(() => t.close());

  it('shows findings, notes and remediations to customers, assessors, the agency and the owning supplier', async () => {
    const callers = [
      await municipality(t, '0180'),
      await region(t, '01'),
      await newAssessor(t),
      await agency(t),
      s.supplier,
    ];
    for (const caller of callers) {
      const data = ok(
        await t.gql<Shape>(PRODUCT_ASSESSMENTS, { id: s.product.id }, await caller.token(Role.VIEWER)),
      );
      expect(data.product.assessments.totalCount).toBe(1);
      const [finding] = data.product.assessments.edges[0].node.findings;
      expect(finding.note).toBe('No MFA for administrators');
      expect(finding.remediation?.description).toBe('Enforce MFA for administrators');
      const read = ok(await t.gql(ASSESSMENT, { id: s.assessmentId }, await caller.token(Role.VIEWER)));
      expect(read.assessment).not.toBeNull();
    }
  });

  it("lists a finding's evidence within the evidence's confidentiality", async () => {
    const seen = async (token: string) =>
      ok(await t.gql<Shape>(PRODUCT_ASSESSMENTS, { id: s.product.id }, token))
        .product.assessments.edges[0].node.findings[0].evidence.map((e) => e.id)
        .sort();
    expect(await seen(await (await municipality(t, '0180')).token(Role.VIEWER))).toEqual([publicEvidence]);
    expect(await seen(await s.assessor.token(Role.VIEWER))).toEqual([publicEvidence, secretEvidence].sort());
    expect(await seen(await s.supplier.token(Role.VIEWER))).toEqual([publicEvidence, secretEvidence].sort());
  });

  it('hides them from other suppliers: NOT_FOUND, an empty connection, null nodes; the status stays readable', async () => {
    const token = await (await newSupplier(t)).token(Role.ADMIN);
    expect(errorCode(await t.gql(ASSESSMENT, { id: s.assessmentId }, token))).toBe('NOT_FOUND');
    const data = ok(await t.gql<Shape>(PRODUCT_ASSESSMENTS, { id: s.product.id }, token));
    expect(data.product.status.state).toBe('IN_ASSESSMENT');
    expect(data.product.assessments).toEqual({ totalCount: 0, edges: [] });
    for (const id of [s.assessmentId, findingId, remediationId]) {
      expect(ok(await t.gql<{ node: unknown }>(NODE, { id }, token)).node).toBeNull();
    }
  });

  it('resolves Assessment, Finding and Remediation ids through node(id)', async () => {
    const token = await (await municipality(t, '0180')).token(Role.VIEWER);
    const types = [];
    for (const id of [s.assessmentId, findingId, remediationId]) {
      types.push(
        ok(await t.gql<{ node: { id: string; __typename: string } }>(NODE, { id }, token)).node.__typename,
      );
    }
    expect(types).toEqual(['Assessment', 'Finding', 'Remediation']);
  });

  describe('assessmentQueue', () => {
    let supplier: TestOrg;
    let holder: TestOrg;
    let waiting: string;
    let held: string;
    beforeAll(async () => {
      supplier = await newSupplier(t);
      holder = await newAssessor(t);
      waiting = await requestAssessment(t, supplier, (await newProduct(t, supplier)).id, s.baseline.id);
      held = await requestAssessment(t, supplier, (await newProduct(t, supplier)).id, s.baseline.id);
      ok(
        await t.gql(
          `mutation($id: ID!) { startAssessment(id: $id) { id } }`,
          { id: held },
          await holder.token(Role.EDITOR),
        ),
      );
    });

    /** Every id of the queue as the caller sees it, page by page. */
    const ids = async (token: string, state?: string) => {
      const all: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: {
          assessmentQueue: {
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            edges: { node: { id: string } }[];
          };
        } = ok(await t.gql(QUEUE, { state, first: 50, after }, token));
        all.push(...page.assessmentQueue.edges.map((e) => e.node.id));
        if (!page.assessmentQueue.pageInfo.hasNextPage) return all;
        after = page.assessmentQueue.pageInfo.endCursor;
      }
    };

    it('shows an assessment body what waits and what it holds, not what another body holds', async () => {
      const mine = await ids(await holder.token(Role.VIEWER));
      expect(mine).toEqual(expect.arrayContaining([waiting, held]));
      expect(mine).not.toContain(s.assessmentId);
      const other = await ids(await (await newAssessor(t)).token(Role.VIEWER));
      expect(other).toContain(waiting);
      expect(other).not.toContain(held);
    });

    it('filters by state: the holder’s own in progress; the agency sees every body’s', async () => {
      expect(await ids(await holder.token(Role.VIEWER), 'IN_PROGRESS')).toEqual([held]);
      const everything = await ids(await (await agency(t)).token(Role.VIEWER), 'IN_PROGRESS');
      expect(everything).toEqual(expect.arrayContaining([held, s.assessmentId]));
    });

    it('counts the whole queue in totalCount, not the page', async () => {
      // On the holder's own assessments, which no other test file touches (the waiting ones are
      // everyone's and change meanwhile).
      await startedAssessment(t, { assessor: holder });
      const page = ok(
        await t.gql<{ assessmentQueue: { totalCount: number; edges: unknown[] } }>(
          QUEUE,
          { state: 'IN_PROGRESS', first: 1 },
          await holder.token(Role.VIEWER),
        ),
      );
      expect(page.assessmentQueue.edges).toHaveLength(1);
      expect(page.assessmentQueue.totalCount).toBe(2);
    });

    it('refuses suppliers and municipalities', async () => {
      expect(errorCode(await t.gql(QUEUE, {}, await supplier.token(Role.ADMIN)))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(QUEUE, {}, await (await municipality(t, '0180')).token(Role.ADMIN)))).toBe(
        'FORBIDDEN',
      );
    });
  });
});
