import { indianDate } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Executor } from '../../db/client';
import { apiCaller, createCustomer, createProduct, createVendor, postVoucher, stockOf } from '../../test/business';
import { createTenant, platformTx } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

/**
 * Credit and debit notes (issue 16, BOOKS.md "Returns"), through the API on both drivers: made
 * against one invoice line by line at its rates and place of supply, posting the mirror of its
 * entries, moving goods at the original's cost, within what earlier notes left; cancelling one
 * reverses it, and an invoice with notes cannot be cancelled.
 */

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let call: ReturnType<typeof apiCaller>;

const platform = <T>(fn: (db: Executor) => Promise<T>) => platformTx(t.deps, fn);

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27' });
  call = apiCaller(t);
});
afterAll(() => t.close());

interface Line {
  id: string;
  against_line_id: string | null;
  quantity: string;
  unit_price: string;
  taxable_amount: string;
  cgst_amount: string;
  sgst_amount: string;
  igst_amount: string;
  total_amount: string;
}
interface Voucher {
  id: string;
  voucher_number: string;
  date: string;
  status: string;
  place_of_supply: string;
  is_inter_state: boolean;
  reason: string | null;
  against_voucher_id: string | null;
  against_voucher_number: string | null;
  against_voucher_date: string | null;
  taxable_amount: string;
  cgst_amount: string;
  sgst_amount: string;
  igst_amount: string;
  round_off: string;
  grand_total: string;
  items: Line[];
}

