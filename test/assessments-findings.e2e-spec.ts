import { Role } from '../src/common/actor.js';
import {
  COMPLETE_REMEDIATION,
  completeAssessment,
  daysFromNow,
  moveClock,
  recordFinding,
  requestAssessment,
  startAssessment,
  startedAssessment,
  type Scenario,
} from './support/assessments.js';
import { agencyToken, newBaseline, type RequirementSeed } from './support/baselines.js';
import { newAssessor, newProduct, newPublicBody, type TestOrg } from './support/factories.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

/*
 * Assessment.findings (one JSON value per assessment, requirements from the in-memory cache) must
 * answer exactly what reading each finding alone does (node(id): one flat row per finding).
 */

const REQUIREMENT_FIELDS = `id code title statement guidance category tiers evidenceExpected
  mappings { framework reference relationship }`;
const FINDING_FIELDS = `id result note recordedAt requirement { ${REQUIREMENT_FIELDS} }
  remediation { id description dueDate state overdue completedAt }`;

const uuidOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1];

interface FindingShape {
  id: string;
  result: string;
  note: string | null;
  recordedAt: string;
  requirement: { id: string; code: string; title: string; mappings: unknown[] };
  remediation: { id: string; dueDate: string; state: string; overdue: boolean } | null;
}

const READ = `query($id: ID!, $product: ID!) {
  assessment(id: $id) { findings { ${FINDING_FIELDS} } }
  product(id: $product) { assessments(first: 1) { edges { node { id findings { ${FINDING_FIELDS} } } } } } }`;

/** Codes out of alphabetical order, with every requirement field varied. */
const REQUIREMENTS: RequirementSeed[] = [
  { code: 'ZZZ-01', guidance: null, evidenceExpected: null, mappings: [] },
  {
    code: 'AAA-02',
    guidance: 'Hardware keys preferred.',
    evidenceExpected: 'The sign-in policy.',
    tiers: ['BASIC', 'HIGH'],
    mappings: [
      { framework: 'ISO-27001-2022', reference: '5.17', relationship: 'EQUIVALENT' },
      { framework: 'CIS-V8', reference: '6.5', relationship: 'SUBSET_OF' },
    ],
  },
  { code: 'MMM-01', category: 'Logging and monitoring', title: 'Åtkomstloggar "sparas" i 12 månader' },
  { code: 'AAA-01', statement: 'Line one.\nLine two, with a tab\tand unicode: ö ä å ✓.' },
];

