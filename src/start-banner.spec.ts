import { loadConfig } from './common/config/app-config.js';
import { startBanner } from './start-banner.js';

const SECRET = 'a-secret-that-is-long-enough-for-hs256-signing';
const fakeDb = {
  query: async () => [{ id: '00000000-0000-4000-8000-000000000001' }],
} as never;

function config(env: string) {
  return loadConfig({
    NODE_ENV: env,
    AUTH_JWT_SECRET: SECRET,
    DATABASE_URL: 'postgres://x@127.0.0.1/x',
    PUBLIC_URL: 'https://registry.example.se',
  });
}

describe('start banner', () => {
  it('prints an agency token and the minting hint in development', async () => {
    const text = await startBanner(config('development'), fakeDb, false);
    expect(text).toMatch(/export TOKEN=ey/);
    expect(text).toContain('npm run token');
  });

  it.each(['production', 'test'])('prints no token and no minting hint in %s', async (env) => {
    const text = await startBanner(config(env), fakeDb, false);
    expect(text).toContain('listening on https://registry.example.se/graphql');
    expect(text).not.toMatch(/TOKEN|ey[A-Za-z0-9_-]{10,}\./);
    expect(text).not.toContain('npm run token');
  });
});
