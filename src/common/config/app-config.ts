import { isAbsolute, resolve } from 'node:path';

export type Environment = 'development' | 'test' | 'production';

/** Everything the service reads from its environment, validated once at start. */
export interface AppConfig {
  readonly env: Environment;
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly dataDir: string;
  /** Unset: the service starts an embedded PostgreSQL under dataDir. */
  readonly databaseUrl: string | undefined;
  /**
   * The service's own login (DATABASE_APP_URL): a role with the privileges of `registry_app` only.
   * Unset: the service connects with DATABASE_URL and switches to `registry_app` at connect.
   */
  readonly databaseAppUrl: string | undefined;
  readonly dbMigrate: boolean;
  readonly dbPoolSize: number;
  readonly auth: {
    /** HS256 secret; in development generated into dataDir when not given. */
    readonly jwtSecret: string | undefined;
    readonly jwksUrl: string | undefined;
    readonly issuer: string | undefined;
    readonly audience: string | undefined;
    /** Longest accepted token lifetime (exp - iat), AUTH_MAX_TOKEN_LIFETIME_SECONDS; 24 hours by default. */
    readonly maxTokenLifetimeSeconds: number;
  };
  /** Limits of the graphql-ws socket (issue 15, hole 4). */
  readonly sockets: {
    /** SOCKET_MAX_SUBSCRIPTIONS: subscriptions running at once on one connection. */
    readonly maxSubscriptionsPerConnection: number;
    /** SOCKET_MAX_CONNECTIONS_PER_ORGANIZATION: open authenticated sockets of one organisation, per instance. */
    readonly maxConnectionsPerOrganization: number;
    /** SOCKET_TOKEN_RECHECK_SECONDS: how often an open socket's token is checked again (revocation). */
    readonly tokenRecheckSeconds: number;
  };
  readonly agency: { readonly orgNumber: string; readonly name: string };
  readonly seedExampleBaseline: boolean;
  readonly logLevel: string;
  readonly evidenceMaxBytes: number;
  /** Cost units (objects, see queryCost) one organisation may spend per minute; 0 = unlimited. */
  readonly rateLimitCostPerMinute: number;
  /** Ed25519 private key (PKCS#8 PEM) signing audit checkpoints; generated into dataDir when unset. */
  readonly auditSigningKey: string | undefined;
  /**
   * Status statements (issue 19): the Ed25519 private key (PKCS#8 PEM) signing them. In production
   * statements are refused (SERVICE_UNAVAILABLE) until it is set; elsewhere one is generated under
   * dataDir. Retired public keys (JWKs with kid) stay
   * published at /.well-known/jwks.json so older statements still verify.
   */
  readonly statements: { readonly signingKey: string | undefined; readonly retiredKeys: RetiredKey[] };
  /** Set: live events travel through Redis pub/sub so subscribers on every instance get them. */
  readonly redisUrl: string | undefined;
  /** Webhook delivery worker and event scheduler loops; off by default in tests (they drive them). */
  readonly backgroundJobs: boolean;
  readonly webhooks: {
    /** Deliveries to loopback/private/link-local addresses (tests and local development only). */
    readonly allowPrivateTargets: boolean;
    /** Deliveries in flight at once per instance. */
    readonly concurrency: number;
  };
  /** The web portal (src/web): public registry pages, sessions and sign-in. */
  readonly portal: {
    /** PUBLIC_REGISTRY: false turns the public pages, JSON and CSV off. */
    readonly publicRegistry: boolean;
    /** Public page requests per client address and minute. */
    readonly publicRateLimitPerMinute: number;
    /** A session unused this long is signed out. */
    readonly sessionIdleMinutes: number;
    /** OpenID Connect sign-in; all three set, or none (then only the development sign-in, outside production). */
    readonly oidc:
      { readonly issuer: string; readonly clientId: string; readonly clientSecret: string } | undefined;
  };
}

