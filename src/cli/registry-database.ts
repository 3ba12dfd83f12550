import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../common/config/app-config.js';

export interface DatabaseLocation {
  readonly url: string;
  /** Said to the user: where the organisation was looked up. */
  readonly description: string;
}

/**
 * The database the service uses: DATABASE_URL when set, otherwise the embedded cluster the running
 * service started under DATA_DIR (its port is in `DATA_DIR/pg/postmaster.pid`, its password in
 * `DATA_DIR/pg-password`). Null when neither is available (the service is not running).
 */
export function registryDatabase(config: AppConfig): DatabaseLocation | null {
  if (config.databaseUrl) {
    const shown = new URL(config.databaseUrl);
    shown.password = shown.password ? '***' : '';
    return { url: config.databaseUrl, description: `DATABASE_URL (${shown.toString()})` };
  }
  const pidFile = join(config.dataDir, 'pg', 'postmaster.pid');
  const passwordFile = join(config.dataDir, 'pg-password');
  if (!existsSync(pidFile) || !existsSync(passwordFile)) return null;
  // postmaster.pid: pid, data directory, start time, port, socket directory, listen address, ...
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const port = Number(lines[3]);
  if (!Number.isInteger(port) || port <= 0) return null;
  const password = readFileSync(passwordFile, 'utf8').trim();
  return {
    url: `postgresql://registry:${encodeURIComponent(password)}@127.0.0.1:${port}/registry`,
    description: `the embedded PostgreSQL of the running service (${config.dataDir}/pg, port ${port})`,
  };
}
