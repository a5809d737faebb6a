import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { apiCaller, createCustomer, createProduct, createVendor, gstinFor, postVoucher } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { pdfPages } from '../../test/pdf';
import { ownerDb, ownerHandle } from '../../test/test-db';
import { checkIntegrity } from '../integrity';

/**
 * A flat discount amount per line beside the percentage (issue 14 item 10), through the API on
 * both drivers: a line takes one or the other, the amount comes off before tax (DOMAIN.md's line
 * arithmetic with `discount = the amount`), it is stored, read back, printed, kept by the GST
 * returns (which sum taxable values) and shared out in proportion by a credit note. Every figure
 * below is worked out by hand in the comments.
 */

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let call: ReturnType<typeof apiCaller>;
let customerId: string;
let odd: string;
let widget: string;
let mrp: string;
let cheap: string;

interface Line {
  id: string;
  discount_percentage: string;
  discount_amount: string;
  discount_flat: boolean;
  taxable_amount: string;
  cgst_amount: string;
  sgst_amount: string;
  igst_amount: string;
  total_amount: string;
}
interface Voucher {
  id: string;
  voucher_number: string;
  discount_amount: string;
  taxable_amount: string;
  cgst_amount: string;
  sgst_amount: string;
  total_amount: string;
  round_off: string;
  grand_total: string;
  items: Line[];
}

const figures = (l: Line) => ({
  discount_percentage: l.discount_percentage,
  discount_amount: l.discount_amount,
  discount_flat: l.discount_flat,
  taxable_amount: l.taxable_amount,
  cgst_amount: l.cgst_amount,
  sgst_amount: l.sgst_amount,
  total_amount: l.total_amount,
});

async function post(type: string, body: Record<string, unknown>): Promise<Voucher> {
  const res = await postVoucher(t, tenant.user.token, type, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Voucher;
}

async function refused(body: Record<string, unknown>) {
  const res = await postVoucher(t, tenant.user.token, 'sales', { customer_id: customerId, date: '2025-06-12', ...body });
  expect(res.statusCode, res.body).toBe(422);
  return (res.json() as { errors: { field: string; message: string }[] }).errors;
}

const integrityOfTenant = async () =>
  (await checkIntegrity(ownerHandle(t.deps.handle), { only: ['voucher_totals', 'line_gst'], maxProblems: 20 })).problems.filter(
    (p) => p.organizationId === tenant.org.id,
  );

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27', gstin: gstinFor('27', 'AAACD4321F') });
  call = apiCaller(t);
  const tok = tenant.user.token;
  customerId = (await createCustomer(t, tok, { state_code: '27', gstin: gstinFor('27', 'AAPFU0939F') })).id;
  odd = (await createProduct(t, tok, { unit_price: '199.99', gst_rate: '12', hsn_code: '8205' })).id;
  widget = (await createProduct(t, tok, { unit_price: '500.00', gst_rate: '18', hsn_code: '8467' })).id;
  mrp = (await createProduct(t, tok, { unit_price: '100.00', gst_rate: '18', is_gst_inclusive: true, hsn_code: '3401' })).id;
  cheap = (await createProduct(t, tok, { unit_price: '10.05', gst_rate: '18', hsn_code: '7318' })).id;
  const vendorId = (await createVendor(t, tok, { state_code: '27' })).id;
  // Stock to sell, bought with a flat discount too: 100 x 100.00 = 10000.00, 250.00 off -> 9750.00 taxable.
  const purchase = await post('purchase', {
    vendor_id: vendorId,
    date: '2025-06-01',
    items: [
      { product_id: odd, quantity: '100', unit_price: '100.00', discount_amount: '250.00' },
      { product_id: widget, quantity: '100', unit_price: '400.00' },
      { product_id: mrp, quantity: '100', unit_price: '50.00', is_gst_inclusive: false },
      { product_id: cheap, quantity: '100', unit_price: '5.00' },
    ],
  });
  expect(figures(purchase.items[0]!)).toMatchObject({ discount_amount: '250.00', discount_flat: true, taxable_amount: '9750.00' });
}, 120_000);
afterAll(() => t.close());

