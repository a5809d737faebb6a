import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { adjustStock, apiCaller, createCustomer, createProduct, postVoucher } from '../../test/business';
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

async function bill(invoiceId: string) {
  const [row] = await queryRows<{ id: string; outstanding: string }>(
    ownerDb(t.deps.handle),
    sql`SELECT id, outstanding FROM bills WHERE voucher_id = ${invoiceId}`,
  );
  return row!;
}

async function liveAllocated(billId: string): Promise<string> {
  const [row] = await queryRows<{ total: string }>(
    ownerDb(t.deps.handle),
    sql`SELECT coalesce(sum(amount), 0)::numeric(14,2)::text AS total FROM bill_allocations WHERE bill_id = ${billId} AND released_at IS NULL`,
  );
  return row!.total;
}

describe('settling one bill under concurrency (PostgreSQL server)', () => {
  it('concurrent receipts and advance allocations against one bill never over-allocate it', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const call = apiCaller(t);
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token, { unit_price: '1000.00', gst_rate: '0' });
    await adjustStock(t, tenant.admin.token, product.id, '1');
    const invoice = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-10-01',
      items: [{ product_id: product.id, quantity: 1 }],
    });
    expect(invoice.statusCode, invoice.body).toBe(201);
    const { id: billId, outstanding } = await bill(invoice.json().id);
    expect(outstanding).toBe('1000.00');
    const [cash] = await queryRows<{ id: string }>(
      ownerDb(t.deps.handle),
      sql`SELECT id FROM ledgers WHERE organization_id = ${tenant.org.id} AND system_key = 'cash'`,
    );
    // Advances first (on account), to be allocated concurrently with new receipts below.
    const advances = await Promise.all(
      Array.from({ length: 5 }, () =>
        postVoucher(t, tenant.user.token, 'receipt', {
          customer_id: customer.id,
          date: '2025-10-02',
          amount: '150.00',
          mode: 'cash',
          cash_bank_ledger_id: cash!.id,
        }),
      ),
    );
    expect(advances.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);

    // 150 each, 15 receipts and 5 allocations: 20 × 150 = 3000 asked against 1000 outstanding.
    const receipts = Array.from({ length: 15 }, () =>
      postVoucher(t, tenant.user.token, 'receipt', {
        customer_id: customer.id,
        date: '2025-10-03',
        amount: '150.00',
        mode: 'cash',
        cash_bank_ledger_id: cash!.id,
        allocations: [{ bill_id: billId, amount: '150.00' }],
      }),
    );
    const allocations = advances.map((a) =>
      call('POST', `/vouchers/receipt/${a.json().id}/allocations`, tenant.user.token, {
        allocations: [{ bill_id: billId, amount: '150.00' }],
      }),
    );
    const results = await Promise.all([...receipts, ...allocations]);
    const ok = results.filter((r) => r.statusCode === 201 || r.statusCode === 200);
    const refused = results.filter((r) => r.statusCode === 422);
    // 1000 / 150: six succeed, leaving 100.00; every other one is told the bill's outstanding.
    expect(ok).toHaveLength(6);
    expect(refused).toHaveLength(14);
    for (const r of refused) {
      expect(r.json().errors).toEqual([
        { field: 'allocations.0.amount', message: "150.00 is more than bill SV/2526/00001's outstanding 100.00" },
      ]);
    }
    expect((await bill(invoice.json().id)).outstanding).toBe('100.00');
    expect(await liveAllocated(billId)).toBe('900.00');
    // The refused receipts wrote nothing and consumed no number.
    const list = await call('GET', '/vouchers/receipt', tenant.user.token);
    const created = ok.filter((r) => r.statusCode === 201).length;
    expect(list.json().summary.count).toBe(5 + created);
    const numbers = (list.json().items as { voucher_number: string }[]).map((v) => v.voucher_number).sort();
    expect(numbers).toEqual(Array.from({ length: 5 + created }, (_, i) => `RC/2526/${String(i + 1).padStart(5, '0')}`));
  });
});
