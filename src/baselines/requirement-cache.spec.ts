import { MAX_REQUIREMENTS } from './dto/baselines.args.js';
import { MAX_MAPPINGS } from './dto/requirement.inputs.js';
import { FrameworkMapping, Requirement } from './dto/requirement.model.js';
import { MappingRelationship } from './dto/mapping-relationship.enum.js';
import { Tier } from './dto/tier.enum.js';
import { REQUIREMENT_CACHE_WEIGHT, requirementWeight, WeightedLru } from './requirement-cache.js';

describe('WeightedLru', () => {
  it('evicts the least recently used entries once the weights pass the limit', () => {
    const lru = new WeightedLru<string, number>(10);
    lru.set('a', 1, 4);
    lru.set('b', 2, 4);
    expect(lru.get('a')).toBe(1); // a is now the most recently used
    lru.set('c', 3, 4);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.weight).toBe(8);
  });

  it('keeps the newest entry even when it alone passes the limit', () => {
    const lru = new WeightedLru<string, number>(10);
    lru.set('a', 1, 4);
    lru.set('big', 2, 50);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.get('big')).toBe(2);
    expect(lru.weight).toBe(50);
  });

  it('replaces an entry without counting it twice', () => {
    const lru = new WeightedLru<string, number>(10);
    lru.set('a', 1, 6);
    lru.set('a', 2, 6);
    expect(lru.get('a')).toBe(2);
    expect(lru.weight).toBe(6);
  });
});

describe('requirementWeight', () => {
  const requirement = (text: number, mappings: number): Requirement =>
    Object.assign(new Requirement(), {
      code: 'IAM-01',
      title: 'x'.repeat(text),
      statement: 'x'.repeat(text),
      guidance: null,
      category: 'Identity',
      tiers: [Tier.BASIC],
      evidenceExpected: 'x'.repeat(text),
      mappings: Array.from({ length: mappings }, () =>
        Object.assign(new FrameworkMapping(), {
          framework: 'CIS-V8',
          reference: '1.1',
          relationship: MappingRelationship.EQUIVALENT,
        }),
      ),
    });

  it('grows with the text and the mappings', () => {
    expect(requirementWeight(requirement(100, 0))).toBeGreaterThan(300);
    expect(requirementWeight(requirement(100, 3))).toBeGreaterThan(requirementWeight(requirement(100, 0)));
  });

  it('lets the cache hold at least one full baseline of requirements at their longest', () => {
    // The column limits: title 200, statement 4000, guidance 8000, evidence expected 4000.
    const longest = Object.assign(requirement(4000, MAX_MAPPINGS), {
      title: 'x'.repeat(200),
      guidance: 'x'.repeat(8000),
    });
    expect(MAX_REQUIREMENTS * requirementWeight(longest)).toBeLessThan(REQUIREMENT_CACHE_WEIGHT);
  });
});
