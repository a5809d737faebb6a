import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { stockLedger, vouchers } from '../../db/schema';
import { adjustStock, createCustomer, createProduct, createVendor, postVoucher, stockOf } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, captureLoggers, type TestApp } from '../../test/harness';
import { createTestDbHandle, ownerDb } from '../../test/test-db';

// Real concurrency needs real connections: the PostgreSQL server with a pool of 10.
let t: TestApp;

beforeAll(async () => {
  const handle = await createTestDbHandle(captureLoggers('silent').loggers.database, { poolSize: 10, poolTimeoutMs: 20_000 });
  t = await buildTestApp({ handle });
});
afterAll(() => t.close());

describe('under concurrency (PostgreSQL server)', () => {
  it('50 concurrent sales of a product with 20 in stock: exactly 20 succeed, numbers 1-20 without gaps, stock 0', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token, { name: 'Last twenty' });
    await adjustStock(t, tenant.admin.token, product.id, '20');

    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        postVoucher(t, tenant.user.token, 'sales', {
          customer_id: customer.id,
          date: '2025-12-01',
          items: [{ product_id: product.id, quantity: 1 }],
        }),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(30);
    for (const refused of results.filter((r) => r.statusCode === 409)) {
      expect(refused.json()).toMatchObject({
        code: 'INSUFFICIENT_STOCK',
        detail: 'Not enough stock of "Last twenty": 0.000 PCS on hand, 1.000 PCS needed',
      });
    }
    const numbers = results
      .filter((r) => r.statusCode === 201)
      .map((r) => r.json().voucher_number as string)
      .sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `SV/2526/${String(i + 1).padStart(5, '0')}`));
    expect(await stockOf(t, tenant.user.token, product.id)).toBe('0.000');

    const ledger = await ownerDb(t.deps.handle)
      .select()
      .from(stockLedger)
      .where(and(eq(stockLedger.organizationId, tenant.org.id), eq(stockLedger.productId, product.id)))
      .orderBy(asc(stockLedger.seq));
    expect(ledger.map((l) => l.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    // The opening adjustment to 20, then one unit out per sale, each balance after the one before.
    expect(ledger.map((l) => l.balanceAfter)).toEqual(Array.from({ length: 21 }, (_, i) => `${20 - i}.000`));
  });

  it('many multi-line vouchers naming the same products in different orders neither deadlock nor leave gaps', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const customer = await createCustomer(t, tenant.user.token);
    const vendor = await createVendor(t, tenant.user.token);
    const products = await Promise.all(Array.from({ length: 4 }, () => createProduct(t, tenant.user.token)));
    for (const p of products) await adjustStock(t, tenant.admin.token, p.id, '1000');
    const orders = [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [1, 3, 0, 2],
      [2, 0, 3, 1],
    ];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const lines = orders[i % 4]!.map((p) => ({ product_id: products[p]!.id, quantity: 1 }));
        return i % 5 === 0
          ? postVoucher(t, tenant.user.token, 'purchase', { vendor_id: vendor.id, date: '2026-01-10', items: lines })
          : postVoucher(t, tenant.user.token, 'sales', { customer_id: customer.id, date: '2026-01-10', items: lines });
      }),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(40).fill(201));
    const rows = await ownerDb(t.deps.handle)
      .select({ type: vouchers.voucherType, seq: vouchers.seq })
      .from(vouchers)
      .where(eq(vouchers.organizationId, tenant.org.id));
    const seqs = (type: string) =>
      rows
        .filter((r) => r.type === type)
        .map((r) => r.seq)
        .sort((a, b) => a - b);
    expect(seqs('sales')).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(seqs('purchase')).toEqual(Array.from({ length: 8 }, (_, i) => i + 1));
    // 1000 - 32 sold + 8 bought
    for (const p of products) expect(await stockOf(t, tenant.user.token, p.id)).toBe('976.000');
    // No deadlock was even retried: the lock order is the same everywhere.
    expect(t.logs.lines.filter((l) => String(l.cause ?? '').startsWith('40P01'))).toEqual([]);
  });

  it('concurrent postings and cancellations on month edges keep the day and month totals equal to the entries, without a deadlock', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const customers = await Promise.all(Array.from({ length: 3 }, () => createCustomer(t, tenant.user.token)));
    const vendor = await createVendor(t, tenant.user.token);
    const products = await Promise.all(Array.from({ length: 3 }, () => createProduct(t, tenant.user.token)));
    for (const p of products) await adjustStock(t, tenant.admin.token, p.id, '1000');
    const dates = ['2026-01-31', '2026-02-01', '2026-02-28', '2026-03-01'];
    const post = (i: number) => {
      const items = [products[i % 3]!, products[(i + 1) % 3]!].map((p) => ({ product_id: p.id, quantity: 1 + (i % 2) }));
      const date = dates[i % dates.length]!;
      return i % 6 === 0
        ? postVoucher(t, tenant.user.token, 'purchase', { vendor_id: vendor.id, date, items })
        : postVoucher(t, tenant.user.token, 'sales', { customer_id: customers[i % 3]!.id, date, items });
    };
    const first = await Promise.all(Array.from({ length: 24 }, (_, i) => post(i)));
    expect(first.map((r) => r.statusCode)).toEqual(Array(24).fill(201));
    // Cancellations (reversals on the same rows) racing new postings.
    const cancels = first.filter((_, i) => i % 6 !== 0 && i % 3 === 1).map((r) => r.json().id as string);
    const second = await Promise.all([
      ...cancels.map((id) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/vouchers/sales/${id}/cancel`,
          headers: { authorization: `Bearer ${tenant.admin.token}` },
          payload: { reason: 'Raised in error' },
        }),
      ),
      ...Array.from({ length: 16 }, (_, i) => post(i + 24)),
    ]);
    expect(second.map((r) => r.statusCode)).toEqual([...Array(cancels.length).fill(200), ...Array(16).fill(201)]);

    const org = tenant.org.id;
    const mismatches = await queryRows<{ kind: string; key: string }>(
      ownerDb(t.deps.handle),
      sql`WITH e AS (
            SELECT ledger_id, date_trunc('month', entry_date)::date AS month,
                   coalesce(sum(amount) FILTER (WHERE amount > 0), 0) AS debit, coalesce(-sum(amount) FILTER (WHERE amount < 0), 0) AS credit
              FROM ledger_entries WHERE organization_id = ${org} GROUP BY 1, 2
          ), m AS (SELECT ledger_id, month, debit, credit FROM ledger_month_totals WHERE organization_id = ${org}),
          d AS (
            SELECT ledger_id, date_trunc('month', entry_date)::date AS month, sum(debit) AS debit, sum(credit) AS credit
              FROM ledger_day_totals WHERE organization_id = ${org} GROUP BY 1, 2
          ), s AS (
            SELECT product_id, date_trunc('month', entry_date)::date AS month, sum(quantity_change) AS q, sum(value) AS v
              FROM stock_ledger WHERE organization_id = ${org} GROUP BY 1, 2
          ), sm AS (SELECT product_id, month, quantity_change AS q, value_change AS v FROM stock_value_month_totals WHERE organization_id = ${org})
          SELECT 'ledger month' AS kind, coalesce(e.ledger_id, m.ledger_id)::text || ' ' || coalesce(e.month, m.month)::text AS key
            FROM e FULL JOIN m ON m.ledger_id = e.ledger_id AND m.month = e.month
           WHERE e.debit IS DISTINCT FROM m.debit OR e.credit IS DISTINCT FROM m.credit
          UNION ALL
          SELECT 'ledger days of the month', coalesce(d.ledger_id, m.ledger_id)::text || ' ' || coalesce(d.month, m.month)::text
            FROM d FULL JOIN m ON m.ledger_id = d.ledger_id AND m.month = d.month
           WHERE d.debit IS DISTINCT FROM m.debit OR d.credit IS DISTINCT FROM m.credit
          UNION ALL
          SELECT 'stock month', coalesce(s.product_id, sm.product_id)::text || ' ' || coalesce(s.month, sm.month)::text
            FROM s FULL JOIN sm ON sm.product_id = s.product_id AND sm.month = s.month
           WHERE s.q IS DISTINCT FROM sm.q OR s.v IS DISTINCT FROM sm.v`,
    );
    expect(mismatches).toEqual([]);
    const [months] = await queryRows<{ n: number }>(
      ownerDb(t.deps.handle),
      sql`SELECT count(DISTINCT month)::int AS n FROM ledger_month_totals WHERE organization_id = ${org}`,
    );
    expect(months!.n).toBe(3);
    expect(t.logs.lines.filter((l) => String(l.cause ?? '').startsWith('40P01'))).toEqual([]);
  });

  it('concurrent retries with one Idempotency-Key post one voucher', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    await adjustStock(t, tenant.admin.token, product.id, '10');
    const body = { customer_id: customer.id, date: '2025-12-24', items: [{ product_id: product.id, quantity: 1 }] };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => postVoucher(t, tenant.user.token, 'sales', body, { 'idempotency-key': 'checkout-42' })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(7);
    expect(await stockOf(t, tenant.user.token, product.id)).toBe('9.000');
  });
});
