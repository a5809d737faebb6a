import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { adjustStock, apiCaller, createCustomer, createProduct, postVoucher } from '../../test/business';
import { createTenant, platformTx } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { csvFile, unzip } from '../../test/zip';

/**
 * "Your data is yours" (issue 18 item 5): the organisation's data as a zip of CSV files with a
 * README of the columns, read back here with yauzl and csv-parse; no row of another organisation,
 * no secret; audited; admins and org admins only.
 */

type Tenant = Awaited<ReturnType<typeof createTenant>>;
let t: TestApp;
let call: ReturnType<typeof apiCaller>;

beforeAll(async () => {
  t = await buildTestApp();
  call = apiCaller(t);
}, 60_000);
afterAll(() => t.close());

/** An organisation with a customer, a product, stock, a sales invoice and a receipt against it. */
async function tenantWithBooks(): Promise<{ tenant: Tenant; voucherIds: string[]; customerName: string }> {
  const tenant = await createTenant(t.deps, { stateCode: '27' });
  const customer = await createCustomer(t, tenant.admin.token);
  const product = await createProduct(t, tenant.admin.token, { unit_price: '500.00', gst_rate: '18' });
  await adjustStock(t, tenant.admin.token, product.id, '10');
  const invoice = await postVoucher(t, tenant.admin.token, 'sales', {
    customer_id: customer.id,
    date: '2025-10-01',
    items: [{ product_id: product.id, quantity: 2 }],
  });
  expect(invoice.statusCode, invoice.body).toBe(201);
  const [cash] = await platformTx(t.deps, (db) =>
    queryRows<{ id: string }>(db, sql`SELECT id FROM ledgers WHERE organization_id = ${tenant.org.id} AND system_key = 'cash'`),
  );
  const bills = (await call('GET', `/parties/${customer.id}/bills`, tenant.admin.token)).json().items as { id: string }[];
  const receipt = await postVoucher(t, tenant.admin.token, 'receipt', {
    customer_id: customer.id,
    date: '2025-10-02',
    amount: '500.00',
    mode: 'cash',
    cash_bank_ledger_id: cash!.id,
    allocations: [{ bill_id: bills[0]!.id, amount: '500.00' }],
  });
  expect(receipt.statusCode, receipt.body).toBe(201);
  return { tenant, voucherIds: [invoice.json().id, receipt.json().id], customerName: customer.name as string };
}

describe('the organisation data zip', () => {
  it("holds every table of the organisation's data, only its own rows, no secrets, and a README of the columns", async () => {
    const mine = await tenantWithBooks();
    const other = await tenantWithBooks();
    const res = await call('GET', '/organization/data-export', mine.tenant.orgAdmin.token);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+-data-\d{4}-\d{2}-\d{2}\.zip"$/);
    const files = await unzip(res.rawPayload);
    for (const name of [
      'README.txt',
      'organizations.csv',
      'users.csv',
      'account_groups.csv',
      'ledgers.csv',
      'parties.csv',
      'products.csv',
      'vouchers.csv',
      'voucher_lines.csv',
      'voucher_ledger_lines.csv',
      'ledger_entries.csv',
      'bills.csv',
      'bill_allocations.csv',
      'stock_ledger.csv',
      'stock_balances.csv',
      'audit_events.csv',
    ])
      expect(files.has(name), name).toBe(true);

    const orgs = csvFile(files, 'organizations.csv');
    expect(orgs.map((o) => o.id)).toEqual([mine.tenant.org.id]);
    const otherIds = new Set([other.tenant.org.id, ...other.voucherIds]);
    for (const name of files.keys()) {
      if (!name.endsWith('.csv') || name === 'organizations.csv') continue;
      const rows = csvFile(files, name);
      for (const row of rows) {
        expect(row.organization_id, `${name}: ${JSON.stringify(row)}`).toBe(mine.tenant.org.id);
        for (const value of Object.values(row)) expect(otherIds.has(value), `${name} holds another organisation's ${value}`).toBe(false);
      }
    }
    expect(files.get('parties.csv')!.toString()).not.toContain(other.customerName);

    const vouchers = csvFile(files, 'vouchers.csv');
    expect(vouchers.map((v) => v.id).sort()).toEqual([...mine.voucherIds].sort());
    const sale = vouchers.find((v) => v.voucher_type === 'sales')!;
    expect(sale).toMatchObject({ grand_total: '1180.00', voucher_date: '2025-10-01', status: 'active' });
    expect(csvFile(files, 'voucher_lines.csv')).toEqual([expect.objectContaining({ voucher_id: sale.id, quantity: '2.000' })]);
    const entries = csvFile(files, 'ledger_entries.csv');
    expect(new Set(entries.map((e) => e.voucher_id))).toEqual(new Set(mine.voucherIds));
    const paise = entries.reduce((s, e) => s + Math.round(Number(e.amount) * 100), 0);
    expect(paise).toBe(0);
    expect(csvFile(files, 'bill_allocations.csv')).toEqual([expect.objectContaining({ amount: '500.00' })]);
    expect(csvFile(files, 'stock_ledger.csv').map((r) => r.quantity_change)).toEqual(['10.000', '-2.000']);

    const users = csvFile(files, 'users.csv');
    expect(users.length).toBe(3);
    expect(Object.keys(users[0]!)).not.toContain('password_hash');
    expect(files.get('users.csv')!.toString()).not.toMatch(/\$argon2/);

    const readme = files.get('README.txt')!.toString();
    expect(readme).toContain('ledger_entries.csv: The books');
    expect(readme).toContain('  amount (numeric): Positive a debit, negative a credit');
    expect(readme).toContain('  grand_total (numeric)');
    expect(readme).not.toContain('password_hash');

    const audit = csvFile(files, 'audit_events.csv');
    expect(audit.some((a) => a.action === 'organization.data_exported' && a.actor_email === mine.tenant.orgAdmin.email)).toBe(true);
    const [event] = await platformTx(t.deps, (db) =>
      queryRows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM audit_events WHERE organization_id = ${mine.tenant.org.id} AND action = 'organization.data_exported'`,
      ),
    );
    expect(event!.n).toBe(1);
  });

  it('is for admins and org admins only', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    expect((await call('GET', '/organization/data-export', tenant.user.token)).statusCode).toBe(403);
    expect((await call('GET', '/organization/data-export', tenant.admin.token)).statusCode).toBe(200);
  });
});
