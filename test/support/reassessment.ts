import { Role } from '../../src/common/actor.js';
import { Clock } from '../../src/events/clock.js';
import { completeAssessment, daysFromNow, startAssessment, type Scenario } from './assessments.js';
import { agencyToken, newBaseline, type RequirementSeed, type TestBaseline } from './baselines.js';
import type { TestOrg } from './factories.js';
import { ok, type TestApp } from './test-app.js';

/** Baseline versions, transitions and reassessments through the API (docs/baselines-and-reassessment.md). */

export const PUBLISH = `mutation PublishBaseline($id: ID!, $transitionEndsAt: DateTime) {
  publishBaseline(id: $id, transitionEndsAt: $transitionEndsAt) { id version publishedAt transitionEndsAt } }`;

export const RECORD_FINDINGS = `mutation RecordFindings($assessmentId: ID!, $findings: [FindingInput!]!) {
  recordFindings(assessmentId: $assessmentId, findings: $findings) {
    id result note requirement { code } evidence { id } carriedOverFrom { id } } }`;

/** A controllable application clock: `clock.set(date)` / `clock.advance(days)`; restore with jest.restoreAllMocks(). */
export function controlClock(t: TestApp) {
  let now = new Date();
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  return {
    now: () => new Date(now),
    advance(days: number) {
      now = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
    },
  };
}

/** Records `result` (default SATISFIED) for every requirement of the scenario's baseline in one call and approves. */
export async function approve(
  t: TestApp,
  s: Pick<Scenario, 'assessor' | 'assessmentId'>,
  requirements: readonly { id: string }[],
  extra: (index: number) => Record<string, unknown> = () => ({}),
  validUntil = daysFromNow(900),
): Promise<{ id: string; requirement: { code: string } }[]> {
  const findings = requirements.map((r, i) => ({ requirementId: r.id, result: 'SATISFIED', ...extra(i) }));
  const recorded = ok(
    await t.gql<{ recordFindings: { id: string; requirement: { code: string } }[] }>(
      RECORD_FINDINGS,
      { assessmentId: s.assessmentId, findings },
      await s.assessor.token(Role.EDITOR),
    ),
  ).recordFindings;
  await completeAssessment(t, s.assessor, s.assessmentId, 'APPROVED', validUntil);
  return recorded;
}

/** A draft of the next version of `previous`'s series, published with a transition end. */
export async function publishNextVersion(
  t: TestApp,
  previous: TestBaseline,
  version: string,
  requirements: RequirementSeed[],
  transitionEndsAt: string,
): Promise<TestBaseline & { transitionEndsAt: string }> {
  const draft = await newBaseline(t, { key: previous.key, version, requirements });
  const published = ok(
    await t.gql<{ publishBaseline: { transitionEndsAt: string } }>(
      PUBLISH,
      { id: draft.id, transitionEndsAt },
      await agencyToken(t),
    ),
  ).publishBaseline;
  return { ...draft, transitionEndsAt: published.transitionEndsAt };
}

/** Request (FULL or DELTA) and start an assessment of a product against a baseline. */
export async function reassess(
  t: TestApp,
  supplier: TestOrg,
  assessor: TestOrg,
  productId: string,
  baselineId: string,
  scope: 'FULL' | 'DELTA',
): Promise<string> {
  const data = ok(
    await t.gql<{ requestAssessment: { id: string } }>(
      `mutation RequestAssessment($productId: ID!, $baselineId: ID!, $scope: AssessmentScope) {
        requestAssessment(productId: $productId, baselineId: $baselineId, scope: $scope) { id } }`,
      { productId, baselineId, scope },
      await supplier.token(Role.EDITOR),
    ),
  );
  await startAssessment(t, assessor, data.requestAssessment.id);
  return data.requestAssessment.id;
}

/** Messages of the events of `type` about a product that `org` received, oldest first. */
export async function messagesTo(
  t: TestApp,
  org: TestOrg,
  type: string,
  productUuid: string,
): Promise<string[]> {
  const rows = await t.dataSource.query<{ message: string }[]>(
    `SELECT e.message FROM registry_event e JOIN registry_event_recipient r ON r.event_id = e.id
      WHERE r.organization_id = $1 AND e.type = $2 AND e.product_id = $3 ORDER BY e.position`,
    [org.uuid, type, productUuid],
  );
  return rows.map((r) => r.message);
}