async function post(type: string, body: Record<string, unknown>): Promise<Voucher> {
  const res = await postVoucher(t, tenant.user.token, type, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Voucher;
}

/** A voucher's entries, each named by its ledger's system key or "party". */
async function entriesOf(voucherId: string) {
  return platform((db) =>
    queryRows<{ ledger: string; amount: string; reversal: boolean }>(
      db,
      sql`SELECT coalesce(l.system_key, 'party') AS ledger, e.amount, e.is_reversal AS reversal
            FROM ledger_entries e JOIN ledgers l ON l.id = e.ledger_id
           WHERE e.voucher_id = ${voucherId}
           ORDER BY e.is_reversal, e.line_no`,
    ),
  );
}

/** A voucher's stock rows: quantity, unit cost and value. */
async function movesOf(voucherId: string) {
  return platform((db) =>
    queryRows<{ source: string; quantity_change: string; unit_cost: string; value: string }>(
      db,
      sql`SELECT source, quantity_change, unit_cost, value FROM stock_ledger WHERE voucher_id = ${voucherId} ORDER BY seq`,
    ),
  );
}

/** Goods bought in at a known cost (purchases set the weighted average). */
async function boughtAt(product: { id: string }, lots: [quantity: number, price: string][], date = '2025-06-01') {
  const vendor = await createVendor(t, tenant.user.token);
  const purchases: Voucher[] = [];
  for (const [quantity, price] of lots) {
    purchases.push(
      await post('purchase', { vendor_id: vendor.id, date, items: [{ product_id: product.id, quantity, unit_price: price }] }),
    );
  }
  return { vendor, purchases };
}

describe('a credit note against a sales invoice', () => {
  it('intra-state: takes the original line at its rate, posts the mirror of the sale with its round-off, and brings goods back at the cost they left at', async () => {
    const customer = await createCustomer(t, tenant.user.token, { state_code: '27' });
    const product = await createProduct(t, tenant.user.token, { unit_price: '100.50', gst_rate: '18' });
    // Average 70 when sold; a later purchase at 100 moves the average, not the cost the return comes back at.
    await boughtAt(product, [
      [10, '60.00'],
      [10, '80.00'],
    ]);
    const sale = await post('sales', { customer_id: customer.id, date: '2025-07-01', items: [{ product_id: product.id, quantity: 3 }] });
    expect(sale).toMatchObject({ taxable_amount: '301.50', cgst_amount: '27.14', grand_total: '356.00' });
    await boughtAt(product, [[10, '100.00']], '2025-07-02');

    const note = await post('credit-note', {
      against_voucher_id: sale.id,
      date: '2025-07-05',
      reason: 'sales_return',
      items: [{ against_line_id: sale.items[0]!.id, quantity: 1 }],
    });
    expect(note).toMatchObject({
      voucher_number: 'CN/2526/00001',
      reason: 'sales_return',
      against_voucher_id: sale.id,
      against_voucher_number: sale.voucher_number,
      against_voucher_date: '2025-07-01',
      place_of_supply: '27',
      is_inter_state: false,
      taxable_amount: '100.50',
      cgst_amount: '9.05',
      sgst_amount: '9.05',
      igst_amount: '0.00',
      round_off: '0.40',
      grand_total: '119.00',
    });
    expect(note.items[0]).toMatchObject({ against_line_id: sale.items[0]!.id, quantity: '1.000', unit_price: '100.50' });
    expect(await entriesOf(note.id)).toEqual([
      { ledger: 'sales', amount: '100.50', reversal: false },
      { ledger: 'output_cgst', amount: '9.05', reversal: false },
      { ledger: 'output_sgst', amount: '9.05', reversal: false },
      { ledger: 'round_off', amount: '0.40', reversal: false },
      { ledger: 'party', amount: '-119.00', reversal: false },
    ]);
    expect(await movesOf(sale.id)).toEqual([{ source: 'voucher', quantity_change: '-3.000', unit_cost: '70.0000', value: '-210.00' }]);
    expect(await movesOf(note.id)).toEqual([{ source: 'voucher', quantity_change: '1.000', unit_cost: '70.0000', value: '70.00' }]);
    expect(await stockOf(t, tenant.user.token, product.id)).toBe('28.000');
  });

  it('inter-state: IGST as on the original, a negative round-off on the other side', async () => {
    const customer = await createCustomer(t, tenant.user.token, { state_code: '29' });
    const product = await createProduct(t, tenant.user.token, { unit_price: '100.30', gst_rate: '18' });
    await boughtAt(product, [[5, '50.00']]);
    const sale = await post('sales', { customer_id: customer.id, date: '2025-07-01', items: [{ product_id: product.id, quantity: 2 }] });
    const note = await post('credit-note', {
      against_voucher_id: sale.id,
      customer_id: customer.id,
      date: '2025-07-01',
      reason: 'sales_return',
      items: [{ against_line_id: sale.items[0]!.id, quantity: 1 }],
    });
    expect(note).toMatchObject({
      place_of_supply: '29',
      is_inter_state: true,
      igst_amount: '18.05',
      round_off: '-0.35',
      grand_total: '118.00',
    });
    expect(await entriesOf(note.id)).toEqual([
      { ledger: 'sales', amount: '100.30', reversal: false },
      { ledger: 'output_igst', amount: '18.05', reversal: false },
      { ledger: 'round_off', amount: '-0.35', reversal: false },
      { ledger: 'party', amount: '-118.00', reversal: false },
    ]);
  });

  it('returned in parts: the last part takes exactly what is left of each amount, so the notes add up to the line; beyond it is refused', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token, { unit_price: '10.05', gst_rate: '18' });
    await boughtAt(product, [[10, '5.00']]);
    // 30.15 taxable; 5.427 of tax: 2.71 CGST and 2.71 SGST. One unit alone is 0.9045: 0.90 each.
    const sale = await post('sales', { customer_id: customer.id, date: '2025-07-10', items: [{ product_id: product.id, quantity: 3 }] });
    expect(sale.cgst_amount).toBe('2.71');
    const line = sale.items[0]!.id;
    const one = {
      against_voucher_id: sale.id,
      date: '2025-07-11',
      reason: 'sales_return',
      items: [{ against_line_id: line, quantity: 1 }],
    };
    const first = await post('credit-note', one);
    expect(first.items[0]).toMatchObject({ taxable_amount: '10.05', cgst_amount: '0.90' });

    const over = await postVoucher(t, tenant.user.token, 'credit-note', { ...one, items: [{ against_line_id: line, quantity: 3 }] });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({
      code: 'VALIDATION_ERROR',
      errors: [
        {
          field: 'items.0.quantity',
          message: `must be at most 2.000 PCS: line 1 of ${sale.voucher_number} has 3.000 PCS, of which earlier notes took 1.000 PCS`,
        },
      ],
    });

    const rest = await post('credit-note', { ...one, items: [{ against_line_id: line, quantity: 2 }] });
    // 20.10 alone would be 1.809 of tax (0.90 each); what is left is 2.71 - 0.90 = 1.81.
    expect(rest.items[0]).toMatchObject({ quantity: '2.000', taxable_amount: '20.10', cgst_amount: '1.81', sgst_amount: '1.81' });
    const sums = await platform((db) =>
      queryRows<{ taxable: string; cgst: string; total: string }>(
        db,
        sql`SELECT sum(taxable_amount)::text AS taxable, sum(cgst_amount)::text AS cgst, sum(total_amount)::text AS total
              FROM voucher_lines WHERE voucher_id IN (${first.id}, ${rest.id})`,
      ),
    );
    expect(sums[0]).toEqual({ taxable: sale.items[0]!.taxable_amount, cgst: '2.71', total: sale.items[0]!.total_amount });

    const none = await postVoucher(t, tenant.user.token, 'credit-note', one);
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0].message).toContain('must be at most 0.000 PCS');
  });

  it('value-only (a discount after sale): quantity 0 with a taxable value, GST at the original rate, no stock moved, within the line’s value', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '18' });
    await boughtAt(product, [[5, '40.00']]);
    const sale = await post('sales', { customer_id: customer.id, date: '2025-07-15', items: [{ product_id: product.id, quantity: 2 }] });
    const line = sale.items[0]!.id;
    const stockBefore = await stockOf(t, tenant.user.token, product.id);
    const note = await post('credit-note', {
      against_voucher_id: sale.id,
      date: '2025-07-20',
      reason: 'post_sale_discount',
      items: [{ against_line_id: line, quantity: 0, taxable_value: '50.00' }],
    });
    expect(note).toMatchObject({ taxable_amount: '50.00', cgst_amount: '4.50', sgst_amount: '4.50', grand_total: '59.00' });
    expect(note.items[0]).toMatchObject({ quantity: '0.000', taxable_amount: '50.00' });
    expect(await movesOf(note.id)).toEqual([]);
    expect(await stockOf(t, tenant.user.token, product.id)).toBe(stockBefore);

    const tooMuch = await postVoucher(t, tenant.user.token, 'credit-note', {
      against_voucher_id: sale.id,
      date: '2025-07-20',
      reason: 'post_sale_discount',
      items: [{ against_line_id: line, quantity: 0, taxable_value: '150.01' }],
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors[0]).toEqual({
      field: 'items.0.taxable_value',
      message: `takes 150.01 of taxable value, more than the 150.00 left of line 1 of ${sale.voucher_number} (200.00, of which earlier notes took 50.00)`,
    });
    // 1.6 units now would take 160.00 of a line with 150.00 left: refused too; both units are the rest of it.
    const both = await postVoucher(t, tenant.user.token, 'credit-note', {
      against_voucher_id: sale.id,
      date: '2025-07-20',
      reason: 'sales_return',
      items: [{ against_line_id: line, quantity: 1.6 }],
    });
    expect(both.statusCode).toBe(422);
    expect(both.json().errors[0].field).toBe('items.0.quantity');
    const rest = await post('credit-note', {
      against_voucher_id: sale.id,
      date: '2025-07-21',
      reason: 'sales_return',
      items: [{ against_line_id: line, quantity: 2 }],
    });
    expect(rest).toMatchObject({ taxable_amount: '150.00', cgst_amount: '13.50', grand_total: '177.00' });
  });

  it('refuses what does not fit the original: another customer, an earlier date, a cancelled or unknown invoice, a line of another invoice', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const other = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    await boughtAt(product, [[10, '10.00']]);
    const items = [{ product_id: product.id, quantity: 1 }];
    const sale = await post('sales', { customer_id: customer.id, date: '2025-07-10', items });
    const another = await post('sales', { customer_id: customer.id, date: '2025-07-10', items });
    const base = {
      against_voucher_id: sale.id,
      date: '2025-07-10',
      reason: 'sales_return',
      items: [{ against_line_id: sale.items[0]!.id, quantity: 1 }],
    };
    const refused = async (body: Record<string, unknown>, field: string, message: string) => {
      const res = await postVoucher(t, tenant.user.token, 'credit-note', body);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors[0], JSON.stringify(body)).toEqual({ field, message: expect.stringContaining(message) });
    };
    await refused({ ...base, customer_id: other.id }, 'customer_id', `must be the customer of ${sale.voucher_number}`);
    await refused({ ...base, date: '2025-07-09' }, 'date', `must not be before the date of ${sale.voucher_number}`);
    await refused(
      { ...base, items: [{ against_line_id: another.items[0]!.id, quantity: 1 }] },
      'items.0.against_line_id',
      `is not a line of ${sale.voucher_number}`,
    );
    await refused({ ...base, reason: 'because' }, 'reason', 'must be one of sales_return');
    await refused(
      { ...base, items: [{ against_line_id: sale.items[0]!.id, quantity: 0 }] },
      'items.0.quantity',
      'or 0 with a taxable_value',
    );
    await refused(
      { ...base, items: [base.items[0], base.items[0]] },
      'items.1.against_line_id',
      'names a line of the original a second time',
    );
    const purchase = (await boughtAt(product, [[1, '10.00']])).purchases[0]!;
    await refused({ ...base, against_voucher_id: purchase.id }, 'against_voucher_id', 'No sales voucher with this id');
    expect((await call('POST', `/vouchers/sales/${another.id}/cancel`, tenant.admin.token, { reason: 'Duplicate' })).statusCode).toBe(200);
    await refused({ ...base, against_voucher_id: another.id }, 'against_voucher_id', 'is cancelled');
  });
});

