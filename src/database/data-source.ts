import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';
import { CountingLogger } from '../common/database/sql-statement-counter.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/**
 * The role the service works as (created by migration CreateApplicationRole): ordinary privileges
 * on the registry's tables, only SELECT and INSERT on the audit trail, owner of nothing.
 */
export const APP_ROLE = 'registry_app';

export interface DatabaseSettings {
  readonly url: string;
  /** Switch every connection to this role at connect (`-c role=...`): when the URL is the owner's. */
  readonly role?: string;
  readonly poolSize: number;
  readonly migrate: boolean;
  /** Let TypeORM create missing extensions at connect (owner connections only). */
  readonly installExtensions?: boolean;
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
    // The application role may not create extensions; migrations (as the owner) install them.
    installExtensions: settings.installExtensions ?? settings.migrate,
    logger: new CountingLogger(settings.onError ?? (() => undefined)),
    extra: {
      max: settings.poolSize,
      connectionTimeoutMillis: POOL_WAIT_MS,
      application_name: 'assurance-registry',
      ...(settings.role ? { options: `-c role=${settings.role}` } : {}),
    },
  };
}

/**
 * How the service connects: with DATABASE_APP_URL when set (its own login role, production), else
 * with the owner's URL switching to APP_ROLE at connect (development, tests, embedded PostgreSQL).
 */
export function appConnection(ownerUrl: string, appUrl: string | undefined): { url: string; role?: string } {
  return appUrl ? { url: appUrl } : { url: ownerUrl, role: APP_ROLE };
}
