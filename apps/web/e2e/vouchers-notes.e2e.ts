import { describe, expect, it } from 'vitest';
import { createUser } from './vouchers.fixtures';
import { withVoucherOrganization } from './vouchers.env';
import { liveTotals } from './vouchers.ui';

/**
 * Issue 16: a credit note from a sales invoice's page, prefilled with its lines (quantities
 * editable down to zero), refused beside the line when it returns more than was sold, then saved;
 * the note's page links back to the invoice and the register shows what it is against.
 */

const ctx = withVoucherOrganization('27');

describe('credit note from an invoice', () => {
  it('opens prefilled from the invoice, checks the quantities, saves and links back', { timeout: 600_000 }, async () => {
    const admin = ctx.org.admin.api;
    const customer = await admin.send<{ id: string }>('POST', '/customers', { name: 'Nashik Traders', state_code: '27' });
    const wrench = await admin.send<{ id: string }>('POST', '/products', {
      name: 'Torque wrench',
      unit: 'PCS',
      unit_price: '1000.00',
      gst_rate: '18',
    });
    const gloves = await admin.send<{ id: string }>('POST', '/products', {
      name: 'Gloves',
      unit: 'PAIR',
      unit_price: '50.00',
      gst_rate: '12',
    });
    for (const p of [wrench, gloves]) {
      await admin.send('POST', '/stock/adjustments', { product_id: p.id, quantity_change: '10', reason: 'Opening stock' });
    }
    const today = new Date().toISOString().slice(0, 10);
    const sale = await admin.send<{ id: string; voucher_number: string }>('POST', '/vouchers/sales', {
      customer_id: customer.id,
      date: today,
      items: [
        { product_id: wrench.id, quantity: 3 },
        { product_id: gloves.id, quantity: 4 },
      ],
    });

    // A standard user may make notes, as invoices (only admins cancel them).
    const clerk = await createUser(ctx.env.apiUrl, admin, 'standard_user');
    const page = await ctx.env.openAs(clerk.email, clerk.password);
    await page.goto(`${ctx.env.webUrl}/vouchers/sales/${sale.id}`);
    await page.getByRole('link', { name: 'Credit note' }).click();
    await page.getByTestId('note-original').waitFor();
    const wrenchQty = page.getByLabel('Quantity to return, line 1');
    const glovesQty = page.getByLabel('Quantity to return, line 2');
    expect(await wrenchQty.inputValue()).toBe('3');
    expect(await glovesQty.inputValue()).toBe('4');

    // More than was sold: refused beside the line, nothing saved.
    await wrenchQty.fill('5');
    await glovesQty.fill('0');
    await page.getByRole('button', { name: 'Save credit note' }).click();
    // Beside the line (and in the form's alert).
    await page.getByTestId('note-line-1').getByText(`must be at most 3.000 PCS: line 1 of ${sale.voucher_number}`).waitFor();

    // One wrench back, no gloves: 1000 + 18 % intra-state.
    await wrenchQty.fill('1');
    const totals = await liveTotals(page);
    expect(totals.taxable).toContain('1,000.00');
    expect(totals.grand).toContain('1,180.00');
    await page.getByRole('button', { name: 'Save credit note' }).click();
    await page.getByTestId('voucher-created').waitFor();
    expect(await page.getByTestId('voucher-number').textContent()).toMatch(/^CN\/\d{4}\/00001$/);
    const against = page.getByTestId('voucher-against');
    expect(await against.textContent()).toContain(`Against ${sale.voucher_number}`);
    expect(await against.textContent()).toContain('Reason: Sales return');

    await page.getByRole('link', { name: 'Credit notes' }).first().click();
    const row = page.locator('[data-testid^="voucher-row-CN/"]');
    await row.waitFor();
    expect(await row.getByTestId('voucher-against').textContent()).toBe(sale.voucher_number);

    // And back from the note to its invoice.
    await row.getByRole('link').first().click();
    await page.getByTestId('voucher-against').getByRole('link', { name: sale.voucher_number }).click();
    await page.getByTestId('voucher-number').filter({ hasText: sale.voucher_number }).waitFor();
  });
});
