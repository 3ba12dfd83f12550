import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/actor.js';
import { newProduct, newSupplier, subscribe } from './support/factories.js';
import * as f from '../src/evidence/upload/fixtures.test-support.js';
import { requestAssessment } from './support/assessments.js';
import { newBaseline } from './support/baselines.js';
import { newEvidence, upload } from './support/evidence.js';
import { reportIncident, someMunicipalities } from './support/incidents.js';
import { csrfOf, fetchPage, setCookie, signIn } from './support/portal.js';
import { createTestApp, ok, testDatabaseUrl, type TestApp } from './support/test-app.js';

/** Sessions, CSRF, development sign-in and a municipality's morning page, over HTTP. */
describe('portal: signed in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keeps the session server-side behind an httpOnly, SameSite=Lax cookie, and signs out', async () => {
    const [muni] = await someMunicipalities(t, 1);
    const login = await fetchPage(t, '/sign-in');
    expect(login.body).toContain('Utvecklingsinloggning');
    const me = await signIn(t, muni);
    const [row] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM web_session WHERE organization_id = $1`,
      [muni.uuid],
    );
    expect(row.n).toBeGreaterThanOrEqual(1);
    const page = await me.get('/my');
    expect(page.status).toBe(200);
    expect(page.body).toContain(muni.name);
    const out = await me.post('/sign-out', {});
    expect(out.status).toBe(303);
    expect((await me.get('/my')).status).toBe(303);
  });

  it('sets the cookie flags', async () => {
    const [muni] = await someMunicipalities(t, 1);
    const login = await fetchPage(t, '/sign-in');
    const formToken = setCookie(login, 'registry_sign_in_csrf')!;
    const response = await fetchPage(t, '/sign-in/dev', {
      method: 'POST',
      headers: { cookie: `registry_sign_in_csrf=${formToken}` },
      form: { _csrf: csrfOf(login.body), organization: muni.uuid, roles: 'VIEWER' },
    });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/registry_session=[^;]+;.*HttpOnly/);
    expect(cookie).toContain('SameSite=Lax');
  });

  it('refuses forms without the right CSRF token, and the sign-in form without its own', async () => {
    const [muni] = await someMunicipalities(t, 1);
    const supplier = await newSupplier(t);
    const product = await newProduct(t, supplier);
    const me = await signIn(t, muni, [Role.EDITOR]);
    const refused = await me.post('/my/subscriptions', { _csrf: 'forged', product: product.id });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('Formuläret hade gått ut');
    const missing = await fetchPage(t, '/my/subscriptions', {
      method: 'POST',
      headers: { cookie: me.cookie },
      form: { product: product.id },
    });
    expect(missing.status).toBe(403);
    expect((await me.get('/my')).body).not.toContain(`>${product.name}</a>`);
    const login = await fetchPage(t, '/sign-in/dev', {
      method: 'POST',
      form: { organization: muni.uuid, roles: 'ADMIN' },
    });
    expect(login.status).toBe(403);
  });

  it('subscribes and unsubscribes through forms, checked by the API permission table', async () => {
    const [muni] = await someMunicipalities(t, 1);
    const product = await newProduct(t, await newSupplier(t), { name: `Portal ${randomUUID().slice(0, 8)}` });
    const editor = await signIn(t, muni, [Role.EDITOR]);
    expect((await editor.post('/my/subscriptions', { product: product.id })).status).toBe(303);
    expect((await editor.get('/my')).body).toContain(`>${product.name}</a>`);
    const csv = await editor.get('/my/products.csv');
    expect(csv.body).toContain(product.name);
    const viewer = await signIn(t, muni, [Role.VIEWER]);
    expect((await viewer.post('/my/subscriptions/remove', { product: product.id })).status).toBe(403);
    expect((await editor.post('/my/subscriptions/remove', { product: product.id })).status).toBe(303);
    expect((await editor.get('/my')).body).not.toContain(`>${product.name}</a>`);
    const supplier = await signIn(t, await newSupplier(t), [Role.ADMIN]);
    expect((await supplier.post('/my/subscriptions', { product: product.id })).status).toBe(403);
  });

  it('shows a municipality only its own incident deadlines, and what changed since the last visit', async () => {
    const [exposed, other] = await someMunicipalities(t, 2);
    const supplier = await newSupplier(t);
    const product = await newProduct(t, supplier);
    const second = await newProduct(t, supplier);
    await subscribe(t, exposed, product.id);
    await subscribe(t, other, second.id);
    const before = await signIn(t, exposed);
    await before.post('/sign-out', {});
    const title = `Intrång ${randomUUID().slice(0, 8)}`;
    await reportIncident(t, supplier, [product], { title });
    const page = await (await signIn(t, exposed)).get('/my');
    expect(page.body).toContain(title);
    expect(page.body).toContain('GDPR anmälan av personuppgiftsincident');
    expect(page.body).toMatch(/\d{1,2} [a-zåäö]+ \d{4} kl\. \d{2}:\d{2}/);
    expect(page.body).not.toContain('Inget har ändrats sedan ditt förra besök');
    // the session; subscriptions, incidents, events and products in one; exposure
    expect(page.statements).toBeLessThanOrEqual(3);
    const others = await (await signIn(t, other)).get('/my');
    expect(others.body).not.toContain(title);
  });

  it("shows a supplier what its own products lack, and never another supplier's", async () => {
    const supplier = await newSupplier(t);
    const rival = await newSupplier(t);
    const product = await newProduct(t, supplier, { name: `Lönesystem ${randomUUID().slice(0, 8)}` });
    const baseline = await newBaseline(t, { publish: true });
    const [done, open] = baseline.requirements;
    await requestAssessment(t, supplier, product.id, baseline.id);
    const title = `Revisionsrapport ${randomUUID().slice(0, 8)}`;
    const validUntil = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const evidence = await newEvidence(t, supplier, product, [done.id], { title, validUntil });
    await upload(t, evidence, f.pdf(['Rapport']), await supplier.token(Role.EDITOR));
    const attest = `mutation($input: AttestInput!) { attest(input: $input) { id } }`;
    const input = {
      productId: product.id,
      requirementId: done.id,
      status: 'IMPLEMENTED',
      statement: 'Införd.',
    };
    ok(await t.gql(attest, { input }, await supplier.token(Role.EDITOR)));

    const page = await (await signIn(t, supplier)).get('/my');
    const missing = page.body.slice(page.body.indexOf('Saknar intyg eller aktuellt underlag'));
    expect(missing).toContain(`${open.code} Requirement ${open.code}`);
    expect(missing).not.toContain(`${done.code} Requirement ${done.code}`);
    expect(page.body).toContain(title); // expires within 30 days
    expect(page.body).toContain('Begärd'); // the assessment requested
    expect(page.statements).toBeLessThanOrEqual(3);

    const rivals = await (await signIn(t, rival)).get('/my');
    expect(rivals.body).not.toContain(product.name);
    expect(rivals.body).not.toContain(title);
    expect(rivals.body).not.toContain(`Requirement ${open.code}`);
    expect(rivals.body).toContain('Inget saknas.');
  });

  it('signs out after the idle timeout', async () => {
    const [muni] = await someMunicipalities(t, 1);
    const me = await signIn(t, muni);
    await t.dataSource.query(
      `UPDATE web_session SET last_seen_at = now() - interval '31 minutes' WHERE organization_id = $1`,
      [muni.uuid],
    );
    const page = await me.get('/my');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/sign-in?next=%2Fmy&expired=1');
  });

  it('refuses the development sign-in in production', async () => {
    const production = await createTestApp({
      NODE_ENV: 'production',
      DATABASE_URL: testDatabaseUrl(),
      AUTH_JWT_SECRET: 'x'.repeat(40),
      PUBLIC_URL: 'https://registry.example',
      LOG_LEVEL: 'silent',
    });
    try {
      const [muni] = await someMunicipalities(production, 1);
      const page = await fetchPage(production, '/sign-in');
      expect(page.body).not.toContain('/sign-in/dev');
      const attempt = await fetchPage(production, '/sign-in/dev', {
        method: 'POST',
        headers: { cookie: 'registry_sign_in_csrf=a' },
        form: { _csrf: 'a', organization: muni.uuid, roles: 'ADMIN' },
      });
      expect(attempt.status).toBe(404);
      expect(attempt.headers['set-cookie']).toBeUndefined();
      expect(page.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await production.close();
    }
  });
});
