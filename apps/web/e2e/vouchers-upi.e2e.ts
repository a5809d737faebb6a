import { describe, expect, it } from 'vitest';
import { gstinFor } from './vouchers.fixtures';
import { withVoucherOrganization } from './vouchers.env';

/**
 * Issue 17: the org admin sets the UPI ID in the company profile, and a sales invoice's page shows
 * the UPI QR its PDF carries (the same link: `GET …/upi-payment`, drawn by the API).
 */

const ctx = withVoucherOrganization('27');

describe('UPI QR on the invoice page', () => {
  it('shows the QR of the UPI ID set in the profile, for the invoice amount', { timeout: 600_000 }, async () => {
    const page = await ctx.env.openAs(ctx.org.admin.email, ctx.org.admin.password);
    await page.goto(`${ctx.env.webUrl}/settings`);
    const upi = page.getByLabel('UPI ID');
    await upi.fill('not a upi id');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('must be a UPI ID such as name@bank').first().waitFor();
    await upi.fill('sahyadri@okaxis');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Company profile saved').waitFor();

    const admin = ctx.org.admin.api;
    const customer = await admin.send<{ id: string }>('POST', '/customers', {
      name: 'Pune Motors',
      state_code: '27',
      gstin: gstinFor('27', 'AABCP1111A'),
    });
    const product = await admin.send<{ id: string }>('POST', '/products', {
      name: 'Torque wrench',
      unit: 'PCS',
      unit_price: '2499.00',
      gst_rate: '18',
    });
    await admin.send('POST', '/stock/adjustments', { product_id: product.id, quantity_change: '10', reason: 'Opening stock' });
    const today = new Date().toISOString().slice(0, 10);
    const sale = await admin.send<{ id: string; voucher_number: string; grand_total: string }>('POST', '/vouchers/sales', {
      customer_id: customer.id,
      date: today,
      items: [{ product_id: product.id, quantity: 1 }],
    });

    await page.goto(`${ctx.env.webUrl}/vouchers/sales/${sale.id}`);
    const qr = page.getByTestId('invoice-upi-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('data-upi-uri')).toBe(
      `upi://pay?pa=sahyadri%40okaxis&pn=${encodeURIComponent(`${ctx.org.name} Private Limited`)}&am=${sale.grand_total}&cu=INR&tn=${encodeURIComponent(sale.voucher_number)}`,
    );
    expect(await qr.locator('svg').count()).toBe(1);
    expect(await qr.textContent()).toContain('₹2,949.00');
  });
});
