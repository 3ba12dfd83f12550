import { Role } from '../../src/common/actor.js';
import { Clock } from '../../src/events/clock.js';
import { newBaseline, type RequirementSeed, type TestBaseline } from './baselines.js';
import {
  newAssessor,
  newProduct,
  newSupplier,
  type ProductOverrides,
  type TestOrg,
  type TestProduct,
} from './factories.js';
import { ok, type TestApp } from './test-app.js';
import { DAY, daysFromNow } from './test-data.js';

export { DAY, daysFromNow };

/** Assessment factories and queries: everything goes through the API as the right caller. */

export const ASSESSMENT_FIELDS = `id state outcome requestedAt startedAt completedAt validUntil
  product { id } baseline { id } assessor { id }
  findings { id result note recordedAt requirement { id code } remediation { id description dueDate state overdue completedAt } }`;

export const STATUS_FIELDS = `state tier assessedAt validUntil satisfied partiallySatisfied notSatisfied notApplicable
  notAssessed openRemediations overdueRemediations openIncidents reasons baseline { id version }`;

export interface StatusShape {
  state: string;
  tier: string;
  assessedAt: string | null;
  validUntil: string | null;
  satisfied: number;
  partiallySatisfied: number;
  notSatisfied: number;
  notApplicable: number;
  notAssessed: number;
  openRemediations: number;
  overdueRemediations: number;
  openIncidents: number;
  reasons: string[];
  baseline: { id: string; version: string } | null;
}

export const REQUEST = `mutation($productId: ID!, $baselineId: ID!) {
  requestAssessment(productId: $productId, baselineId: $baselineId) { id state } }`;
export const START = `mutation($id: ID!) { startAssessment(id: $id) { id state assessor { id } } }`;
export const RECORD = `mutation($input: RecordFindingInput!) {
  recordFinding(input: $input) { id result note requirement { id code } evidence { id }
    remediation { id description dueDate state overdue } } }`;
export const COMPLETE = `mutation($input: CompleteAssessmentInput!) {
  completeAssessment(input: $input) { id state outcome completedAt validUntil } }`;
export const WITHDRAW = `mutation($id: ID!) { withdrawAssessment(id: $id) { id state } }`;
export const COMPLETE_REMEDIATION = `mutation($id: ID!) { completeRemediation(id: $id) { id state completedAt overdue } }`;
export const STATUS = `query($id: ID!) { product(id: $id) { id status { ${STATUS_FIELDS} } } }`;
export const ASSESSMENT = `query($id: ID!) { assessment(id: $id) { ${ASSESSMENT_FIELDS} } }`;

export async function requestAssessment(
  t: TestApp,
  supplier: TestOrg,
  productId: string,
  baselineId: string,
) {
  const data = ok(
    await t.gql<{ requestAssessment: { id: string } }>(
      REQUEST,
      { productId, baselineId },
      await supplier.token(Role.EDITOR),
    ),
  );
  return data.requestAssessment.id;
}

export async function startAssessment(t: TestApp, assessor: TestOrg, id: string): Promise<void> {
  ok(await t.gql(START, { id }, await assessor.token(Role.EDITOR)));
}

export interface FindingSeed {
  result: string;
  note?: string;
  evidenceIds?: string[];
  remediation?: { description: string; dueDate: string };
}

export async function recordFinding(
  t: TestApp,
  assessor: TestOrg,
  assessmentId: string,
  requirementId: string,
  seed: FindingSeed,
) {
  const data = ok(
    await t.gql<{ recordFinding: { id: string; remediation: { id: string } | null } }>(
      RECORD,
      { input: { assessmentId, requirementId, ...seed } },
      await assessor.token(Role.EDITOR),
    ),
  );
  return data.recordFinding;
}

export async function completeAssessment(
  t: TestApp,
  assessor: TestOrg,
  assessmentId: string,
  outcome: string,
  validUntil = daysFromNow(365),
) {
  ok(
    await t.gql(
      COMPLETE,
      { input: { assessmentId, outcome, validUntil } },
      await assessor.token(Role.EDITOR),
    ),
  );
}

export async function statusOf(t: TestApp, productId: string, token: string): Promise<StatusShape> {
  return ok(await t.gql<{ product: { status: StatusShape } }>(STATUS, { id: productId }, token)).product
    .status;
}

export interface Scenario {
  supplier: TestOrg;
  assessor: TestOrg;
  product: TestProduct;
  baseline: TestBaseline;
  assessmentId: string;
}

/** A supplier's product with an assessment against a fresh published baseline, started by a fresh assessor. */
export async function startedAssessment(
  t: TestApp,
  options: {
    requirements?: RequirementSeed[];
    product?: ProductOverrides;
    supplier?: TestOrg;
    assessor?: TestOrg;
  } = {},
): Promise<Scenario> {
  const supplier = options.supplier ?? (await newSupplier(t));
  const assessor = options.assessor ?? (await newAssessor(t));
  const product = await newProduct(t, supplier, options.product);
  const baseline = await newBaseline(t, { publish: true, requirements: options.requirements });
  const assessmentId = await requestAssessment(t, supplier, product.id, baseline.id);
  await startAssessment(t, assessor, assessmentId);
  return { supplier, assessor, product, baseline, assessmentId };
}

/** Moves the application's clock (status time rules, due-date checks) by `days`; restore with jest.restoreAllMocks(). */
export function moveClock(t: TestApp, days: number): void {
  const clock = t.app.get(Clock);
  const real = Date.now;
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(real() + days * DAY));
}
