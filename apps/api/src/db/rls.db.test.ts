import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStock, createCustomer, createProduct, postVoucher } from '../test/business';
import { createTenant } from '../test/factories';
import { buildTestApp, type TestApp } from '../test/harness';
import { ownerDb, testDriver } from '../test/test-db';
import { queryRows } from './client';
import { dbErrorInfo } from './errors';

// Row-level security (the row_level_security migration) on both drivers: PGlite runs the same policies and role.
let t: TestApp;
let a: Awaited<ReturnType<typeof createTenant>>;
let b: Awaited<ReturnType<typeof createTenant>>;
let bCustomer: { id: string };

const BUSINESS_TABLES = [
  'parties',
  'products',
  'stock_balances',
  'stock_ledger',
  'voucher_series',
  'vouchers',
  'voucher_lines',
  'idempotency_keys',
];

beforeAll(async () => {
  t = await buildTestApp();
  a = await createTenant(t.deps, { stateCode: '27' });
  b = await createTenant(t.deps, { stateCode: '29' });
  for (const tenant of [a, b]) {
    const customer = await createCustomer(t, tenant.user.token, { state_code: tenant === a ? '27' : '29' });
    const product = await createProduct(t, tenant.user.token);
    await adjustStock(t, tenant.admin.token, product.id, '5');
    const res = await postVoucher(
      t,
      tenant.user.token,
      'sales',
      { customer_id: customer.id, date: '2025-06-01', items: [{ product_id: product.id, quantity: 1 }] },
      { 'idempotency-key': `k-${tenant.org.id}` },
    );
    expect(res.statusCode).toBe(201);
    if (tenant === b) bCustomer = customer;
  }
});
afterAll(() => t.close());

const count = (table: string) => sql.raw(`SELECT count(*)::int AS n, count(DISTINCT organization_id)::int AS orgs FROM ${table}`);

describe('row-level security', () => {
  it('a tenant transaction runs as tritiq_app and sees only its organisation, without any WHERE clause', async () => {
    await t.deps.sessions.transaction(
      async (tx) => {
        const [who] = await queryRows<{ role: string }>(tx, sql`SELECT current_user AS role`);
        expect(who!.role).toBe('tritiq_app');
        for (const table of BUSINESS_TABLES) {
          const [row] = await queryRows<{ n: number; orgs: number }>(tx, count(table));
          expect({ table, orgs: row!.orgs, some: row!.n > 0 }).toEqual({ table, orgs: 1, some: true });
        }
        const foreign = await queryRows(tx, sql`SELECT id FROM parties WHERE id = ${bCustomer.id}`);
        expect(foreign).toEqual([]);
        const orgIds = await queryRows<{ organization_id: string }>(tx, sql`SELECT DISTINCT organization_id FROM vouchers`);
        expect(orgIds).toEqual([{ organization_id: a.org.id }]);
      },
      { organizationId: a.org.id },
    );
  });

  it("cannot change or create another organisation's rows", async () => {
    const updated = await t.deps.sessions.transaction(
      (tx) => queryRows(tx, sql`UPDATE parties SET name = 'hijacked' WHERE id = ${bCustomer.id} RETURNING id`),
      { organizationId: a.org.id },
    );
    expect(updated).toEqual([]);
    const insert = t.deps.sessions.transaction(
      (tx) =>
        tx.execute(
          sql`INSERT INTO parties (id, organization_id, kind, name) VALUES (gen_random_uuid(), ${b.org.id}, 'customer', 'planted')`,
        ),
      { organizationId: a.org.id, retry: false },
    );
    await expect(insert).rejects.toSatisfy((err: unknown) => dbErrorInfo(err).pgCode === '42501');
  });

  it('keeps the audit trail and the stock ledger append-only for the application role', async () => {
    for (const statement of [sql`DELETE FROM audit_events`, sql`UPDATE stock_ledger SET quantity_change = 0`]) {
      const attempt = t.deps.sessions.transaction((tx) => tx.execute(statement), { organizationId: a.org.id, retry: false });
      await expect(attempt).rejects.toSatisfy((err: unknown) => dbErrorInfo(err).pgCode === '42501');
    }
  });

  it('outside a tenant transaction the API login sees no organisation on the server; the owner (migrations) sees all', async () => {
    const [owner] = await queryRows<{ orgs: number }>(ownerDb(t.deps.handle), count('vouchers'));
    expect(owner!.orgs).toBeGreaterThanOrEqual(2);
    const [login] = await queryRows<{ orgs: number }>(t.deps.handle.db, count('vouchers'));
    // PGlite is one user (the owner); on the server the API's login is the least-privilege role.
    expect(login!.orgs).toBe(testDriver() === 'pg' ? 0 : owner!.orgs);
    const [after] = await queryRows<{ role: string }>(t.deps.handle.db, sql`SELECT current_user AS role`);
    expect(after!.role).not.toBe('tritiq_app');
  });
});
