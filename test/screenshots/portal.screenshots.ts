import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { Role } from '../../src/common/actor.js';
import { agency, newProduct, newSupplier, subscribe } from '../support/factories.js';
import { reportIncident, someMunicipalities } from '../support/incidents.js';
import { launchBrowser, listen, newContext } from '../support/browser.js';
import { publicWorld, signIn } from '../support/portal.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const OUT = join(process.cwd(), 'docs', 'screenshots');

/** Makes docs/screenshots/*.png: each main page at 1280 and 375 px, in Swedish. */
describe('portal screenshots', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('shoots the main pages', async () => {
    const world = await publicWorld(t, 'demo');
    const cloud = await newSupplier(t, 'Nordisk Molntjänst AB');
    const mail = await newProduct(t, cloud, { name: 'Skolmejl' });
    await subscribe(t, world.customer, mail.id);
    const [other] = await someMunicipalities(t, 1);
    await subscribe(t, other, mail.id);
    await reportIncident(t, cloud, [mail], { title: 'Avbrott i e-posttjänsten' });
    const base = await listen(t);
    const who = {
      municipality: (await signIn(t, world.customer, [Role.EDITOR])).cookie,
      supplier: (await signIn(t, world.supplier, [Role.VIEWER])).cookie,
      agency: (await signIn(t, await agency(t), [Role.VIEWER])).cookie,
    };
    const shots: [string, string, string | null][] = [
      ['registry', `/?q=demo`, null],
      ['product', `/products/${world.product.id}`, null],
      ['supplier-public', `/suppliers/${world.supplierOrgNumber}`, null],
      ['sign-in', '/sign-in?q=demo', null],
      ['municipality', '/my', who.municipality],
      ['supplier', '/my', who.supplier],
      ['agency', '/my', who.agency],
    ];
    for (const width of [1280, 375]) {
      for (const [name, path, cookie] of shots) {
        const context = await newContext(browser, width);
        if (cookie) {
          const [key, value] = cookie.split('=');
          await context.addCookies([{ name: key, value, url: base }]);
        }
        const page = await context.newPage();
        await page.goto(base + path);
        await page.screenshot({ path: join(OUT, `${name}-${width}.png`), fullPage: true });
        await context.close();
      }
    }
  });
});
