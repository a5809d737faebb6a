import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema';
import {
  adjustStock,
  apiCaller,
  createCustomer,
  createProduct,
  createVendor,
  gstinFor,
  postVoucher,
  uniqueName,
} from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { ownerDb } from '../../test/test-db';

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27' });
});
afterAll(() => t.close());

const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(t)(...args);

describe('vendors and customers', () => {
  it('creates a customer, filling state and PAN from the GSTIN, and audits it', async () => {
    const res = await call('POST', '/customers', tenant.user.token, {
      name: '  Acme Industries ',
      contact_number: '+91 98200 12345',
      email: 'accounts@acme.example',
      address_line1: '12 MG Road',
      city: 'Pune',
      pin_code: '411001',
      gstin: '27aapfu0939f1zv',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      kind: 'customer',
      name: 'Acme Industries',
      gstin: '27AAPFU0939F1ZV',
      pan: 'AAPFU0939F',
      state_code: '27',
      state: 'Maharashtra',
      pin_code: '411001',
      is_active: true,
    });
    const [event] = await ownerDb(t.deps.handle)
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'customer.created'), eq(auditEvents.targetId, body.id)));
    expect(event).toMatchObject({ organizationId: tenant.org.id, actorEmail: tenant.user.email });
  });

  it.each([
    [{ gstin: '27AAPFU0939F1ZW' }, 'gstin', /check character/],
    [{ gstin: '27AAPFU0939F1ZV', state_code: '29' }, 'gstin', /state code is 29/],
    [{ gstin: '27AAPFU0939F1ZV', pan: 'AAGCB7383J' }, 'gstin', /PAN is AAGCB7383J/],
    [{ pan: 'AAPF0939F' }, 'pan', /10 characters|letters/],
    [{ pin_code: '04001' }, 'pin_code', /6 digits/],
    [{ state_code: '40' }, 'state_code', /01-38 or 97/],
    [{ email: 'not-an-email' }, 'email', /email/],
    [{ contact_number: 'call me' }, 'contact_number', /phone/],
    [{ name: '   ' }, 'name', /required/],
  ])('refuses %j naming %s', async (fields, field, message) => {
    const res = await call('POST', '/vendors', tenant.user.token, { name: uniqueName('Bad'), ...fields });
    expect(res.statusCode).toBe(422);
    const error = res.json().errors.find((e: { field: string }) => e.field === field);
    expect(error?.message).toMatch(message);
  });

  it('names are unique per organisation and kind, case-insensitively: 409', async () => {
    const name = uniqueName('Twin');
    await createVendor(t, tenant.user.token, { name });
    const clash = await call('POST', '/vendors', tenant.user.token, { name: name.toUpperCase() });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'name' }] });
    // The same business may be both a vendor and a customer.
    expect((await call('POST', '/customers', tenant.user.token, { name })).statusCode).toBe(201);
    const other = await createTenant(t.deps);
    expect((await call('POST', '/vendors', other.user.token, { name })).statusCode).toBe(201);
  });

  it('lists with search, active filter and keyset pagination by name', async () => {
    const org = await createTenant(t.deps);
    for (const name of ['Delta Metals', 'alpha Tools', 'Charlie Plastics', 'Bravo Chemicals']) {
      await createVendor(t, org.user.token, { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.test` });
    }
    const first = (await call('GET', '/vendors?limit=3', org.user.token)).json();
    expect(first.items.map((p: { name: string }) => p.name)).toEqual(['alpha Tools', 'Bravo Chemicals', 'Charlie Plastics']);
    const second = (await call('GET', `/vendors?limit=3&cursor=${first.next_cursor}`, org.user.token)).json();
    expect(second).toMatchObject({ items: [{ name: 'Delta Metals' }], next_cursor: null });
    expect((await call('GET', '/vendors?search=CHEM', org.user.token)).json().items.map((p: { name: string }) => p.name)).toEqual([
      'Bravo Chemicals',
    ]);
    expect((await call('GET', '/vendors?search=delta@', org.user.token)).json().items).toHaveLength(1);
    expect((await call('GET', '/vendors?search=%25', org.user.token)).json().items).toHaveLength(0);
    const bravo = first.items[1];
    const off = await call('PUT', `/vendors/${bravo.id}`, org.admin.token, { is_active: false });
    expect(off.json().is_active).toBe(false);
    expect((await call('GET', '/vendors', org.user.token)).json().items).toHaveLength(3);
    expect((await call('GET', '/vendors?active_only=false', org.user.token)).json().items).toHaveLength(4);
    expect((await call('GET', '/customers', org.user.token)).json().items).toHaveLength(0);
  });

  it('updates only what is sent, re-checks GSTIN consistency, and lets only admins (de)activate', async () => {
    const customer = await createCustomer(t, tenant.user.token, { gstin: gstinFor('27') });
    const edit = await call('PUT', `/customers/${customer.id}`, tenant.user.token, { city: 'Mumbai', email: null });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ city: 'Mumbai', email: null, gstin: customer.gstin, name: customer.name });
    const clash = await call('PUT', `/customers/${customer.id}`, tenant.user.token, { state_code: '29' });
    expect(clash.statusCode).toBe(422);
    expect(clash.json().errors[0]).toMatchObject({ field: 'gstin' });
    const byUser = await call('PUT', `/customers/${customer.id}`, tenant.user.token, { is_active: false });
    expect(byUser.statusCode).toBe(403);
    expect((await call('PUT', `/customers/${customer.id}`, tenant.user.token, { is_active: true })).statusCode).toBe(200);
    const byAdmin = await call('PUT', `/customers/${customer.id}`, tenant.orgAdmin.token, { is_active: false });
    expect(byAdmin.json().is_active).toBe(false);
    const events = await ownerDb(t.deps.handle).select().from(auditEvents).where(eq(auditEvents.targetId, customer.id));
    expect(events.map((e) => e.action).sort()).toEqual(['customer.created', 'customer.deactivated', 'customer.updated']);
    expect(events.find((e) => e.action === 'customer.updated')!.details).toMatchObject({ changes: { city: { from: null, to: 'Mumbai' } } });
  });

  it('deletes an unused party (admins only) and refuses one a voucher uses with 409', async () => {
    const unused = await createVendor(t, tenant.user.token);
    expect((await call('DELETE', `/vendors/${unused.id}`, tenant.user.token)).statusCode).toBe(403);
    expect((await call('DELETE', `/vendors/${unused.id}`, tenant.admin.token)).json()).toEqual({ id: unused.id, deleted: true });
    expect((await call('GET', `/vendors/${unused.id}`, tenant.user.token)).statusCode).toBe(404);

    const used = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    await adjustStock(t, tenant.admin.token, product.id, '1');
    await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: used.id,
      date: '2025-06-01',
      items: [{ product_id: product.id, quantity: 1 }],
    });
    const refused = await call('DELETE', `/customers/${used.id}`, tenant.admin.token);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'IN_USE', detail: expect.stringContaining('deactivate it instead') });
  });

  it('a vendor is not a customer: the other route answers 404', async () => {
    const vendor = await createVendor(t, tenant.user.token);
    expect((await call('GET', `/customers/${vendor.id}`, tenant.user.token)).statusCode).toBe(404);
    expect((await call('GET', `/vendors/${vendor.id}`, tenant.user.token)).statusCode).toBe(200);
  });
});
