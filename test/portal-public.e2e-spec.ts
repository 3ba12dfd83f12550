import { randomUUID } from 'node:crypto';
import { fetchPage, publicWorld, type PublicWorld } from './support/portal.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** The public registry through HTTP (no browser): content, limits, exports and what never shows. */
describe('portal: public registry', () => {
  let t: TestApp;
  let world: PublicWorld;
  const tag = randomUUID().slice(0, 8);

  beforeAll(async () => {
    t = await createTestApp();
    world = await publicWorld(t, tag);
  });
  afterAll(() => t.close());

  it('searches products by name and shows supplier, tier and state, in Swedish by default', async () => {
    const page = await fetchPage(t, `/?q=${encodeURIComponent(`skolplattform ${tag}`)}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="sv">');
    expect(page.body).toContain(`Skolplattform ${tag}`);
    expect(page.body).toContain(`Leverantör ${tag} AB`);
    expect(page.body).toContain('Granskas');
    expect(page.body).not.toContain(`Drift ${tag}`);
    expect(page.statements).toBeLessThanOrEqual(3);
  });

  it('finds a supplier and its products by organisation number', async () => {
    const page = await fetchPage(t, `/?q=${world.supplierOrgNumber}`);
    expect(page.body).toContain(`href="/suppliers/${world.supplierOrgNumber}"`);
    expect(page.body).toContain(`Skolplattform ${tag}`);
    expect(page.body).toContain(`Drift ${tag}`);
    expect(page.statements).toBeLessThanOrEqual(3);
  });

  it('filters by tier and state', async () => {
    const q = encodeURIComponent(tag);
    expect((await fetchPage(t, `/?q=${q}&state=IN_ASSESSMENT`)).body).not.toContain(`Drift ${tag}`);
    expect((await fetchPage(t, `/?q=${q}&state=NOT_ASSESSED`)).body).toContain(`Drift ${tag}`);
    expect((await fetchPage(t, `/?q=${q}&tier=HIGH`)).body).not.toContain(`Skolplattform ${tag}`);
    const basic = await fetchPage(t, `/?q=${q}&tier=BASIC&state=IN_ASSESSMENT`);
    expect(basic.body).toContain(`Skolplattform ${tag}`);
    expect(basic.statements).toBeLessThanOrEqual(3);
  });

  it('shows a product with its sub-processors and only public evidence', async () => {
    const page = await fetchPage(t, `/products/${world.product.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<h1>Skolplattform ${tag}</h1>`);
    expect(page.body).toContain(`Drift ${tag}`);
    expect(page.body).toContain(world.publicEvidenceTitle);
    expect(page.statements).toBeLessThanOrEqual(3);
  });

  it("writes the status reasons in the page's language, with dates as people write them", async () => {
    const swedish = await fetchPage(t, `/products/${world.product.id}`);
    expect(swedish.body).toMatch(
      /<li>granskas sedan \d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) \d{4}<\/li>/,
    );
    expect(swedish.body).not.toContain('assessment in progress');
    const english = await fetchPage(t, `/products/${world.product.id}`, { headers: { cookie: 'lang=en' } });
    expect(english.body).toMatch(/<li>assessment in progress since \d{1,2} [A-Z][a-z]+ \d{4}<\/li>/);
    expect(english.body).not.toContain('granskas sedan');
    // The open-data exports write them as the API does (English).
    const json = await fetchPage(t, '/registry/products.json');
    expect(json.body).toMatch(/"reasons":\["assessment in progress since \d{1,2} [A-Z][a-z]+ \d{4}"\]/);
  });

  it('shows a supplier by organisation number, and 404 for unknown ones', async () => {
    const page = await fetchPage(t, `/suppliers/${world.supplierOrgNumber}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<h1>Leverantör ${tag} AB</h1>`);
    expect(page.statements).toBeLessThanOrEqual(3);
    expect((await fetchPage(t, '/suppliers/000000-0000')).status).toBe(404);
    expect((await fetchPage(t, '/products/bm9wZQ')).status).toBe(404);
  });

  it('speaks English by Accept-Language and by the language switch', async () => {
    const english = await fetchPage(t, '/', { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Search the registry');
    const choice = await fetchPage(t, '/language/en?next=/suppliers');
    expect(choice.status).toBe(303);
    expect(choice.headers.location).toBe('/suppliers');
    expect(String(choice.headers['set-cookie'])).toContain('lang=en');
    expect((await fetchPage(t, '/language/en?next=//evil.example')).headers.location).toBe('/');
    const chosen = await fetchPage(t, '/', { headers: { cookie: 'lang=en', 'accept-language': 'sv' } });
    expect(chosen.body).toContain('<html lang="en">');
  });

  it('sends a strict Content-Security-Policy and the API security headers', async () => {
    const page = await fetchPage(t, '/');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.body).not.toMatch(/<script|style=/);
    const css = await fetchPage(t, '/assets/portal.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('publishes the same public data as paged JSON and as CSV', async () => {
    const json = await fetchPage(t, '/registry/products.json');
    expect(json.status).toBe(200);
    expect(json.statements).toBeLessThanOrEqual(3);
    const body = JSON.parse(json.body) as { total: number; products: { id: string; state: string }[] };
    expect(body.total).toBeGreaterThanOrEqual(2);
    const csv = await fetchPage(t, '/registry/products.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe(
      'id,name,supplier,supplier_org_number,tier,state,reasons,assessed_at,valid_until,url',
    );
    expect(csv.body).toContain(`${world.product.id},Skolplattform ${tag},Leverantör ${tag} AB`);
  });

  it('never shows findings, incidents, non-public evidence or subscribers on public pages', async () => {
    const urls = [
      '/',
      `/?q=${tag}`,
      `/products/${world.product.id}`,
      `/suppliers/${world.supplierOrgNumber}`,
      '/registry/products.json',
      '/registry/products.csv',
    ];
    for (const url of urls) {
      const page = await fetchPage(t, url);
      expect(page.status).toBe(200);
      for (const canary of world.canaries) expect(page.body).not.toContain(canary);
    }
  });

  it('turns the public pages off with PUBLIC_REGISTRY=false and rate limits them per address', async () => {
    const closed = await createTestApp({ PUBLIC_REGISTRY: 'false', PUBLIC_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      expect((await fetchPage(closed, `/products/${world.product.id}`)).status).toBe(404);
      expect((await fetchPage(closed, '/registry/products.json')).status).toBe(404);
      expect((await fetchPage(closed, '/')).status).toBe(303);
    } finally {
      await closed.close();
    }
    const limited = await createTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      expect((await fetchPage(limited, '/')).status).toBe(200);
      expect((await fetchPage(limited, '/')).status).toBe(200);
      const refused = await fetchPage(limited, '/');
      expect(refused.status).toBe(429);
      expect(refused.body).toContain('För många förfrågningar');
    } finally {
      await limited.close();
    }
  });
});
