import type { Actor } from '../../src/common/actor.js';
import { Role } from '../../src/common/actor.js';
import { EventScheduler } from '../../src/events/scheduler/event-scheduler.js';
import { ProductsService } from '../../src/products/products.service.js';
import { settleScheduler } from '../support/scheduler.js';
import { createServiceContext, type ServiceContext } from '../support/service-context.js';
import { newProduct, newSupplier, someMunicipalities, subscribe } from '../support/service-factories.js';
import {
  completeAssessment,
  followClock,
  recordFinding,
  startedAssessment,
  statusAsRead,
} from '../support/service-workflow.js';
import { DAY } from '../support/test-data.js';

jest.setTimeout(300_000);

/** Rejection and expiry up the chain reach the products relying on it, with events naming the cause. */
describe('the supply chain: rejection and expiry upstream', () => {
  let t: ServiceContext;
  let offset = 0;

  beforeAll(async () => {
    // A database of its own: the scheduler here runs at a moved clock (see scratchDatabase).
    t = await createServiceContext({}, { ownDatabase: true });
    followClock(t, () => new Date(Date.now() + offset));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  /** Product.status { state effectiveState chain { state } } as `actor` reads it. */
  async function statusOf(product: { id: string; uuid: string }, actor: Actor) {
    await t.get(ProductsService).get(actor, product.id);
    const status = await statusAsRead(t, actor, product.uuid);
    return {
      state: status.state,
      effectiveState: status.effectiveState,
      chain: status.chain.map((link) => ({ state: link.state })),
    };
  }

  async function messages(orgUuid: string, name: string): Promise<string[]> {
    const rows = await t.dataSource.query<{ message: string }[]>(
      `SELECT e.message FROM registry_event e JOIN registry_event_recipient r ON r.event_id = e.id
        WHERE r.organization_id = $1 AND e.type = 'STATUS_CHANGED' AND e.message LIKE $2 ORDER BY e.position`,
      [orgUuid, `${name}:%`],
    );
    return rows.map((row) => row.message);
  }

  /** Plattform with an assessment under way (both requirements recorded), Lön relying on it, a subscriber of Lön. */
  async function scenario() {
    const s = await startedAssessment(t, { product: { name: 'Plattform' } });
    for (const requirement of s.baseline.requirements) {
      await recordFinding(t, s.assessor, s.assessmentId, requirement.id, { result: 'SATISFIED' });
    }
    const lon = await newProduct(t, await newSupplier(t), { name: 'Lön', subprocessorIds: [s.product.id] });
    const [customer] = await someMunicipalities(t, 1);
    await subscribe(t, customer, lon.id);
    return { ...s, lon, customer, reader: await customer.actor(Role.VIEWER) };
  }

  it('lowers the products relying on a rejected product at once', async () => {
    offset = 0;
    const s = await scenario();
    expect(await statusOf(s.lon, s.reader)).toMatchObject({ effectiveState: 'NOT_ASSESSED' });
    await completeAssessment(t, s.assessor, s.assessmentId, 'REJECTED');
    expect(await statusOf(s.lon, s.reader)).toEqual({
      state: 'NOT_ASSESSED',
      effectiveState: 'NON_COMPLIANT',
      chain: [{ state: 'NON_COMPLIANT' }],
    });
    expect(await messages(s.customer.uuid, 'Lön')).toEqual([
      'Lön: effective state changed from NOT_ASSESSED to NON_COMPLIANT: Plattform is now NON_COMPLIANT',
    ]);
  });

  it('expires the products relying on an expired product on the next scheduler pass', async () => {
    offset = 0;
    const s = await scenario();
    await completeAssessment(t, s.assessor, s.assessmentId, 'APPROVED', new Date(Date.now() + 10 * DAY));
    expect(await statusOf(s.lon, s.reader)).toMatchObject({ effectiveState: 'NOT_ASSESSED' });

    offset = 20 * DAY;
    await settleScheduler(t.get(EventScheduler));
    expect(await statusOf(s.product, s.reader)).toMatchObject({
      state: 'EXPIRED',
      effectiveState: 'EXPIRED',
    });
    expect(await statusOf(s.lon, s.reader)).toMatchObject({
      state: 'NOT_ASSESSED',
      effectiveState: 'EXPIRED',
    });
    expect(await messages(s.customer.uuid, 'Lön')).toEqual([
      'Lön: effective state changed from NOT_ASSESSED to EXPIRED: Plattform is now EXPIRED',
    ]);
    // Plattform's own supplier hears of its expiry too; a second pass sends nothing new.
    expect(await messages(s.supplier.uuid, 'Plattform')).toContain(
      'Plattform: effective state changed from COMPLIANT to EXPIRED: its own state is now EXPIRED',
    );
    await settleScheduler(t.get(EventScheduler));
    expect(await messages(s.customer.uuid, 'Lön')).toHaveLength(1);
  });
});
