import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory.js';
import { signToken } from './auth/token-signer.js';
import { Role } from './common/actor.js';
import { type AppConfig, ConfigError, loadConfig } from './common/config/app-config.js';
import { withDevSecrets } from './common/config/dev-secrets.js';
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

async function banner(config: AppConfig, dataSource: DataSource, embedded: boolean): Promise<void> {
  const lines = [`Assurance registry listening on ${config.publicUrl}/graphql`];
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
      `    -d '{"query":"{ viewer { subject organization { name } roles } }"}'`,
      '',
      'Mint others (an organisation id or organisation number; roles ADMIN, EDITOR, VIEWER):',
      `  npm run token -- --org ${org} --role ADMIN --sub someone --ttl 1h`,
    );
    if (stockholm)
      lines.push(
        `  npm run token -- --org ${organizationId(stockholm.id)} --role VIEWER   # Stockholm kommun`,
      );
  }
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const config = readConfig();
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dir: config.dataDir,
      persistent: true,
      log: (l) => console.log(l),
    });
    databaseUrl = embedded.url;
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
    app = await createApp(config, databaseUrl);
    await app.listen({ port: config.port, host: config.host });
    await banner(config, app.get(DataSource), embedded !== undefined);
  } catch (error) {
    console.error('The registry could not start:', error instanceof Error ? error.message : error);
    await stop(1);
  }
}

void main();
