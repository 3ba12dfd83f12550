import { Role } from '../src/common/actor.js';
import { humanDate, isoInstant } from '../src/common/time/human-time.js';
import { EventScheduler } from '../src/events/scheduler/event-scheduler.js';
import { agencyToken, newBaseline } from './support/baselines.js';
import {
  COMPLETE_REMEDIATION,
  completeAssessment,
  daysFromNow,
  moveClock,
  recordFinding,
  requestAssessment,
  startedAssessment,
  statusOf,
} from './support/assessments.js';
import {
  agency,
  newAssessor,
  newProduct,
  newPublicBody,
  newSupplier,
  subscribe,
  type TestOrg,
} from './support/factories.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';
import { settleScheduler } from './support/scheduler.js';

/** A date as the API's English reasons and messages write it; an instant as the API writes it. */
const day = (iso: string): string => humanDate(new Date(iso), 'en');
const instant = (iso: string): string => isoInstant(new Date(iso));
const DAY = String.raw`\d{1,2} [A-Z][a-z]+ \d{4}`;

const SUSPEND = `mutation($id: ID!, $reason: String!) { suspendProduct(id: $id, reason: $reason) { id status { state reasons } } }`;
const REINSTATE = `mutation($id: ID!) { reinstateProduct(id: $id) { id status { state } } }`;
const LIST = `query($filter: ProductFilter) { products(filter: $filter, first: 100) { totalCount edges { node { id status { state } } } } }`;

/** Messages of the events of a type an organisation received about a product. */
async function eventsFor(t: TestApp, org: TestOrg, productUuid: string, type: string): Promise<string[]> {
  const rows = await t.dataSource.query<{ message: string }[]>(
    `SELECT e.message FROM registry_event e JOIN registry_event_recipient r ON r.event_id = e.id
      WHERE e.product_id = $1 AND r.organization_id = $2 AND e.type = $3 ORDER BY e.occurred_at, e.message`,
    [productUuid, org.uuid, type],
  );
  return rows.map((row) => row.message);
}