describe('a debit note against a purchase invoice', () => {
  it('sends goods back at the cost they came in at and posts the mirror of the purchase', async () => {
    const vendor = await createVendor(t, tenant.user.token, { state_code: '27' });
    const product = await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '18' });
    const first = await post('purchase', {
      vendor_id: vendor.id,
      date: '2025-08-01',
      items: [{ product_id: product.id, quantity: 5, unit_price: '50.00' }],
    });
    await post('purchase', {
      vendor_id: vendor.id,
      date: '2025-08-01',
      items: [{ product_id: product.id, quantity: 5, unit_price: '90.00' }],
    });
    const note = await post('debit-note', {
      against_voucher_id: first.id,
      date: '2025-08-03',
      reason: 'sales_return',
      items: [{ against_line_id: first.items[0]!.id, quantity: 2 }],
    });
    expect(note).toMatchObject({ voucher_number: 'DN/2526/00001', taxable_amount: '100.00', cgst_amount: '9.00', grand_total: '118.00' });
    expect(await entriesOf(note.id)).toEqual([
      { ledger: 'party', amount: '118.00', reversal: false },
      { ledger: 'purchase', amount: '-100.00', reversal: false },
      { ledger: 'input_cgst', amount: '-9.00', reversal: false },
      { ledger: 'input_sgst', amount: '-9.00', reversal: false },
    ]);
    // Average 70 after both purchases; the returned goods leave at the 50 they came in at.
    expect(await movesOf(note.id)).toEqual([{ source: 'voucher', quantity_change: '-2.000', unit_cost: '50.0000', value: '-100.00' }]);
    expect(await stockOf(t, tenant.user.token, product.id)).toBe('8.000');
  });

  it('cannot send back goods that are no longer in stock (the negative-stock rule)', async () => {
    const vendor = await createVendor(t, tenant.user.token);
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    const bought = await post('purchase', { vendor_id: vendor.id, date: '2025-08-05', items: [{ product_id: product.id, quantity: 2 }] });
    await post('sales', { customer_id: customer.id, date: '2025-08-05', items: [{ product_id: product.id, quantity: 2 }] });
    const res = await postVoucher(t, tenant.user.token, 'debit-note', {
      against_voucher_id: bought.id,
      date: '2025-08-06',
      reason: 'sales_return',
      items: [{ against_line_id: bought.items[0]!.id, quantity: 1 }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'INSUFFICIENT_STOCK' });
  });
});

