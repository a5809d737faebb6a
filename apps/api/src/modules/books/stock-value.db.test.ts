import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Executor } from '../../db/client';
import { apiCaller, createCustomer, createProduct, createVendor, postVoucher } from '../../test/business';
import { createTenant, platformTx } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

/** Stock value at weighted average cost (BOOKS.md, "Stock value") on every movement the API makes. */

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

async function valuation(productId: string) {
  return platform(async (db) => ({
    moves: (
      await queryRows<{ source: string; change: string; unit_cost: string; value: string; date: string }>(
        db,
        sql`SELECT source, quantity_change AS change, unit_cost, value, entry_date::text AS date
              FROM stock_ledger WHERE product_id = ${productId} ORDER BY seq`,
      )
    ).map((m) => [m.source, m.change, m.unit_cost, m.value, m.date]),
    balance: (
      await queryRows<{ quantity: string; average_cost: string; value: string }>(
        db,
        sql`SELECT quantity, average_cost, value FROM stock_balances WHERE product_id = ${productId}`,
      )
    )[0],
    days: (
      await queryRows<{ date: string; qty: string; value: string }>(
        db,
        sql`SELECT entry_date::text AS date, quantity_change AS qty, value_change AS value
              FROM stock_value_day_totals WHERE product_id = ${productId} ORDER BY entry_date`,
      )
    ).map((d) => [d.date, d.qty, d.value]),
  }));
}

describe('stock value', () => {
  it('purchases come in at their taxable value, sales leave at the average, cancelling moves back at the original cost', async () => {
    const vendor = await createVendor(t, tenant.user.token);
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '18' });
    const buy = (date: string, quantity: number, unit_price: string, discount = 0) =>
      postVoucher(t, tenant.user.token, 'purchase', {
        vendor_id: vendor.id,
        date,
        items: [{ product_id: product.id, quantity, unit_price, discount_percentage: discount }],
      }).then((r) => r.json() as { id: string });
    // 10 at 100.00 less 10 % = taxable 900.00 (the GST is input credit, not cost): 90.0000 each.
    await buy('2025-05-01', 10, '100.00', 10);
    const sale = (
      await postVoucher(t, tenant.user.token, 'sales', {
        customer_id: customer.id,
        date: '2025-05-02',
        items: [{ product_id: product.id, quantity: 4, unit_price: '150.00' }],
      })
    ).json() as { id: string };
    // 5 more at 120.00: (540 + 600) / 11 = 103.6364.
    const second = await buy('2025-05-03', 5, '120.00');
    expect((await call('POST', `/vouchers/sales/${sale.id}/cancel`, tenant.admin.token, { reason: 'Returned unopened' })).statusCode).toBe(
      200,
    );
    // The sale's 4 come back at the 90.0000 they left at: (1140 + 360) / 15 = 100.0000.
    expect((await call('POST', `/vouchers/purchase/${second.id}/cancel`, tenant.admin.token, { reason: 'Wrong vendor' })).statusCode).toBe(
      200,
    );
    // The second purchase's 5 leave at the 120.0000 they came in at: (1500 - 600) / 10 = 90.0000.
    const v = await valuation(product.id);
    expect(v.moves).toEqual([
      ['voucher', '10.000', '90.0000', '900.00', '2025-05-01'],
      ['voucher', '-4.000', '90.0000', '-360.00', '2025-05-02'],
      ['voucher', '5.000', '120.0000', '600.00', '2025-05-03'],
      ['voucher_cancel', '4.000', '90.0000', '360.00', '2025-05-02'],
      ['voucher_cancel', '-5.000', '120.0000', '-600.00', '2025-05-03'],
    ]);
    expect(v.balance).toEqual({ quantity: '10.000', average_cost: '90.0000', value: '900.00' });
    expect(v.days).toEqual([
      ['2025-05-01', '10.000', '900.00'],
      ['2025-05-02', '0.000', '0.00'],
      ['2025-05-03', '0.000', '0.00'],
    ]);
  });

  it('an adjustment in may state its cost (else the average); one out leaves at the average; a cost on stock going out is 422', async () => {
    const product = await createProduct(t, tenant.user.token);
    const adjust = (body: Record<string, unknown>) =>
      call('POST', '/stock/adjustments', tenant.admin.token, { product_id: product.id, reason: 'Count', date: '2025-06-01', ...body });
    expect((await adjust({ quantity_change: '4', unit_cost: '12.5' })).statusCode).toBe(201);
    expect((await adjust({ quantity_change: '2' })).statusCode).toBe(201);
    expect((await adjust({ quantity_change: '-3' })).statusCode).toBe(201);
    const refused = await adjust({ quantity_change: '-1', unit_cost: '10' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([{ field: 'unit_cost', message: expect.stringContaining('only for stock coming in') }]);
    const v = await valuation(product.id);
    expect(v.moves).toEqual([
      ['adjustment', '4.000', '12.5000', '50.00', '2025-06-01'],
      ['adjustment', '2.000', '12.5000', '25.00', '2025-06-01'],
      ['adjustment', '-3.000', '12.5000', '-37.50', '2025-06-01'],
    ]);
    expect(v.balance).toEqual({ quantity: '3.000', average_cost: '12.5000', value: '37.50' });
    expect(v.days).toEqual([['2025-06-01', '3.000', '37.50']]);
    const ledger = await call('GET', `/stock/${product.id}/ledger?order=asc`, tenant.user.token);
    expect(ledger.statusCode).toBe(200);
    expect(ledger.json().items[0]).toMatchObject({ unit_cost: '12.5000', value: '50.00' });
  });
});
