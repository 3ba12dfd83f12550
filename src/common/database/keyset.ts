import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { encodeCursor, type CursorValue, type PageRequest } from '../graphql/cursor.js';
import { toConnection, type ConnectionShape } from '../graphql/connection.js';

export interface KeysetKey<E> {
  /** SQL expression in the query, e.g. `o.search_name`. */
  readonly column: string;
  readonly value: (row: E) => CursorValue;
}

/**
 * One page of a TypeORM query by keyset (stable under inserts, no OFFSET scans), plus the total.
 * All keys sort in the same direction; the last key must be unique (the id).
 */
export async function keysetConnection<E extends ObjectLiteral, T>(
  qb: SelectQueryBuilder<E>,
  keys: readonly KeysetKey<E>[],
  direction: 'ASC' | 'DESC',
  page: PageRequest,
  map: (row: E) => T,
): Promise<ConnectionShape<T>> {
  const totalCount = await qb.clone().getCount();
  const paged = qb.clone();
  if (page.after) {
    const columns = keys.map((k) => k.column).join(', ');
    const params = Object.fromEntries(page.after.map((v, i) => [`keyset${i}`, v]));
    const placeholders = keys.map((_, i) => `:keyset${i}`).join(', ');
    paged.andWhere(`(${columns}) ${direction === 'ASC' ? '>' : '<'} (${placeholders})`, params);
  }
  keys.forEach((k, i) =>
    i === 0 ? paged.orderBy(k.column, direction) : paged.addOrderBy(k.column, direction),
  );
  const rows = await paged.limit(page.first + 1).getMany();
  const cursorOf = (row: E): string => encodeCursor(keys.map((k) => k.value(row)));
  return toConnection(rows, page, totalCount, cursorOf, map);
}

/** Escapes LIKE wildcards in user text. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
