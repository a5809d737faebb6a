import type { Role } from '@tritiq/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStock, createCustomer, createProduct, createVendor, postVoucher } from '../../test/business';
import { bearer, createTenant, createUser, tokenFor } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

/**
 * Who may call each route of masters, stock and vouchers (DOMAIN.md "Roles"): every organisation
 * role reads and creates masters and vouchers and edits masters; only admins (org_admin, admin)
 * delete or (de)activate masters, adjust stock and cancel vouchers. The super admin has no
 * organisation and gets 403 everywhere here. Another organisation's record is a 404.
 */

type Tenant = Awaited<ReturnType<typeof createTenant>>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface Target {
  url: string;
  body?: object;
}

interface Row {
  name: string;
  method: Method;
  /** Builds a fresh target in the organisation (mutating calls must not see each other's effects). */
  target: (org: Tenant) => Promise<Target>;
  allowed: readonly Role[];
  success: number;
  /** The call names a record by id: another organisation gets 404. */
  byId?: boolean;
}

const ALL: readonly Role[] = ['org_admin', 'admin', 'standard_user'];
const ADMINS: readonly Role[] = ['org_admin', 'admin'];

let t: TestApp;
let a: Tenant;
let b: Tenant;
let superToken: string;

async function stockedVoucher(org: Tenant, type: 'sales' | 'purchase') {
  const product = await createProduct(t, org.user.token);
  await adjustStock(t, org.admin.token, product.id, '10');
  const party = type === 'sales' ? await createCustomer(t, org.user.token) : await createVendor(t, org.user.token);
  const res = await postVoucher(t, org.user.token, type, {
    [type === 'sales' ? 'customer_id' : 'vendor_id']: party.id,
    date: '2025-06-01',
    items: [{ product_id: product.id, quantity: 1 }],
  });
  return res.json() as { id: string };
}

const rows: Row[] = [];
for (const [kind, path] of [
  ['vendor', '/vendors'],
  ['customer', '/customers'],
] as const) {
  const make = (org: Tenant) => (kind === 'vendor' ? createVendor(t, org.user.token) : createCustomer(t, org.user.token));
  rows.push(
    { name: `list ${kind}s`, method: 'GET', target: async () => ({ url: path }), allowed: ALL, success: 200 },
    {
      name: `create a ${kind}`,
      method: 'POST',
      target: async () => ({ url: path, body: { name: `New ${Math.random()}` } }),
      allowed: ALL,
      success: 201,
    },
    {
      name: `read a ${kind}`,
      method: 'GET',
      target: async (o) => ({ url: `${path}/${(await make(o)).id}` }),
      allowed: ALL,
      success: 200,
      byId: true,
    },
    {
      name: `edit a ${kind}`,
      method: 'PUT',
      target: async (o) => ({ url: `${path}/${(await make(o)).id}`, body: { city: 'Nashik' } }),
      allowed: ALL,
      success: 200,
      byId: true,
    },
    {
      name: `deactivate a ${kind}`,
      method: 'PUT',
      target: async (o) => ({ url: `${path}/${(await make(o)).id}`, body: { is_active: false } }),
      allowed: ADMINS,
      success: 200,
      byId: true,
    },
    {
      name: `delete a ${kind}`,
      method: 'DELETE',
      target: async (o) => ({ url: `${path}/${(await make(o)).id}` }),
      allowed: ADMINS,
      success: 200,
      byId: true,
    },
  );
}
rows.push(
  { name: 'list products', method: 'GET', target: async () => ({ url: '/products' }), allowed: ALL, success: 200 },
  {
    name: 'create a product',
    method: 'POST',
    target: async () => ({ url: '/products', body: { name: `P ${Math.random()}`, unit: 'PCS', unit_price: '1.00' } }),
    allowed: ALL,
    success: 201,
  },
  {
    name: 'read a product',
    method: 'GET',
    target: async (o) => ({ url: `/products/${(await createProduct(t, o.user.token)).id}` }),
    allowed: ALL,
    success: 200,
    byId: true,
  },
  {
    name: 'edit a product',
    method: 'PUT',
    target: async (o) => ({ url: `/products/${(await createProduct(t, o.user.token)).id}`, body: { unit_price: '2.00' } }),
    allowed: ALL,
    success: 200,
    byId: true,
  },
  {
    name: 'deactivate a product',
    method: 'PUT',
    target: async (o) => ({ url: `/products/${(await createProduct(t, o.user.token)).id}`, body: { is_active: false } }),
    allowed: ADMINS,
    success: 200,
    byId: true,
  },
  {
    name: 'delete a product',
    method: 'DELETE',
    target: async (o) => ({ url: `/products/${(await createProduct(t, o.user.token)).id}` }),
    allowed: ADMINS,
    success: 200,
    byId: true,
  },
  { name: 'list stock', method: 'GET', target: async () => ({ url: '/stock' }), allowed: ALL, success: 200 },
  {
    name: "read a product's stock ledger",
    method: 'GET',
    target: async (o) => ({ url: `/stock/${(await createProduct(t, o.user.token)).id}/ledger` }),
    allowed: ALL,
    success: 200,
    byId: true,
  },
  {
    name: 'adjust stock',
    method: 'POST',
    target: async (o) => ({
      url: '/stock/adjustments',
      body: { product_id: (await createProduct(t, o.user.token)).id, quantity_change: 1, reason: 'Count' },
    }),
    allowed: ADMINS,
    success: 201,
  },
);
for (const type of ['sales', 'purchase'] as const) {
  const base = `/vouchers/${type}`;
  rows.push(
    { name: `list ${type} vouchers`, method: 'GET', target: async () => ({ url: base }), allowed: ALL, success: 200 },
    {
      name: `preview the next ${type} number`,
      method: 'GET',
      target: async () => ({ url: `${base}/next-number?date=2025-06-01` }),
      allowed: ALL,
      success: 200,
    },
    {
      name: `create a ${type} voucher`,
      method: 'POST',
      target: async (o) => {
        const product = await createProduct(t, o.user.token);
        await adjustStock(t, o.admin.token, product.id, '5');
        const party = type === 'sales' ? await createCustomer(t, o.user.token) : await createVendor(t, o.user.token);
        return {
          url: base,
          body: {
            [type === 'sales' ? 'customer_id' : 'vendor_id']: party.id,
            date: '2025-06-01',
            items: [{ product_id: product.id, quantity: 1 }],
          },
        };
      },
      allowed: ALL,
      success: 201,
    },
    {
      name: `read a ${type} voucher`,
      method: 'GET',
      target: async (o) => ({ url: `${base}/${(await stockedVoucher(o, type)).id}` }),
      allowed: ALL,
      success: 200,
      byId: true,
    },
    {
      name: `cancel a ${type} voucher`,
      method: 'POST',
      target: async (o) => ({ url: `${base}/${(await stockedVoucher(o, type)).id}/cancel`, body: { reason: 'Entered twice' } }),
      allowed: ADMINS,
      success: 200,
      byId: true,
    },
  );
}

