import { Role } from '../src/common/actor.js';
import { agencyToken, newBaseline } from './support/baselines.js';
import {
  ASSESSMENT,
  COMPLETE,
  daysFromNow,
  RECORD,
  recordFinding,
  REQUEST,
  requestAssessment,
  START,
  startAssessment,
  startedAssessment,
  statusOf,
  WITHDRAW,
} from './support/assessments.js';
import {
  agency,
  municipality,
  newAssessor,
  newProduct,
  newSupplier,
  type TestOrg,
} from './support/factories.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

type AssessmentShape = {
  id: string;
  state: string;
  outcome: string | null;
  assessor: { id: string } | null;
  findings: { result: string; requirement: { code: string }; remediation: { description: string } | null }[];
};

describe('assessments: the workflow', () => {
  let t: TestApp;
  let agencyOrg: TestOrg;

  const fields = (response: { errors?: { extensions?: { fields?: string[] } }[] }) =>
    response.errors?.[0]?.extensions?.fields;

  beforeAll(async () => {
    t = await createTestApp();
    agencyOrg = await agency(t);
  });
  afterAll(() => t.close());

  describe('runs from request to completion, and the completed assessment is readable with its findings', () => {
    let s: Awaited<ReturnType<typeof startedAssessment>>;
    let iam: (typeof s.baseline.requirements)[number];
    beforeAll(async () => {
      s = await startedAssessment(t);
      const [, log] = s.baseline.requirements;
      iam = s.baseline.requirements[0];
      await recordFinding(t, s.assessor, s.assessmentId, iam.id, {
        result: 'SATISFIED',
        note: 'MFA everywhere',
      });
      await recordFinding(t, s.assessor, s.assessmentId, log.id, { result: 'NOT_APPLICABLE' });
    });

    it('completes with the outcome, and the supplier hears of it', async () => {
      const completed = ok(
        await t.gql<{ completeAssessment: { state: string; outcome: string; validUntil: string } }>(
          COMPLETE,
          { input: { assessmentId: s.assessmentId, outcome: 'APPROVED', validUntil: daysFromNow(700) } },
          await s.assessor.token(Role.EDITOR),
        ),
      ).completeAssessment;
      expect(completed).toMatchObject({ state: 'COMPLETED', outcome: 'APPROVED' });
      const events = await t.dataSource.query<{ type: string }[]>(
        `SELECT e.type FROM registry_event e JOIN registry_event_recipient r ON r.event_id = e.id
          WHERE e.product_id = $1 AND r.organization_id = $2`,
        [s.product.uuid, s.supplier.uuid],
      );
      expect(events.map((e) => e.type)).toContain('ASSESSMENT_COMPLETED');
    });

    it('is readable by the supplier with its assessor and findings', async () => {
      const read = ok(
        await t.gql<{ assessment: AssessmentShape }>(
          ASSESSMENT,
          { id: s.assessmentId },
          await s.supplier.token(Role.VIEWER),
        ),
      ).assessment;
      expect(read.assessor?.id).toBe(s.assessor.id);
      expect(read.findings.map((f) => [f.requirement.code, f.result])).toEqual([
        ['IAM-01', 'SATISFIED'],
        ['LOG-01', 'NOT_APPLICABLE'],
      ]);
    });

    it('never changes once completed: no finding, completion, withdrawal or start', async () => {
      const assessorToken = await s.assessor.token(Role.EDITOR);
      const again = await t.gql(
        RECORD,
        { input: { assessmentId: s.assessmentId, requirementId: iam.id, result: 'NOT_SATISFIED' } },
        assessorToken,
      );
      expect(errorCode(again)).toBe('CONFLICT');
      const recomplete = await t.gql(
        COMPLETE,
        { input: { assessmentId: s.assessmentId, outcome: 'REJECTED', validUntil: daysFromNow(10) } },
        assessorToken,
      );
      expect(errorCode(recomplete)).toBe('CONFLICT');
      expect(
        errorCode(await t.gql(WITHDRAW, { id: s.assessmentId }, await s.supplier.token(Role.EDITOR))),
      ).toBe('CONFLICT');
      expect(errorCode(await t.gql(START, { id: s.assessmentId }, assessorToken))).toBe('CONFLICT');
    });
  });

  describe('requestAssessment', () => {
    it("is the owning supplier EDITOR's; one open assessment per product and baseline", async () => {
      const supplier = await newSupplier(t);
      const product = await newProduct(t, supplier);
      const baseline = await newBaseline(t, { publish: true });
      const vars = { productId: product.id, baselineId: baseline.id };
      expect(errorCode(await t.gql(REQUEST, vars, await supplier.token(Role.VIEWER)))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(REQUEST, vars, await (await newSupplier(t)).token(Role.EDITOR)))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await t.gql(REQUEST, vars, await (await newAssessor(t)).token(Role.ADMIN)))).toBe(
        'FORBIDDEN',
      );
      expect(
        errorCode(await t.gql(REQUEST, vars, await (await municipality(t, '0180')).token(Role.ADMIN))),
      ).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(REQUEST, vars, await agencyOrg.token(Role.ADMIN)))).toBe('FORBIDDEN');

      const first = ok(
        await t.gql<{ requestAssessment: { state: string } }>(
          REQUEST,
          vars,
          await supplier.token(Role.EDITOR),
        ),
      );
      expect(first.requestAssessment.state).toBe('REQUESTED');
      expect(errorCode(await t.gql(REQUEST, vars, await supplier.token(Role.EDITOR)))).toBe('CONFLICT');
    });

    it('refuses unknown ids, drafts (NOT_FOUND), retired and superseded baselines (BAD_USER_INPUT)', async () => {
      const supplier = await newSupplier(t);
      const product = await newProduct(t, supplier);
      const token = await supplier.token(Role.EDITOR);
      const draft = await newBaseline(t);
      expect(errorCode(await t.gql(REQUEST, { productId: product.id, baselineId: draft.id }, token))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await t.gql(REQUEST, { productId: 'nope', baselineId: draft.id }, token))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await t.gql(REQUEST, { productId: product.id, baselineId: product.id }, token))).toBe(
        'NOT_FOUND',
      );

      const old = await newBaseline(t, { publish: true });
      await newBaseline(t, {
        key: old.key,
        version: '2027.1',
        fromBaselineId: old.id,
        requirements: [],
        publish: true,
      });
      const superseded = await t.gql(REQUEST, { productId: product.id, baselineId: old.id }, token);
      expect(errorCode(superseded)).toBe('BAD_USER_INPUT');
      expect(fields(superseded)).toEqual(['baselineId']);
      expect(superseded.errors?.[0].message).toMatch(/2027\.1/);

      const retired = await newBaseline(t, { publish: true });
      ok(
        await t.gql(
          `mutation($id: ID!) { retireBaseline(id: $id) { id } }`,
          { id: retired.id },
          await agencyToken(t),
        ),
      );
      const refused = await t.gql(REQUEST, { productId: product.id, baselineId: retired.id }, token);
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(fields(refused)).toEqual(['baselineId']);
    });

    it('allows a new request once the open one is withdrawn', async () => {
      const supplier = await newSupplier(t);
      const product = await newProduct(t, supplier);
      const baseline = await newBaseline(t, { publish: true });
      const id = await requestAssessment(t, supplier, product.id, baseline.id);
      ok(await t.gql(WITHDRAW, { id }, await supplier.token(Role.EDITOR)));
      expect(await requestAssessment(t, supplier, product.id, baseline.id)).not.toBe(id);
    });
  });

  describe('startAssessment', () => {
    it('is for assessment bodies (EDITOR) and the agency; only a REQUESTED assessment starts', async () => {
      const supplier = await newSupplier(t);
      const baseline = await newBaseline(t, { publish: true });
      const id = await requestAssessment(t, supplier, (await newProduct(t, supplier)).id, baseline.id);
      const assessor = await newAssessor(t);
      expect(errorCode(await t.gql(START, { id }, await supplier.token(Role.ADMIN)))).toBe('FORBIDDEN');
      expect(
        errorCode(await t.gql(START, { id }, await (await municipality(t, '0180')).token(Role.ADMIN))),
      ).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(START, { id }, await assessor.token(Role.VIEWER)))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(START, { id: 'bm9wZQ' }, await assessor.token(Role.EDITOR)))).toBe(
        'NOT_FOUND',
      );
      const started = ok(
        await t.gql<{ startAssessment: { state: string; assessor: { id: string } } }>(
          START,
          { id },
          await assessor.token(Role.EDITOR),
        ),
      );
      expect(started.startAssessment).toEqual({ id, state: 'IN_PROGRESS', assessor: { id: assessor.id } });
      expect(errorCode(await t.gql(START, { id }, await (await newAssessor(t)).token(Role.EDITOR)))).toBe(
        'CONFLICT',
      );

      const other = await requestAssessment(t, supplier, (await newProduct(t, supplier)).id, baseline.id);
      const byAgency = ok(
        await t.gql<{ startAssessment: { assessor: { id: string } } }>(
          START,
          { id: other },
          await agencyOrg.token(Role.EDITOR),
        ),
      );
      expect(byAgency.startAssessment.assessor.id).toBe(agencyOrg.id);
    });

    it('refuses (FORBIDDEN) an assessment body that supplies the product or any sub-processor in its chain', async () => {
      const assessor = await newAssessor(t);
      const supplier = await newSupplier(t);
      // The assessment body also runs a hosting product (made its own through SQL: only suppliers register products).
      const hosting = await newProduct(t, supplier);
      await t.dataSource.query('UPDATE product SET supplier_id = $1 WHERE id = $2', [
        assessor.uuid,
        hosting.uuid,
      ]);
      const middle = await newProduct(t, supplier, { subprocessorIds: [hosting.id] });
      const top = await newProduct(t, supplier, { subprocessorIds: [middle.id] });
      const baseline = await newBaseline(t, { publish: true });

      for (const product of [top, middle]) {
        const id = await requestAssessment(t, supplier, product.id, baseline.id);
        const refused = await t.gql(START, { id }, await assessor.token(Role.EDITOR));
        expect(errorCode(refused)).toBe('FORBIDDEN');
        expect(refused.errors?.[0].message).toMatch(/Independence/);
        await startAssessment(t, await newAssessor(t), id);
      }
      // The product itself, supplied by the assessment body.
      const own = await newProduct(t, supplier);
      const id = await requestAssessment(t, supplier, own.id, baseline.id);
      await t.dataSource.query('UPDATE product SET supplier_id = $1 WHERE id = $2', [
        assessor.uuid,
        own.uuid,
      ]);
      expect(errorCode(await t.gql(START, { id }, await assessor.token(Role.EDITOR)))).toBe('FORBIDDEN');
    });
  });

  describe('recordFinding', () => {
    it('is for the assessment body that started it, while in progress', async () => {
      const supplier = await newSupplier(t);
      const baseline = await newBaseline(t, { publish: true });
      const id = await requestAssessment(t, supplier, (await newProduct(t, supplier)).id, baseline.id);
      const assessor = await newAssessor(t);
      const input = { assessmentId: id, requirementId: baseline.requirements[0].id, result: 'SATISFIED' };
      expect(errorCode(await t.gql(RECORD, { input }, await assessor.token(Role.EDITOR)))).toBe('CONFLICT');
      await startAssessment(t, assessor, id);
      expect(errorCode(await t.gql(RECORD, { input }, await (await newAssessor(t)).token(Role.EDITOR)))).toBe(
        'FORBIDDEN',
      );
      expect(errorCode(await t.gql(RECORD, { input }, await agencyOrg.token(Role.ADMIN)))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(RECORD, { input }, await supplier.token(Role.ADMIN)))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(RECORD, { input }, await assessor.token(Role.VIEWER)))).toBe('FORBIDDEN');
      expect(
        errorCode(
          await t.gql(RECORD, { input: { ...input, assessmentId: 'x' } }, await assessor.token(Role.EDITOR)),
        ),
      ).toBe('NOT_FOUND');
      ok(await t.gql(RECORD, { input }, await assessor.token(Role.EDITOR)));
    });

    it('replaces the finding for the same requirement while in progress', async () => {
      const s = await startedAssessment(t);
      const requirementId = s.baseline.requirements[0].id;
      const first = await recordFinding(t, s.assessor, s.assessmentId, requirementId, {
        result: 'NOT_SATISFIED',
        remediation: { description: 'Turn on MFA', dueDate: daysFromNow(30) },
      });
      const second = await recordFinding(t, s.assessor, s.assessmentId, requirementId, {
        result: 'SATISFIED',
        note: 'fixed',
      });
      expect(second.id).toBe(first.id);
      expect(second.remediation).toBeNull();
      const read = ok(
        await t.gql<{ assessment: AssessmentShape }>(
          ASSESSMENT,
          { id: s.assessmentId },
          await s.assessor.token(Role.VIEWER),
        ),
      );
      expect(read.assessment.findings.map((f) => f.result)).toEqual(['SATISFIED']);
    });

    it("refuses requirements outside the product's tier or baseline, bad remediations and foreign evidence", async () => {
      const s = await startedAssessment(t, {
        requirements: [{ code: 'ALL-01' }, { code: 'HIGH-01', tiers: ['HIGH'] }],
      });
      const token = await s.assessor.token(Role.EDITOR);
      const [all, high] = s.baseline.requirements;
      const record = (input: Record<string, unknown>) =>
        t.gql(
          RECORD,
          { input: { assessmentId: s.assessmentId, requirementId: all.id, result: 'SATISFIED', ...input } },
          token,
        );

      const outside = await record({ requirementId: high.id });
      expect(errorCode(outside)).toBe('BAD_USER_INPUT');
      expect(fields(outside)).toEqual(['input.requirementId']);
      expect(outside.errors?.[0].message).toMatch(/HIGH-01.*BASIC/);
      const foreign = await newBaseline(t, { publish: true });
      expect(fields(await record({ requirementId: foreign.requirements[0].id }))).toEqual([
        'input.requirementId',
      ]);
      expect(fields(await record({ requirementId: 'garbage' }))).toEqual(['input.requirementId']);

      const past = await record({
        result: 'NOT_SATISFIED',
        remediation: { description: 'Fix it', dueDate: daysFromNow(-1) },
      });
      expect(errorCode(past)).toBe('BAD_USER_INPUT');
      expect(fields(past)).toEqual(['input.remediation.dueDate']);
      const onSatisfied = await record({ remediation: { description: 'Fix it', dueDate: daysFromNow(10) } });
      expect(fields(onSatisfied)).toEqual(['input.remediation']);
      expect(fields(await record({ note: 'x'.repeat(4001) }))).toEqual(['input.note']);

      const otherProduct = await newProduct(t, s.supplier);
      const { newEvidence } = await import('./support/evidence.js');
      const evidence = await newEvidence(t, s.supplier, otherProduct, [all.id]);
      const wrong = await record({ evidenceIds: [evidence.id] });
      expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
      expect(fields(wrong)).toEqual(['input.evidenceIds']);
      expect(fields(await record({ evidenceIds: ['nope'] }))).toEqual(['input.evidenceIds.0']);
    });
  });

  describe('completeAssessment', () => {
    it('checks validUntil, missing findings (by code), gaps and remediations; REJECTED is always allowed', async () => {
      const s = await startedAssessment(t, {
        requirements: [{ code: 'AAA-01' }, { code: 'BBB-01' }, { code: 'CCC-01' }],
      });
      const token = await s.assessor.token(Role.EDITOR);
      const [a, b, c] = s.baseline.requirements;
      const complete = (outcome: string, validUntil = daysFromNow(365)) =>
        t.gql(COMPLETE, { input: { assessmentId: s.assessmentId, outcome, validUntil } }, token);

      expect(fields(await complete('APPROVED', daysFromNow(-1)))).toEqual(['input.validUntil']);
      expect(fields(await complete('APPROVED', daysFromNow(3 * 366)))).toEqual(['input.validUntil']);

      await recordFinding(t, s.assessor, s.assessmentId, a.id, { result: 'SATISFIED' });
      const missing = await complete('APPROVED');
      expect(errorCode(missing)).toBe('BAD_USER_INPUT');
      expect(missing.errors?.[0].message).toMatch(/BBB-01, CCC-01/);

      await recordFinding(t, s.assessor, s.assessmentId, b.id, { result: 'PARTIALLY_SATISFIED' });
      await recordFinding(t, s.assessor, s.assessmentId, c.id, {
        result: 'NOT_SATISFIED',
        remediation: { description: 'Patch', dueDate: daysFromNow(60) },
      });
      const gaps = await complete('APPROVED');
      expect(fields(gaps)).toEqual(['input.outcome']);
      expect(gaps.errors?.[0].message).toMatch(/BBB-01, CCC-01/);
      const bare = await complete('APPROVED_WITH_CONDITIONS');
      expect(fields(bare)).toEqual(['input.outcome']);
      expect(bare.errors?.[0].message).toMatch(/none for BBB-01$/);

      expect(
        errorCode(
          await t.gql(
            COMPLETE,
            { input: { assessmentId: s.assessmentId, outcome: 'REJECTED', validUntil: daysFromNow(30) } },
            await (await newAssessor(t)).token(Role.EDITOR),
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(
          await t.gql(
            COMPLETE,
            { input: { assessmentId: s.assessmentId, outcome: 'REJECTED', validUntil: daysFromNow(30) } },
            await s.supplier.token(Role.ADMIN),
          ),
        ),
      ).toBe('FORBIDDEN');
      ok(await complete('REJECTED'));
    });

    it('accepts APPROVED_WITH_CONDITIONS when every gap carries a remediation', async () => {
      const s = await startedAssessment(t);
      const [a, b] = s.baseline.requirements;
      await recordFinding(t, s.assessor, s.assessmentId, a.id, { result: 'SATISFIED' });
      await recordFinding(t, s.assessor, s.assessmentId, b.id, {
        result: 'PARTIALLY_SATISFIED',
        remediation: { description: 'Ship logs to the SIEM', dueDate: daysFromNow(90) },
      });
      const validUntil = daysFromNow(365);
      // The API writes times to the second.
      const shown = validUntil.replace(/\.\d{3}Z$/, 'Z');
      const completed = ok(
        await t.gql<{ completeAssessment: { state: string; outcome: string; validUntil: string } }>(
          COMPLETE,
          { input: { assessmentId: s.assessmentId, outcome: 'APPROVED_WITH_CONDITIONS', validUntil } },
          await s.assessor.token(Role.EDITOR),
        ),
      ).completeAssessment;
      expect(completed).toMatchObject({
        state: 'COMPLETED',
        outcome: 'APPROVED_WITH_CONDITIONS',
        validUntil: shown,
      });
      const status = await statusOf(t, s.product.id, await s.supplier.token(Role.VIEWER));
      expect(status).toMatchObject({
        state: 'CONDITIONALLY_COMPLIANT',
        satisfied: 1,
        partiallySatisfied: 1,
        openRemediations: 1,
        validUntil: shown,
      });
    });
  });

  describe('withdrawAssessment', () => {
    it('is for the owning supplier or the agency while not completed', async () => {
      const s = await startedAssessment(t);
      expect(
        errorCode(
          await t.gql(WITHDRAW, { id: s.assessmentId }, await (await newSupplier(t)).token(Role.EDITOR)),
        ),
      ).toBe('NOT_FOUND');
      expect(
        errorCode(await t.gql(WITHDRAW, { id: s.assessmentId }, await s.assessor.token(Role.ADMIN))),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(await t.gql(WITHDRAW, { id: s.assessmentId }, await s.supplier.token(Role.VIEWER))),
      ).toBe('FORBIDDEN');
      const withdrawn = ok(
        await t.gql<{ withdrawAssessment: { state: string } }>(
          WITHDRAW,
          { id: s.assessmentId },
          await s.supplier.token(Role.EDITOR),
        ),
      );
      expect(withdrawn.withdrawAssessment.state).toBe('WITHDRAWN');
      expect(
        errorCode(await t.gql(WITHDRAW, { id: s.assessmentId }, await s.supplier.token(Role.EDITOR))),
      ).toBe('CONFLICT');
      expect(
        errorCode(
          await t.gql(
            RECORD,
            {
              input: {
                assessmentId: s.assessmentId,
                requirementId: s.baseline.requirements[0].id,
                result: 'SATISFIED',
              },
            },
            await s.assessor.token(Role.EDITOR),
          ),
        ),
      ).toBe('CONFLICT');

      const other = await startedAssessment(t);
      ok(await t.gql(WITHDRAW, { id: other.assessmentId }, await agencyOrg.token(Role.EDITOR)));
    });
  });

  it('audits every mutation of the workflow', async () => {
    const s = await startedAssessment(t);
    const finding = await recordFinding(t, s.assessor, s.assessmentId, s.baseline.requirements[0].id, {
      result: 'SATISFIED',
    });
    const rows = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_entry WHERE entity_id = ANY($1) ORDER BY seq`,
      [[s.assessmentId, finding.id]],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'assessment.requested',
      'assessment.started',
      'finding.recorded',
    ]);
  });
});
