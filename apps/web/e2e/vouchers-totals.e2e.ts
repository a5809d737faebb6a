import { formatRupees } from '@tritiq/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, gstinFor, type TestOrganization } from './vouchers.fixtures';
import { startVoucherEnv, type VoucherEnv } from './vouchers.env';
import { field, fillLines, liveTotals, pick, type LineEntry } from './vouchers.ui';

/**
 * The voucher form's live totals are computed in the browser by the same module the server uses
 * (packages/contracts gst/compute); each case types the lines, reads what the form shows, saves,
 * and compares with what the server stored.
 */

let env: VoucherEnv;
let org: TestOrganization;

const PRODUCTS = [
  { name: 'Torque wrench', hsn_code: '8204', unit: 'PCS', unit_price: '2499.00', gst_rate: '18' },
  { name: 'Cutting oil', hsn_code: '2710', unit: 'L', unit_price: '412.35', gst_rate: '5' },
  { name: 'Safety gloves', hsn_code: '6116', unit: 'PAIR', unit_price: '89.50', gst_rate: '12', is_gst_inclusive: true },
  { name: 'Diamond bit', hsn_code: '7102', unit: 'PCS', unit_price: '1234.56', gst_rate: '0.25' },
];

beforeAll(async () => {
  env = await startVoucherEnv();
  org = await createOrganization(env.apiUrl, env.superToken, '27');
  const admin = org.admin.api;
  await admin.send('POST', '/customers', { name: 'Pune Motors', state_code: '27', gstin: gstinFor('27', 'AABCP1111A') });
  await admin.send('POST', '/customers', { name: 'Chennai Works', state_code: '33', gstin: gstinFor('33', 'AABCC2222B') });
  for (const p of PRODUCTS) {
    const created = await admin.send<{ id: string }>('POST', '/products', p);
    await admin.send('POST', '/stock/adjustments', { product_id: created.id, quantity_change: '1000', reason: 'Opening stock' });
  }
}, 300_000);

afterAll(async () => {
  await env?.close();
}, 60_000);

interface Case {
  name: string;
  customer: 'Pune Motors' | 'Chennai Works';
  lines: LineEntry[];
}

const CASES: Case[] = [
  {
    name: 'intra-state, one line with a discount (round off up)',
    customer: 'Pune Motors',
    lines: [{ product: 'Torque wrench', quantity: '3', discount: '10' }],
  },
  {
    name: 'inter-state, fractional quantities, two rates',
    customer: 'Chennai Works',
    lines: [
      { product: 'Cutting oil', quantity: '2.5' },
      { product: 'Torque wrench', quantity: '1.125' },
    ],
  },
  {
    name: 'intra-state, GST-inclusive price with discount and a 0.25 % line',
    customer: 'Pune Motors',
    lines: [
      { product: 'Safety gloves', quantity: '7', discount: '7.5' },
      { product: 'Diamond bit', quantity: '0.333' },
    ],
  },
  {
    name: 'inter-state, discounts on three rates (round off down), a price and a rate changed by hand',
    customer: 'Chennai Works',
    lines: [
      { product: 'Safety gloves', quantity: '12', discount: '2.5' },
      { product: 'Cutting oil', quantity: '4', discount: '12.5', price: '398.55', rate: '12' },
      { product: 'Torque wrench', quantity: '1', rate: '28', inclusive: true },
    ],
  },
  {
    name: 'intra-state, flat discount amounts (one on a GST-inclusive price) beside a percentage',
    customer: 'Pune Motors',
    lines: [
      { product: 'Torque wrench', quantity: '2', discountAmount: '123.45' },
      { product: 'Safety gloves', quantity: '5', discountAmount: '20' },
      { product: 'Cutting oil', quantity: '1.5', discount: '5' },
    ],
  },
];

const shown = (amount: string) => formatRupees(amount);

