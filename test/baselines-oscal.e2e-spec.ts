import { Role } from '../src/common/actor.js';
import { EXAMPLE_REQUIREMENTS } from '../src/baselines/example/example-baseline.js';
import { agencyToken, newBaseline, uniqueKey } from './support/baselines.js';
import { newSupplier } from './support/factories.js';
import { createTestApp, errorCode, type GqlResponse, ok, type TestApp } from './support/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const IMPORT = `mutation($document: JSON!, $key: String!, $version: String!) {
  importOscalCatalog(document: $document, key: $key, version: $version) {
    id key version title description status
    requirements(first: 100) { totalCount edges { node {
      code title statement guidance category tiers evidenceExpected mappings { framework reference relationship }
    } } }
  }
}`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Imported {
  importOscalCatalog: {
    id: string;
    status: string;
    title: string;
    description: string | null;
    requirements: { totalCount: number; edges: { node: Json }[] };
  };
}

/** Every `id` in a document, at any depth. */
function allIds(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => allIds(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'id' && typeof v === 'string') out.push(v);
      else allIds(v, out);
    }
  }
  return out;
}

/** The structural checks of the OSCAL 1.1 catalog model that the registry's export must pass. */
function expectValidCatalog(doc: Json): void {
  expect(Object.keys(doc)).toEqual(['catalog']);
  const { catalog } = doc;
  expect(catalog.uuid).toMatch(UUID);
  expect(typeof catalog.metadata.title).toBe('string');
  expect(typeof catalog.metadata.version).toBe('string');
  expect(catalog.metadata['oscal-version']).toMatch(/^1\.1\.\d+$/);
  expect(Date.parse(catalog.metadata['last-modified'])).not.toBeNaN();
  expect(catalog.metadata['last-modified']).toMatch(/Z$/);
  const ids = allIds(catalog);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(TOKEN);
  for (const group of catalog.groups) {
    expect(typeof group.title).toBe('string');
    expect(group.controls.length).toBeGreaterThan(0);
    for (const control of group.controls) {
      expect(typeof control.title).toBe('string');
      expect(control.parts.find((p: Json) => p.name === 'statement').prose.length).toBeGreaterThan(0);
      for (const prop of control.props) {
        expect(typeof prop.name).toBe('string');
        expect(typeof prop.value).toBe('string');
        expect(prop.value).toBe(prop.value.trim());
      }
    }
  }
}

/** A catalog from another tool: groups in groups, a control enhancement, a control outside any group. */
const NESTED_CATALOG = {
  catalog: {
    uuid: '0f8d7d1e-4b7a-4a54-9c57-9f7b0d7d2a11',
    metadata: {
      title: 'Nested catalog',
      'last-modified': '2026-01-01T00:00:00Z',
      version: '1.0',
      'oscal-version': '1.1.2',
      remarks: 'From another tool.',
    },
    groups: [
      {
        id: 'access',
        title: 'Identity and access',
        groups: [
          {
            id: 'remote',
            title: 'Remote access',
            controls: [
              {
                id: 'ra-01',
                title: 'Remote access gateway',
                parts: [
                  {
                    name: 'statement',
                    prose: 'Remote access goes through a gateway.',
                    parts: [{ name: 'item', prose: 'The gateway requires MFA.' }],
                  },
                ],
                controls: [
                  {
                    id: 'ra-101',
                    title: 'Gateway logging',
                    props: [{ name: 'tier', ns: 'urn:assurance-registry:oscal', value: 'HIGH' }],
                    parts: [{ name: 'statement', prose: 'The gateway logs every session.' }],
                  },
                ],
              },
            ],
          },
        ],
        controls: [
          {
            id: 'ac-1',
            title: 'Access policy',
            props: [{ name: 'label', value: 'ACP-01' }],
            parts: [
              { name: 'statement', prose: 'There is an access policy.' },
              { name: 'guidance', prose: 'Review it yearly.' },
            ],
          },
        ],
      },
    ],
    controls: [
      {
        id: 'gen-01',
        title: 'Loose control',
        parts: [{ name: 'statement', prose: 'Outside any group.' }],
      },
    ],
  },
};

describe('baselines: OSCAL', () => {
  let t: TestApp;
  let admin: string;
  let editor: string;
  const get = (url: string, token?: string) =>
    t.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await agencyToken(t, Role.ADMIN);
    editor = await agencyToken(t, Role.EDITOR);
  });
  afterAll(() => t.close());

  describe('exports a catalog, one profile per tier, and imports the catalog back', () => {
    let baseline: Awaited<ReturnType<typeof newBaseline>>;
    let catalog: Json;
    let controls: Json[];
    beforeAll(async () => {
      // The example baseline's own requirements: realistic text, every category, all three tiers.
      baseline = await newBaseline(t, { requirements: EXAMPLE_REQUIREMENTS, publish: true });
    });

    it('exports a valid OSCAL catalog with a control per requirement, the same every time', async () => {
      const response = await get(`/oscal/baselines/${baseline.id}/catalog.json`, admin);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      catalog = response.json<Json>();
      expectValidCatalog(catalog);
      expect(catalog.catalog.metadata).toMatchObject({ title: 'Test baseline', version: '2026.1' });
      controls = catalog.catalog.groups.flatMap((g: Json) => g.controls);
      expect(controls.map((c: Json) => c.id).sort()).toEqual(
        EXAMPLE_REQUIREMENTS.map((r) => r.code.toLowerCase()).sort(),
      );
      const iam03 = controls.find((c: Json) => c.id === 'iam-03')!;
      expect(iam03.props).toEqual(
        expect.arrayContaining([
          { name: 'label', value: 'IAM-03' },
          expect.objectContaining({ name: 'tier', value: 'BASIC' }),
          expect.objectContaining({ name: 'mapping', value: 'NIS2-IR-2024-2690 11.7', class: 'EQUIVALENT' }),
        ]),
      );
      expect(iam03.parts.map((p: Json) => p.name)).toEqual(['statement', 'guidance', 'evidence-expected']);
      // Same document every time: stable uuid and content.
      expect((await get(`/oscal/baselines/${baseline.id}/catalog.json`, admin)).json()).toEqual(catalog);
    });

    it('exports one profile per tier, selecting exactly that tier’s controls of the catalog', async () => {
      const catalogIds = new Set(controls.map((c: Json) => c.id));
      for (const tier of ['BASIC', 'ELEVATED', 'HIGH']) {
        const profile = (
          await get(`/oscal/baselines/${baseline.id}/profiles/${tier}.json`, admin)
        ).json<Json>().profile;
        expect(profile.uuid).toMatch(UUID);
        expect(profile.uuid).not.toBe(catalog.catalog.uuid);
        expect(profile.metadata['oscal-version']).toMatch(/^1\.1\./);
        expect(profile.imports).toHaveLength(1);
        expect(profile.imports[0].href).toBe('../catalog.json');
        const withIds: string[] = profile.imports[0]['include-controls'][0]['with-ids'];
        const expected = EXAMPLE_REQUIREMENTS.filter((r) => r.tiers.includes(tier as never)).map((r) =>
          r.code.toLowerCase(),
        );
        expect([...withIds].sort()).toEqual(expected.sort());
        expect(new Set(withIds).size).toBe(withIds.length);
        for (const id of withIds) expect(catalogIds.has(id)).toBe(true);
      }
    });

    it('takes the profile’s tier in any case, and answers 404 for an unknown tier', async () => {
      expect((await get(`/oscal/baselines/${baseline.id}/profiles/high.json`, admin)).statusCode).toBe(200);
      expect((await get(`/oscal/baselines/${baseline.id}/profiles/EXTREME.json`, admin)).statusCode).toBe(
        404,
      );
    });

    it('imports the exported catalog, within the GraphQL route’s 64 kB, to the same requirements', async () => {
      // The GraphQL route takes at most 64 kB: the whole example catalog must fit.
      const payload = JSON.stringify({
        query: IMPORT,
        variables: { document: catalog, key: uniqueKey('import'), version: '1' },
      });
      expect(payload.length).toBeLessThan(64 * 1024);
      const imported = ok(
        await t.gql<Imported>(IMPORT, { document: catalog, key: uniqueKey('import'), version: '1' }, editor),
      );
      expect(imported.importOscalCatalog).toMatchObject({ status: 'DRAFT', title: 'Test baseline' });
      expect(imported.importOscalCatalog.requirements.totalCount).toBe(EXAMPLE_REQUIREMENTS.length);
      const diff = ok(
        await t.gql<{ baselineDiff: { added: unknown[]; removed: unknown[]; changed: unknown[] } }>(
          `query($a: ID!, $b: ID!) { baselineDiff(fromId: $a, toId: $b) { added { code } removed { code } changed { code fields } } }`,
          { a: baseline.id, b: imported.importOscalCatalog.id },
          editor,
        ),
      );
      expect(diff.baselineDiff).toEqual({ added: [], removed: [], changed: [] });
    });
  });

  it('applies the same token and visibility as the baseline query', async () => {
    const draft = await newBaseline(t);
    const published = await newBaseline(t, { publish: true });
    const supplier = await (await newSupplier(t)).token(Role.VIEWER);
    expect((await get(`/oscal/baselines/${published.id}/catalog.json`)).statusCode).toBe(401);
    expect((await get(`/oscal/baselines/${published.id}/catalog.json`, 'not-a-token')).statusCode).toBe(401);
    expect((await get(`/oscal/baselines/${published.id}/catalog.json`, supplier)).statusCode).toBe(200);
    expect((await get(`/oscal/baselines/${published.id}/profiles/BASIC.json`, supplier)).statusCode).toBe(
      200,
    );
    const hidden = await get(`/oscal/baselines/${draft.id}/catalog.json`, supplier);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Baseline not found' } });
    expect((await get(`/oscal/baselines/${draft.id}/profiles/BASIC.json`, supplier)).statusCode).toBe(404);
    expect((await get(`/oscal/baselines/${draft.id}/catalog.json`, admin)).statusCode).toBe(200);
    expect((await get(`/oscal/baselines/garbage/catalog.json`, admin)).statusCode).toBe(404);
  });

  describe('imports nested groups and control enhancements', () => {
    let imported: Imported['importOscalCatalog'];
    let byCode: Record<string, Json>;
    beforeAll(async () => {
      imported = ok(
        await t.gql<Imported>(
          IMPORT,
          { document: NESTED_CATALOG, key: uniqueKey('nested'), version: '1.0' },
          editor,
        ),
      ).importOscalCatalog;
      byCode = Object.fromEntries(imported.requirements.edges.map((e) => [e.node.code, e.node]));
    });

    it('keeps the remarks as the description and every control, enhancements and loose ones included', () => {
      expect(imported.description).toBe('From another tool.');
      expect(Object.keys(byCode).sort()).toEqual(['ACP-01', 'GEN-01', 'RA-01', 'RA-101']);
    });

    it('takes the category from the nearest group, joins nested statement parts, and reads tiers and guidance', () => {
      expect(byCode['ACP-01']).toMatchObject({
        category: 'Identity and access',
        guidance: 'Review it yearly.',
        tiers: ['BASIC', 'ELEVATED', 'HIGH'],
      });
      expect(byCode['RA-01']).toMatchObject({
        category: 'Remote access',
        statement: 'Remote access goes through a gateway.\nThe gateway requires MFA.',
      });
      expect(byCode['RA-101']).toMatchObject({ category: 'Remote access', tiers: ['HIGH'] });
      expect(byCode['GEN-01']).toMatchObject({ category: 'General' });
    });
  });

  describe('refuses malformed documents with a pointer to the offending element', () => {
    const valid = () => ({
      catalog: {
        uuid: '0f8d7d1e-4b7a-4a54-9c57-9f7b0d7d2a12',
        metadata: {
          title: 'Bad catalog',
          'last-modified': '2026-01-01T00:00:00Z',
          version: '1',
          'oscal-version': '1.1.2',
        },
        groups: [
          {
            title: 'Cryptography',
            controls: [
              { id: 'cry-01', title: 'Fine', parts: [{ name: 'statement', prose: 'Fine.' }] },
              { id: 'cry-02', title: 'Fine too', parts: [{ name: 'statement', prose: 'Fine.' }] },
            ],
          },
        ],
      },
    });
    const cases: [string, (d: Json) => unknown, string][] = [
      ['not an object', () => [1, 2], 'document'],
      ['no catalog', () => ({ profile: {} }), 'document/catalog'],
      ['a bad uuid', (d) => ((d.catalog.uuid = 'x'), d), 'document/catalog/uuid'],
      ['no metadata title', (d) => (delete d.catalog.metadata.title, d), 'document/catalog/metadata/title'],
      [
        'an old OSCAL version',
        (d) => ((d.catalog.metadata['oscal-version'] = '0.9'), d),
        'document/catalog/metadata/oscal-version',
      ],
      ['groups not an array', (d) => ((d.catalog.groups = {}), d), 'document/catalog/groups'],
      [
        'a control without title',
        (d) => (delete d.catalog.groups[0].controls[1].title, d),
        'document/catalog/groups/0/controls/1/title',
      ],
      [
        'a control id that is no token',
        (d) => ((d.catalog.groups[0].controls[1].id = '1 2'), d),
        'document/catalog/groups/0/controls/1/id',
      ],
      [
        // Any OSCAL token is accepted as id (issue 19); only absurd lengths are refused.
        'an id of more than 100 characters',
        (d) => ((d.catalog.groups[0].controls[1].id = `c${'2'.repeat(100)}`), d),
        'document/catalog/groups/0/controls/1/id',
      ],
      [
        'a statement missing',
        (d) => ((d.catalog.groups[0].controls[0].parts = []), d),
        'document/catalog/groups/0/controls/0/parts',
      ],
      [
        'an unknown tier',
        (d) => (
          (d.catalog.groups[0].controls[0].props = [
            { name: 'tier', ns: 'urn:assurance-registry:oscal', value: 'MAX' },
          ]),
          d
        ),
        'document/catalog/groups/0/controls/0/props/0/value',
      ],
      [
        'a bad mapping framework',
        (d) => (
          (d.catalog.groups[0].controls[0].props = [
            { name: 'mapping', ns: 'urn:assurance-registry:oscal', value: 'iso 5.1', class: 'EQUIVALENT' },
          ]),
          d
        ),
        'document/catalog/groups/0/controls/0/props/0/value',
      ],
      [
        'a repeated code',
        (d) => ((d.catalog.groups[0].controls[1].id = 'cry-01'), d),
        'document/catalog/groups/0/controls/1/id',
      ],
      [
        'a too long group title',
        (d) => ((d.catalog.groups[0].title = 'x'.repeat(201)), d),
        'document/catalog/groups/0/title',
      ],
    ];
    it.each(cases)('%s', async (_label, mutate, field) => {
      const response: GqlResponse = await t.gql(
        IMPORT,
        { document: mutate(valid()), key: uniqueKey('bad'), version: '1' },
        editor,
      );
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.fields).toEqual([field]);
    });

    it('names a bad key or version as arguments', async () => {
      const response = await t.gql(IMPORT, { document: valid(), key: 'Bad Key', version: '' }, editor);
      expect(response.errors?.[0].extensions?.fields).toEqual(['key', 'version']);
    });
  });

  it('is for agency editors only', async () => {
    const variables = () => ({ document: { catalog: {} }, key: uniqueKey(), version: '1' });
    for (const token of [await agencyToken(t, Role.VIEWER), await (await newSupplier(t)).token(Role.ADMIN)]) {
      expect(errorCode(await t.gql(IMPORT, variables(), token))).toBe('FORBIDDEN');
    }
    expect(errorCode(await t.gql(IMPORT, variables(), editor))).toBe('BAD_USER_INPUT');
  });
});
