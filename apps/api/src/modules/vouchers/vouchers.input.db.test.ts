import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations, vouchers } from '../../db/schema';
import { adjustStock, createCustomer, createProduct, createVendor, postVoucher } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { ownerDb } from '../../test/test-db';

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let other: Awaited<ReturnType<typeof createTenant>>;
let customer: { id: string };
let product: { id: string };
let foreign: { customer: { id: string }; product: { id: string } };

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27' });
  other = await createTenant(t.deps, { stateCode: '27' });
  customer = await createCustomer(t, tenant.user.token);
  product = await createProduct(t, tenant.user.token);
  await adjustStock(t, tenant.admin.token, product.id, '100000');
  foreign = { customer: await createCustomer(t, other.user.token), product: await createProduct(t, other.user.token) };
});
afterAll(() => t.close());

const valid = () => ({ customer_id: customer.id, date: '2025-06-01', items: [{ product_id: product.id, quantity: 1 }] });
const line = (fields: object) => ({ ...valid(), items: [{ product_id: product.id, quantity: 1, ...fields }] });

describe('bad voucher input answers 4xx naming the field, never 500, and posts nothing', () => {
  const cases: [string, () => object, number, string, RegExp?][] = [
    ['an unknown customer', () => ({ ...valid(), customer_id: '0190f0f0-0000-7000-8000-000000000001' }), 422, 'customer_id', /No customer/],
    ["another organisation's customer", () => ({ ...valid(), customer_id: foreign.customer.id }), 422, 'customer_id', /No customer/],
    [
      "another organisation's product",
      () => ({ ...valid(), items: [{ product_id: foreign.product.id, quantity: 1 }] }),
      422,
      'items.0.product_id',
    ],
    ['a customer id that is not a UUID', () => ({ ...valid(), customer_id: 'abc' }), 422, 'customer_id', /UUID/],
    ['no customer', () => ({ date: '2025-06-01', items: valid().items }), 422, 'customer_id'],
    ['a zero quantity', () => line({ quantity: 0 }), 422, 'items.0.quantity', /greater than 0/],
    ['a negative quantity', () => line({ quantity: -2 }), 422, 'items.0.quantity', /greater than 0/],
    ['a quantity with 4 decimals', () => line({ quantity: '1.0005' }), 422, 'items.0.quantity', /at most 3 decimal places/],
    ['a quantity that is text', () => line({ quantity: 'ten' }), 422, 'items.0.quantity', /decimal number/],
    ['a quantity of 10^11', () => line({ quantity: '100000000000' }), 422, 'items.0.quantity', /digits before/],
    ['a discount over 100 %', () => line({ discount_percentage: '100.01' }), 422, 'items.0.discount_percentage', /at most 100/],
    ['a negative discount', () => line({ discount_percentage: -5 }), 422, 'items.0.discount_percentage', /at least 0/],
    ['a negative unit price', () => line({ unit_price: '-1.00' }), 422, 'items.0.unit_price', /at least 0/],
    ['a unit price in tenths of paise', () => line({ unit_price: '1.005' }), 422, 'items.0.unit_price', /2 decimal places/],
    ['a GST rate that is no GST rate', () => line({ gst_rate: 17 }), 422, 'items.0.gst_rate', /GST rates/],
    ['no items', () => ({ ...valid(), items: [] }), 422, 'items', /at least one line/],
    ['items that are not a list', () => ({ ...valid(), items: 'all of them' }), 422, 'items'],
    ['a date that is not a date', () => ({ ...valid(), date: '2025-02-30' }), 422, 'date', /calendar date/],
    ['a date in words', () => ({ ...valid(), date: 'yesterday' }), 422, 'date', /calendar date/],
    ['a date as a number', () => ({ ...valid(), date: 20250601 }), 422, 'date'],
    ['a date out of range', () => ({ ...valid(), date: '1999-12-31' }), 422, 'date', /between/],
    ['no date at all', () => ({ customer_id: customer.id, items: valid().items }), 422, 'date', /required/],
    ['date and voucher_date that differ', () => ({ ...valid(), voucher_date: '2025-06-02' }), 422, 'voucher_date'],
    ['a due date before the voucher date', () => ({ ...valid(), due_date: '2025-05-01' }), 422, 'due_date'],
    ['a place of supply that is no state', () => ({ ...valid(), place_of_supply: '99' }), 422, 'place_of_supply', /01-38 or 97/],
    [
      '1,000 lines (the documented limit is 500)',
      () => ({ ...valid(), items: Array.from({ length: 1000 }, () => ({ product_id: product.id, quantity: 1 })) }),
      422,
      'items',
      /at most 500 lines/,
    ],
  ];

  it.each(cases)('%s', async (_name, body, status, field, message) => {
    const before = await ownerDb(t.deps.handle)
      .select({ id: vouchers.id })
      .from(vouchers)
      .where(eq(vouchers.organizationId, tenant.org.id));
    const res = await postVoucher(t, tenant.user.token, 'sales', body() as Record<string, unknown>);
    expect(res.statusCode).toBe(status);
    const error = res.json();
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', request_id: expect.any(String) });
    const named = error.errors.find((e: { field: string }) => e.field === field);
    expect(named, JSON.stringify(error.errors)).toBeDefined();
    if (message) expect(named.message).toMatch(message);
    const after = await ownerDb(t.deps.handle).select({ id: vouchers.id }).from(vouchers).where(eq(vouchers.organizationId, tenant.org.id));
    expect(after).toHaveLength(before.length);
  });

  it('a vendor is not a customer (and vice versa)', async () => {
    const vendor = await createVendor(t, tenant.user.token);
    const asCustomer = await postVoucher(t, tenant.user.token, 'sales', { ...valid(), customer_id: vendor.id });
    expect(asCustomer.statusCode).toBe(422);
    const asVendor = await postVoucher(t, tenant.user.token, 'purchase', {
      vendor_id: customer.id,
      date: '2025-06-01',
      items: valid().items,
    });
    expect(asVendor.statusCode).toBe(422);
    expect(asVendor.json().errors[0]).toMatchObject({ field: 'vendor_id', message: 'No vendor with this id in your organisation' });
  });

  it('500 lines, the limit, are accepted', async () => {
    const res = await postVoucher(t, tenant.user.token, 'sales', {
      ...valid(),
      items: Array.from({ length: 500 }, () => ({ product_id: product.id, quantity: 1 })),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ line_count: 500, taxable_amount: '50000.00', grand_total: '59000.00' });
  });

  it('a body that is not JSON is 400; a missing body 422', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/vouchers/sales',
      headers: { authorization: `Bearer ${tenant.user.token}`, 'content-type': 'application/json' },
      payload: '{"customer_id": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ detail: 'Request body is not valid JSON' });
  });

  it('an organisation without a GST state code is told to complete its profile', async () => {
    const bare = await createTenant(t.deps);
    await ownerDb(t.deps.handle).update(organizations).set({ stateCode: null }).where(eq(organizations.id, bare.org.id));
    const c = await createCustomer(t, bare.user.token);
    const p = await createProduct(t, bare.user.token);
    const res = await postVoucher(t, bare.user.token, 'sales', {
      customer_id: c.id,
      date: '2025-06-01',
      items: [{ product_id: p.id, quantity: 1 }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'COMPANY_PROFILE_INCOMPLETE', detail: expect.stringContaining('state code') });
  });

  it('send_email to a customer without an email is 422 and posts nothing', async () => {
    const silent = await createCustomer(t, tenant.user.token, { email: null });
    const res = await postVoucher(t, tenant.user.token, 'sales', { ...valid(), customer_id: silent.id, send_email: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/has no email address/);
    const rows = await ownerDb(t.deps.handle).select().from(vouchers).where(eq(vouchers.partyId, silent.id));
    expect(rows).toEqual([]);
  });
});