describe('voucher form totals', () => {
  it('shows live the totals the server computes, case by case', { timeout: 900_000 }, async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    const roundOffs: string[] = [];
    for (const c of CASES) {
      await page.goto(`${env.webUrl}/vouchers/sales/new`);
      await pick(page, field(page, 'Customer'), c.customer.slice(0, 5), c.customer);
      await fillLines(page, c.lines);
      for (let n = 1; n <= c.lines.length; n++) {
        await expect
          .poll(() => page.getByTestId(`line-${n}-total`).textContent(), { message: `${c.name}: line ${n} counted` })
          .not.toBe('');
      }
      const live = await liveTotals(page);
      if (c === CASES[1]) {
        await env.screenshot(page, 'voucher-form-inter-state');
        // Tablet width: the line table scrolls sideways inside the page, the totals stay readable.
        await page.setViewportSize({ width: 820, height: 1100 });
        expect(await page.getByTestId('total-grand').isVisible()).toBe(true);
        await env.screenshot(page, 'voucher-form-820px');
        await page.setViewportSize({ width: 1280, height: 900 });
      }
      await page.getByRole('button', { name: 'Save sales voucher' }).click();
      await page.getByTestId('voucher-created').waitFor();
      const id = new URL(page.url()).pathname.split('/').pop()!;
      const v = await org.admin.api.get<Record<string, string | boolean>>(`/vouchers/sales/${id}`);
      const inter = v.is_inter_state as boolean;
      expect(inter, c.name).toBe(c.customer === 'Chennai Works');
      expect(live, c.name).toEqual({
        taxable: shown(v.taxable_amount as string),
        cgst: inter ? null : shown(v.cgst_amount as string),
        sgst: inter ? null : shown(v.sgst_amount as string),
        igst: inter ? shown(v.igst_amount as string) : null,
        roundOff: shown(v.round_off as string),
        grand: shown(v.grand_total as string),
        words: v.amount_in_words,
      });
      roundOffs.push(v.round_off as string);
    }
    // The cases cover both directions of the rupee rounding.
    expect(roundOffs.some((r) => r.startsWith('-'))).toBe(true);
    expect(roundOffs.some((r) => !r.startsWith('-') && r !== '0.00')).toBe(true);
    await page.close();
  });

  it('a flat discount amount: its limit while typing, saved, shown, kept by a draft and by copy as new', { timeout: 600_000 }, async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await page.goto(`${env.webUrl}/vouchers/sales/new`);
    await pick(page, field(page, 'Customer'), 'Pune', 'Pune Motors');
    await fillLines(page, [{ product: 'Torque wrench', quantity: '1', discountAmount: '2500' }]);
    // 1 x 2499.00 is the most that can come off; the line waits out of the totals meanwhile.
    await page.getByText("must be at most 2499.00, the line's value before discount and tax (quantity x price)").waitFor();
    expect(await page.getByTestId('line-1-total').textContent()).toBe('');
    await field(page, 'Discount amount, line 1').fill('499');
    // 2499.00 - 499.00 = 2000.00 taxable; 18 %: 180.00 + 180.00; 2360.00
    await expect.poll(() => page.getByTestId('line-1-taxable').textContent()).toBe('2,000.00');
    expect(await page.getByTestId('line-1-total').textContent()).toBe('2,360.00');
    expect(await page.getByTestId('total-discount').textContent()).toBe('₹499.00');
    // Enter in the amount adds a line; a percentage beside it: 3 x 89.50 incl. 12 % = 239.7321..., 10 % off -> 215.76
    await field(page, 'Discount amount, line 1').press('Enter');
    await pick(page, field(page, 'Product, line 2'), 'Safety', /^Safety gloves/);
    await field(page, 'Quantity, line 2').fill('3');
    await field(page, 'Discount percent, line 2').fill('10');
    await expect.poll(() => page.getByTestId('line-2-taxable').textContent()).toBe('215.76');
    await env.screenshot(page, 'voucher-form-flat-discount');

    // Left with changes (confirmed), then back: the draft offered keeps the flat amount.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('link', { name: 'TRITIQ ERP' }).click();
    await page.waitForURL(`${env.webUrl}/`);
    await page.goto(`${env.webUrl}/vouchers/sales/new`);
    const offer = page.getByTestId('draft-offer');
    await offer.waitFor();
    await offer.getByRole('button', { name: 'Restore it' }).click();
    await expect.poll(() => field(page, 'Discount amount, line 1').inputValue()).toBe('499');
    expect(await field(page, 'Discount as, line 1').inputValue()).toBe('amount');
    expect(await field(page, 'Discount percent, line 2').inputValue()).toBe('10');

    await page.getByRole('button', { name: 'Save sales voucher' }).click();
    await page.getByTestId('voucher-created').waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const v = await org.admin.api.get<{
      discount_amount: string;
      items: { discount_flat: boolean; discount_amount: string; taxable_amount: string }[];
    }>(`/vouchers/sales/${id}`);
    expect(v.items.map((l) => [l.discount_flat, l.discount_amount, l.taxable_amount])).toEqual([
      [true, '499.00', '2000.00'],
      [false, '23.97', '215.76'],
    ]);
    // The view (and its print) shows each line's discount in rupees and the voucher's in the totals.
    expect(await page.getByRole('row', { name: /Torque wrench/ }).textContent()).toContain('499.00');
    expect(await page.getByText('522.97').count()).toBeGreaterThan(0);
    await env.screenshot(page, 'voucher-view-flat-discount');

    await page.getByRole('link', { name: 'Copy as new' }).click();
    await expect.poll(() => field(page, 'Discount amount, line 1').inputValue()).toBe('499.00');
    expect(await field(page, 'Discount as, line 1').inputValue()).toBe('amount');
    await expect.poll(() => page.getByTestId('line-1-taxable').textContent()).toBe('2,000.00');
    await page.close();
  });
});
