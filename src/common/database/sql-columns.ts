import { epochMs } from './epoch-ms.js';

/**
 * Rows of hand-written SQL, typed where the SQL is written: one declaration names each value,
 * gives its SQL expression and its TypeScript type, and from it come both the SQL text (a SELECT
 * list, or one json_build_array) and a decoder to a named, typed object. Nothing is kept in step
 * by hand across a column string, a row interface and a mapper.
 *
 *   const SUPPLIER_ROW = columns('o_', (o) => ({
 *     id: text(`${o}.id`),
 *     orgNumber: text(`${o}.org_number`).orNull(),
 *     createdAt: timestamp(`${o}.created_at`),
 *   }));
 *   SUPPLIER_ROW.sql('o')    // "o.id AS o_id, o.org_number AS o_org_number, o.created_at AS o_created_at"
 *   SUPPLIER_ROW.read(row)   // { id: string; orgNumber: string | null; createdAt: Date }
 *
 * The SQL text is built once per alias and kept, so the statement's text (and so its prepared
 * statement and plan) is what it was when written by hand; decoding costs one small object per
 * row. Decoders accept the value as the pg driver parses it or as JSON gives it (readSections, a
 * json_build_array), so one declaration serves both: a timestamp may arrive as a Date or an ISO
 * string.
 */

/** A row as the driver (or JSON.parse) hands it over. */
export type SqlRow = Readonly<Record<string, unknown>>;

/**
 * How a value arrives and becomes its type: as it is (text, a boolean, an array, JSON), a number
 * (a bigint arrives as a string), a timestamp (a Date from the driver, an ISO string inside
 * JSON), or epoch milliseconds (epochMs). Kinds, not decoder functions: the readers below switch
 * on them inline, so decoding a row calls no function per value.
 */
type Kind = 'asIs' | 'number' | 'timestamp' | 'epoch';

function decode(kind: Kind, raw: unknown): unknown {
  if (raw == null) return null;
  switch (kind) {
    case 'asIs':
      return raw;
    case 'number':
      return Number(raw);
    case 'timestamp':
      return raw instanceof Date ? raw : new Date(raw as string);
    case 'epoch':
      // A number inside JSON; a bigint column arrives from the driver as a string.
      return new Date(typeof raw === 'number' ? raw : Number(raw));
  }
}

/** One selected value: its SQL expression and what the typed row holds for it. */
export class Column<T> {
  declare readonly __type?: T;

  constructor(
    readonly expr: string,
    readonly kind: Kind,
  ) {}

  /** The same value, which may be NULL (an outer join, a nullable column). */
  orNull(): Column<T | null> {
    return this;
  }
}

/** A JSON value kept as its text, parsed only when read (`parseJsonText`): most readers never do. */
export type JsonText<T> = string & { readonly __json?: T };

export function parseJsonText<T>(text: JsonText<T> | null, fallback: T): T {
  return text == null ? fallback : (JSON.parse(text) as T);
}

/** Text, uuid or a string enum (`text<Tier>('p.tier')`). */
export const text = <T extends string = string>(expr: string): Column<T> => new Column<T>(expr, 'asIs');
/** A number; a bigint (count(*)) arrives from the driver as a string. */
export const int = (expr: string): Column<number> => new Column<number>(expr, 'number');
export const bool = (expr: string): Column<boolean> => new Column<boolean>(expr, 'asIs');
/** An array or a JSON value, as the driver or JSON.parse gives it. */
export const json = <T>(expr: string): Column<T> => new Column<T>(expr, 'asIs');
/**
 * A text[] sent as JSON (`to_json(expr)`): the driver's JSON.parse is native, its array parser
 * walks the text character by character in JavaScript.
 */
export const textArray = <T extends string = string>(expr: string): Column<T[]> =>
  new Column<T[]>(`to_json(${expr})`, 'asIs');
/** A timestamptz: a Date from the driver, an ISO string inside JSON. */
export const timestamp = (expr: string): Column<Date> => new Column<Date>(expr, 'timestamp');
/**
 * A timestamptz packed as epoch milliseconds (epochMs), for values inside a json_build_array or
 * columns of hot rows: `new Date(ms)` is the Date the driver would have parsed (its text through
 * a regular expression), at a fraction of the cost. Its alias is then a bigint: a keyset compares
 * and sorts on the column itself (customerRequests' `keyset_at`).
 */
export const epoch = (expr: string): Column<Date> => new Column<Date>(epochMs(expr), 'epoch');
/** A JSON value sent as text (`expr::text`) inside a json_build_array, parsed on demand. */
export const jsonText = <T>(expr: string): Column<JsonText<T>> =>
  new Column<JsonText<T>>(`${expr}::text`, 'asIs');

type Spec = Record<string, Column<unknown>>;

