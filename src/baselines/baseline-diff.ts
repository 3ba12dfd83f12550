import type { Requirement } from './dto/requirement.model.js';

/** The fields compared, in the order a change lists them. */
export const COMPARED_FIELDS = [
  'title',
  'statement',
  'guidance',
  'category',
  'tiers',
  'evidenceExpected',
  'mappings',
] as const;

export interface RequirementDiff {
  added: Requirement[];
  removed: Requirement[];
  changed: { code: string; fields: string[]; before: Requirement; after: Requirement }[];
}

function comparable(requirement: Requirement, field: (typeof COMPARED_FIELDS)[number]): string {
  if (field === 'tiers') return [...requirement.tiers].sort().join(',');
  if (field === 'mappings') {
    return requirement.mappings
      .map((m) => `${m.framework}\u0000${m.reference}\u0000${m.relationship}`)
      .sort()
      .join('\u0001');
  }
  return requirement[field] ?? '';
}

/**
 * What `to` asks compared with `from`, matched by code (codes are stable across versions): added,
 * removed, and changed with the names of the fields that differ. Every list is ordered by code.
 */
export function diffRequirements(from: readonly Requirement[], to: readonly Requirement[]): RequirementDiff {
  const before = new Map(from.map((r) => [r.code, r]));
  const after = new Map(to.map((r) => [r.code, r]));
  const byCode = (a: { code: string }, b: { code: string }) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  const diff: RequirementDiff = {
    added: to.filter((r) => !before.has(r.code)).sort(byCode),
    removed: from.filter((r) => !after.has(r.code)).sort(byCode),
    changed: [],
  };
  for (const next of to) {
    const previous = before.get(next.code);
    if (!previous) continue;
    const fields = COMPARED_FIELDS.filter((f) => comparable(previous, f) !== comparable(next, f));
    if (fields.length > 0)
      diff.changed.push({ code: next.code, fields: [...fields], before: previous, after: next });
  }
  diff.changed.sort(byCode);
  return diff;
}
