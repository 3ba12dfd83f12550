import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppConfig, ConfigError } from './app-config.js';

/**
 * Development convenience: without AUTH_JWT_SECRET the service (and `npm run token`) share a
 * secret generated once into DATA_DIR, so tokens survive restarts. Never used in production,
 * where loadConfig already demands an explicit auth configuration.
 */
export function withDevSecrets(config: AppConfig, options: { create?: boolean } = {}): AppConfig {
  if (config.auth.jwtSecret || config.env === 'production') return config;
  const dir = join(config.dataDir, 'secrets');
  const file = join(dir, 'jwt-secret');
  let secret: string;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch {
    if (options.create === false) {
      throw new ConfigError([
        `No development secret in ${file}: no service has started with DATA_DIR=${config.dataDir} ` +
          '(start it there first, or set AUTH_JWT_SECRET to the secret the service uses)',
      ]);
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    secret = randomBytes(48).toString('base64url');
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  }
  return { ...config, auth: { ...config.auth, jwtSecret: secret } };
}
