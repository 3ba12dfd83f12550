import type { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';

interface PgPoolLike extends EventEmitter {
  /** pg-pool's list of its clients (idle and checked out). */
  readonly _clients?: readonly EventEmitter[];
}

const GUARDED = Symbol('registry.clientErrorGuard');

/**
 * Gives every pooled PostgreSQL client an `error` listener for its whole life. pg emits `error` on
 * a client when the server ends its connection (a crash, a restart, a terminated backend); pg-pool
 * listens only while the client is idle, and a client that is checked out between two statements
 * with nobody listening would take the whole process down with an unhandled `error` event. The
 * query that was using the client fails on its own and is answered as SERVICE_UNAVAILABLE; the
 * pool drops the broken client when it is released.
 */
export function guardPoolClientErrors(dataSource: DataSource, onError: (error: Error) => void): void {
  const pool = (dataSource.driver as unknown as { master?: PgPoolLike }).master;
  if (!pool) return;
  const guard = (client: EventEmitter) => {
    const marked = client as EventEmitter & { [GUARDED]?: true };
    if (marked[GUARDED]) return;
    marked[GUARDED] = true;
    client.on('error', onError);
  };
  for (const client of pool._clients ?? []) guard(client);
  pool.on('connect', guard);
}
