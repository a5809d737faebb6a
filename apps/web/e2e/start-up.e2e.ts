import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../api/src/test/smtp';
import { TcpProxy } from '../../api/src/test/tcp-proxy';
import { buildNeeded, buildWebIfNeeded, COMPLETE_MARKER, nextBin, root, webDir } from '../../../scripts/lib/web-build.mjs';
import { launchBrowser, openPage } from './support/browser';
import { e2eEnv } from './support/env';
import { startWebServer as startWeb, type ServerProcess } from './support/servers';

/**
 * Start-up robustness (issue 12, items 6 and 7), with the real web server (apps/web/server.mjs, as
 * `npm start` runs it) and the real `next build`.
 */

const servers = new Set<ServerProcess>();

/** The real web server (apps/web/server.mjs) from `dir`, stopped after the file's tests at the latest. */
async function startWebServer(dir: string, env: Record<string, string>): Promise<ServerProcess> {
  const server = await startWeb(dir, env);
  servers.add(server);
  return server;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await Promise.all([...servers].map((s) => s.stop()));
  await browser?.close();
});

describe('a page opened before the API answers', () => {
  it('says the API is not reachable, then recovers by itself (no reload) once the API comes up', async () => {
    // A second web server (same build) whose API address has nothing listening yet: the API is "starting".
    const apiPort = await closedPort();
    const web = await startWebServer(webDir, { API_URL: `http://127.0.0.1:${apiPort}`, NODE_ENV: 'production' });
    const { context, page } = await openPage(browser);
    try {
      await page.goto(`${web.url}/`);
      await page.getByText('The API server is not reachable').waitFor();
      await page.getByText('Trying again…').waitFor();
      // Marks this document: a full reload would lose it.
      await page.evaluate(() => ((window as unknown as { startUpMarker: number }).startUpMarker = 42));

      // The API comes up at that address (a relay to the harness's running API).
      const api = new TcpProxy('127.0.0.1', Number(new URL(e2eEnv().apiUrl).port));
      api.port = apiPort;
      await api.start();
      try {
        // No session cookie in this context: the recovered page sends the visitor to sign in.
        await page.waitForURL('**/login?next=%2F', { timeout: 30_000 });
        await page.getByRole('button', { name: 'Sign in' }).waitFor();
        expect(await page.evaluate(() => (window as unknown as { startUpMarker?: number }).startUpMarker)).toBe(42);
        await expect(page.getByText('The API server is not reachable').count()).resolves.toBe(0);
      } finally {
        await api.stop();
      }
    } finally {
      await context.close();
      await web.stop();
    }
  });
});

describe('a web build that failed half-way', () => {
  it('is not taken for a usable build: the next start builds again (NODE_ENV=production whatever the caller says) and serves', async () => {
    // A copy of the web app beside the real one (two levels under the root, so its tsconfig's
    // `extends` and node_modules resolve as they do for apps/web), so the suite's build is untouched.
    const dir = path.join(root, '.tmp-web-build', `web-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const skip = new Set(['.next', 'node_modules', 'e2e', 'test-results', 'tsconfig.tsbuildinfo']);
    cpSync(webDir, dir, { recursive: true, filter: (src) => !skip.has(path.basename(src)) });
    try {
      // 1. The failure as a caller with NODE_ENV=development in its environment met it: `next build`
      //    fails prerendering, after writing BUILD_ID.
      const failed = spawnSync(process.execPath, [nextBin, 'build'], {
        cwd: dir,
        env: { ...process.env, NODE_ENV: 'development', NEXT_TELEMETRY_DISABLED: '1' },
        encoding: 'utf8',
      });
      expect(failed.status).not.toBe(0);
      expect(existsSync(path.join(dir, '.next/BUILD_ID'))).toBe(true);
      expect(existsSync(path.join(dir, '.next/server/preview-props.json'))).toBe(false);

      // 2. That build is not mistaken for an up-to-date one.
      expect(buildNeeded({ dir })).toBe('the last build did not finish');

      // 3. A start (the same two steps as `npm start`: build if needed, then server.mjs), from an
      //    environment that still says NODE_ENV=development.
      const env = process.env as Record<string, string | undefined>;
      const callerEnv = env.NODE_ENV;
      env.NODE_ENV = 'development';
      const lines: string[] = [];
      let built: boolean;
      try {
        built = buildWebIfNeeded({ dir, quiet: true, log: (line) => lines.push(line) });
      } finally {
        env.NODE_ENV = callerEnv;
      }
      expect(built, lines.join('\n').slice(-3000)).toBe(true);
      expect(lines[0]).toBe('Web app: building (the last build did not finish)…');
      const marker = JSON.parse(readFileSync(path.join(dir, '.next', COMPLETE_MARKER), 'utf8'));
      expect(marker.buildId).toBe(readFileSync(path.join(dir, '.next/BUILD_ID'), 'utf8').trim());
      expect(buildNeeded({ dir })).toBeNull();

      const web = await startWebServer(dir, { API_URL: e2eEnv().apiUrl, NODE_ENV: 'development' });
      try {
        const res = await fetch(`${web.url}/login`);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('<html');
        expect(web.output()).not.toMatch(/ENOENT|non-standard "NODE_ENV"/);
      } finally {
        await web.stop();
      }
    } finally {
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  }, 600_000);
});
