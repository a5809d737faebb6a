import { describe, expect, it } from 'vitest';
import { gstinFor } from './vouchers.fixtures';
import { withVoucherOrganization } from './vouchers.env';
import { addParty, addProduct, field, fillLines, onHand, pick } from './vouchers.ui';

/**
 * The day of a new organisation's admin, in Chromium against the real API on PostgreSQL: masters
 * through the UI, a purchase raising stock, an inter-state sale (IGST) lowering it, its
 * cancellation restoring it, and a voucher emailed to the loopback SMTP server.
 */

const ctx = withVoucherOrganization('27');

describe('vouchers in the browser', () => {
  it(
    'an admin adds masters, posts a purchase and an inter-state sale, cancels the sale and emails a voucher',
    { timeout: 900_000 },
    async () => {
      const page = await ctx.env.openAs(ctx.org.admin.email, ctx.org.admin.password);

      await page.goto(`${ctx.env.webUrl}/vendors`);
      await page.getByTestId('empty-state').waitFor();
      await addParty(page, 'vendor', {
        name: 'Deccan Steel Suppliers',
        stateOption: /^27 - Maharashtra/,
        gstin: gstinFor('27', 'AAFCD5678Q'),
        email: 'sales@deccan-steel.test',
        city: 'Pune',
      });
      await ctx.env.screenshot(page, 'masters-vendors');

      await page.goto(`${ctx.env.webUrl}/customers`);
      await addParty(page, 'customer', {
        name: 'Bengaluru Fabricators',
        stateOption: /^29 - Karnataka/,
        gstin: gstinFor('29', 'AABCB4321M'),
        email: 'purchase@blr-fab.test',
        city: 'Bengaluru',
      });

      await page.goto(`${ctx.env.webUrl}/products`);
      await addProduct(page, { name: 'Steel bracket', hsn: '7326', unit: 'PCS', price: '250.00', rate: '18', reorder: '5' });
      await ctx.env.screenshot(page, 'masters-products');

      // Purchase: 10 brackets from the Maharashtra vendor (intra-state: CGST + SGST).
      await page.goto(`${ctx.env.webUrl}/vouchers/purchase/new`);
      await pick(page, field(page, 'Vendor'), 'Deccan', 'Deccan Steel Suppliers');
      await fillLines(page, [{ product: 'Steel bracket', quantity: '10' }]);
      await expect.poll(() => page.getByTestId('total-grand').textContent()).toBe('₹2,950.00');
      expect(await page.getByTestId('total-cgst').textContent()).toBe('₹225.00');
      await page.getByRole('button', { name: 'Save purchase voucher' }).click();
      await page.getByTestId('voucher-created').waitFor();
      const purchaseNumber = (await page.getByTestId('voucher-number').textContent())!.trim();
      expect(purchaseNumber).toMatch(/^PV\/\d{4}\/00001$/);
      expect(await page.getByTestId('view-grand').textContent()).toBe('₹2,950.00');

      await page.goto(`${ctx.env.webUrl}/stock`);
      await page.getByTestId('stock-row-Steel bracket').waitFor();
      expect(await onHand(page, 'Steel bracket')).toBe('10 PCS');

      // Sale of 4 to the Karnataka customer: inter-state, IGST.
      await page.goto(`${ctx.env.webUrl}/vouchers/sales/new`);
      await pick(page, field(page, 'Customer'), 'Bengaluru', 'Bengaluru Fabricators');
      await fillLines(page, [{ product: 'Steel bracket', quantity: '4', discount: '5' }]);
      // 4 x 250 = 1000, 5 % off: 950.00 taxable; IGST 18 % = 171.00; 1121.00
      await expect.poll(() => page.getByTestId('total-igst').textContent()).toBe('₹171.00');
      expect(await page.getByTestId('total-cgst').count()).toBe(0);
      expect(await page.getByTestId('supply-kind').textContent()).toContain('Inter-state');
      expect(await page.getByTestId('total-words').textContent()).toBe('Rupees One Thousand One Hundred Twenty One Only');
      await ctx.env.screenshot(page, 'voucher-form-totals');
      await page.getByRole('button', { name: 'Save sales voucher' }).click();
      await page.getByTestId('voucher-created').waitFor();
      const salesNumber = (await page.getByTestId('voucher-number').textContent())!.trim();
      expect(salesNumber).toMatch(/^SV\/\d{4}\/00001$/);
      expect(await page.getByTestId('view-igst').textContent()).toBe('171.00');
      expect(await page.getByTestId('invoice-recipient').textContent()).toContain(gstinFor('29', 'AABCB4321M'));
      expect(await page.getByTestId('invoice-supplier').textContent()).toContain(gstinFor('27', 'AAGCS1234K'));
      await ctx.env.screenshot(page, 'voucher-view');
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
      expect(await page.getByTestId('invoice').isVisible()).toBe(true);
      await ctx.env.screenshot(page, 'voucher-print');
      await page.emulateMedia({ media: 'screen' });
      const salesUrl = page.url();

      await page.goto(`${ctx.env.webUrl}/stock`);
      await page.getByTestId('stock-row-Steel bracket').waitFor();
      expect(await onHand(page, 'Steel bracket')).toBe('6 PCS');

      // Cancel the sale: confirmation with a reason, stock restored.
      await page.goto(salesUrl);
      await page.getByRole('button', { name: 'Cancel voucher' }).click();
      await field(page, 'Reason for cancelling').fill('Customer withdrew the order');
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel voucher' }).click();
      await page.getByTestId('cancel-info').waitFor();
      expect(await page.getByTestId('voucher-status').textContent()).toBe('Cancelled');
      expect(await page.getByRole('button', { name: 'Cancel voucher' }).count()).toBe(0);

      await page.goto(`${ctx.env.webUrl}/stock`);
      await page.getByTestId('stock-row-Steel bracket').waitFor();
      expect(await onHand(page, 'Steel bracket')).toBe('10 PCS');
      await ctx.env.screenshot(page, 'stock');

      await page.getByRole('link', { name: 'Steel bracket' }).click();
      await page.getByTestId('ledger-row').first().waitFor();
      const rows = await page.getByTestId('ledger-row').allTextContents();
      expect(rows).toHaveLength(3);
      expect(rows[0]).toContain('Sale cancelled');
      expect(rows[1]).toContain(salesNumber);
      expect(rows[2]).toContain(purchaseNumber);
      expect(await page.getByTestId('ledger-on-hand').textContent()).toContain('10 PCS');
      await ctx.env.screenshot(page, 'stock-ledger');

      // Email the purchase voucher to its vendor; the UI follows the outbox to "sent".
      await page.goto(`${ctx.env.webUrl}/vouchers/purchase`);
      await page.getByRole('link', { name: purchaseNumber }).waitFor();
      await ctx.env.screenshot(page, 'voucher-list');
      await page.getByRole('link', { name: purchaseNumber }).click();
      await page.getByTestId('invoice').waitFor();
      await page.getByRole('button', { name: 'Email' }).click();
      const to = field(page, 'To');
      await expect.poll(() => to.inputValue()).toBe('sales@deccan-steel.test');
      await page.getByRole('button', { name: 'Send email' }).click();
      const mail = await ctx.env.waitForMail('sales@deccan-steel.test', new RegExp(purchaseNumber.replace(/\//g, '\\/')));
      expect(mail.subject).toContain(purchaseNumber);
      expect(mail.text).toContain('Steel bracket');
      expect(mail.text).toMatch(/₹2,950\.00/);
      await page.locator('[data-testid="email-status"][data-status="sent"]').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('email-status').textContent()).toBe('Email sent');
      await page.close();
    },
  );
});
