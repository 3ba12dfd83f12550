import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { freePort } from '../../src/database/embedded-postgres.js';

const run = promisify(execFile);

/** The environment of a developer's shell: none of the test run's database or secret. */
export function developerEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...extra };
  const testOnly = [
    'DATABASE_URL',
    'TEST_DATABASE_URL',
    'TEST_SUPERUSER_URL',
    'AUTH_JWT_SECRET',
    'SEED_EXAMPLE_BASELINE',
  ];
  for (const name of [...testOnly, 'NODE_OPTIONS', 'PORT']) if (!(name in extra)) delete env[name];
  return env;
}

/** Compiles dist/ when the sources changed (what npm start does first). */
export function ensureBuild(): void {
  execFileSync(process.execPath, ['scripts/ensure-build.mjs', '--quiet'], { stdio: 'inherit' });
}

export interface SpawnedService {
  readonly url: string;
  readonly output: () => string;
  /** Milliseconds from spawn to the "[listening]" line. */
  readonly startMs: number;
  stop(): Promise<void>;
}

/** `node dist/main.js` as `npm start` runs it, with its own DATA_DIR; resolves once listening. */
export async function spawnService(dataDir: string, timeoutMs = 400_000): Promise<SpawnedService> {
  const port = await freePort();
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, ['dist/main.js'], {
    env: developerEnv({ DATA_DIR: dataDir, PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listening = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGINT'); // it stops its embedded PostgreSQL on the way out
      reject(new Error(`not listening in time:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('[listening]')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code}:\n${output}`));
    });
  });
  await listening;
  const startMs = Date.now() - started;
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    startMs,
    async stop() {
      if (child.exitCode !== null) return;
      child.removeAllListeners('exit');
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      await exited;
    },
  };
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs an npm script the way a user types it (`npm run --silent name -- args`). */
export async function npmRun(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const started = Date.now();
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', script, '--', ...args], { env });
    return { code: 0, stdout, stderr, ms: Date.now() - started };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '', ms: Date.now() - started };
  }
}
