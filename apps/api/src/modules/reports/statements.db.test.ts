import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../db/client';
import { apiCaller, createCustomer, createProduct, createVendor, postVoucher, uniqueName } from '../../test/business';
import { createTenant, platformTx } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

/**
 * The statements of a small company over a financial-year boundary, every figure computed by hand
 * below (BOOKS.md, "Financial statements"). Books from 1 April 2024, in Maharashtra (27).
 *
 * Opening balances on 1 April 2024 (the chart-of-accounts API is not built yet: written directly):
 * Capital Cr 50,000.00; Cash Dr 30,000.00; HDFC Bank Dr 15,000.00; customer A Dr 2,000.00;
 * vendor V Cr 1,000.00. Debits 47,000.00 against credits 51,000.00: 4,000.00 short on the debit side.
 *
 * FY 2024-25
 *  1 Apr  stock in: P1 (18 %) 10 at 50.00 = 500.00 (an adjustment: no entries)
 * 10 May  purchase from V (27): P1 10 × 70.00 = 700.00 (CGST 63.00, SGST 63.00), P2 (12 %) 4 × 25.30 =
 *         101.20 (6.072 -> 6.07 twice); 939.34 -> 939.00, round-off −0.34 (a credit).
 *         Dr Purchase 801.20, Input CGST 69.07, Input SGST 69.07; Cr Round Off 0.34, V 939.00.
 *         P1: 20 at 60.0000 = 1,200.00; P2: 4 at 25.3000 = 101.20.
 * 15 Jun  sale to A (27): P1 5 × 100.30 = 501.50 (45.135 -> 45.14 twice); 591.78 -> 592.00, +0.22.
 *         Dr A 592.00; Cr Sales 501.50, Output CGST 45.14, Output SGST 45.14, Round Off 0.22.
 *         P1: 15 at 60 = 900.00.
 * 20 Aug  sale to B (29): P1 2 × 100.50 = 201.00, IGST 36.18; 237.18 -> 237.00, −0.18 (a debit).
 *         Dr B 237.00, Round Off 0.18; Cr Sales 201.00, Output IGST 36.18. P1: 13 at 60 = 780.00.
 *  1 Sep  sale to A: P2 1 × 40.00 (2.40 twice) = 45.00 (+0.20), cancelled: every figure nets to nothing.
 *  Stock on 31 Mar 2025: 780.00 + 101.20 = 881.20.
 *  Trading: sales 702.50 + closing stock 881.20 − purchases 801.20 = gross profit 782.50.
 *  Round Off: −0.34 − 0.22 + 0.18 = Cr 0.38 (an expense ledger in credit: −0.38). Net profit 782.88.
 *
 * FY 2025-26
 * 10 Apr  sale to B: P2 3 × 33.35 = 100.05, IGST 12.006 -> 12.01; 112.06 -> 112.00, −0.06 (a debit).
 *         P2: 1 at 25.30 = 25.30.
 *  5 May  purchase from W (29): P1 5 × 64.00 = 320.00, IGST 57.60; 377.60 -> 378.00, +0.40 (a debit).
 *         P1: 18 at (780 + 320) / 18 = 61.1111 = 1,100.00 (18 × 61.1111 = 1,099.9998).
 *  1 Jun  stock out: P1 3 at the average: 15 × 61.1111 = 916.6665 -> 916.67.
 *  Stock on 30 Jun 2025: 916.67 + 25.30 = 941.97.
 *  Trading (1 Apr–30 Jun): sales 100.05 + closing 941.97 − opening 881.20 − purchases 320.00 = −159.18
 *  (a gross loss); Round Off Dr 0.46; net −159.64.
 */

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let call: ReturnType<typeof apiCaller>;
const platform = <T>(fn: (db: Executor) => Promise<T>) => platformTx(t.deps, fn);
const ids: Record<string, string> = {};
const names: Record<string, string> = {};

