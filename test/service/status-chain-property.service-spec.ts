import fc from 'fast-check';
import { AssessmentWorkflowService } from '../../src/assessments/assessment-workflow.service.js';
import { type Actor, Role } from '../../src/common/actor.js';
import { UnitOfWork } from '../../src/common/database/unit-of-work.js';
import { EventScheduler } from '../../src/events/scheduler/event-scheduler.js';
import { IncidentWritesService } from '../../src/incidents/incident-writes.service.js';
import { UpdateProductInput } from '../../src/products/dto/product.input.js';
import { ProductsService } from '../../src/products/products.service.js';
import { effectiveState, worstChainState } from '../../src/status/chain-rule.js';
import { StatusService } from '../../src/status/status.service.js';
import { createServiceContext, type ServiceContext } from '../support/service-context.js';
import {
  agency,
  newAssessor,
  newBaseline,
  newProduct,
  newSupplier,
  type ServiceOrg,
  unlessRefused,
} from '../support/service-factories.js';
import {
  completeAssessmentAs,
  followClock,
  recordFindingAs,
  reportIncidentAs,
  statusAsRead,
  type StatusAsRead,
} from '../support/service-workflow.js';
import { DAY, type TestBaseline, type TestProduct } from '../support/test-data.js';
import { settleScheduler } from '../support/scheduler.js';

/*
 * After random sequences of writes over a small random sub-processor graph (edges, suspensions,
 * assessments with any outcome and validity, incidents reported and resolved) and moves of time
 * (each followed by a scheduler pass, as production runs every minute), every product's
 * effectiveState, chain and openIncidents as the agency reads them equal a from-scratch
 * computation over the source tables, and recomputing the chain read model changes nothing. The
 * writes go through the services as the resolvers call them; one a service refuses (a
 * DomainError) is skipped, as the API's error answer was.
 */

const N = 5;

type Command =
  | { kind: 'edges'; product: number; mask: number }
  | { kind: 'suspend' | 'reinstate' | 'incident'; product: number }
  | { kind: 'resolve'; pick: number }
  | { kind: 'assess'; product: number; outcome: string; valid: number }
  | { kind: 'time'; days: number };

const product = fc.integer({ min: 0, max: N - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('edges' as const),
      product: fc.integer({ min: 1, max: N - 1 }),
      mask: fc.nat(15),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constantFrom('suspend' as const, 'reinstate' as const), product }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('incident' as const), product }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), pick: fc.nat(5) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('assess' as const),
      product,
      outcome: fc.constantFrom('APPROVED', 'REJECTED'),
      valid: fc.integer({ min: 1, max: 60 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('time' as const), days: fc.integer({ min: 1, max: 90 }) }),
  },
);

jest.setTimeout(1_500_000);

