import { BadUserInputError } from '../common/errors/domain-error.js';
import { DataCategory } from '../products/dto/data-category.enum.js';
import { checkReport, checkSummary, uniqueCategories } from './incident.rules.js';

const now = new Date('2026-10-05T12:00:00Z');
const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadUserInputError) return error.violations.map((v) => v.field);
    throw error;
  }
  return [];
};

describe('checkReport', () => {
  const valid = {
    title: '  Ransomware   at payroll ',
    description: ' Encrypted file servers. ',
    detectedAt: now,
  };

  it('normalises the texts', () => {
    expect(checkReport(valid, now)).toEqual({
      title: 'Ransomware at payroll',
      description: 'Encrypted file servers.',
    });
  });

  it('refuses a detection time in the future (beyond a few minutes of clock skew)', () => {
    expect(
      fieldsOf(() => checkReport({ ...valid, detectedAt: new Date(now.getTime() + 60_000) }, now)),
    ).toEqual([]);
    expect(
      fieldsOf(() => checkReport({ ...valid, detectedAt: new Date('2026-10-06T12:00:00Z') }, now)),
    ).toEqual(['input.detectedAt']);
  });

  it('refuses personal identity numbers in the title and description, naming each field', () => {
    const fields = fieldsOf(() =>
      checkReport({ ...valid, title: 'Leak of 19640823-3234', description: 'pnr 6408233234 exposed' }, now),
    );
    expect(fields).toEqual(['input.title', 'input.description']);
  });

  it('refuses blank texts', () => {
    expect(fieldsOf(() => checkReport({ ...valid, title: ' x ', description: '   ' }, now))).toEqual([
      'input.title',
      'input.description',
    ]);
  });
});

describe('checkSummary / uniqueCategories', () => {
  it('scans the resolution summary too', () => {
    expect(fieldsOf(() => checkSummary('Notified 640823-3234', 'summary'))).toEqual(['summary']);
    expect(checkSummary(' Patched. ', 'summary')).toBe('Patched.');
  });

  it('drops duplicate categories', () => {
    const { CHILDREN, FINANCIAL } = DataCategory;
    expect(uniqueCategories([CHILDREN, FINANCIAL, CHILDREN])).toEqual([CHILDREN, FINANCIAL]);
  });
});
