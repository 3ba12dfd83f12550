import { maxTier, Tier, TIER_RANK } from '../baselines/dto/tier.enum.js';
import { DataCategory } from './dto/data-category.enum.js';

/**
 * The tier rule, in one place:
 * - HEALTH_AND_REHABILITATION, PROTECTED_IDENTITIES or CHILDREN -> HIGH;
 * - PERSONAL_IDENTITY_NUMBERS, EMPLOYMENT_RECORDS or FINANCIAL -> ELEVATED;
 * - anything else (CONTACT_DETAILS, NO_PERSONAL_DATA) -> BASIC.
 * The highest category wins. A product's effective tier is then never lower than this, than an
 * agency raise, or than the effective tier of any product it relies on (transitively): see
 * `effectiveTier` and the recursive recomputation in subprocessor-graph.ts.
 */
export const CATEGORY_TIER: Readonly<Record<DataCategory, Tier>> = {
  [DataCategory.HEALTH_AND_REHABILITATION]: Tier.HIGH,
  [DataCategory.PROTECTED_IDENTITIES]: Tier.HIGH,
  [DataCategory.CHILDREN]: Tier.HIGH,
  [DataCategory.PERSONAL_IDENTITY_NUMBERS]: Tier.ELEVATED,
  [DataCategory.EMPLOYMENT_RECORDS]: Tier.ELEVATED,
  [DataCategory.FINANCIAL]: Tier.ELEVATED,
  [DataCategory.CONTACT_DETAILS]: Tier.BASIC,
  [DataCategory.NO_PERSONAL_DATA]: Tier.BASIC,
};

/** The tier the data categories alone call for. */
export function categoryTier(categories: Iterable<DataCategory>): Tier {
  return maxTier([...categories].map((category) => CATEGORY_TIER[category]));
}

/**
 * What a product's tier is: the highest of its own categories' tier, the agency's raise (if any)
 * and the effective tiers of its sub-processors. The database applies the same rule across the
 * whole chain in one statement; this is its specification and what the unit tests pin down.
 */
export function effectiveTier(own: Tier, raise: Tier | null, subprocessorTiers: Iterable<Tier>): Tier {
  return maxTier([own, ...(raise ? [raise] : []), ...subprocessorTiers]);
}

/** SQL expression ranking a tier column (1 BASIC .. 3 HIGH; NULL ranks 0). */
export function tierRankSql(column: string): string {
  return `CASE ${column} WHEN '${Tier.HIGH}' THEN ${TIER_RANK[Tier.HIGH]} WHEN '${Tier.ELEVATED}' THEN ${TIER_RANK[Tier.ELEVATED]} WHEN '${Tier.BASIC}' THEN ${TIER_RANK[Tier.BASIC]} ELSE 0 END`;
}

/** SQL expression turning a rank back into a tier name. */
export function tierFromRankSql(expression: string): string {
  return `CASE ${expression} WHEN ${TIER_RANK[Tier.HIGH]} THEN '${Tier.HIGH}' WHEN ${TIER_RANK[Tier.ELEVATED]} THEN '${Tier.ELEVATED}' ELSE '${Tier.BASIC}' END`;
}
