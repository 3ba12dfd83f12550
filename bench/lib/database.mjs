import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A fresh database for one run: an embedded PostgreSQL in a temporary folder (the app's own
 * helper, from dist), or a new database on BENCH_DATABASE_URL's server, dropped at the end.
 */
export async function freshDatabase(config, log) {
  return once(await openDatabase(config, log));
}

/** Its stop() runs once, however often it is called (the run stops it early, cleanup again). */
function once(db) {
  let stopping = null;
  return { ...db, stop: () => (stopping ??= db.stop()) };
}

async function openDatabase(config, log) {
  if (config.databaseUrl) {
    const admin = new pg.Client({ connectionString: config.databaseUrl });
    await admin.connect();
    const name = `registry_bench_${process.pid}_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(config.databaseUrl);
    url.pathname = `/${name}`;
    log(`Database ${name} on ${url.host}`);
    return {
      url: url.toString(),
      embedded: false,
      dir: null,
      stop: async () => {
        const drop = new pg.Client({ connectionString: config.databaseUrl });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await drop.end();
      },
    };
  }
  const { startEmbeddedPostgres } = await import(
    new URL('../../dist/database/embedded-postgres.js', import.meta.url).href
  );
  const dir = mkdtempSync(join(tmpdir(), 'registry-bench-'));
  log(`Embedded PostgreSQL in ${dir}`);
  const db = await startEmbeddedPostgres({ dir, persistent: false, fast: true, log });
  return {
    url: db.url,
    embedded: true,
    dir,
    stop: async () => {
      try {
        await db.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The postmaster's pid (for CPU accounting of its backends). */
export async function postmasterPid(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client
      .query(`SELECT pg_read_file('postmaster.pid') AS pid`)
      .catch(() => ({ rows: [] }));
    if (rows[0]) return Number(String(rows[0].pid).split('\n')[0]);
    return null;
  } finally {
    await client.end();
  }
}
