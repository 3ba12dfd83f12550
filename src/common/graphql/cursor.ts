import { BadUserInputError } from '../errors/domain-error.js';
import { DEFAULT_PAGE_SIZE } from './connection.js';

/** Keyset cursors: the sort key values of the last row, opaque to clients. */
export type CursorValue = string | number | null;

export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
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
  arity: number,
): PageRequest {
  return {
    first: args.first ?? DEFAULT_PAGE_SIZE,
    after: args.after ? decodeCursor(args.after, arity) : null,
  };
}
