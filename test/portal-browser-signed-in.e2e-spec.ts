import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { Role } from '../src/common/actor.js';
import { agency, newProduct, newSupplier, subscribe } from './support/factories.js';
import { reportIncident, someMunicipalities } from './support/incidents.js';
import {
  axeViolations,
  collectErrors,
  launchBrowser,
  listen,
  newContext,
  overflowsHorizontally,
} from './support/browser.js';
import { requestAssessment } from './support/assessments.js';
import { newBaseline } from './support/baselines.js';
import { signIn } from './support/portal.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** The signed-in pages of each kind of visitor in a real Chromium: axe, CSP, 320 px, forms. */
describe('portal in a browser: signed in', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const tag = randomUUID().slice(0, 8);
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const supplier = await newSupplier(t, `Moln ${tag} AB`);
    const rival = await newSupplier(t, `Rival ${tag} AB`);
    const product = await newProduct(t, supplier, { name: `Elevregister ${tag}` });
    await newProduct(t, rival, { name: `Rivalens ${tag}` });
    const [muni] = await someMunicipalities(t, 1);
    await subscribe(t, muni, product.id);
    await reportIncident(t, supplier, [product], { title: `Driftstopp ${tag}` });
    // gaps and an assessment under way, so the supplier's tables are checked too
    const baseline = await newBaseline(t, { publish: true });
    await requestAssessment(t, supplier, product.id, baseline.id);
    cookies.municipality = (await signIn(t, muni, [Role.EDITOR])).cookie;
    cookies.supplier = (await signIn(t, supplier, [Role.VIEWER])).cookie;
    cookies.agency = (await signIn(t, await agency(t), [Role.VIEWER])).cookie;
    base = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const open = async (who: string, width: number) => {
    const context = await newContext(browser, width);
    const [name, value] = cookies[who].split('=');
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    return { context, page, errors: collectErrors(page) };
  };

  it.each([
    ['municipality', `Driftstopp ${tag}`],
    ['supplier', 'Pågående granskningar'],
    ['agency', `Driftstopp ${tag}`],
  ])('the %s page has no axe violations at 1280 and 320 px', async (who, expected) => {
    for (const width of [1280, 320]) {
      const { context, page, errors } = await open(who, width);
      try {
        expect((await page.goto(`${base}/my`))?.status()).toBe(200);
        expect(await page.content()).toContain(expected);
        expect(await axeViolations(page)).toEqual([]);
        expect(await overflowsHorizontally(page)).toBe(false);
        // wide tables scroll inside a labelled region that keyboard users can focus
        const regions = page.locator('.table-scroll[role="region"][tabindex="0"][aria-label]');
        expect(await regions.count()).toBeGreaterThan(0);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('shows a supplier only its own products', async () => {
    const { context, page } = await open('supplier', 1280);
    try {
      await page.goto(`${base}/my`);
      const text = await page.locator('main').textContent();
      expect(text).toContain(`Elevregister ${tag}`);
      expect(text).not.toContain(`Rivalens ${tag}`);
    } finally {
      await context.close();
    }
  });

  it('signs in with the development form and signs out by keyboard', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${base}/sign-in?q=${encodeURIComponent(`Moln ${tag}`)}`);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('Redaktör').check();
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL(`${base}/my`);
      expect(await page.locator('h1').textContent()).toBe('Min sida');
      await page.getByRole('button', { name: 'Logga ut' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/`);
      expect((await page.goto(`${base}/my`))?.url()).toContain('/sign-in');
    } finally {
      await context.close();
    }
  });
});
