import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { apiCaller, createCustomer, createProduct, createVendor, postVoucher } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { ownerDb } from '../../test/test-db';

/**
 * The statements read whole months from the month totals and the days of a part month from the
 * day totals (totals-span.ts). Vouchers posted on the edges of months (the first and last day,
 * a cancellation, a financial-year end) and every figure asked for ranges that start and end on
 * those edges and between them, each compared with the sum of the entries themselves.
 */

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let call: ReturnType<typeof apiCaller>;
const ledger: Record<string, string> = {};
let customerLedger = '';

const DATES = [
  '2025-03-31',
  '2025-04-01',
  '2025-04-15',
  '2025-04-30',
  '2025-05-01',
  '2025-05-20',
  '2025-05-31',
  '2025-06-01',
  '2025-06-17',
];

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27', booksStartDate: '2025-01-01' });
  call = apiCaller(t);
  const customer = await createCustomer(t, tenant.user.token, { state_code: '27' });
  const vendor = await createVendor(t, tenant.user.token, { state_code: '29' });
  const product = await createProduct(t, tenant.user.token, { gst_rate: '18' });
  for (const [i, date] of DATES.entries()) {
    const purchase = await postVoucher(t, tenant.user.token, 'purchase', {
      vendor_id: vendor.id,
      date,
      items: [{ product_id: product.id, quantity: '10', unit_price: `${60 + i}.25` }],
    });
    expect(purchase.statusCode, purchase.body).toBe(201);
    const sale = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date,
      items: [{ product_id: product.id, quantity: `${1 + (i % 3)}`, unit_price: `${100 + i}.30` }],
    });
    expect(sale.statusCode, sale.body).toBe(201);
    if (i % 4 === 1) {
      const cancel = await call('POST', `/vouchers/sales/${(sale.json() as { id: string }).id}/cancel`, tenant.admin.token, {
        reason: 'Raised in error',
      });
      expect(cancel.statusCode, cancel.body).toBe(200);
    }
  }
  for (const r of await queryRows<{ id: string; key: string | null; party_id: string | null }>(
    ownerDb(t.deps.handle),
    sql`SELECT id, system_key AS key, party_id FROM ledgers WHERE organization_id = ${tenant.org.id}`,
  )) {
    if (r.key) ledger[r.key] = r.id;
    if (r.party_id === customer.id) customerLedger = r.id;
  }
}, 180_000);

afterAll(() => t.close());

/** Σ of a ledger's entries (signed Dr +, debits, credits) in [from, to] (either end open). */
async function entriesOf(ledgerId: string, from: string | null, to: string | null) {
  const [row] = await queryRows<{ net: string; debit: string; credit: string }>(
    ownerDb(t.deps.handle),
    sql`SELECT coalesce(sum(amount), 0)::numeric(16,2)::text AS net,
               coalesce(sum(amount) FILTER (WHERE amount > 0), 0)::numeric(16,2)::text AS debit,
               coalesce(-sum(amount) FILTER (WHERE amount < 0), 0)::numeric(16,2)::text AS credit
          FROM ledger_entries
         WHERE organization_id = ${tenant.org.id} AND ledger_id = ${ledgerId}
           ${from === null ? sql`` : sql`AND entry_date >= ${from}::date`} ${to === null ? sql`` : sql`AND entry_date <= ${to}::date`}`,
  );
  return row!;
}

const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const neg = (v: string) => (v.startsWith('-') ? v.slice(1) : v === '0.00' ? v : `-${v}`);

const RANGES: [string, string][] = [
  ['2025-04-01', '2025-06-30'],
  ['2025-04-01', '2025-04-30'],
  ['2025-04-02', '2025-04-30'],
  ['2025-04-15', '2025-05-31'],
  ['2025-04-30', '2025-06-01'],
  ['2025-05-01', '2025-05-01'],
  ['2025-05-02', '2025-06-17'],
  ['2025-03-31', '2025-05-20'],
];

describe('statements from month and day totals equal the sums of the entries', () => {
  it('ledger statements: the opening, the period debits and credits and the closing, for ranges on and between month edges', async () => {
    for (const [key, id] of [
      ['sales', ledger.sales!],
      ['customer', customerLedger],
      ['round_off', ledger.round_off!],
    ] as const) {
      for (const [from, to] of RANGES) {
        const res = await call('GET', `/reports/ledgers/${id}/statement?from=${from}&to=${to}&limit=5`, tenant.user.token);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json() as { opening_balance: string; total_debit: string; total_credit: string; closing_balance: string };
        const before = await entriesOf(id, null, dayBefore(from));
        const within = await entriesOf(id, from, to);
        const upTo = await entriesOf(id, null, to);
        expect([key, from, to, body.opening_balance, body.total_debit, body.total_credit, body.closing_balance]).toEqual([
          key,
          from,
          to,
          before.net,
          within.debit,
          within.credit,
          upTo.net,
        ]);
      }
    }
  });

  it('profit and loss: each ledger’s movement over the period', async () => {
    for (const [from, to] of RANGES.filter(([f]) => f >= '2025-04-01')) {
      const res = await call('GET', `/reports/profit-and-loss?from=${from}&to=${to}`, tenant.user.token);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { trading: { sales_accounts: { total: string }; purchase_accounts: { total: string } } };
      expect([from, to, body.trading.sales_accounts.total, body.trading.purchase_accounts.total]).toEqual([
        from,
        to,
        neg((await entriesOf(ledger.sales!, from, to)).net),
        (await entriesOf(ledger.purchase!, from, to)).net,
      ]);
    }
  });

  it('trial balance and balance sheet as on the edges: closings, and the stock value from the month and day totals', async () => {
    for (const asOf of ['2025-03-31', '2025-04-01', '2025-04-29', '2025-04-30', '2025-05-15', '2025-06-01', '2025-06-30']) {
      const tb = await call('GET', `/reports/trial-balance?as_of=${asOf}`, tenant.user.token);
      expect(tb.statusCode, tb.body).toBe(200);
      const rows = (tb.json() as { rows: { id: string | null; debit: string; credit: string }[] }).rows;
      // A ledger with nothing on it by then has no row.
      const closing = (id: string) => {
        const row = rows.find((r) => r.id === id);
        return row ? (Number(row.debit) - Number(row.credit)).toFixed(2) : '0.00';
      };
      expect([asOf, closing(customerLedger)]).toEqual([asOf, (await entriesOf(customerLedger, null, asOf)).net]);
      const fyStart = asOf < '2025-04-01' ? '2024-04-01' : '2025-04-01';
      expect([asOf, closing(ledger.sales!)]).toEqual([asOf, (await entriesOf(ledger.sales!, fyStart, asOf)).net]);

      const bs = await call('GET', `/reports/balance-sheet?as_of=${asOf}`, tenant.user.token);
      expect(bs.statusCode, bs.body).toBe(200);
      const [stock] = await queryRows<{ value: string }>(
        ownerDb(t.deps.handle),
        sql`SELECT coalesce(sum(value), 0)::numeric(16,2)::text AS value FROM stock_ledger
             WHERE organization_id = ${tenant.org.id} AND entry_date <= ${asOf}::date`,
      );
      expect([asOf, (bs.json() as { closing_stock: string }).closing_stock]).toEqual([asOf, stock!.value]);
      const summary = await call('GET', `/reports/stock-summary?as_of=${asOf}`, tenant.user.token);
      expect([asOf, (summary.json() as { total_value: string }).total_value]).toEqual([asOf, stock!.value]);
    }
  });
});
