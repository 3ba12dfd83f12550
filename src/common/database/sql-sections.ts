import type { DataSource } from 'typeorm';

/** A row of a section, as PostgreSQL's JSON gives it: timestamps are ISO strings (see `dateOf`). */
export type JsonRow = Record<string, unknown>;

/**
 * One part of a page read by its owning service (with the caller's resource rules applied): a
 * SELECT with its own parameters $1…$n, and how its rows become the service's values.
 */
export interface SqlSection<T> {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly map: (rows: JsonRow[]) => T;
}

export function sqlSection<T>(
  sql: string,
  params: readonly unknown[],
  map: (rows: JsonRow[]) => T,
): SqlSection<T> {
  return { sql, params, map };
}

/** A timestamp of a JSON row (an ISO string) as a Date; null stays null. */
export function dateOf(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string);
}

type Results<S extends Record<string, SqlSection<unknown>>> = {
  [K in keyof S]: S[K] extends SqlSection<infer T> ? T : never;
};

/**
 * Reads several sections in ONE statement: each section becomes a scalar subquery aggregating its
 * rows (in the section's own order) into a JSON array, its parameters renumbered after the
 * previous sections'. Pages use it to stay within their statement budget while every section's
 * SQL and visibility rule stays in the service that owns the data.
 */
export async function readSections<S extends Record<string, SqlSection<unknown>>>(
  dataSource: DataSource,
  sections: S,
): Promise<Results<S>> {
  const keys = Object.keys(sections);
  if (keys.length === 0) return {} as Results<S>;
  const params: unknown[] = [];
  const columns = keys.map((key, i) => {
    const section = sections[key];
    const offset = params.length;
    params.push(...section.params);
    const sql = section.sql.replace(/\$(\d+)/g, (_match, n: string) => `$${Number(n) + offset}`);
    return `(SELECT coalesce(json_agg(x ORDER BY x.__n), '[]'::json)
               FROM (SELECT s.*, row_number() OVER () AS __n FROM (${sql}) s) x) AS s${i}`;
  });
  const [row] = await dataSource.query<Record<string, JsonRow[]>[]>(`SELECT ${columns.join(',\n')}`, params);
  const results: Record<string, unknown> = {};
  keys.forEach((key, i) => {
    results[key] = sections[key].map(row[`s${i}`]);
  });
  return results as Results<S>;
}
