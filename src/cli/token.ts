import { parseArgs } from 'node:util';
import { signToken } from '../auth/token-signer.js';
import { Role } from '../common/actor.js';
import { ConfigError, loadConfig } from '../common/config/app-config.js';
import { withDevSecrets } from '../common/config/dev-secrets.js';

const usage = `Usage: npm run token -- --org <registry id | NNNNNN-NNNN> --role ADMIN|EDITOR|VIEWER [--role ...] [--sub name] [--ttl 1h]

Prints a bearer token signed with AUTH_JWT_SECRET (or the development secret in DATA_DIR).`;

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
  if (values.help || !values.org || !values.role?.length) {
    console.error(usage);
    process.exit(values.help ? 0 : 2);
  }
  const roles = values.role.flatMap((r) => r.split(',')).map((r) => r.trim().toUpperCase());
  const unknown = roles.filter((r) => !(r in Role));
  if (unknown.length > 0) {
    console.error(`Unknown role ${unknown.join(', ')}; use ADMIN, EDITOR or VIEWER.`);
    process.exit(2);
  }
  if (!/^\d+[smhdw]$/.test(values.ttl)) {
    console.error('--ttl must look like 30m, 1h, 7d');
    process.exit(2);
  }
  let config;
  try {
    config = withDevSecrets(loadConfig());
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  if (!config.auth.jwtSecret) {
    console.error('No AUTH_JWT_SECRET: with OIDC only, tokens come from your identity provider.');
    process.exit(1);
  }
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
