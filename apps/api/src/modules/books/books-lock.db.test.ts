import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStock, apiCaller, createCustomer, createProduct, postVoucher } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

/** The books lock date (BOOKS.md, "Locking"): org admins set it; nothing on or before it is posted or cancelled. */

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let call: ReturnType<typeof apiCaller>;

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27' });
  call = apiCaller(t);
});
afterAll(() => t.close());

describe('books locked up to a date', () => {
  it('only an org admin sets it; it refuses posting, cancelling and adjusting on or before it with 409 naming the date', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    await adjustStock(t, tenant.admin.token, product.id, '10');
    const sale = (date: string) =>
      postVoucher(t, tenant.user.token, 'sales', { customer_id: customer.id, date, items: [{ product_id: product.id, quantity: 1 }] });
    const early = (await sale('2025-06-30')).json() as { id: string };

    expect((await call('PATCH', '/organization/settings', tenant.admin.token, { books_locked_until: '2025-06-30' })).statusCode).toBe(403);
    const set = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, { books_locked_until: '2025-06-30' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ books_locked_until: '2025-06-30' });

    const refused = await sale('2025-06-30');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'BOOKS_LOCKED', detail: expect.stringContaining('locked up to 30/06/2025') });
    expect((await sale('2025-07-01')).statusCode).toBe(201);

    const cancel = await call('POST', `/vouchers/sales/${early.id}/cancel`, tenant.orgAdmin.token, { reason: 'Too late' });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json()).toMatchObject({ code: 'BOOKS_LOCKED', detail: expect.stringContaining('may be cancelled') });

    const adjusted = await call('POST', '/stock/adjustments', tenant.admin.token, {
      product_id: product.id,
      quantity_change: '1',
      reason: 'Count',
      date: '2025-06-01',
    });
    expect(adjusted.statusCode).toBe(409);

    const unlocked = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, { books_locked_until: null });
    expect(unlocked.json()).toMatchObject({ books_locked_until: null });
    expect((await call('POST', `/vouchers/sales/${early.id}/cancel`, tenant.orgAdmin.token, { reason: 'Unlocked' })).statusCode).toBe(200);
  });
});
