import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.js';

/**
 * Applies pending migrations as the owner role (DATABASE_URL) on a connection of its own, closed
 * afterwards: the service's pool then works as the application role, which may not change the schema.
 */
export async function runMigrations(ownerUrl: string): Promise<void> {
  const owner = new DataSource({
    ...dataSourceOptions({ url: ownerUrl, poolSize: 1, migrate: false, installExtensions: true }),
  });
  await owner.initialize();
  try {
    await owner.runMigrations({ transaction: 'each' });
  } finally {
    await owner.destroy();
  }
}
