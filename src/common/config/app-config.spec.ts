import { ConfigError, loadConfig } from './app-config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv');
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('loadConfig', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({}, '/srv');
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
      dataDir: '/srv/data',
      databaseUrl: undefined,
      dbMigrate: true,
      evidenceMaxBytes: 25 * 1024 * 1024,
    });
  });

  it('derives PUBLIC_URL from PORT and strips a trailing slash', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://registry.example/' }).publicUrl).toBe(
      'https://registry.example',
    );
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'],
    [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET'],
    [{ DB_MIGRATE: 'maybe' }, 'DB_MIGRATE'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ AGENCY_ORG_NUMBER: '123' }, 'AGENCY_ORG_NUMBER'],
    [{ EVIDENCE_MAX_BYTES: '-1' }, 'EVIDENCE_MAX_BYTES'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ PUBLIC_REGISTRY: 'perhaps' }, 'PUBLIC_REGISTRY'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES'],
    [{ OIDC_ISSUER: 'https://idp.example' }, 'OIDC_CLIENT_ID'],
  ])('names the bad variable in %p', (env, name) => {
    expect(problems(env).join('\n')).toContain(name);
  });

  it('reads the portal settings', () => {
    expect(loadConfig({}).portal).toMatchObject({
      publicRegistry: true,
      sessionIdleMinutes: 30,
      oidc: undefined,
    });
    const config = loadConfig({
      PUBLIC_REGISTRY: 'false',
      OIDC_ISSUER: 'https://idp.example',
      OIDC_CLIENT_ID: 'registry',
      OIDC_CLIENT_SECRET: 'secret',
    });
    expect(config.portal.publicRegistry).toBe(false);
    expect(config.portal.oidc).toEqual({
      issuer: 'https://idp.example',
      clientId: 'registry',
      clientSecret: 'secret',
    });
  });

  it('reports every problem at once', () => {
    expect(problems({ PORT: 'x', DB_MIGRATE: 'x' })).toHaveLength(2);
  });

  it('refuses production without a database and explicit auth', () => {
    const found = problems({ NODE_ENV: 'production' }).join('\n');
    expect(found).toContain('DATABASE_URL');
    expect(found).toContain('AUTH_JWT_SECRET or AUTH_JWKS_URL');
    expect(found).toContain('PUBLIC_URL must be an https URL');
  });

  it('refuses production OIDC without issuer and audience', () => {
    const found = problems({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/registry',
      AUTH_JWKS_URL: 'https://idp.example/jwks',
    }).join('\n');
    expect(found).toContain('AUTH_ISSUER and AUTH_AUDIENCE');
  });
});
