import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import {
  axeViolations,
  collectErrors,
  launchBrowser,
  listen,
  newContext,
  overflowsHorizontally,
} from './support/browser.js';
import { publicWorld, type PublicWorld } from './support/portal.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** The public pages in a real Chromium: WCAG 2.1 AA by axe, CSP, 320 px, keyboard, no JavaScript. */
describe('portal in a browser: public pages', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let world: PublicWorld;
  const tag = randomUUID().slice(0, 8);

  beforeAll(async () => {
    t = await createTestApp();
    world = await publicWorld(t, tag);
    base = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const pages = () => [
    '/',
    `/?q=${tag}&tier=BASIC`,
    `/products/${world.product.id}`,
    `/suppliers/${world.supplierOrgNumber}`,
    '/suppliers/000000-0000',
  ];

  it.each([
    ['sv-SE', 1280],
    ['en-GB', 320],
  ])('has no axe violations, CSP errors or sideways scrolling (%s, %i px)', async (locale, width) => {
    const context = await newContext(browser, width, locale);
    try {
      const page = await context.newPage();
      const errors = collectErrors(page);
      for (const path of pages()) {
        const response = await page.goto(base + path);
        expect(response?.status()).toBe(path.startsWith('/suppliers/000000') ? 404 : 200);
        expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
        expect({ path, overflows: await overflowsHorizontally(page) }).toEqual({ path, overflows: false });
      }
      expect(await page.locator('html').getAttribute('lang')).toBe(locale.slice(0, 2));
      // the one deliberate 404 page logs its own status; nothing else (no CSP refusal, no missing asset)
      expect(errors).toEqual([
        'Failed to load resource: the server responded with a status of 404 (Not Found)',
      ]);
    } finally {
      await context.close();
    }
  });

  it('is usable by keyboard: the skip link comes first and moves focus to the content', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page.keyboard.press('Tab');
      expect(await page.evaluate<string | null>(`document.activeElement.getAttribute('href')`)).toBe('#main');
      const outline = await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
      expect(outline).toBe('solid');
      await page.keyboard.press('Enter');
      expect(await page.evaluate<string>('document.activeElement.id')).toBe('main');
    } finally {
      await context.close();
    }
  });

  it('searches and switches language without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'sv-SE' });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page.getByLabel('Namn eller organisationsnummer').fill(`Skolplattform ${tag}`);
      await page.getByLabel('Status').selectOption('IN_ASSESSMENT');
      await page.getByRole('button', { name: 'Sök' }).click();
      await page.getByRole('link', { name: `Skolplattform ${tag}` }).click();
      expect(await page.locator('h1').textContent()).toBe(`Skolplattform ${tag}`);
      await page.getByRole('link', { name: 'In English' }).click();
      expect(await page.locator('h1').textContent()).toBe(`Skolplattform ${tag}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('heading', { name: 'Public evidence' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
