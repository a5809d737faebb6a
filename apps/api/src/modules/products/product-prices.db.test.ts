import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStock, apiCaller, createCustomer, createProduct, createVendor, postVoucher, uniqueName } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

/**
 * A product's purchase and sale prices (issue 14, item 10): each voucher type's lines start at the
 * price its definition names, and clients that still send and read `unit_price` keep working.
 */
let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let other: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27' });
  other = await createTenant(t.deps, { stateCode: '27' });
});
afterAll(() => t.close());

const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(t)(...args);

describe('product prices', () => {
  it('keeps a purchase and a sale price; unit_price answers the sale price', async () => {
    const res = await call('POST', '/products', tenant.user.token, {
      name: uniqueName('Two prices'),
      unit: 'PCS',
      purchase_price: '80',
      sale_price: '125.5',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ purchase_price: '80.00', sale_price: '125.50', unit_price: '125.50' });
    const id = res.json().id as string;
    const changed = await call('PUT', `/products/${id}`, tenant.user.token, { purchase_price: '82.25' });
    expect(changed.json()).toMatchObject({ purchase_price: '82.25', sale_price: '125.50' });
    const stock = await call('GET', `/stock?search=${encodeURIComponent(res.json().name as string)}`, tenant.user.token);
    expect(stock.json().items[0]).toMatchObject({ purchase_price: '82.25', sale_price: '125.50', unit_price: '125.50' });
  });

  it('takes unit_price from older clients: both prices on creation, the sale price on update', async () => {
    const created = await createProduct(t, tenant.user.token, { unit_price: '99.00' });
    expect(created).toMatchObject({ purchase_price: '99.00', sale_price: '99.00', unit_price: '99.00' });
    const res = await call('PUT', `/products/${created.id}`, tenant.user.token, { unit_price: '110' });
    expect(res.json()).toMatchObject({ purchase_price: '99.00', sale_price: '110.00' });
    const onlySale = await call('POST', '/products', tenant.user.token, { name: uniqueName('Sale only'), unit: 'PCS', sale_price: '7' });
    expect(onlySale.json()).toMatchObject({ purchase_price: '7.00', sale_price: '7.00' });
  });

  it('refuses a product without a sale price, naming the field', async () => {
    const res = await call('POST', '/products', tenant.user.token, { name: uniqueName('No price'), unit: 'PCS', purchase_price: '5' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'sale_price', message: 'is required' }]);
    const negative = await call('POST', '/products', tenant.user.token, {
      name: uniqueName('Bad'),
      unit: 'PCS',
      sale_price: '1',
      purchase_price: -1,
    });
    expect(negative.statusCode).toBe(422);
    expect(negative.json().errors[0].field).toBe('purchase_price');
  });

  it('a sales line defaults to the sale price, a purchase line to the purchase price', async () => {
    const product = await createProduct(t, tenant.user.token, { purchase_price: '60.00', sale_price: '100.00', gst_rate: '0' });
    const vendor = await createVendor(t, tenant.user.token);
    const customer = await createCustomer(t, tenant.user.token);
    const purchase = await postVoucher(t, tenant.user.token, 'purchase', {
      vendor_id: vendor.id,
      date: '2026-11-02',
      items: [{ product_id: product.id, quantity: 2 }],
    });
    expect(purchase.statusCode).toBe(201);
    expect(purchase.json().items[0]).toMatchObject({ unit_price: '60.00' });
    expect(purchase.json().grand_total).toBe('120.00');
    const sale = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date: '2026-11-03',
      items: [{ product_id: product.id, quantity: 1 }],
    });
    expect(sale.statusCode).toBe(201);
    expect(sale.json().items[0]).toMatchObject({ unit_price: '100.00' });
  });
});

describe('last rates to a party', () => {
  it('answers the latest active rate per product to this party, not another party’s nor a cancelled one', async () => {
    const [a, b, unbilled] = await Promise.all([
      createProduct(t, tenant.user.token, { sale_price: '100.00' }),
      createProduct(t, tenant.user.token, { sale_price: '50.00' }),
      createProduct(t, tenant.user.token, { sale_price: '10.00' }),
    ]);
    for (const p of [a, b]) await adjustStock(t, tenant.admin.token, p.id, '100');
    const customer = await createCustomer(t, tenant.user.token);
    const someoneElse = await createCustomer(t, tenant.user.token);
    const sell = async (party: string, date: string, items: object[]) => {
      const res = await postVoucher(t, tenant.user.token, 'sales', { customer_id: party, date, items });
      expect(res.statusCode).toBe(201);
      return res.json() as { id: string; voucher_number: string };
    };
    await sell(customer.id, '2026-11-02', [{ product_id: a.id, quantity: 1, unit_price: '95.00' }]);
    const later = await sell(customer.id, '2026-11-20', [
      { product_id: a.id, quantity: 1, unit_price: '97.50', discount_percentage: '2' },
      { product_id: b.id, quantity: 1, unit_price: '48.00' },
    ]);
    await sell(someoneElse.id, '2026-11-25', [{ product_id: a.id, quantity: 1, unit_price: '80.00' }]);
    const cancelled = await sell(customer.id, '2026-11-28', [{ product_id: b.id, quantity: 1, unit_price: '40.00' }]);
    const cancel = await call('POST', `/vouchers/sales/${cancelled.id}/cancel`, tenant.orgAdmin.token, { reason: 'Wrong rate' });
    expect(cancel.statusCode).toBe(200);

    const res = await call(
      'GET',
      `/vouchers/sales/last-rates?party_id=${customer.id}&product_ids=${a.id},${b.id},${unbilled.id}`,
      tenant.user.token,
    );
    expect(res.statusCode).toBe(200);
    const byProduct = Object.fromEntries((res.json().items as { product_id: string }[]).map((i) => [i.product_id, i]));
    expect(Object.keys(byProduct).sort()).toEqual([a.id, b.id].sort());
    expect(byProduct[a.id]).toMatchObject({
      unit_price: '97.50',
      discount_percentage: '2.00',
      voucher_id: later.id,
      voucher_number: later.voucher_number,
      voucher_date: '2026-11-20',
    });
    expect(byProduct[b.id]).toMatchObject({ unit_price: '48.00', voucher_id: later.id });

    const purchases = await call('GET', `/vouchers/purchase/last-rates?party_id=${customer.id}&product_ids=${a.id}`, tenant.user.token);
    expect(purchases.statusCode).toBe(404);
  });

  it('is the organisation’s own: another organisation’s party is 404, its products answer nothing', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const theirs = await createProduct(t, other.user.token);
    const res = await call('GET', `/vouchers/sales/last-rates?party_id=${customer.id}&product_ids=${theirs.id}`, other.orgAdmin.token);
    expect(res.statusCode).toBe(404);
    const mine = await call('GET', `/vouchers/sales/last-rates?party_id=${customer.id}&product_ids=${theirs.id}`, tenant.user.token);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toEqual([]);
  });

  it.each([
    ['party_id=nope&product_ids=01a00000-0000-7000-8000-00000000000a', 'party_id', 'must be a UUID'],
    ['party_id=01a00000-0000-7000-8000-00000000000a&product_ids=x,y', 'product_ids', 'must be a product UUID'],
    ['party_id=01a00000-0000-7000-8000-00000000000a&product_ids=', 'product_ids', 'must name at least one product'],
  ])('refuses %s naming %s', async (query, field, message) => {
    const res = await call('GET', `/vouchers/sales/last-rates?${query}`, tenant.user.token);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.find((e: { field: string }) => e.field.startsWith(`query.${field}`))?.message).toContain(message);
  });
});
