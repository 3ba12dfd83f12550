import { Tier } from '../dto/tier.enum.js';
import { CATEGORIES, checkBaselineFields, checkRequirement, prefixPath } from '../requirement.rules.js';
import { EXAMPLE_BASELINE, EXAMPLE_REQUIREMENTS, NIS2_IR } from './example-baseline.js';

/** The sections of the annex to Implementing Regulation (EU) 2024/2690. */
const ANNEX_SECTIONS = new Set([
  ...['1.1', '1.2', '2.1', '2.2', '2.3'],
  ...['3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '4.1', '4.2', '4.3', '5.1', '5.2'],
  ...[
    '6.1',
    '6.2',
    '6.3',
    '6.4',
    '6.5',
    '6.6',
    '6.7',
    '6.8',
    '6.9',
    '6.10',
    '7.1',
    '7.2',
    '8.1',
    '8.2',
    '9.1',
  ],
  ...['10.1', '10.2', '10.3', '10.4', '11.1', '11.2', '11.3', '11.4', '11.5', '11.6', '11.7'],
  ...['12.1', '12.2', '12.3', '12.4', '12.5', '13.1', '13.2', '13.3'],
]);

describe('the example baseline', () => {
  it('obeys every rule a baseline made through the API obeys', () => {
    expect(checkBaselineFields(EXAMPLE_BASELINE, prefixPath('example')).violations).toEqual([]);
    EXAMPLE_REQUIREMENTS.forEach((r, i) => {
      expect(checkRequirement(r, prefixPath(`requirements.${i}`)).violations).toEqual([]);
    });
    const codes = EXAMPLE_REQUIREMENTS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('has 25-40 requirements across the subjects the issue names', () => {
    expect(EXAMPLE_REQUIREMENTS.length).toBeGreaterThanOrEqual(25);
    expect(EXAMPLE_REQUIREMENTS.length).toBeLessThanOrEqual(40);
    const categories = new Set(EXAMPLE_REQUIREMENTS.map((r) => r.category));
    for (const category of categories) expect(CATEGORIES).toContain(category);
    expect(categories.size).toBeGreaterThanOrEqual(10);
  });

  it('maps every requirement to sections that exist in the annex', () => {
    for (const r of EXAMPLE_REQUIREMENTS) {
      const nis2 = r.mappings.filter((m) => m.framework === NIS2_IR);
      expect(nis2.length).toBeGreaterThan(0);
      for (const m of nis2) expect(ANNEX_SECTIONS.has(m.reference)).toBe(true);
    }
  });

  it('lets a tier include everything the tiers below it ask for', () => {
    for (const r of EXAMPLE_REQUIREMENTS) {
      if (r.tiers.includes(Tier.BASIC)) expect(r.tiers).toEqual([Tier.BASIC, Tier.ELEVATED, Tier.HIGH]);
      if (r.tiers.includes(Tier.ELEVATED)) expect(r.tiers).toContain(Tier.HIGH);
    }
  });
});
