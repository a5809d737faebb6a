import { randomUUID } from 'node:crypto';
import { indianDate } from '@tritiq/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, settled, sidewaysOverflow } from './support/page-checks';
import {
  apiCaller,
  createOrganization,
  createUser,
  gstinFor,
  loginToken,
  TEST_PASSWORD,
  type ApiCaller,
  type TestOrganization,
} from './vouchers.fixtures';
import { startVoucherEnv, type VoucherEnv } from './vouchers.env';
import { field } from './vouchers.ui';

/**
 * Issue 14's screens as a trading company uses them (items 5, 6, 7, 8, 11, 12): messages that
 * name what the screen shows, the dashboard's axis, a register's count and totals, a party's
 * page, audit details as changes, and every main page on a 390 px phone (nothing scrolls
 * sideways, lists as cards) and checked by axe-core. Chromium against the real API.
 */

let env: VoucherEnv;
let org: TestOrganization;
let user: { email: string; password: string };
const ids: Record<string, string> = {};
const today = indianDate(new Date());

beforeAll(async () => {
  env = await startVoucherEnv();
  org = await createOrganization(env.apiUrl, env.superToken, '27');
  const a = org.admin.api;
  const std = await createUser(env.apiUrl, a, 'standard_user');
  user = { email: std.email, password: std.password };
  const customer = await a.send<{ id: string }>('POST', '/customers', {
    name: 'Bengaluru Fabricators',
    state_code: '29',
    gstin: gstinFor('29', 'AABCB4321M'),
    city: 'Bengaluru',
    email: 'purchase@blr-fab.test',
  });
  const vendor = await a.send<{ id: string }>('POST', '/vendors', {
    name: 'Deccan Steel Suppliers',
    state_code: '27',
    gstin: gstinFor('27', 'AAFCD5678Q'),
  });
  const bracket = await a.send<{ id: string }>('POST', '/products', {
    name: 'Steel bracket',
    hsn_code: '7326',
    unit: 'PCS',
    unit_price: '250.00',
    gst_rate: '18',
  });
  const press = await a.send<{ id: string }>('POST', '/products', {
    name: 'Hydraulic press',
    hsn_code: '8462',
    unit: 'PCS',
    unit_price: '178000.00',
    gst_rate: '18',
  });
  Object.assign(ids, { customer: customer.id, vendor: vendor.id, bracket: bracket.id, press: press.id });
  const purchase = await a.send<{ id: string; voucher_number: string }>('POST', '/vouchers/purchase', {
    vendor_id: vendor.id,
    date: today,
    items: [
      { product_id: bracket.id, quantity: 10 },
      { product_id: press.id, quantity: 2 },
    ],
  });
  ids.purchase = purchase.id;
  ids.purchaseNumber = purchase.voucher_number;
  // Two sales: 4 brackets (1,180.00) and a press (2,10,040.00); one more cancelled.
  const s1 = await a.send<{ id: string }>('POST', '/vouchers/sales', {
    customer_id: customer.id,
    date: today,
    items: [{ product_id: bracket.id, quantity: 4 }],
  });
  await a.send('POST', '/vouchers/sales', { customer_id: customer.id, date: today, items: [{ product_id: press.id, quantity: 1 }] });
  const s3 = await a.send<{ id: string }>('POST', '/vouchers/sales', {
    customer_id: customer.id,
    date: today,
    items: [{ product_id: bracket.id, quantity: 1 }],
  });
  await a.send('POST', `/vouchers/sales/${s3.id}/cancel`, { reason: 'Entered twice' });
  ids.sale = s1.id;
  await a.send('PUT', `/products/${bracket.id}`, { sale_price: '275.00' });
}, 300_000);

