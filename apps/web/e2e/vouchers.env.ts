import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { chromiumPath } from './support/chromium';
import { createOrganization, loginToken, type TestOrganization } from './vouchers.fixtures';

/** What the e2e project's global setup (e2e/support/global-setup.ts) provides as `e2e`. */
interface HarnessEnv {
  webUrl: string;
  apiUrl: string;
  mailDir: string;
  superAdmin: { email: string; password: string };
  screenshotsDir: string;
}

function harness(): HarnessEnv | undefined {
  try {
    return (inject as unknown as (key: string) => HarnessEnv | undefined)('e2e');
  } catch {
    return undefined;
  }
}

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  /** Each attachment's name, type and content in base64 (as the loopback SMTP server parsed it). */
  attachments: { filename: string; contentType: string; content: string }[];
}

export interface VoucherEnv {
  webUrl: string;
  apiUrl: string;
  superToken: string;
  /** Waits for a message to `to` on the loopback SMTP server. */
  waitForMail: (to: string, subject: RegExp, timeoutMs?: number) => Promise<ReceivedMail>;
  /** A new browser context signed in as this user (through the API, to save time). */
  openAs: (email: string, password: string) => Promise<Page>;
  screenshot: (page: Page, name: string) => Promise<void>;
  close: () => Promise<void>;
}

const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test-results/screenshots');

function readMail(dir: string): ReceivedMail[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as ReceivedMail);
}

/**
 * The stack the e2e project's global setup started (API on a throwaway PostgreSQL database,
 * `next start`, loopback SMTP writing each message as JSON); without it (a manual run), a
 * running stack named by E2E_WEB_URL, E2E_API_URL, E2E_MAIL_DIR, E2E_SUPER_EMAIL/PASSWORD.
 */
export async function startVoucherEnv(): Promise<VoucherEnv> {
  const h = harness();
  const webUrl = h?.webUrl ?? process.env.E2E_WEB_URL ?? 'http://127.0.0.1:3000';
  const apiUrl = h?.apiUrl ?? process.env.E2E_API_URL ?? 'http://127.0.0.1:8000';
  const mailDir = h?.mailDir ?? process.env.E2E_MAIL_DIR ?? '';
  const shots = h?.screenshotsDir ?? SHOTS;
  const superEmail = h?.superAdmin.email ?? process.env.E2E_SUPER_EMAIL ?? '';
  const superPassword = h?.superAdmin.password ?? process.env.E2E_SUPER_PASSWORD ?? '';
  const superToken = await loginToken(apiUrl, superEmail, superPassword);
  const browser: Browser = await chromium.launch({
    executablePath: await chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    webUrl,
    apiUrl,
    superToken,
    async waitForMail(to, subject, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = readMail(mailDir)
          .filter((m) => m.to.includes(to) && subject.test(m.subject))
          .at(-1);
        if (found) return found;
        if (Date.now() > until) throw new Error(`No mail to ${to} matching ${subject}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async openAs(email, password) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-IN', timezoneId: 'Asia/Kolkata' });
      context.setDefaultTimeout(60_000);
      const res = await context.request.post(`${webUrl}/api/v1/auth/login`, {
        data: { email, password },
        headers: { origin: webUrl },
        timeout: 120_000,
      });
      if (!res.ok()) throw new Error(`browser login ${email}: ${res.status()} ${await res.text()}`);
      return context.newPage();
    },
    async screenshot(page, name) {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
    },
    close: () => browser.close(),
  };
}

/**
 * The hooks most browser test files share: before the file's tests, the stack and one new
 * organisation with its GST state (`27`, Maharashtra, unless given); after them, the browser
 * closed. Tests read `ctx.env` and `ctx.org`.
 */
export function withVoucherOrganization(stateCode = '27'): { readonly env: VoucherEnv; readonly org: TestOrganization } {
  const ctx = {} as { env: VoucherEnv; org: TestOrganization };
  beforeAll(async () => {
    ctx.env = await startVoucherEnv();
    ctx.org = await createOrganization(ctx.env.apiUrl, ctx.env.superToken, stateCode);
  }, 300_000);
  afterAll(async () => {
    await ctx.env?.close();
  }, 60_000);
  return ctx;
}
