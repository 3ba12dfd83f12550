import { BadUserInputError, ConflictError } from '../common/errors/domain-error.js';
import {
  addYears,
  checkCompletion,
  checkRemediation,
  checkValidUntil,
  normaliseNote,
  requireState,
} from './assessment.rules.js';
import { AssessmentOutcome, AssessmentState, FindingResult } from './dto/assessment.enum.js';

const NOW = new Date('2026-03-01T10:00:00Z');
const { SATISFIED, PARTIALLY_SATISFIED, NOT_SATISFIED, NOT_APPLICABLE } = FindingResult;

function fieldsOf(fn: () => void): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).violations.map((v) => v.field);
  }
  throw new Error('expected a refusal');
}

describe('assessment rules', () => {
  it('allows each workflow action only in its states (CONFLICT otherwise)', () => {
    expect(() => requireState(AssessmentState.REQUESTED, 'start')).not.toThrow();
    expect(() => requireState(AssessmentState.IN_PROGRESS, 'start')).toThrow(ConflictError);
    expect(() => requireState(AssessmentState.REQUESTED, 'record')).toThrow(/not been started/);
    expect(() => requireState(AssessmentState.COMPLETED, 'record')).toThrow(/never changes/);
    expect(() => requireState(AssessmentState.COMPLETED, 'complete')).toThrow(ConflictError);
    expect(() => requireState(AssessmentState.COMPLETED, 'withdraw')).toThrow(ConflictError);
    expect(() => requireState(AssessmentState.WITHDRAWN, 'withdraw')).toThrow(/withdrawn/);
    expect(() => requireState(AssessmentState.IN_PROGRESS, 'withdraw')).not.toThrow();
  });

  it('takes validUntil in the future and at most three years ahead', () => {
    expect(fieldsOf(() => checkValidUntil(NOW, NOW))).toEqual(['input.validUntil']);
    expect(() => checkValidUntil(addYears(NOW, 3), NOW)).not.toThrow();
    expect(fieldsOf(() => checkValidUntil(new Date(addYears(NOW, 3).getTime() + 1), NOW))).toEqual([
      'input.validUntil',
    ]);
    expect(addYears(new Date('2024-02-29T00:00:00Z'), 3).toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });

  it('takes a remediation only on a gap, with a description and a due date in the future', () => {
    const later = new Date(NOW.getTime() + 1000);
    expect(checkRemediation(NOT_SATISFIED, { description: '  Patch   it ', dueDate: later }, NOW)).toEqual({
      description: 'Patch it',
      dueDate: later,
    });
    expect(checkRemediation(SATISFIED, null, NOW)).toBeNull();
    expect(
      fieldsOf(() => checkRemediation(SATISFIED, { description: 'Patch', dueDate: later }, NOW)),
    ).toEqual(['input.remediation']);
    expect(
      fieldsOf(() => checkRemediation(PARTIALLY_SATISFIED, { description: ' x ', dueDate: NOW }, NOW)),
    ).toEqual(['input.remediation.description', 'input.remediation.dueDate']);
  });

  it('treats a blank note as none', () => {
    expect(normaliseNote('  ')).toBeNull();
    expect(normaliseNote(' ok ')).toBe('ok');
  });

  describe('checkCompletion', () => {
    const f = (code: string, result: FindingResult | null, hasRemediation = false) => ({
      code,
      result,
      hasRemediation,
    });

    it('APPROVED needs a finding for each requirement, none of them a gap', () => {
      expect(() =>
        checkCompletion(AssessmentOutcome.APPROVED, [f('A-01', SATISFIED), f('B-01', NOT_APPLICABLE)]),
      ).not.toThrow();
      expect(() =>
        checkCompletion(AssessmentOutcome.APPROVED, [f('A-01', SATISFIED), f('B-01', null), f('C-01', null)]),
      ).toThrow(/missing for B-01, C-01/);
      expect(() =>
        checkCompletion(AssessmentOutcome.APPROVED, [f('A-01', PARTIALLY_SATISFIED, true)]),
      ).toThrow(/gaps: A-01/);
    });

    it('APPROVED_WITH_CONDITIONS needs a remediation on every gap', () => {
      const ok = [f('A-01', NOT_SATISFIED, true), f('B-01', SATISFIED)];
      expect(() => checkCompletion(AssessmentOutcome.APPROVED_WITH_CONDITIONS, ok)).not.toThrow();
      expect(() =>
        checkCompletion(AssessmentOutcome.APPROVED_WITH_CONDITIONS, [...ok, f('C-01', PARTIALLY_SATISFIED)]),
      ).toThrow(/none for C-01/);
    });

    it('REJECTED is always allowed', () => {
      expect(() =>
        checkCompletion(AssessmentOutcome.REJECTED, [f('A-01', null), f('B-01', NOT_SATISFIED)]),
      ).not.toThrow();
    });
  });
});