async function ok(res: Awaited<ReturnType<typeof call>>, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

async function post(type: 'sales' | 'purchase', body: Record<string, unknown>) {
  const res = await postVoucher(t, tenant.user.token, type, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; voucher_number: string; grand_total: string; round_off: string };
}

async function setOpening(ledgerWhere: ReturnType<typeof sql>, amount: string) {
  await platform((db) =>
    db.execute(sql`UPDATE ledgers SET opening_balance = ${amount} WHERE organization_id = ${tenant.org.id} AND ${ledgerWhere}`),
  );
}

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27', booksStartDate: '2024-04-01' });
  call = apiCaller(t);
  const tag = uniqueName('').trim();
  names.a = `A ${tag}`;
  names.b = `B ${tag}`;
  names.v = `V ${tag}`;
  names.w = `W ${tag}`;
  const a = await createCustomer(t, tenant.user.token, { name: names.a, state_code: '27' });
  const b = await createCustomer(t, tenant.user.token, { name: names.b, state_code: '29' });
  const v = await createVendor(t, tenant.user.token, { name: names.v, state_code: '27' });
  const w = await createVendor(t, tenant.user.token, { name: names.w, state_code: '29' });
  const p1 = await createProduct(t, tenant.user.token, { gst_rate: '18' });
  const p2 = await createProduct(t, tenant.user.token, { gst_rate: '12' });

  // A bank account and the opening balances (until the chart-of-accounts API exists).
  ids.bank = (
    await platform(async (db) => {
      const rows = await db.execute(sql`
        INSERT INTO ledgers (id, organization_id, group_id, name, opening_balance)
        SELECT gen_random_uuid(), organization_id, id, 'HDFC Bank', 15000 FROM account_groups
         WHERE organization_id = ${tenant.org.id} AND system_key = 'bank_accounts' RETURNING id`);
      return (rows as unknown as { rows: { id: string }[] }).rows[0]!.id;
    })
  ).toString();
  await setOpening(sql`system_key = 'capital'`, '-50000');
  await setOpening(sql`system_key = 'cash'`, '30000');
  await setOpening(sql`party_id = ${a.id}`, '2000');
  await setOpening(sql`party_id = ${v.id}`, '-1000');
  const ledgerIds = await platform(async (db) => {
    const rows = await db.execute(
      sql`SELECT id, coalesce(system_key, party_id::text) AS key FROM ledgers WHERE organization_id = ${tenant.org.id}`,
    );
    return (rows as unknown as { rows: { id: string; key: string }[] }).rows;
  });
  for (const r of ledgerIds) ids[r.key === a.id ? 'a' : r.key === b.id ? 'b' : r.key === v.id ? 'v' : r.key === w.id ? 'w' : r.key] = r.id;

  await ok(
    await call('POST', '/stock/adjustments', tenant.admin.token, {
      product_id: p1.id,
      quantity_change: '10',
      unit_cost: '50',
      date: '2024-04-01',
      reason: 'Opening count',
    }),
    201,
  );
  const purchase1 = await post('purchase', {
    vendor_id: v.id,
    date: '2024-05-10',
    items: [
      { product_id: p1.id, quantity: 10, unit_price: '70.00' },
      { product_id: p2.id, quantity: 4, unit_price: '25.30' },
    ],
  });
  expect([purchase1.grand_total, purchase1.round_off]).toEqual(['939.00', '-0.34']);
  const sale1 = await post('sales', {
    customer_id: a.id,
    date: '2024-06-15',
    items: [{ product_id: p1.id, quantity: 5, unit_price: '100.30' }],
  });
  expect([sale1.grand_total, sale1.round_off]).toEqual(['592.00', '0.22']);
  const sale2 = await post('sales', {
    customer_id: b.id,
    date: '2024-08-20',
    items: [{ product_id: p1.id, quantity: 2, unit_price: '100.50' }],
  });
  expect([sale2.grand_total, sale2.round_off]).toEqual(['237.00', '-0.18']);
  const cancelled = await post('sales', {
    customer_id: a.id,
    date: '2024-09-01',
    items: [{ product_id: p2.id, quantity: 1, unit_price: '40.00' }],
  });
  expect(cancelled.grand_total).toBe('45.00');
  await ok(await call('POST', `/vouchers/sales/${cancelled.id}/cancel`, tenant.admin.token, { reason: 'Raised in error' }));
  const sale3 = await post('sales', {
    customer_id: b.id,
    date: '2025-04-10',
    items: [{ product_id: p2.id, quantity: 3, unit_price: '33.35' }],
  });
  expect([sale3.grand_total, sale3.round_off]).toEqual(['112.00', '-0.06']);
  const purchase2 = await post('purchase', {
    vendor_id: w.id,
    date: '2025-05-05',
    items: [{ product_id: p1.id, quantity: 5, unit_price: '64.00' }],
  });
  expect([purchase2.grand_total, purchase2.round_off]).toEqual(['378.00', '0.40']);
  await ok(
    await call('POST', '/stock/adjustments', tenant.admin.token, {
      product_id: p1.id,
      quantity_change: '-3',
      date: '2025-06-01',
      reason: 'Damaged',
    }),
    201,
  );
  Object.assign(ids, {
    purchase1: purchase1.id,
    sale1: sale1.id,
    sale2: sale2.id,
    cancelled: cancelled.id,
    sale3: sale3.id,
    purchase2: purchase2.id,
  });
  names.purchase1 = purchase1.voucher_number;
  names.sale1 = sale1.voucher_number;
  names.cancelled = cancelled.voucher_number;
}, 120_000);
afterAll(() => t.close());

