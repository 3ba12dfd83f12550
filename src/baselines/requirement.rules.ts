import type { FieldViolation } from '../common/errors/domain-error.js';
import { MappingRelationship } from './dto/mapping-relationship.enum.js';
import { MAX_MAPPINGS } from './dto/requirement.input.js';
import { Tier, TIER_RANK } from './dto/tier.enum.js';
import type { RawRequirement, RequirementContent } from './requirement-content.js';

/*
 * The content rules of baselines and requirements, as pure functions: the GraphQL mutations, the
 * OSCAL import and the example baseline all go through them. Each returns every violation it finds,
 * named by a path the caller chooses (`input.requirements.2.code`, or a JSON pointer for imports).
 */

export const CODE_PATTERN = /^[A-Z]{2,5}-\d{2,3}$/;
/**
 * Codes of requirements imported from OSCAL: whatever label the catalog gives (AC-2(1), 1.1.1), up
 * to 40 printable characters without leading or trailing space. Never refused for its shape.
 */
export const IMPORTED_CODE_PATTERN =
  // eslint-disable-next-line no-control-regex
  /^[^\s\u0000-\u001f\u007f](?:[^\u0000-\u001f\u007f]{0,38}[^\s\u0000-\u001f\u007f])?$/;
export const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const VERSION_PATTERN = /^[0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*$/;
export const FRAMEWORK_PATTERN = /^[A-Z][A-Z0-9]*(?:[.-][A-Z0-9]+)*$/;
export const REFERENCE_PATTERN = /^[A-Za-z0-9(][A-Za-z0-9 .()/:_-]*$/;

export const LIMITS = {
  key: [3, 64],
  version: [1, 40],
  baselineTitle: [3, 200],
  description: 4000,
  title: [3, 200],
  statement: 4000,
  guidance: 8000,
  evidenceExpected: 4000,
  category: 60,
  framework: 40,
  reference: 40,
} as const;

/** Wider limits for requirements imported from OSCAL catalogs (SP 800-53 prose is long). */
export const IMPORTED_LIMITS = { statement: 20000, guidance: 20000, category: 200 } as const;

/**
 * The documented categories. Free text up to 60 characters is accepted too; a category that
 * matches one of these ignoring case is stored in this spelling, so filters and OSCAL groups agree.
 */
export const CATEGORIES = [
  'Governance',
  'Identity and access',
  'Cryptography',
  'Logging and monitoring',
  'Incident handling',
  'Suppliers and sub-processors',
  'Data retention and deletion',
  'Backup and recovery',
  'Vulnerability handling',
  'Secure development',
  'Personnel security',
  'Physical security',
] as const;

export type FieldPath = (field: string) => string;

export const prefixPath =
  (prefix: string): FieldPath =>
  (field) =>
    !field ? prefix : prefix ? `${prefix}.${field}` : field;

// Control characters other than tab and newlines have no place in prose.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Checks trimmed text; returns the text (null for absent optional text) or a reason. */
export function checkText(
  value: unknown,
  { min = 1, max, optional = false }: { min?: number; max: number; optional?: boolean },
): { ok: true; value: string | null } | { ok: false; reason: string } {
  if (value === undefined || value === null || (optional && typeof value === 'string' && !value.trim())) {
    return optional ? { ok: true, value: null } : { ok: false, reason: 'is required' };
  }
  if (typeof value !== 'string') return { ok: false, reason: 'must be a string' };
  const text = value.trim();
  if (text.length < min || text.length > max) {
    return {
      ok: false,
      reason: min > 1 ? `must be ${min} to ${max} characters` : `must be 1 to ${max} characters`,
    };
  }
  if (CONTROL.test(text)) return { ok: false, reason: 'must not contain control characters' };
  return { ok: true, value: text };
}

export function canonicalCategory(category: string): string {
  const known = CATEGORIES.find((c) => c.toLowerCase() === category.toLowerCase());
  return known ?? category;
}

/** Deduplicated and in rank order, so equal sets compare equal. */
export function sortTiers(tiers: Iterable<Tier>): Tier[] {
  return [...new Set(tiers)].sort((a, b) => TIER_RANK[a] - TIER_RANK[b]);
}

function checkTiers(value: unknown, at: FieldPath, out: FieldViolation[]): Tier[] {
  if (!Array.isArray(value) || value.length === 0) {
    out.push({ field: at('tiers'), message: 'must name at least one tier (BASIC, ELEVATED, HIGH)' });
    return [];
  }
  const bad = value.findIndex((t) => !Object.values(Tier).includes(t as Tier));
  if (bad >= 0) {
    out.push({ field: at(`tiers.${bad}`), message: 'must be BASIC, ELEVATED or HIGH' });
    return [];
  }
  return sortTiers(value as Tier[]);
}

function checkMappings(value: unknown, at: FieldPath, out: FieldViolation[]): RequirementContent['mappings'] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    out.push({ field: at('mappings'), message: 'must be a list' });
    return [];
  }
  if (value.length > MAX_MAPPINGS) {
    out.push({ field: at('mappings'), message: `must hold at most ${MAX_MAPPINGS} mappings` });
    return [];
  }
  const seen = new Set<string>();
  const result: RequirementContent['mappings'] = [];
  value.forEach((raw: Record<string, unknown> | null, i) => {
    const path = `mappings.${i}`;
    const framework = typeof raw?.framework === 'string' ? raw.framework.trim() : '';
    const reference = typeof raw?.reference === 'string' ? raw.reference.trim() : '';
    const relationship = raw?.relationship as MappingRelationship;
    let valid = true;
    if (framework.length < 2 || framework.length > LIMITS.framework || !FRAMEWORK_PATTERN.test(framework)) {
      out.push({
        field: at(`${path}.framework`),
        message: `must be 2-${LIMITS.framework} upper-case letters and digits joined by hyphens or dots, e.g. NIS2-IR-2024-2690`,
      });
      valid = false;
    }
    if (!reference || reference.length > LIMITS.reference || !REFERENCE_PATTERN.test(reference)) {
      out.push({
        field: at(`${path}.reference`),
        message: `must be 1-${LIMITS.reference} characters of letters, digits, spaces and . ( ) / : _ -`,
      });
      valid = false;
    }
    if (!Object.values(MappingRelationship).includes(relationship)) {
      out.push({
        field: at(`${path}.relationship`),
        message: 'must be EQUIVALENT, SUBSET_OF, SUPERSET_OF or INTERSECTS',
      });
      valid = false;
    }
    if (!valid) return;
    const identity = `${framework} ${reference}`;
    if (seen.has(identity)) {
      out.push({ field: at(path), message: `maps ${framework} ${reference} a second time` });
      return;
    }
    seen.add(identity);
    result.push({ framework, reference, relationship });
  });
  return result;
}

