import { type RequirementRow, toRequirement } from '../baselines/baseline.mapper.js';
import type { Requirement } from '../baselines/dto/requirement.model.js';
import { epochMs } from '../common/database/epoch-ms.js';
import type { ConnectionShape } from '../common/graphql/connection.js';
import { encodeCursor } from '../common/graphql/cursor.js';
import { toGlobalId } from '../common/graphql/global-id.js';
import { loaderName, type RequestLoaders } from '../common/graphql/request-context.js';
import type { AssessmentOutcome, AssessmentState, FindingResult } from './dto/assessment.enum.js';
import { RemediationState } from './dto/assessment.enum.js';
import { Assessment, Finding, Remediation } from './dto/assessment.model.js';

export const ASSESSMENT_TYPE = 'Assessment';
export const FINDING_TYPE = 'Finding';
export const REMEDIATION_TYPE = 'Remediation';

export const assessmentId = (uuid: string): string => toGlobalId(ASSESSMENT_TYPE, uuid);
export const findingId = (uuid: string): string => toGlobalId(FINDING_TYPE, uuid);
export const remediationId = (uuid: string): string => toGlobalId(REMEDIATION_TYPE, uuid);

/** Assessment columns (alias `a`) with its product's supplier (alias `p`), prefixed a_. */
export const ASSESSMENT_COLUMNS = `a.id AS a_id, a.product_id AS a_product_id, a.baseline_id AS a_baseline_id,
  a.state AS a_state, a.assessor_id AS a_assessor_id, a.outcome AS a_outcome, a.requested_at AS a_requested_at,
  a.started_at AS a_started_at, a.completed_at AS a_completed_at, a.valid_until AS a_valid_until,
  p.supplier_id AS a_supplier_id`;

export interface AssessmentRow {
  a_id: string;
  a_product_id: string;
  a_baseline_id: string;
  a_state: AssessmentState;
  a_assessor_id: string | null;
  a_outcome: AssessmentOutcome | null;
  a_requested_at: Date;
  a_started_at: Date | null;
  a_completed_at: Date | null;
  a_valid_until: Date | null;
  a_supplier_id: string;
}

export function toAssessment(row: AssessmentRow): Assessment {
  const model = new Assessment();
  model.id = assessmentId(row.a_id);
  model.uuid = row.a_id;
  model.productUuid = row.a_product_id;
  model.baselineUuid = row.a_baseline_id;
  model.assessorUuid = row.a_assessor_id;
  model.supplierUuid = row.a_supplier_id;
  model.state = row.a_state;
  model.outcome = row.a_outcome;
  model.requestedAt = row.a_requested_at;
  model.startedAt = row.a_started_at;
  model.completedAt = row.a_completed_at;
  model.validUntil = row.a_valid_until;
  return model;
}

/** Product.assessments' cursor (newest first: requested, then id). */
export const assessmentCursor = (row: AssessmentRow): string =>
  encodeCursor([row.a_requested_at.toISOString(), row.a_id]);

/** Product.assessments per product uuid: one loader per page arguments (`after` as the caller sent it). */
export const productAssessmentsLoader = (first: number, after: string | null | undefined) =>
  loaderName<string, ConnectionShape<Assessment>>(`product.assessments:${first}:${after ?? ''}`);

/** Assessment.findings per assessment uuid (FindingsReader.loader), and its slim variant. */
export const FINDINGS_LOADER = loaderName<string, Finding[]>('assessment.findings');
export const SLIM_FINDINGS_LOADER = loaderName<string, Finding[]>('assessment.findings.slim');

/** Remediation columns (alias `m`), prefixed m_. */
export const REMEDIATION_COLUMNS = `m.id AS m_id, m.finding_id AS m_finding_id, m.description AS m_description,
  m.due_date AS m_due_date, m.state AS m_state, m.completed_at AS m_completed_at`;

export interface RemediationRow {
  m_id: string | null;
  m_finding_id: string | null;
  m_description: string | null;
  m_due_date: Date | null;
  m_state: RemediationState | null;
  m_completed_at: Date | null;
}

