import { dec } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { adjustStock, apiCaller, createCustomer, createProduct, createVendor, postVoucher } from '../../test/business';
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

  it('equals the trial balance (cash, bank) and the outstanding report (receivables, payables) on the same day, openings, a cancelled receipt and both boundaries included', async () => {
    const call = apiCaller(t);
    const ok = async (res: Awaited<ReturnType<typeof call>>, status = 200) => {
      expect(res.statusCode, res.body).toBe(status);
      return res.json();
    };
    // Books from 1 March 2025: a financial year ends on 31 March, and today is 20 June 2025.
    const a = await createTenant(t.deps, { stateCode: '27', booksStartDate: '2025-03-01' });
    const customer = await createCustomer(t, a.user.token, { state_code: '27' });
    const vendor = await createVendor(t, a.user.token, { state_code: '27' });
    const widget = await createProduct(t, a.user.token, { unit_price: '500.00', gst_rate: '18' });
    await adjustStock(t, a.admin.token, widget.id, '100');
    const ledgerOf = async (key: string) =>
      (
        await platformTx(t.deps, (db) =>
          queryRows<{ id: string }>(db, sql`SELECT id FROM ledgers WHERE organization_id = ${a.org.id} AND system_key = ${key}`),
        )
      )[0]!.id;
    const cash = await ledgerOf('cash');
    const [bankRow] = await platformTx(t.deps, (db) =>
      queryRows<{ id: string }>(
        db,
        sql`INSERT INTO ledgers (id, organization_id, group_id, name)
            SELECT gen_random_uuid(), organization_id, id, 'ICICI Current' FROM account_groups
             WHERE organization_id = ${a.org.id} AND system_key = 'bank_accounts'
            RETURNING id`,
      ),
    );
    const bank = bankRow!.id;
    // Openings: cash 5,000.00 Dr, bank 20,000.25 Dr; the customer owes an old bill of 3,000.00 and we owe the vendor 1,200.00.
    await ok(await call('PUT', `/opening-balances/ledgers/${cash}`, a.admin.token, { amount: '5000.00', side: 'debit' }));
    await ok(await call('PUT', `/opening-balances/ledgers/${bank}`, a.admin.token, { amount: '20000.25', side: 'debit' }));
    const oldBill = await ok(
      await call('POST', `/opening-balances/parties/${customer.id}/bills`, a.admin.token, {
        ref: 'OLD/1',
        date: '2025-02-15',
        amount: '3000.00',
      }),
      201,
    );
    await ok(
      await call('POST', `/opening-balances/parties/${vendor.id}/bills`, a.admin.token, {
        ref: 'V-OLD/9',
        date: '2025-02-20',
        amount: '1200.00',
      }),
      201,
    );
    const billOf = async (voucherId: string) =>
      (await platformTx(t.deps, (db) => queryRows<{ id: string }>(db, sql`SELECT id FROM bills WHERE voucher_id = ${voucherId}`)))[0]!.id;
    const sale = async (date: string, quantity: number, extra: Record<string, unknown> = {}) => {
      const v = await posted('sales', a.user.token, {
        customer_id: customer.id,
        date,
        items: [{ product_id: widget.id, quantity }],
        ...extra,
      });
      return { ...v, billId: await billOf(v.id) };
    };
    const receipt = async (date: string, amount: string, ledger: string, allocations: { bill_id: string; amount: string }[] = []) =>
      (await ok(
        await postVoucher(t, a.user.token, 'receipt', {
          customer_id: customer.id,
          date,
          amount,
          mode: 'cash',
          cash_bank_ledger_id: ledger,
          allocations,
        }),
        201,
      )) as { id: string };

    // The last day of the year 2024-25 and the first of 2025-26, the last of May and the first of June.
    const s1 = await sale('2025-03-31', 2); // 1,180.00
    const s2 = await sale('2025-04-01', 1); // 590.00
    const cancelledSale = await sale('2025-04-30', 3); // 1,770.00, cancelled below
    const s4 = await sale('2025-05-31', 1); // 590.00
    await sale('2025-06-01', 1, { due_date: '2025-06-30' }); // 590.00, not yet due
    await receipt('2025-03-31', '1000.00', cash, [{ bill_id: oldBill.id, amount: '1000.00' }]);
    await receipt('2025-04-01', '1180.00', bank, [{ bill_id: s1.billId, amount: '1180.00' }]);
    const cancelledReceipt = await receipt('2025-05-15', '500.00', bank, [{ bill_id: s2.billId, amount: '500.00' }]);
    // Cancelled: the receipt's entries reversed and its allocation released; the sale's bill gone.
    for (const [type, id] of [
      ['receipt', cancelledReceipt.id],
      ['sales', cancelledSale.id],
    ] as const)
      await ok(await call('POST', `/vouchers/${type}/${id}/cancel`, a.admin.token, { reason: 'Entered twice' }));
    await receipt('2025-05-31', '300.00', cash, [{ bill_id: s2.billId, amount: '300.00' }]);
    await receipt('2025-06-20', '100.00', cash); // today, on account
    // Dated after today: neither the cash balance nor what the bill owed today counts it.
    await receipt('2025-06-22', '590.00', cash, [{ bill_id: s4.billId, amount: '590.00' }]);
    const purchase = await posted('purchase', a.user.token, {
      vendor_id: vendor.id,
      date: '2025-04-01',
      items: [{ product_id: widget.id, quantity: 2, unit_price: '400.00' }],
    }); // 944.00
    await ok(
      await postVoucher(t, a.user.token, 'payment', {
        vendor_id: vendor.id,
        date: '2025-06-01',
        amount: '944.00',
        mode: 'cash',
        cash_bank_ledger_id: bank,
        allocations: [{ bill_id: await billOf(purchase.id), amount: '944.00' }],
      }),
      201,
    );

    const books = (await ok(await call('GET', '/dashboard', a.user.token))).books as {
      receivables: { total: string; overdue: string; bills: number; overdue_bills: number };
      payables: { total: string; overdue: string; bills: number; overdue_bills: number };
      cash_bank: { ledger_id: string; name: string; balance: string }[];
      cash_bank_total: string;
    };
    // By hand: cash 5,000 + 1,000 + 300 + 100; bank 20,000.25 + 1,180 − 944 (the cancelled receipt nets to nothing).
    expect(books.cash_bank.map((l) => [l.ledger_id, l.balance])).toEqual([
      [cash, '6400.00'],
      [bank, '20236.25'],
    ]);
    expect(books.cash_bank_total).toBe('26636.25');
    // Old bill 2,000 (overdue), the sale of 1 April 290 (overdue), of 31 May 590 (overdue: paid only on the 22nd), of 1 June 590 (not due).
    expect(books.receivables).toEqual({ total: '3470.00', overdue: '2880.00', bills: 4, overdue_bills: 3 });
    expect(books.payables).toEqual({ total: '1200.00', overdue: '1200.00', bills: 1, overdue_bills: 1 });

    // The same figures as the statements give for today.
    const tb = (await ok(await call('GET', '/reports/trial-balance?as_of=2025-06-20', a.user.token))) as {
      rows: { kind: string; id: string | null; debit: string; credit: string }[];
    };
    for (const l of books.cash_bank) {
      const row = tb.rows.find((r) => r.kind === 'ledger' && r.id === l.ledger_id)!;
      expect(dec(row.debit).minus(dec(row.credit)).toFixed(2), l.name).toBe(l.balance);
    }
    for (const side of ['receivable', 'payable'] as const) {
      const report = (await ok(await call('GET', `/reports/outstanding?side=${side}&as_of=2025-06-20`, a.user.token))) as {
        total: { bills: number; total: string; buckets: { bucket: string; amount: string }[] };
      };
      const overdue = report.total.buckets.filter((b) => b.bucket !== 'not_due').reduce((s, b) => s.plus(dec(b.amount)), dec('0'));
      const figures = side === 'receivable' ? books.receivables : books.payables;
      expect([figures.total, figures.overdue, figures.bills], side).toEqual([report.total.total, overdue.toFixed(2), report.total.bills]);
    }
  });
});
