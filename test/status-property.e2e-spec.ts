import fc from 'fast-check';
import type { AssessmentOutcome } from '../src/assessments/dto/assessment.enum.js';
import type { Tier } from '../src/baselines/dto/tier.enum.js';
import { Role } from '../src/common/actor.js';
import { UnitOfWork } from '../src/common/database/unit-of-work.js';
import { Clock } from '../src/events/clock.js';
import { isoInstant } from '../src/common/time/human-time.js';
import { computeStatus, NO_FINDINGS, type StatusFacts } from '../src/status/compute-status.js';
import { reasonTexts } from '../src/status/status-reason.js';
import { StatusService } from '../src/status/status.service.js';
import {
  COMPLETE,
  COMPLETE_REMEDIATION,
  DAY,
  RECORD,
  REQUEST,
  START,
  statusOf,
  type StatusShape,
  WITHDRAW,
} from './support/assessments.js';
import { agencyToken, newBaseline, type TestBaseline } from './support/baselines.js';
import { agency, newAssessor, newProduct, newSupplier, type TestOrg } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/*
 * After random sequences of writes (requests, starts, findings, completions, withdrawals,
 * remediations, suspensions, tier changes, new baseline versions) and moves of time, the status
 * read from the read model equals the status computed from scratch from the source tables, and
 * recomputing the read model changes nothing.
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
  let t: TestApp;
  let supplier: TestOrg;
  let assessor: TestOrg;
  let tokens: { supplier: string; assessor: string; agency: string; reader: string };
  let offset = 0;

  beforeAll(async () => {
    t = await createTestApp();
    supplier = await newSupplier(t);
    assessor = await newAssessor(t);
    tokens = {
      supplier: await supplier.token(Role.EDITOR),
      assessor: await assessor.token(Role.EDITOR),
      agency: await agencyToken(t, Role.ADMIN),
      reader: await (await newSupplier(t)).token(Role.VIEWER),
    };
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + offset));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  const now = () => new Date(Date.now() + offset);
  const iso = (days: number) => new Date(now().getTime() + days * DAY).toISOString();

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
    for (const c of commands) {
      switch (c.kind) {
        case 'request': {
          const r = await t.gql<{ requestAssessment: { id: string } }>(
            REQUEST,
            { productId: product.id, baselineId: baseline.id },
            tokens.supplier,
          );
          if (r.data) assessmentId = r.data.requestAssessment.id;
          break;
        }
        case 'start':
          if (assessmentId) await t.gql(START, { id: assessmentId }, tokens.assessor);
          break;
        case 'withdraw':
          if (assessmentId) await t.gql(WITHDRAW, { id: assessmentId }, tokens.supplier);
          break;
        case 'record': {
          if (!assessmentId) break;
          const remediation = c.remediation ? { description: 'Fix the gap', dueDate: iso(c.due) } : undefined;
          const input = {
            assessmentId,
            requirementId: baseline.requirements[c.requirement].id,
            result: c.result,
            remediation,
          };
          const r = await t.gql<{ recordFinding: { remediation: { id: string } | null } }>(
            RECORD,
            { input },
            tokens.assessor,
          );
          if (r.data?.recordFinding.remediation) remediations.push(r.data.recordFinding.remediation.id);
          break;
        }
        case 'recordAll':
          if (!assessmentId) break;
          for (const [i, requirement] of baseline.requirements.entries()) {
            const gap = c.gap && i === 1;
            const input = {
              assessmentId,
              requirementId: requirement.id,
              result: gap ? 'PARTIALLY_SATISFIED' : 'SATISFIED',
              remediation: gap ? { description: 'Close the gap', dueDate: iso(c.due) } : undefined,
            };
            const r = await t.gql<{ recordFinding: { remediation: { id: string } | null } }>(
              RECORD,
              { input },
              tokens.assessor,
            );
            if (r.data?.recordFinding.remediation) remediations.push(r.data.recordFinding.remediation.id);
          }
          break;
        case 'complete':
          if (assessmentId) {
            await t.gql(
              COMPLETE,
              { input: { assessmentId, outcome: c.outcome, validUntil: iso(c.valid) } },
              tokens.assessor,
            );
          }
          break;
        case 'remediation':
          if (remediations.length > 0) {
            await t.gql(
              COMPLETE_REMEDIATION,
              { id: remediations[c.pick % remediations.length] },
              tokens.supplier,
            );
          }
          break;
        case 'suspend':
          await t.gql(
            `mutation($id: ID!) { suspendProduct(id: $id, reason: "Incident") { id } }`,
            { id: product.id },
            tokens.agency,
          );
          break;
        case 'reinstate':
          await t.gql(
            `mutation($id: ID!) { reinstateProduct(id: $id) { id } }`,
            { id: product.id },
            tokens.agency,
          );
          break;
        case 'tier':
          await t.gql(
            `mutation($id: ID!, $tier: Tier!) { setProductTier(id: $id, tier: $tier) { id } }`,
            { id: product.id, tier: c.tier },
            tokens.agency,
          );
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
    const actual: StatusShape = await statusOf(t, product.id, tokens.reader);
    expect({ ...actual, baseline: actual.baseline?.id ?? null }).toEqual({
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
    const status = t.app.get(StatusService);
    await t.app.get(UnitOfWork).run(
      {
        subject: 'property',
        organizationId: (await agency(t)).uuid,
        organizationKind: 'AGENCY' as never,
        roles: [Role.ADMIN],
      },
      async (tx) => {
        tx.audit('test.refresh', 'Product', product.id);
        await status.refresh(tx, [product.uuid]);
      },
    );
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
