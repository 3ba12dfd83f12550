import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlStatementCounter } from './sql-statement-counter.js';

interface PgPool {
  query(config: { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: unknown[] }>;
}

/** TypeORM's PostgreSQL query runner: its pg client once connected. */
interface PgQueryRunner {
  databaseConnection?: PgPool;
  connect(): Promise<PgPool>;
}

const names = new Map<string, string>();

/** A stable statement name per SQL text: the same text always gets the same name on every connection. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `q_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A read on the hot paths as a named prepared statement. PostgreSQL parses and plans such a
 * statement once per connection instead of on every request, and the client sends only the
 * parameters after the first use: on the dashboard queries planning costs as much as executing.
 * Use it for fixed SQL texts only (the name is derived from the text, and every distinct text
 * stays prepared on each pooled connection). Reads only: writes use preparedWrite in their transaction.
 *
 * Behind a connection pooler in transaction mode, prepared statements need PgBouncer 1.21+
 * (max_prepared_statements); see the README.
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  text: string,
  values: readonly unknown[],
): Promise<T[]> {
  SqlStatementCounter.increment();
  const pool = (dataSource.driver as unknown as { master: PgPool }).master;
  const result = await pool.query({ name: nameOf(text), text, values });
  return result.rows as T[];
}

/**
 * A fixed statement of the write path (the assessment lock, the findings' write, the audit append)
 * as a named prepared statement on the transaction's own connection: PostgreSQL parses and plans
 * it once per connection, where an unnamed statement is parsed and planned on every write (about
 * half of such a write's PostgreSQL time). `em` is the WriteContext's transactional manager.
 */
export async function preparedWrite<T>(
  em: EntityManager,
  text: string,
  values: readonly unknown[],
): Promise<T[]> {
  const runner = em.queryRunner as unknown as PgQueryRunner | undefined;
  if (!runner) throw new Error('preparedWrite runs inside a transaction (WriteContext.em)');
  const client = runner.databaseConnection ?? (await runner.connect());
  SqlStatementCounter.increment();
  const result = await client.query({ name: nameOf(text), text, values });
  return result.rows as T[];
}
