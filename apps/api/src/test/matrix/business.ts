import { adjustStock, createCustomer, createProduct, createVendor, postVoucher } from '../business';
import type { TestApp } from '../harness';
import type { Actor, MatrixRow, MatrixWorld } from '../permission-matrix';

/**
 * Masters, stock and vouchers (issue 5) in the permission matrix: every organisation role reads and
 * creates masters and vouchers and edits masters; only admins (org_admin, admin) delete masters,
 * adjust stock and cancel vouchers; the super admin reads no organisation's business data. A record
 * of organisation A asked for by B's org admin is a 404.
 */
const members = (ok: number): Record<Actor, number> => ({
  anonymous: 401,
  standard_user: ok,
  admin: ok,
  other_org_admin: ok,
  org_admin: ok,
  super_admin: 403,
});
const membersOnA = (ok: number): Record<Actor, number> => ({ ...members(ok), other_org_admin: 404 });
const adminsOnA = (ok: number): Record<Actor, number> => ({ ...membersOnA(ok), standard_user: 403 });
/** A record of A named in the body (not the path) is bad input for B: 422 naming the field, as for an id that does not exist. */
const referencingA = (expect: Record<Actor, number>): Record<Actor, number> => ({ ...expect, other_org_admin: 422 });

type Setup = (t: TestApp, w: MatrixWorld) => Promise<void>;

const withProduct: Setup = async (t, w) => {
  w.extra.product = (await createProduct(t, w.a.user.token)).id;
};

function withParty(kind: 'vendor' | 'customer'): Setup {
  return async (t, w) => {
    w.extra.party = (kind === 'vendor' ? await createVendor(t, w.a.user.token) : await createCustomer(t, w.a.user.token)).id;
  };
}

function withVoucher(type: 'sales' | 'purchase'): Setup {
  return async (t, w) => {
    await withProduct(t, w);
    await adjustStock(t, w.a.admin.token, w.extra.product!, '10');
    const party = type === 'sales' ? await createCustomer(t, w.a.user.token) : await createVendor(t, w.a.user.token);
    const res = await postVoucher(t, w.a.user.token, type, {
      [type === 'sales' ? 'customer_id' : 'vendor_id']: party.id,
      date: '2025-06-01',
      items: [{ product_id: w.extra.product, quantity: 1 }],
    });
    if (res.statusCode !== 201) throw new Error(`voucher not created: ${res.body}`);
    w.extra.party = party.id;
    w.extra.voucher = (res.json() as { id: string }).id;
  };
}

const rows: MatrixRow[] = [];

for (const [kind, path] of [
  ['vendor', '/api/v1/vendors'],
  ['customer', '/api/v1/customers'],
] as const) {
  rows.push(
    { method: 'GET', route: path, url: () => path, expect: members(200) },
    { method: 'POST', route: path, url: () => path, body: (w) => ({ name: `Party ${w.unique}`, state_code: '27' }), expect: members(201) },
    { method: 'GET', route: `${path}/:id`, setup: withParty(kind), url: (w) => `${path}/${w.extra.party}`, expect: membersOnA(200) },
    {
      method: 'PUT',
      route: `${path}/:id`,
      setup: withParty(kind),
      url: (w) => `${path}/${w.extra.party}`,
      body: () => ({ city: 'Nashik' }),
      expect: membersOnA(200),
    },
    { method: 'DELETE', route: `${path}/:id`, setup: withParty(kind), url: (w) => `${path}/${w.extra.party}`, expect: adminsOnA(200) },
  );
}

rows.push(
  { method: 'GET', route: '/api/v1/products', url: () => '/api/v1/products', expect: members(200) },
  {
    method: 'POST',
    route: '/api/v1/products',
    url: () => '/api/v1/products',
    body: (w) => ({ name: `Product ${w.unique}`, unit: 'PCS', unit_price: '1.00' }),
    expect: members(201),
  },
  {
    method: 'GET',
    route: '/api/v1/products/:id',
    setup: withProduct,
    url: (w) => `/api/v1/products/${w.extra.product}`,
    expect: membersOnA(200),
  },
  {
    method: 'PUT',
    route: '/api/v1/products/:id',
    setup: withProduct,
    url: (w) => `/api/v1/products/${w.extra.product}`,
    body: () => ({ unit_price: '2.00' }),
    expect: membersOnA(200),
  },
  {
    method: 'DELETE',
    route: '/api/v1/products/:id',
    setup: withProduct,
    url: (w) => `/api/v1/products/${w.extra.product}`,
    expect: adminsOnA(200),
  },
  { method: 'GET', route: '/api/v1/stock', url: () => '/api/v1/stock', expect: members(200) },
  {
    method: 'GET',
    route: '/api/v1/stock/:product_id/ledger',
    setup: withProduct,
    url: (w) => `/api/v1/stock/${w.extra.product}/ledger`,
    expect: membersOnA(200),
  },
  {
    method: 'POST',
    route: '/api/v1/stock/adjustments',
    setup: withProduct,
    url: () => '/api/v1/stock/adjustments',
    body: (w) => ({ product_id: w.extra.product, quantity_change: '1', reason: 'Count' }),
    expect: referencingA(adminsOnA(201)),
  },
);

for (const type of ['sales', 'purchase'] as const) {
  const base = `/api/v1/vouchers/${type}`;
  const partyKey = type === 'sales' ? 'customer_id' : 'vendor_id';
  rows.push(
    { method: 'GET', route: base, url: () => base, expect: members(200) },
    {
      method: 'POST',
      route: base,
      setup: async (t, w) => {
        await withProduct(t, w);
        await adjustStock(t, w.a.admin.token, w.extra.product!, '5');
        w.extra.party = (type === 'sales' ? await createCustomer(t, w.a.user.token) : await createVendor(t, w.a.user.token)).id;
      },
      url: () => base,
      body: (w) => ({ [partyKey]: w.extra.party, date: '2025-06-01', items: [{ product_id: w.extra.product, quantity: 1 }] }),
      expect: referencingA(members(201)),
    },
    { method: 'GET', route: `${base}/next-number`, url: () => `${base}/next-number?date=2025-06-01`, expect: members(200) },
    { method: 'GET', route: `${base}/:id`, setup: withVoucher(type), url: (w) => `${base}/${w.extra.voucher}`, expect: membersOnA(200) },
    {
      method: 'POST',
      route: `${base}/:id/cancel`,
      setup: withVoucher(type),
      url: (w) => `${base}/${w.extra.voucher}/cancel`,
      body: () => ({ reason: 'Entered twice' }),
      expect: adminsOnA(200),
    },
    {
      method: 'POST',
      route: `${base}/:id/email`,
      setup: withVoucher(type),
      url: (w) => `${base}/${w.extra.voucher}/email`,
      body: () => ({ to: 'accounts@example.test' }),
      expect: membersOnA(202),
    },
  );
}

export const businessMatrix = rows;
