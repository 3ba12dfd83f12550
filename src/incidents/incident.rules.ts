import { BadUserInputError, type FieldViolation } from '../common/errors/domain-error.js';
import { pinViolation } from '../evidence/evidence.rules.js';
import type { DataCategory } from '../products/dto/data-category.enum.js';

export const INCIDENT_LIMITS = {
  titleMin: 2,
  titleMax: 200,
  descriptionMax: 4000,
  summaryMax: 2000,
  productsMax: 50,
  /** Clock skew tolerated between the supplier's systems and the registry. */
  detectedAtSkewMs: 5 * 60_000,
} as const;

/** Earliest plausible detection time; older values are typing errors. */
const DETECTED_AT_MIN = Date.UTC(2000, 0, 1);

export interface IncidentText {
  readonly title: string;
  readonly description: string;
}

function lengthViolation(field: string, text: string, min: number, max: number): FieldViolation | null {
  if (text.length >= min && text.length <= max) return null;
  return {
    field,
    message: min > 1 ? `must be ${min} to ${max} characters` : `must be 1 to ${max} characters`,
  };
}

/** Trimmed text that must not be blank, too long, or hold personal identity numbers. */
export function textViolations(field: string, text: string, min: number, max: number): FieldViolation[] {
  return [lengthViolation(field, text, min, max), pinViolation(field, text)].filter(
    (v): v is FieldViolation => v !== null,
  );
}

export function checkDescription(description: string, field: string): string {
  const clean = description.trim();
  const violations = textViolations(field, clean, 1, INCIDENT_LIMITS.descriptionMax);
  if (violations.length > 0) throw new BadUserInputError(violations);
  return clean;
}

export function checkSummary(summary: string, field: string): string {
  const clean = summary.trim();
  const violations = textViolations(field, clean, 1, INCIDENT_LIMITS.summaryMax);
  if (violations.length > 0) throw new BadUserInputError(violations);
  return clean;
}

/** Checks the texts and detection time of reportIncident; every problem at once, by field. */
export function checkReport(
  input: { title: string; description: string; detectedAt: Date },
  now: Date,
): IncidentText {
  const title = input.title.trim().replace(/\s+/g, ' ');
  const description = input.description.trim();
  const violations = [
    ...textViolations('input.title', title, INCIDENT_LIMITS.titleMin, INCIDENT_LIMITS.titleMax),
    ...textViolations('input.description', description, 1, INCIDENT_LIMITS.descriptionMax),
  ];
  const detected = input.detectedAt.getTime();
  if (Number.isNaN(detected) || detected < DETECTED_AT_MIN) {
    violations.push({ field: 'input.detectedAt', message: 'must be a time after 2000-01-01' });
  } else if (detected > now.getTime() + INCIDENT_LIMITS.detectedAtSkewMs) {
    violations.push({ field: 'input.detectedAt', message: 'must not be in the future' });
  }
  if (violations.length > 0) throw new BadUserInputError(violations);
  return { title, description };
}

/** Duplicates removed, first occurrence kept. */
export function uniqueCategories(categories: readonly DataCategory[]): DataCategory[] {
  return [...new Set(categories)];
}
