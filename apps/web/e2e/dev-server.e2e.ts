import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../api/src/test/smtp';
import { root, webDir } from '../../../scripts/lib/web-build.mjs';
import { launchBrowser } from './support/browser';
import { startWebServer, type ServerProcess } from './support/servers';

/**
 * Development as `npm run dev` runs the web app: apps/web/server.mjs --dev (Next with Turbopack,
 * hot reload). The server, not a Next proxy, sets each page's content security policy in both modes
 * (security-headers.e2e.ts checks production); here, that development gets the same policy with a
 * fresh nonce on Next's scripts (plus 'unsafe-eval', which React's development build needs), that
 * the API proxy and static files get none from it, and that pages run under it in Chromium.
 *
 * One page (/login, the cheapest to compile) of a copy of the web app under the repository's
 * .tmp-web-build/ (as start-up.e2e.ts copies it), so that its .next/dev is its own: a developer's
 * `npm run dev` holds apps/web's. The API address has nothing listening: the /api proxy then answers
 * with its own 502, so a policy on that answer could only come from the web server.
 */

const PAGE_POLICY = /script-src 'self' 'nonce-([A-Za-z0-9+/]+={0,2})' 'strict-dynamic' 'unsafe-eval'/;

let browser: Browser;
let web: ServerProcess;
let dir: string;

beforeAll(async () => {
  dir = path.join(root, '.tmp-web-build', `dev-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const skip = new Set(['.next', 'node_modules', 'e2e', 'test-results', 'tsconfig.tsbuildinfo']);
  cpSync(webDir, dir, { recursive: true, filter: (src) => !skip.has(path.basename(src)) });
  browser = await launchBrowser();
  // A caller's production NODE_ENV does not turn the development server into something else.
  web = await startWebServer(dir, { API_URL: `http://127.0.0.1:${await closedPort()}`, NODE_ENV: 'production' }, { dev: true });
}, 600_000);

afterAll(async () => {
  await web?.stop();
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the development server (server.mjs --dev)', () => {
  it('is Next in development with Turbopack', () => {
    expect(web.output()).toContain('web: listening on');
    expect(web.output()).toContain('(development)');
    expect(web.output()).toMatch(/Compiling \/login/);
    // Its development build directory, written by Turbopack (webpack writes no Turbopack runtime).
    expect(existsSync(path.join(dir, '.next/dev/server/chunks/ssr/[turbopack]_runtime.js'))).toBe(true);
  });

  it("sets each page's policy with a fresh nonce that Next puts on its scripts; none on the API proxy, static files or prefetches", async () => {
    const [a, b] = await Promise.all([fetch(`${web.url}/login`), fetch(`${web.url}/login`)]);
    const nonces: string[] = [];
    const scriptPaths: string[] = [];
    for (const res of [a, b]) {
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      const nonce = PAGE_POLICY.exec(csp)?.[1];
      expect(nonce, csp).toBeDefined();
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      nonces.push(nonce!);
      const html = await res.text();
      // Every script of the page carries this request's nonce: Next's (loaded and inline) and Mantine's.
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(5);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      expect(scripts.some((tag) => tag.includes('data-mantine-script'))).toBe(true);
      scriptPaths.push(...[...html.matchAll(/<script\b[^>]*\bsrc="(\/_next\/static\/[^"]+)"/g)].map((m) => m[1]!));
    }
    expect(nonces[0]).not.toBe(nonces[1]);
    // React's development build: NODE_ENV=development although the caller said production.
    expect(scriptPaths.some((p) => /react-dom.*development/.test(p))).toBe(true);

    // A nonce named by the client is never used.
    const forged = await fetch(`${web.url}/login`, {
      headers: { 'x-nonce': 'forged', 'content-security-policy': "script-src 'nonce-forged'" },
    });
    expect(await forged.text()).not.toContain('forged');

    // A static file: the fixed headers (next.config.ts), no policy.
    expect(scriptPaths.length).toBeGreaterThan(0);
    const script = await fetch(`${web.url}${scriptPaths[0]}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(script.headers.get('content-security-policy')).toBeNull();

    // The /api proxy's own answer (its API is not up): no policy from the web server.
    const api = await fetch(`${web.url}/api/v1/auth/me`);
    expect(api.status).toBe(502);
    expect(api.headers.get('content-security-policy')).toBeNull();

    // A router prefetch of a page gets none either; the same request without the prefetch header does.
    const prefetch = await fetch(`${web.url}/login`, { headers: { rsc: '1', 'next-router-prefetch': '1' }, redirect: 'manual' });
    expect(prefetch.headers.get('content-security-policy')).toBeNull();
    const navigation = await fetch(`${web.url}/login`, { headers: { rsc: '1' }, redirect: 'manual' });
    expect(navigation.headers.get('content-security-policy')).toMatch(PAGE_POLICY);
  });

  it('the page loads and hydrates in Chromium under the policy without a violation, and hot reload connects', async () => {
    const context = await browser.newContext({ baseURL: web.url });
    context.setDefaultTimeout(120_000);
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
    });
    const page = await context.newPage();
    try {
      // Next's hot-reload websocket goes through server.mjs's upgrade handling; it speaks first.
      const hmrMessage = new Promise<string>((resolve) => {
        page.on('websocket', (ws) => {
          if (new URL(ws.url()).pathname.startsWith('/_next/hmr')) ws.on('framereceived', (frame) => resolve(String(frame.payload)));
        });
      });
      const res = await page.goto('/login');
      expect(res!.headers()['content-security-policy']).toMatch(PAGE_POLICY);
      await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(JSON.parse(await hmrMessage)).toHaveProperty('type');
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
