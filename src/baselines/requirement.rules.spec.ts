import { MappingRelationship } from './dto/mapping-relationship.enum.js';
import { Tier } from './dto/tier.enum.js';
import {
  checkBaselineFields,
  checkRequirement,
  checkRequirementUpdate,
  checkText,
  prefixPath,
  sortTiers,
} from './requirement.rules.js';
import type { RequirementContent } from './requirement-content.js';

const at = prefixPath('input');
const valid = {
  code: 'IAM-03',
  title: '  Multi-factor authentication ',
  statement: 'Administrators use MFA.',
  category: 'identity AND access',
  tiers: [Tier.HIGH, Tier.BASIC, Tier.HIGH],
  mappings: [
    { framework: 'NIS2-IR-2024-2690', reference: '11.7', relationship: MappingRelationship.EQUIVALENT },
  ],
};

describe('checkRequirement', () => {
  it('trims, canonicalises the category and orders the tiers', () => {
    expect(checkRequirement(valid, at)).toEqual({
      violations: [],
      content: {
        code: 'IAM-03',
        title: 'Multi-factor authentication',
        statement: 'Administrators use MFA.',
        guidance: null,
        category: 'Identity and access',
        tiers: [Tier.BASIC, Tier.HIGH],
        evidenceExpected: null,
        mappings: valid.mappings,
      },
    });
  });

  it.each(['IA-01', 'ABCDE-123', 'XY-99'])('accepts the code %s', (code) => {
    expect(checkRequirement({ ...valid, code }, at).violations).toEqual([]);
  });

  it.each(['A-01', 'ABCDEF-01', 'IAM-1', 'IAM-1234', 'iam-01', 'IAM_01', ' IAM-01', 42])(
    'refuses the code %p',
    (code) => {
      expect(checkRequirement({ ...valid, code }, at).violations.map((v) => v.field)).toEqual(['input.code']);
    },
  );

  it('treats blank optional text as absent and refuses control characters', () => {
    expect(checkRequirement({ ...valid, guidance: '   ' }, at).content?.guidance).toBeNull();
    expect(checkRequirement({ ...valid, statement: 'a\u0000b' }, at).violations[0]).toEqual({
      field: 'input.statement',
      message: 'must not contain control characters',
    });
  });

  it('names mapping problems by index', () => {
    const result = checkRequirement(
      {
        ...valid,
        mappings: [
          { framework: 'CIS-V8', reference: '4.1', relationship: 'EQUIVALENT' },
          { framework: '-X', reference: 'a'.repeat(41), relationship: 'NEAR' },
        ],
      },
      at,
    );
    expect(result.violations.map((v) => v.field)).toEqual([
      'input.mappings.1.framework',
      'input.mappings.1.reference',
      'input.mappings.1.relationship',
    ]);
  });

  it('refuses more than 20 mappings', () => {
    const mappings = Array.from({ length: 21 }, (_, i) => ({
      framework: 'CIS-V8',
      reference: `${i}`,
      relationship: 'EQUIVALENT',
    }));
    expect(checkRequirement({ ...valid, mappings }, at).violations.map((v) => v.field)).toEqual([
      'input.mappings',
    ]);
  });

  it('refuses an unknown tier by index', () => {
    expect(
      checkRequirement({ ...valid, tiers: ['BASIC', 'EXTREME'] }, at).violations.map((v) => v.field),
    ).toEqual(['input.tiers.1']);
  });
});

describe('checkRequirementUpdate', () => {
  const current = checkRequirement({ ...valid, guidance: 'Old guidance' }, at).content as RequirementContent;

  it('keeps omitted fields and clears nulled optional ones', () => {
    const result = checkRequirementUpdate(
      current,
      { title: 'New title', guidance: null, mappings: null },
      at,
    );
    expect(result.content).toEqual({ ...current, title: 'New title', guidance: null, mappings: [] });
  });

  it('refuses null for required fields and an empty update', () => {
    expect(checkRequirementUpdate(current, { statement: null }, at).violations.map((v) => v.field)).toEqual([
      'input.statement',
    ]);
    expect(checkRequirementUpdate(current, {}, at).violations.map((v) => v.field)).toEqual(['input']);
  });
});

describe('checkBaselineFields', () => {
  it('accepts a key, a version and a title', () => {
    expect(
      checkBaselineFields({ key: 'ncsc-supplier-baseline', version: '2026.1-rc1', title: 'Title' }, at),
    ).toEqual({
      violations: [],
      value: { key: 'ncsc-supplier-baseline', version: '2026.1-rc1', title: 'Title', description: null },
    });
  });

  it.each([
    [{ key: 'a-' }, 'input.key'],
    [{ key: 'x'.repeat(65) }, 'input.key'],
    [{ key: 'has space' }, 'input.key'],
    [{ version: '.1' }, 'input.version'],
    [{ version: 'v'.repeat(41) }, 'input.version'],
    [{ title: 'x' }, 'input.title'],
  ])('refuses %j', (patch, field) => {
    const raw = { key: 'series', version: '1', title: 'Title', ...patch };
    expect(checkBaselineFields(raw, at).violations.map((v) => v.field)).toEqual([field]);
  });
});

describe('helpers', () => {
  it('sorts tiers by rank without duplicates', () => {
    expect(sortTiers([Tier.HIGH, Tier.ELEVATED, Tier.HIGH, Tier.BASIC])).toEqual([
      Tier.BASIC,
      Tier.ELEVATED,
      Tier.HIGH,
    ]);
  });

  it('reports text lengths', () => {
    expect(checkText('ab', { min: 3, max: 10 })).toEqual({ ok: false, reason: 'must be 3 to 10 characters' });
    expect(checkText(undefined, { max: 10, optional: true })).toEqual({ ok: true, value: null });
    expect(checkText(5, { max: 10 })).toEqual({ ok: false, reason: 'must be a string' });
  });
});
