import { createTestApp, type TestApp } from './support/test-app.js';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness without a token', async () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    expect((await fastify.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const ready = await fastify.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });
});