/** A documented placeholder: valid check digit, third digit >= 2 as for a legal person. */
export const PLACEHOLDER_AGENCY_ORG_NUMBER = '202100-0001';
export const PLACEHOLDER_AGENCY_NAME = 'Nationella cybersäkerhetsmyndigheten (placeholder)';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  url(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return value;
    } catch {
      this.problems.push(`${name} must be a URL starting with ${protocols.join(' or ')} (got "${value}")`);
      return undefined;
    }
  }
}

/** PEM as is, or base64 of the PEM (easier to pass through some secret stores). */
function auditSigningKey(r: Reader, name = 'AUDIT_SIGNING_KEY'): string | undefined {
  const value = r.raw(name);
  if (value === undefined) return undefined;
  const pem = value.includes('-----BEGIN')
    ? value.replace(/\\n/g, '\n')
    : Buffer.from(value, 'base64').toString('utf8');
  if (!pem.includes('-----BEGIN PRIVATE KEY-----')) {
    r.problems.push(`${name} must be an Ed25519 private key in PKCS#8 PEM (or its base64)`);
    return undefined;
  }
  return pem;
}

/** A retired statement key: an Ed25519 public JWK with its kid. */
export interface RetiredKey {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly kid: string;
}

function retiredKeys(r: Reader): RetiredKey[] {
  const value = r.raw('STATEMENT_RETIRED_KEYS');
  if (value === undefined) return [];
  try {
    const keys = JSON.parse(value) as unknown;
    const fine = (k: Record<string, unknown>) =>
      k.kty === 'OKP' &&
      k.crv === 'Ed25519' &&
      typeof k.x === 'string' &&
      typeof k.kid === 'string' &&
      !('d' in k);
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'object' && k !== null && fine(k)))
      throw new Error();
    return keys.map((k: RetiredKey) => ({ kty: 'OKP', crv: 'Ed25519', x: k.x, kid: k.kid }));
  } catch {
    r.problems.push(
      'STATEMENT_RETIRED_KEYS must be a JSON array of Ed25519 public JWKs with kid ({"kty":"OKP","crv":"Ed25519","x":"...","kid":"..."})',
    );
    return [];
  }
}

