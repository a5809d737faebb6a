import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStock, apiCaller, createCustomer, createProduct, postVoucher, uniqueName } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27' });
});
afterAll(() => t.close());

const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(t)(...args);

describe('products', () => {
  it('creates a product with zero stock, upper-cased unit and canonical amounts', async () => {
    const res = await call('POST', '/products', tenant.user.token, {
      name: 'Steel bracket',
      part_number: 'SB-100',
      hsn_code: '0401',
      unit: 'pcs',
      unit_price: 120.5,
      gst_rate: 18,
      is_gst_inclusive: false,
      reorder_level: '25',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Steel bracket',
      part_number: 'SB-100',
      hsn_code: '0401',
      unit: 'PCS',
      unit_price: '120.50',
      gst_rate: '18.00',
      reorder_level: '25.000',
      quantity_on_hand: '0.000',
      is_active: true,
    });
  });

  it.each([
    [{ unit_price: '10.005' }, 'unit_price', 'must have at most 2 decimal places'],
    [{ unit_price: -1 }, 'unit_price', 'must be at least 0'],
    [{ unit_price: '1e3' }, 'unit_price', 'must be a decimal number such as 12.50'],
    [{ gst_rate: 17 }, 'gst_rate', 'must be one of the GST rates'],
    [{ hsn_code: '12345' }, 'hsn_code', 'must be 4, 6 or 8 digits'],
    [{ unit: 'pieces of eight' }, 'unit', 'must be a unit code'],
    [{ reorder_level: '1.2345' }, 'reorder_level', 'must have at most 3 decimal places'],
  ])('refuses %j naming %s', async (fields, field, message) => {
    const res = await call('POST', '/products', tenant.user.token, { name: uniqueName('Bad'), unit: 'PCS', unit_price: '1.00', ...fields });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.find((e: { field: string }) => e.field === field)?.message).toContain(message);
  });

  it('name and part number are unique per organisation: 409 naming the field', async () => {
    const first = await createProduct(t, tenant.user.token, { part_number: uniqueName('PN') });
    const byName = await call('POST', '/products', tenant.user.token, { name: first.name, unit: 'PCS', unit_price: '1.00' });
    expect(byName.statusCode).toBe(409);
    expect(byName.json().errors).toEqual([{ field: 'name', message: `A product named "${first.name}" already exists` }]);
    const byPart = await call('POST', '/products', tenant.user.token, {
      name: uniqueName('P'),
      part_number: String(first.part_number).toLowerCase(),
      unit: 'PCS',
      unit_price: '1.00',
    });
    expect(byPart.statusCode).toBe(409);
    expect(byPart.json().errors[0].field).toBe('part_number');
  });

  it('updates fields; issued vouchers keep the name, HSN and price they printed', async () => {
    const product = await createProduct(t, tenant.user.token, { hsn_code: '8471', unit_price: '50.00' });
    await adjustStock(t, tenant.admin.token, product.id, '2');
    const customer = await createCustomer(t, tenant.user.token);
    const voucher = (
      await postVoucher(t, tenant.user.token, 'sales', {
        customer_id: customer.id,
        date: '2025-06-01',
        items: [{ product_id: product.id, quantity: 1 }],
      })
    ).json();
    const renamed = await call('PUT', `/products/${product.id}`, tenant.user.token, {
      name: `${product.name} v2`,
      hsn_code: '847130',
      unit_price: '60.00',
    });
    expect(renamed.json()).toMatchObject({
      name: `${product.name} v2`,
      hsn_code: '847130',
      unit_price: '60.00',
      quantity_on_hand: '1.000',
    });
    const printed = (await call('GET', `/vouchers/sales/${voucher.id}`, tenant.user.token)).json();
    expect(printed.items[0]).toMatchObject({ product_name: product.name, hsn_code: '8471', unit_price: '50.00' });
    expect((await call('DELETE', `/products/${product.id}`, tenant.admin.token)).statusCode).toBe(409);
    expect((await call('PUT', `/products/${product.id}`, tenant.user.token, { is_active: false })).statusCode).toBe(403);
    expect((await call('PUT', `/products/${product.id}`, tenant.admin.token, { is_active: false })).json().is_active).toBe(false);
    const refused = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-06-01',
      items: [{ product_id: product.id, quantity: 1 }],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ field: 'items.0.product_id', message: expect.stringContaining('deactivated') });
  });

  it('deletes a product nothing refers to', async () => {
    const product = await createProduct(t, tenant.user.token);
    expect((await call('DELETE', `/products/${product.id}`, tenant.admin.token)).statusCode).toBe(200);
    expect((await call('GET', `/products/${product.id}`, tenant.user.token)).statusCode).toBe(404);
  });

  it('lists by name with search on part number and HSN', async () => {
    const org = await createTenant(t.deps);
    await createProduct(t, org.user.token, { name: 'Zinc plate', hsn_code: '7907' });
    await createProduct(t, org.user.token, { name: 'Anchor bolt', part_number: 'AB-9' });
    const all = (await call('GET', '/products', org.user.token)).json();
    expect(all.items.map((p: { name: string }) => p.name)).toEqual(['Anchor bolt', 'Zinc plate']);
    expect((await call('GET', '/products?search=7907', org.user.token)).json().items).toHaveLength(1);
    expect((await call('GET', '/products?search=ab-', org.user.token)).json().items[0].name).toBe('Anchor bolt');
  });
});

