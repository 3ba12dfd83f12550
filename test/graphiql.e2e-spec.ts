import { createTestApp, type TestApp } from './support/test-app.js';

async function get(t: TestApp, url: string): Promise<{ status: number; type: string; body: string }> {
  const response = await t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url });
  return {
    status: response.statusCode,
    type: String(response.headers['content-type']),
    body: response.body,
  };
}

describe('GraphiQL in development', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('serves the page and its scripts from the service itself, no CDN', async () => {
    t = await createTestApp({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
    const page = await get(t, '/graphiql');
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source.startsWith('/graphiql/assets/')).toBe(true);
      const asset = await get(t, source);
      expect(asset.status).toBe(200);
      expect(asset.body.length).toBeGreaterThan(source.endsWith('start.js') ? 50 : 10_000);
    }
    expect(page.body).not.toMatch(/unpkg|jsdelivr|cdn/i);
    expect((await get(t, '/graphiql/assets/package.json')).status).toBe(404);
    expect((await get(t, '/graphiql/assets/..%2F..%2Fpackage.json')).status).toBe(404);
  });
});

describe('GraphiQL outside development', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('is not there in production (404)', async () => {
    t = await createTestApp({
      NODE_ENV: 'production',
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      PUBLIC_URL: 'https://registry.example',
    });
    expect((await get(t, '/graphiql')).status).toBe(404);
    expect((await get(t, '/graphiql/assets/graphiql.min.js')).status).toBe(404);
  });
});
