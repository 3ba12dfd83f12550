import { diffRequirements } from './baseline-diff.js';
import { MappingRelationship } from './dto/mapping-relationship.enum.js';
import { FrameworkMapping, Requirement } from './dto/requirement.model.js';
import { Tier } from './dto/tier.enum.js';

function requirement(code: string, patch: Partial<Requirement> = {}): Requirement {
  return Object.assign(new Requirement(), {
    code,
    title: `Title ${code}`,
    statement: 'Statement',
    guidance: null,
    category: 'Cryptography',
    tiers: [Tier.BASIC, Tier.HIGH],
    evidenceExpected: null,
    mappings: [],
    ...patch,
  });
}

const mapping = (reference: string, relationship = MappingRelationship.INTERSECTS) =>
  Object.assign(new FrameworkMapping(), { framework: 'CIS-V8', reference, relationship });

describe('diffRequirements', () => {
  it('matches by code and names the changed fields in a fixed order', () => {
    const from = [
      requirement('B-01'),
      requirement('AB-02', { mappings: [mapping('1'), mapping('2')] }),
      requirement('AB-01'),
      requirement('CC-01', { guidance: 'old' }),
    ];
    const to = [
      requirement('ZZ-01'),
      requirement('AB-01', { tiers: [Tier.HIGH, Tier.BASIC] }), // same set, other order: unchanged
      requirement('AB-02', { mappings: [mapping('2'), mapping('1', MappingRelationship.EQUIVALENT)] }),
      requirement('CC-01', { guidance: null, title: 'New', evidenceExpected: 'Logs' }),
      requirement('AA-01'),
    ];
    const diff = diffRequirements(from, to);
    expect(diff.added.map((r) => r.code)).toEqual(['AA-01', 'ZZ-01']);
    expect(diff.removed.map((r) => r.code)).toEqual(['B-01']);
    expect(diff.changed.map((c) => [c.code, c.fields])).toEqual([
      ['AB-02', ['mappings']],
      ['CC-01', ['title', 'guidance', 'evidenceExpected']],
    ]);
    expect(diff.changed[1].before.guidance).toBe('old');
    expect(diff.changed[1].after.title).toBe('New');
  });

  it('finds nothing between equal lists', () => {
    const list = [requirement('AA-01'), requirement('AA-02')];
    expect(diffRequirements(list, [...list].reverse())).toEqual({ added: [], removed: [], changed: [] });
  });
});