/** The outstanding of an invoice's bill, and the bill's id. */
async function billOf(invoiceId: string) {
  const [row] = await platform((db) =>
    queryRows<{ id: string; outstanding: string }>(db, sql`SELECT id, outstanding FROM bills WHERE voucher_id = ${invoiceId}`),
  );
  return row!;
}

async function cashLedger(): Promise<string> {
  const [row] = await platform((db) =>
    queryRows<{ id: string }>(db, sql`SELECT id FROM ledgers WHERE organization_id = ${tenant.org.id} AND system_key = 'cash'`),
  );
  return row!.id;
}

interface Settled {
  on_account: string | null;
  allocations: { bill_id: string; amount: string }[];
}

describe("a note settles the original's bill (BOOKS.md, Returns)", () => {
  it('a credit note lowers the invoice’s outstanding by its total; cancelling it gives the amount back', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '18' });
    await boughtAt(product, [[10, '50.00']]);
    const sale = await post('sales', { customer_id: customer.id, date: '2025-10-01', items: [{ product_id: product.id, quantity: 3 }] });
    expect(sale.grand_total).toBe('354.00');
    const bill = await billOf(sale.id);
    expect(bill.outstanding).toBe('354.00');

    const note = (await post('credit-note', {
      against_voucher_id: sale.id,
      date: '2025-10-03',
      reason: 'sales_return',
      items: [{ against_line_id: sale.items[0]!.id, quantity: 1 }],
    })) as Voucher & Settled;
    expect(note.grand_total).toBe('118.00');
    expect(note).toMatchObject({ on_account: '0.00', allocations: [{ bill_id: bill.id, amount: '118.00' }] });
    expect((await billOf(sale.id)).outstanding).toBe('236.00');
    const [created] = await platform((db) =>
      queryRows<{ details: { allocated: { amount: string }[]; on_account: string } }>(
        db,
        sql`SELECT details FROM audit_events WHERE target_id = ${note.id} AND action = 'voucher.created'`,
      ),
    );
    expect(created!.details).toMatchObject({ allocated: [{ amount: '118.00' }], on_account: '0.00' });

    const cancelled = await call('POST', `/vouchers/credit-note/${note.id}/cancel`, tenant.admin.token, { reason: 'Entered twice' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ allocations: [], on_account: null });
    expect((await billOf(sale.id)).outstanding).toBe('354.00');
  });

  it('on a bill already paid in part, the note takes what is outstanding and holds the rest on account, allocated later to another bill', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '18' });
    await boughtAt(product, [[10, '50.00']]);
    const sale = await post('sales', { customer_id: customer.id, date: '2025-10-01', items: [{ product_id: product.id, quantity: 2 }] });
    const other = await post('sales', { customer_id: customer.id, date: '2025-10-02', items: [{ product_id: product.id, quantity: 1 }] });
    const bill = await billOf(sale.id);
    const paid = await postVoucher(t, tenant.user.token, 'receipt', {
      customer_id: customer.id,
      date: '2025-10-02',
      mode: 'cash',
      cash_bank_ledger_id: await cashLedger(),
      amount: '200.00',
      allocations: [{ bill_id: bill.id, amount: '200.00' }],
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect((await billOf(sale.id)).outstanding).toBe('36.00');

    // The whole invoice comes back: 236.00, of which 36.00 settles the bill and 200.00 is owed back to the customer.
    const note = (await post('credit-note', {
      against_voucher_id: sale.id,
      date: '2025-10-04',
      reason: 'sales_return',
      items: [{ against_line_id: sale.items[0]!.id, quantity: 2 }],
    })) as Voucher & Settled;
    expect(note).toMatchObject({ grand_total: '236.00', on_account: '200.00', allocations: [{ bill_id: bill.id, amount: '36.00' }] });
    expect((await billOf(sale.id)).outstanding).toBe('0.00');

    const otherBill = await billOf(other.id);
    const url = `/vouchers/credit-note/${note.id}/allocations`;
    const over = await call('POST', url, tenant.user.token, { allocations: [{ bill_id: otherBill.id, amount: '118.01' }] });
    expect(over.statusCode).toBe(422);
    expect(over.json().errors[0].field).toBe('allocations.0.amount');
    const later = await call('POST', url, tenant.user.token, { allocations: [{ bill_id: otherBill.id, amount: '118.00' }] });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json()).toMatchObject({ on_account: '82.00' });
    expect((await billOf(other.id)).outstanding).toBe('0.00');
  });

  it('what a note holds on account is allocated later from today: a bill dated after today is refused (422 naming allocations.N.bill_id)', async () => {
    const today = indianDate(t.clock.now());
    const ahead = new Date(Date.parse(`${today}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '18' });
    await boughtAt(product, [[10, '50.00']]);
    const sale = await post('sales', { customer_id: customer.id, date: '2025-10-01', items: [{ product_id: product.id, quantity: 1 }] });
    const paid = await postVoucher(t, tenant.user.token, 'receipt', {
      customer_id: customer.id,
      date: '2025-10-02',
      mode: 'cash',
      cash_bank_ledger_id: await cashLedger(),
      amount: '118.00',
      allocations: [{ bill_id: (await billOf(sale.id)).id, amount: '118.00' }],
    });
    expect(paid.statusCode, paid.body).toBe(201);
    const note = (await post('credit-note', {
      against_voucher_id: sale.id,
      date: '2025-10-04',
      reason: 'sales_return',
      items: [{ against_line_id: sale.items[0]!.id, quantity: 1 }],
    })) as Voucher & Settled;
    expect(note).toMatchObject({ on_account: '118.00', allocations: [] });
    const later = await post('sales', { customer_id: customer.id, date: ahead, items: [{ product_id: product.id, quantity: 1 }] });
    const refused = await call('POST', `/vouchers/credit-note/${note.id}/allocations`, tenant.user.token, {
      allocations: [{ bill_id: (await billOf(later.id)).id, amount: '50.00' }],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([
      {
        field: 'allocations.0.bill_id',
        message: `Bill ${later.voucher_number} is dated ${ahead}, after today, the day this allocation counts from (${today}): a bill cannot be settled before it is raised`,
      },
    ]);
    expect((await billOf(later.id)).outstanding).toBe('118.00');
  });

  it('a debit note lowers the purchase bill the business owes', async () => {
    const product = await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '18' });
    const { purchases } = await boughtAt(product, [[5, '100.00']]);
    const purchase = purchases[0]!;
    const bill = await billOf(purchase.id);
    expect(bill.outstanding).toBe('590.00');
    const note = (await post('debit-note', {
      against_voucher_id: purchase.id,
      date: '2025-06-05',
      reason: 'sales_return',
      items: [{ against_line_id: purchase.items[0]!.id, quantity: 2 }],
    })) as Voucher & Settled;
    expect(note).toMatchObject({ grand_total: '236.00', on_account: '0.00', allocations: [{ bill_id: bill.id, amount: '236.00' }] });
    expect((await billOf(purchase.id)).outstanding).toBe('354.00');
  });
});

describe('cancelling', () => {
  it('a note reverses its entries and its stock; the invoice cannot be cancelled while it has notes (409 naming them), and can after', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    await boughtAt(product, [[10, '30.00']]);
    const sale = await post('sales', { customer_id: customer.id, date: '2025-09-01', items: [{ product_id: product.id, quantity: 4 }] });
    const note = await post('credit-note', {
      against_voucher_id: sale.id,
      date: '2025-09-02',
      reason: 'sales_return',
      items: [{ against_line_id: sale.items[0]!.id, quantity: 4 }],
    });
    expect(await stockOf(t, tenant.user.token, product.id)).toBe('10.000');

    const blocked = await call('POST', `/vouchers/sales/${sale.id}/cancel`, tenant.admin.token, { reason: 'Wrong customer' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({
      code: 'VOUCHER_HAS_NOTES',
      detail: `Sales voucher ${sale.voucher_number} cannot be cancelled: the note ${note.voucher_number} is made against it; cancel it first`,
    });

    const cancelled = await call('POST', `/vouchers/credit-note/${note.id}/cancel`, tenant.admin.token, { reason: 'Goods not received' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const entries = await entriesOf(note.id);
    expect(entries.filter((e) => e.reversal).map((e) => [e.ledger, e.amount])).toEqual(
      entries.filter((e) => !e.reversal).map((e) => [e.ledger, e.amount.startsWith('-') ? e.amount.slice(1) : `-${e.amount}`]),
    );
    expect((await movesOf(note.id)).map((m) => [m.source, m.quantity_change, m.unit_cost])).toEqual([
      ['voucher', '4.000', '30.0000'],
      ['voucher_cancel', '-4.000', '30.0000'],
    ]);
    expect(await stockOf(t, tenant.user.token, product.id)).toBe('6.000');

    // The cancelled note no longer counts: the whole line may be returned again, or the invoice cancelled.
    expect((await call('POST', `/vouchers/sales/${sale.id}/cancel`, tenant.admin.token, { reason: 'Wrong customer' })).statusCode).toBe(
      200,
    );
  });

  it('only admins cancel notes; every organisation role creates them (as for invoices)', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    await boughtAt(product, [[10, '30.00']]);
    const sale = await post('sales', { customer_id: customer.id, date: '2025-09-03', items: [{ product_id: product.id, quantity: 1 }] });
    const note = await post('credit-note', {
      against_voucher_id: sale.id,
      date: '2025-09-03',
      reason: 'others',
      items: [{ against_line_id: sale.items[0]!.id, quantity: 1 }],
    });
    expect((await call('POST', `/vouchers/credit-note/${note.id}/cancel`, tenant.user.token, { reason: 'No' })).statusCode).toBe(403);
    const listed = await call('GET', `/vouchers/credit-note?party_id=${customer.id}`, tenant.user.token);
    expect(listed.json().items.map((v: Voucher) => [v.voucher_number, v.against_voucher_number])).toEqual([
      [note.voucher_number, sale.voucher_number],
    ]);
  });
});

describe('filed GST periods', () => {
  it('an org admin marks a month filed and unmarks it (both audited); its sales invoices and notes can then be neither posted nor cancelled', async () => {
    const org = await createTenant(t.deps, { stateCode: '27' });
    const customer = await createCustomer(t, org.user.token);
    const vendor = await createVendor(t, org.user.token);
    const product = await createProduct(t, org.user.token);
    const as =
      (token: string) =>
      (body: Record<string, unknown>, type = 'sales') =>
        postVoucher(t, token, type, body);
    await as(org.user.token)({ vendor_id: vendor.id, date: '2025-06-01', items: [{ product_id: product.id, quantity: 20 }] }, 'purchase');
    const items = [{ product_id: product.id, quantity: 2 }];
    const june = (await as(org.user.token)({ customer_id: customer.id, date: '2025-06-10', items })).json() as Voucher;
    const juneNote = (
      await as(org.user.token)(
        {
          against_voucher_id: june.id,
          date: '2025-06-20',
          reason: 'sales_return',
          items: [{ against_line_id: june.items[0]!.id, quantity: 1 }],
        },
        'credit-note',
      )
    ).json() as Voucher;

    expect((await call('POST', '/gst/periods/2025-06/filed', org.admin.token)).statusCode).toBe(403);
    const marked = await call('POST', '/gst/periods/2025-06/filed', org.orgAdmin.token);
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toMatchObject({ period: '2025-06', filed_by: org.orgAdmin.id, filed_by_email: org.orgAdmin.email });
    // Marking it again keeps the first mark.
    expect((await call('POST', '/gst/periods/2025-06/filed', org.orgAdmin.token)).json().filed_at).toBe(marked.json().filed_at);
    expect((await call('GET', '/gst/periods', org.user.token)).json()).toEqual({ items: [marked.json()] });

    const refusedSale = await as(org.user.token)({ customer_id: customer.id, date: '2025-06-30', items });
    expect(refusedSale.statusCode).toBe(409);
    expect(refusedSale.json()).toMatchObject({ code: 'GST_PERIOD_FILED', errors: [{ field: 'date' }] });
    expect(refusedSale.json().detail).toBe(
      "June 2025's GSTR-1 is marked filed: a sales voucher dated in it cannot be posted. Date it in an open month, and correct invoices of the filed month with a credit or debit note.",
    );
    const refusedCancel = await call('POST', `/vouchers/sales/${june.id}/cancel`, org.admin.token, { reason: 'Wrong' });
    expect(refusedCancel.statusCode).toBe(409);
    expect(refusedCancel.json()).toMatchObject({ code: 'GST_PERIOD_FILED' });
    expect(refusedCancel.json().detail).toContain('Issue a credit note (or debit note) against it, dated in an open month, instead.');
    expect((await call('POST', `/vouchers/credit-note/${juneNote.id}/cancel`, org.admin.token, { reason: 'Wrong' })).json().code).toBe(
      'GST_PERIOD_FILED',
    );
    const noteBody = { against_voucher_id: june.id, reason: 'sales_return', items: [{ against_line_id: june.items[0]!.id, quantity: 1 }] };
    const noteInJune = await as(org.user.token)({ ...noteBody, date: '2025-06-29' }, 'credit-note');
    expect(noteInJune.statusCode).toBe(409);
    expect(noteInJune.json().detail).toContain('Date the note in an open month');
    // A note in an open month against the filed month's invoice is the correction; purchases are not GSTR-1's.
    expect((await as(org.user.token)({ ...noteBody, date: '2025-07-01' }, 'credit-note')).statusCode).toBe(201);
    expect((await as(org.user.token)({ vendor_id: vendor.id, date: '2025-06-30', items }, 'purchase')).statusCode).toBe(201);

    const unmarked = await call('DELETE', '/gst/periods/2025-06/filed', org.orgAdmin.token);
    expect(unmarked.statusCode, unmarked.body).toBe(200);
    expect(unmarked.json()).toEqual({ period: '2025-06', filed: false });
    expect((await call('DELETE', '/gst/periods/2025-06/filed', org.orgAdmin.token)).statusCode).toBe(404);
    expect((await as(org.user.token)({ customer_id: customer.id, date: '2025-06-30', items })).statusCode).toBe(201);

    const audit = await platform((db) =>
      queryRows<{ action: string; details: { period: string; filed_at?: string } }>(
        db,
        sql`SELECT action, details FROM audit_events WHERE organization_id = ${org.org.id} AND action LIKE 'gst.%' ORDER BY seq`,
      ),
    );
    expect(audit).toEqual([
      { action: 'gst.period_filed', details: { period: '2025-06' } },
      { action: 'gst.period_unfiled', details: { period: '2025-06', filed_at: marked.json().filed_at } },
    ]);
  });

  it('names the period that is wrong: not a month, or one that has not begun', async () => {
    const bad = await call('POST', '/gst/periods/2025-13/filed', tenant.orgAdmin.token);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ field: 'path.period', message: expect.stringContaining('YYYY-MM') });
    const future = await call('POST', '/gst/periods/2098-12/filed', tenant.orgAdmin.token);
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0]).toEqual({ field: 'period', message: 'December 2098 has not begun: it cannot be filed yet' });
  });
});
