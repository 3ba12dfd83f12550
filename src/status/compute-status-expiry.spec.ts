import { AssessmentOutcome } from '../assessments/dto/assessment.enum.js';
import { Tier } from '../baselines/dto/tier.enum.js';
import { ComplianceState } from '../products/dto/compliance-state.enum.js';
import {
  computeState,
  computeStatus as computeStatusData,
  NO_FINDINGS,
  type StatusFacts,
} from './compute-status.js';
import { reasonTexts } from './status-reason.js';

/** computeStatus with its reasons written as the API writes them (English). */
const computeStatus = (f: StatusFacts, now: Date) => {
  const status = computeStatusData(f, now);
  return { ...status, reasons: reasonTexts(status.reasons, 'en') };
};

/** The transition and evidence expiry rules of computeStatus. */
const NOW = new Date('2027-06-01T12:00:00Z');
const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

const approved: StatusFacts = {
  tier: Tier.BASIC,
  baseline: { key: 'ncsc', version: '2027.1' },
  seriesKey: 'ncsc',
  suspension: null,
  openIncidents: 0,
  completed: {
    outcome: AssessmentOutcome.APPROVED,
    completedAt: at('2026-05-01'),
    validUntil: at('2029-01-01'),
  },
  open: null,
  counts: NO_FINDINGS,
  openRemediations: [],
  doneRemediations: 0,
};

const inTransition = (endsAt: string): StatusFacts => ({
  ...approved,
  transition: { assessedVersion: '2026.1', endsAt: at(endsAt) },
});

describe('computeStatus: transitions', () => {
  it('keeps the state of an assessment against the previous version until the transition ends, saying so', () => {
    expect(computeStatus(inTransition('2027-12-01'), NOW)).toMatchObject({
      state: ComplianceState.COMPLIANT,
      reasons: [
        'assessment approved on 1 May 2026, valid until 1 January 2029',
        'assessed against 2026.1; reassessment against 2027.1 due by 1 December 2027',
      ],
    });
  });

  it('is EXPIRED once the transition has ended, but suspension still comes first', () => {
    expect(computeStatus(inTransition('2027-05-01'), NOW)).toMatchObject({
      state: ComplianceState.EXPIRED,
      reasons: ['assessed against 2026.1; reassessment against 2027.1 was due by 1 May 2027'],
    });
    const suspended = {
      ...inTransition('2027-05-01'),
      suspension: { at: at('2027-05-20'), reason: 'Breach' },
    };
    expect(computeState(suspended, NOW).state).toBe(ComplianceState.SUSPENDED);
  });
});

describe('computeStatus: cited evidence', () => {
  const cited = (until: string) => ({
    ...approved,
    citedEvidence: [
      { code: 'IAM-01', title: 'SOC 2', validUntil: at(until) },
      { code: 'LOG-01', title: 'Log policy', validUntil: at('2030-01-01') },
    ],
  });

  it('is EXPIRED while evidence cited by the current assessment is past its validUntil, naming it and the requirement', () => {
    expect(computeStatus(cited('2027-05-31'), NOW)).toMatchObject({
      state: ComplianceState.EXPIRED,
      reasons: ['evidence "SOC 2" cited for IAM-01 expired 31 May 2027'],
    });
    expect(computeState(cited('2027-06-02'), NOW).state).toBe(ComplianceState.COMPLIANT);
  });

  it('does not count evidence without a completed assessment', () => {
    const open = {
      ...cited('2027-05-31'),
      completed: null,
      open: { inProgress: true, since: at('2027-05-01') },
    };
    expect(computeState(open, NOW).state).toBe(ComplianceState.IN_ASSESSMENT);
  });
});