type Row = { kind: string; name: string; depth: number; debit: string; credit: string };
const dr = (kind: string, name: string, depth: number, debit: string): Row => ({ kind, name, depth, debit, credit: '0.00' });
const cr = (kind: string, name: string, depth: number, credit: string): Row => ({ kind, name, depth, debit: '0.00', credit });

describe('trial balance', () => {
  it('as on 31 March 2025: every ledger under its group, income and expense for the year, the opening difference making Dr = Cr', async () => {
    const tb = await ok(await call('GET', '/reports/trial-balance?as_of=2025-03-31', tenant.user.token));
    expect(tb.financial_year).toEqual({ from: '2024-04-01', to: '2025-03-31' });
    expect(
      tb.rows.filter((r: Row) => r.depth === 0).map(({ kind, name, depth, debit, credit }: Row) => ({ kind, name, depth, debit, credit })),
    ).toEqual([
      cr('group', 'Capital Account', 0, '50000.00'),
      // Duties & Taxes Dr 11.68 (69.07 × 2 − 45.14 × 2 − 36.18), Sundry Creditors Cr 1,939.00.
      cr('group', 'Current Liabilities', 0, '1927.32'),
      // Cash 30,000 + bank 15,000 + debtors 2,592 + 237; no opening stock in the first year.
      dr('group', 'Current Assets', 0, '47829.00'),
      cr('group', 'Sales Accounts', 0, '702.50'),
      dr('group', 'Purchase Accounts', 0, '801.20'),
      cr('group', 'Indirect Expenses', 0, '0.38'),
      dr('opening_difference', 'Difference in opening balances', 0, '4000.00'),
    ]);
    expect([tb.total_debit, tb.total_credit, tb.opening_difference]).toEqual(['52630.20', '52630.20', '4000.00']);
  });

  it('as on 30 June 2025: the new year’s income and expense from zero, last year’s profit in Profit & Loss A/c, its closing stock as opening stock', async () => {
    const tb = await ok(await call('GET', '/reports/trial-balance?as_of=2025-06-30', tenant.user.token));
    expect(tb.rows.map(({ kind, name, depth, debit, credit }: Row) => ({ kind, name, depth, debit, credit }))).toEqual([
      cr('group', 'Capital Account', 0, '50000.00'),
      cr('ledger', 'Capital', 1, '50000.00'),
      cr('group', 'Current Liabilities', 0, '2259.73'),
      dr('group', 'Duties & Taxes', 1, '57.27'),
      dr('ledger', 'Input CGST', 2, '69.07'),
      dr('ledger', 'Input IGST', 2, '57.60'),
      dr('ledger', 'Input SGST', 2, '69.07'),
      cr('ledger', 'Output CGST', 2, '45.14'),
      cr('ledger', 'Output IGST', 2, '48.19'),
      cr('ledger', 'Output SGST', 2, '45.14'),
      cr('group', 'Sundry Creditors', 1, '2317.00'),
      cr('ledger', names.v!, 2, '1939.00'),
      cr('ledger', names.w!, 2, '378.00'),
      cr('group', 'Profit & Loss A/c', 0, '782.88'),
      cr('ledger', 'Profit & Loss A/c', 1, '782.88'),
      dr('group', 'Current Assets', 0, '48822.20'),
      dr('group', 'Stock-in-Hand', 1, '881.20'),
      dr('opening_stock', 'Opening Stock', 2, '881.20'),
      dr('group', 'Sundry Debtors', 1, '2941.00'),
      dr('ledger', names.a!, 2, '2592.00'),
      dr('ledger', names.b!, 2, '349.00'),
      dr('group', 'Cash-in-Hand', 1, '30000.00'),
      dr('ledger', 'Cash', 2, '30000.00'),
      dr('group', 'Bank Accounts', 1, '15000.00'),
      dr('ledger', 'HDFC Bank', 2, '15000.00'),
      cr('group', 'Sales Accounts', 0, '100.05'),
      cr('ledger', 'Sales', 1, '100.05'),
      dr('group', 'Purchase Accounts', 0, '320.00'),
      dr('ledger', 'Purchase', 1, '320.00'),
      dr('group', 'Indirect Expenses', 0, '0.46'),
      dr('ledger', 'Round Off', 1, '0.46'),
      dr('opening_difference', 'Difference in opening balances', 0, '4000.00'),
    ]);
    expect([tb.total_debit, tb.total_credit]).toEqual(['53142.66', '53142.66']);
  });
});

