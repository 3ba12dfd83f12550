import { registerEnumType } from '@nestjs/graphql';

export enum AssessmentState {
  REQUESTED = 'REQUESTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum FindingResult {
  SATISFIED = 'SATISFIED',
  PARTIALLY_SATISFIED = 'PARTIALLY_SATISFIED',
  NOT_SATISFIED = 'NOT_SATISFIED',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

export enum AssessmentOutcome {
  APPROVED = 'APPROVED',
  APPROVED_WITH_CONDITIONS = 'APPROVED_WITH_CONDITIONS',
  REJECTED = 'REJECTED',
}

/** How much of a reassessment the assessor does (requestAssessment's scope). */
export enum AssessmentScope {
  FULL = 'FULL',
  DELTA = 'DELTA',
}

export enum RemediationState {
  OPEN = 'OPEN',
  DONE = 'DONE',
}

/** REQUESTED and IN_PROGRESS: at most one per product and baseline (uq_assessment_open). */
export const OPEN_STATES: readonly AssessmentState[] = [
  AssessmentState.REQUESTED,
  AssessmentState.IN_PROGRESS,
];

/** Results that are gaps: they may (and for a conditional approval must) carry a remediation. */
export const GAP_RESULTS: readonly FindingResult[] = [
  FindingResult.PARTIALLY_SATISFIED,
  FindingResult.NOT_SATISFIED,
];

registerEnumType(AssessmentState, {
  name: 'AssessmentState',
  description: 'Where an assessment is in its life.',
  valuesMap: {
    REQUESTED: { description: 'Requested by the supplier, waiting for an assessor.' },
    IN_PROGRESS: { description: 'Taken by an assessment body, which records findings.' },
    COMPLETED: { description: 'Closed with an outcome; findings may only be confirmed.' },
    WITHDRAWN: { description: 'Withdrawn by the supplier or the agency before completion.' },
  },
});
registerEnumType(FindingResult, {
  name: 'FindingResult',
  description: 'How well a product meets one requirement.',
  valuesMap: {
    SATISFIED: { description: 'The requirement is met in full.' },
    PARTIALLY_SATISFIED: { description: 'Met in part: a gap, which may carry a remediation.' },
    NOT_SATISFIED: { description: 'Not met: a gap, which may carry a remediation.' },
    NOT_APPLICABLE: { description: 'The requirement does not apply to this product.' },
  },
});
registerEnumType(AssessmentOutcome, {
  name: 'AssessmentOutcome',
  description: 'The decision that closes an assessment.',
  valuesMap: {
    APPROVED: { description: 'The product meets the baseline.' },
    APPROVED_WITH_CONDITIONS: { description: 'Approved provided every gap is remediated by its due date.' },
    REJECTED: { description: 'The product does not meet the baseline.' },
  },
});
registerEnumType(RemediationState, {
  name: 'RemediationState',
  description: 'Whether a remediation is still to be done.',
  valuesMap: {
    OPEN: { description: 'Not done yet.' },
    DONE: { description: 'Marked done by the supplier.' },
  },
});
registerEnumType(AssessmentScope, {
  name: 'AssessmentScope',
  description: 'How much of the baseline a requested assessment covers.',
  valuesMap: {
    FULL: { description: "Every requirement of the product's tier is assessed from scratch." },
    DELTA: {
      description:
        'Findings of requirements unchanged since the previous version are carried over; only added and changed ones are assessed.',
    },
  },
});
