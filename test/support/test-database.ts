import pg from 'pg';

/** The database jest's globalSetup made for this run (a file of its own: the service tier loads no HTTP). */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is unset: run the tests with npm test (jest globalSetup)');
  return url;
}

/**
 * A new, empty database on the test server (the service migrates and seeds it at start), for tests
 * that must damage what they look at, and for those whose scheduler runs at a moved clock: its
 * sources act on every row of the database they run on, so on the shared one they would act on
 * other files' data at that file's time.
 */
export interface ScratchDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

export async function scratchDatabase(template?: string): Promise<ScratchDatabase> {
  const base = new URL(testDatabaseUrl());
  const name = `registry_scratch_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: base.toString() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Which database a test app or service context runs on (the run's shared one unless given). */
export interface DatabaseOptions {
  /** An existing database, e.g. a scratch one another app of the same file runs on. */
  readonly databaseUrl?: string;
  /**
   * A scratch database of its own, dropped when the app closes: for files whose scheduler runs at
   * a moved clock (see scratchDatabase).
   */
  readonly ownDatabase?: boolean;
}

export async function databaseFor(
  options: DatabaseOptions,
): Promise<{ url: string; release(): Promise<void> }> {
  if (!options.ownDatabase) return { url: options.databaseUrl ?? testDatabaseUrl(), release: async () => {} };
  const db = await scratchDatabase();
  return { url: db.url, release: () => db.drop() };
}