describe('profit and loss', () => {
  it('FY 2024-25: gross profit 782.50 from the trading account, net 782.88 after the round-off', async () => {
    const pl = await ok(await call('GET', '/reports/profit-and-loss?from=2024-04-01&to=2025-03-31', tenant.user.token));
    expect(pl.trading).toMatchObject({
      opening_stock: '0.00',
      purchase_accounts: { total: '801.20', ledgers: [{ name: 'Purchase', group_name: 'Purchase Accounts', amount: '801.20' }] },
      direct_expenses: { total: '0.00', ledgers: [] },
      sales_accounts: { total: '702.50', ledgers: [{ name: 'Sales', amount: '702.50' }] },
      direct_incomes: { total: '0.00', ledgers: [] },
      closing_stock: '881.20',
      gross_profit: '782.50',
    });
    expect(pl.indirect_incomes).toEqual({ total: '0.00', ledgers: [] });
    expect(pl.indirect_expenses).toMatchObject({ total: '-0.38', ledgers: [{ name: 'Round Off', amount: '-0.38' }] });
    expect(pl.net_profit).toBe('782.88');
  });

  it('1 April to 30 June 2025: from zero, last year’s closing stock as opening; a gross loss of 159.18, net loss 159.64', async () => {
    const pl = await ok(await call('GET', '/reports/profit-and-loss?to=2025-06-30', tenant.user.token));
    expect(pl.period).toEqual({ from: '2025-04-01', to: '2025-06-30' });
    expect(pl.trading).toMatchObject({
      opening_stock: '881.20',
      purchase_accounts: { total: '320.00' },
      sales_accounts: { total: '100.05' },
      closing_stock: '941.97',
      gross_profit: '-159.18',
    });
    expect(pl.indirect_expenses).toMatchObject({ total: '0.46' });
    expect(pl.net_profit).toBe('-159.64');
  });
});

