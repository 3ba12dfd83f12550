import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.js';

/** The advisory lock that lets one starting instance at a time apply migrations (any fixed number). */
const MIGRATION_LOCK = 7_395_882_089;

/**
 * Applies pending migrations as the owner role (DATABASE_URL) on a connection of its own, closed
 * afterwards: the service's pool then works as the application role, which may not change the schema.
 * Instances starting together take turns on a PostgreSQL advisory lock, held on one more connection
 * for the duration: the first applies the migrations, the others then find none pending (TypeORM
 * itself does not serialise them, and two runs of one CREATE TABLE collide).
 */
export async function runMigrations(ownerUrl: string): Promise<void> {
  const lock = new pg.Client({
    connectionString: ownerUrl,
    application_name: 'assurance-registry migrations',
  });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const owner = new DataSource({
      ...dataSourceOptions({ url: ownerUrl, poolSize: 1, migrate: false, installExtensions: true }),
    });
    await owner.initialize();
    try {
      await owner.runMigrations({ transaction: 'each' });
    } finally {
      await owner.destroy();
    }
  } finally {
    // Ending the session releases the lock, also when a migration failed.
    await lock.end();
  }
}