export function toRemediation(row: RemediationRow, now: Date): Remediation | null {
  if (!row.m_id) return null;
  return remediation(
    row.m_id,
    row.m_finding_id!,
    row.m_description!,
    row.m_due_date!,
    row.m_state!,
    row.m_completed_at,
    now,
  );
}

function remediation(
  uuid: string,
  findingUuid: string,
  description: string,
  dueDate: Date,
  state: RemediationState,
  completedAt: Date | null,
  now: Date,
): Remediation {
  const model = new Remediation();
  model.id = remediationId(uuid);
  model.uuid = uuid;
  model.findingUuid = findingUuid;
  model.description = description;
  model.dueDate = dueDate;
  model.state = state;
  model.completedAt = completedAt;
  model.overdue = state === RemediationState.OPEN && dueDate.getTime() < now.getTime();
  return model;
}

/**
 * A finding with its requirement (REQUIREMENT_COLUMNS, alias `r`) and remediation (alias `m`,
 * left-joined) in one flat row, for reading single findings (lists use FINDING_TUPLE_SQL).
 */
export const FINDING_COLUMNS = `f.id AS f_id, f.assessment_id AS f_assessment_id, f.result AS f_result,
  f.note AS f_note, f.recorded_at AS f_recorded_at`;

export type FindingRow = RequirementRow &
  RemediationRow & {
    f_id: string;
    f_assessment_id: string;
    f_result: FindingResult;
    f_note: string | null;
    f_recorded_at: Date;
  };

export function toFinding(row: FindingRow, now: Date): Finding {
  const model = new Finding();
  model.uuid = row.f_id;
  model.assessmentUuid = row.f_assessment_id;
  model.requirementUuid = row.id;
  model.result = row.f_result;
  model.note = row.f_note;
  model.recordedAt = row.f_recorded_at;
  model.requirement = toRequirement(row);
  // The row has it already: Finding.remediation's loader is for lists (findingFromTuple).
  model.alongside = { remediation: toRemediation(row, now) };
  return model;
}

/** Finding.remediation per finding uuid (FindingsReader.remediationLoader). */
export const REMEDIATION_LOADER = loaderName<string, Remediation | null>('finding.remediation');

/** Primes Finding.remediation's loader with the remediations read alongside the findings. */
export function primeFindingLoaders(loaders: RequestLoaders, findings: Iterable<Finding>): void {
  for (const finding of findings) {
    if (finding.alongside) loaders.prime(REMEDIATION_LOADER, finding.uuid, finding.alongside.remediation);
  }
}

/**
 * One finding (alias `f`) as a compact JSON array, for aggregating an assessment's findings into
 * one value: thousands of findings then cost one row and one JSON.parse instead of a wide row
 * each. The requirement (alias `r`) is named by its code only, which is unique within its
 * baseline. Remediations are not joined: most findings have none and most readers do not ask
 * (Finding.remediation batches them when asked), and the join doubled the statement's cost.
 */
export const FINDING_TUPLE_SQL = `json_build_array(f.id, r.code, f.result, f.note, ${epochMs('f.recorded_at')})`;

/** A FINDING_TUPLE_SQL value; times are epoch milliseconds. */
export type FindingTuple = [
  id: string,
  requirementCode: string,
  result: FindingResult,
  note: string | null,
  recordedAt: number,
];

/** The same Finding as toFinding (but the remediation), from a FINDING_TUPLE_SQL value and its requirement. */
export function findingFromTuple(
  tuple: FindingTuple,
  assessmentUuid: string,
  requirement: Requirement,
): Finding {
  const [id, , result, note, recordedAt] = tuple;
  const model = new Finding();
  model.uuid = id;
  model.assessmentUuid = assessmentUuid;
  model.requirementUuid = requirement.uuid;
  model.result = result;
  model.note = note;
  model.recordedAt = new Date(recordedAt);
  model.requirement = requirement;
  return model;
}
