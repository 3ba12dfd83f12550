import { Role } from '../src/common/actor.js';
import { statusOf, startedAssessment } from './support/assessments.js';
import { approve, reassess } from './support/reassessment.js';
import { municipality, subscribe } from './support/factories.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

/** The benchmark's write (S4): recordFinding in a bounded number of SQL statements, transaction included. */
const RECORD = `mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id result } }`;

describe('recordFinding statements', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('records and rewrites a finding in at most 7 statements, whatever the subscribers', async () => {
    const s = await startedAssessment(t, { requirements: [{ code: 'IAM-01' }, { code: 'LOG-01' }] });
    for (const code of ['0180', '1480']) await subscribe(t, await municipality(t, code), s.product.id);
    const token = await s.assessor.token(Role.EDITOR);
    // Steady state: the baseline's requirements are in the process's cache after its first use.
    ok(
      await t.gql(
        RECORD,
        {
          input: {
            assessmentId: s.assessmentId,
            requirementId: s.baseline.requirements[1].id,
            result: 'SATISFIED',
          },
        },
        token,
      ),
    );
    const counts: number[] = [];
    for (const [requirement, result] of [
      [s.baseline.requirements[0], 'SATISFIED'],
      [s.baseline.requirements[0], 'NOT_APPLICABLE'],
      [s.baseline.requirements[1], 'SATISFIED'],
    ] as const) {
      const response = await t.gql<{ recordFinding: { result: string } }>(
        RECORD,
        { input: { assessmentId: s.assessmentId, requirementId: requirement.id, result } },
        token,
      );
      expect(ok(response).recordFinding.result).toBe(result);
      counts.push(Number(response.headers['x-sql-statements']));
    }
    expect(counts.every((n) => n >= 4)).toBe(true);
    expect(Math.max(...counts)).toBeLessThanOrEqual(7);
  });

  it("records a reassessment's findings without refreshing the status the completed assessment decides", async () => {
    const s = await startedAssessment(t, { requirements: [{ code: 'IAM-01' }, { code: 'LOG-01' }] });
    await approve(t, s, s.baseline.requirements);
    const again = await reassess(t, s.supplier, s.assessor, s.product.id, s.baseline.id, 'FULL');
    const viewer = await s.supplier.token(Role.VIEWER);
    const readModel = () =>
      t.dataSource.query(
        `SELECT satisfied, not_satisfied, not_assessed, open_remediations, remediations, updated_at
           FROM product_baseline_status WHERE product_id = $1`,
        [s.product.uuid],
      );
    const statusBefore = await statusOf(t, s.product.id, viewer);
    const rowBefore = await readModel();
    const token = await s.assessor.token(Role.EDITOR);
    const counts: number[] = [];
    for (const requirement of s.baseline.requirements) {
      const response = await t.gql<{ recordFinding: { result: string } }>(
        RECORD,
        { input: { assessmentId: again, requirementId: requirement.id, result: 'NOT_SATISFIED' } },
        token,
      );
      expect(ok(response).recordFinding.result).toBe('NOT_SATISFIED');
      counts.push(Number(response.headers['x-sql-statements']));
    }
    // The approved assessment still decides: same state and counts, the row not even rewritten.
    expect(await statusOf(t, s.product.id, viewer)).toEqual(statusBefore);
    expect(statusBefore).toMatchObject({ state: 'COMPLIANT', satisfied: 2, notSatisfied: 0 });
    expect(await readModel()).toEqual(rowBefore);
    expect(Math.max(...counts)).toBeLessThanOrEqual(5);
  });
});
