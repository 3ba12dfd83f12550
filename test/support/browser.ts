import { AxeBuilder } from '@axe-core/playwright';
import chromium from '@sparticuz/chromium';
import { type Browser, type BrowserContext, chromium as playwright, type Page } from 'playwright-core';
import type { TestApp } from './test-app.js';

/*
 * A real headless Chromium inside npm test: @sparticuz/chromium ships the build inside its npm
 * package (unpacked to the temp folder on first launch), playwright-core drives it and axe checks
 * every page. One browser per test file; each test opens its own context (own cookies).
 */

/** Our own flags instead of the package's serverless set (which turns web security off). */
const ARGS = [
  '--headless=shell',
  '--no-sandbox',
  '--no-zygote',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-sync',
  '--metrics-recording-only',
  '--mute-audio',
  '--no-first-run',
  '--no-default-browser-check',
];

export async function launchBrowser(): Promise<Browser> {
  chromium.setGraphicsMode = false;
  return playwright.launch({ executablePath: await chromium.executablePath(), args: ARGS, headless: true });
}

/** Listens on a free loopback port so the browser can reach the app; returns the base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

export async function newContext(browser: Browser, width = 1280, locale = 'sv-SE'): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width, height: 900 }, locale });
}

/** Console errors, CSP violations included, collected per page. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null | undefined;
  readonly nodes: string[];
}

/** axe violations of WCAG 2.0/2.1 A and AA on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/** Whether the page scrolls sideways (it must not at 320 px, WCAG 1.4.10). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate<boolean>(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth + 1',
  );
}
