import { BadUserInputError, type FieldViolation } from '../common/errors/domain-error.js';
import { assessPins, describeFinding } from './pin-detector.js';
import { fileNameProblem } from './upload/file-kinds.js';

export const EVIDENCE_LIMITS = {
  titleMin: 2,
  titleMax: 200,
  descriptionMax: 2000,
  requirementsMax: 50,
  fileNameMax: 200,
  /** How long an upload URL is valid. */
  uploadTtlMs: 15 * 60_000,
  /** How long a download URL is valid. */
  downloadTtlMs: 5 * 60_000,
} as const;

/** Free text the registry keeps must hold no personal identity numbers: a violation naming the field. */
export function pinViolation(field: string, text: string | null | undefined): FieldViolation | null {
  if (!text) return null;
  const finding = assessPins(text);
  return finding ? { field, message: describeFinding(finding, field) } : null;
}

/**
 * Unicode format characters (category Cf: bidirectional overrides that show "gpj.exe" as
 * "exe.jpg", zero-width spaces and joiners, soft hyphens) make a name read differently from what
 * it is; titles and file names refuse them.
 */
export const INVISIBLE = /\p{Cf}/u;
export const INVISIBLE_MESSAGE =
  'must not contain invisible formatting characters (bidirectional overrides, zero-width characters)';

export interface EvidenceText {
  readonly title: string;
  readonly description: string | null;
  readonly fileName: string;
}

/** Normalises and checks the texts of createEvidence; every problem at once, by field. */
export function checkEvidenceText(input: {
  title: string;
  description?: string | null;
  fileName: string;
  validFrom?: Date | null;
  validUntil?: Date | null;
}): EvidenceText {
  const title = input.title.trim().replace(/\s+/g, ' ');
  const description = input.description?.trim() || null;
  const fileName = input.fileName.trim().normalize('NFC');
  const violations: FieldViolation[] = [];
  if (title.length < EVIDENCE_LIMITS.titleMin) {
    violations.push({
      field: 'input.title',
      message: `must be ${EVIDENCE_LIMITS.titleMin} to ${EVIDENCE_LIMITS.titleMax} characters`,
    });
  }
  if (INVISIBLE.test(input.title)) violations.push({ field: 'input.title', message: INVISIBLE_MESSAGE });
  const nameProblem = fileNameProblem(fileName);
  if (nameProblem) violations.push({ field: 'input.fileName', message: nameProblem });
  if (input.validFrom && input.validUntil && input.validFrom > input.validUntil) {
    violations.push({ field: 'input.validUntil', message: 'must not be before validFrom' });
  }
  for (const v of [
    pinViolation('input.title', title),
    pinViolation('input.description', description),
    pinViolation('input.fileName', fileName),
  ]) {
    if (v) violations.push(v);
  }
  if (violations.length > 0) throw new BadUserInputError(violations);
  return { title, description, fileName };
}
