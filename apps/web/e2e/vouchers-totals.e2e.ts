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
});
