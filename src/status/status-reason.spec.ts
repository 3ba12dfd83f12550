import { AssessmentOutcome } from '../assessments/dto/assessment.enum.js';
import { reasonText, type StatusReason } from './status-reason.js';

/** 1 December 2026, 14:05 in Stockholm; 00:30 on 2 December in Stockholm is still 1 December in UTC. */
const at = new Date('2026-12-01T13:05:00Z');
const lateEvening = new Date('2026-12-01T23:30:00Z');

describe('status reasons in words', () => {
  const cases: [StatusReason, string, string][] = [
    [
      { kind: 'REMEDIATION_DUE', code: 'IAM-03', due: at, overdue: true },
      'remediation for IAM-03 overdue since 1 December 2026',
      'åtgärden för IAM-03 är försenad sedan 1 december 2026',
    ],
    [
      { kind: 'REMEDIATION_DUE', code: 'LOG-01', due: at, overdue: false },
      'remediation for LOG-01 due 1 December 2026',
      'åtgärden för LOG-01 ska vara klar senast 1 december 2026',
    ],
    [
      { kind: 'SUSPENDED', at, note: 'ransomware incident' },
      'suspended by the agency on 1 December 2026: ransomware incident',
      'avstängd av myndigheten den 1 december 2026: ransomware incident',
    ],
    [
      { kind: 'ASSESSED', outcome: AssessmentOutcome.APPROVED, at, validUntil: lateEvening },
      'assessment approved on 1 December 2026, valid until 2 December 2026',
      'granskningen godkänd den 1 december 2026, giltig till 2 december 2026',
    ],
    [
      { kind: 'TRANSITION', assessed: '2026.1', next: '2027.1', due: at, over: false },
      'assessed against 2026.1; reassessment against 2027.1 due by 1 December 2026',
      'granskad mot 2026.1; ny granskning mot 2027.1 senast 1 december 2026',
    ],
    [
      { kind: 'REMEDIATIONS_DONE', count: 1 },
      '1 remediation completed by the supplier',
      '1 åtgärd genomförd av leverantören',
    ],
    [
      { kind: 'OPEN_INCIDENTS', count: 2 },
      '2 open incidents reported by the supplier',
      '2 öppna incidenter rapporterade av leverantören',
    ],
  ];

  it.each(cases)('writes %j in English and Swedish, dates in Stockholm time', (reason, en, sv) => {
    expect(reasonText(reason, 'en')).toBe(en);
    expect(reasonText(reason, 'sv')).toBe(sv);
  });
});
