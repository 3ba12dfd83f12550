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
  valuesMap: { REQUESTED: { description: 'Requested by the supplier, waiting for an assessor.' } },
});
registerEnumType(FindingResult, { name: 'FindingResult' });
registerEnumType(AssessmentOutcome, { name: 'AssessmentOutcome' });
registerEnumType(RemediationState, { name: 'RemediationState' });
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
