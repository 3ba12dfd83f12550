import { BadUserInputError, ConflictError, type FieldViolation } from '../common/errors/domain-error.js';
import { humanDate } from '../common/time/human-time.js';
import { AssessmentOutcome, AssessmentState, FindingResult, GAP_RESULTS } from './dto/assessment.enum.js';

export const ASSESSMENT_LIMITS = {
  noteMax: 4000,
  remediationMin: 3,
  remediationMax: 2000,
  evidenceMax: 20,
  /** An assessment is valid for at most this long from its completion. */
  validityYears: 3,
} as const;

/** The same instant `years` later in UTC (29 February falls back to 28). */
export function addYears(date: Date, years: number): Date {
  const result = new Date(date.getTime());
  result.setUTCFullYear(result.getUTCFullYear() + years);
  if (result.getUTCDate() !== date.getUTCDate()) result.setUTCDate(0);
  return result;
}

/** What each workflow action needs the assessment to be in; anything else is CONFLICT. */
const ALLOWED: Record<string, readonly AssessmentState[]> = {
  start: [AssessmentState.REQUESTED],
  record: [AssessmentState.IN_PROGRESS],
  complete: [AssessmentState.IN_PROGRESS],
  withdraw: [AssessmentState.REQUESTED, AssessmentState.IN_PROGRESS],
};

const WHY: Record<AssessmentState, string> = {
  [AssessmentState.REQUESTED]: 'has not been started by an assessor yet',
  [AssessmentState.IN_PROGRESS]: 'is already in progress',
  [AssessmentState.COMPLETED]: 'is completed, and a completed assessment never changes',
  [AssessmentState.WITHDRAWN]: 'was withdrawn',
};

export type WorkflowAction = 'start' | 'record' | 'complete' | 'withdraw';

/** Throws CONFLICT when `action` is not allowed in `state`. */
export function requireState(state: AssessmentState, action: WorkflowAction): void {
  if (!ALLOWED[action].includes(state)) {
    throw new ConflictError(
      `Cannot ${action === 'record' ? 'record a finding' : action}: the assessment ${WHY[state]}`,
    );
  }
}

/** validUntil: after `now`, at most three years ahead. */
export function checkValidUntil(validUntil: Date, now: Date, field = 'input.validUntil'): void {
  if (validUntil.getTime() <= now.getTime()) throw BadUserInputError.field(field, 'must be in the future');
  const latest = addYears(now, ASSESSMENT_LIMITS.validityYears);
  if (validUntil.getTime() > latest.getTime()) {
    throw BadUserInputError.field(
      field,
      `must be at most ${ASSESSMENT_LIMITS.validityYears} years ahead (${humanDate(latest, 'en')})`,
    );
  }
}

export interface CheckedRemediation {
  readonly description: string;
  readonly dueDate: Date;
}

/** A remediation belongs to a gap and needs a description and a due date in the future. */
export function checkRemediation(
  result: FindingResult,
  remediation: { description: string; dueDate: Date } | null | undefined,
  now: Date,
  prefix = 'input',
): CheckedRemediation | null {
  if (!remediation) return null;
  const violations: FieldViolation[] = [];
  if (!GAP_RESULTS.includes(result)) {
    violations.push({
      field: `${prefix}.remediation`,
      message: `only a gap (PARTIALLY_SATISFIED or NOT_SATISFIED) takes a remediation, not ${result}`,
    });
  }
  const description = remediation.description.trim().replace(/\s+/g, ' ');
  const { remediationMin, remediationMax } = ASSESSMENT_LIMITS;
  if (description.length < remediationMin || description.length > remediationMax) {
    violations.push({
      field: `${prefix}.remediation.description`,
      message: `must be ${remediationMin} to ${remediationMax} characters`,
    });
  }
  if (remediation.dueDate.getTime() <= now.getTime()) {
    violations.push({ field: `${prefix}.remediation.dueDate`, message: 'must be in the future' });
  }
  if (violations.length > 0) throw new BadUserInputError(violations);
  return { description, dueDate: remediation.dueDate };
}

/** An empty or blank note is no note. */
export function normaliseNote(note: string | null | undefined): string | null {
  const text = note?.trim() ?? '';
  return text === '' ? null : text;
}

/** One requirement of the product's tier, with what the assessment recorded for it. */
export interface ApplicableFinding {
  readonly code: string;
  readonly result: FindingResult | null;
  readonly hasRemediation: boolean;
}

/**
 * Whether the findings allow the outcome: APPROVED needs every requirement SATISFIED or
 * NOT_APPLICABLE, APPROVED_WITH_CONDITIONS a finding for each and a remediation on every gap;
 * REJECTED is always allowed (an assessor may stop at the first showstopper).
 */
export function checkCompletion(outcome: AssessmentOutcome, findings: readonly ApplicableFinding[]): void {
  if (outcome === AssessmentOutcome.REJECTED) return;
  const missing = findings.filter((f) => f.result === null).map((f) => f.code);
  if (missing.length > 0) {
    throw BadUserInputError.field('input.assessmentId', `findings are missing for ${missing.join(', ')}`);
  }
  const gaps = findings.filter((f) => f.result !== null && GAP_RESULTS.includes(f.result));
  if (outcome === AssessmentOutcome.APPROVED && gaps.length > 0) {
    throw BadUserInputError.field(
      'input.outcome',
      `APPROVED needs every requirement SATISFIED or NOT_APPLICABLE; gaps: ${gaps.map((f) => f.code).join(', ')}`,
    );
  }
  const bare = gaps.filter((f) => !f.hasRemediation).map((f) => f.code);
  if (bare.length > 0) {
    throw BadUserInputError.field(
      'input.outcome',
      `APPROVED_WITH_CONDITIONS needs a remediation on every gap; none for ${bare.join(', ')}`,
    );
  }
}
