import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { CountingLogger } from './sql-statement-counter.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export interface DatabaseSettings {
  readonly url: string;
  readonly poolSize: number;
  readonly migrate: boolean;
  readonly onError?: (message: string, error?: unknown) => void;
}

/** How long a request waits for a pooled connection before it gets a retryable error. */
export const POOL_WAIT_MS = 2000;

export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    // Listed explicitly: glob loading breaks under Jest's ESM mode.
    migrations: MIGRATIONS,
    migrationsRun: settings.migrate,
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    logger: new CountingLogger(settings.onError ?? (() => undefined)),
    extra: {
      max: settings.poolSize,
      connectionTimeoutMillis: POOL_WAIT_MS,
      application_name: 'assurance-registry',
    },
  };
}
