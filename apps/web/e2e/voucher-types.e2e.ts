import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type TestOrganization } from './vouchers.fixtures';
import { startVoucherEnv, type VoucherEnv } from './vouchers.env';
import { field, fillLines, pick } from './vouchers.ui';

/**
 * The API of the browser tests serves one voucher type the web app has no code for: a sales order,
 * registered only by the test harness (support/register-test-voucher-type.ts). The web app finds it
 * in `GET /api/v1/voucher-types` and gives it a navigation link, a register and an entry form.
 */

let env: VoucherEnv;
let org: TestOrganization;

beforeAll(async () => {
  env = await startVoucherEnv();
  org = await createOrganization(env.apiUrl, env.superToken, '27');
  await org.admin.api.send('POST', '/customers', { name: 'Nashik Agro Works', state_code: '27', email: 'buy@nashik-agro.test' });
  await org.admin.api.send('POST', '/products', { name: 'Drip emitter', unit: 'PCS', unit_price: '12.50', gst_rate: '12' });
}, 300_000);

afterAll(async () => {
  await env?.close();
}, 60_000);

describe('a voucher type the web app learns from the API', () => {
  it('has its navigation link, register and entry form, and numbers from its own series', { timeout: 300_000 }, async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await page.goto(`${env.webUrl}/`);
    await page.getByRole('button', { name: 'Vouchers' }).click();
    await page.getByRole('menuitem', { name: 'Sales orders' }).click();
    await page.getByRole('heading', { name: 'Sales orders' }).waitFor();
    expect(page.url()).toBe(`${env.webUrl}/vouchers/sales-order`);

    await page.getByRole('link', { name: 'New sales order' }).click();
    await page.getByRole('heading', { name: 'New sales order' }).waitFor();
    // Its own header fields, from its definition; not those of sales or purchase.
    expect(await field(page, 'Deliver by').count()).toBe(1);
    expect(await field(page, 'Supplier invoice no.').count()).toBe(0);
    await pick(page, field(page, 'Customer'), 'Nashik', 'Nashik Agro Works');
    await field(page, "Customer's PO no.").fill('NAW-PO-31');
    await fillLines(page, [{ product: 'Drip emitter', quantity: '400' }]);
    // 400 x 12.50 = 5,000.00 + 12 % (intra-state: 300.00 + 300.00) = 5,600.00
    await expect.poll(() => page.getByTestId('total-grand').textContent()).toBe('₹5,600.00');
    await page.getByRole('button', { name: 'Save sales order' }).click();
    await page.getByTestId('voucher-created').waitFor();
    const number = (await page.getByTestId('voucher-number').textContent())!.trim();
    expect(number).toMatch(/^SO\/\d{4}\/00001$/);
    await env.screenshot(page, 'test-voucher-type-view');

    await page.goto(`${env.webUrl}/vouchers/sales-order`);
    await page.getByTestId(`voucher-row-${number}`).waitFor();
    await env.screenshot(page, 'test-voucher-type-list');

    // Its prefix is a setting like any type's: the preferences form lists it too.
    await page.goto(`${env.webUrl}/settings/preferences`);
    await field(page, 'Sales order prefix').fill('ORD');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    const settings = await org.admin.api.get<{ voucher_prefixes: Record<string, string> }>('/organization/settings');
    expect(settings.voucher_prefixes).toEqual({
      sales: 'SV',
      purchase: 'PV',
      receipt: 'RC',
      payment: 'PY',
      contra: 'CT',
      journal: 'JV',
      'credit-note': 'CN',
      'debit-note': 'DN',
      'sales-order': 'ORD',
    });
    const next = await org.admin.api.get<{ voucher_number: string }>('/vouchers/sales-order/next-number');
    expect(next.voucher_number).toMatch(/^ORD\/\d{4}\/00002$/);

    await page.goto(`${env.webUrl}/vouchers/no-such-type`);
    await page.getByRole('heading', { name: 'No such voucher type' }).waitFor();
    await page.context().close();
  });
});
