import { AssessmentWorkflowService } from '../../src/assessments/assessment-workflow.service.js';
import { CompleteAssessmentInput, RecordFindingInput } from '../../src/assessments/dto/assessment.input.js';
import type { Finding, Remediation } from '../../src/assessments/dto/assessment.model.js';
import { FindingRecorder } from '../../src/assessments/finding-recorder.service.js';
import { FindingsReader } from '../../src/assessments/findings.reader.js';
import { type Actor, Role } from '../../src/common/actor.js';
import { Clock } from '../../src/events/clock.js';
import { ReportIncidentInput } from '../../src/incidents/dto/incident.input.js';
import { IncidentWritesService } from '../../src/incidents/incident-writes.service.js';
import type { ComplianceState } from '../../src/products/dto/compliance-state.enum.js';
import { StatusService } from '../../src/status/status.service.js';
import {
  DAY,
  type ProductOverrides,
  reportInput,
  type ReportOverrides,
  type RequirementSeed,
  type TestBaseline,
  type TestProduct,
} from './test-data.js';
import type { ServiceContext } from './service-context.js';
import { newAssessor, newBaseline, newProduct, newSupplier, type ServiceOrg } from './service-factories.js';

/** The assessment workflow, incidents and the status read for the service tier, as the resolvers call them. */

export async function requestAssessment(
  ctx: ServiceContext,
  supplier: ServiceOrg,
  productId: string,
  baselineId: string,
): Promise<string> {
  const assessment = await ctx
    .get(AssessmentWorkflowService)
    .request(await supplier.actor(Role.EDITOR), productId, baselineId);
  return assessment.id;
}

export async function startAssessment(ctx: ServiceContext, assessor: ServiceOrg, id: string): Promise<void> {
  await ctx.get(AssessmentWorkflowService).start(await assessor.actor(Role.EDITOR), id);
}

export interface ServiceFindingSeed {
  result: string;
  note?: string;
  evidenceIds?: string[];
  remediation?: { description: string; dueDate: Date };
}

/**
 * recordFinding as the given caller: the finding and its remediation (Finding.remediation reads it
 * through FindingsReader), null when none.
 */
export async function recordFindingAs(
  ctx: ServiceContext,
  actor: Actor,
  assessmentId: string,
  requirementId: string,
  seed: ServiceFindingSeed,
): Promise<{ finding: Finding; remediation: Remediation | null }> {
  const input = await ctx.input(RecordFindingInput, { assessmentId, requirementId, ...seed });
  const finding = await ctx.get(FindingRecorder).recordOne(actor, input);
  return { finding, remediation: await ctx.get(FindingsReader).remediationLoader().load(finding.uuid) };
}

export async function recordFinding(
  ctx: ServiceContext,
  assessor: ServiceOrg,
  assessmentId: string,
  requirementId: string,
  seed: ServiceFindingSeed,
) {
  return recordFindingAs(ctx, await assessor.actor(Role.EDITOR), assessmentId, requirementId, seed);
}

export async function completeAssessmentAs(
  ctx: ServiceContext,
  actor: Actor,
  assessmentId: string,
  outcome: string,
  validUntil: Date,
): Promise<void> {
  const input = await ctx.input(CompleteAssessmentInput, { assessmentId, outcome, validUntil });
  await ctx.get(AssessmentWorkflowService).complete(actor, input);
}

export async function completeAssessment(
  ctx: ServiceContext,
  assessor: ServiceOrg,
  assessmentId: string,
  outcome: string,
  validUntil = new Date(Date.now() + 365 * DAY),
): Promise<void> {
  await completeAssessmentAs(ctx, await assessor.actor(Role.EDITOR), assessmentId, outcome, validUntil);
}

export interface ServiceScenario {
  supplier: ServiceOrg;
  assessor: ServiceOrg;
  product: TestProduct;
  baseline: TestBaseline;
  assessmentId: string;
}