describe('balance sheet', () => {
  it('31 March 2025: the year’s profit in Profit & Loss A/c, closing stock among the assets, the opening difference on the short side', async () => {
    const bs = await ok(await call('GET', '/reports/balance-sheet?as_of=2025-03-31', tenant.user.token));
    const top = (rows: { depth: number; kind: string; name: string; amount: string }[]) =>
      rows.filter((r) => r.depth === 0).map((r) => [r.kind, r.name, r.amount]);
    expect(top(bs.liabilities)).toEqual([
      ['group', 'Capital Account', '50000.00'],
      ['group', 'Current Liabilities', '1927.32'],
      ['group', 'Profit & Loss A/c', '782.88'],
    ]);
    expect(top(bs.assets)).toEqual([
      ['group', 'Current Assets', '48710.20'],
      ['opening_difference', 'Difference in opening balances', '4000.00'],
    ]);
    expect(bs.assets).toContainEqual({ kind: 'closing_stock', id: null, name: 'Closing Stock', depth: 2, amount: '881.20' });
    expect(bs.profit_and_loss).toEqual({ ledger_balance: '0.00', earlier_years: '0.00', current_period: '782.88', total: '782.88' });
    expect([bs.closing_stock, bs.opening_difference, bs.total_liabilities, bs.total_assets]).toEqual([
      '881.20',
      '4000.00',
      '52710.20',
      '52710.20',
    ]);
  });

  it('30 June 2025: last year’s profit brought forward, this year’s loss to date, closing stock at 941.97', async () => {
    const bs = await ok(await call('GET', '/reports/balance-sheet?as_of=2025-06-30', tenant.user.token));
    expect(bs.profit_and_loss).toEqual({ ledger_balance: '0.00', earlier_years: '782.88', current_period: '-159.64', total: '623.24' });
    expect(bs.liabilities).toEqual([
      { kind: 'group', id: expect.any(String), name: 'Capital Account', depth: 0, amount: '50000.00' },
      { kind: 'ledger', id: ids.capital, name: 'Capital', depth: 1, amount: '50000.00' },
      { kind: 'group', id: expect.any(String), name: 'Current Liabilities', depth: 0, amount: '2259.73' },
      { kind: 'group', id: expect.any(String), name: 'Duties & Taxes', depth: 1, amount: '-57.27' },
      { kind: 'ledger', id: ids.input_cgst, name: 'Input CGST', depth: 2, amount: '-69.07' },
      { kind: 'ledger', id: ids.input_igst, name: 'Input IGST', depth: 2, amount: '-57.60' },
      { kind: 'ledger', id: ids.input_sgst, name: 'Input SGST', depth: 2, amount: '-69.07' },
      { kind: 'ledger', id: ids.output_cgst, name: 'Output CGST', depth: 2, amount: '45.14' },
      { kind: 'ledger', id: ids.output_igst, name: 'Output IGST', depth: 2, amount: '48.19' },
      { kind: 'ledger', id: ids.output_sgst, name: 'Output SGST', depth: 2, amount: '45.14' },
      { kind: 'group', id: expect.any(String), name: 'Sundry Creditors', depth: 1, amount: '2317.00' },
      { kind: 'ledger', id: ids.v, name: names.v, depth: 2, amount: '1939.00' },
      { kind: 'ledger', id: ids.w, name: names.w, depth: 2, amount: '378.00' },
      { kind: 'group', id: expect.any(String), name: 'Profit & Loss A/c', depth: 0, amount: '623.24' },
      { kind: 'profit_and_loss', id: null, name: 'Opening Balance', depth: 1, amount: '782.88' },
      { kind: 'profit_and_loss', id: null, name: 'Current Period', depth: 1, amount: '-159.64' },
    ]);
    expect(bs.assets.map((r: { name: string; amount: string }) => [r.name, r.amount])).toEqual([
      ['Current Assets', '48882.97'],
      ['Stock-in-Hand', '941.97'],
      ['Closing Stock', '941.97'],
      ['Sundry Debtors', '2941.00'],
      [names.a, '2592.00'],
      [names.b, '349.00'],
      ['Cash-in-Hand', '30000.00'],
      ['Cash', '30000.00'],
      ['Bank Accounts', '15000.00'],
      ['HDFC Bank', '15000.00'],
      ['Difference in opening balances', '4000.00'],
    ]);
    expect([bs.total_liabilities, bs.total_assets, bs.opening_difference]).toEqual(['52882.97', '52882.97', '4000.00']);
  });
});

