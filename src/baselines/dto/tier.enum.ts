import { registerEnumType } from '@nestjs/graphql';

/**
 * How much assurance a product needs, from the data it handles (the rule is in the products
 * module). A requirement lists the tiers it applies to.
 */
export enum Tier {
  BASIC = 'BASIC',
  ELEVATED = 'ELEVATED',
  HIGH = 'HIGH',
}

registerEnumType(Tier, {
  name: 'Tier',
  description: 'How much assurance a product needs, from the data it handles.',
  valuesMap: {
    BASIC: { description: 'No sensitive personal data: the baseline every supplier meets.' },
    ELEVATED: { description: 'Personal identity numbers, employment records or financial data.' },
    HIGH: { description: 'Health and rehabilitation data, protected identities or children.' },
  },
});

export const TIER_RANK: Record<Tier, number> = { [Tier.BASIC]: 1, [Tier.ELEVATED]: 2, [Tier.HIGH]: 3 };

export function maxTier(tiers: Iterable<Tier>): Tier {
  let best = Tier.BASIC;
  for (const tier of tiers) if (TIER_RANK[tier] > TIER_RANK[best]) best = tier;
  return best;
}