describe('stock', () => {
  it('adjusts with a reason (admins), keeps a ledger with running balances, and flags low stock', async () => {
    const org = await createTenant(t.deps, { stateCode: '27' });
    const product = await createProduct(t, org.user.token, { name: 'Washer', reorder_level: '5' });
    const other = await createProduct(t, org.user.token, { name: 'Gasket', reorder_level: '0' });
    await adjustStock(t, org.admin.token, other.id, '10');
    expect(
      (await call('POST', '/stock/adjustments', org.user.token, { product_id: product.id, quantity_change: 3, reason: 'Found' }))
        .statusCode,
    ).toBe(403);
    const res = await call('POST', '/stock/adjustments', org.orgAdmin.token, {
      product_id: product.id,
      quantity_change: '7.5',
      reason: 'Opening stock',
      date: '2025-04-01',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      previous_quantity: '0.000',
      quantity_change: '7.500',
      new_quantity: '7.500',
      date: '2025-04-01',
      reason: 'Opening stock',
    });
    await call('POST', '/stock/adjustments', org.admin.token, {
      product_id: product.id,
      quantity_change: -3,
      reason: 'Damaged in transit',
    });

    const refused = await call('POST', '/stock/adjustments', org.admin.token, {
      product_id: product.id,
      quantity_change: -5,
      reason: 'Count',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      detail: 'Not enough stock of "Washer": 4.500 PCS on hand, 5.000 PCS needed',
      errors: [{ field: 'quantity_change' }],
    });

    const ledger = (await call('GET', `/stock/${product.id}/ledger?order=asc`, org.user.token)).json();
    expect(ledger).toMatchObject({ product_name: 'Washer', quantity: '4.500' });
    expect(
      ledger.items.map(
        (m: { seq: number; quantity_in: string; quantity_out: string; balance_after: string; source: string; reason: string }) => [
          m.seq,
          m.quantity_in,
          m.quantity_out,
          m.balance_after,
          m.source,
          m.reason,
        ],
      ),
    ).toEqual([
      [1, '7.500', '0.000', '7.500', 'adjustment', 'Opening stock'],
      [2, '0.000', '3.000', '4.500', 'adjustment', 'Damaged in transit'],
    ]);
    const paged = (await call('GET', `/stock/${product.id}/ledger?limit=1`, org.user.token)).json();
    expect(paged.items[0].seq).toBe(2);
    expect((await call('GET', `/stock/${product.id}/ledger?limit=1&cursor=${paged.next_cursor}`, org.user.token)).json().items[0].seq).toBe(
      1,
    );

    const stock = (await call('GET', '/stock', org.user.token)).json();
    expect(
      stock.items.map((s: { product_name: string; quantity: string; is_low_stock: boolean }) => [
        s.product_name,
        s.quantity,
        s.is_low_stock,
      ]),
    ).toEqual([
      ['Gasket', '10.000', false],
      ['Washer', '4.500', true],
    ]);
    expect(
      (await call('GET', '/stock?low_stock_only=true', org.user.token)).json().items.map((s: { product_name: string }) => s.product_name),
    ).toEqual(['Washer']);
  });

  it.each([
    [{ quantity_change: 0, reason: 'Nothing' }, 'quantity_change'],
    [{ quantity_change: '1.0001', reason: 'Too precise' }, 'quantity_change'],
    [{ quantity_change: 1, reason: 'x' }, 'reason'],
    [{ quantity_change: 1, reason: 'Bad date', date: '2025-02-30' }, 'date'],
  ])('refuses adjustment %j naming %s', async (fields, field) => {
    const product = await createProduct(t, tenant.user.token);
    const res = await call('POST', '/stock/adjustments', tenant.admin.token, { product_id: product.id, ...fields });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('an unknown product is 422 on product_id for an adjustment and 404 for a ledger', async () => {
    const missing = '0190f0f0-0000-7000-8000-0000000000aa';
    const adj = await call('POST', '/stock/adjustments', tenant.admin.token, { product_id: missing, quantity_change: 1, reason: 'Ghost' });
    expect(adj.statusCode).toBe(422);
    expect(adj.json().errors[0].field).toBe('product_id');
    expect((await call('GET', `/stock/${missing}/ledger`, tenant.user.token)).statusCode).toBe(404);
  });
});