const ENVIRONMENTS: readonly Environment[] = ['development', 'test', 'production'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const r = new Reader(env);
  const envName = (r.raw('NODE_ENV') ?? 'development') as Environment;
  if (!ENVIRONMENTS.includes(envName)) r.problems.push(`NODE_ENV must be one of ${ENVIRONMENTS.join(', ')}`);
  const production = envName === 'production';

  const port = r.int('PORT', 3000, 0, 65535);
  const host = r.string('HOST', '127.0.0.1');
  const publicUrl = (r.url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(
    /\/+$/,
    '',
  );
  const dataDirRaw = r.string('DATA_DIR', './data');
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  const databaseUrl = r.url('DATABASE_URL', ['postgres:', 'postgresql:']);

  const jwtSecret = r.raw('AUTH_JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    r.problems.push('AUTH_JWT_SECRET must be at least 32 characters long');
  }
  const jwksUrl = r.url('AUTH_JWKS_URL', production ? ['https:'] : ['https:', 'http:']);
  const issuer = r.raw('AUTH_ISSUER');
  const audience = r.raw('AUTH_AUDIENCE');

  const agencyOrgNumber = r.string('AGENCY_ORG_NUMBER', PLACEHOLDER_AGENCY_ORG_NUMBER);
  if (!/^\d{6}-\d{4}$/.test(agencyOrgNumber)) {
    r.problems.push(`AGENCY_ORG_NUMBER must look like NNNNNN-NNNN (got "${agencyOrgNumber}")`);
  }
  const logLevel = r.string('LOG_LEVEL', envName === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevel)) r.problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const oidcIssuer = r.url('OIDC_ISSUER', production ? ['https:'] : ['https:', 'http:']);
  const oidcClientId = r.raw('OIDC_CLIENT_ID');
  const oidcClientSecret = r.raw('OIDC_CLIENT_SECRET');
  const oidcSet = [oidcIssuer, oidcClientId, oidcClientSecret].filter((v) => v !== undefined).length;
  if (oidcSet !== 0 && oidcSet !== 3) {
    r.problems.push('OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together');
  }

  const config: AppConfig = {
    env: envName,
    port,
    host,
    publicUrl,
    dataDir,
    databaseUrl,
    databaseAppUrl: r.url('DATABASE_APP_URL', ['postgres:', 'postgresql:']),
    dbMigrate: r.bool('DB_MIGRATE', true),
    dbPoolSize: r.int('DB_POOL_SIZE', 10, 1, 200),
    auth: {
      jwtSecret,
      jwksUrl,
      issuer,
      audience,
      maxTokenLifetimeSeconds: r.int('AUTH_MAX_TOKEN_LIFETIME_SECONDS', 24 * 3600, 60, 30 * 24 * 3600),
    },
    sockets: {
      maxSubscriptionsPerConnection: r.int('SOCKET_MAX_SUBSCRIPTIONS', 20, 1, 1000),
      maxConnectionsPerOrganization: r.int('SOCKET_MAX_CONNECTIONS_PER_ORGANIZATION', 50, 1, 100_000),
      tokenRecheckSeconds: r.int('SOCKET_TOKEN_RECHECK_SECONDS', 30, 1, 60),
    },
    agency: { orgNumber: agencyOrgNumber, name: r.string('AGENCY_NAME', PLACEHOLDER_AGENCY_NAME) },
    seedExampleBaseline: r.bool('SEED_EXAMPLE_BASELINE', true),
    logLevel,
    evidenceMaxBytes: r.int('EVIDENCE_MAX_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    auditSigningKey: auditSigningKey(r),
    statements: { signingKey: auditSigningKey(r, 'STATEMENT_SIGNING_KEY'), retiredKeys: retiredKeys(r) },
    rateLimitCostPerMinute: r.int('RATE_LIMIT_COST_PER_MINUTE', 300_000, 0, 1_000_000_000),
    redisUrl: r.url('REDIS_URL', ['redis:', 'rediss:']),
    backgroundJobs: r.bool('BACKGROUND_JOBS', envName !== 'test'),
    webhooks: {
      allowPrivateTargets: r.bool('WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
      concurrency: r.int('WEBHOOK_CONCURRENCY', 8, 1, 100),
    },
    portal: {
      publicRegistry: r.bool('PUBLIC_REGISTRY', true),
      publicRateLimitPerMinute: r.int('PUBLIC_RATE_LIMIT_PER_MINUTE', 120, 1, 1_000_000),
      sessionIdleMinutes: r.int('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
      oidc:
        oidcSet === 3
          ? { issuer: oidcIssuer!, clientId: oidcClientId!, clientSecret: oidcClientSecret! }
          : undefined,
    },
  };

  if (production) {
    if (config.webhooks.allowPrivateTargets) {
      r.problems.push(
        'WEBHOOK_ALLOW_PRIVATE_TARGETS=true is for tests and local development, not production',
      );
    }
    if (!databaseUrl) r.problems.push('DATABASE_URL is required when NODE_ENV=production');
    if (!jwtSecret && !jwksUrl) {
      r.problems.push('AUTH_JWT_SECRET or AUTH_JWKS_URL is required when NODE_ENV=production');
    }
    if (!publicUrl.startsWith('https://')) {
      r.problems.push('PUBLIC_URL must be an https URL (TLS-terminated) when NODE_ENV=production');
    }
    if (jwksUrl && (!issuer || !audience)) {
      r.problems.push(
        'AUTH_ISSUER and AUTH_AUDIENCE are required with AUTH_JWKS_URL when NODE_ENV=production',
      );
    }
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}
