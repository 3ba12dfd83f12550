import { parseArgs } from 'node:util';
import pg from 'pg';
import { signToken } from '../auth/token-signer.js';
import type { Role } from '../common/actor.js';
import { ConfigError, loadConfig } from '../common/config/app-config.js';
import { withDevSecrets } from '../common/config/dev-secrets.js';
import { fromGlobalId } from '../common/graphql/global-id.js';
import { registryDatabase } from './registry-database.js';

// Not the Role enum itself: importing it loads @nestjs/graphql, a second of start-up for a CLI.
const ROLES: readonly string[] = ['ADMIN', 'EDITOR', 'VIEWER'] satisfies readonly `${Role}`[];

const usage = `Usage: npm run token -- --org <registry id | NNNNNN-NNNN> --role ADMIN|EDITOR|VIEWER [--role ...] [--sub name] [--ttl 1h]

Prints a bearer token on stdout, signed with AUTH_JWT_SECRET or, without it, the development
secret the service keeps in DATA_DIR/secrets/jwt-secret (run it with the same DATA_DIR as the
service). The organisation is looked up first in the service's database (DATABASE_URL, or the
embedded PostgreSQL the running service started in DATA_DIR); an unknown one is refused.
Where the secret and the database came from is said on stderr.`;

interface Found {
  readonly name: string;
  readonly kind: string;
}

async function findOrganization(url: string, org: string): Promise<Found | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const uuid = fromGlobalId(org, 'Organization');
    const byNumber = /^\d{6}-\d{4}$/.test(org);
    if (!uuid && !byNumber) return null;
    const result = await client.query<Found>(
      uuid
        ? 'SELECT name, kind FROM organization WHERE id = $1'
        : 'SELECT name, kind FROM organization WHERE org_number = $1',
      [uuid ?? org],
    );
    return result.rows[0] ?? null;
  } finally {
    await client.end();
  }
}

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      role: { type: 'string', multiple: true },
      sub: { type: 'string', default: 'developer' },
      ttl: { type: 'string', default: '1h' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) fail(usage, 0);
  if (!values.org || !values.role?.length) fail(usage, 2);
  const roles = values.role.flatMap((r) => r.split(',')).map((r) => r.trim().toUpperCase());
  const unknown = roles.filter((r) => !ROLES.includes(r));
  if (unknown.length > 0) fail(`Unknown role ${unknown.join(', ')}; use ADMIN, EDITOR or VIEWER.`, 2);
  if (!/^\d+[smhdw]$/.test(values.ttl)) fail('--ttl must look like 30m, 1h, 24h', 2);
  let config;
  try {
    const explicit = loadConfig();
    config = withDevSecrets(explicit, { create: false });
    if (!config.auth.jwtSecret) {
      fail('No AUTH_JWT_SECRET: with OIDC only, tokens come from your identity provider.');
    }
    console.error(
      explicit.auth.jwtSecret
        ? 'Secret: AUTH_JWT_SECRET from the environment'
        : `Secret: the development secret in ${config.dataDir}/secrets/jwt-secret (DATA_DIR=${config.dataDir})`,
    );
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }
  const unit = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }[values.ttl.slice(-1) as 's'];
  const max = config.auth.maxTokenLifetimeSeconds;
  if (Number(values.ttl.slice(0, -1)) * unit > max) {
    fail(
      `--ttl ${values.ttl} is longer than the service accepts (AUTH_MAX_TOKEN_LIFETIME_SECONDS=${max}).`,
      2,
    );
  }
  const database = registryDatabase(config);
  if (!database) {
    fail(
      `Cannot look the organisation up: DATABASE_URL is not set and no running service has its ` +
        `embedded database in ${config.dataDir}. Start the service first (npm start) with the same ` +
        `DATA_DIR, or set DATABASE_URL.`,
    );
  }
  let found: Found | null;
  try {
    found = await findOrganization(database.url, values.org);
  } catch (error) {
    fail(`Cannot reach ${database.description}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!found) {
    fail(
      `No organisation "${values.org}" in the registry (looked up in ${database.description}). ` +
        'Give its registry id (Organization.id) or organisation number (NNNNNN-NNNN).',
    );
  }
  console.error(`Organisation: ${found.name} (${found.kind}), looked up in ${database.description}`);
  const token = await signToken({
    secret: config.auth.jwtSecret,
    org: values.org,
    roles: roles as Role[],
    subject: values.sub,
    ttl: values.ttl,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
  });
  console.log(token);
}

void main();
