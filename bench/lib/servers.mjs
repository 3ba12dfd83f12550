import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './processes.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The registry as it runs in production (NODE_ENV also switches graphql-js' development checks
 * off), or with `development: true` only to count SQL statements: the x-sql-statements header is
 * sent outside production only.
 */
export async function startGraphql(db, secret, dataDir, port, { extraArgs = [], development = false, log }) {
  return startServer({
    name: `GraphQL server (${development ? 'development' : 'production'})`,
    args: [...extraArgs, join(ROOT, 'dist/main.js')],
    env: {
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      // Production refuses a non-https public URL; it only appears in links the bench never follows.
      PUBLIC_URL: development ? `http://127.0.0.1:${port}` : 'https://registry.bench.invalid',
      NODE_ENV: development ? 'development' : 'production',
      LOG_LEVEL: 'error',
      BACKGROUND_JOBS: 'false',
      SEED_EXAMPLE_BASELINE: 'false',
      AUTH_JWT_SECRET: secret,
      DATA_DIR: dataDir,
      DB_POOL_SIZE: '10',
      // S7 measures the public page, not its per-address limiter (every request comes from 127.0.0.1).
      PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
    },
    readyUrl: `http://127.0.0.1:${port}/health/ready`,
    log,
  });
}

/** A bench server of its own (bench/<dir>/server.mjs): DATABASE_URL, the token secret, a pool of 10. */
function startBenchServer(name, script, db, secret, port, log, env = {}) {
  return startServer({
    name,
    args: [join(ROOT, script)],
    env: {
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: secret,
      DB_POOL_SIZE: '10',
      ...env,
    },
    readyUrl: `http://127.0.0.1:${port}/health`,
    log,
  });
}

/** The raw node:http + pg server: one hand-written statement per question, the honest best. */
export function startRaw(db, secret, port, log) {
  return startBenchServer('raw server', 'bench/raw-server/server.mjs', db, secret, port, log);
}

/** The floor server (bench:floor): Fastify + Mercurius JIT with the raw statements; `wide` rows on S1. */
export function startFloor(db, secret, port, wide, log) {
  return startBenchServer(
    wide ? 'floor server (wide row)' : 'floor server',
    'bench/floor-server/server.mjs',
    db,
    secret,
    port,
    log,
    { NODE_ENV: 'production', FLOOR_WIDE: wide ? '1' : '0' },
  );
}
