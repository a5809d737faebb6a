import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStock, apiCaller, createCustomer, createProduct, postVoucher } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, TestClock, type TestApp } from '../../test/harness';

let t: TestApp;
beforeAll(async () => {
  // 20 June 2025, noon in India.
  t = await buildTestApp({ clock: new TestClock(new Date('2025-06-20T06:30:00Z')) });
});
afterAll(() => t.close());

describe('the dating window of vouchers and stock adjustments', () => {
  it('refuses a date before the books start or past the days ahead, naming `date`, and consumes no number', async () => {
    const call = apiCaller(t);
    const tenant = await createTenant(t.deps, { stateCode: '27', booksStartDate: '2025-04-01' });
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    await adjustStock(t, tenant.admin.token, product.id, '20');
    const sale = (date: string) =>
      postVoucher(t, tenant.user.token, 'sales', { customer_id: customer.id, date, items: [{ product_id: product.id, quantity: 1 }] });

    const early = await sale('2025-03-31');
    expect(early.statusCode).toBe(422);
    expect(early.json().errors).toEqual([
      { field: 'date', message: 'must be on or after 01/04/2025, when the books start (Settings, Preferences)' },
    ]);
    const ahead = await sale('2025-06-24');
    expect(ahead.statusCode).toBe(422);
    expect(ahead.json().errors).toEqual([
      { field: 'date', message: 'must not be more than 3 days ahead (23/06/2025 at the latest); the limit is in Settings, Preferences' },
    ]);
    expect((await sale('2025-04-01')).json().voucher_number).toBe('SV/2526/00001');
    expect((await sale('2025-06-23')).json().voucher_number).toBe('SV/2526/00002');

    const adjust = (date: string) =>
      call('POST', '/stock/adjustments', tenant.admin.token, { product_id: product.id, quantity_change: '1', reason: 'Count', date });
    expect((await adjust('2025-03-31')).json().errors[0]).toMatchObject({ field: 'date', message: expect.stringContaining('books start') });
    expect((await adjust('2025-06-24')).json().errors[0]).toMatchObject({
      field: 'date',
      message: expect.stringContaining('3 days ahead'),
    });
    expect((await adjust('2025-06-23')).statusCode).toBe(201);

    // Tightened to today: tomorrow is refused, in the organisation's own date format.
    const tightened = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, {
      max_days_ahead: 0,
      date_format: 'YYYY-MM-DD',
    });
    expect(tightened.statusCode).toBe(200);
    expect((await sale('2025-06-21')).json().errors).toEqual([
      { field: 'date', message: 'must not be after today (2025-06-20); the limit is in Settings, Preferences' },
    ]);
    expect((await adjust('2025-06-21')).statusCode).toBe(422);
    expect((await sale('2025-06-20')).json().voucher_number).toBe('SV/2526/00003');
  });
});
