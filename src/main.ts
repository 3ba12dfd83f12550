import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory.js';
import { type AppConfig, ConfigError, loadConfig } from './common/config/app-config.js';
import { withDevSecrets } from './common/config/dev-secrets.js';
import { dataSourceOptions } from './database/data-source.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres.js';
import { startBanner } from './start-banner.js';

function readConfig(): AppConfig {
  try {
    return withDevSecrets(loadConfig());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const startedAt = Date.now();

/** One line per start-up stage, as it happens, with the seconds since the process started. */
function stage(name: string, text: string): void {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1).padStart(5);
  console.log(`[${seconds}s] [${name}] ${text}`);
}

/** Applies pending migrations here (instead of inside the app) so each one can be reported. */
async function migrate(config: AppConfig, databaseUrl: string): Promise<void> {
  if (!config.dbMigrate) {
    stage('migrations', 'DB_MIGRATE=false: not applying migrations');
    return;
  }
  const dataSource = new DataSource({
    ...dataSourceOptions({ url: databaseUrl, poolSize: 1, migrate: false }),
    migrationsRun: false,
  });
  await dataSource.initialize();
  try {
    if (!(await dataSource.showMigrations())) {
      stage('migrations', 'Schema is up to date');
      return;
    }
    stage('migrations', 'Applying pending migrations ...');
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) stage('migrations', `Applied ${migration.name}`);
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  stage('config', `NODE_ENV=${config.env}, DATA_DIR=${config.dataDir}`);
  if (!databaseUrl) {
    stage('database', `Starting the embedded PostgreSQL in ${config.dataDir}/pg ...`);
    embedded = await startEmbeddedPostgres({
      dir: config.dataDir,
      persistent: true,
      log: (l) => stage('database', l),
    });
    databaseUrl = embedded.url;
    stage('database', 'Embedded PostgreSQL is running');
  } else {
    stage('database', 'Using DATABASE_URL');
  }
  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    try {
      await app?.close();
    } finally {
      await embedded?.stop();
      process.exit(code);
    }
  };
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  try {
    await migrate(config, databaseUrl);
    stage(
      'service',
      'Starting the service; seeding reference data (agency, 290 municipalities, 20 regions) when missing ...',
    );
    app = await createApp(config, databaseUrl);
    stage('service', 'Ready');
    await app.listen({ port: config.port, host: config.host });
    stage('listening', await startBanner(config, app.get(DataSource), embedded !== undefined));
  } catch (error) {
    console.error('The registry could not start:', error instanceof Error ? error.message : error);
    await stop(1);
  }
}

void main();