describe('ledger statement', () => {
  it('opening on the start date, each entry with its voucher and the other side, the running balance carried across pages, closing', async () => {
    const url = `/reports/ledgers/${ids.a}/statement?from=2024-04-01&to=2025-06-30&limit=1`;
    const first = await ok(await call('GET', url, tenant.user.token));
    expect(first).toMatchObject({
      ledger: { id: ids.a, name: names.a, group_name: 'Sundry Debtors' },
      period: { from: '2024-04-01', to: '2025-06-30' },
      opening_balance: '2000.00',
      total_debit: '637.00',
      total_credit: '45.00',
      closing_balance: '2592.00',
    });
    expect(first.items).toEqual([
      {
        date: '2024-06-15',
        voucher_id: ids.sale1,
        voucher_type: 'sales',
        voucher_number: names.sale1,
        is_cancellation: false,
        other_ledgers: [
          { id: ids.sales, name: 'Sales' },
          { id: ids.output_cgst, name: 'Output CGST' },
          { id: ids.output_sgst, name: 'Output SGST' },
          { id: ids.round_off, name: 'Round Off' },
        ],
        debit: '592.00',
        credit: '0.00',
        balance: '2592.00',
      },
    ]);
    const second = await ok(await call('GET', `${url}&cursor=${first.next_cursor}`, tenant.user.token));
    expect(second.items.map((e: Record<string, unknown>) => [e.voucher_number, e.is_cancellation, e.debit, e.credit, e.balance])).toEqual([
      [names.cancelled, false, '45.00', '0.00', '2637.00'],
    ]);
    // Each page opens on the running balance the page before ended with.
    expect([first.page_opening_balance, second.page_opening_balance]).toEqual([first.opening_balance, '2592.00']);
    const third = await ok(await call('GET', `${url}&cursor=${second.next_cursor}`, tenant.user.token));
    expect(third.items.map((e: Record<string, unknown>) => [e.voucher_number, e.is_cancellation, e.debit, e.credit, e.balance])).toEqual([
      [names.cancelled, true, '0.00', '45.00', '2592.00'],
    ]);
    expect(third.page_opening_balance).toBe('2637.00');
    expect(third.next_cursor).toBeNull();
    expect(third.closing_balance).toBe('2592.00');
  });

  it('from a later date: the opening includes everything before it; the other side of a purchase is its debits', async () => {
    const later = await ok(await call('GET', `/reports/ledgers/${ids.a}/statement?from=2024-07-01&to=2025-03-31`, tenant.user.token));
    expect([later.opening_balance, later.closing_balance]).toEqual(['2592.00', '2592.00']);
    const vendor = await ok(await call('GET', `/reports/ledgers/${ids.v}/statement?from=2024-04-01&to=2025-03-31`, tenant.user.token));
    expect(vendor.opening_balance).toBe('-1000.00');
    expect(vendor.items).toHaveLength(1);
    expect(vendor.items[0]).toMatchObject({ voucher_number: names.purchase1, credit: '939.00', balance: '-1939.00' });
    expect(vendor.items[0].other_ledgers.map((l: { name: string }) => l.name)).toEqual(['Purchase', 'Input CGST', 'Input SGST']);
    const roundOff = await ok(
      await call('GET', `/reports/ledgers/${ids.round_off}/statement?from=2024-04-01&to=2025-03-31`, tenant.user.token),
    );
    // −0.34, −0.22, +0.18, and the cancelled sale's −0.20 and its reversal.
    expect(roundOff.items.map((e: { balance: string }) => e.balance)).toEqual(['-0.34', '-0.56', '-0.38', '-0.58', '-0.38']);
    expect(roundOff.closing_balance).toBe('-0.38');
  });

  it('is a 404 for a ledger of another organisation, and 422 naming the field for bad dates and cursors', async () => {
    const other = await createTenant(t.deps);
    expect((await call('GET', `/reports/ledgers/${ids.a}/statement`, other.orgAdmin.token)).statusCode).toBe(404);
    const reversed = await call('GET', `/reports/ledgers/${ids.a}/statement?from=2025-04-01&to=2025-03-31`, tenant.user.token);
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().errors).toEqual([{ field: 'query.from', message: 'must be on or before to' }]);
    const notADate = await call('GET', `/reports/trial-balance?as_of=2025-02-30`, tenant.user.token);
    expect(notADate.statusCode).toBe(422);
    expect(notADate.json().errors[0].field).toBe('query.as_of');
    const badCursor = await call('GET', `/reports/ledgers/${ids.a}/statement?cursor=abc`, tenant.user.token);
    expect(badCursor.statusCode).toBe(422);
    expect(badCursor.json().errors[0].field).toBe('query.cursor');
  });
});

