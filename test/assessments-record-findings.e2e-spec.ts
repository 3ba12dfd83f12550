import { Role } from '../src/common/actor.js';
import { ASSESSMENT, daysFromNow, startedAssessment } from './support/assessments.js';
import { agencyToken } from './support/baselines.js';
import { newAssessor } from './support/factories.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const RECORD_FINDINGS = `mutation RecordFindings($assessmentId: ID!, $findings: [FindingInput!]!) {
  recordFindings(assessmentId: $assessmentId, findings: $findings) {
    id result note requirement { code } remediation { description } } }`;

const codes = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ code: `REQ-${String(i).padStart(2, '0')}` }));
const statements = (response: { headers: Record<string, unknown> }) =>
  Number(response.headers['x-sql-statements']);

/** recordFindings: a whole assessment in one request and one transaction, all or nothing. */
describe('recordFindings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function findingsOf(assessmentId: string, token: string) {
    const data = ok(
      await t.gql<{ assessment: { findings: { result: string; requirement: { code: string } }[] } }>(
        ASSESSMENT,
        { id: assessmentId },
        token,
      ),
    );
    return data.assessment.findings.map((f) => [f.requirement.code, f.result]);
  }

  it('records 35 findings in one request, in the order given, with a number of statements that does not grow with them', async () => {
    const s = await startedAssessment(t, { requirements: codes(35) });
    const token = await s.assessor.token(Role.EDITOR);
    const findings = s.baseline.requirements.map((r, i) => ({
      requirementId: r.id,
      result: i === 3 ? 'NOT_SATISFIED' : 'SATISFIED',
      note: `note ${i}`,
      ...(i === 3 ? { remediation: { description: 'Enable MFA', dueDate: daysFromNow(30) } } : {}),
    }));
    // The first write loads the baseline's requirements into the process's cache (one statement).
    ok(await t.gql(RECORD_FINDINGS, { assessmentId: s.assessmentId, findings: findings.slice(0, 1) }, token));
    const few = await t.gql(
      RECORD_FINDINGS,
      { assessmentId: s.assessmentId, findings: findings.slice(0, 4) },
      token,
    );
    ok(few);
    const all = await t.gql<{
      recordFindings: { result: string; requirement: { code: string }; remediation: unknown }[];
    }>(RECORD_FINDINGS, { assessmentId: s.assessmentId, findings }, token);
    const recorded = ok(all).recordFindings;
    expect(recorded.map((f) => f.requirement.code)).toEqual(s.baseline.requirements.map((r) => r.code));
    expect(recorded[3]).toMatchObject({
      result: 'NOT_SATISFIED',
      remediation: { description: 'Enable MFA' },
    });
    expect(statements(all)).toBe(statements(few));
    expect(await findingsOf(s.assessmentId, token)).toHaveLength(35);
  });

  it('records nothing when one entry is bad, and names every bad entry by its index', async () => {
    const s = await startedAssessment(t, {
      requirements: [...codes(14), { code: 'HIGH-01', tiers: ['HIGH'] }],
    });
    const token = await s.assessor.token(Role.EDITOR);
    const good = s.baseline.requirements
      .filter((r) => r.code !== 'HIGH-01')
      .map((r) => ({ requirementId: r.id, result: 'SATISFIED' }));
    const high = s.baseline.requirements.find((r) => r.code === 'HIGH-01')!;

    const pastDue = good.map((f, i) =>
      i === 12
        ? {
            ...f,
            result: 'PARTIALLY_SATISFIED',
            remediation: { description: 'Fix', dueDate: daysFromNow(-1) },
          }
        : f,
    );
    const bad = await t.gql(RECORD_FINDINGS, { assessmentId: s.assessmentId, findings: pastDue }, token);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].extensions?.fields).toEqual(['findings[12].remediation.dueDate']);

    const outside = await t.gql(
      RECORD_FINDINGS,
      { assessmentId: s.assessmentId, findings: [...good, { requirementId: high.id, result: 'SATISFIED' }] },
      token,
    );
    expect(errorCode(outside)).toBe('BAD_USER_INPUT');
    expect(outside.errors?.[0].extensions?.fields).toEqual(['findings[14].requirementId']);
    expect(outside.errors?.[0].message).toMatch(/HIGH-01/);

    const twice = await t.gql(
      RECORD_FINDINGS,
      { assessmentId: s.assessmentId, findings: [...good, good[2], { ...good[0], evidenceIds: ['nope'] }] },
      token,
    );
    expect(twice.errors?.[0].extensions?.fields).toEqual([
      'findings[14].requirementId',
      'findings[15].requirementId',
      'findings[15].evidenceIds.0',
    ]);

    expect(await findingsOf(s.assessmentId, token)).toEqual([]);
  });

  it('refuses more than 500 findings and an empty list', async () => {
    const s = await startedAssessment(t);
    const token = await s.assessor.token(Role.EDITOR);
    const one = { requirementId: s.baseline.requirements[0].id, result: 'SATISFIED' };
    const many = await t.gql(
      RECORD_FINDINGS,
      { assessmentId: s.assessmentId, findings: Array(501).fill(one) },
      token,
    );
    expect(errorCode(many)).toBe('BAD_USER_INPUT');
    expect(many.errors?.[0].extensions?.fields).toEqual(['findings']);
    const none = await t.gql(RECORD_FINDINGS, { assessmentId: s.assessmentId, findings: [] }, token);
    expect(errorCode(none)).toBe('BAD_USER_INPUT');
  });

  it('is allowed to the holding assessor only: other assessors, suppliers and viewers are refused', async () => {
    const s = await startedAssessment(t);
    const findings = [{ requirementId: s.baseline.requirements[0].id, result: 'SATISFIED' }];
    const call = (token: string) => t.gql(RECORD_FINDINGS, { assessmentId: s.assessmentId, findings }, token);

    expect(errorCode(await call(await s.supplier.token(Role.ADMIN)))).toBe('FORBIDDEN');
    expect(errorCode(await call(await s.assessor.token(Role.VIEWER)))).toBe('FORBIDDEN');
    expect(errorCode(await call(await (await newAssessor(t)).token(Role.EDITOR)))).toBe('FORBIDDEN');
    expect(errorCode(await call(await agencyToken(t, Role.EDITOR)))).toBe('FORBIDDEN');
    ok(await call(await s.assessor.token(Role.EDITOR)));
  });
});
