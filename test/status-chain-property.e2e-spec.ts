import fc from 'fast-check';
import { Role } from '../src/common/actor.js';
import { UnitOfWork } from '../src/common/database/unit-of-work.js';
import { Clock } from '../src/events/clock.js';
import { EventScheduler } from '../src/events/scheduler/event-scheduler.js';
import type { ComplianceState } from '../src/products/dto/compliance-state.enum.js';
import { effectiveState, worstChainState } from '../src/status/chain-rule.js';
import { StatusService } from '../src/status/status.service.js';
import { COMPLETE, DAY, RECORD, REQUEST, START } from './support/assessments.js';
import { agencyToken, newBaseline, type TestBaseline } from './support/baselines.js';
import {
  agency,
  newAssessor,
  newProduct,
  newSupplier,
  type TestOrg,
  type TestProduct,
} from './support/factories.js';
import { reportInput, REPORT } from './support/incidents.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

/*
 * After random sequences of writes over a small random sub-processor graph (edges, suspensions,
 * assessments with any outcome and validity, incidents reported and resolved) and moves of time
 * (each followed by a scheduler pass, as production runs every minute), every product's
 * effectiveState, chain and openIncidents read through the API equal a from-scratch computation
 * over the source tables, and recomputing the chain read model changes nothing.
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

const STATUS = `query($id: ID!) { product(id: $id) { status {
  state effectiveState openIncidents chain { product { id } state openIncidents path { id } } } } }`;

interface Status {
  state: ComplianceState;
  effectiveState: ComplianceState;
  openIncidents: number;
  chain: { product: { id: string }; state: ComplianceState; openIncidents: number; path: { id: string }[] }[];
}

jest.setTimeout(1_500_000);

describe('the supply-chain read model (property)', () => {
  let t: TestApp;
  let tokens: { supplier: string; assessor: string; agency: string };
  let supplier: TestOrg;
  let assessor: TestOrg;
  let baseline: TestBaseline;
  let offset = 0;
  const iso = (days: number) => new Date(Date.now() + offset + days * DAY).toISOString();

  beforeAll(async () => {
    t = await createTestApp();
    supplier = await newSupplier(t);
    assessor = await newAssessor(t);
    tokens = {
      supplier: await supplier.token(Role.EDITOR),
      assessor: await assessor.token(Role.EDITOR),
      agency: await agencyToken(t, Role.ADMIN),
    };
    baseline = await newBaseline(t, { publish: true, requirements: [{ code: 'CHN-01' }] });
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + offset));
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
    // Fresh tokens each run: on a busy machine a whole property run outlasts a token.
    tokens = {
      supplier: await supplier.token(Role.EDITOR),
      assessor: await assessor.token(Role.EDITOR),
      agency: await agencyToken(t, Role.ADMIN),
    };
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
          await t.gql(
            `mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }`,
            { id: products[c.product].id, input: { subprocessorIds } },
            tokens.supplier,
          );
          break;
        }
        case 'suspend':
        case 'reinstate':
          await t.gql(
            c.kind === 'suspend'
              ? `mutation($id: ID!) { suspendProduct(id: $id, reason: "Property") { id } }`
              : `mutation($id: ID!) { reinstateProduct(id: $id) { id } }`,
            { id: products[c.product].id },
            tokens.agency,
          );
          break;
        case 'incident': {
          const r = await t.gql<{ reportIncident: { id: string } }>(
            REPORT,
            {
              input: reportInput([products[c.product]], {
                detectedAt: new Date(Date.now() + offset - 60_000).toISOString(),
              }),
            },
            tokens.supplier,
          );
          if (r.data) incidents.push(r.data.reportIncident.id);
          break;
        }
        case 'resolve':
          if (incidents.length > 0) {
            const [id] = incidents.splice(c.pick % incidents.length, 1);
            await t.gql(
              `mutation($id: ID!) { resolveIncident(id: $id, summary: "Done.") { id } }`,
              { id },
              tokens.supplier,
            );
          }
          break;
        case 'assess': {
          const p = products[c.product];
          const r = await t.gql<{ requestAssessment: { id: string } }>(
            REQUEST,
            { productId: p.id, baselineId: baseline.id },
            tokens.supplier,
          );
          if (!r.data) break;
          const id = r.data.requestAssessment.id;
          await t.gql(START, { id }, tokens.assessor);
          const input = {
            assessmentId: id,
            requirementId: baseline.requirements[0].id,
            result: c.outcome === 'APPROVED' ? 'SATISFIED' : 'NOT_SATISFIED',
          };
          await t.gql(RECORD, { input }, tokens.assessor);
          await t.gql(
            COMPLETE,
            { input: { assessmentId: id, outcome: c.outcome, validUntil: iso(c.valid) } },
            tokens.assessor,
          );
          break;
        }
        case 'time':
          offset += c.days * DAY;
          await t.app.get(EventScheduler).runOnce();
          break;
      }
    }

    const statuses = new Map<string, Status>();
    for (const p of products) {
      statuses.set(
        p.uuid,
        ok(await t.gql<{ product: { status: Status } }>(STATUS, { id: p.id }, tokens.agency)).product.status,
      );
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
          id: byUuid.get(u)!.id,
          state: own(u),
          openIncidents: (open.get(u) ?? []).length,
          length,
        }))
        .sort((a, b) => a.id.localeCompare(b.id));
      const actualChain = status.chain
        .map((link) => ({
          id: link.product.id,
          state: link.state,
          openIncidents: link.openIncidents,
          length: link.path.length,
        }))
        .sort((a, b) => a.id.localeCompare(b.id));
      expect(actualChain).toEqual(expectedChain);
      for (const link of status.chain) expect(link.path[0].id).toBe(p.id);
      const distinct = new Set([p.uuid, ...upstream.map(([u]) => u)].flatMap((u) => open.get(u) ?? []));
      expect(status.openIncidents).toBe(distinct.size);
    }

    // Recomputing the chain read model of every product changes nothing.
    const uuids = products.map((p) => p.uuid);
    const before = await chainRows(uuids);
    await t.app.get(UnitOfWork).run(
      {
        subject: 'property',
        organizationId: (await agency(t)).uuid,
        organizationKind: 'AGENCY' as never,
        roles: [Role.ADMIN],
      },
      async (tx) => {
        tx.audit('test.refresh', 'Product', products[0].id);
        await t.app.get(StatusService).refresh(tx, uuids);
      },
    );
    expect(await chainRows(uuids)).toEqual(before);
  }

  it('equals a from-scratch computation through random chains, writes and moves of time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), (commands) => run(commands)),
      { numRuns: 6 },
    );
  });
});
