import countries from 'i18n-iso-countries';
import { BadUserInputError, type FieldViolation } from '../common/errors/domain-error.js';
import { DataCategory } from './dto/data-category.enum.js';

/** Limits on what one product may hold; every list that can grow is bounded. */
export const PRODUCT_LIMITS = {
  nameMin: 2,
  nameMax: 120,
  descriptionMax: 2000,
  hostingCountriesMax: 60,
  subprocessorsMax: 50,
} as const;

// ISO 3166-1 alpha-2, as maintained by i18n-iso-countries (includes XK, used by the EU for Kosovo).
const ALPHA2 = new Set(Object.keys(countries.getAlpha2Codes()));

export function isAlpha2Country(code: string): boolean {
  return ALPHA2.has(code);
}

/** Trims and collapses inner whitespace; the length rule applies to the result. */
export function normaliseName(name: string, field: string): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (clean.length < PRODUCT_LIMITS.nameMin || clean.length > PRODUCT_LIMITS.nameMax) {
    throw BadUserInputError.field(
      field,
      `must be ${PRODUCT_LIMITS.nameMin} to ${PRODUCT_LIMITS.nameMax} characters`,
    );
  }
  return clean;
}

/** Empty or blank descriptions are stored as none. */
export function normaliseDescription(description: string | null | undefined, field: string): string | null {
  const clean = description?.trim() ?? '';
  if (clean.length > PRODUCT_LIMITS.descriptionMax) {
    throw BadUserInputError.field(field, `must be at most ${PRODUCT_LIMITS.descriptionMax} characters`);
  }
  return clean === '' ? null : clean;
}

/**
 * Non-empty, deduplicated, in the enum's order (so equal sets compare equal); NO_PERSONAL_DATA
 * stands alone, since a product that processes no personal data cannot also process some.
 */
export function normaliseCategories(categories: readonly DataCategory[], field: string): DataCategory[] {
  const set = new Set(categories);
  if (set.size === 0) throw BadUserInputError.field(field, 'must name at least one data category');
  if (set.has(DataCategory.NO_PERSONAL_DATA) && set.size > 1) {
    throw BadUserInputError.field(field, 'NO_PERSONAL_DATA excludes every other category');
  }
  return Object.values(DataCategory).filter((category) => set.has(category));
}

/** Upper-cased, deduplicated in input order; every code must be an ISO 3166-1 alpha-2 code. */
export function normaliseCountries(codes: readonly string[], field: string): string[] {
  const result: string[] = [];
  const violations: FieldViolation[] = [];
  codes.forEach((raw, index) => {
    const code = raw.trim().toUpperCase();
    if (!isAlpha2Country(code)) {
      violations.push({
        field,
        message: `item ${index} ("${raw.slice(0, 10)}") is not an ISO 3166-1 alpha-2 country code`,
      });
    } else if (!result.includes(code)) {
      result.push(code);
    }
  });
  if (violations.length > 0) throw new BadUserInputError(violations);
  if (result.length > PRODUCT_LIMITS.hostingCountriesMax) {
    throw BadUserInputError.field(field, `at most ${PRODUCT_LIMITS.hostingCountriesMax} countries`);
  }
  return result;
}