/** The typed row a declaration decodes to. */
export type RowOf<S extends Spec> = { -readonly [K in keyof S]: S[K] extends Column<infer T> ? T : never };

/** The typed row of a `columns`/`jsonTuple` declaration. */
export type Decoded<D> = D extends Columns<infer R> ? R : D extends JsonTuple<infer R> ? R : never;

const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The declaration's SQL per table alias, rendered once each. */
function rendered<S extends Spec>(spec: (alias: string) => S, render: (s: S) => string) {
  const byAlias = new Map<string, string>();
  return (alias: string): string => {
    let sql = byAlias.get(alias);
    if (sql === undefined) {
      sql = render(spec(alias));
      byAlias.set(alias, sql);
    }
    return sql;
  };
}

/** A SELECT list whose values come back as columns named `prefix` + the key in snake case. */
export interface Columns<R> {
  /** `expr AS prefix_key, ...` with the table alias the declaration is given. */
  sql(alias: string): string;
  /** The column name a key is selected as, for SQL around the list (ORDER BY, a keyset). */
  name(key: keyof R & string): string;
  read(row: SqlRow): R;
  /** A reader of one value of the row, decoded, without building the whole typed row. */
  reader<K extends keyof R & string>(key: K): (row: SqlRow) => R[K];
}

export function columns<S extends Spec>(prefix: string, spec: (alias: string) => S): Columns<RowOf<S>> {
  // The decoders do not depend on the alias: any alias gives the same keys and kinds.
  const sample = spec('t');
  const keys = Object.keys(sample);
  const names = keys.map((key) => prefix + snakeCase(key));
  const kinds = keys.map((key) => sample[key].kind);
  return {
    sql: rendered(spec, (s) => keys.map((key, i) => `${s[key].expr} AS ${names[i]}`).join(', ')),
    name: (key) => names[keys.indexOf(key)],
    reader: (key) => {
      const i = keys.indexOf(key);
      const [name, kind] = [names[i], kinds[i]];
      type Value = RowOf<S>[typeof key];
      return kind === 'asIs' ? (row) => row[name] as Value : (row) => decode(kind, row[name]) as Value;
    },
    read(row) {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const raw = row[names[i]];
        out[keys[i]] = kinds[i] === 'asIs' ? raw : decode(kinds[i], raw);
      }
      return out as RowOf<S>;
    },
  };
}

/**
 * Named values sent as ONE JSON array column (`json_build_array(...)`): one JSON.parse instead of
 * a column each through the driver's per-type parsers, which on a page of 40 rows cost more than
 * the SQL. The order of the array is the declaration's, and only this module knows it.
 */
export interface JsonTuple<R> {
  /** `json_build_array(expr, ...)` with the table alias the declaration is given. */
  sql(alias: string): string;
  /**
   * The array seen through its names: each value is decoded when read (read it once), and
   * nothing else is copied. A copy into a fresh object of a few dozen keys per row costs more
   * than the rest of the mapping, in allocation and garbage collection.
   */
  view(values: readonly unknown[]): Readonly<R>;
  /**
   * As sql, with NULL in place of the values of `omitted` (same positions, so the same view reads
   * them, as null): for statements whose readers never ask for those values.
   */
  sqlWithout(alias: string, omitted: readonly (keyof R & string)[]): string;
}

export function jsonTuple<S extends Spec>(spec: (alias: string) => S): JsonTuple<RowOf<S>> {
  const sample = spec('t');
  const keys = Object.keys(sample);
  // One class per declaration with a getter per name: a view is one small object holding the
  // array, and a getter of each kind is its own small function (no call per value).
  class View {
    constructor(readonly values: readonly unknown[]) {}
  }
  const getter = (kind: Kind, i: number) => {
    switch (kind) {
      case 'asIs':
        return function (this: View) {
          return this.values[i];
        };
      case 'number':
        return function (this: View) {
          const raw = this.values[i];
          return raw == null ? null : Number(raw);
        };
      case 'epoch':
        return function (this: View) {
          const raw = this.values[i];
          return raw == null ? null : new Date(raw as number);
        };
      case 'timestamp':
        return function (this: View) {
          return decode(kind, this.values[i]);
        };
    }
  };
  keys.forEach((key, i) => {
    Object.defineProperty(View.prototype, key, { get: getter(sample[key].kind, i) });
  });
  const render = (s: S, omitted: readonly string[] = []) =>
    `json_build_array(${keys.map((key) => (omitted.includes(key) ? 'NULL' : s[key].expr)).join(',\n    ')})`;
  return {
    sql: rendered(spec, (s) => render(s)),
    view: (values) => new View(values) as unknown as RowOf<S>,
    sqlWithout: (alias, omitted) => render(spec(alias), omitted),
  };
}