type TextField = 'title' | 'statement' | 'guidance' | 'category' | 'evidenceExpected';

const TEXT_RULES: Record<TextField, { min?: number; max: number; optional?: boolean }> = {
  title: { min: LIMITS.title[0], max: LIMITS.title[1] },
  statement: { max: LIMITS.statement },
  guidance: { max: LIMITS.guidance, optional: true },
  category: { max: LIMITS.category },
  evidenceExpected: { max: LIMITS.evidenceExpected, optional: true },
};

function text(
  field: TextField,
  value: unknown,
  at: FieldPath,
  out: FieldViolation[],
  imported = false,
): string | null {
  const wider = imported ? (IMPORTED_LIMITS as Partial<Record<TextField, number>>)[field] : undefined;
  const check = checkText(value, wider ? { ...TEXT_RULES[field], max: wider } : TEXT_RULES[field]);
  if (!check.ok) {
    out.push({ field: at(field), message: check.reason });
    return null;
  }
  return field === 'category' && check.value ? canonicalCategory(check.value) : check.value;
}

export function checkCode(value: unknown, imported = false): string | null {
  if (imported) {
    return typeof value === 'string' && IMPORTED_CODE_PATTERN.test(value)
      ? null
      : 'must be 1 to 40 printable characters';
  }
  return typeof value === 'string' && CODE_PATTERN.test(value)
    ? null
    : 'must look like IAM-03: 2-5 capitals, a hyphen, 2-3 digits';
}

