import { BadUserInputError } from '../../common/errors/domain-error.js';
import { parseOscalCatalog } from './oscal-import.js';

const metadata = {
  title: 'T',
  'last-modified': '2026-01-01T00:00:00Z',
  version: '1',
  'oscal-version': '1.1.2',
};
const catalog = (body: Record<string, unknown>) => ({
  catalog: { uuid: '0f8d7d1e-4b7a-4a54-9c57-9f7b0d7d2a12', metadata, ...body },
});

function problems(document: unknown): string[] {
  try {
    parseOscalCatalog(document);
  } catch (error) {
    if (error instanceof BadUserInputError) return error.violations.map((v) => v.field);
    throw error;
  }
  return [];
}

describe('parseOscalCatalog', () => {
  it('names a misplaced value by its JSON pointer', () => {
    expect(problems(catalog({ groups: [{ title: 'x', controls: 'no' }] }))).toEqual([
      'document/catalog/groups/0/controls',
    ]);
  });

  it('stops at ten levels of nesting', () => {
    let group: Record<string, unknown> = { title: 'deepest' };
    for (let i = 0; i < 12; i++) group = { title: `level ${i}`, groups: [group] };
    const fields = problems(catalog({ groups: [group] }));
    expect(fields).toHaveLength(1);
    expect(fields[0]).toMatch(/^document\/catalog(\/groups\/0){11}$/);
  });

  it('reports at most fifty problems', () => {
    const controls = Array.from({ length: 60 }, () => ({ id: 'x y' }));
    expect(problems(catalog({ controls })).length).toBe(50);
  });

  it('reads the statement items and ignores parts it does not know', () => {
    const parsed = parseOscalCatalog(
      catalog({
        controls: [
          {
            id: 'ab-01',
            title: 'Control',
            parts: [
              { name: 'overview', prose: 'Ignored.' },
              {
                name: 'statement',
                parts: [
                  { name: 'item', prose: 'One.' },
                  { name: 'item', prose: 'Two.' },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(parsed.requirements[0].raw).toMatchObject({
      code: 'AB-01',
      // Statement items keep a line each (issue 19: lists keep their structure).
      statement: 'One.\nTwo.',
      category: 'General',
    });
    expect(parsed.requirements[0].at('statement')).toBe('document/catalog/controls/0/parts/1/prose');
    expect(parsed.requirements[0].at('title')).toBe('document/catalog/controls/0/title');
  });
});
