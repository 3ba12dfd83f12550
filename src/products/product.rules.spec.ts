import { BadUserInputError } from '../common/errors/domain-error.js';
import { DataCategory } from './dto/data-category.enum.js';
import {
  isAlpha2Country,
  normaliseCategories,
  normaliseCountries,
  normaliseDescription,
  normaliseName,
} from './product.rules.js';

function fieldsOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadUserInputError) return error.extensions.fields;
    throw error;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('product rules', () => {
  it('trims names and enforces 2-120 characters', () => {
    expect(normaliseName('  Lön   och HR ', 'input.name')).toBe('Lön och HR');
    expect(fieldsOf(() => normaliseName(' a ', 'input.name'))).toEqual(['input.name']);
    expect(fieldsOf(() => normaliseName('x'.repeat(121), 'input.name'))).toEqual(['input.name']);
  });

  it('stores blank descriptions as none and caps the length', () => {
    expect(normaliseDescription('  ', 'd')).toBeNull();
    expect(normaliseDescription(undefined, 'd')).toBeNull();
    expect(normaliseDescription(' text ', 'd')).toBe('text');
    expect(fieldsOf(() => normaliseDescription('x'.repeat(2001), 'd'))).toEqual(['d']);
  });

  it('needs at least one category, deduplicates, and keeps NO_PERSONAL_DATA alone', () => {
    const { FINANCIAL, CHILDREN, NO_PERSONAL_DATA } = DataCategory;
    expect(normaliseCategories([FINANCIAL, CHILDREN, FINANCIAL], 'c')).toEqual([CHILDREN, FINANCIAL]);
    expect(normaliseCategories([NO_PERSONAL_DATA], 'c')).toEqual([NO_PERSONAL_DATA]);
    expect(fieldsOf(() => normaliseCategories([], 'input.dataCategories'))).toEqual(['input.dataCategories']);
    expect(
      fieldsOf(() => normaliseCategories([NO_PERSONAL_DATA, FINANCIAL], 'input.dataCategories')),
    ).toEqual(['input.dataCategories']);
  });

  it('upper-cases and deduplicates ISO 3166-1 alpha-2 codes', () => {
    expect(normaliseCountries(['se', 'SE', ' fi', 'DE'], 'h')).toEqual(['SE', 'FI', 'DE']);
    expect(normaliseCountries([], 'h')).toEqual([]);
  });

  it.each(['XX', 'SWE', 'EU', 'UK', '', 'S'])('refuses %p as a country code', (code) => {
    expect(isAlpha2Country(code)).toBe(false);
    expect(fieldsOf(() => normaliseCountries(['SE', code], 'input.hostingCountries'))).toEqual([
      'input.hostingCountries',
    ]);
  });
});
