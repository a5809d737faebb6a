import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, createCustomer, createProduct, createVendor, postVoucher, stockOf } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, captureLoggers, type TestApp } from '../../test/harness';
import { createTestDbHandle, ownerHandle } from '../../test/test-db';
import type { PgHandle } from '../../db/client';

// Real concurrency needs real connections: the PostgreSQL server with a pool of 10.
let t: TestApp;

beforeAll(async () => {
  const handle = await createTestDbHandle(captureLoggers('silent').loggers.database, { poolSize: 10, poolTimeoutMs: 20_000 });
  t = await buildTestApp({ handle });
});
afterAll(() => t.close());

async function invoiceOf(quantity: number) {
  const tenant = await createTenant(t.deps, { stateCode: '27' });
  const customer = await createCustomer(t, tenant.user.token);
  const vendor = await createVendor(t, tenant.user.token);
  const product = await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '18' });
  const bought = await postVoucher(t, tenant.user.token, 'purchase', {
    vendor_id: vendor.id,
    date: '2025-10-01',
    items: [{ product_id: product.id, quantity: 50, unit_price: '60.00' }],
  });
  expect(bought.statusCode, bought.body).toBe(201);
  const res = await postVoucher(t, tenant.user.token, 'sales', {
    customer_id: customer.id,
    date: '2025-10-02',
    items: [{ product_id: product.id, quantity }],
  });
  expect(res.statusCode, res.body).toBe(201);
  const sale = res.json() as { id: string; voucher_number: string; items: { id: string }[] };
  return { tenant, product, sale, line: sale.items[0]!.id };
}

describe('notes under concurrency (PostgreSQL server)', () => {
  it('20 concurrent credit notes of 3 against a line of 10: exactly 3 pass, the rest are refused, 9 come back', async () => {
    const { tenant, product, sale, line } = await invoiceOf(10);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        postVoucher(t, tenant.user.token, 'credit-note', {
          against_voucher_id: sale.id,
          date: '2025-10-03',
          reason: 'sales_return',
          items: [{ against_line_id: line, quantity: 3 }],
        }),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 422)).toHaveLength(17);
    for (const refused of results.filter((r) => r.statusCode === 422)) {
      expect(refused.json().errors[0]).toMatchObject({
        field: 'items.0.quantity',
        message: expect.stringContaining('must be at most 1.000 PCS'),
      });
    }
    expect(
      results
        .filter((r) => r.statusCode === 201)
        .map((r) => r.json().voucher_number as string)
        .sort(),
    ).toEqual(['CN/2526/00001', 'CN/2526/00002', 'CN/2526/00003']);
    expect(await stockOf(t, tenant.user.token, product.id)).toBe('49.000');
  });

  it('value limits hold too: 10 concurrent value-only notes of 300 against a line of 1000 taxable: 3 pass', async () => {
    const { tenant, sale, line } = await invoiceOf(10);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        postVoucher(t, tenant.user.token, 'credit-note', {
          against_voucher_id: sale.id,
          date: '2025-10-03',
          reason: 'post_sale_discount',
          items: [{ against_line_id: line, quantity: 0, taxable_value: '300.00' }],
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).filter((s) => s === 201)).toHaveLength(3);
    expect(results.map((r) => r.statusCode).filter((s) => s === 422)).toHaveLength(7);
  });

  it('an invoice cancelled while notes are made against it: either the cancel or the notes win, never both', async () => {
    const { tenant, sale, line } = await invoiceOf(10);
    const call = apiCaller(t);
    const [cancel, ...notes] = await Promise.all([
      call('POST', `/vouchers/sales/${sale.id}/cancel`, tenant.admin.token, { reason: 'Raised in error' }),
      ...Array.from({ length: 5 }, () =>
        postVoucher(t, tenant.user.token, 'credit-note', {
          against_voucher_id: sale.id,
          date: '2025-10-03',
          reason: 'sales_return',
          items: [{ against_line_id: line, quantity: 1 }],
        }),
      ),
    ]);
    const made = notes.filter((n) => n.statusCode === 201).length;
    if (cancel!.statusCode === 200) {
      // The cancel came first: every note after it is refused, naming the cancelled invoice.
      expect(made).toBe(0);
      for (const n of notes)
        expect(n.json().errors[0]).toMatchObject({ field: 'against_voucher_id', message: expect.stringContaining('is cancelled') });
    } else {
      expect(cancel!.json()).toMatchObject({ code: 'VOUCHER_HAS_NOTES' });
      expect(made).toBeGreaterThan(0);
    }
    const after = (await call('GET', `/vouchers/sales/${sale.id}`, tenant.user.token)).json();
    const notesNow = (await call('GET', `/vouchers/credit-note?status=active`, tenant.user.token)).json().items.length;
    expect(after.status === 'cancelled' ? notesNow === 0 : notesNow === made).toBe(true);
  });
});

/**
 * Marking a month filed and posting a voucher dated in it exclude each other (the organisation's GST
 * filing lock): a mark waits for the postings in flight, a posting that starts during a mark waits
 * for it and then sees it. Each side is held open by hand on a connection of its own, and the other
 * is seen waiting for it in pg_locks before the held side commits.
 */
describe('filed periods under concurrency (PostgreSQL server)', () => {
  const lockKey = (org: string) => `hashtextextended('tritiq.gst-filing:' || '${org}', 0)`;

  async function held(sql: string) {
    const client = await (ownerHandle(t.handle) as PgHandle).pool.connect();
    await client.query('BEGIN');
    await client.query(sql);
    return client;
  }

  /** Resolves once some session waits for an advisory lock (fails the test after 20 s). */
  async function someoneWaitsForTheLock() {
    const db = (ownerHandle(t.handle) as PgHandle).pool;
    for (let i = 0; i < 200; i += 1) {
      const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
      if (Number(rows[0]!.n) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('nothing waited for the GST filing lock');
  }

  it('a sales invoice posted while its month is being marked filed waits for the mark, then is refused', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token, { unit_price: '10.00', gst_rate: '5' });
    const marking = await held(`SELECT pg_advisory_xact_lock(${lockKey(tenant.org.id)})`);
    const posting = postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-10-05',
      items: [{ product_id: product.id, quantity: 1 }],
    });
    try {
      await someoneWaitsForTheLock();
      await marking.query(`INSERT INTO gst_filed_periods (organization_id, period, filed_at) VALUES ($1, '2025-10', now())`, [
        tenant.org.id,
      ]);
      await marking.query('COMMIT');
    } finally {
      marking.release();
    }
    const res = await posting;
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('GST_PERIOD_FILED');
  });

  it('marking a month filed waits for a voucher being posted in it to commit', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const call = apiCaller(t);
    const posting = await held(`SELECT pg_advisory_xact_lock_shared(${lockKey(tenant.org.id)})`);
    const marking = call('POST', '/gst/periods/2025-09/filed', tenant.orgAdmin.token);
    let marked = false;
    void marking.then(() => (marked = true));
    try {
      await someoneWaitsForTheLock();
      expect(marked).toBe(false);
      await posting.query('COMMIT');
    } finally {
      posting.release();
    }
    const res = await marking;
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().period).toBe('2025-09');
  });
});
