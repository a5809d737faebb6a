import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { indianDate } from '@tritiq/contracts';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../api/src/test/smtp';
import { databaseUrl } from '../../api/src/test/test-db';
import { webDir } from '../../../scripts/lib/web-build.mjs';
import { launchBrowser } from './support/browser';
import { e2eEnv } from './support/env';
import { settled } from './support/page-checks';
import { apiServerEnv, startApiServer, startWebServer, type ServerProcess } from './support/servers';
import { createOrganization, gstinFor, loginToken, type TestOrganization } from './vouchers.fixtures';

/**
 * Issue 14 item 5: a voucher emailed while email is not configured never shows "Email queued"; it
 * says the email waits because email is not configured, and where the platform administrator
 * configures it. The suite's own stack always has SMTP, so this file starts a second API without
 * any SMTP_* setting (on a database of its own: the suite's API would otherwise send its outbox)
 * and a second web server (the same build) forwarding to it.
 */

const SUPER_ADMIN = { email: 'root-nosmtp@platform.example.test', password: 'Pl@tform-NoSmtp-2026' };
const CUSTOMER_EMAIL = 'accounts@nashik-grapes.test';

let browser: Browser;
let api: ServerProcess | undefined;
let web: ServerProcess | undefined;
let admin: pg.Client;
let database: string;
let dataDir: string;
let org: TestOrganization;
let superToken: string;
let saleId: string;

beforeAll(async () => {
  const { postgresAdminUrl } = e2eEnv();
  database = `tritiq_e2e_nosmtp_${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  dataDir = mkdtempSync(path.join(tmpdir(), 'tritiq-e2e-nosmtp-'));
  const [apiPort, webPort] = [await closedPort(), await closedPort()];
  const webUrl = `http://127.0.0.1:${webPort}`;
  api = await startApiServer(
    apiServerEnv({ port: apiPort, webUrl, databaseUrl: databaseUrl(postgresAdminUrl, database), dataDir, superAdmin: SUPER_ADMIN }),
  );
  web = await startWebServer(webDir, { NODE_ENV: 'production', API_URL: api.url }, { port: webPort });
  browser = await launchBrowser();

  superToken = await loginToken(api.url, SUPER_ADMIN.email, SUPER_ADMIN.password);
  org = await createOrganization(api.url, superToken, '27');
  const a = org.admin.api;
  const today = indianDate(new Date());
  const customer = await a.send<{ id: string }>('POST', '/customers', {
    name: 'Nashik Grape Growers',
    state_code: '27',
    gstin: gstinFor('27', 'AABCN4321M'),
    city: 'Nashik',
    email: CUSTOMER_EMAIL,
  });
  const vendor = await a.send<{ id: string }>('POST', '/vendors', { name: 'Sangli Crates', state_code: '27' });
  const crate = await a.send<{ id: string }>('POST', '/products', {
    name: 'Plastic crate',
    hsn_code: '3923',
    unit: 'PCS',
    unit_price: '120.00',
    gst_rate: '18',
  });
  await a.send('POST', '/vouchers/purchase', { vendor_id: vendor.id, date: today, items: [{ product_id: crate.id, quantity: 50 }] });
  const sale = await a.send<{ id: string }>('POST', '/vouchers/sales', {
    customer_id: customer.id,
    date: today,
    items: [{ product_id: crate.id, quantity: 20 }],
  });
  saleId = sale.id;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await api?.stop();
  await admin?.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin?.end();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** A page on the second web server, signed in as `who` (through its /api, as a browser would). */
async function openAs(who: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: web!.url,
    viewport: { width: 1280, height: 900 },
    locale: 'en-IN',
    timezoneId: 'Asia/Kolkata',
  });
  context.setDefaultTimeout(30_000);
  const res = await context.request.post('/api/v1/auth/login', { data: who, headers: { origin: web!.url } });
  expect(res.ok(), await res.text()).toBe(true);
  return { context, page: await context.newPage() };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(e2eEnv().screenshotsDir, `${name}.png`), fullPage: true });
}

describe('a voucher emailed while email is not configured', () => {
  it('says the email waits because email is not configured, and where the administrator configures it, never "Email queued"', async () => {
    const { context, page } = await openAs(org.admin);
    try {
      await page.goto(`/vouchers/sales/${saleId}`);
      await settled(page);
      await page.getByRole('button', { name: 'Email', exact: true }).click();
      const dialog = page.getByRole('dialog');
      // Said before sending, in the dialog.
      const before = dialog.getByTestId('email-dialog-not-configured');
      await before.waitFor();
      expect(await before.textContent()).toMatch(/will wait in the outbox and is sent only once email is configured/);
      expect(await before.textContent()).toContain('Admin → Email');
      expect(await dialog.getByLabel('To').inputValue()).toBe(CUSTOMER_EMAIL);
      await shot(page, 'email-not-configured-dialog');
      await dialog.getByRole('button', { name: 'Send email' }).click();
      await dialog.waitFor({ state: 'detached' });

      // On the voucher: the badge, the notice and the message name the cause and the place.
      const badge = page.getByTestId('email-status');
      await expect.poll(() => badge.textContent()).toMatch(/^Email not configured$/i);
      expect(await badge.getAttribute('data-status')).toBe('queued');
      await expect(page.getByText(`Email to ${CUSTOMER_EMAIL} is waiting in the outbox: email is not configured.`).count()).resolves.toBe(
        1,
      );
      const message = page.getByTestId('email-not-configured');
      await message.waitFor();
      const text = (await message.textContent()) ?? '';
      expect(text).toContain('Email is not configured');
      expect(text).toContain(`This email to ${CUSTOMER_EMAIL} has not been sent and cannot be until email is configured.`);
      expect(text).toMatch(/platform administrator configures email in the server's SMTP settings \(SMTP_HOST/);
      expect(text).toContain('Admin → Email');
      await expect(page.getByText(/Email queued/i).count()).resolves.toBe(0);
      await shot(page, 'email-not-configured-voucher');

      // The register says the same of that voucher.
      await page.goto('/vouchers/sales');
      await settled(page);
      const listBadge = page.getByTestId('email-status');
      await expect.poll(() => listBadge.textContent()).toMatch(/^Email not configured$/i);
      await expect(page.getByText(/Email queued/i).count()).resolves.toBe(0);
      await shot(page, 'email-not-configured-list');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('the place the message names, Admin → Email, shows the platform administrator what is missing', async () => {
    const { context, page } = await openAs(SUPER_ADMIN);
    try {
      await page.goto('/admin/email');
      await settled(page);
      await page.getByText('not configured', { exact: true }).waitFor();
      await page
        .getByText(/SMTP_HOST is not set/)
        .first()
        .waitFor();
      // The voucher's email is there, waiting (with the new organisation admin's welcome message).
      expect(Number(/^(\d+) waiting/.exec((await page.getByTestId('outbox-depth').textContent()) ?? '')?.[1])).toBeGreaterThanOrEqual(1);
      await shot(page, 'email-not-configured-admin');
    } finally {
      await context.close();
    }
  }, 120_000);
});
