import fc from 'fast-check';
import { AssessmentWorkflowService } from '../../src/assessments/assessment-workflow.service.js';
import type { AssessmentOutcome } from '../../src/assessments/dto/assessment.enum.js';
import { toGlobalId } from '../../src/common/graphql/global-id.js';
import { Tier } from '../../src/baselines/dto/tier.enum.js';
import { type Actor, Role } from '../../src/common/actor.js';
import { UnitOfWork } from '../../src/common/database/unit-of-work.js';
import { isoInstant } from '../../src/common/time/human-time.js';
import { ProductsService } from '../../src/products/products.service.js';
import { computeStatus, NO_FINDINGS, type StatusFacts } from '../../src/status/compute-status.js';
import { reasonTexts } from '../../src/status/status-reason.js';
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
  statusAsRead,
} from '../support/service-workflow.js';
import { DAY, type TestBaseline } from '../support/test-data.js';

/*
 * After random sequences of writes (requests, starts, findings, completions, withdrawals,
 * remediations, suspensions, tier changes, new baseline versions) and moves of time, the status
 * read from the read model equals the status computed from scratch from the source tables, and
 * recomputing the read model changes nothing. The writes go through the services as the
 * resolvers call them; a write a service refuses (a DomainError, an error with a code in the API)
 * is skipped, as the API's error answer was.
 */

type Command =
  | { kind: 'request' | 'start' | 'withdraw' | 'suspend' | 'reinstate' | 'publish' }
  | { kind: 'record'; requirement: number; result: string; remediation: boolean; due: number }
  | { kind: 'recordAll'; gap: boolean; due: number }
  | { kind: 'complete'; outcome: string; valid: number }
  | { kind: 'remediation'; pick: number }
  | { kind: 'time'; days: number }
  | { kind: 'tier'; tier: 'BASIC' | 'HIGH' };

