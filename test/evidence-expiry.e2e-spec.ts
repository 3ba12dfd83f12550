import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/actor.js';
import { Clock } from '../src/events/clock.js';
import { EventScheduler } from '../src/events/scheduler/event-scheduler.js';
import * as f from '../src/evidence/upload/fixtures.test-support.js';
import { newBaseline } from './support/baselines.js';
import { newEvidence, upload } from './support/evidence.js';
import { municipality, newProduct, newSupplier, subscribe, type TestOrg } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { settleScheduler } from './support/scheduler.js';

const DAY = 24 * 60 * 60 * 1000;

/** EVIDENCE_EXPIRING (30 and 7 days ahead) and EVIDENCE_EXPIRED, once each, to the right organisations. */
describe('evidence expiry events', () => {
  let t: TestApp;
  let now: Date;
  beforeAll(async () => {
    // A database of its own: the scheduler here runs at a moved clock (see scratchDatabase).
    t = await createTestApp({}, { ownDatabase: true });
    now = new Date();
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  });
  afterAll(() => t.close());

  async function received(org: TestOrg, title: string): Promise<string[]> {
    const rows = await t.dataSource.query<{ type: string }[]>(
      `SELECT e.type FROM registry_event e JOIN registry_event_recipient r ON r.event_id = e.id
        WHERE r.organization_id = $1 AND e.message LIKE $2 ORDER BY e.occurred_at, e.type`,
      [org.uuid, `%${title}%`],
    );
    return rows.map((r) => r.type);
  }

  describe('warns at 30 and 7 days, announces the expiry once, and keeps AGENCY_ONLY evidence from subscribers', () => {
    const shared = `shared-${randomUUID().slice(0, 8)}`;
    const secret = `secret-${randomUUID().slice(0, 8)}`;
    let supplier: TestOrg;
    let subscriber: TestOrg;
    const settle = () => settleScheduler(t.app.get(EventScheduler));

    it('announces nothing about evidence valid for 40 more days', async () => {
      supplier = await newSupplier(t);
      const product = await newProduct(t, supplier);
      subscriber = await municipality(t, '1480');
      await subscribe(t, subscriber, product.id);
      const requirementIds = (await newBaseline(t, { publish: true })).requirements.map((r) => r.id);
      const validUntil = new Date(now.getTime() + 40 * DAY).toISOString();
      const editor = await supplier.token(Role.EDITOR);
      for (const [title, confidentiality] of [
        [shared, 'SUBSCRIBERS'],
        [secret, 'AGENCY_ONLY'],
      ]) {
        const evidence = await newEvidence(t, supplier, product, requirementIds, {
          title,
          confidentiality,
          validUntil,
        });
        expect((await upload(t, evidence, f.pdf(['Rapport']), editor)).status).toBe(200);
      }
      await settle();
      expect(await received(supplier, shared)).toEqual([]);
    });

    it('warns once with 29 days left', async () => {
      now = new Date(now.getTime() + 11 * DAY);
      await settle();
      expect(await received(subscriber, shared)).toEqual(['EVIDENCE_EXPIRING']);
    });

    it('warns once more with 6 days left', async () => {
      now = new Date(now.getTime() + 23 * DAY);
      await settle();
      expect(await received(subscriber, shared)).toEqual(['EVIDENCE_EXPIRING', 'EVIDENCE_EXPIRING']);
    });

    it('announces the expiry once; AGENCY_ONLY evidence reaches the supplier but no subscriber', async () => {
      now = new Date(now.getTime() + 7 * DAY);
      await settle();
      expect(await received(subscriber, shared)).toEqual([
        'EVIDENCE_EXPIRING',
        'EVIDENCE_EXPIRING',
        'EVIDENCE_EXPIRED',
      ]);
      expect(await received(supplier, secret)).toEqual([
        'EVIDENCE_EXPIRING',
        'EVIDENCE_EXPIRING',
        'EVIDENCE_EXPIRED',
      ]);
      expect(await received(subscriber, secret)).toEqual([]);
    });
  });
});
