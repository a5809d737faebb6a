import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voucherTypes } from '@tritiq/contracts';
import { adjustStock, createCustomer, createProduct, createVendor, postVoucher } from '../../test/business';
import { bearer, createTenant, createUser, tokenFor } from '../../test/factories';
import { buildTestApp, TestClock, type TestApp } from '../../test/harness';

let t: TestApp;
beforeAll(async () => {
  // 20 June 2025, noon in India: "this month" is 1 to 20 June.
  t = await buildTestApp({ clock: new TestClock(new Date('2025-06-20T06:30:00Z')), env: { AUTH_RATE_LIMIT_MAX: '100000' } });
});
afterAll(() => t.close());

const get = (url: string, token: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: bearer(token) });

async function posted(type: 'sales' | 'purchase', token: string, payload: Record<string, unknown>) {
  const res = await postVoucher(t, token, type, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; voucher_number: string; grand_total: string };
}

describe('organisation dashboard', () => {
  it("sums this month's active vouchers per day, counts masters, lists low stock and the latest vouchers, for its own organisation only", async () => {
    const a = await createTenant(t.deps, { stateCode: '27' });
    const b = await createTenant(t.deps, { stateCode: '27' });
    const customer = await createCustomer(t, a.user.token, { state_code: '27' });
    await createCustomer(t, a.user.token, { state_code: '29' });
    const vendor = await createVendor(t, a.user.token, { state_code: '27' });
    const widget = await createProduct(t, a.user.token, { unit_price: '500.00', gst_rate: '18', reorder_level: '5' });
    const bolt = await createProduct(t, a.user.token, { unit_price: '10.00', gst_rate: '0', reorder_level: '0' });
    await adjustStock(t, a.admin.token, bolt.id, '100');

    // 10 x 500 + 18 % = 5900.00, bought on 2 June; stock 10.
    const purchase = await posted('purchase', a.user.token, {
      vendor_id: vendor.id,
      date: '2025-06-02',
      items: [{ product_id: widget.id, quantity: 10 }],
    });
    // 6 x 500 + 18 % = 3540.00 sold on 10 June; stock 4, below the reorder level of 5.
    const sale = await posted('sales', a.user.token, {
      customer_id: customer.id,
      date: '2025-06-10',
      items: [{ product_id: widget.id, quantity: 6 }],
    });
    // 3 x 10.00 = 30.00 on 10 June, and one in May that is not this month's.
    await posted('sales', a.user.token, { customer_id: customer.id, date: '2025-06-10', items: [{ product_id: bolt.id, quantity: 3 }] });
    await posted('sales', a.user.token, { customer_id: customer.id, date: '2025-05-31', items: [{ product_id: bolt.id, quantity: 1 }] });
    // A cancelled sale counts for nothing.
    const cancelled = await posted('sales', a.user.token, {
      customer_id: customer.id,
      date: '2025-06-11',
      items: [{ product_id: bolt.id, quantity: 2 }],
    });
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/sales/${cancelled.id}/cancel`,
      headers: bearer(a.admin.token),
      payload: { reason: 'Duplicate' },
    });
    expect(cancel.statusCode).toBe(200);

    // Organisation B trades too; none of it may show in A's dashboard.
    const bCustomer = await createCustomer(t, b.user.token, { state_code: '27' });
    const bProduct = await createProduct(t, b.user.token, { unit_price: '999.00', gst_rate: '0', reorder_level: '50' });
    await adjustStock(t, b.admin.token, bProduct.id, '10');
    await posted('sales', b.user.token, {
      customer_id: bCustomer.id,
      date: '2025-06-12',
      items: [{ product_id: bProduct.id, quantity: 1 }],
    });

    const res = await get('/dashboard', a.user.token);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.month).toEqual({ from: '2025-06-01', to: '2025-06-20' });
    expect(body.sales).toEqual({ total: '3570.00', count: 2 });
    expect(body.purchases).toEqual({ total: purchase.grand_total, count: 1 });
    expect(purchase.grand_total).toBe('5900.00');
    expect(body.daily).toHaveLength(20);
    expect(body.daily[1]).toEqual({ date: '2025-06-02', sales: '0.00', purchases: '5900.00', by_type: { purchase: '5900.00' } });
    expect(body.daily[9]).toEqual({ date: '2025-06-10', sales: '3570.00', purchases: '0.00', by_type: { sales: '3570.00' } });
    expect(body.daily[10]).toEqual({ date: '2025-06-11', sales: '0.00', purchases: '0.00', by_type: {} });
    // Every type counts under its own name (a type that is not a sale is not a purchase).
    // Every registered type is listed, in registration order; those with no voucher yet at zero.
    expect(body.by_type).toEqual(
      voucherTypes().map((def) =>
        def.type === 'sales'
          ? { voucher_type: 'sales', label: 'Sales vouchers', total: '3570.00', count: 2 }
          : def.type === 'purchase'
            ? { voucher_type: 'purchase', label: 'Purchase vouchers', total: '5900.00', count: 1 }
            : { voucher_type: def.type, label: def.pluralLabel, total: '0.00', count: 0 },
      ),
    );
    expect(body.counts).toEqual({ customers: 2, vendors: 1, products: 2 });
    expect(body.low_stock).toEqual({
      count: 1,
      items: [{ product_id: widget.id, product_name: widget.name, unit: 'PCS', quantity: '4.000', reorder_level: '5.000' }],
    });
    expect(body.latest_vouchers).toHaveLength(5);
    expect(body.latest_vouchers[0]).toMatchObject({ id: cancelled.id, status: 'cancelled', voucher_type: 'sales' });
    expect(body.latest_vouchers.map((v: { id: string }) => v.id)).toContain(sale.id);
    expect(JSON.stringify(body)).not.toContain(bProduct.id);

    const other = (await get('/dashboard', b.orgAdmin.token)).json();
    expect(other.sales).toEqual({ total: '999.00', count: 1 });
    expect(other.purchases).toEqual({ total: '0.00', count: 0 });
    expect(other.counts).toEqual({ customers: 1, vendors: 0, products: 1 });
    expect(other.low_stock.items.map((i: { product_id: string }) => i.product_id)).toEqual([bProduct.id]);
    expect(other.latest_vouchers).toHaveLength(1);
  });

  it('an organisation with nothing yet gets zeros and empty lists', async () => {
    const c = await createTenant(t.deps);
    const body = (await get('/dashboard', c.user.token)).json();
    expect(body).toMatchObject({
      sales: { total: '0.00', count: 0 },
      purchases: { total: '0.00', count: 0 },
      counts: { customers: 0, vendors: 0, products: 0 },
      low_stock: { count: 0, items: [] },
      latest_vouchers: [],
    });
  });
});

describe('admin dashboard and platform users', () => {
  it('counts organisations by status, active users and failed logins of the last day', async () => {
    const superToken = await tokenFor(t.deps, await createUser(t.deps, { role: 'super_admin' }));
    const before = (await get('/admin/dashboard', superToken)).json();
    const tenant = await createTenant(t.deps);
    const suspended = await createTenant(t.deps);
    const suspend = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organizations/${suspended.org.id}/suspend`,
      headers: bearer(superToken),
      payload: { reason: 'Unpaid' },
    });
    expect(suspend.statusCode).toBe(200);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: tenant.user.email, password: 'Not-the-Passw0rd!' },
    });
    expect(wrong.statusCode).toBe(401);

    const res = await get('/admin/dashboard', superToken);
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(after.organizations.total).toBe(before.organizations.total + 2);
    expect(after.organizations.by_status.active).toBe(before.organizations.by_status.active + 1);
    expect(after.organizations.by_status.suspended).toBe(before.organizations.by_status.suspended + 1);
    // Suspension does not deactivate accounts; the three of each new tenant are active.
    expect(after.active_users).toBe(before.active_users + 6);
    expect(after.failed_logins_last_day).toBe(before.failed_logins_last_day + 1);
    expect(after.email).toMatchObject({ configured: false, outbox_depth: expect.any(Number) });
    expect(after.email.problems.join(' ')).toContain('SMTP_HOST');
  });

  it("lists every user with its organisation's name, searchable and filterable by organisation", async () => {
    const superToken = await tokenFor(t.deps, await createUser(t.deps, { role: 'super_admin' }));
    const tenant = await createTenant(t.deps);
    const res = await get(`/admin/users?organization_id=${tenant.org.id}`, superToken);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.total).toBe(3);
    expect(page.items.map((u: { email: string }) => u.email).sort()).toEqual(
      [tenant.orgAdmin.email, tenant.admin.email, tenant.user.email].sort(),
    );
    expect(page.items[0]).toMatchObject({ organization_id: tenant.org.id, organization_name: tenant.org.name });
    expect(page.items[0]).not.toHaveProperty('password_hash');

    const searched = (await get(`/admin/users?search=${encodeURIComponent(tenant.admin.email)}`, superToken)).json();
    expect(searched.items.map((u: { id: string }) => u.id)).toEqual([tenant.admin.id]);

    const bad = await get('/admin/users?organization_id=nope', superToken);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toContain('organization_id');
  });
});
