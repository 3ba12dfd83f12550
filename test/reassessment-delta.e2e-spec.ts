import { Role } from '../src/common/actor.js';
import { daysFromNow, startedAssessment, statusOf } from './support/assessments.js';
import { newEvidence } from './support/evidence.js';
import {
  approve,
  controlClock,
  publishNextVersion,
  reassess,
  RECORD_FINDINGS,
} from './support/reassessment.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const FINDINGS = `query DeltaFindings($id: ID!) { assessment(id: $id) { findings {
  id result note requirement { code } evidence { id } carriedOverFrom { id result requirement { code } } } } }`;

interface FindingShape {
  id: string;
  result: string;
  note: string | null;
  requirement: { code: string };
  evidence: { id: string }[];
  carriedOverFrom: { id: string; result: string; requirement: { code: string } } | null;
}

/** DELTA reassessment: unchanged findings are carried over, the assessor records the rest. */
describe('DELTA reassessment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const findingsOf = async (id: string, token: string) =>
    ok(await t.gql<{ assessment: { findings: FindingShape[] } }>(FINDINGS, { id }, token)).assessment
      .findings;

  describe('carries over only the findings of requirements whose code and statement did not change; completes as a full one', () => {
    const COMPLETE = `mutation CompleteAssessment($input: CompleteAssessmentInput!) { completeAssessment(input: $input) { id } }`;
    let s: Awaited<ReturnType<typeof startedAssessment>>;
    let evidence: Awaited<ReturnType<typeof newEvidence>>;
    let old: Awaited<ReturnType<typeof approve>>;
    let next: Awaited<ReturnType<typeof publishNextVersion>>;
    let id: string;
    let token: string;
    beforeAll(async () => {
      const clock = controlClock(t);
      s = await startedAssessment(t, {
        requirements: [{ code: 'IAM-01' }, { code: 'LOG-01' }, { code: 'OPS-01' }],
      });
      evidence = await newEvidence(t, s.supplier, s.product, [s.baseline.requirements[0].id]);
      old = await approve(t, s, s.baseline.requirements, (i) =>
        i === 0 ? { note: 'MFA everywhere', evidenceIds: [evidence.id] } : {},
      );
      next = await publishNextVersion(
        t,
        s.baseline,
        '2027.1',
        [
          { code: 'IAM-01' },
          { code: 'LOG-01', statement: 'Logs are kept for eighteen months.' },
          { code: 'OPS-01', guidance: 'Only the guidance changed.' },
          { code: 'NET-01' },
        ],
        daysFromNow(90, clock.now().getTime()),
      );
      id = await reassess(t, s.supplier, s.assessor, s.product.id, next.id, 'DELTA');
      token = await s.assessor.token(Role.EDITOR);
    });

    it('carries over the unchanged and guidance-only-changed findings, with their note and evidence', async () => {
      const carried = await findingsOf(id, token);
      expect(carried.map((f) => [f.requirement.code, f.result, f.carriedOverFrom?.id])).toEqual([
        ['IAM-01', 'SATISFIED', old.find((f) => f.requirement.code === 'IAM-01')!.id],
        ['OPS-01', 'SATISFIED', old.find((f) => f.requirement.code === 'OPS-01')!.id],
      ]);
      expect(carried[0]).toMatchObject({ note: 'MFA everywhere', evidence: [{ id: evidence.id }] });
      expect(carried[0].carriedOverFrom?.requirement.code).toBe('IAM-01');
    });

    it('refuses to complete while the changed and new requirements have no finding, naming them', async () => {
      const early = await t.gql(
        COMPLETE,
        { input: { assessmentId: id, outcome: 'APPROVED', validUntil: daysFromNow(700) } },
        token,
      );
      expect(errorCode(early)).toBe('BAD_USER_INPUT');
      expect(early.errors?.[0].message).toMatch(/missing for LOG-01, NET-01/);
    });

    it('records findings of its own over the rest, a carried-over one included', async () => {
      const byCode = new Map(next.requirements.map((r) => [r.code, r.id]));
      const recorded = ok(
        await t.gql<{ recordFindings: FindingShape[] }>(
          RECORD_FINDINGS,
          {
            assessmentId: id,
            findings: ['LOG-01', 'NET-01', 'OPS-01'].map((code) => ({
              requirementId: byCode.get(code),
              result: 'SATISFIED',
              note: `checked ${code}`,
            })),
          },
          token,
        ),
      ).recordFindings;
      expect(recorded.map((f) => f.carriedOverFrom)).toEqual([null, null, null]);
      const after = await findingsOf(id, token);
      expect(after.map((f) => [f.requirement.code, f.carriedOverFrom === null])).toEqual([
        ['IAM-01', false],
        ['LOG-01', true],
        ['NET-01', true],
        ['OPS-01', true],
      ]);
    });

    it('completes as a full assessment: COMPLIANT against the new version, no reassessment pending', async () => {
      ok(
        await t.gql(
          COMPLETE,
          { input: { assessmentId: id, outcome: 'APPROVED', validUntil: daysFromNow(700) } },
          token,
        ),
      );
      const status = await statusOf(t, s.product.id, await s.supplier.token(Role.VIEWER));
      expect(status.state).toBe('COMPLIANT');
      expect(status.baseline?.version).toBe('2027.1');
      expect(status.reasons.join(' ')).not.toMatch(/reassessment/);
    });
  });

  it('refuses DELTA without an earlier completed assessment; FULL carries nothing over', async () => {
    const clock = controlClock(t);
    const s = await startedAssessment(t);
    const next = await publishNextVersion(
      t,
      s.baseline,
      '2027.1',
      [{ code: 'IAM-01' }, { code: 'LOG-01' }],
      daysFromNow(90, clock.now().getTime()),
    );
    const refused = await t.gql(
      `mutation RequestAssessment($productId: ID!, $baselineId: ID!, $scope: AssessmentScope) {
        requestAssessment(productId: $productId, baselineId: $baselineId, scope: $scope) { id } }`,
      { productId: s.product.id, baselineId: next.id, scope: 'DELTA' },
      await s.supplier.token(Role.EDITOR),
    );
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].extensions?.fields).toEqual(['scope']);

    const other = await startedAssessment(t);
    await approve(t, other, other.baseline.requirements);
    const again = await publishNextVersion(
      t,
      other.baseline,
      '2027.1',
      [{ code: 'IAM-01' }, { code: 'LOG-01' }],
      daysFromNow(90, clock.now().getTime()),
    );
    const full = await reassess(t, other.supplier, other.assessor, other.product.id, again.id, 'FULL');
    expect(await findingsOf(full, await other.assessor.token(Role.EDITOR))).toEqual([]);
  });
});