afterAll(async () => {
  await env?.close();
}, 60_000);

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${env.webUrl}${path}`);
  await settled(page);
}

describe('screens', () => {
  it('a register shows the count and totals of what is filtered; a party name opens its page', { timeout: 600_000 }, async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await open(page, '/vouchers/sales');
    const summary = page.getByTestId('list-summary');
    await summary.waitFor();
    // 1,180.00 + 2,10,040.00 posted; the cancelled one is counted, not added.
    expect(await page.getByTestId('list-count').textContent()).toBe('3 vouchers (1 cancelled)');
    expect(await page.getByTestId('list-grand').textContent()).toBe('₹2,11,220.00');
    expect(await page.getByTestId('list-tax').textContent()).toBe('₹32,220.00');
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Cancelled' }).click();
    await expect.poll(() => page.getByTestId('list-count').textContent()).toBe('1 voucher (1 cancelled)');
    expect(await page.getByTestId('list-grand').textContent()).toBe('₹0.00');
    await env.screenshot(page, 'register-totals');

    // The filters' pickers load on first use (bench/README.md, web-dev): a date typed into the
    // stand-in before its calendar is there filters at once, and a party name typed into the
    // stand-in is searched by the picker that takes its place.
    await open(page, '/vouchers/sales');
    await summary.waitFor();
    const [y, m, d] = indianDate(new Date(Date.now() + 86_400_000)).split('-');
    await field(page, 'From').fill(`${d}/${m}/${y}`);
    await expect.poll(() => page.getByTestId('list-count').textContent()).toBe('0 vouchers');
    await field(page, 'From').fill('');
    await expect.poll(() => page.getByTestId('list-count').textContent()).toBe('3 vouchers (1 cancelled)');
    await field(page, 'Customer').fill('Bengal');
    await page.getByRole('option', { name: 'Bengaluru Fabricators' }).click();
    await expect.poll(() => field(page, 'Customer').inputValue()).toBe('Bengaluru Fabricators');
    expect(await page.getByTestId('list-count').textContent()).toBe('3 vouchers (1 cancelled)');

    await open(page, '/customers');
    await page.getByRole('link', { name: 'Bengaluru Fabricators' }).click();
    await page.waitForURL(`**/customers/${ids.customer}`);
    await page.getByTestId('party-details').waitFor();
    expect(await page.getByTestId('party-name').textContent()).toBe('Bengaluru Fabricators');
    expect(await page.getByTestId('party-details').textContent()).toContain(gstinFor('29', 'AABCB4321M'));
    expect(await page.getByRole('dialog').count()).toBe(0);
    const sales = page.getByTestId('party-vouchers-sales');
    await expect.poll(() => sales.getByTestId('list-count').textContent()).toBe('3 vouchers (1 cancelled)');
    expect(await sales.getByRole('row').count()).toBe(4);
    await env.screenshot(page, 'party-page');
    await page.close();
  });

  it('messages say what to do, in the words of the screen', { timeout: 600_000 }, async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    // No customer chosen: "Choose a customer", not "must be a UUID".
    await open(page, '/vouchers/sales/new');
    await page.getByRole('button', { name: 'Save sales voucher' }).click();
    const form = page.getByRole('form', { name: 'New sales voucher' });
    await expect.poll(() => form.textContent()).toContain('Choose a customer');
    expect(await form.textContent()).not.toMatch(/UUID|customer_id/);

    // A purchase whose goods were sold: the refusal says so and names them.
    await open(page, `/vouchers/purchase/${ids.purchase}`);
    await page.getByRole('button', { name: 'Cancel voucher' }).click();
    await field(page, 'Reason for cancelling').fill('Returned to the vendor');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel voucher' }).click();
    const refused = page.getByTestId('confirm-error');
    await refused.waitFor();
    const text = await refused.textContent();
    expect(text).toContain(`Cannot cancel ${ids.purchaseNumber}: goods from this purchase voucher were already sold or used`);
    expect(text).toContain('Hydraulic press (2.000 PCS in this purchase voucher, 1.000 PCS left in stock)');
    expect(text).toContain('Steel bracket (10.000 PCS in this purchase voucher, 6.000 PCS left in stock)');
    await env.screenshot(page, 'purchase-cancel-refused');

    // A password the API refuses: its message once, beside the field; no wire names.
    await open(page, '/profile/password');
    await field(page, 'Current password').fill(TEST_PASSWORD);
    await field(page, 'New password').fill('aaaaaaaaaaaaaaaa');
    await field(page, 'Confirm new password').fill('aaaaaaaaaaaaaaaa');
    await page.getByRole('button', { name: 'Change password' }).click();
    const alert = page.getByTestId('form-refusal');
    await alert.waitFor();
    const fieldError = await page.locator('.mantine-InputWrapper-error').first().textContent();
    expect(fieldError).toMatch(/^New password /);
    expect(await alert.textContent()).toBe('Correct the field marked below.');
    const body = (await page.locator('main').textContent())!;
    expect(body.split(fieldError!).length - 1).toBe(1);
    expect(body).not.toContain('new_password');
    await env.screenshot(page, 'password-refused-once');

    // A party form refusal names the field as the form does (GSTIN), not gstin.
    await open(page, '/customers');
    await page.getByRole('button', { name: 'New customer' }).click();
    const party = page.getByRole('form', { name: 'customer form' });
    await field(party, 'Name').fill('Mysore Traders');
    await field(party, 'GSTIN').fill(gstinFor('29', 'AABCM1234C'));
    await field(party, 'PAN').fill('AAAAA1111A');
    await party.getByRole('button', { name: 'Add customer' }).click();
    await expect.poll(() => party.textContent()).toContain('GSTIN contains PAN');
    expect(await party.textContent()).not.toMatch(/\bgstin\b/);
    await env.screenshot(page, 'party-form-refused');
    await page.close();
  });

  it(
    'the dashboard: compact Indian axis, counts in words, a checklist until the company profile is done',
    { timeout: 600_000 },
    async () => {
      const page = await env.openAs(org.admin.email, org.admin.password);
      await open(page, '/');
      const ticks = page.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
      await ticks.first().waitFor({ state: 'attached' });
      await expect.poll(() => ticks.count()).toBeGreaterThan(2);
      const labels = (await ticks.allTextContents()).map((t) => t.trim());
      for (const l of labels) expect(l).toMatch(/^₹\d+(\.\d)?( K| L| Cr)?$/);
      expect(labels.some((l) => l.endsWith(' L'))).toBe(true);
      // Every label lies inside the chart (nothing cut off at the left edge).
      const chartLeft = (await page.locator('.recharts-surface').first().boundingBox())!.x;
      for (const box of await ticks.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left)))
        expect(box).toBeGreaterThanOrEqual(chartLeft);
      expect(await page.getByTestId('stat-sales-this-month').locator('..').textContent()).toContain('2 vouchers');
      expect(await page.getByTestId('stat-purchases-this-month').locator('..').textContent()).toContain('1 voucher');
      expect(await page.getByTestId('stat-purchases-this-month').locator('..').textContent()).not.toContain('1 vouchers');
      expect(await page.getByTestId('setup-checklist').count()).toBe(0);
      await env.screenshot(page, 'dashboard-axis');
      await page.close();

      // The super admin's licence dialog says what the new admin must do first.
      const su = await env.openAs((await superCredentials()).email, (await superCredentials()).password);
      await open(su, '/admin/organisations');
      const tag = randomUUID().slice(0, 8);
      const adminEmail = `new-${tag}@example.test`;
      await su.getByRole('button', { name: 'New licence' }).click();
      await su.getByLabel(/^Organisation name/).fill(`Kaveri Agencies ${tag}`);
      await su.getByLabel(/^Admin's full name/).fill('Kaveri Iyer');
      await su.getByLabel(/^Admin's email/).fill(adminEmail);
      await su.getByRole('button', { name: 'Create licence' }).click();
      const temporary = (await su.getByTestId('secret-once').textContent())!.trim();
      expect(await su.getByRole('dialog', { name: 'Licence created' }).textContent()).toContain('must complete the company profile');
      await env.screenshot(su, 'licence-created');
      await su.close();

      // The new admin's dashboard lists what is left until the profile is complete.
      const first = await loginToken(env.apiUrl, adminEmail, temporary);
      await apiCaller(env.apiUrl, first).send('POST', '/auth/change-password', {
        current_password: temporary,
        new_password: TEST_PASSWORD,
      });
      const fresh = await env.openAs(adminEmail, TEST_PASSWORD);
      await open(fresh, '/');
      const checklist = fresh.getByTestId('setup-checklist');
      await checklist.waitFor();
      expect(await checklist.locator('[data-done="false"]').count()).toBe(3);
      await env.screenshot(fresh, 'dashboard-checklist');
      const newAdmin = apiCaller(env.apiUrl, await loginToken(env.apiUrl, adminEmail, TEST_PASSWORD));
      await newAdmin.send('PATCH', '/organization/profile', {
        legal_name: 'Kaveri Agencies Pvt Ltd',
        address_line1: '1 MG Road',
        city: 'Mysuru',
        pin_code: '570001',
        gstin: gstinFor('29', 'AAKCK1234K'),
        state_code: '29',
      });
      await open(fresh, '/');
      await fresh.getByTestId('stat-customers').waitFor();
      expect(await fresh.getByTestId('setup-checklist').count()).toBe(0);
      await fresh.close();
    },
  );

  it('audit details read as changes; a user who may not cancel is told why', { timeout: 600_000 }, async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await open(page, '/settings/audit');
    const details = page.getByTestId('audit-details');
    await details.first().waitFor();
    const all = (await details.allTextContents()).join('\n');
    expect(all).toContain('Sale price: 250.00 → 275.00');
    expect(all).toContain('Voucher number: SV/');
    expect(all).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
    expect(all).not.toContain('{"');
    await env.screenshot(page, 'audit-details');
    await page.close();

    const std = await env.openAs(user.email, user.password);
    await open(std, `/vouchers/sales/${ids.sale}`);
    expect(await std.getByRole('button', { name: 'Cancel voucher' }).count()).toBe(0);
    expect(await std.getByTestId('cancel-why').textContent()).toMatch(/^Only organisation admins and admins may cancel a sales voucher/);
    await env.screenshot(std, 'cancel-why');
    await std.close();
  });

  it(
    'every main page fits a 390 px phone (lists as cards) and has no serious or critical axe violation',
    { timeout: 900_000 },
    async () => {
      const pages = [
        '/',
        '/customers',
        `/customers/${ids.customer}`,
        '/vendors',
        `/vendors/${ids.vendor}`,
        '/products',
        '/stock',
        `/stock/${ids.bracket}`,
        '/vouchers/sales',
        '/vouchers/sales/new',
        `/vouchers/sales/${ids.sale}`,
        '/vouchers/purchase',
        '/vouchers/purchase/new',
        `/vouchers/purchase/${ids.purchase}`,
        '/settings',
        '/settings/preferences',
        '/settings/users',
        '/settings/audit',
        '/profile',
        '/profile/password',
        '/profile/security',
      ];
      const superPages = [
        '/',
        '/admin/organisations',
        '/admin/users',
        '/admin/audit',
        '/admin/email',
        '/admin/health',
        '/admin/password-reset',
      ];
      const su = await superCredentials();
      const problems: string[] = [];
      for (const [who, list] of [
        ['org', pages],
        ['super', superPages],
      ] as const) {
        const page = who === 'org' ? await env.openAs(org.admin.email, org.admin.password) : await env.openAs(su.email, su.password);
        for (const width of [390, 1280]) {
          await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
          for (const path of list) {
            await open(page, path);
            if (width === 390) {
              const o = await sidewaysOverflow(page);
              if (o.scrollWidth > o.innerWidth)
                problems.push(`${path} at 390 px scrolls sideways: ${o.scrollWidth} > ${o.innerWidth}; ${o.widest.join(', ')}`);
              await env.screenshot(page, `phone-${who}${path.replace(/\/[0-9a-f-]{36}/g, '/id').replace(/\//g, '-') || '-home'}`);
            }
            for (const v of await seriousA11yViolations(page))
              problems.push(`${path} at ${width} px: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(' | ')}`);
          }
        }
        await page.close();
      }
      expect(problems).toEqual([]);

      // On the phone a register's rows are cards: each cell shows its column's name.
      const page = await env.openAs(org.admin.email, org.admin.password);
      await page.setViewportSize({ width: 390, height: 844 });
      await open(page, '/vouchers/sales');
      const cell = page.locator('tbody tr').first().locator('td').nth(5);
      expect(await cell.getAttribute('data-label')).toBe('Grand total (₹)');
      expect(await cell.evaluate((td) => getComputedStyle(td).display)).toBe('flex');
      expect(
        await page
          .locator('thead')
          .first()
          .evaluate((el) => el.getBoundingClientRect().height),
      ).toBeLessThanOrEqual(1);
      await env.screenshot(page, 'phone-register-cards');
      await page.close();
    },
  );
});

async function superCredentials(): Promise<{ email: string; password: string }> {
  const { inject } = await import('vitest');
  const e2e = (inject as unknown as (k: string) => { superAdmin: { email: string; password: string } } | undefined)('e2e');
  return e2e!.superAdmin;
}

export type { ApiCaller };