/** A supplier's product with an assessment against a fresh published baseline, started by a fresh assessor. */
export async function startedAssessment(
  ctx: ServiceContext,
  options: { requirements?: RequirementSeed[]; product?: ProductOverrides } = {},
): Promise<ServiceScenario> {
  const supplier = await newSupplier(ctx);
  const assessor = await newAssessor(ctx);
  const product = await newProduct(ctx, supplier, options.product);
  const baseline = await newBaseline(ctx, { publish: true, requirements: options.requirements });
  const assessmentId = await requestAssessment(ctx, supplier, product.id, baseline.id);
  await startAssessment(ctx, assessor, assessmentId);
  return { supplier, assessor, product, baseline, assessmentId };
}

/** reportIncident as the given caller (the supplier's EDITOR in the API); answers the incident's id. */
export async function reportIncidentAs(
  ctx: ServiceContext,
  actor: Actor,
  products: readonly { id: string }[],
  overrides: Omit<ReportOverrides, 'detectedAt'> & { detectedAt?: Date } = {},
): Promise<string> {
  const { detectedAt, ...rest } = overrides;
  const plain = reportInput(products, rest);
  const input = await ctx.input(ReportIncidentInput, {
    ...plain,
    detectedAt: detectedAt ?? new Date(plain.detectedAt),
  });
  return (await ctx.get(IncidentWritesService).report(actor, input)).id;
}

/** Moves the Clock (the status time rules, due dates, the scheduler) to `now()`; restore with jest.restoreAllMocks(). */
export function followClock(ctx: ServiceContext, now: () => Date): void {
  jest.spyOn(ctx.get(Clock), 'now').mockImplementation(now);
}

/** Product.status as a caller reads it, from the services the status resolvers use. */
export interface StatusAsRead {
  state: ComplianceState;
  effectiveState: ComplianceState;
  tier: string;
  assessedAt: Date | null;
  validUntil: Date | null;
  satisfied: number;
  partiallySatisfied: number;
  notSatisfied: number;
  notApplicable: number;
  notAssessed: number;
  openRemediations: number;
  overdueRemediations: number;
  /** Open incidents on the product and its chain that the caller may see. */
  openIncidents: number;
  /**
   * The reasons of the product's own state and its chain; incidents are named in them by the
   * API's resolver (ProductStatusChainResolver), which API tests cover.
   */
  ownReasons: string[];
  baselineUuid: string | null;
  chain: { productUuid: string; pathUuids: string[]; state: ComplianceState; openIncidents: number }[];
}

/**
 * What ProductStatusResolver and ProductStatusChainResolver answer, read through the same service
 * calls (StatusService.loader, and the incidents the caller may see through visibleIncidentLoader).
 */
export async function statusAsRead(
  ctx: ServiceContext,
  actor: Actor,
  productUuid: string,
): Promise<StatusAsRead> {
  const service = ctx.get(StatusService);
  const status = await service.loader(actor).load(productUuid);
  if (!status) throw new Error(`no status for product ${productUuid}`);
  const refs = status.incidentRefs;
  const found =
    refs.length === 0 ? [] : await service.visibleIncidentLoader(actor).loadMany(refs.map((ref) => ref.i));
  const visible = refs.filter((_, index) => found[index] && !(found[index] instanceof Error));
  return {
    state: status.state,
    effectiveState: status.effectiveState,
    tier: status.tier,
    assessedAt: status.assessedAt,
    validUntil: status.validUntil,
    satisfied: status.satisfied,
    partiallySatisfied: status.partiallySatisfied,
    notSatisfied: status.notSatisfied,
    notApplicable: status.notApplicable,
    notAssessed: status.notAssessed,
    openRemediations: status.openRemediations,
    overdueRemediations: status.overdueRemediations,
    openIncidents: visible.length,
    ownReasons: status.reasons,
    baselineUuid: status.baselineUuid,
    chain: status.chainLinks.map((link) => ({
      productUuid: link.id,
      pathUuids: link.path,
      state: link.state,
      openIncidents: visible.filter((ref) => ref.p === link.id).length,
    })),
  };
}
