import { BaselineStatus } from '../dto/baseline-status.enum.js';
import { Baseline } from '../dto/baseline.model.js';
import { Requirement } from '../dto/requirement.model.js';
import { Tier } from '../dto/tier.enum.js';
import { groupId, nameUuid, toOscalCatalog, toOscalProfile } from './oscal-export.js';
import { parseOscalCatalog } from './oscal-import.js';

const baseline = Object.assign(new Baseline(), {
  uuid: '2b1e4c8a-9a57-4b0e-8d2a-4d0f6b1c7e01',
  key: 'series',
  version: '1.0',
  title: 'Series',
  description: null,
  status: BaselineStatus.PUBLISHED,
  publishedAt: new Date('2026-03-01T10:00:00Z'),
  updatedAt: new Date('2026-03-01T10:00:00Z'),
});

const requirement = (code: string, category: string, tiers: Tier[]) =>
  Object.assign(new Requirement(), {
    code,
    title: `Title ${code}`,
    statement: 'Statement.',
    guidance: null,
    category,
    tiers,
    evidenceExpected: null,
    mappings: [],
  });

describe('OSCAL export', () => {
  it('derives stable version-5 uuids', () => {
    expect(nameUuid('a')).toBe(nameUuid('a'));
    expect(nameUuid('a')).not.toBe(nameUuid('b'));
    expect(nameUuid('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    ['Identity and access', 'identity-and-access'],
    ['Säkerhet & drift', 'sakerhet-drift'],
    ['2FA', 'group-2fa'],
    ['***', 'group-x'],
  ])('makes the group id of %s a token', (category, id) => {
    expect(groupId(category)).toBe(id);
  });

  it('orders documented categories first and keeps group ids unique', () => {
    const doc = toOscalCatalog(baseline, [
      requirement('ZZ-01', 'Zebra care', [Tier.BASIC]),
      requirement('AA-01', 'zebra-care', [Tier.BASIC]),
      requirement('CR-01', 'Cryptography', [Tier.HIGH]),
      requirement('IA-01', 'Identity and access', [Tier.BASIC]),
    ]);
    expect(doc.catalog.groups?.map((g) => [g.id, g.title])).toEqual([
      ['identity-and-access', 'Identity and access'],
      ['cryptography', 'Cryptography'],
      ['zebra-care', 'Zebra care'],
      ['zebra-care-2', 'zebra-care'],
    ]);
    expect(doc.catalog.metadata.published).toBe('2026-03-01T10:00:00.000Z');
  });

  it('writes a valid profile for a tier without requirements', () => {
    const requirements = [requirement('AA-01', 'Cryptography', [Tier.HIGH])];
    expect(toOscalProfile(baseline, requirements, Tier.BASIC, '../catalog.json').profile.imports).toEqual([
      { href: '../catalog.json', 'include-all': {}, 'exclude-controls': [{ 'with-ids': ['aa-01'] }] },
    ]);
    expect(toOscalProfile(baseline, requirements, Tier.HIGH, '../catalog.json').profile.imports).toEqual([
      { href: '../catalog.json', 'include-controls': [{ 'with-ids': ['aa-01'] }] },
    ]);
  });

  it('round-trips through the importer', () => {
    const requirements = [
      Object.assign(requirement('AA-01', 'Cryptography', [Tier.ELEVATED, Tier.HIGH]), {
        guidance: 'Guide.',
        evidenceExpected: 'Evidence.',
        mappings: [{ framework: 'ISO-27001-2022', reference: 'A 8.24', relationship: 'SUBSET_OF' }],
      }),
    ];
    const parsed = parseOscalCatalog(JSON.parse(JSON.stringify(toOscalCatalog(baseline, requirements))));
    expect(parsed.title).toBe('Series');
    expect(parsed.requirements.map((r) => r.raw)).toEqual([
      {
        code: 'AA-01',
        title: 'Title AA-01',
        statement: 'Statement.',
        guidance: 'Guide.',
        category: 'Cryptography',
        tiers: ['ELEVATED', 'HIGH'],
        evidenceExpected: 'Evidence.',
        mappings: [{ framework: 'ISO-27001-2022', reference: 'A 8.24', relationship: 'SUBSET_OF' }],
        // Imported requirements remember the control they came from (issue 19).
        origin: { sourceId: 'aa-01', parentSourceId: null, parameters: [], statementTemplate: 'Statement.' },
      },
    ]);
  });
});
