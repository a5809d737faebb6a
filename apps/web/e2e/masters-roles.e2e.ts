import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser, gstinFor, type TestOrganization } from './vouchers.fixtures';
import { field } from './vouchers.ui';
import { startVoucherEnv, type VoucherEnv } from './vouchers.env';

/**
 * A standard user works with masters and vouchers but is not offered the admin-only actions
 * (deactivate, delete, adjust stock, cancel); when one is forced (the page was opened while the
 * user was still an admin), the API's refusal is shown.
 */

let env: VoucherEnv;
let org: TestOrganization;
let voucherId: string;
let productId: string;

beforeAll(async () => {
  env = await startVoucherEnv();
  org = await createOrganization(env.apiUrl, env.superToken, '27');
  const admin = org.admin.api;
  const customer = await admin.send<{ id: string }>('POST', '/customers', {
    name: 'Kolhapur Traders',
    state_code: '27',
    gstin: gstinFor('27', 'AABCK3333C'),
  });
  const product = await admin.send<{ id: string }>('POST', '/products', {
    name: 'Hex bolt M10',
    hsn_code: '7318',
    unit: 'PCS',
    unit_price: '12.50',
    gst_rate: '18',
    reorder_level: '50',
  });
  productId = product.id;
  await admin.send('POST', '/stock/adjustments', { product_id: product.id, quantity_change: '40', reason: 'Opening stock' });
  const voucher = await admin.send<{ id: string }>('POST', '/vouchers/sales', {
    customer_id: customer.id,
    date: new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10),
    items: [{ product_id: product.id, quantity: '10' }],
  });
  voucherId = voucher.id;
}, 300_000);

afterAll(async () => {
  await env?.close();
}, 60_000);

describe('masters and vouchers by role', () => {
  it('a standard user adds masters and sees no admin-only actions', { timeout: 900_000 }, async () => {
    const user = await createUser(env.apiUrl, org.admin.api, 'standard_user');
    const page = await env.openAs(user.email, user.password);

    await page.goto(`${env.webUrl}/customers`);
    await page.getByTestId('party-row-Kolhapur Traders').waitFor();
    await page.getByRole('button', { name: 'New customer' }).click();
    const form = page.getByRole('form', { name: 'customer form' });
    // The API's own schema checks the form before it is sent: the message sits next to the field.
    await field(form, 'Name').fill('Satara Hardware');
    await field(form, 'PIN code').fill('01234');
    await form.getByRole('button', { name: 'Add customer' }).click();
    await expect.poll(() => form.getByText('6 digits', { exact: false }).count()).toBeGreaterThan(0);
    await field(form, 'PIN code').fill('415001');
    await form.getByRole('button', { name: 'Add customer' }).click();
    await page.getByTestId('party-row-Satara Hardware').waitFor();

    // A duplicate name is refused by the server (409): its message beside the name, once.
    await page.getByRole('button', { name: 'New customer' }).click();
    await field(form, 'Name').fill('Satara Hardware');
    await form.getByRole('button', { name: 'Add customer' }).click();
    await page.getByTestId('form-refusal').waitFor();
    expect(await page.getByTestId('form-refusal').textContent()).toContain('Correct the field marked below.');
    expect((await form.textContent())!.match(/already exists/gi)).toHaveLength(1);
    // Closing a form with changes asks first (issue 14): yes, drop them.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.message());
        void d.accept();
      }),
    );
    await page.keyboard.press('Escape');
    expect(await asked).toContain('unsaved changes');
    await form.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Actions for Kolhapur Traders' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Deactivate' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Delete' }).count()).toBe(0);
    await page.keyboard.press('Escape');

    await page.goto(`${env.webUrl}/stock`);
    await page.getByTestId('stock-row-Hex bolt M10').waitFor();
    expect(await page.getByTestId('stock-row-Hex bolt M10').getAttribute('data-low')).toBe('true');
    expect(await page.getByRole('link', { name: 'Ledger' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Adjust' }).count()).toBe(0);

    await page.goto(`${env.webUrl}/vouchers/sales/${voucherId}`);
    await page.getByTestId('invoice').waitFor();
    expect(await page.getByRole('button', { name: 'Email' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Cancel voucher' }).count()).toBe(0);
    await page.close();
  });

  it('an action forced past the UI (role taken away while the page is open) shows the API refusal', { timeout: 900_000 }, async () => {
    const user = await createUser(env.apiUrl, org.admin.api, 'admin');
    const page = await env.openAs(user.email, user.password);

    await page.goto(`${env.webUrl}/vouchers/sales/${voucherId}`);
    await page.getByRole('button', { name: 'Cancel voucher' }).click();
    await field(page, 'Reason for cancelling').fill('Raised twice by mistake');
    await org.admin.api.send('PATCH', `/users/${user.id}`, { role: 'standard_user' });
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel voucher' }).click();
    await page.getByTestId('confirm-error').waitFor();
    expect(await page.getByTestId('confirm-error').textContent()).toMatch(/permission|not allowed|role|forbidden/i);
    const v = await org.admin.api.get<{ status: string }>(`/vouchers/sales/${voucherId}`);
    expect(v.status).toBe('active');

    await page.goto(`${env.webUrl}/stock/${productId}`);
    await page.getByTestId('ledger-row').first().waitFor();
    expect(await page.getByRole('button', { name: 'Adjust stock' }).count()).toBe(0);
    await page.close();
  });
});
