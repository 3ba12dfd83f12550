import { Role } from '../src/common/actor.js';
import { agencyToken, uniqueKey } from './support/baselines.js';
import { request } from './support/oscal.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/*
 * A small OSCAL 1.1 catalog written for this test (the registry's own text, not NIST's): nested
 * groups, a control with parameters and a numbered statement, an enhancement, a withdrawn control.
 * The conformance suite (npm run test:oscal-conformance) runs NIST's own catalogs and schemas.
 */
const catalog = {
  catalog: {
    uuid: '0b0d2a53-2a49-4c8e-9d5f-0f1b5a0c6e11',
    metadata: {
      title: 'Testkatalog',
      'last-modified': '2026-12-01T12:00:00Z',
      version: '1',
      'oscal-version': '1.1.2',
    },
    groups: [
      {
        id: 'drift',
        title: 'Drift',
        groups: [
          {
            id: 'kont',
            title: 'Kontinuitet',
            controls: [
              {
                id: 'kont-1',
                class: 'SP800-53',
                title: 'Säkerhetskopiering',
                params: [
                  {
                    id: 'kont-1_prm_1',
                    label: 'frequency',
                    guidelines: [{ prose: 'How often backups are taken.' }],
                  },
                ],
                props: [{ name: 'label', value: 'KONT-1' }],
                parts: [
                  {
                    id: 'kont-1_smt',
                    name: 'statement',
                    parts: [
                      {
                        id: 'kont-1_smt.a',
                        name: 'item',
                        props: [{ name: 'label', value: 'a.' }],
                        prose: 'Take backups {{ insert: param, kont-1_prm_1 }}; and',
                        parts: [
                          {
                            id: 'kont-1_smt.a.1',
                            name: 'item',
                            props: [{ name: 'label', value: '1.' }],
                            prose: 'keep one copy offline.',
                          },
                        ],
                      },
                      {
                        id: 'kont-1_smt.b',
                        name: 'item',
                        props: [{ name: 'label', value: 'b.' }],
                        prose: 'Test restores.',
                      },
                    ],
                  },
                  { id: 'kont-1_gdn', name: 'guidance', prose: 'Backups protect against ransomware.' },
                ],
                controls: [
                  {
                    id: 'kont-1.1',
                    class: 'SP800-53-enhancement',
                    title: 'Oföränderliga kopior',
                    props: [{ name: 'label', value: 'KONT-1(1)' }],
                    parts: [{ id: 'kont-1.1_smt', name: 'statement', prose: 'Keep immutable copies.' }],
                  },
                ],
              },
              {
                id: 'kont-2',
                title: 'Gammal kontroll',
                props: [{ name: 'status', value: 'withdrawn' }],
                parts: [{ id: 'kont-2_smt', name: 'statement', prose: 'Withdrawn.' }],
              },
            ],
          },
        ],
      },
    ],
  },
};

const REQUIREMENTS = `query OwnCatalogRequirements($id: ID!) { baseline(id: $id) { requirements(first: 100) {
  edges { node { code sourceId title statement guidance parent { sourceId code } parameters { id label guidelines value } } }
} } }`;

describe('OSCAL catalogs: a catalog with nested groups, parameters, enhancements and a withdrawn control', () => {
  let t: TestApp;
  let editor: string;

  beforeAll(async () => {
    t = await createTestApp();
    editor = await agencyToken(t, Role.EDITOR);
  });
  afterAll(() => t.close());

  it('imports it with the source ids, parents, parameters and numbered statement text kept', async () => {
    const response = await request(
      t,
      'POST',
      `/oscal/catalogs?key=${uniqueKey('own-catalog')}&version=1`,
      editor,
      JSON.stringify(catalog),
    );
    expect(response.statusCode).toBe(201);
    const report = response.json<Json>();
    expect(report).toMatchObject({ requirements: 2, baseline: { status: 'DRAFT' } });
    expect(JSON.stringify(report.withdrawn)).toContain('kont-2');

    const nodes: Json[] = ok(
      await t.gql<Json>(REQUIREMENTS, { id: report.baseline.id }, editor),
    ).baseline.requirements.edges.map((e: Json) => e.node);
    const bySource = new Map(nodes.map((n) => [n.sourceId, n]));
    expect([...bySource.keys()].sort()).toEqual(['kont-1', 'kont-1.1']);

    const control = bySource.get('kont-1')!;
    expect(control).toMatchObject({ code: 'KONT-1', title: 'Säkerhetskopiering', parent: null });
    expect(control.statement).toBe(
      'a. Take backups [Assignment: organization-defined frequency]; and\n  1. keep one copy offline.\nb. Test restores.',
    );
    expect(control.guidance).toBe('Backups protect against ransomware.');
    expect(control.parameters).toEqual([
      { id: 'kont-1_prm_1', label: 'frequency', guidelines: 'How often backups are taken.', value: null },
    ]);
    expect(bySource.get('kont-1.1')).toMatchObject({
      code: 'KONT-1(1)',
      parent: { sourceId: 'kont-1', code: 'KONT-1' },
      statement: 'Keep immutable copies.',
    });
  });

  it('is the agency EDITOR’s: an agency VIEWER and a missing token are refused', async () => {
    const body = JSON.stringify(catalog);
    const url = `/oscal/catalogs?key=${uniqueKey('own-catalog')}&version=1`;
    expect((await request(t, 'POST', url, undefined, body)).statusCode).toBe(401);
    const viewer = await agencyToken(t, Role.VIEWER);
    expect([403, 404]).toContain((await request(t, 'POST', url, viewer, body)).statusCode);
  });
});
