import { registerVoucherType, unregisterVoucherType } from '@tritiq/contracts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SALES_ORDER } from '../../../../../packages/contracts/test/test-voucher-type';
import { auditEvents, stockLedger, voucherSeries } from '../../db/schema';
import { adjustStock, apiCaller, createCustomer, createProduct, stockOf } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, TestClock, type TestApp } from '../../test/harness';
import { ownerDb } from '../../test/test-db';

// A type registered here, in the test, before the app is built: nothing in src/ names it. Removed
// again at the end: the worker runs other test files after this one (no isolation between files).
let t: TestApp;
beforeAll(async () => {
  registerVoucherType(TEST_SALES_ORDER);
  t = await buildTestApp({ clock: new TestClock(new Date('2025-06-20T06:30:00Z')) });
});
afterAll(async () => {
  try {
    await t?.close(); // undefined when building the app failed
  } finally {
    unregisterVoucherType(TEST_SALES_ORDER.type);
  }
});

describe('a voucher type defined only in a test', () => {
  it('gets its routes, numbering, settings, dashboard line, audit and email from its definition', async () => {
    const call = apiCaller(t);
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const customer = await createCustomer(t, tenant.user.token, { state_code: '29' });
    const product = await createProduct(t, tenant.user.token, { unit_price: '250.00', gst_rate: '12' });
    await adjustStock(t, tenant.admin.token, product.id, '4');

    const types = (await call('GET', '/voucher-types', tenant.user.token)).json();
    expect(types.items.map((d: { type: string }) => d.type)).toEqual([
      'sales',
      'purchase',
      'receipt',
      'payment',
      'contra',
      'journal',
      'credit-note',
      'debit-note',
      'sales-order',
    ]);
    expect(types.items.at(-1)).toMatchObject({ label: 'Sales order', default_prefix: 'SO', stock_direction: 'none', posting: null });
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/vouchers/sales-order', '/api/v1/vouchers/sales-order/{id}/cancel']),
    );

    expect((await call('GET', '/vouchers/sales-order/next-number?date=2025-06-20', tenant.user.token)).json()).toMatchObject({
      voucher_type: 'sales-order',
      voucher_number: 'SO/2526/00001',
    });
    const order = { customer_id: customer.id, date: '2025-06-20', reference: 'PO-77', items: [{ product_id: product.id, quantity: 10 }] };
    const first = await call('POST', '/vouchers/sales-order', tenant.user.token, order);
    expect(first.statusCode, first.body).toBe(201);
    // Ten ordered with four on hand: an order moves no stock, so nothing is refused or moved.
    expect(first.json()).toMatchObject({
      voucher_type: 'sales-order',
      voucher_number: 'SO/2526/00001',
      reference: 'PO-77',
      is_inter_state: true,
      igst_amount: '300.00',
      grand_total: '2800.00',
      customer_id: customer.id,
    });
    expect(await stockOf(t, tenant.user.token, product.id)).toBe('4.000');
    const moves = await ownerDb(t.deps.handle).select().from(stockLedger).where(eq(stockLedger.voucherId, first.json().id));
    expect(moves).toEqual([]);
    // A field its definition does not carry is not accepted into it.
    const foreign = await call('POST', '/vouchers/sales-order', tenant.user.token, { ...order, supplier_invoice_number: 'X' });
    expect(foreign.json().supplier_invoice_number ?? null).toBeNull();

    const prefix = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, { voucher_prefixes: { 'sales-order': 'ord' } });
    expect(prefix.json().voucher_prefixes).toEqual({
      sales: 'SV',
      purchase: 'PV',
      receipt: 'RC',
      payment: 'PY',
      contra: 'CT',
      journal: 'JV',
      'credit-note': 'CN',
      'debit-note': 'DN',
      'sales-order': 'ORD',
    });
    const third = await call('POST', '/vouchers/sales-order', tenant.user.token, order);
    expect(third.json().voucher_number).toBe('ORD/2526/00003');
    const [series] = await ownerDb(t.deps.handle)
      .select()
      .from(voucherSeries)
      .where(and(eq(voucherSeries.organizationId, tenant.org.id), eq(voucherSeries.voucherType, 'sales-order')));
    expect(series).toMatchObject({ fiscalYear: '2526', prefix: 'ORD', nextNumber: 4 });

    const found = (await call('GET', '/vouchers/sales-order?search=ORD/2526/00003', tenant.user.token)).json();
    expect(found.items.map((v: { id: string }) => v.id)).toEqual([third.json().id]);
    expect(
      (await call('GET', '/vouchers/sales-order', tenant.user.token)).json().items.map((v: { voucher_number: string }) => v.voucher_number),
    ).toEqual(['ORD/2526/00003', 'SO/2526/00002', 'SO/2526/00001']);
    expect((await call('GET', `/vouchers/sales/${first.json().id}`, tenant.user.token)).statusCode).toBe(404);

    expect(
      (await call('POST', `/vouchers/sales-order/${first.json().id}/cancel`, tenant.user.token, { reason: 'Customer withdrew' }))
        .statusCode,
    ).toBe(403);
    const cancelled = await call('POST', `/vouchers/sales-order/${first.json().id}/cancel`, tenant.admin.token, {
      reason: 'Customer withdrew',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancel_reason: 'Customer withdrew' });
    const emailed = await call('POST', `/vouchers/sales-order/${third.json().id}/email`, tenant.user.token, {});
    expect(emailed.json()).toMatchObject({ email_status: 'queued', email_to: 'buyer@example.test' });

    const dashboard = (await call('GET', '/dashboard', tenant.user.token)).json();
    // A line per registered type, in registration order: the order's last, every other at nothing.
    expect(dashboard.by_type.at(-1)).toEqual({ voucher_type: 'sales-order', label: 'Sales orders', total: '5600.00', count: 2 });
    expect(dashboard.by_type.slice(0, 2)).toEqual([
      { voucher_type: 'sales', label: 'Sales vouchers', total: '0.00', count: 0 },
      { voucher_type: 'purchase', label: 'Purchase vouchers', total: '0.00', count: 0 },
    ]);
    expect(dashboard.by_type.slice(0, -1).every((line: { count: number }) => line.count === 0)).toBe(true);
    // Orders are neither sales nor purchases.
    expect([dashboard.sales, dashboard.purchases]).toEqual([
      { total: '0.00', count: 0 },
      { total: '0.00', count: 0 },
    ]);
    expect(dashboard.daily[19]).toEqual({ date: '2025-06-20', sales: '0.00', purchases: '0.00', by_type: { 'sales-order': '5600.00' } });

    const actions = (await ownerDb(t.deps.handle).select().from(auditEvents).where(eq(auditEvents.organizationId, tenant.org.id)))
      .filter((e) => e.targetType === 'voucher')
      .map((e) => `${e.action} ${(e.details as { voucher_type: string }).voucher_type}`);
    expect(actions.sort()).toEqual([
      'voucher.cancelled sales-order',
      'voucher.created sales-order',
      'voucher.created sales-order',
      'voucher.created sales-order',
      'voucher.email_queued sales-order',
    ]);
  });
});