/** Every rule of one whole requirement; `content` is set only when there are no violations. */
export function checkRequirement(
  raw: RawRequirement,
  at: FieldPath,
): { violations: FieldViolation[]; content?: RequirementContent } {
  const out: FieldViolation[] = [];
  // Imported requirements keep the catalog's label as code and its long prose.
  const imported = raw.origin !== undefined;
  const codeProblem = checkCode(raw.code, imported);
  if (codeProblem) out.push({ field: at('code'), message: codeProblem });
  const content: RequirementContent = {
    code: raw.code as string,
    title: text('title', raw.title, at, out)!,
    statement: text('statement', raw.statement, at, out, imported)!,
    guidance: text('guidance', raw.guidance, at, out, imported),
    category: text('category', raw.category, at, out, imported)!,
    tiers: checkTiers(raw.tiers, at, out),
    evidenceExpected: text('evidenceExpected', raw.evidenceExpected, at, out),
    mappings: checkMappings(raw.mappings, at, out),
    ...(raw.origin ? { origin: raw.origin } : {}),
  };
  return out.length > 0 ? { violations: out } : { violations: [], content };
}

/**
 * Applies a partial update: omitted fields keep their value, null clears the optional ones and is
 * refused for the required ones.
 */
export function checkRequirementUpdate(
  current: RequirementContent,
  patch: Omit<RawRequirement, 'code' | 'origin'>,
  at: FieldPath,
): { violations: FieldViolation[]; content?: RequirementContent } {
  const out: FieldViolation[] = [];
  const provided = (Object.keys(patch) as (keyof typeof patch)[]).filter((k) => patch[k] !== undefined);
  if (provided.length === 0) {
    return { violations: [{ field: at(''), message: 'names no field to change' }] };
  }
  for (const field of ['title', 'statement', 'category', 'tiers'] as const) {
    if (patch[field] === null) out.push({ field: at(field), message: 'cannot be null; omit it to keep it' });
  }
  if (out.length > 0) return { violations: out };
  const merged: RawRequirement = { ...current };
  for (const field of provided) merged[field] = patch[field];
  return checkRequirement(merged, at);
}

/** The baseline's own fields (createBaseline and importOscalCatalog). */
export function checkBaselineFields(
  raw: { key?: unknown; version?: unknown; title?: unknown; description?: unknown },
  at: FieldPath,
): {
  violations: FieldViolation[];
  value: { key: string; version: string; title: string; description: string | null };
} {
  const out: FieldViolation[] = [];
  const key = typeof raw.key === 'string' ? raw.key : '';
  if (key.length < LIMITS.key[0] || key.length > LIMITS.key[1] || !KEY_PATTERN.test(key)) {
    out.push({
      field: at('key'),
      message: `must be ${LIMITS.key[0]}-${LIMITS.key[1]} lower-case letters and digits joined by hyphens, e.g. ncsc-supplier-baseline`,
    });
  }
  const version = typeof raw.version === 'string' ? raw.version : '';
  if (version.length < 1 || version.length > LIMITS.version[1] || !VERSION_PATTERN.test(version)) {
    out.push({
      field: at('version'),
      message: `must be up to ${LIMITS.version[1]} letters and digits joined by dots or hyphens, e.g. 2026.1`,
    });
  }
  const title = checkText(raw.title, { min: LIMITS.baselineTitle[0], max: LIMITS.baselineTitle[1] });
  if (!title.ok) out.push({ field: at('title'), message: title.reason });
  const description = checkText(raw.description, { max: LIMITS.description, optional: true });
  if (!description.ok) out.push({ field: at('description'), message: description.reason });
  return {
    violations: out,
    value: {
      key,
      version,
      title: title.ok ? title.value! : '',
      description: description.ok ? description.value : null,
    },
  };
}
