import { Role } from '../src/common/actor.js';
import { humanDate, isoInstant } from '../src/common/time/human-time.js';
import { EventScheduler } from '../src/events/scheduler/event-scheduler.js';
import { daysFromNow, startedAssessment, statusOf } from './support/assessments.js';
import { agencyToken, newBaseline } from './support/baselines.js';
import { municipality, subscribe, type TestOrg } from './support/factories.js';
import { approve, controlClock, messagesTo, PUBLISH, publishNextVersion } from './support/reassessment.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';
import { settleScheduler } from './support/scheduler.js';

/** A new baseline version starts a transition: states are kept until its end, then expire with events. */
describe('baseline transitions', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A database of its own: the scheduler here runs at a moved clock (see scratchDatabase).
    t = await createTestApp({}, { ownDatabase: true });
  });
  afterAll(() => t.close());

  describe('keeps the state until the transition ends, then expires it through the scheduler with STATUS_CHANGED once', () => {
    let clock: ReturnType<typeof controlClock>;
    let s: Awaited<ReturnType<typeof startedAssessment>>;
    let subscriber: TestOrg;
    let viewer: string;
    let scheduler: EventScheduler;
    let due: string;
    beforeAll(async () => {
      clock = controlClock(t);
      s = await startedAssessment(t, { requirements: [{ code: 'IAM-01' }, { code: 'LOG-01' }] });
      await approve(t, s, s.baseline.requirements);
      subscriber = await municipality(t, '1280');
      await subscribe(t, subscriber, s.product.id);
      viewer = await subscriber.token(Role.VIEWER);
      scheduler = t.app.get(EventScheduler);
    });

    it('publishes the next version with the end of its transition, the product still COMPLIANT', async () => {
      expect((await statusOf(t, s.product.id, viewer)).state).toBe('COMPLIANT');
      const ends = daysFromNow(30, clock.now().getTime());
      const next = await publishNextVersion(
        t,
        s.baseline,
        '2027.1',
        [{ code: 'IAM-01' }, { code: 'NET-01' }],
        ends,
      );
      expect(next.transitionEndsAt).toBe(isoInstant(new Date(ends)));
      due = humanDate(new Date(ends), 'en');
    });

    it('keeps the state against the old version during the transition, saying when reassessment is due', async () => {
      const during = await statusOf(t, s.product.id, viewer);
      expect(during.state).toBe('COMPLIANT');
      expect(during.baseline?.version).toBe('2026.1');
      expect(during.reasons).toContain(`assessed against 2026.1; reassessment against 2027.1 due by ${due}`);
      await settleScheduler(scheduler);
      expect(await messagesTo(t, subscriber, 'STATUS_CHANGED', s.product.uuid)).toEqual([]);
      clock.advance(29);
      expect((await statusOf(t, s.product.id, viewer)).state).toBe('COMPLIANT');
    });

    it('expires once the transition has ended, telling subscriber and supplier once through the scheduler', async () => {
      clock.advance(2);
      await settleScheduler(scheduler);
      await settleScheduler(scheduler);
      const after = await statusOf(t, s.product.id, viewer);
      expect(after.state).toBe('EXPIRED');
      expect(after.baseline?.version).toBe('2026.1');
      expect(after.reasons).toEqual([
        `assessed against 2026.1; reassessment against 2027.1 was due by ${due}`,
      ]);
      const changed = await messagesTo(t, subscriber, 'STATUS_CHANGED', s.product.uuid);
      expect(changed).toEqual([
        `${s.product.name}: state changed from COMPLIANT to EXPIRED ` +
          `(assessed against 2026.1; reassessment against 2027.1 was due by ${due})`,
      ]);
      expect((await messagesTo(t, s.supplier, 'STATUS_CHANGED', s.product.uuid)).slice(-2)).toEqual([
        `${s.product.name}: state changed from IN_ASSESSMENT to COMPLIANT`,
        ...changed,
      ]);
    });

    it('is then among the products filtered by state EXPIRED', async () => {
      const filtered = ok(
        await t.gql<{ products: { edges: { node: { id: string } }[] } }>(
          `query ExpiredProducts($filter: ProductFilter) { products(filter: $filter, first: 100) { edges { node { id } } } }`,
          { filter: { state: 'EXPIRED', supplierId: s.supplier.id } },
          viewer,
        ),
      );
      expect(filtered.products.edges.map((e) => e.node.id)).toEqual([s.product.id]);
    });
  });

  it('notifies everyone of the publication and each supplier of exactly the added and changed requirements of its tier', async () => {
    const clock = controlClock(t);
    const s = await startedAssessment(t, {
      requirements: [
        { code: 'IAM-01' },
        { code: 'LOG-01' },
        { code: 'OPS-01' },
        { code: 'HIGH-01', tiers: ['HIGH'] },
      ],
    });
    const subscriber = await municipality(t, '0114');
    await subscribe(t, subscriber, s.product.id);
    const basic = s.baseline.requirements.filter((r) => r.code !== 'HIGH-01');
    await approve(t, s, basic);
    const ends = daysFromNow(200, clock.now().getTime());
    await publishNextVersion(
      t,
      s.baseline,
      '2027.1',
      [
        { code: 'IAM-01' },
        { code: 'LOG-01', statement: 'Logs are kept for eighteen months.' },
        { code: 'OPS-01', guidance: 'See the new guide.' },
        { code: 'NET-01' },
        { code: 'HIGH-01', tiers: ['HIGH'], statement: 'Changed, but not for this tier.' },
        { code: 'HIGH-02', tiers: ['HIGH'] },
      ],
      ends,
    );
    const notices = await messagesTo(t, s.supplier, 'REASSESSMENT_DUE', s.product.uuid);
    expect(notices).toEqual([
      `${s.product.name}: assessed against ${s.baseline.key} 2026.1; reassessment against 2027.1 due by ` +
        `${humanDate(new Date(ends), 'en')}; for tier ${s.product.tier}: added NET-01; changed LOG-01 (statement), OPS-01 (guidance)`,
    ]);
    expect(await messagesTo(t, subscriber, 'REASSESSMENT_DUE', s.product.uuid)).toEqual([]);
    const all = await t.dataSource.query<{ message: string }[]>(
      `SELECT message FROM registry_event WHERE type = 'BASELINE_PUBLISHED' AND message LIKE $1`,
      [`%${s.baseline.key} 2027.1%`],
    );
    expect(all.map((e) => e.message)).toEqual([
      expect.stringContaining(
        `assessments against earlier versions count until ${humanDate(new Date(ends), 'en')}`,
      ),
    ]);
  });

  it('takes transitionEndsAt from now on (default twelve months), refuses the past, and lets only agency admins publish', async () => {
    controlClock(t);
    const first = await newBaseline(t, { publish: true });
    const draft = await newBaseline(t, { key: first.key, version: '2027.1' });
    const past = await t.gql(
      PUBLISH,
      { id: draft.id, transitionEndsAt: daysFromNow(-1) },
      await agencyToken(t),
    );
    expect(errorCode(past)).toBe('BAD_USER_INPUT');
    expect(past.errors?.[0].extensions?.fields).toEqual(['transitionEndsAt']);
    expect(errorCode(await t.gql(PUBLISH, { id: draft.id }, await agencyToken(t, Role.EDITOR)))).toBe(
      'FORBIDDEN',
    );
    const published = ok(
      await t.gql<{ publishBaseline: { publishedAt: string; transitionEndsAt: string } }>(
        PUBLISH,
        { id: draft.id },
        await agencyToken(t),
      ),
    ).publishBaseline;
    const expected = new Date(published.publishedAt);
    expected.setMonth(expected.getMonth() + 12);
    expect(Math.abs(new Date(published.transitionEndsAt).getTime() - expected.getTime())).toBeLessThan(
      2 * 24 * 60 * 60 * 1000,
    );
  });
});
