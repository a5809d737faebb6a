import { SYSTEM_GROUPS, SYSTEM_LEDGERS } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Executor } from '../../db/client';
import { adjustStock, apiCaller, createCustomer, createProduct, createVendor, postVoucher } from '../../test/business';
import { createTenant, platformTx } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

/**
 * BOOKS.md's posting table, row by row, through the API: every sales and purchase voucher writes
 * balanced ledger entries, its day totals and its bill with it; cancelling writes the exact reverse.
 * Amounts: 100.50 at 18 % is 18.09 of tax (9.045 -> 9.05 twice intra-state, 18.09 IGST), rounding
 * up; 100.30 is 18.054 (9.03 twice, 18.05 IGST), rounding down.
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

interface Entry {
  ledger: string;
  amount: string;
  date: string;
  reversal: boolean;
}

/** A voucher's entries, each named by its ledger's system key or, for a party, "party:<name>". */
async function entriesOf(voucherId: string): Promise<Entry[]> {
  return platform((db) =>
    queryRows<Entry>(
      db,
      sql`SELECT coalesce(l.system_key, 'party:' || l.name) AS ledger, e.amount, e.entry_date::text AS date, e.is_reversal AS reversal
            FROM ledger_entries e JOIN ledgers l ON l.id = e.ledger_id
           WHERE e.voucher_id = ${voucherId}
           ORDER BY e.is_reversal, e.line_no`,
    ),
  );
}

/** Net movement per ledger on a date, from the day totals (what every statement will read). */
async function dayTotals(date: string, ledgerNames: string[]): Promise<Record<string, string>> {
  const rows = await platform((db) =>
    queryRows<{ ledger: string; net: string }>(
      db,
      sql`SELECT coalesce(l.system_key, 'party:' || l.name) AS ledger, (d.debit - d.credit)::numeric(16,2)::text AS net
            FROM ledger_day_totals d JOIN ledgers l ON l.id = d.ledger_id
           WHERE d.organization_id = ${tenant.org.id} AND d.entry_date = ${date}
           ORDER BY 1`,
    ),
  );
  return Object.fromEntries(rows.filter((r) => ledgerNames.includes(r.ledger)).map((r) => [r.ledger, r.net]));
}

async function billOf(voucherId: string) {
  const [bill] = await platform((db) =>
    queryRows<{ side: string; ref: string; bill_date: string; due_date: string; amount: string; outstanding: string; cancelled: boolean }>(
      db,
      sql`SELECT side, ref, bill_date::text, due_date::text, amount, outstanding, cancelled_at IS NOT NULL AS cancelled
            FROM bills WHERE voucher_id = ${voucherId}`,
    ),
  );
  return bill;
}

async function stocked(price: string) {
  const product = await createProduct(t, tenant.user.token, { unit_price: price, gst_rate: '18' });
  await adjustStock(t, tenant.admin.token, product.id, '10');
  return product;
}

async function post(type: 'sales' | 'purchase', body: Record<string, unknown>) {
  const res = await postVoucher(t, tenant.user.token, type, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; voucher_number: string; grand_total: string; round_off: string };
}

