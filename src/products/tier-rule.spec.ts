import { Tier } from '../baselines/dto/tier.enum.js';
import { DataCategory } from './dto/data-category.enum.js';
import { CATEGORY_TIER, categoryTier, effectiveTier } from './tier-rule.js';

const C = DataCategory;

describe('categoryTier', () => {
  it.each([
    [[C.HEALTH_AND_REHABILITATION], Tier.HIGH],
    [[C.PROTECTED_IDENTITIES], Tier.HIGH],
    [[C.CHILDREN], Tier.HIGH],
    [[C.PERSONAL_IDENTITY_NUMBERS], Tier.ELEVATED],
    [[C.EMPLOYMENT_RECORDS], Tier.ELEVATED],
    [[C.FINANCIAL], Tier.ELEVATED],
    [[C.CONTACT_DETAILS], Tier.BASIC],
    [[C.NO_PERSONAL_DATA], Tier.BASIC],
  ])('%p -> %s', (categories, tier) => {
    expect(categoryTier(categories)).toBe(tier);
  });

  it('takes the highest category', () => {
    expect(categoryTier([C.CONTACT_DETAILS, C.FINANCIAL])).toBe(Tier.ELEVATED);
    expect(categoryTier([C.FINANCIAL, C.CHILDREN, C.CONTACT_DETAILS])).toBe(Tier.HIGH);
  });

  it('is BASIC for no categories (never stored: products need one)', () => {
    expect(categoryTier([])).toBe(Tier.BASIC);
  });

  it('covers every category', () => {
    expect(Object.keys(CATEGORY_TIER).sort()).toEqual(Object.values(C).sort());
  });
});

describe('effectiveTier', () => {
  it('is never lower than the raise or any sub-processor', () => {
    expect(effectiveTier(Tier.BASIC, null, [])).toBe(Tier.BASIC);
    expect(effectiveTier(Tier.BASIC, Tier.ELEVATED, [])).toBe(Tier.ELEVATED);
    expect(effectiveTier(Tier.BASIC, null, [Tier.BASIC, Tier.HIGH])).toBe(Tier.HIGH);
    expect(effectiveTier(Tier.HIGH, Tier.ELEVATED, [Tier.BASIC])).toBe(Tier.HIGH);
  });
});
