import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory.js';
import { type AppConfig, ConfigError, loadConfig } from './common/config/app-config.js';
import { withDevSecrets } from './common/config/dev-secrets.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './common/database/embedded-postgres.js';
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
    console.log(await startBanner(config, app.get(DataSource), embedded !== undefined));
  } catch (error) {
    console.error('The registry could not start:', error instanceof Error ? error.message : error);
    await stop(1);
  }
}

void main();
