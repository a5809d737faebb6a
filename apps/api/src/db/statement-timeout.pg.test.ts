import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStock, createCustomer, createProduct, postVoucher } from '../test/business';
import { createTenant } from '../test/factories';
import { buildTestApp, captureLoggers, type TestApp } from '../test/harness';
import { createPgTestDatabase } from '../test/test-db';
import { createPgHandle } from './client';
import { isQueryCanceled } from './errors';

// Found by the connection-pool drill (npm run drill -- pool): a statement cut off by
// statement_timeout (SQLSTATE 57014, query_canceled) answered 500. It is now a 503 with Retry-After.
let t: TestApp;
let url: string;

beforeAll(async () => {
  url = await createPgTestDatabase();
  const handle = createPgHandle(
    { url, poolSize: 3, poolTimeoutMs: 5_000, statementTimeoutMs: 300 },
    captureLoggers('silent').loggers.database,
  );
  t = await buildTestApp({ handle });
});
afterAll(() => t.close());

describe('a statement cut off by statement_timeout (PostgreSQL server)', () => {
  it('is classified as query_canceled', () => {
    const driverError = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    expect(isQueryCanceled(new Error('Failed query', { cause: driverError }))).toBe(true);
    expect(isQueryCanceled(new Error('other'))).toBe(false);
  });

  it('answers 503 with Retry-After, not 500, and the voucher is not created', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    await adjustStock(t, tenant.admin.token, product.id, '10');

    // An administrator's transaction holds the stock rows: the voucher's stock update waits for it
    // until the server cancels the statement.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query('BEGIN');
      await admin.query('LOCK TABLE stock_balances IN ACCESS EXCLUSIVE MODE');
      const res = await postVoucher(t, tenant.user.token, 'sales', {
        customer_id: customer.id,
        date: '2025-12-01',
        items: [{ product_id: product.id, quantity: 1 }],
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        detail: 'The database took too long to answer. Please retry shortly.',
      });
      expect(res.body).not.toMatch(/statement timeout|57014/);
    } finally {
      await admin.query('ROLLBACK').catch(() => undefined);
      await admin.end();
    }

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/vouchers/sales',
      headers: { authorization: `Bearer ${tenant.user.token}` },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([]);
    const next = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-12-01',
      items: [{ product_id: product.id, quantity: 1 }],
    });
    expect(next.statusCode).toBe(201);
    expect(next.json().voucher_number).toBe('SV/2526/00001');
  });
});