const command: fc.Arbitrary<Command> = fc.oneof(
  // Weighted towards the workflow, so most runs get as far as completed assessments.
  { weight: 3, arbitrary: fc.constantFrom<Command>({ kind: 'request' }, { kind: 'start' }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Command>(
      { kind: 'withdraw' },
      { kind: 'suspend' },
      { kind: 'reinstate' },
      { kind: 'publish' },
    ),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('record' as const),
      requirement: fc.integer({ min: 0, max: 2 }),
      result: fc.constantFrom('SATISFIED', 'PARTIALLY_SATISFIED', 'NOT_SATISFIED', 'NOT_APPLICABLE'),
      remediation: fc.boolean(),
      due: fc.integer({ min: 1, max: 60 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('recordAll' as const),
      gap: fc.boolean(),
      due: fc.integer({ min: 1, max: 60 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('complete' as const),
      outcome: fc.constantFrom('APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED'),
      valid: fc.integer({ min: 1, max: 400 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remediation' as const), pick: fc.nat(5) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('time' as const), days: fc.integer({ min: 1, max: 120 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('tier' as const),
      tier: fc.constantFrom('BASIC' as const, 'HIGH' as const),
    }),
  },
);

describe('the status read model (property)', () => {
  let t: ServiceContext;
  let supplier: ServiceOrg;
  let assessor: ServiceOrg;
  let actors: { supplier: Actor; assessor: Actor; agency: Actor; reader: Actor };
  let offset = 0;

  beforeAll(async () => {
    t = await createServiceContext();
    supplier = await newSupplier(t);
    assessor = await newAssessor(t);
    actors = {
      supplier: await supplier.actor(Role.EDITOR),
      assessor: await assessor.actor(Role.EDITOR),
      agency: await (await agency(t)).actor(Role.ADMIN),
      reader: await (await newSupplier(t)).actor(Role.VIEWER),
    };
    followClock(t, () => new Date(Date.now() + offset));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  const now = () => new Date(Date.now() + offset);
  const at = (days: number) => new Date(now().getTime() + days * DAY);

  /** The facts gathered straight from the source tables, without the read model's SQL. */
  async function fromScratch(productUuid: string): Promise<StatusFacts & { baselineId: string | null }> {
    const q = <T>(sql: string, params: unknown[]) => t.dataSource.query<T[]>(sql, params);
    const [product] = await q<{ tier: Tier }>('SELECT tier FROM product WHERE id = $1', [productUuid]);
    const [suspension] = await q<{ suspended_at: Date | null; suspension_reason: string | null }>(
      'SELECT suspended_at, suspension_reason FROM product_status WHERE product_id = $1',
      [productUuid],
    );
    const assessments = await q<{
      id: string;
      baseline_id: string;
      key: string;
      state: string;
      outcome: AssessmentOutcome | null;
      requested_at: Date;
      started_at: Date | null;
      completed_at: Date | null;
      valid_until: Date | null;
    }>(
      `SELECT a.id, a.baseline_id, b.key, a.state, a.outcome, a.requested_at, a.started_at, a.completed_at, a.valid_until
         FROM assessment a JOIN baseline b ON b.id = a.baseline_id WHERE a.product_id = $1`,
      [productUuid],
    );
    const latest = assessments
      .filter((a) => a.state !== 'WITHDRAWN')
      .sort((x, y) => y.requested_at.getTime() - x.requested_at.getTime() || (y.id > x.id ? 1 : -1))[0];
    const seriesKey = latest?.key ?? null;
    const [current] = seriesKey
      ? await q<{ id: string; key: string; version: string; published_at: Date }>(
          `SELECT id, key, version, published_at FROM baseline WHERE key = $1 AND status = 'PUBLISHED' ORDER BY published_at DESC, id DESC LIMIT 1`,
          [seriesKey],
        )
      : [];
    const completedIn = (baselineId: string | undefined) =>
      assessments
        .filter((a) => a.baseline_id === baselineId && a.state === 'COMPLETED')
        .sort((x, y) => y.completed_at!.getTime() - x.completed_at!.getTime() || (y.id > x.id ? 1 : -1))[0];
    // A transition: nothing completed against the current version, so the newest earlier one with a
    // completed assessment counts until the transition of the versions published after it ends.
    let judgedId = current?.id;
    let transition: StatusFacts['transition'] = null;
    if (current && !completedIn(current.id)) {
      const earlier = await q<{ id: string; version: string; ends_at: Date }>(
        `SELECT b.id, b.version, (SELECT coalesce(min(n.transition_ends_at), min(n.published_at)) FROM baseline n
            WHERE n.key = b.key AND n.status <> 'DRAFT' AND n.published_at > b.published_at) AS ends_at
           FROM baseline b WHERE b.key = $1 AND b.published_at < $2 ORDER BY b.published_at DESC`,
        [current.key, current.published_at],
      );
      const hit = earlier.find((b) => completedIn(b.id));
      if (hit) {
        judgedId = hit.id;
        transition = { assessedVersion: hit.version, endsAt: hit.ends_at };
      }
    }
    const against = assessments.filter((a) => a.baseline_id === judgedId);
    const completed = completedIn(judgedId);
    const open = against.find((a) => a.state === 'REQUESTED' || a.state === 'IN_PROGRESS');
    const applicable = current
      ? await q<{ id: string; code: string }>(
          'SELECT id, code FROM requirement WHERE baseline_id = $1 AND $2 = ANY(tiers)',
          [judgedId, product.tier],
        )
      : [];
    const codeOf = new Map(applicable.map((r) => [r.id, r.code]));
    const counted = completed ?? open;
    const findings = counted
      ? (
          await q<{ id: string; requirement_id: string; result: string }>(
            'SELECT id, requirement_id, result FROM finding WHERE assessment_id = $1',
            [counted.id],
          )
        ).filter((f) => codeOf.has(f.requirement_id))
      : [];
    const count = (result: string) => findings.filter((f) => f.result === result).length;
    const remediations = completed
      ? (
          await q<{ requirement_id: string; state: string; due_date: Date }>(
            `SELECT f.requirement_id, m.state, m.due_date FROM remediation m JOIN finding f ON f.id = m.finding_id
            WHERE f.assessment_id = $1`,
            [completed.id],
          )
        ).filter((m) => codeOf.has(m.requirement_id))
      : [];
    return {
      baselineId: judgedId ?? null,
      transition,
      citedEvidence: [], // no evidence is cited in these runs (test/status-evidence-expiry.e2e-spec.ts)
      tier: product.tier,
      baseline: current ? { key: current.key, version: current.version } : null,
      seriesKey,
      suspension: suspension?.suspended_at
        ? { at: suspension.suspended_at, reason: suspension.suspension_reason! }
        : null,
      openIncidents: 0,
      completed: completed
        ? {
            outcome: completed.outcome!,
            completedAt: completed.completed_at!,
            validUntil: completed.valid_until!,
          }
        : null,
      open: open
        ? { inProgress: open.state === 'IN_PROGRESS', since: open.started_at ?? open.requested_at }
        : null,
      counts: current
        ? {
            satisfied: count('SATISFIED'),
            partiallySatisfied: count('PARTIALLY_SATISFIED'),
            notSatisfied: count('NOT_SATISFIED'),
            notApplicable: count('NOT_APPLICABLE'),
            notAssessed: applicable.length - findings.length,
          }
        : NO_FINDINGS,
      openRemediations: remediations
        .filter((m) => m.state === 'OPEN')
        .map((m) => ({ code: codeOf.get(m.requirement_id)!, dueDate: m.due_date })),
      doneRemediations: remediations.filter((m) => m.state === 'DONE').length,
    };
  }

  async function readModel(productUuid: string): Promise<unknown> {
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ updated_at: _, ...rest }) => rest);
    // A product without a product_status row reads as one with the defaults.
    const absent = {
      product_id: productUuid,
      series_key: null,
      suspended_at: null,
      suspension_reason: null,
      open_incidents: 0,
    };
    const product = strip(
      await t.dataSource.query('SELECT * FROM product_status WHERE product_id = $1', [productUuid]),
    );
    return {
      product: product.length > 0 ? product : [absent],
      baselines: strip(
        await t.dataSource.query(
          'SELECT * FROM product_baseline_status WHERE product_id = $1 ORDER BY baseline_id',
          [productUuid],
        ),
      ),
    };
  }

  async function run(begin: boolean, commands: Command[]): Promise<void> {
    offset = 0;
    let baseline: TestBaseline = await newBaseline(t, {
      publish: true,
      requirements: [{ code: 'AAA-01' }, { code: 'BBB-01' }, { code: 'HHH-01', tiers: ['HIGH'] }],
    });
    const product = await newProduct(t, supplier);
    let assessmentId: string | null = null;
    // Most runs begin with an assessment under way, so the random part reaches completions.
    const prefix: Command[] = begin ? [{ kind: 'request' }, { kind: 'start' }] : [];
    commands = [...prefix, ...commands];
    const remediations: string[] = [];
    const workflow = t.get(AssessmentWorkflowService);
    const status = t.get(StatusService);
    for (const c of commands) {
      switch (c.kind) {
        case 'request': {
          const r = await unlessRefused(workflow.request(actors.supplier, product.id, baseline.id));
          if (r) assessmentId = r.id;
          break;
        }
        case 'start':
          if (assessmentId) await unlessRefused(workflow.start(actors.assessor, assessmentId));
          break;
        case 'withdraw':
          if (assessmentId) await unlessRefused(workflow.withdraw(actors.supplier, assessmentId));
          break;
        case 'record': {
          if (!assessmentId) break;
          const remediation = c.remediation ? { description: 'Fix the gap', dueDate: at(c.due) } : undefined;
          const r = await unlessRefused(
            recordFindingAs(t, actors.assessor, assessmentId, baseline.requirements[c.requirement].id, {
              result: c.result,
              remediation,
            }),
          );
          if (r?.remediation) remediations.push(r.remediation.id);
          break;
        }
        case 'recordAll':
          if (!assessmentId) break;
          for (const [i, requirement] of baseline.requirements.entries()) {
            const gap = c.gap && i === 1;
            const r = await unlessRefused(
              recordFindingAs(t, actors.assessor, assessmentId, requirement.id, {
                result: gap ? 'PARTIALLY_SATISFIED' : 'SATISFIED',
                remediation: gap ? { description: 'Close the gap', dueDate: at(c.due) } : undefined,
              }),
            );
            if (r?.remediation) remediations.push(r.remediation.id);
          }
          break;
        case 'complete':
          if (assessmentId) {
            await unlessRefused(
              completeAssessmentAs(t, actors.assessor, assessmentId, c.outcome, at(c.valid)),
            );
          }
          break;
        case 'remediation':
          if (remediations.length > 0) {
            await unlessRefused(
              workflow.completeRemediation(actors.supplier, remediations[c.pick % remediations.length]),
            );
          }
          break;
        case 'suspend':
          await unlessRefused(status.suspend(actors.agency, product.id, 'Incident'));
          break;
        case 'reinstate':
          await unlessRefused(status.reinstate(actors.agency, product.id));
          break;
        case 'tier':
          await unlessRefused(t.get(ProductsService).setTier(actors.agency, product.id, Tier[c.tier]));
          break;
        case 'publish':
          baseline = await newBaseline(t, {
            key: baseline.key,
            version: `v${Date.now()}${Math.random().toString(36).slice(2, 6)}`,
            fromBaselineId: baseline.id,
            requirements: [],
            publish: true,
          });
          break;
        case 'time':
          offset += c.days * DAY;
          break;
      }
    }

    const facts = await fromScratch(product.uuid);
    const expected = computeStatus(facts, now());
    // Another supplier's viewer reads it, as any signed-in caller may.
    await t.get(ProductsService).get(actors.reader, product.id);
    const read = await statusAsRead(t, actors.reader, product.uuid);
    const actual = {
      state: read.state,
      tier: read.tier,
      // As the DateTime scalar writes them.
      assessedAt: read.assessedAt ? isoInstant(read.assessedAt) : null,
      validUntil: read.validUntil ? isoInstant(read.validUntil) : null,
      satisfied: read.satisfied,
      partiallySatisfied: read.partiallySatisfied,
      notSatisfied: read.notSatisfied,
      notApplicable: read.notApplicable,
      notAssessed: read.notAssessed,
      openRemediations: read.openRemediations,
      overdueRemediations: read.overdueRemediations,
      openIncidents: read.openIncidents,
      reasons: read.ownReasons,
      baseline: read.baselineUuid ? toGlobalId('Baseline', read.baselineUuid) : null,
    };
    expect(actual).toEqual({
      state: expected.state,
      tier: expected.tier,
      assessedAt: expected.assessedAt ? isoInstant(expected.assessedAt) : null,
      validUntil: expected.validUntil ? isoInstant(expected.validUntil) : null,
      satisfied: expected.satisfied,
      partiallySatisfied: expected.partiallySatisfied,
      notSatisfied: expected.notSatisfied,
      notApplicable: expected.notApplicable,
      notAssessed: expected.notAssessed,
      openRemediations: expected.openRemediations,
      overdueRemediations: expected.overdueRemediations,
      openIncidents: 0,
      reasons: reasonTexts(expected.reasons, 'en'),
      baseline: facts.baselineId ? Buffer.from(`Baseline:${facts.baselineId}`).toString('base64url') : null,
    });

    // Recomputing the read model from scratch changes nothing.
    const before = await readModel(product.uuid);
    await t.get(UnitOfWork).run(await (await agency(t)).actor(Role.ADMIN, 'property'), async (tx) => {
      tx.audit('test.refresh', 'Product', product.id);
      await status.refresh(tx, [product.uuid]);
    });
    expect(await readModel(product.uuid)).toEqual(before);
  }

  it('equals a from-scratch computation after random writes and moves of time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(command, { minLength: 1, maxLength: 10 }), (begin, commands) =>
        run(begin, commands),
      ),
      { numRuns: 100 },
    );
  }, 600_000);
});
