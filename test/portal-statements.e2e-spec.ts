import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/actor.js';
import { agency, subscribe } from './support/factories.js';
import { reportIncident } from './support/incidents.js';
import { fetchPage, type PageResult, publicWorld, signIn, type PublicWorld } from './support/portal.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Every page runs at most 3 SQL statements (x-sql-statements), like the API's hot paths. */
describe('portal: SQL statements per page', () => {
  let t: TestApp;
  let world: PublicWorld;
  const tag = randomUUID().slice(0, 8);

  beforeAll(async () => {
    t = await createTestApp();
    world = await publicWorld(t, tag);
    await subscribe(t, world.customer, world.subprocessor.id);
    await reportIncident(t, world.supplier, [world.subprocessor], { title: `Avbrott ${tag}` });
  });
  afterAll(() => t.close());

  const expectStatements = async (get: Promise<PageResult>, n = 3) => {
    const page = await get;
    expect(page.status).toBe(200);
    expect(page.statements).toBeLessThanOrEqual(n);
    return page;
  };

  it.each([
    ['the search', () => `/?q=${encodeURIComponent(`skolplattform ${tag}`)}`],
    ['a search by organisation number', () => `/?q=${world.supplierOrgNumber}`],
    ['a filtered search', () => `/?q=${tag}&tier=BASIC&state=IN_ASSESSMENT`],
    ['a product', () => `/products/${world.product.id}`],
    ['a supplier', () => `/suppliers/${world.supplierOrgNumber}`],
  ])('public: %s', async (_what, url) => {
    await expectStatements(fetchPage(t, url()));
  });

  it('a municipality editor page', async () => {
    const me = await signIn(t, world.customer, [Role.EDITOR]);
    const page = await expectStatements(me.get('/my'));
    expect(page.body).toContain(`Avbrott ${tag}`);
    expect(page.body).toContain(`Skolplattform ${tag}`);
  });

  it('a supplier page', async () => {
    const me = await signIn(t, world.supplier, [Role.VIEWER]);
    const page = await expectStatements(me.get('/my'));
    expect(page.body).toContain(`Avbrott ${tag}`);
    expect(page.body).toContain('Pågående granskningar');
  });

  it('the agency page', async () => {
    const me = await signIn(t, await agency(t), [Role.VIEWER]);
    const page = await expectStatements(me.get('/my'));
    expect(page.body).toContain(`Avbrott ${tag}`);
  });
});