describe('assessments: findings as the hot path reads them', () => {
  let t: TestApp;
  let s: Scenario;
  let customer: TestOrg;
  let recorded: Map<string, string>;

  const read = async (assessmentId: string, productId: string, token: string) => {
    const data = ok(
      await t.gql<{
        assessment: { findings: FindingShape[] };
        product: { assessments: { edges: { node: { id: string; findings: FindingShape[] } }[] } };
      }>(READ, { id: assessmentId, product: productId }, token),
    );
    expect(data.product.assessments.edges[0].node.id).toBe(assessmentId);
    expect(data.product.assessments.edges[0].node.findings).toEqual(data.assessment.findings);
    return data.assessment.findings;
  };

  /** Each finding and its requirement read alone, through node(id). */
  const alone = async (findings: FindingShape[], token: string) => {
    const aliases = findings.map(
      (f, i) => `f${i}: node(id: "${f.id}") { ... on Finding { ${FINDING_FIELDS} } }
        r${i}: node(id: "${f.requirement.id}") { ... on Requirement { ${REQUIREMENT_FIELDS} } }`,
    );
    const data = ok(await t.gql<Record<string, unknown>>(`query { ${aliases.join('\n')} }`, {}, token));
    return findings.map((_, i) => ({ finding: data[`f${i}`], requirement: data[`r${i}`] }));
  };

  beforeAll(async () => {
    t = await createTestApp();
    customer = await newPublicBody(t);
    s = await startedAssessment(t, { requirements: REQUIREMENTS });
    const byCode = new Map(s.baseline.requirements.map((r) => [r.code, r.id]));
    recorded = new Map();
    const record = async (code: string, seed: Parameters<typeof recordFinding>[4]) => {
      const finding = await recordFinding(t, s.assessor, s.assessmentId, byCode.get(code)!, seed);
      recorded.set(code, finding.id);
    };
    await record('MMM-01', {
      result: 'NOT_SATISFIED',
      note: 'Loggar saknas',
      remediation: { description: 'Keep the logs', dueDate: daysFromNow(10) },
    });
    await record('ZZZ-01', { result: 'SATISFIED' });
    await record('AAA-02', {
      result: 'PARTIALLY_SATISFIED',
      note: '',
      remediation: { description: 'Roll out keys', dueDate: daysFromNow(40) },
    });
    await record('AAA-01', { result: 'NOT_APPLICABLE', note: 'No such system' });
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('are by requirement code, each exactly as read alone', async () => {
    const token = await customer.token(Role.VIEWER);
    const findings = await read(s.assessmentId, s.product.id, token);
    expect(findings.map((f) => f.requirement.code)).toEqual(['AAA-01', 'AAA-02', 'MMM-01', 'ZZZ-01']);
    expect(findings.map((f) => f.id)).toEqual(
      ['AAA-01', 'AAA-02', 'MMM-01', 'ZZZ-01'].map((code) => recorded.get(code)),
    );
    const single = await alone(findings, token);
    findings.forEach((finding, i) => {
      expect(finding).toEqual(single[i].finding);
      expect(finding.requirement).toEqual(single[i].requirement);
    });
    expect(findings[1].requirement.mappings).toHaveLength(2);
    expect(findings[0].remediation).toBeNull();
    expect(findings[1].remediation).toMatchObject({ state: 'OPEN', overdue: false });
  });

  it('answer a selection of only result and requirement (the slim statement) as the full one does', async () => {
    const token = await customer.token(Role.VIEWER);
    const full = await read(s.assessmentId, s.product.id, token);
    const slimQuery = `query($id: ID!, $product: ID!) {
      assessment(id: $id) { findings { result requirement { ${REQUIREMENT_FIELDS} } } }
      product(id: $product) { assessments(first: 1) { edges { node {
        findings { __typename ...slim } } } } } }
      fragment slim on Finding { result requirement { code } }`;
    type SlimFinding = { __typename: string; result: string; requirement: { code: string } };
    const slim = ok(
      await t.gql<{
        assessment: { findings: Pick<FindingShape, 'result' | 'requirement'>[] };
        product: { assessments: { edges: { node: { findings: SlimFinding[] } }[] } };
      }>(slimQuery, { id: s.assessmentId, product: s.product.id }, token),
    );
    expect(slim.assessment.findings).toEqual(
      full.map((f) => ({ result: f.result, requirement: f.requirement })),
    );
    expect(slim.product.assessments.edges[0].node.findings).toEqual(
      full.map((f) => ({
        __typename: 'Finding',
        result: f.result,
        requirement: { code: f.requirement.code },
      })),
    );
    // Asking for anything else (here the id) takes the full statement: the ids are there.
    const withIds = ok(
      await t.gql<{ assessment: { findings: { id: string }[] } }>(
        `query($id: ID!) { assessment(id: $id) { findings { result id } } }`,
        { id: s.assessmentId },
        token,
      ),
    );
    expect(withIds.assessment.findings.map((f) => f.id)).toEqual(full.map((f) => f.id));
  });

  it('say a remediation is overdue once the clock passes its due date, and not once it is done', async () => {
    await completeAssessment(t, s.assessor, s.assessmentId, 'APPROVED_WITH_CONDITIONS');
    const token = await customer.token(Role.VIEWER);
    moveClock(t, 20);
    let findings = await read(s.assessmentId, s.product.id, token);
    const remediations = () =>
      findings.map((f) => f.remediation && [f.requirement.code, f.remediation.overdue]);
    expect(remediations()).toEqual([null, ['AAA-02', false], ['MMM-01', true], null]);
    const single = await alone(findings, token);
    findings.forEach((finding, i) => expect(finding).toEqual(single[i].finding));

    const mmm = findings[2].remediation!;
    const done = ok(
      await t.gql<{ completeRemediation: { state: string; completedAt: string; overdue: boolean } }>(
        COMPLETE_REMEDIATION,
        { id: mmm.id },
        await s.supplier.token(Role.EDITOR),
      ),
    ).completeRemediation;
    findings = await read(s.assessmentId, s.product.id, token);
    expect(findings[2].remediation).toMatchObject({ ...done, state: 'DONE', overdue: false });
    moveClock(t, 60);
    findings = await read(s.assessmentId, s.product.id, token);
    expect(remediations()).toEqual([null, ['AAA-02', true], ['MMM-01', false], null]);
  });

  it("take each assessment's requirements from its own baseline version (same codes, other rows)", async () => {
    const admin = await agencyToken(t);
    const next = await newBaseline(t, {
      key: s.baseline.key,
      version: '2027.1',
      fromBaselineId: s.baseline.id,
      requirements: [],
    });
    const zzz = next.requirements.find((r) => r.code === 'ZZZ-01')!;
    ok(
      await t.gql(
        `mutation($id: ID!, $input: UpdateRequirementInput!) { updateRequirement(id: $id, input: $input) { id } }`,
        { id: zzz.id, input: { title: 'Stricter in 2027' } },
        admin,
      ),
    );
    ok(await t.gql(`mutation($id: ID!) { publishBaseline(id: $id) { id } }`, { id: next.id }, admin));

    const product = await newProduct(t, s.supplier);
    const assessor = await newAssessor(t);
    const id = await requestAssessment(t, s.supplier, product.id, next.id);
    await startAssessment(t, assessor, id);
    await recordFinding(t, assessor, id, zzz.id, { result: 'SATISFIED' });

    const token = await customer.token(Role.VIEWER);
    const both = ok(
      await t.gql<{ old: { findings: FindingShape[] }; now: { findings: FindingShape[] } }>(
        `query($old: ID!, $now: ID!) { old: assessment(id: $old) { findings { ${FINDING_FIELDS} } }
           now: assessment(id: $now) { findings { ${FINDING_FIELDS} } } }`,
        { old: s.assessmentId, now: id },
        token,
      ),
    );
    const oldZzz = both.old.findings.find((f) => f.requirement.code === 'ZZZ-01')!;
    expect(oldZzz.requirement.id).toBe(s.baseline.requirements.find((r) => r.code === 'ZZZ-01')!.id);
    expect(oldZzz.requirement.title).toBe('Requirement ZZZ-01');
    expect(both.now.findings.map((f) => [f.requirement.id, f.requirement.title])).toEqual([
      [zzz.id, 'Stricter in 2027'],
    ]);
    const single = await alone(both.now.findings, token);
    expect(both.now.findings[0]).toEqual(single[0].finding);
  });

  it('still show a finding whose requirement is of another baseline, in code order', async () => {
    // recordFinding refuses such a finding; a row written another way is shown as it is.
    const other = await startedAssessment(t, { requirements: [{ code: 'AAA-01' }, { code: 'MMM-01' }] });
    const foreign = await newBaseline(t, {
      publish: true,
      requirements: [{ code: 'KKK-01', title: 'Elsewhere' }],
    });
    const [aaa, mmm] = other.baseline.requirements;
    await recordFinding(t, other.assessor, other.assessmentId, aaa.id, { result: 'SATISFIED' });
    await recordFinding(t, other.assessor, other.assessmentId, mmm.id, { result: 'SATISFIED' });
    await t.dataSource.query(
      `INSERT INTO finding (assessment_id, requirement_id, result, note, recorded_at)
       VALUES ($1, $2, 'NOT_APPLICABLE', 'imported', now())`,
      [uuidOf(other.assessmentId), uuidOf(foreign.requirements[0].id)],
    );
    const token = await customer.token(Role.VIEWER);
    const findings = await read(other.assessmentId, other.product.id, token);
    expect(findings.map((f) => [f.requirement.code, f.requirement.title])).toEqual([
      ['AAA-01', 'Requirement AAA-01'],
      ['KKK-01', 'Elsewhere'],
      ['MMM-01', 'Requirement MMM-01'],
    ]);
    expect(findings[1].requirement.id).toBe(foreign.requirements[0].id);
    const single = await alone(findings, token);
    findings.forEach((finding, i) => expect(finding).toEqual(single[i].finding));
  });

  it("never keep a draft's requirements: they may still change", async () => {
    // Only rows written around the API can name a draft's requirement; its text must stay current.
    const other = await startedAssessment(t, { requirements: [{ code: 'AAA-01' }] });
    const draft = await newBaseline(t, { requirements: [{ code: 'DDD-01', title: 'First words' }] });
    await recordFinding(t, other.assessor, other.assessmentId, other.baseline.requirements[0].id, {
      result: 'SATISFIED',
    });
    await t.dataSource.query(
      `INSERT INTO finding (assessment_id, requirement_id, result, recorded_at) VALUES ($1, $2, 'SATISFIED', now())`,
      [uuidOf(other.assessmentId), uuidOf(draft.requirements[0].id)],
    );
    const token = await customer.token(Role.VIEWER);
    const titles = async () =>
      (await read(other.assessmentId, other.product.id, token)).map((f) => f.requirement.title);
    expect(await titles()).toEqual(['Requirement AAA-01', 'First words']);
    ok(
      await t.gql(
        `mutation($id: ID!, $input: UpdateRequirementInput!) { updateRequirement(id: $id, input: $input) { id } }`,
        { id: draft.requirements[0].id, input: { title: 'Second words' } },
        await agencyToken(t),
      ),
    );
    expect(await titles()).toEqual(['Requirement AAA-01', 'Second words']);
  });
});
