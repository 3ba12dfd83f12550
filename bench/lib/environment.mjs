import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { postmasterOf } from './processes.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What a report says about the machine, PostgreSQL and the code measured; and the postmaster's pid. */
export async function environment(url, config) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const version = (await client.query('SELECT version() AS v')).rows[0].v.split(' on ')[0];
  const settings = (
    await client.query(
      `SELECT name, setting || coalesce(unit, '') AS value FROM pg_settings
        WHERE name IN ('shared_buffers', 'work_mem', 'fsync', 'synchronous_commit', 'max_connections', 'jit')`,
    )
  ).rows;
  const backend = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  // Read while the backend lives: its parent is the postmaster.
  const postmaster = postmasterOf(backend);
  await client.end();
  const git = (args) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  const version_ = (pkg) => {
    try {
      return JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
    } catch {
      return null;
    }
  };
  return {
    env: {
      node: process.version,
      postgres: version,
      postgresSettings: Object.fromEntries(settings.map((s) => [s.name, s.value])),
      database: config.databaseUrl
        ? `a fresh database on BENCH_DATABASE_URL's server (${new URL(config.databaseUrl).host})`
        : 'embedded PostgreSQL in a temporary folder',
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      loadAverage: {
        start: loadavg()
          .map((l) => l.toFixed(2))
          .join(' '),
        end: null,
      },
      commit: git(['rev-parse', '--short', 'HEAD']),
      dirty: (git(['status', '--porcelain']) ?? '').split('\n').filter(Boolean).length,
      autocannon: version_('autocannon'),
      mercurius: version_('mercurius'),
      graphqlEnv: 'production (SQL statements counted on a development start before the load)',
      poolSize: 10,
    },
    postmaster,
  };
}
