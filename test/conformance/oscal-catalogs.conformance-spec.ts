import { Role } from '../../src/common/actor.js';
import { agencyToken, uniqueKey } from '../support/baselines.js';
import { newSupplier } from '../support/factories.js';
import { expectSchemaValid, OSCAL_FILES, oscalFixture, oscalJson, request } from '../support/oscal.js';
import { createTestApp, ok, type TestApp } from '../support/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const REQUIREMENTS = `query($id: ID!, $after: String) { baseline(id: $id) { requirements(first: 100, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { code sourceId title statement basic: statement(tier: BASIC) guidance category
    parent { sourceId code } parameters { id label guidelines constraints choices value basicValue: value(tier: BASIC) } } }
} } }`;

/** Every control of a catalog, enhancements included, with its params, by id. */
function controlsOf(catalog: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  const walk = (node: Json) => {
    for (const g of node.groups ?? []) walk(g);
    for (const c of node.controls ?? []) {
      out.set(c.id, c);
      walk(c);
    }
  };
  walk(catalog.catalog);
  return out;
}

describe('OSCAL catalogs: NIST SP 800-53 and the sample catalog', () => {
  let t: TestApp;
  let editor: string;

  async function readAll(baselineId: string): Promise<Json[]> {
    const nodes: Json[] = [];
    let after: string | null = null;
    do {
      const page: Json = ok(await t.gql<Json>(REQUIREMENTS, { id: baselineId, after }, editor)).baseline
        .requirements;
      nodes.push(...page.edges.map((e: Json) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return nodes;
  }

  beforeAll(async () => {
    t = await createTestApp();
    editor = await agencyToken(t, Role.EDITOR);
  });
  afterAll(() => t.close());

  it('imports the SP 800-53 Rev 5 LOW baseline in under 10 s with the same ids, parameters and text structure', async () => {
    const body = oscalFixture(OSCAL_FILES.low);
    const source = controlsOf(JSON.parse(body.toString('utf8')));
    const started = Date.now();
    const response = await request(
      t,
      'POST',
      `/oscal/catalogs?key=${uniqueKey('sp800-53-low')}&version=5.1.1`,
      editor,
      body,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(response.statusCode).toBe(201);
    const report = response.json<Json>();
    expect(report).toMatchObject({ requirements: 149, withdrawn: [], baseline: { status: 'DRAFT' } });

    const nodes = await readAll(report.baseline.id);
    expect(nodes).toHaveLength(149);
    const bySource = new Map(nodes.map((n) => [n.sourceId, n]));
    expect([...bySource.keys()].sort()).toEqual([...source.keys()].sort());
    expect(nodes.filter((n) => n.parent)).toHaveLength(18);
    for (const node of nodes) {
      expect(node.parameters.map((p: Json) => p.id)).toEqual(
        (source.get(node.sourceId)!.params ?? []).map((p: Json) => p.id),
      );
      expect(node.statement).not.toContain('{{');
    }

    const ac1 = bySource.get('ac-1')!;
    expect(ac1).toMatchObject({ code: 'AC-1', title: 'Policy and Procedures', category: 'Access Control' });
    // Items keep their labels and nesting; unset parameters read as NIST writes them.
    expect(ac1.statement).toMatch(
      /^a\. Develop, document, and disseminate to \[Assignment: organization-defined personnel or roles\]:\n {2}1\. \[Selection \(one or more\): organization-level; mission\/business process-level; system-level\] access control policy that:\n {4}\(a\) Addresses purpose/,
    );
    expect(ac1.statement).toContain('\nb. Designate an [Assignment: organization-defined official]');
    expect(ac1.statement).toContain('[Assignment: organization-defined frequency]');
    expect(ac1.parameters.find((p: Json) => p.id === 'ac-01_odp.05')).toMatchObject({
      label: 'frequency',
      guidelines: expect.stringContaining('frequency at which the current access control policy'),
      value: null,
    });
    expect(ac1.guidance).toMatch(/^Access control policy and procedures address/);

    const ia21 = bySource.get('ia-2.1')!;
    expect(ia21).toMatchObject({ code: 'IA-2(1)', parent: { sourceId: 'ia-2', code: 'IA-2' } });

    // Exported back: schema-valid against NIST's catalog schema, same control and parameter ids.
    const exported = await request(t, 'GET', `/oscal/baselines/${report.baseline.id}/catalog.json`, editor);
    expect(exported.statusCode).toBe(200);
    const catalog = exported.json<Json>();
    expectSchemaValid(OSCAL_FILES.catalogSchema, catalog);
    const back = controlsOf(catalog);
    expect([...back.keys()].sort()).toEqual([...source.keys()].sort());
    expect(back.get('ia-2')!.controls.map((c: Json) => c.id)).toContain('ia-2.1');
    for (const [id, control] of source) {
      expect((back.get(id)!.params ?? []).map((p: Json) => p.id)).toEqual(
        (control.params ?? []).map((p: Json) => p.id),
      );
    }
  }, 60_000);

  it("gives parameters a tier's values from a profile's set-parameters and resolves the text for that tier", async () => {
    const key = uniqueKey('sample');
    const imported = await request(
      t,
      'POST',
      `/oscal/catalogs?key=${key}&version=1.1`,
      editor,
      oscalFixture(OSCAL_FILES.sampleCatalog),
    );
    expect(imported.statusCode).toBe(201);
    const baselineId = imported.json<Json>().baseline.id;
    const profile = {
      profile: {
        uuid: '3c0f6a44-8b9e-4f5e-9d5a-0c2d9b1e7f10',
        metadata: {
          title: 'Basic tier',
          'last-modified': '2026-01-01T00:00:00Z',
          version: '1',
          'oscal-version': '1.1.2',
        },
        imports: [{ href: 'catalog.json', 'include-all': {} }],
        modify: {
          'set-parameters': [
            {
              'param-id': 's1.1.1-prm1',
              values: ['initiating a device lock after 15 minutes of inactivity'],
            },
          ],
        },
      },
    };
    const set = await request(
      t,
      'POST',
      `/oscal/baselines/${baselineId}/profiles/basic.json`,
      editor,
      JSON.stringify(profile),
    );
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ tier: 'BASIC', parameters: 1, unknown: [] });

    const nodes = await readAll(baselineId);
    // The sample's labels (1.1.1) are codes as they are: never refused for their shape.
    const control = nodes.find((n) => n.sourceId === 's1.1.1')!;
    expect(control.code).toBe('1.1.1');
    expect(control.statement).toContain(
      'A value has been assigned to [Selection (one or more): initiating a device lock after [Assignment: organization-defined a duration] of inactivity; requiring',
    );
    expect(control.basic).toContain(
      'A value has been assigned to initiating a device lock after 15 minutes of inactivity.',
    );
    expect(control.parameters[0]).toMatchObject({
      id: 's1.1.1-prm1',
      value: null,
      basicValue: 'initiating a device lock after 15 minutes of inactivity',
    });

    const basic = await request(t, 'GET', `/oscal/baselines/${baselineId}/profiles/BASIC.json`, editor);
    expectSchemaValid(OSCAL_FILES.profileSchema, basic.json());
    expect(basic.json<Json>().profile.modify['set-parameters']).toEqual([
      { 'param-id': 's1.1.1-prm1', values: ['initiating a device lock after 15 minutes of inactivity'] },
    ]);
    const catalog = (
      await request(t, 'GET', `/oscal/baselines/${baselineId}/catalog.json`, editor)
    ).json<Json>();
    expectSchemaValid(OSCAL_FILES.catalogSchema, catalog);
    expect([...controlsOf(catalog).keys()].sort()).toEqual(
      [...controlsOf(oscalJson(OSCAL_FILES.sampleCatalog)).keys()].sort(),
    );
  }, 60_000);

  it('skips and reports withdrawn controls; refuses bad documents with JSON pointers and oversized ones', async () => {
    const document = {
      catalog: {
        uuid: '0f8d7d1e-4b7a-4a54-9c57-9f7b0d7d2a19',
        metadata: {
          title: 'With withdrawn',
          'last-modified': '2026-01-01T00:00:00Z',
          version: '1',
          'oscal-version': '1.2.1',
        },
        groups: [
          {
            id: 'g',
            title: 'Group',
            controls: [
              { id: 'x-1', title: 'In force', parts: [{ name: 'statement', prose: 'Do it.' }] },
              { id: 'x-2', title: 'Gone', props: [{ name: 'status', value: 'withdrawn' }] },
            ],
          },
        ],
      },
    };
    const ok201 = await request(
      t,
      'POST',
      `/oscal/catalogs?key=${uniqueKey('wd')}&version=1`,
      editor,
      JSON.stringify(document),
    );
    expect(ok201.statusCode).toBe(201);
    expect(ok201.json()).toMatchObject({ requirements: 1, withdrawn: ['x-2'] });

    const bad = structuredClone(document) as Json;
    bad.catalog.groups[0].controls[0].title = 7;
    bad.catalog.uuid = 'nope';
    const refused = await request(
      t,
      'POST',
      `/oscal/catalogs?key=${uniqueKey('bad')}&version=1`,
      editor,
      JSON.stringify(bad),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Json>().error.problems.map((p: Json) => p.pointer)).toEqual([
      '/catalog/uuid',
      '/catalog/groups/0/controls/0/title',
    ]);
    const notJson = await request(
      t,
      'POST',
      `/oscal/catalogs?key=${uniqueKey('bad')}&version=1`,
      editor,
      '{',
    );
    expect(notJson.statusCode).toBe(400);

    const huge = Buffer.alloc(20 * 1024 * 1024 + 10, 0x20);
    const tooLarge = await request(
      t,
      'POST',
      `/oscal/catalogs?key=${uniqueKey('big')}&version=1`,
      editor,
      huge,
    );
    expect(tooLarge.statusCode).toBe(413);
  }, 60_000);

  it('takes the same token and permission rule as importOscalCatalog (agency EDITOR)', async () => {
    const body = oscalFixture(OSCAL_FILES.sampleCatalog);
    const url = () => `/oscal/catalogs?key=${uniqueKey('perm')}&version=1`;
    expect((await request(t, 'POST', url(), undefined, body)).statusCode).toBe(401);
    expect((await request(t, 'POST', url(), 'not-a-token', body)).statusCode).toBe(401);
    expect((await request(t, 'POST', url(), await agencyToken(t, Role.VIEWER), body)).statusCode).toBe(403);
    const supplier = await newSupplier(t);
    const supplierEditor = await supplier.token(Role.EDITOR);
    expect((await request(t, 'POST', url(), supplierEditor, body)).statusCode).toBe(403);
    expect((await request(t, 'POST', url(), await agencyToken(t, Role.ADMIN), body)).statusCode).toBe(201);
    const profile = JSON.stringify({ profile: { modify: { 'set-parameters': [] } } });
    expect(
      (await request(t, 'POST', '/oscal/baselines/x/profiles/basic', supplierEditor, profile)).statusCode,
    ).toBe(403);
  }, 60_000);
});
