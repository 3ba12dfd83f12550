import { Role } from '../src/common/actor.js';
import { humanDate } from '../src/common/time/human-time.js';
import { EventScheduler } from '../src/events/scheduler/event-scheduler.js';
import { daysFromNow, RECORD, startedAssessment, statusOf } from './support/assessments.js';
import { agencyToken } from './support/baselines.js';
import { newEvidence } from './support/evidence.js';
import { municipality, newAssessor, subscribe, type TestOrg } from './support/factories.js';
import { approve, controlClock, messagesTo } from './support/reassessment.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';
import { settleScheduler } from './support/scheduler.js';

/** Evidence cited by the current assessment that passes its validUntil expires the status, until renewed. */
describe('expiry of cited evidence', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A database of its own: the scheduler here runs at a moved clock (see scratchDatabase).
    t = await createTestApp({}, { ownDatabase: true });
  });
  afterAll(() => t.close());

  describe('expires the status at the moment the evidence expires (STATUS_CHANGED once), and fresh evidence restores it', () => {
    let clock: ReturnType<typeof controlClock>;
    let s: Awaited<ReturnType<typeof startedAssessment>>;
    let iam: (typeof s.baseline.requirements)[number];
    let until: string;
    let subscriber: TestOrg;
    let viewer: string;
    let scheduler: EventScheduler;
    let reason: string;
    let fresh: Awaited<ReturnType<typeof newEvidence>>;
    const confirm = (result: string, token: string) =>
      t.gql(
        RECORD,
        { input: { assessmentId: s.assessmentId, requirementId: iam.id, result, evidenceIds: [fresh.id] } },
        token,
      );
    beforeAll(async () => {
      clock = controlClock(t);
      s = await startedAssessment(t, { requirements: [{ code: 'IAM-01' }, { code: 'LOG-01' }] });
      [iam] = s.baseline.requirements;
      until = daysFromNow(10, clock.now().getTime());
      const old = await newEvidence(t, s.supplier, s.product, [iam.id], {
        title: 'SOC 2 rapport',
        validUntil: until,
      });
      await approve(t, s, s.baseline.requirements, (i) => (i === 0 ? { evidenceIds: [old.id] } : {}));
      subscriber = await municipality(t, '0580');
      await subscribe(t, subscriber, s.product.id);
      viewer = await subscriber.token(Role.VIEWER);
      scheduler = t.app.get(EventScheduler);
      reason = `evidence "SOC 2 rapport" cited for IAM-01 expired ${humanDate(new Date(until), 'en')}`;
    });

    it('is COMPLIANT, with no STATUS_CHANGED, while the cited evidence is valid', async () => {
      await settleScheduler(scheduler);
      expect((await statusOf(t, s.product.id, viewer)).state).toBe('COMPLIANT');
      expect(await messagesTo(t, subscriber, 'STATUS_CHANGED', s.product.uuid)).toEqual([]);
    });

    it('is EXPIRED once the evidence is, naming it, with STATUS_CHANGED recorded once', async () => {
      clock.advance(11);
      await settleScheduler(scheduler);
      await settleScheduler(scheduler);
      const expired = await statusOf(t, s.product.id, viewer);
      expect(expired.state).toBe('EXPIRED');
      expect(expired.reasons).toEqual([reason]);
      expect(await messagesTo(t, subscriber, 'STATUS_CHANGED', s.product.uuid)).toEqual([
        `${s.product.name}: state changed from COMPLIANT to EXPIRED (${reason})`,
      ]);
    });

    it('refuses a confirmation with another result or by anyone but its assessor, staying EXPIRED', async () => {
      fresh = await newEvidence(t, s.supplier, s.product, [iam.id], {
        title: 'SOC 2 rapport 2027',
        validUntil: daysFromNow(400, clock.now().getTime()),
      });
      // Confirming needs the same result: a completed assessment's results never change.
      expect(errorCode(await confirm('NOT_SATISFIED', await s.assessor.token(Role.EDITOR)))).toBe('CONFLICT');
      expect(errorCode(await confirm('SATISFIED', await (await newAssessor(t)).token(Role.EDITOR)))).toBe(
        'FORBIDDEN',
      );
      expect(errorCode(await confirm('SATISFIED', await s.supplier.token(Role.ADMIN)))).toBe('FORBIDDEN');
      expect((await statusOf(t, s.product.id, viewer)).state).toBe('EXPIRED');
    });

    it('is COMPLIANT again when its assessor confirms the result with fresh evidence, announced once', async () => {
      clock.advance(1 / 24); // events of one instant have no order
      ok(await confirm('SATISFIED', await s.assessor.token(Role.EDITOR)));
      const restored = await statusOf(t, s.product.id, viewer);
      expect(restored.state).toBe('COMPLIANT');
      expect(await messagesTo(t, subscriber, 'STATUS_CHANGED', s.product.uuid)).toEqual([
        `${s.product.name}: state changed from COMPLIANT to EXPIRED (${reason})`,
        `${s.product.name}: state changed from EXPIRED to COMPLIANT`,
      ]);
      await settleScheduler(scheduler);
      expect(await messagesTo(t, subscriber, 'STATUS_CHANGED', s.product.uuid)).toHaveLength(2);
    });
  });

  it('lets the agency confirm fresh evidence too; evidence not cited by the assessment changes nothing', async () => {
    const clock = controlClock(t);
    const s = await startedAssessment(t, { requirements: [{ code: 'IAM-01' }] });
    const [iam] = s.baseline.requirements;
    const until = daysFromNow(5, clock.now().getTime());
    const cited = await newEvidence(t, s.supplier, s.product, [iam.id], { validUntil: until });
    await newEvidence(t, s.supplier, s.product, [iam.id], { title: 'Not cited', validUntil: until });
    await approve(t, s, [iam], () => ({ evidenceIds: [cited.id] }));
    const token = await s.supplier.token(Role.VIEWER);
    clock.advance(6);
    await settleScheduler(t.app.get(EventScheduler));
    const expired = await statusOf(t, s.product.id, token);
    expect(expired.reasons).toEqual([
      `evidence "Penetration test summary" cited for IAM-01 expired ${humanDate(new Date(until), 'en')}`,
    ]);
    const fresh = await newEvidence(t, s.supplier, s.product, [iam.id], {
      validUntil: daysFromNow(300, clock.now().getTime()),
    });
    ok(
      await t.gql(
        RECORD,
        {
          input: {
            assessmentId: s.assessmentId,
            requirementId: iam.id,
            result: 'SATISFIED',
            evidenceIds: [fresh.id],
          },
        },
        await agencyToken(t, Role.EDITOR),
      ),
    );
    expect((await statusOf(t, s.product.id, token)).state).toBe('COMPLIANT');
  });
});
