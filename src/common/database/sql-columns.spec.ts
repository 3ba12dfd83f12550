import {
  bool,
  columns,
  type Decoded,
  epoch,
  int,
  json,
  jsonText,
  jsonTuple,
  parseJsonText,
  text,
  timestamp,
} from './sql-columns.js';

const THING = columns('t_', (t) => ({
  id: text(`${t}.id`),
  orgNumber: text(`${t}.org_number`).orNull(),
  count: int(`count(${t}.id)`),
  createdAt: timestamp(`${t}.created_at`),
  tags: json<string[]>(`${t}.tags`),
}));

describe('columns', () => {
  it('writes the SELECT list with the alias it is given, each value named prefix + snake case', () => {
    expect(THING.sql('x')).toBe(
      'x.id AS t_id, x.org_number AS t_org_number, count(x.id) AS t_count, x.created_at AS t_created_at, x.tags AS t_tags',
    );
    expect(THING.name('orgNumber')).toBe('t_org_number');
  });

  it('decodes a driver row and a JSON row to the same typed row', () => {
    const at = new Date('2026-12-01T13:05:00.123Z');
    const fromDriver = THING.read({
      t_id: 'a',
      t_org_number: null,
      t_count: '3',
      t_created_at: at,
      t_tags: ['x'],
    });
    const fromJson = THING.read({
      t_id: 'a',
      t_org_number: null,
      t_count: 3,
      t_created_at: '2026-12-01T13:05:00.123+00:00',
      t_tags: ['x'],
    });
    const expected: Decoded<typeof THING> = {
      id: 'a',
      orgNumber: null,
      count: 3,
      createdAt: at,
      tags: ['x'],
    };
    expect(fromDriver).toEqual(expected);
    expect(fromJson).toEqual(expected);
  });
});

const FACTS = jsonTuple((p) => ({
  key: text('s.key').orNull(),
  since: epoch('s.since').orNull(),
  open: bool('s.id IS NOT NULL'),
  applicable: int(`(SELECT count(*) FROM r WHERE r.tier = ${p}.tier)`).orNull(),
  detail: jsonText<{ code: string }[]>('s.detail').orNull(),
}));

describe('jsonTuple', () => {
  it('writes one json_build_array in the order of the declaration', () => {
    expect(FACTS.sql('q')).toBe(
      `json_build_array(s.key,\n    (extract(epoch FROM date_trunc('milliseconds', s.since)) * 1000)::bigint,\n    s.id IS NOT NULL,\n    (SELECT count(*) FROM r WHERE r.tier = q.tier),\n    s.detail::text)`,
    );
  });

  it('reads the array by name, epoch milliseconds as Dates, JSON text on demand', () => {
    const { key, since, open, applicable, detail } = FACTS.view([
      'k',
      1764594300123,
      true,
      7,
      '[{"code":"A"}]',
    ]);
    expect({ key, since, open, applicable, detail }).toEqual({
      key: 'k',
      since: new Date(1764594300123),
      open: true,
      applicable: 7,
      detail: '[{"code":"A"}]',
    });
    expect(parseJsonText(detail, [])).toEqual([{ code: 'A' }]);
  });

  it('keeps NULLs as null', () => {
    const { key, since, open, applicable, detail } = FACTS.view([null, null, false, null, null]);
    expect({ key, since, open, applicable, detail }).toEqual({
      key: null,
      since: null,
      open: false,
      applicable: null,
      detail: null,
    });
    expect(parseJsonText(detail, [])).toEqual([]);
  });
});
