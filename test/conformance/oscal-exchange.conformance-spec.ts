import { Role } from '../../src/common/actor.js';
import * as f from '../../src/evidence/upload/fixtures.test-support.js';
import { completeAssessment, daysFromNow, recordFinding, startedAssessment } from '../support/assessments.js';
import { newEvidence, sha256, upload } from '../support/evidence.js';
import { municipality, newSupplier } from '../support/factories.js';
import { expectSchemaValid, OSCAL_FILES, request } from '../support/oscal.js';
import { createTestApp, ok, type TestApp } from '../support/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FINDINGS = `query($id: ID!) { assessment(id: $id) { findings { requirement { code } result note
  remediation { description dueDate } } } }`;

describe('OSCAL out: assessment results and POA&M; OSCAL in: assessment results as findings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('exports a completed assessment as schema-valid assessment results, readable by whoever reads its findings', async () => {
    const s = await startedAssessment(t, { requirements: [{ code: 'IAM-01' }, { code: 'IAM-02' }] });
    const [iam1, iam2] = s.baseline.requirements;
    const editor = await s.supplier.token(Role.EDITOR);
    const evidence = await newEvidence(t, s.supplier, s.product, [iam1.id]);
    const bytes = f.pdf(['Rapport']);
    expect((await upload(t, evidence, bytes, editor)).status).toBe(200);
    await recordFinding(t, s.assessor, s.assessmentId, iam1.id, {
      result: 'SATISFIED',
      evidenceIds: [evidence.id],
    });
    await recordFinding(t, s.assessor, s.assessmentId, iam2.id, {
      result: 'NOT_SATISFIED',
      note: 'No MFA for administrators.',
      remediation: { description: 'Turn on MFA for every administrator.', dueDate: daysFromNow(-1 + 30) },
    });
    const url = `/oscal/assessments/${s.assessmentId}/assessment-results.json`;
    // Not completed yet: no assessment results.
    expect((await request(t, 'GET', url, await s.assessor.token(Role.VIEWER))).statusCode).toBe(409);
    await completeAssessment(t, s.assessor, s.assessmentId, 'APPROVED_WITH_CONDITIONS');

    const customer = await (await municipality(t)).token(Role.VIEWER);
    const response = await request(t, 'GET', url, customer);
    expect(response.statusCode).toBe(200);
    const document = response.json<Json>();
    expectSchemaValid(OSCAL_FILES.assessmentResultsSchema, document);
    const ar = document['assessment-results'];
    const [result] = ar.results;
    expect(result.findings.map((x: Json) => [x['target']['target-id'], x.target.status.state])).toEqual([
      ['iam-01', 'satisfied'],
      ['iam-02', 'not-satisfied'],
    ]);
    expect(ar.metadata.parties.map((p: Json) => p.name)).toContain(s.assessor.name);
    expect(ar.metadata['responsible-parties']).toContainEqual(
      expect.objectContaining({ 'role-id': 'assessor' }),
    );
    const observation = result.observations.find((o: Json) => o['relevant-evidence']);
    const resource = ar['back-matter'].resources.find(
      (r: Json) => `#${r.uuid}` === observation['relevant-evidence'][0].href,
    );
    expect(resource.rlinks[0]).toMatchObject({
      href: `urn:assurance-registry:evidence:${evidence.id}`,
      hashes: [{ algorithm: 'SHA-256', value: sha256(bytes) }],
    });
    // The same bytes for everyone, every time (status statements hash them).
    expect((await request(t, 'GET', url, await s.supplier.token(Role.VIEWER))).body).toBe(response.body);

    // Another supplier may not read the findings: NOT_FOUND, as in GraphQL.
    const other = await (await newSupplier(t)).token(Role.ADMIN);
    expect((await request(t, 'GET', url, other)).statusCode).toBe(404);
    expect((await request(t, 'GET', url)).statusCode).toBe(401);

    // POA&M: one item per open gap, with due date, status and overdue flag.
    const poamUrl = `/oscal/products/${s.product.id}/poam.json`;
    const poam = (await request(t, 'GET', poamUrl, customer)).json<Json>();
    expectSchemaValid(OSCAL_FILES.poamSchema, poam);
    const items = poam['plan-of-action-and-milestones']['poam-items'];
    expect(items).toHaveLength(1);
    const props = Object.fromEntries(items[0].props.map((p: Json) => [p.name, p.value]));
    expect(props).toMatchObject({
      'control-id': 'iam-02',
      status: 'OPEN',
      overdue: 'false',
      'due-date': daysFromNow(29).slice(0, 10),
    });
    expect(poam['plan-of-action-and-milestones'].risks[0]).toMatchObject({
      status: 'open',
      statement: 'Turn on MFA for every administrator.',
    });
    expect((await request(t, 'GET', poamUrl, other)).statusCode).toBe(404);
  }, 120_000);

  it('imports an assessment-results document as the findings of an assessment in progress, as recordFinding would', async () => {
    const requirements = [{ code: 'LOG-01' }, { code: 'LOG-02' }];
    const source = await startedAssessment(t, { requirements });
    const [log1, log2] = source.baseline.requirements;
    const dueDate = daysFromNow(60);
    await recordFinding(t, source.assessor, source.assessmentId, log1.id, {
      result: 'PARTIALLY_SATISFIED',
      note: 'Logs kept 30 days.',
      remediation: { description: 'Keep logs for a year.', dueDate },
    });
    await recordFinding(t, source.assessor, source.assessmentId, log2.id, { result: 'NOT_APPLICABLE' });
    await completeAssessment(t, source.assessor, source.assessmentId, 'APPROVED_WITH_CONDITIONS');
    const auditor = await source.assessor.token(Role.VIEWER);
    const document = (
      await request(t, 'GET', `/oscal/assessments/${source.assessmentId}/assessment-results.json`, auditor)
    ).body;

    // An assessment in progress of another product, against a baseline with the same requirements.
    const sameBaseline = await startedAssessment(t, { requirements });
    const url = `/oscal/assessments/${sameBaseline.assessmentId}/assessment-results`;
    // Only the holding assessment body, with recordFinding's policy.
    expect(
      (await request(t, 'POST', url, await source.assessor.token(Role.EDITOR), document)).statusCode,
    ).toBe(403);
    expect(
      (await request(t, 'POST', url, await sameBaseline.assessor.token(Role.VIEWER), document)).statusCode,
    ).toBe(403);
    expect(
      (await request(t, 'POST', url, await sameBaseline.supplier.token(Role.EDITOR), document)).statusCode,
    ).toBe(403);
    const imported = await request(t, 'POST', url, await sameBaseline.assessor.token(Role.EDITOR), document);
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ findings: 2 });

    const read = async (id: string, token: string) =>
      ok(await t.gql<Json>(FINDINGS, { id }, token)).assessment.findings.map((x: Json) => ({
        ...x,
        note: x.note,
      }));
    const viewer = await sameBaseline.assessor.token(Role.VIEWER);
    expect(await read(sameBaseline.assessmentId, viewer)).toEqual(await read(source.assessmentId, auditor));

    // A document naming a control the baseline does not have: nothing recorded, a pointer to it.
    const bad = JSON.parse(document);
    bad['assessment-results'].results[0].findings[0].target['target-id'] = 'zz-9';
    const refused = await request(
      t,
      'POST',
      url,
      await sameBaseline.assessor.token(Role.EDITOR),
      JSON.stringify(bad),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Json>().error.problems[0].pointer).toBe(
      '/assessment-results/results/0/findings/0/target/target-id',
    );
  }, 120_000);
});