describe('the default chart of accounts', () => {
  it('every organisation has the groups and ledgers the posting rules and ledger fields name, under the right natures', async () => {
    const groups = await platform((db) =>
      queryRows<{ key: string; nature: string; parent: string | null }>(
        db,
        sql`SELECT g.system_key AS key, g.nature, p.system_key AS parent
              FROM account_groups g LEFT JOIN account_groups p ON p.id = g.parent_id
             WHERE g.organization_id = ${tenant.org.id}`,
      ),
    );
    const ledgers = await platform((db) =>
      queryRows<{ key: string; group: string }>(
        db,
        sql`SELECT l.system_key AS key, g.system_key AS group
              FROM ledgers l JOIN account_groups g ON g.id = l.group_id
             WHERE l.organization_id = ${tenant.org.id} AND l.system_key IS NOT NULL`,
      ),
    );
    expect(groups.map((g) => g.key)).toEqual(expect.arrayContaining([...SYSTEM_GROUPS]));
    expect(ledgers.map((l) => l.key)).toEqual(expect.arrayContaining([...SYSTEM_LEDGERS]));
    const group = (key: string) => groups.find((g) => g.key === key)!;
    expect(group('sundry_debtors')).toEqual({ key: 'sundry_debtors', nature: 'asset', parent: 'current_assets' });
    expect(group('duties_and_taxes')).toEqual({ key: 'duties_and_taxes', nature: 'liability', parent: 'current_liabilities' });
    expect(group('indirect_expenses')).toEqual({ key: 'indirect_expenses', nature: 'expense', parent: null });
    expect(Object.fromEntries(ledgers.map((l) => [l.key, l.group]))).toMatchObject({
      sales: 'sales_accounts',
      purchase: 'purchase_accounts',
      output_cgst: 'duties_and_taxes',
      input_igst: 'duties_and_taxes',
      round_off: 'indirect_expenses',
      cash: 'cash_in_hand',
    });
  });

  it('a licence issued by the super admin comes with the chart', async () => {
    const { createUser, tokenFor, bearer } = await import('../../test/factories');
    const su = await createUser(t.deps, { role: 'super_admin' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: bearer(await tokenFor(t.deps, su)),
      payload: { name: `Books Co ${Date.now()}`, admin_email: `books-${Date.now()}@example.test`, admin_full_name: 'Books Admin' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const orgId = (res.json() as { organization: { id: string } }).organization.id;
    const [count] = await platform((db) =>
      queryRows<{ ledgers: number; groups: number }>(
        db,
        sql`SELECT (SELECT count(*) FROM ledgers WHERE organization_id = ${orgId})::int AS ledgers,
                   (SELECT count(*) FROM account_groups WHERE organization_id = ${orgId})::int AS groups`,
      ),
    );
    expect(count).toEqual({ ledgers: 15, groups: 24 });
  });

  it('a party has its ledger, named after it, under Sundry Debtors or Creditors; renaming or deactivating it carries over', async () => {
    const name = `Twin ${Date.now()}`;
    const customer = await createCustomer(t, tenant.user.token, { name });
    const vendor = await createVendor(t, tenant.user.token, { name });
    const ledgersOf = () =>
      platform((db) =>
        queryRows<{ party: string; name: string; group: string; active: boolean }>(
          db,
          sql`SELECT l.party_id AS party, l.name, g.system_key AS group, l.is_active AS active
                FROM ledgers l JOIN account_groups g ON g.id = l.group_id
               WHERE l.party_id IN (${customer.id}, ${vendor.id}) ORDER BY g.system_key`,
        ),
      );
    expect(await ledgersOf()).toEqual([
      { party: vendor.id, name, group: 'sundry_creditors', active: true },
      { party: customer.id, name, group: 'sundry_debtors', active: true },
    ]);
    expect((await call('PUT', `/customers/${customer.id}`, tenant.admin.token, { name: `${name} Ltd`, is_active: false })).statusCode).toBe(
      200,
    );
    expect((await ledgersOf())[1]).toEqual({ party: customer.id, name: `${name} Ltd`, group: 'sundry_debtors', active: false });
  });
});

describe('sales invoices post as BOOKS.md says', () => {
  it('intra-state, rounded up: Dr customer 119.00; Cr Sales 100.50, Output CGST 9.05, SGST 9.05, Round Off 0.40', async () => {
    const customer = await createCustomer(t, tenant.user.token, { state_code: '27', name: `Intra ${Date.now()}` });
    const product = await stocked('100.50');
    const v = await post('sales', { customer_id: customer.id, date: '2025-07-01', items: [{ product_id: product.id, quantity: 1 }] });
    expect(v.round_off).toBe('0.40');
    expect(await entriesOf(v.id)).toEqual([
      { ledger: `party:${customer.name}`, amount: '119.00', date: '2025-07-01', reversal: false },
      { ledger: 'sales', amount: '-100.50', date: '2025-07-01', reversal: false },
      { ledger: 'output_cgst', amount: '-9.05', date: '2025-07-01', reversal: false },
      { ledger: 'output_sgst', amount: '-9.05', date: '2025-07-01', reversal: false },
      { ledger: 'round_off', amount: '-0.40', date: '2025-07-01', reversal: false },
    ]);
    expect(await dayTotals('2025-07-01', [`party:${customer.name}`, 'sales', 'output_cgst'])).toEqual({
      [`party:${customer.name}`]: '119.00',
      sales: '-100.50',
      output_cgst: '-9.05',
    });
  });

  it('inter-state, rounded down: Dr customer 118.00 and Round Off 0.35; Cr Sales 100.30, Output IGST 18.05', async () => {
    const customer = await createCustomer(t, tenant.user.token, { state_code: '29' });
    const product = await stocked('100.30');
    const v = await post('sales', { customer_id: customer.id, date: '2025-07-02', items: [{ product_id: product.id, quantity: 1 }] });
    expect(await entriesOf(v.id)).toEqual([
      { ledger: `party:${customer.name}`, amount: '118.00', date: '2025-07-02', reversal: false },
      { ledger: 'sales', amount: '-100.30', date: '2025-07-02', reversal: false },
      { ledger: 'output_igst', amount: '-18.05', date: '2025-07-02', reversal: false },
      { ledger: 'round_off', amount: '0.35', date: '2025-07-02', reversal: false },
    ]);
  });

  it('is a receivable bill, due on its due date, else its date plus the customer’s credit days', async () => {
    const customer = await createCustomer(t, tenant.user.token, { credit_days: 30 });
    expect(customer.credit_days).toBe(30);
    const product = await stocked('100.00');
    const items = [{ product_id: product.id, quantity: 1 }];
    const byTerms = await post('sales', { customer_id: customer.id, date: '2025-07-15', items });
    const byDate = await post('sales', { customer_id: customer.id, date: '2025-07-15', due_date: '2025-07-20', items });
    expect(await billOf(byTerms.id)).toEqual({
      side: 'receivable',
      ref: byTerms.voucher_number,
      bill_date: '2025-07-15',
      due_date: '2025-08-14',
      amount: '118.00',
      outstanding: '118.00',
      cancelled: false,
    });
    expect((await billOf(byDate.id))!.due_date).toBe('2025-07-20');
  });
});

describe('purchase invoices post as BOOKS.md says', () => {
  it('intra-state, rounded down: Dr Purchase 100.30, Input CGST 9.03, SGST 9.03; Cr Round Off 0.36, vendor 118.00', async () => {
    const vendor = await createVendor(t, tenant.user.token, { state_code: '27', credit_days: 10 });
    const product = await stocked('100.30');
    const v = await post('purchase', {
      vendor_id: vendor.id,
      date: '2025-08-01',
      supplier_invoice_number: 'ACME/991',
      items: [{ product_id: product.id, quantity: 1 }],
    });
    expect(await entriesOf(v.id)).toEqual([
      { ledger: 'purchase', amount: '100.30', date: '2025-08-01', reversal: false },
      { ledger: 'input_cgst', amount: '9.03', date: '2025-08-01', reversal: false },
      { ledger: 'input_sgst', amount: '9.03', date: '2025-08-01', reversal: false },
      { ledger: 'round_off', amount: '-0.36', date: '2025-08-01', reversal: false },
      { ledger: `party:${vendor.name}`, amount: '-118.00', date: '2025-08-01', reversal: false },
    ]);
    expect(await billOf(v.id)).toMatchObject({ side: 'payable', ref: 'ACME/991', due_date: '2025-08-11', amount: '118.00' });
  });

  it('inter-state, rounded up: Dr Purchase 100.50, Input IGST 18.09, Round Off 0.41; Cr vendor 119.00', async () => {
    const vendor = await createVendor(t, tenant.user.token, { state_code: '29' });
    const product = await stocked('100.50');
    const v = await post('purchase', { vendor_id: vendor.id, date: '2025-08-02', items: [{ product_id: product.id, quantity: 1 }] });
    expect(await entriesOf(v.id)).toEqual([
      { ledger: 'purchase', amount: '100.50', date: '2025-08-02', reversal: false },
      { ledger: 'input_igst', amount: '18.09', date: '2025-08-02', reversal: false },
      { ledger: 'round_off', amount: '0.41', date: '2025-08-02', reversal: false },
      { ledger: `party:${vendor.name}`, amount: '-119.00', date: '2025-08-02', reversal: false },
    ]);
  });
});

describe('cancelling', () => {
  it('writes the exact reverse dated the voucher’s own date, nets the day totals to zero and cancels the bill', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const product = await stocked('100.50');
    const v = await post('sales', { customer_id: customer.id, date: '2025-09-03', items: [{ product_id: product.id, quantity: 1 }] });
    const res = await call('POST', `/vouchers/sales/${v.id}/cancel`, tenant.admin.token, { reason: 'Duplicate' });
    expect(res.statusCode, res.body).toBe(200);
    const entries = await entriesOf(v.id);
    const posted = entries.filter((e) => !e.reversal);
    expect(entries.filter((e) => e.reversal)).toEqual(
      posted.map((e) => ({ ...e, reversal: true, amount: e.amount.startsWith('-') ? e.amount.slice(1) : `-${e.amount}` })),
    );
    expect(await dayTotals('2025-09-03', [`party:${customer.name}`])).toEqual({ [`party:${customer.name}`]: '0.00' });
    expect(await billOf(v.id)).toMatchObject({ cancelled: true, amount: '119.00' });
  });

  it('refuses (409 naming them) while receipts are allocated to the invoice’s bill', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const product = await stocked('100.00');
    const items = [{ product_id: product.id, quantity: 1 }];
    const invoice = await post('sales', { customer_id: customer.id, date: '2025-09-04', items });
    // Until receipts exist, any voucher of the party stands in as the allocating one.
    const settling = await post('sales', { customer_id: customer.id, date: '2025-09-04', items });
    await platform((db) =>
      db.execute(sql`INSERT INTO bill_allocations (id, organization_id, party_id, bill_id, voucher_id, amount)
                     SELECT gen_random_uuid(), organization_id, party_id, id, ${settling.id}, 50 FROM bills WHERE voucher_id = ${invoice.id}`),
    );
    const res = await call('POST', `/vouchers/sales/${invoice.id}/cancel`, tenant.admin.token, { reason: 'Wrong' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'BILL_ALLOCATED' });
    expect(res.json().detail).toContain(`${settling.voucher_number} (50.00)`);
    expect((await entriesOf(invoice.id)).some((e) => e.reversal)).toBe(false);
  });
});