describe('day book, cash and bank books', () => {
  it('the day book lists every voucher of the period in order, the cancelled one marked, across pages', async () => {
    const url = '/reports/day-book?from=2024-04-01&to=2025-03-31&limit=3';
    const first = await ok(await call('GET', url, tenant.user.token));
    const second = await ok(await call('GET', `${url}&cursor=${first.next_cursor}`, tenant.user.token));
    expect(second.next_cursor).toBeNull();
    const all = [...first.items, ...second.items];
    expect(all.map((v: Record<string, unknown>) => [v.date, v.voucher_type, v.amount, v.status])).toEqual([
      ['2024-05-10', 'purchase', '939.00', 'active'],
      ['2024-06-15', 'sales', '592.00', 'active'],
      ['2024-08-20', 'sales', '237.00', 'active'],
      ['2024-09-01', 'sales', '45.00', 'cancelled'],
    ]);
    expect(all[2].entries).toEqual([
      { ledger_id: ids.b, ledger_name: names.b, debit: '237.00', credit: '0.00' },
      { ledger_id: ids.sales, ledger_name: 'Sales', debit: '0.00', credit: '201.00' },
      { ledger_id: ids.output_igst, ledger_name: 'Output IGST', debit: '0.00', credit: '36.18' },
      { ledger_id: ids.round_off, ledger_name: 'Round Off', debit: '0.18', credit: '0.00' },
    ]);
  });

  it('the cash book is the Cash ledger’s statement; the bank book lists each bank ledger and opens one, refusing any other ledger', async () => {
    const cash = await ok(await call('GET', '/reports/cash-book?from=2025-04-01&to=2025-06-30', tenant.user.token));
    expect(cash).toMatchObject({
      ledger: { id: ids.cash, name: 'Cash' },
      opening_balance: '30000.00',
      closing_balance: '30000.00',
      items: [],
    });
    const banks = await ok(await call('GET', '/reports/bank-book?from=2025-04-01&to=2025-06-30', tenant.user.token));
    expect(banks.items).toEqual([
      {
        ledger_id: ids.bank,
        name: 'HDFC Bank',
        opening_balance: '15000.00',
        total_debit: '0.00',
        total_credit: '0.00',
        closing_balance: '15000.00',
      },
    ]);
    const bank = await ok(await call('GET', `/reports/bank-book/${ids.bank}`, tenant.user.token));
    expect(bank.ledger.name).toBe('HDFC Bank');
    const notABank = await call('GET', `/reports/bank-book/${ids.cash}`, tenant.user.token);
    expect(notABank.statusCode).toBe(422);
    expect(notABank.json().errors).toEqual([{ field: 'ledger_id', message: 'must be a ledger under Bank Accounts' }]);
  });
});

describe('opening balances that agree', () => {
  it('show no difference line: the trial balance and the balance sheet balance on their own', async () => {
    const balanced = await createTenant(t.deps, { booksStartDate: '2024-04-01' });
    await platform((db) =>
      db.execute(sql`UPDATE ledgers SET opening_balance = CASE system_key WHEN 'capital' THEN -1000 ELSE 1000 END
                      WHERE organization_id = ${balanced.org.id} AND system_key IN ('capital', 'cash')`),
    );
    const tb = await ok(await call('GET', '/reports/trial-balance?as_of=2024-12-31', balanced.user.token));
    expect(tb.rows.filter((r: Row) => r.depth === 0).map((r: Row) => [r.name, r.debit, r.credit])).toEqual([
      ['Capital Account', '0.00', '1000.00'],
      ['Current Assets', '1000.00', '0.00'],
    ]);
    expect([tb.total_debit, tb.total_credit, tb.opening_difference]).toEqual(['1000.00', '1000.00', '0.00']);
    const bs = await ok(await call('GET', '/reports/balance-sheet?as_of=2024-12-31', balanced.user.token));
    expect(bs.assets.some((r: { kind: string }) => r.kind === 'opening_difference')).toBe(false);
    expect(bs.liabilities.some((r: { kind: string }) => r.kind === 'opening_difference')).toBe(false);
    expect([bs.total_liabilities, bs.total_assets]).toEqual(['1000.00', '1000.00']);
    // Nothing of the other organisation shows.
    expect(bs.assets.map((r: { name: string }) => r.name)).toEqual(['Current Assets', 'Cash-in-Hand', 'Cash']);
  });
});
