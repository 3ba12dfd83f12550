import { MAX_REQUIREMENTS } from './dto/baselines.args.js';
import { MAX_MAPPINGS } from './dto/requirement.input.js';
import { FrameworkMapping, Requirement } from './dto/requirement.model.js';
import { MappingRelationship } from './dto/mapping-relationship.enum.js';
import { Tier } from './dto/tier.enum.js';
import { newRequirementLru, REQUIREMENT_CACHE_WEIGHT, requirementWeight } from './requirement-cache.js';

describe('newRequirementLru', () => {
  it('evicts the least recently used entries once the weights pass the limit', () => {
    const lru = newRequirementLru<{ n: number }>(10);
    lru.set('a', { n: 1 }, { size: 4 });
    lru.set('b', { n: 2 }, { size: 4 });
    expect(lru.get('a')).toEqual({ n: 1 }); // a is now the most recently used
    lru.set('c', { n: 3 }, { size: 4 });
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toEqual({ n: 1 });
    expect(lru.get('c')).toEqual({ n: 3 });
    expect(lru.calculatedSize).toBe(8);
  });

  it('keeps no entry heavier than the whole limit, and leaves the others in place', () => {
    const lru = newRequirementLru<{ n: number }>(10);
    lru.set('a', { n: 1 }, { size: 4 });
    lru.set('big', { n: 2 }, { size: 50 });
    expect(lru.get('big')).toBeUndefined();
    expect(lru.get('a')).toEqual({ n: 1 });
    expect(lru.calculatedSize).toBe(4);
  });

  it('replaces an entry without counting it twice', () => {
    const lru = newRequirementLru<{ n: number }>(10);
    lru.set('a', { n: 1 }, { size: 6 });
    lru.set('a', { n: 2 }, { size: 6 });
    expect(lru.get('a')).toEqual({ n: 2 });
    expect(lru.calculatedSize).toBe(6);
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