beforeAll(async () => {
  t = await buildTestApp();
  a = await createTenant(t.deps, { stateCode: '27' });
  b = await createTenant(t.deps, { stateCode: '27' });
  const platform = await createUser(t.deps, { role: 'super_admin' });
  superToken = await tokenFor(t.deps, platform);
});
afterAll(() => t.close());

function tokenOf(org: Tenant, role: Role): string {
  if (role === 'super_admin') return superToken;
  return role === 'org_admin' ? org.orgAdmin.token : role === 'admin' ? org.admin.token : org.user.token;
}

const call = (method: Method, target: Target, token: string) =>
  t.app.inject({ method, url: `/api/v1${target.url}`, headers: bearer(token), ...(target.body ? { payload: target.body } : {}) });

describe('role matrix for masters, stock and vouchers', () => {
  const roles: Role[] = ['super_admin', 'org_admin', 'admin', 'standard_user'];
  it.each(rows.flatMap((row) => roles.map((role) => [row.name, role, row] as const)))('%s as %s', async (_name, role, row) => {
    const target = await row.target(a);
    const res = await call(row.method, target, tokenOf(a, role));
    const expected = row.allowed.includes(role) ? row.success : 403;
    expect(res.statusCode, res.body).toBe(expected);
    if (expected === 403) expect(res.json().code).toBe('FORBIDDEN');
  });
});

describe('another organisation', () => {
  it.each(rows.filter((r) => r.byId).map((r) => [r.name, r] as const))(
    '%s of another organisation is 404 and changes nothing',
    async (_name, row) => {
      const target = await row.target(a);
      const res = await call(row.method, target, b.orgAdmin.token);
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
      // Still there, unchanged, for its own organisation.
      const readUrl = target.url.replace(/\/(cancel|ledger)$/, '');
      const own = await call(
        'GET',
        { url: readUrl.startsWith('/stock/') ? `/products/${readUrl.split('/')[2]}` : readUrl },
        a.orgAdmin.token,
      );
      expect(own.statusCode).toBe(200);
      if (row.name.startsWith('deactivate')) expect(own.json().is_active).toBe(true);
      if (row.name.startsWith('cancel')) expect(own.json().status).toBe('active');
    },
  );

  it("cannot adjust another organisation's stock or post against its masters", async () => {
    const product = await createProduct(t, a.user.token);
    const adj = await call(
      'POST',
      { url: '/stock/adjustments', body: { product_id: product.id, quantity_change: 5, reason: 'Sneaky' } },
      b.orgAdmin.token,
    );
    expect(adj.statusCode).toBe(422);
    const own = await call('GET', { url: `/products/${product.id}` }, a.user.token);
    expect(own.json().quantity_on_hand).toBe('0.000');
  });

  it("lists only the caller's organisation", async () => {
    await stockedVoucher(b, 'sales');
    const list = (await call('GET', { url: '/vouchers/sales?limit=200' }, a.user.token)).json();
    const bList = (await call('GET', { url: '/vouchers/sales?limit=200' }, b.user.token)).json();
    const aIds = new Set(list.items.map((v: { id: string }) => v.id));
    expect(bList.items.length).toBeGreaterThan(0);
    expect(bList.items.some((v: { id: string }) => aIds.has(v.id))).toBe(false);
  });
});
