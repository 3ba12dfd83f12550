import { type RequirementRow, toRequirement } from '../baselines/baseline.mapper.js';
import { MappingRelationship } from '../baselines/dto/mapping-relationship.enum.js';
import { Tier } from '../baselines/dto/tier.enum.js';
import {
  findingFromTuple,
  type FindingRow,
  type FindingTuple,
  toFinding,
  toRemediation,
} from './assessment.mapper.js';
import { FindingResult, RemediationState } from './dto/assessment.enum.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');

const requirementRow: RequirementRow = {
  id: '00000000-0000-4000-8000-000000000001',
  baseline_id: '00000000-0000-4000-8000-0000000000b1',
  code: 'IAM-01',
  title: 'Multi-factor authentication',
  statement: 'Administrators sign in with two factors.',
  guidance: 'Hardware keys preferred.',
  category: 'Identity and access',
  tiers: [Tier.ELEVATED, Tier.HIGH],
  evidence_expected: 'A policy and a screenshot.',
  mappings: [
    { framework: 'ISO-27001-2022', reference: '5.17', relationship: MappingRelationship.EQUIVALENT },
  ],
};

interface Case {
  name: string;
  result: FindingResult;
  note: string | null;
  recordedAt: string;
  remediation: { due: string; state: RemediationState; completedAt: string | null } | null;
}

const cases: Case[] = [
  {
    name: 'without a remediation',
    result: FindingResult.SATISFIED,
    note: null,
    recordedAt: '2026-05-01T08:30:00.123Z',
    remediation: null,
  },
  {
    name: 'with an open remediation not yet due',
    result: FindingResult.NOT_SATISFIED,
    note: 'No MFA on the VPN',
    recordedAt: '2026-05-02T00:00:00.000Z',
    remediation: { due: '2026-06-01T12:00:00.001Z', state: RemediationState.OPEN, completedAt: null },
  },
  {
    name: 'with an open remediation past its due date',
    result: FindingResult.PARTIALLY_SATISFIED,
    note: '',
    recordedAt: '2026-05-03T23:59:59.999Z',
    remediation: { due: '2026-06-01T11:59:59.999Z', state: RemediationState.OPEN, completedAt: null },
  },
  {
    name: 'with a remediation done after its due date',
    result: FindingResult.NOT_SATISFIED,
    note: 'fixed late',
    recordedAt: '2026-05-04T10:00:00.000Z',
    remediation: {
      due: '2026-05-20T00:00:00.000Z',
      state: RemediationState.DONE,
      completedAt: '2026-05-25T09:15:00.500Z',
    },
  },
];

const FINDING = '00000000-0000-4000-8000-00000000000f';
const REMEDIATION = '00000000-0000-4000-8000-00000000000e';
const ASSESSMENT = '00000000-0000-4000-8000-00000000000a';
const date = (iso: string | null | undefined) => (iso == null ? null : new Date(iso));

describe('findingFromTuple', () => {
  it.each(cases)('builds the same Finding as the flat row does, but the remediation, $name', (c) => {
    const row: FindingRow = {
      ...requirementRow,
      f_id: FINDING,
      f_assessment_id: ASSESSMENT,
      f_result: c.result,
      f_note: c.note,
      f_recorded_at: new Date(c.recordedAt),
      m_id: c.remediation ? REMEDIATION : null,
      m_finding_id: c.remediation ? FINDING : null,
      m_description: c.remediation ? 'Turn it on' : null,
      m_due_date: date(c.remediation?.due),
      m_state: c.remediation?.state ?? null,
      m_completed_at: date(c.remediation?.completedAt),
    };
    const tuple: FindingTuple = [FINDING, requirementRow.code, c.result, c.note, Date.parse(c.recordedAt)];
    const requirement = toRequirement(requirementRow);
    const fromTuple = findingFromTuple(tuple, ASSESSMENT, requirement);
    const fromRow = toFinding(row, NOW);
    expect(fromTuple).toEqual({ ...fromRow, alongside: undefined });
    expect(fromTuple.requirement).toBe(requirement);
    expect(fromTuple.recordedAt).toBeInstanceOf(Date);
    // The flat row carries the remediation, for priming Finding.remediation's loader; lists do not.
    expect(fromRow.alongside).toEqual({ remediation: toRemediation(row, NOW) });
    expect(fromTuple.alongside).toBeUndefined();
  });
});

describe('toRemediation', () => {
  it('is overdue only while open and strictly past the due date', () => {
    const at = (due: string, state: RemediationState) =>
      toRemediation(
        {
          m_id: REMEDIATION,
          m_finding_id: FINDING,
          m_description: 'x',
          m_due_date: new Date(due),
          m_state: state,
          m_completed_at: null,
        },
        NOW,
      )?.overdue;
    expect(at('2026-06-01T11:59:59.999Z', RemediationState.OPEN)).toBe(true);
    expect(at('2026-06-01T12:00:00.000Z', RemediationState.OPEN)).toBe(false);
    expect(at('2026-05-01T00:00:00.000Z', RemediationState.DONE)).toBe(false);
  });
});
