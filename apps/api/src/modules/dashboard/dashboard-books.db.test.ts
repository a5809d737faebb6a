import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStock, createCustomer, createProduct, createVendor, postVoucher } from '../../test/business';
import { bearer, createTenant, platformTx } from '../../test/factories';
import { buildTestApp, TestClock, type TestApp } from '../../test/harness';

/** The dashboard's figures from the books: open bills each way (and overdue), cash and bank balances. */

let t: TestApp;
beforeAll(async () => {
  // 20 June 2025 in India: a bill due before that day is overdue.
  t = await buildTestApp({ clock: new TestClock(new Date('2025-06-20T06:30:00Z')) });
});
afterAll(() => t.close());

async function posted(type: 'sales' | 'purchase', token: string, payload: Record<string, unknown>) {
  const res = await postVoucher(t, token, type, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; grand_total: string };
}

describe('organisation dashboard: the books', () => {
  it('sums the open bills per side and those overdue, and lists the cash and bank balances, for its own organisation only', async () => {
    const a = await createTenant(t.deps, { stateCode: '27', booksStartDate: '2025-04-01' });
    const other = await createTenant(t.deps, { stateCode: '27', booksStartDate: '2025-04-01' });
    const customer = await createCustomer(t, a.user.token, { state_code: '27' });
    const vendor = await createVendor(t, a.user.token, { state_code: '27' });
    const widget = await createProduct(t, a.user.token, { unit_price: '500.00', gst_rate: '18' });
    await adjustStock(t, a.admin.token, widget.id, '100');

    // Due on the day (no credit days), 10 June: overdue on the 20th. 2 × 500 + 18 % = 1,180.00.
    await posted('sales', a.user.token, { customer_id: customer.id, date: '2025-06-10', items: [{ product_id: widget.id, quantity: 2 }] });
    // Due 30 June: open, not overdue. 1 × 500 + 18 % = 590.00.
    await posted('sales', a.user.token, {
      customer_id: customer.id,
      date: '2025-06-15',
      due_date: '2025-06-30',
      items: [{ product_id: widget.id, quantity: 1 }],
    });
    // Cancelled: its bill is no longer owed.
    const cancelled = await posted('sales', a.user.token, {
      customer_id: customer.id,
      date: '2025-06-01',
      items: [{ product_id: widget.id, quantity: 5 }],
    });
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/sales/${cancelled.id}/cancel`,
      headers: bearer(a.admin.token),
      payload: { reason: 'Duplicate' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    // Bought on 2 June, due the same day: 3 × 400 + 18 % = 1,416.00 owed, overdue.
    await posted('purchase', a.user.token, {
      vendor_id: vendor.id,
      date: '2025-06-02',
      items: [{ product_id: widget.id, quantity: 3, unit_price: '400.00' }],
    });
    // Cash 5,000.00 and a bank account of 12,500.50 at the start; an inactive bank does not show.
    await platformTx(t.deps, async (db) => {
      await db.execute(sql`UPDATE ledgers SET opening_balance = 5000 WHERE organization_id = ${a.org.id} AND system_key = 'cash'`);
      await db.execute(sql`
        INSERT INTO ledgers (id, organization_id, group_id, name, opening_balance, is_active)
        SELECT gen_random_uuid(), organization_id, id, v.name, v.amount, v.active
          FROM account_groups, (VALUES ('HDFC Current', 12500.50, true), ('Closed SBI', 99, false)) AS v(name, amount, active)
         WHERE organization_id = ${a.org.id} AND system_key = 'bank_accounts'`);
    });

    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: bearer(a.user.token) });
    expect(res.statusCode, res.body).toBe(200);
    const books = res.json().books;
    expect(books.receivables).toEqual({ total: '1770.00', overdue: '1180.00', bills: 2, overdue_bills: 1 });
    expect(books.payables).toEqual({ total: '1416.00', overdue: '1416.00', bills: 1, overdue_bills: 1 });
    expect(books.cash_bank.map((l: { name: string; kind: string; balance: string }) => [l.name, l.kind, l.balance])).toEqual([
      ['Cash', 'cash', '5000.00'],
      ['HDFC Current', 'bank', '12500.50'],
    ]);
    expect(books.cash_bank_total).toBe('17500.50');

    const theirs = (await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: bearer(other.user.token) })).json().books;
    expect(theirs.receivables).toEqual({ total: '0.00', overdue: '0.00', bills: 0, overdue_bills: 0 });
    expect(theirs.cash_bank_total).toBe('0.00');
  });
});
