import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath } from './chromium';
import { e2eEnv } from './env';

/** Headless Chromium without the background traffic a test does not want. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), headless: true, args: ['--headless', ...FLAGS] });
}

/** A fresh context (its own cookies) and page on the web app; 1280 px wide unless told (820 for a tablet). */
export async function openPage(
  browser: Browser,
  viewport = { width: 1280, height: 860 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: e2eEnv().webUrl, viewport, locale: 'en-IN', timezoneId: 'Asia/Kolkata' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  return { context, page };
}

/** Saves `test-results/screenshots/<name>.png` (gitignored) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(e2eEnv().screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Waits until the page's React app has hydrated (`<html data-hydrated>`, set by the root
 * providers): before that, typed text can be lost and a submit is a native page reload.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
}

/** `page.goto`, then waits for hydration: use it before filling a form on a page loaded whole. */
export async function gotoHydrated(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForHydration(page);
}

/** Signs in through the login form as a person would (the answer is left to the caller to wait for). */
export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await gotoHydrated(page, '/login');
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
