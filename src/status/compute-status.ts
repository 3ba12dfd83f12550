import { AssessmentOutcome } from '../assessments/dto/assessment.enum.js';
import type { Tier } from '../baselines/dto/tier.enum.js';
import { ComplianceState } from '../products/dto/compliance-state.enum.js';
import type { StatusReason } from './status-reason.js';

export interface FindingCounts {
  readonly satisfied: number;
  readonly partiallySatisfied: number;
  readonly notSatisfied: number;
  readonly notApplicable: number;
  /** Requirements of the product's tier without a finding. */
  readonly notAssessed: number;
}

export const NO_FINDINGS: FindingCounts = {
  satisfied: 0,
  partiallySatisfied: 0,
  notSatisfied: 0,
  notApplicable: 0,
  notAssessed: 0,
};

/** Everything the shared status depends on, gathered from the read model (or, in tests, from scratch). */
export interface StatusFacts {
  readonly tier: Tier;
  /** The judged baseline: the newest published version of the product's series. */
  readonly baseline: { readonly key: string; readonly version: string } | null;
  /** The series the product was assessed in, when it has no published version any more. */
  readonly seriesKey: string | null;
  readonly suspension: { readonly at: Date; readonly reason: string } | null;
  readonly openIncidents: number;
  /** The newest completed assessment against the judged baseline. */
  readonly completed: {
    readonly outcome: AssessmentOutcome;
    readonly completedAt: Date;
    readonly validUntil: Date;
  } | null;
  /** The requested or in-progress assessment against the judged baseline. */
  readonly open: { readonly inProgress: boolean; readonly since: Date } | null;
  /** Of the completed assessment, else of the open one (its progress), else none. */
  readonly counts: FindingCounts;
  /** Open remediations of the completed assessment. */
  readonly openRemediations: readonly { readonly code: string; readonly dueDate: Date }[];
  readonly doneRemediations: number;
  /**
   * Set when `completed` is against an earlier version than the judged baseline: it counts until
   * the new version's transition ends, then the product is EXPIRED.
   */
  readonly transition?: { readonly assessedVersion: string; readonly endsAt: Date } | null;
  /** Evidence with a validUntil cited by the completed assessment's findings (of the product's tier). */
  readonly citedEvidence?: readonly {
    readonly code: string;
    readonly title: string;
    readonly validUntil: Date;
  }[];
  /**
   * The earliest validUntil of citedEvidence, when the read model gives it: the state needs only
   * this, so lists never build the cited evidence (the reasons do, when read).
   */
  readonly nextEvidenceExpiry?: Date | null;
}

export interface ComputedStatus extends FindingCounts {
  readonly state: ComplianceState;
  readonly tier: Tier;
  readonly assessedAt: Date | null;
  readonly validUntil: Date | null;
  readonly openRemediations: number;
  readonly overdueRemediations: number;
  readonly openIncidents: number;
  readonly reasons: StatusReason[];
}

/** A remediation is overdue once its due date has passed. */
export function isOverdue(dueDate: Date, now: Date): boolean {
  return dueDate.getTime() < now.getTime();
}

/** An assessment has expired once its validUntil has passed. */
export function isExpired(validUntil: Date, now: Date): boolean {
  return validUntil.getTime() < now.getTime();
}

/** The shared status without its `reasons` (computeStatusReasons): what lists and counts need. */
export type ComputedState = Omit<ComputedStatus, 'reasons'>;

function sortedRemediations(facts: StatusFacts): StatusFacts['openRemediations'] {
  return [...facts.openRemediations].sort(
    (a, b) => a.dueDate.getTime() - b.dueDate.getTime() || a.code.localeCompare(b.code),
  );
}

/**
 * The shared state of a product at `now`, from its facts. The first rule that holds decides:
 * SUSPENDED, EXPIRED, NON_COMPLIANT (rejected, or a remediation overdue), CONDITIONALLY_COMPLIANT
 * (open remediations, none overdue), COMPLIANT, IN_ASSESSMENT (nothing completed, one open),
 * NOT_ASSESSED. Time is an argument, so expiry and overdue show on read without any job;
 * statusStateSql mirrors these rules.
 */
export function computeState(facts: StatusFacts, now: Date): ComputedState {
  const { completed, open, suspension } = facts;
  const remediations = facts.openRemediations;
  const overdue = remediations.filter((r) => isOverdue(r.dueDate, now)).length;
  let state: ComplianceState;
  if (suspension) state = ComplianceState.SUSPENDED;
  else if (completed && hasExpired(facts, now)) state = ComplianceState.EXPIRED;
  else if (completed && (completed.outcome === AssessmentOutcome.REJECTED || overdue > 0))
    state = ComplianceState.NON_COMPLIANT;
  else if (completed && remediations.length > 0) state = ComplianceState.CONDITIONALLY_COMPLIANT;
  else if (completed) state = ComplianceState.COMPLIANT;
  else if (open) state = ComplianceState.IN_ASSESSMENT;
  else state = ComplianceState.NOT_ASSESSED;
  return {
    state,
    tier: facts.tier,
    assessedAt: completed?.completedAt ?? null,
    validUntil: completed?.validUntil ?? null,
    ...facts.counts,
    openRemediations: remediations.length,
    overdueRemediations: overdue,
    openIncidents: facts.openIncidents,
  };
}

