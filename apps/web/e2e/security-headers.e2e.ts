import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadyOrganisation, loginViaApi } from './support/api';
import { gotoHydrated, launchBrowser, openPage } from './support/browser';
import { e2eEnv } from './support/env';

/**
 * Issue 12 item 4: the web app's security headers, and a content security policy the app itself
 * passes in Chromium (no violation while pages load and hydrate), while an injected script is refused.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Watch {
  violations: () => Promise<string[]>;
  consoleErrors: string[];
}

/** Records every CSP violation (the browser's own event, seen before any page script) and console error. */
async function watch(context: BrowserContext, page: Page): Promise<Watch> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(
        `${e.violatedDirective} ${e.blockedURI} ${e.sample} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} on ${location.pathname}`,
      ),
    );
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  return { violations: () => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []), consoleErrors };
}

const cspOf = (headers: Record<string, string>) => headers['content-security-policy'] ?? '';

describe('security headers of the web app', () => {
  it('every page answer has them, with a fresh nonce each time and no eval in production', async () => {
    const { webUrl } = e2eEnv();
    const [a, b] = await Promise.all([fetch(`${webUrl}/login`), fetch(`${webUrl}/login`)]);
    for (const res of [a, b]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('permissions-policy')).toContain('camera=()');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-eval');
      // Next puts the request's nonce on its scripts; the layout puts it on Mantine's.
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      const html = await res.text();
      expect(html).toContain(`nonce="${nonce}"`);
      expect(html).toMatch(new RegExp(`<script[^>]*nonce="${nonce.replace(/[+/=]/g, '\\$&')}"[^>]*data-mantine-script`));
    }
    const nonces = [a, b].map((r) => /'nonce-([^']+)'/.exec(r.headers.get('content-security-policy') ?? '')![1]);
    expect(nonces[0]).not.toBe(nonces[1]);
    // Static assets get the fixed headers too; the /api proxy passes the API's own.
    const api = await fetch(`${webUrl}/api/v1/auth/me`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('pages load, hydrate and work under the policy without a single violation; an injected script is refused', async () => {
    const org = await createReadyOrganisation();
    const { context, page } = await openPage(browser);
    const w = await watch(context, page);
    try {
      const login = await page.goto('/login');
      expect(cspOf(login!.headers())).toContain("'strict-dynamic'");
      expect(login!.headers()['x-frame-options']).toBe('DENY');
      await gotoHydrated(page, '/login');
      await gotoHydrated(page, '/forgot-password');

      // Signing in through the form: scripts run (hydration, the submit handler, the API call).
      await gotoHydrated(page, '/login');
      await page.getByLabel(/^Email/).fill(org.adminEmail);
      await page.getByLabel(/^Password/).fill(org.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

      for (const path of ['/customers', '/products', '/vouchers/sales', '/stock', '/settings', '/profile']) {
        const res = await page.goto(path);
        expect(res!.status(), path).toBeLessThan(400);
        expect(cspOf(res!.headers()), path).toContain("'strict-dynamic'");
        await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
        await page.getByRole('main').waitFor();
      }
      expect(await w.violations()).toEqual([]);
      expect(w.consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);

      // The policy is enforced: markup injected into the page (the usual XSS) cannot run a handler.
      await page.evaluate(() => {
        document.body.insertAdjacentHTML('beforeend', '<img alt="" src="/no-such-image.png" onerror="window.__injected = true">');
      });
      await expect.poll(() => w.violations()).toEqual([expect.stringMatching(/^script-src(-attr|-elem)? inline/)]);
      expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    } finally {
      await context.close();
    }
  });

  it('a signed-in page cannot be framed by another site', async () => {
    const org = await createReadyOrganisation();
    const { context, page } = await openPage(browser);
    try {
      await loginViaApi(context, org.adminEmail, org.password);
      const res = await page.goto('/');
      expect(cspOf(res!.headers())).toContain("frame-ancestors 'none'");
      expect(res!.headers()['x-frame-options']).toBe('DENY');
    } finally {
      await context.close();
    }
  });
});
