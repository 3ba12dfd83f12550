import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.js';

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** What `npm start` relies on: data reused across starts, and recovery after a crash. */
describe('embedded PostgreSQL', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'registry-embedded-'));
    chmodSync(dir, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its data across a clean restart', async () => {
    const first = await startEmbeddedPostgres({ dir, persistent: true, fast: true });
    await query(first.url, 'CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)');
    await first.stop();
    const second = await startEmbeddedPostgres({ dir, persistent: true, fast: true });
    try {
      expect(await query(second.url, 'SELECT x FROM kept')).toEqual([{ x: 42 }]);
    } finally {
      await second.stop();
    }
  });

  it('recovers from an orphaned server left by a killed process', async () => {
    // The first handle is dropped without stop(): the postmaster keeps running, as after kill -9 of node.
    await startEmbeddedPostgres({ dir, persistent: true, fast: true });
    const lines: string[] = [];
    const next = await startEmbeddedPostgres({
      dir,
      persistent: true,
      fast: true,
      log: (l) => lines.push(l),
    });
    try {
      expect(lines.join('\n')).toMatch(/orphaned PostgreSQL/);
      expect(await query(next.url, 'SELECT x FROM kept')).toEqual([{ x: 42 }]);
    } finally {
      await next.stop();
    }
  });

  it('refuses to start beside a service that still runs on the same data, and takes over once it is gone', async () => {
    // Another service (a live node process) started this postmaster and still runs.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const first = await startEmbeddedPostgres({ dir, persistent: true, fast: true });
      writeFileSync(join(dir, 'pg-owner'), `${other.pid}\n`);
      await expect(startEmbeddedPostgres({ dir, persistent: true, fast: true })).rejects.toThrow(
        /Another registry process .* is running/,
      );
      expect(await query(first.url, 'SELECT x FROM kept')).toEqual([{ x: 42 }]);
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    const next = await startEmbeddedPostgres({ dir, persistent: true, fast: true });
    try {
      expect(await query(next.url, 'SELECT x FROM kept')).toEqual([{ x: 42 }]);
    } finally {
      await next.stop();
    }
  });

  it('recovers from a stale postmaster.pid', async () => {
    writeFileSync(join(dir, 'pg', 'postmaster.pid'), '999999\n/nonexistent\n');
    const next = await startEmbeddedPostgres({ dir, persistent: true, fast: true });
    try {
      expect(await query(next.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await next.stop();
    }
  });
});
