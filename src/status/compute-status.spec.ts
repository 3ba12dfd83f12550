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

const NOW = new Date('2026-06-01T12:00:00Z');
const at = (iso: string) => new Date(`${iso}T00:00:00Z`);

const base: StatusFacts = {
  tier: Tier.BASIC,
  baseline: { key: 'ncsc', version: '2026.1' },
  seriesKey: 'ncsc',
  suspension: null,
  openIncidents: 0,
  completed: null,
  open: null,
  counts: NO_FINDINGS,
  openRemediations: [],
  doneRemediations: 0,
};

const approved = (outcome = AssessmentOutcome.APPROVED, validUntil = '2028-01-01') => ({
  outcome,
  completedAt: at('2026-05-01'),
  validUntil: at(validUntil),
});

const facts = (overrides: Partial<StatusFacts>): StatusFacts => ({ ...base, ...overrides });

describe('computeStatus', () => {
  it('NOT_ASSESSED without assessments, naming the baseline or saying there is none', () => {
    expect(computeStatus(facts({ counts: { ...NO_FINDINGS, notAssessed: 7 } }), NOW)).toMatchObject({
      state: ComplianceState.NOT_ASSESSED,
      notAssessed: 7,
      reasons: ['no completed assessment against ncsc 2026.1'],
    });
    expect(computeStatus(facts({ baseline: null, seriesKey: null }), NOW).reasons).toEqual([
      'never assessed',
    ]);
    expect(computeStatus(facts({ baseline: null }), NOW).reasons).toEqual([
      'baseline ncsc has no published version',
    ]);
  });

  it('IN_ASSESSMENT while one is requested or in progress and nothing is completed', () => {
    const requested = computeStatus(facts({ open: { inProgress: false, since: at('2026-05-20') } }), NOW);
    expect(requested).toMatchObject({
      state: ComplianceState.IN_ASSESSMENT,
      reasons: ['assessment requested 20 May 2026'],
    });
    const started = computeStatus(facts({ open: { inProgress: true, since: at('2026-05-21') } }), NOW);
    expect(started.reasons).toEqual(['assessment in progress since 21 May 2026']);
  });

  it('COMPLIANT after an approval, with its dates, also while a reassessment is open', () => {
    const status = computeStatus(
      facts({
        completed: approved(),
        open: { inProgress: false, since: at('2026-05-30') },
        counts: { ...NO_FINDINGS, satisfied: 3 },
      }),
      NOW,
    );
    expect(status).toMatchObject({
      state: ComplianceState.COMPLIANT,
      assessedAt: at('2026-05-01'),
      validUntil: at('2028-01-01'),
      satisfied: 3,
      reasons: ['assessment approved on 1 May 2026, valid until 1 January 2028'],
    });
  });

  it('CONDITIONALLY_COMPLIANT while every open remediation is still due, one reason each', () => {
    const status = computeStatus(
      facts({
        completed: approved(AssessmentOutcome.APPROVED_WITH_CONDITIONS),
        openRemediations: [
          { code: 'RET-01', dueDate: at('2027-02-26') },
          { code: 'IAM-03', dueDate: at('2026-09-01') },
        ],
      }),
      NOW,
    );
    expect(status).toMatchObject({
      state: ComplianceState.CONDITIONALLY_COMPLIANT,
      openRemediations: 2,
      overdueRemediations: 0,
      reasons: ['remediation for IAM-03 due 1 September 2026', 'remediation for RET-01 due 26 February 2027'],
    });
  });

  it('COMPLIANT again once every remediation is done', () => {
    const status = computeStatus(
      facts({ completed: approved(AssessmentOutcome.APPROVED_WITH_CONDITIONS), doneRemediations: 2 }),
      NOW,
    );
    expect(status.state).toBe(ComplianceState.COMPLIANT);
    expect(status.reasons[1]).toBe('2 remediations completed by the supplier');
  });

  it('NON_COMPLIANT when rejected, or as soon as a remediation is overdue (time passed, nothing written)', () => {
    expect(computeStatus(facts({ completed: approved(AssessmentOutcome.REJECTED) }), NOW)).toMatchObject({
      state: ComplianceState.NON_COMPLIANT,
      reasons: ['assessment rejected on 1 May 2026'],
    });
    const conditional = facts({
      completed: approved(AssessmentOutcome.APPROVED_WITH_CONDITIONS),
      openRemediations: [{ code: 'RET-01', dueDate: at('2026-07-01') }],
    });
    expect(computeStatus(conditional, NOW).state).toBe(ComplianceState.CONDITIONALLY_COMPLIANT);
    expect(computeStatus(conditional, at('2026-07-02'))).toMatchObject({
      state: ComplianceState.NON_COMPLIANT,
      overdueRemediations: 1,
      reasons: ['remediation for RET-01 overdue since 1 July 2026'],
    });
  });

  it('EXPIRED once validUntil has passed, before the other rules', () => {
    const rejectedAndOld = facts({ completed: approved(AssessmentOutcome.REJECTED, '2026-05-15') });
    expect(computeStatus(rejectedAndOld, NOW)).toMatchObject({
      state: ComplianceState.EXPIRED,
      reasons: ['assessment expired 15 May 2026'],
    });
    // Exactly at validUntil it is still valid.
    expect(
      computeStatus(
        facts({ completed: approved(AssessmentOutcome.APPROVED, '2026-06-01') }),
        at('2026-06-01'),
      ).state,
    ).toBe(ComplianceState.COMPLIANT);
  });

  it('SUSPENDED above everything, with the reason, keeping the counts', () => {
    const status = computeStatus(
      facts({
        suspension: { at: at('2026-05-31'), reason: 'ransomware incident under investigation' },
        completed: approved(AssessmentOutcome.REJECTED, '2026-01-01'),
        counts: { ...NO_FINDINGS, notSatisfied: 2 },
        openIncidents: 1,
      }),
      NOW,
    );
    expect(status).toMatchObject({
      state: ComplianceState.SUSPENDED,
      notSatisfied: 2,
      openIncidents: 1,
      reasons: [
        'suspended by the agency on 31 May 2026: ransomware incident under investigation',
        '1 open incident reported by the supplier',
      ],
    });
  });

  it('names open incidents as a reason without changing the state', () => {
    const status = computeStatus(facts({ completed: approved(), openIncidents: 2 }), NOW);
    expect(status.state).toBe(ComplianceState.COMPLIANT);
    expect(status.reasons).toContain('2 open incidents reported by the supplier');
  });

  it('computeState decides exactly what computeStatus does, without the reasons', () => {
    const due = (code: string, iso: string) => ({ code, dueDate: at(iso) });
    const cases: StatusFacts[] = [
      base,
      facts({ baseline: null, seriesKey: null }),
      facts({ open: { inProgress: true, since: at('2026-05-01') } }),
      facts({ completed: approved() }),
      facts({ completed: approved(AssessmentOutcome.REJECTED) }),
      facts({ completed: approved(AssessmentOutcome.APPROVED, '2026-01-01') }),
      facts({
        completed: approved(),
        openRemediations: [due('B-1', '2026-07-01'), due('A-1', '2026-05-01')],
      }),
      facts({ completed: approved(), openRemediations: [due('A-1', '2026-09-01')] }),
      facts({ suspension: { at: at('2026-05-20'), reason: 'breach' }, completed: approved() }),
    ];
    for (const c of cases) {
      const { reasons, ...state } = computeStatus(c, NOW);
      expect(computeState(c, NOW)).toEqual(state);
      expect(reasons.length).toBeGreaterThan(0);
    }
  });
});
