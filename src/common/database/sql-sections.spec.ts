import type { DataSource } from 'typeorm';
import { dateOf, readSections, sqlSection } from './sql-sections.js';

describe('readSections', () => {
  it('numbers each section’s parameters after the previous ones and maps each JSON array', async () => {
    const calls: { sql: string; params: unknown[] }[] = [];
    const dataSource = {
      query: async (sql: string, params: unknown[]) => {
        calls.push({ sql, params });
        return [{ s0: [{ n: 1 }], s1: [{ at: '2026-12-01T10:00:00+00:00' }] }];
      },
    } as unknown as DataSource;
    const read = await readSections(dataSource, {
      counts: sqlSection('SELECT $1::int AS n WHERE $2::text IS NULL', [1, null], (rows) => rows.length),
      times: sqlSection('SELECT $1::timestamptz AS at', ['x'], (rows) => rows.map((r) => dateOf(r.at))),
    });
    expect(read.counts).toBe(1);
    expect(read.times[0]?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(calls).toHaveLength(1);
    expect(calls[0].params).toEqual([1, null, 'x']);
    expect(calls[0].sql).toContain('SELECT $1::int AS n WHERE $2::text IS NULL');
    expect(calls[0].sql).toContain('SELECT $3::timestamptz AS at');
  });
});
