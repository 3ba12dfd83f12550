import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory.js';
import { signToken } from './auth/token-signer.js';
import { Role } from './common/actor.js';
import { type AppConfig, ConfigError, loadConfig } from './common/config/app-config.js';
import { withDevSecrets } from './common/config/dev-secrets.js';
import { dataSourceOptions } from './common/database/data-source.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './common/database/embedded-postgres.js';
import { organizationId } from './organizations/organization.mapper.js';

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

async function banner(config: AppConfig, dataSource: DataSource, embedded: boolean): Promise<void> {
  const lines: string[] = [];
  if (config.env === 'development') lines.push(`GraphiQL (development only): ${config.publicUrl}/graphiql`);
  if (embedded)
    lines.push(`Embedded PostgreSQL with its data in ${config.dataDir}/pg (unset DATA_DIR to keep ./data)`);
  const secret = config.auth.jwtSecret;
  if (secret) {
    const [agency] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM organization WHERE kind = 'AGENCY'`,
    );
    const [stockholm] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM organization WHERE municipality_code = '0180'`,
    );
    const org = organizationId(agency.id);
    const tokenCommand = process.env.DATA_DIR ? `DATA_DIR=${config.dataDir} npm run token` : 'npm run token';
    const token = await signToken({
      secret,
      org,
      roles: [Role.ADMIN],
      subject: 'agency-admin',
      ttl: '12h',
      issuer: config.auth.issuer,
      audience: config.auth.audience,
    });
    lines.push(
      '',
      'An agency ADMIN token, valid 12 hours:',
      '',
      `export TOKEN=${token}`,
      '',
      'Try it:',
      `  curl -s ${config.publicUrl}/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`,
      `    -d '{"query":"query Me { viewer { subject organization { name } roles } }"}'`,
      '',
      'Mint others (an organisation id or organisation number; roles ADMIN, EDITOR, VIEWER);',
      `run them with the same DATA_DIR (${config.dataDir}) or AUTH_JWT_SECRET as this service:`,
      `  ${tokenCommand} -- --org ${org} --role ADMIN --sub someone --ttl 1h`,
    );
    if (stockholm)
      lines.push(
        `  ${tokenCommand} -- --org ${organizationId(stockholm.id)} --role VIEWER   # Stockholms stad`,
      );
  }
  // One write, so the listening line and the way to a token arrive together.
  stage('listening', `Assurance registry listening on ${config.publicUrl}/graphql\n${lines.join('\n')}`);
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
    await banner(config, app.get(DataSource), embedded !== undefined);
  } catch (error) {
    console.error('The registry could not start:', error instanceof Error ? error.message : error);
    await stop(1);
  }
}

void main();
