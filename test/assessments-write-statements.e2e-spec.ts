import { Role } from '../src/common/actor.js';
import { startedAssessment } from './support/assessments.js';
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

  it('records and rewrites a finding in at most 8 statements, whatever the subscribers', async () => {
    const s = await startedAssessment(t, { requirements: [{ code: 'IAM-01' }, { code: 'LOG-01' }] });
    for (const code of ['0180', '1480']) await subscribe(t, await municipality(t, code), s.product.id);
    const token = await s.assessor.token(Role.EDITOR);
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
    expect(Math.max(...counts)).toBeLessThanOrEqual(8);
  });
});