/**
 * One reason per fact that decided `state` (from computeState of the same facts and time), as data;
 * reasonText (status-reason.ts) writes them in a language. Separate because most readers of a
 * long list never ask for them.
 */
export function computeStatusReasons(facts: StatusFacts, now: Date, state: ComplianceState): StatusReason[] {
  const { completed, open, suspension } = facts;
  const remediationReasons = (): StatusReason[] =>
    sortedRemediations(facts).map((r) => ({
      kind: 'REMEDIATION_DUE',
      code: r.code,
      due: r.dueDate,
      overdue: isOverdue(r.dueDate, now),
    }));
  let reasons: StatusReason[];
  switch (state) {
    case ComplianceState.SUSPENDED:
      reasons = [{ kind: 'SUSPENDED', at: suspension!.at, note: suspension!.reason }];
      break;
    case ComplianceState.EXPIRED:
      reasons = expiryReasons(facts, now);
      break;
    case ComplianceState.NON_COMPLIANT:
      reasons = [
        ...(completed!.outcome === AssessmentOutcome.REJECTED
          ? [{ kind: 'REJECTED', at: completed!.completedAt } as const]
          : []),
        ...remediationReasons(),
      ];
      break;
    case ComplianceState.CONDITIONALLY_COMPLIANT:
      reasons = remediationReasons();
      break;
    case ComplianceState.COMPLIANT:
      reasons = [
        {
          kind: 'ASSESSED',
          outcome: completed!.outcome,
          at: completed!.completedAt,
          validUntil: completed!.validUntil,
        },
      ];
      if (facts.doneRemediations > 0)
        reasons.push({ kind: 'REMEDIATIONS_DONE', count: facts.doneRemediations });
      break;
    case ComplianceState.IN_ASSESSMENT:
      reasons = [{ kind: 'IN_ASSESSMENT', since: open!.since, inProgress: open!.inProgress }];
      break;
    case ComplianceState.NOT_ASSESSED:
      reasons = [notAssessedReason(facts)];
      break;
  }
  if (facts.transition && state !== ComplianceState.EXPIRED && state !== ComplianceState.NOT_ASSESSED) {
    reasons.push(transitionReason(facts, false));
  }
  // Incidents do not decide the state (the agency suspends if it must) but every reader should see them.
  if (facts.openIncidents > 0) reasons.push({ kind: 'OPEN_INCIDENTS', count: facts.openIncidents });
  return reasons;
}

/** computeState with its reasons. */
export function computeStatus(facts: StatusFacts, now: Date): ComputedStatus {
  const state = computeState(facts, now);
  return { ...state, reasons: computeStatusReasons(facts, now, state.state) };
}

/** Whether the completed assessment no longer counts at `now` (expiryReasons, without building them). */
function hasExpired(facts: StatusFacts, now: Date): boolean {
  const { completed, transition } = facts;
  if (!completed) return false;
  if (isExpired(completed.validUntil, now)) return true;
  if (transition && isExpired(transition.endsAt, now)) return true;
  if (facts.nextEvidenceExpiry !== undefined) {
    return facts.nextEvidenceExpiry !== null && isExpired(facts.nextEvidenceExpiry, now);
  }
  return (facts.citedEvidence ?? []).some((evidence) => isExpired(evidence.validUntil, now));
}

/** Why a completed assessment no longer counts at `now`, if it does not: one reason per cause. */
export function expiryReasons(facts: StatusFacts, now: Date): StatusReason[] {
  const { completed, transition } = facts;
  if (!completed) return [];
  const reasons: StatusReason[] = [];
  if (isExpired(completed.validUntil, now))
    reasons.push({ kind: 'ASSESSMENT_EXPIRED', at: completed.validUntil });
  if (transition && isExpired(transition.endsAt, now)) reasons.push(transitionReason(facts, true));
  for (const evidence of facts.citedEvidence ?? []) {
    if (isExpired(evidence.validUntil, now)) {
      reasons.push({
        kind: 'EVIDENCE_EXPIRED',
        title: evidence.title,
        code: evidence.code,
        at: evidence.validUntil,
      });
    }
  }
  return reasons;
}

function transitionReason(facts: StatusFacts, over: boolean): StatusReason {
  const { transition, baseline } = facts;
  return {
    kind: 'TRANSITION',
    assessed: transition!.assessedVersion,
    next: baseline?.version ?? null,
    due: transition!.endsAt,
    over,
  };
}

function notAssessedReason(facts: StatusFacts): StatusReason {
  if (facts.baseline)
    return { kind: 'NOT_ASSESSED', key: facts.baseline.key, version: facts.baseline.version };
  if (facts.seriesKey) return { kind: 'NO_PUBLISHED_VERSION', series: facts.seriesKey };
  return { kind: 'NEVER_ASSESSED' };
}
