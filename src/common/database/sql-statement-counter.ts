import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';

interface Counter {
  statements: number;
}

const storage = new AsyncLocalStorage<Counter>();

/**
 * Counts the SQL statements issued while serving one request, so tests and the benchmark can
 * hold the hot paths to their bound. Cheap enough to stay on: one increment per statement.
 */
export const SqlStatementCounter = {
  run<T>(fn: () => T): T {
    return storage.run({ statements: 0 }, fn);
  },
  enter(): void {
    storage.enterWith({ statements: 0 });
  },
  current(): number | undefined {
    return storage.getStore()?.statements;
  },
  increment(): void {
    const counter = storage.getStore();
    if (counter) counter.statements += 1;
  },
};

export class CountingLogger implements TypeOrmLogger {
  constructor(private readonly onError: (message: string, error?: unknown) => void) {}

  logQuery(q?: string): void {
    if (process.env.SQL_TRACE && SqlStatementCounter.current() !== undefined)
      console.log('SQL', SqlStatementCounter.current(), String(q).replace(/\s+/g, ' ').slice(0, 160));
    SqlStatementCounter.increment();
  }
  logQueryError(error: string | Error, query: string): void {
    this.onError(`query failed: ${query.slice(0, 200)}`, error);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