describe('the supply-chain read model (property)', () => {
  let t: ServiceContext;
  let actors: { supplier: Actor; assessor: Actor; agency: Actor };
  let supplier: ServiceOrg;
  let assessor: ServiceOrg;
  let baseline: TestBaseline;
  let offset = 0;
  const at = (days: number) => new Date(Date.now() + offset + days * DAY);

  beforeAll(async () => {
    // A database of its own: the scheduler here runs at a moved clock (see scratchDatabase).
    t = await createServiceContext({}, { ownDatabase: true });
    supplier = await newSupplier(t);
    assessor = await newAssessor(t);
    actors = {
      supplier: await supplier.actor(Role.EDITOR),
      assessor: await assessor.actor(Role.EDITOR),
      agency: await (await agency(t)).actor(Role.ADMIN),
    };
    baseline = await newBaseline(t, { publish: true, requirements: [{ code: 'CHN-01' }] });
    followClock(t, () => new Date(Date.now() + offset));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  /** Every product each one relies on (not itself), with the length of its shortest path, from the edges table. */
  async function closures(products: TestProduct[]): Promise<Map<string, Map<string, number>>> {
    const edges = await t.dataSource.query<{ product_id: string; subprocessor_id: string }[]>(
      'SELECT product_id, subprocessor_id FROM product_subprocessor WHERE product_id = ANY($1::uuid[])',
      [products.map((p) => p.uuid)],
    );
    const result = new Map<string, Map<string, number>>();
    for (const p of products) {
      const seen = new Map<string, number>();
      let frontier = [p.uuid];
      for (let depth = 2; frontier.length > 0; depth++) {
        const next = edges.filter((e) => frontier.includes(e.product_id)).map((e) => e.subprocessor_id);
        frontier = [...new Set(next)].filter((u) => !seen.has(u) && u !== p.uuid);
        for (const u of frontier) seen.set(u, depth);
      }
      result.set(p.uuid, seen);
    }
    return result;
  }

  async function openIncidents(): Promise<Map<string, string[]>> {
    const rows = await t.dataSource.query<{ product_id: string; incident_id: string }[]>(
      `SELECT ip.product_id, ip.incident_id FROM incident_product ip JOIN incident i ON i.id = ip.incident_id
        WHERE i.state = 'OPEN' AND i.supplier_id = $1`,
      [supplier.uuid],
    );
    const map = new Map<string, string[]>();
    for (const row of rows) map.set(row.product_id, [...(map.get(row.product_id) ?? []), row.incident_id]);
    return map;
  }

  /** The chain read model of the products; a product no write has reached reads as its defaults. */
  async function chainRows(uuids: string[]): Promise<unknown[]> {
    const rows = await t.dataSource.query<{ product_id: string }[]>(
      `SELECT product_id, own_state, chain_state, effective_state, open_incident_ids, chain, incidents
         FROM product_chain_status WHERE product_id = ANY($1::uuid[])`,
      [uuids],
    );
    const absent = (uuid: string) => ({
      product_id: uuid,
      own_state: 'NOT_ASSESSED',
      chain_state: null,
      effective_state: 'NOT_ASSESSED',
      open_incident_ids: [],
      chain: [],
      incidents: [],
    });
    return uuids.map((uuid) => rows.find((row) => row.product_id === uuid) ?? absent(uuid));
  }

  async function run(commands: Command[]): Promise<void> {
    offset = 0;
    const workflow = t.get(AssessmentWorkflowService);
    const products: TestProduct[] = [];
    for (let i = 0; i < N; i++) products.push(await newProduct(t, supplier));
    const incidents: string[] = [];
    for (const c of commands) {
      switch (c.kind) {
        case 'edges': {
          // Only lower-numbered products as sub-processors: the graph stays acyclic.
          const subprocessorIds = products
            .slice(0, c.product)
            .filter((_, i) => c.mask & (1 << i))
            .map((p) => p.id);
          const input = await t.input(UpdateProductInput, { subprocessorIds });
          await unlessRefused(t.get(ProductsService).update(actors.supplier, products[c.product].id, input));
          break;
        }
        case 'suspend':
          await unlessRefused(
            t.get(StatusService).suspend(actors.agency, products[c.product].id, 'Property'),
          );
          break;
        case 'reinstate':
          await unlessRefused(t.get(StatusService).reinstate(actors.agency, products[c.product].id));
          break;
        case 'incident': {
          const id = await unlessRefused(
            reportIncidentAs(t, actors.supplier, [products[c.product]], {
              detectedAt: new Date(Date.now() + offset - 60_000),
            }),
          );
          if (id) incidents.push(id);
          break;
        }
        case 'resolve':
          if (incidents.length > 0) {
            const [id] = incidents.splice(c.pick % incidents.length, 1);
            await unlessRefused(t.get(IncidentWritesService).resolve(actors.supplier, id, 'Done.'));
          }
          break;
        case 'assess': {
          const p = products[c.product];
          const r = await unlessRefused(workflow.request(actors.supplier, p.id, baseline.id));
          if (!r) break;
          const id = r.id;
          await unlessRefused(workflow.start(actors.assessor, id));
          await unlessRefused(
            recordFindingAs(t, actors.assessor, id, baseline.requirements[0].id, {
              result: c.outcome === 'APPROVED' ? 'SATISFIED' : 'NOT_SATISFIED',
            }),
          );
          await unlessRefused(completeAssessmentAs(t, actors.assessor, id, c.outcome, at(c.valid)));
          break;
        }
        case 'time':
          offset += c.days * DAY;
          await settleScheduler(t.get(EventScheduler));
          break;
      }
    }

    const statuses = new Map<string, StatusAsRead>();
    for (const p of products) {
      await t.get(ProductsService).get(actors.agency, p.id);
      statuses.set(p.uuid, await statusAsRead(t, actors.agency, p.uuid));
    }
    const reach = await closures(products);
    const open = await openIncidents();
    const byUuid = new Map(products.map((p) => [p.uuid, p]));
    for (const p of products) {
      const status = statuses.get(p.uuid)!;
      const upstream = [...reach.get(p.uuid)!];
      const own = (uuid: string) => statuses.get(uuid)!.state;
      expect(status.effectiveState).toBe(
        effectiveState(status.state, worstChainState(upstream.map(([u]) => own(u)))),
      );
      const expectedChain = upstream
        .map(([u, length]) => ({
          id: byUuid.get(u)!.uuid,
          state: own(u),
          openIncidents: (open.get(u) ?? []).length,
          length,
        }))
        .sort((a, b) => a.id.localeCompare(b.id));
      const actualChain = status.chain
        .map((link) => ({
          id: link.productUuid,
          state: link.state,
          openIncidents: link.openIncidents,
          length: link.pathUuids.length,
        }))
        .sort((a, b) => a.id.localeCompare(b.id));
      expect(actualChain).toEqual(expectedChain);
      for (const link of status.chain) expect(link.pathUuids[0]).toBe(p.uuid);
      const distinct = new Set([p.uuid, ...upstream.map(([u]) => u)].flatMap((u) => open.get(u) ?? []));
      expect(status.openIncidents).toBe(distinct.size);
    }

    // Recomputing the chain read model of every product changes nothing.
    const uuids = products.map((p) => p.uuid);
    const before = await chainRows(uuids);
    await t.get(UnitOfWork).run(await (await agency(t)).actor(Role.ADMIN, 'property'), async (tx) => {
      tx.audit('test.refresh', 'Product', products[0].id);
      await t.get(StatusService).refresh(tx, uuids);
    });
    expect(await chainRows(uuids)).toEqual(before);
  }

  it('equals a from-scratch computation through random chains, writes and moves of time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), (commands) => run(commands)),
      { numRuns: 6 },
    );
  });
});
