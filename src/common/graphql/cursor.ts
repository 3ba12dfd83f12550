import { BadUserInputError } from '../errors/domain-error.js';
import { DEFAULT_PAGE_SIZE } from './connection.js';

/** Keyset cursors: the sort key values of the last row, opaque to clients. */
export type CursorValue = string | number | null;

export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * What each cursor value must be, so a forged or damaged cursor is the caller's BAD_USER_INPUT
 * naming `after` and never reaches SQL (where it would fail as a 500 with the statement logged).
 * `instant`: a timestamp as ISO 8601 or PostgreSQL text; `int`: a whole number (or its digits).
 */
export type CursorKind = 'text' | 'uuid' | 'instant' | 'int';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/;

function fits(value: unknown, kind: CursorKind): boolean {
  switch (kind) {
    case 'text':
      return typeof value === 'string' && value.length <= 1000;
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'instant':
      // PostgreSQL writes "+00" for the zone, which Date.parse does not read: make it "+00:00".
      return (
        typeof value === 'string' &&
        INSTANT.test(value) &&
        !Number.isNaN(Date.parse(value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')))
      );
    case 'int':
      return (
        (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) ||
        (typeof value === 'string' && /^\d{1,19}$/.test(value))
      );
  }
}

export function decodeCursor(cursor: string, kinds: readonly CursorKind[]): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === kinds.length &&
      values.every((v, i) => fits(v, kinds[i]))
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the error below
  }
  throw BadUserInputError.field('after', 'is not a cursor returned by this connection');
}

export interface PageRequest {
  readonly first: number;
  readonly after: CursorValue[] | null;
}

export function pageRequest(
  args: { first?: number | null; after?: string | null },
  kinds: readonly CursorKind[],
): PageRequest {
  return {
    first: args.first ?? DEFAULT_PAGE_SIZE,
    after: args.after ? decodeCursor(args.after, kinds) : null,
  };
}

/** Cursor shapes used by most connections: newest/oldest first by time, or by name; id last. */
export const BY_TIME: readonly CursorKind[] = ['instant', 'uuid'];
export const BY_NAME: readonly CursorKind[] = ['text', 'uuid'];