describe('the shared status', () => {
  let t: TestApp;
  let viewer: string;

  beforeAll(async () => {
    // A database of its own: the scheduler here runs at a moved clock (see scratchDatabase).
    t = await createTestApp({}, { ownDatabase: true });
    // Any signed-in caller reads the status: here another supplier's VIEWER.
    viewer = await (await newSupplier(t)).token(Role.VIEWER);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  it('is NOT_ASSESSED for a new product, IN_ASSESSMENT once requested, and tells subscribers of the change', async () => {
    const supplier = await newSupplier(t);
    const product = await newProduct(t, supplier);
    const customer = await newPublicBody(t);
    await subscribe(t, customer, product.id);
    expect(await statusOf(t, product.id, viewer)).toMatchObject({
      state: 'NOT_ASSESSED',
      baseline: null,
      tier: 'BASIC',
      reasons: ['never assessed'],
    });
    const baseline = await newBaseline(t, { publish: true });
    await requestAssessment(t, supplier, product.id, baseline.id);
    const status = await statusOf(t, product.id, await customer.token(Role.VIEWER));
    expect(status).toMatchObject({ state: 'IN_ASSESSMENT', notAssessed: 2, baseline: { id: baseline.id } });
    expect(status.reasons[0]).toMatch(new RegExp(`^assessment requested ${DAY}$`));
    const expected = `${product.name}: state changed from NOT_ASSESSED to IN_ASSESSMENT`;
    expect(await eventsFor(t, customer, product.uuid, 'STATUS_CHANGED')).toEqual([expected]);
    expect(await eventsFor(t, supplier, product.uuid, 'STATUS_CHANGED')).toEqual([expected]);
  });

  it('is COMPLIANT after an approval, with the counts of the findings', async () => {
    const s = await startedAssessment(t, {
      requirements: [{ code: 'IAM-01' }, { code: 'LOG-01' }, { code: 'NET-01' }],
    });
    const [iam, log] = s.baseline.requirements;
    await recordFinding(t, s.assessor, s.assessmentId, iam.id, { result: 'SATISFIED' });
    let status = await statusOf(t, s.product.id, viewer);
    expect(status).toMatchObject({ state: 'IN_ASSESSMENT', satisfied: 1, notAssessed: 2 });
    await recordFinding(t, s.assessor, s.assessmentId, log.id, { result: 'NOT_APPLICABLE' });
    await recordFinding(t, s.assessor, s.assessmentId, s.baseline.requirements[2].id, {
      result: 'SATISFIED',
    });
    const validUntil = daysFromNow(400);
    await completeAssessment(t, s.assessor, s.assessmentId, 'APPROVED', validUntil);
    status = await statusOf(t, s.product.id, viewer);
    expect(status).toMatchObject({
      state: 'COMPLIANT',
      satisfied: 2,
      notApplicable: 1,
      notAssessed: 0,
      partiallySatisfied: 0,
      notSatisfied: 0,
      validUntil: instant(validUntil),
    });
    // The API writes instants in UTC to the second, never with milliseconds.
    expect(validUntil).toMatch(/\.\d{3}Z$/);
    for (const at of [status.assessedAt, status.validUntil])
      expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(status.reasons).toEqual([
      `assessment approved on ${day(status.assessedAt!)}, valid until ${day(validUntil)}`,
    ]);
  });

  describe('is CONDITIONALLY_COMPLIANT with remediations due, NON_COMPLIANT once one is overdue (no job), and COMPLIANT when done', () => {
    let s: Awaited<ReturnType<typeof startedAssessment>>;
    let customer: TestOrg;
    let dueDate: string;
    let remediationId: string;
    beforeAll(async () => {
      s = await startedAssessment(t);
      customer = await newPublicBody(t);
      await subscribe(t, customer, s.product.id);
      const [iam, log] = s.baseline.requirements;
      dueDate = daysFromNow(30);
      await recordFinding(t, s.assessor, s.assessmentId, iam.id, { result: 'SATISFIED' });
      const finding = await recordFinding(t, s.assessor, s.assessmentId, log.id, {
        result: 'PARTIALLY_SATISFIED',
        note: 'Logs kept 30 days, not 180',
        remediation: { description: 'Keep logs 180 days', dueDate },
      });
      remediationId = finding.remediation!.id;
      await completeAssessment(t, s.assessor, s.assessmentId, 'APPROVED_WITH_CONDITIONS');
    });

    it('is CONDITIONALLY_COMPLIANT while the remediation is due', async () => {
      expect(await statusOf(t, s.product.id, viewer)).toMatchObject({
        state: 'CONDITIONALLY_COMPLIANT',
        partiallySatisfied: 1,
        openRemediations: 1,
        overdueRemediations: 0,
        reasons: [`remediation for LOG-01 due ${day(dueDate)}`],
      });
    });

    it('is NON_COMPLIANT once it is overdue, with no job run, and announces REMEDIATION_OVERDUE once', async () => {
      moveClock(t, 31);
      expect(await statusOf(t, s.product.id, viewer)).toMatchObject({
        state: 'NON_COMPLIANT',
        overdueRemediations: 1,
        reasons: [`remediation for LOG-01 overdue since ${day(dueDate)}`],
      });
      // REMEDIATION_OVERDUE once, however often the scheduler runs.
      const scheduler = t.app.get(EventScheduler);
      await settleScheduler(scheduler);
      await settleScheduler(scheduler);
      expect(await eventsFor(t, customer, s.product.uuid, 'REMEDIATION_OVERDUE')).toEqual([
        `${s.product.name}: remediation for LOG-01 overdue since ${day(dueDate)}`,
      ]);
    });

    it('is COMPLIANT when the supplier completes the remediation (once), announcing the change', async () => {
      moveClock(t, 31); // still the day after the due date, as in the step before
      const done = ok(
        await t.gql<{ completeRemediation: { state: string; overdue: boolean } }>(
          COMPLETE_REMEDIATION,
          { id: remediationId },
          await s.supplier.token(Role.EDITOR),
        ),
      );
      expect(done.completeRemediation).toMatchObject({ state: 'DONE', overdue: false });
      const status = await statusOf(t, s.product.id, viewer);
      expect(status).toMatchObject({
        state: 'COMPLIANT',
        openRemediations: 0,
        overdueRemediations: 0,
        partiallySatisfied: 1,
      });
      expect(status.reasons[1]).toBe('1 remediation completed by the supplier');
      // The write (completion of the remediation) saw NON_COMPLIANT turn COMPLIANT.
      expect(await eventsFor(t, customer, s.product.uuid, 'STATUS_CHANGED')).toContain(
        `${s.product.name}: state changed from NON_COMPLIANT to COMPLIANT`,
      );
      expect(
        errorCode(
          await t.gql(COMPLETE_REMEDIATION, { id: remediationId }, await s.supplier.token(Role.EDITOR)),
        ),
      ).toBe('CONFLICT');
    });
  });

  it('lets only the owning supplier EDITOR complete a remediation, and only of a completed assessment', async () => {
    const s = await startedAssessment(t);
    const finding = await recordFinding(t, s.assessor, s.assessmentId, s.baseline.requirements[0].id, {
      result: 'NOT_SATISFIED',
      remediation: { description: 'Enforce MFA', dueDate: daysFromNow(20) },
    });
    const id = finding.remediation!.id;
    expect(errorCode(await t.gql(COMPLETE_REMEDIATION, { id }, await s.supplier.token(Role.EDITOR)))).toBe(
      'CONFLICT',
    );
    await recordFinding(t, s.assessor, s.assessmentId, s.baseline.requirements[1].id, {
      result: 'SATISFIED',
    });
    // Completing did not change the remediation's id: it is the same row.
    await completeAssessment(t, s.assessor, s.assessmentId, 'APPROVED_WITH_CONDITIONS');
    expect(
      errorCode(await t.gql(COMPLETE_REMEDIATION, { id }, await (await newSupplier(t)).token(Role.EDITOR))),
    ).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(COMPLETE_REMEDIATION, { id }, await s.supplier.token(Role.VIEWER)))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await t.gql(COMPLETE_REMEDIATION, { id }, await s.assessor.token(Role.ADMIN)))).toBe(
      'FORBIDDEN',
    );
    expect(
      errorCode(await t.gql(COMPLETE_REMEDIATION, { id: 'x' }, await s.supplier.token(Role.EDITOR))),
    ).toBe('NOT_FOUND');
    ok(await t.gql(COMPLETE_REMEDIATION, { id }, await s.supplier.token(Role.EDITOR)));
  });

  it('is NON_COMPLIANT after a rejection and EXPIRED once validUntil has passed', async () => {
    const rejected = await startedAssessment(t);
    await completeAssessment(t, rejected.assessor, rejected.assessmentId, 'REJECTED');
    const status = await statusOf(t, rejected.product.id, viewer);
    expect(status).toMatchObject({ state: 'NON_COMPLIANT', notAssessed: 2 });
    expect(status.reasons[0]).toMatch(new RegExp(`^assessment rejected on ${DAY}$`));

    const s = await startedAssessment(t);
    for (const r of s.baseline.requirements)
      await recordFinding(t, s.assessor, s.assessmentId, r.id, { result: 'SATISFIED' });
    const validUntil = daysFromNow(10);
    await completeAssessment(t, s.assessor, s.assessmentId, 'APPROVED', validUntil);
    expect((await statusOf(t, s.product.id, viewer)).state).toBe('COMPLIANT');
    moveClock(t, 11);
    expect(await statusOf(t, s.product.id, viewer)).toMatchObject({
      state: 'EXPIRED',
      reasons: [`assessment expired ${day(validUntil)}`],
    });
  });

  it("is judged against the newest published version of the product's series", async () => {
    const s = await startedAssessment(t);
    for (const r of s.baseline.requirements)
      await recordFinding(t, s.assessor, s.assessmentId, r.id, { result: 'SATISFIED' });
    await completeAssessment(t, s.assessor, s.assessmentId, 'APPROVED');
    // Only requested against the earlier version, never completed: nothing to carry through a transition.
    const requested = await newProduct(t, s.supplier);
    await requestAssessment(t, s.supplier, requested.id, s.baseline.id);
    const next = await newBaseline(t, {
      key: s.baseline.key,
      version: '2027.1',
      fromBaselineId: s.baseline.id,
      requirements: [{ code: 'NEW-01' }],
      publish: true,
    });
    expect(await statusOf(t, requested.id, viewer)).toMatchObject({
      state: 'NOT_ASSESSED',
      baseline: { id: next.id, version: '2027.1' },
      notAssessed: 3,
      satisfied: 0,
      reasons: [`no completed assessment against ${s.baseline.key} 2027.1`],
    });
    // The approved product keeps its state through the transition (test/status-transition.e2e-spec.ts).
    const kept = await statusOf(t, s.product.id, viewer);
    expect(kept).toMatchObject({
      state: 'COMPLIANT',
      baseline: { id: s.baseline.id, version: '2026.1' },
      satisfied: 2,
    });
    expect(kept.reasons[1]).toMatch(/^assessed against 2026\.1; reassessment against 2027\.1 due by /);
  });

  it("counts the requirements of the product's tier, recomputed when the tier changes", async () => {
    const s = await startedAssessment(t, {
      requirements: [{ code: 'ALL-01' }, { code: 'HIGH-01', tiers: ['HIGH'] }],
    });
    await recordFinding(t, s.assessor, s.assessmentId, s.baseline.requirements[0].id, {
      result: 'SATISFIED',
    });
    await completeAssessment(t, s.assessor, s.assessmentId, 'APPROVED');
    expect(await statusOf(t, s.product.id, viewer)).toMatchObject({
      state: 'COMPLIANT',
      satisfied: 1,
      notAssessed: 0,
    });
    ok(
      await t.gql(
        `mutation($id: ID!) { setProductTier(id: $id, tier: HIGH) { id } }`,
        { id: s.product.id },
        await agencyToken(t),
      ),
    );
    expect(await statusOf(t, s.product.id, viewer)).toMatchObject({
      tier: 'HIGH',
      satisfied: 1,
      notAssessed: 1,
    });
  });

  describe('suspension', () => {
    it("is the agency's: SUSPENDED with the reason, every subscriber told, reinstated to the computed state", async () => {
      const s = await startedAssessment(t);
      const [a, b] = [await newPublicBody(t), await newPublicBody(t)];
      await subscribe(t, a, s.product.id);
      await subscribe(t, b, s.product.id);
      const token = await (await agency(t)).token(Role.EDITOR);
      const suspended = ok(
        await t.gql<{ suspendProduct: { status: { state: string; reasons: string[] } } }>(
          SUSPEND,
          { id: s.product.id, reason: '  Ransomware   incident under investigation ' },
          token,
        ),
      );
      expect(suspended.suspendProduct.status.state).toBe('SUSPENDED');
      expect(suspended.suspendProduct.status.reasons[0]).toMatch(
        new RegExp(`^suspended by the agency on ${DAY}: Ransomware incident under investigation$`),
      );
      for (const org of [a, b, s.supplier]) {
        expect(await eventsFor(t, org, s.product.uuid, 'STATUS_CHANGED')).toContain(
          `${s.product.name}: state changed from IN_ASSESSMENT to SUSPENDED`,
        );
      }
      expect(errorCode(await t.gql(SUSPEND, { id: s.product.id, reason: 'again' }, token))).toBe('CONFLICT');
      const back = ok(
        await t.gql<{ reinstateProduct: { status: { state: string } } }>(
          REINSTATE,
          { id: s.product.id },
          token,
        ),
      );
      expect(back.reinstateProduct.status.state).toBe('IN_ASSESSMENT');
      expect(errorCode(await t.gql(REINSTATE, { id: s.product.id }, token))).toBe('CONFLICT');
      const audit = await t.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_entry WHERE entity_id = $1 AND action LIKE 'product.%' ORDER BY seq`,
        [s.product.id],
      );
      expect(audit.map((r) => r.action)).toEqual([
        'product.registered',
        'product.suspended',
        'product.reinstated',
      ]);
    });

    it('refuses other callers, unknown products and blank reasons', async () => {
      const supplier = await newSupplier(t);
      const product = await newProduct(t, supplier);
      const vars = { id: product.id, reason: 'Incident' };
      expect(errorCode(await t.gql(SUSPEND, vars, await supplier.token(Role.ADMIN)))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(SUSPEND, vars, await (await newAssessor(t)).token(Role.ADMIN)))).toBe(
        'FORBIDDEN',
      );
      expect(errorCode(await t.gql(SUSPEND, vars, await (await agency(t)).token(Role.VIEWER)))).toBe(
        'FORBIDDEN',
      );
      expect(errorCode(await t.gql(REINSTATE, { id: product.id }, await supplier.token(Role.ADMIN)))).toBe(
        'FORBIDDEN',
      );
      const token = await (await agency(t)).token(Role.EDITOR);
      expect(errorCode(await t.gql(SUSPEND, { ...vars, id: 'nope' }, token))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(REINSTATE, { id: 'nope' }, token))).toBe('NOT_FOUND');
      const blank = await t.gql(SUSPEND, { ...vars, reason: '   ' }, token);
      expect(errorCode(blank)).toBe('BAD_USER_INPUT');
      expect(blank.errors?.[0].extensions?.fields).toEqual(['reason']);
    });
  });

  it('filters products by their computed state, time rules included', async () => {
    const supplier = await newSupplier(t);
    const assessor = await newAssessor(t);
    const fresh = await newProduct(t, supplier);
    const approved = await startedAssessment(t, { supplier, assessor });
    for (const r of approved.baseline.requirements) {
      await recordFinding(t, assessor, approved.assessmentId, r.id, { result: 'SATISFIED' });
    }
    await completeAssessment(t, assessor, approved.assessmentId, 'APPROVED', daysFromNow(5));
    const pending = await startedAssessment(t, { supplier, assessor });
    const list = async (state: string) =>
      ok(
        await t.gql<{ products: { edges: { node: { id: string; status: { state: string } } }[] } }>(
          LIST,
          { filter: { supplierId: supplier.id, state } },
          viewer,
        ),
      ).products.edges.map((e) => e.node.id);
    expect(await list('NOT_ASSESSED')).toEqual([fresh.id]);
    expect(await list('COMPLIANT')).toEqual([approved.product.id]);
    expect(await list('IN_ASSESSMENT')).toEqual([pending.product.id]);
    expect(await list('EXPIRED')).toEqual([]);
    moveClock(t, 6);
    expect(await list('EXPIRED')).toEqual([approved.product.id]);
    expect(await list('COMPLIANT')).toEqual([]);
  });
});
