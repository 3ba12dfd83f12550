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