describe('a flat discount amount on a line', () => {
  it('comes off before tax beside a percentage line, is stored, and reads back the same', async () => {
    const v = await post('sales', {
      customer_id: customerId,
      date: '2025-06-10',
      items: [
        // 3 x 199.99 = 599.97, 50.00 off -> 549.97; 12 %: 65.9964 -> 32.9982 -> 33.00 each; 615.97
        { product_id: odd, quantity: '3', discount_amount: '50.00' },
        // 2 x 500.00 = 1000.00, 10 % -> 100.00 off -> 900.00; 18 %: 81.00 each; 1062.00
        { product_id: widget, quantity: '2', discount_percentage: '10' },
      ],
    });
    expect(v.items.map(figures)).toEqual([
      {
        discount_percentage: '0.00',
        discount_amount: '50.00',
        discount_flat: true,
        taxable_amount: '549.97',
        cgst_amount: '33.00',
        sgst_amount: '33.00',
        total_amount: '615.97',
      },
      {
        discount_percentage: '10.00',
        discount_amount: '100.00',
        discount_flat: false,
        taxable_amount: '900.00',
        cgst_amount: '81.00',
        sgst_amount: '81.00',
        total_amount: '1062.00',
      },
    ]);
    // 615.97 + 1062.00 = 1677.97 -> +0.03 -> 1678.00
    expect(v).toMatchObject({
      discount_amount: '150.00',
      taxable_amount: '1449.97',
      cgst_amount: '114.00',
      sgst_amount: '114.00',
      total_amount: '1677.97',
      round_off: '0.03',
      grand_total: '1678.00',
    });
    const read = await call('GET', `/vouchers/sales/${v.id}`, tenant.user.token);
    expect((read.json() as Voucher).items.map(figures)).toEqual(v.items.map(figures));
    const stored = await queryRows<{ flat: string | null; pct: string; amount: string }>(
      ownerDb(t.deps.handle),
      sql`SELECT discount_flat::text AS flat, discount_percentage::text AS pct, discount_amount::text AS amount
            FROM voucher_lines WHERE voucher_id = ${v.id}::uuid ORDER BY line_no`,
    );
    expect(stored).toEqual([
      { flat: '50.00', pct: '0.00', amount: '50.00' },
      { flat: null, pct: '10.00', amount: '100.00' },
    ]);
    expect(await integrityOfTenant()).toEqual([]);
  });

  it('may take the whole line value (GST-inclusive: without its GST), never more, naming the field', async () => {
    // 1 x 100.00 incl. 18 %: 10000 / 118 = 84.7457... -> at most 84.75; that leaves 0.00 to tax.
    const over = await refused({ items: [{ product_id: mrp, quantity: '1', discount_amount: '84.76' }] });
    expect(over).toEqual([
      {
        field: 'items.0.discount_amount',
        message: "must be at most 84.75, the line's value before discount and tax (quantity x price, without GST)",
      },
    ]);
    const whole = await post('sales', {
      customer_id: customerId,
      date: '2025-06-12',
      items: [
        { product_id: widget, quantity: '1' },
        { product_id: mrp, quantity: '1', discount_amount: '84.75' },
      ],
    });
    expect(figures(whole.items[1]!)).toEqual({
      discount_percentage: '0.00',
      discount_amount: '84.75',
      discount_flat: true,
      taxable_amount: '0.00',
      cgst_amount: '0.00',
      sgst_amount: '0.00',
      total_amount: '0.00',
    });
    // 3 x 199.99 = 599.97 at most on the second line.
    const second = await refused({
      items: [
        { product_id: widget, quantity: '1' },
        { product_id: odd, quantity: '3', discount_amount: '599.98' },
      ],
    });
    expect(second.map((e) => e.field)).toEqual(['items.1.discount_amount']);
    expect(second[0]!.message).toBe("must be at most 599.97, the line's value before discount and tax (quantity x price)");
    expect(await integrityOfTenant()).toEqual([]);
  });

  it('is refused beside a percentage, below zero or in fractions of a paisa; nothing is written', async () => {
    const before = await queryRows<{ n: number }>(
      ownerDb(t.deps.handle),
      sql`SELECT count(*)::int AS n FROM vouchers WHERE organization_id = ${tenant.org.id}::uuid`,
    );
    const both = await refused({ items: [{ product_id: widget, quantity: '1', discount_percentage: '5', discount_amount: '10.00' }] });
    expect(both).toEqual([
      {
        field: 'items.0.discount_amount',
        message: 'must be left out when discount_percentage is given: a line takes a percentage or an amount, not both',
      },
    ]);
    expect((await refused({ items: [{ product_id: widget, quantity: '1', discount_amount: '-1.00' }] }))[0]).toMatchObject({
      field: 'items.0.discount_amount',
      message: expect.stringMatching(/at least 0/),
    });
    expect((await refused({ items: [{ product_id: widget, quantity: '1', discount_amount: '1.005' }] }))[0]).toMatchObject({
      field: 'items.0.discount_amount',
      message: expect.stringMatching(/2 decimal places/),
    });
    const after = await queryRows<{ n: number }>(
      ownerDb(t.deps.handle),
      sql`SELECT count(*)::int AS n FROM vouchers WHERE organization_id = ${tenant.org.id}::uuid`,
    );
    expect(after).toEqual(before);
  });

  it('a credit note takes the flat discount in proportion to the quantity returned, the rest with the rest', async () => {
    // 3 x 10.05 = 30.15, 1.00 off -> 29.15; 18 %: 2.6235 -> 2.62 each; 34.39
    const sale = await post('sales', {
      customer_id: customerId,
      date: '2025-06-14',
      items: [{ product_id: cheap, quantity: '3', discount_amount: '1.00' }],
    });
    expect(figures(sale.items[0]!)).toMatchObject({ taxable_amount: '29.15', cgst_amount: '2.62', total_amount: '34.39' });
    const note = (quantity: string) =>
      post('credit-note', {
        customer_id: customerId,
        date: '2025-06-15',
        against_voucher_id: sale.id,
        reason: 'sales_return',
        items: [{ against_line_id: sale.items[0]!.id, quantity }],
      });
    // 1 of 3: 1.00 / 3 = 0.333 -> 0.33 off; 10.05 - 0.33 = 9.72; 0.8748 -> 0.87 each; 11.46
    const one = await note('1');
    expect(figures(one.items[0]!)).toEqual({
      discount_percentage: '0.00',
      discount_amount: '0.33',
      discount_flat: true,
      taxable_amount: '9.72',
      cgst_amount: '0.87',
      sgst_amount: '0.87',
      total_amount: '11.46',
    });
    // The rest: 0.67 off, 29.15 - 9.72 = 19.43, 2.62 - 0.87 = 1.75 each: the notes add up to the line.
    const rest = await note('2');
    expect(figures(rest.items[0]!)).toEqual({
      discount_percentage: '0.00',
      discount_amount: '0.67',
      discount_flat: true,
      taxable_amount: '19.43',
      cgst_amount: '1.75',
      sgst_amount: '1.75',
      total_amount: '22.93',
    });
    expect(await integrityOfTenant()).toEqual([]);
  });

  it('the GSTR-1 HSN summary and B2B invoices carry the taxable value after the flat discount', async () => {
    const sale = await post('sales', {
      customer_id: customerId,
      date: '2025-07-05',
      // 4 x 199.99 = 799.96, 99.96 off -> 700.00; 12 %: 42.00 each
      items: [{ product_id: odd, quantity: '4', discount_amount: '99.96' }],
    });
    expect(figures(sale.items[0]!)).toMatchObject({ taxable_amount: '700.00', cgst_amount: '42.00' });
    const res = await call('GET', '/gst/gstr-1?period=2025-07', tenant.user.token);
    expect(res.statusCode, res.body).toBe(200);
    const doc = JSON.parse(res.body) as {
      b2b: { inv: { itms: { itm_det: { txval: number; camt: number } }[] }[] }[];
      hsn: { hsn_b2b: { hsn_sc: string; qty: number; txval: number; camt: number; samt: number }[] };
    };
    expect(doc.hsn.hsn_b2b).toEqual([expect.objectContaining({ hsn_sc: '8205', qty: 4, txval: 700, camt: 42, samt: 42 })]);
    expect(doc.b2b[0]!.inv[0]!.itms[0]!.itm_det).toMatchObject({ txval: 700, camt: 42 });
  });

  it('the tax invoice PDF prints the amount in the discount column and the voucher discount in the totals', async () => {
    const sale = await post('sales', {
      customer_id: customerId,
      date: '2025-06-20',
      items: [{ product_id: odd, quantity: '3', discount_amount: '50.00' }],
    });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/vouchers/sales/${sale.id}/pdf`,
      headers: { authorization: `Bearer ${tenant.user.token}` },
    });
    expect(res.statusCode).toBe(200);
    const [text] = await pdfPages(res.rawPayload);
    // The line: 3 x 199.99, Disc. 50.00, taxable 549.97; the totals' "Discount" row.
    expect(text).toMatch(/199\.99\s+50\.00\s+549\.97/);
    expect(text).toMatch(/Discount\s+₹?\s*50\.00/);
  });
});
