import {
  findVoucherType,
  isEmailedType,
  isReturnType,
  partyFieldOf,
  voucherTypes,
  type Role,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { adjustStock, createCustomer, createProduct, createVendor, postVoucher } from '../business';
import { platformTx } from '../factories';
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

/** The voucher's party, with an email address (the voucher may be emailed to it). */
function createPartyFor(t: TestApp, token: string, def: VoucherTypeDefinition) {
  const email = { email: 'party@example.test' };
  return def.party!.kind === 'customer' ? createCustomer(t, token, email) : createVendor(t, token, email);
}

/** A of the world's ledgers: its cash ledger and a bank account (receipts, payments, contra and journals name them). */
async function ledgersOfA(t: TestApp, w: MatrixWorld): Promise<void> {
  const [row] = await platformTx(t.deps, (db) =>
    queryRows<{ cash: string; bank: string }>(
      db,
      sql`WITH bank AS (
            INSERT INTO ledgers (id, organization_id, group_id, name)
            SELECT gen_random_uuid(), organization_id, id, 'Bank ' || ${w.unique} FROM account_groups
             WHERE organization_id = ${w.a.org.id} AND system_key = 'bank_accounts' RETURNING id)
          SELECT (SELECT id FROM ledgers WHERE organization_id = ${w.a.org.id} AND system_key = 'cash') AS cash, (SELECT id FROM bank) AS bank`,
    ),
  );
  w.extra.cash = row!.cash;
  w.extra.bank = row!.bank;
}

/**
 * What creating a voucher of this type sends, for `w.extra.party` and `w.extra.product`: one line
 * of the product; for a note, one line of an invoice of the party made first (its original).
 */
async function sampleBody(t: TestApp, w: MatrixWorld, def: VoucherTypeDefinition): Promise<Record<string, unknown>> {
  const date = '2025-06-01';
  const party = def.party ? { [partyFieldOf(def)!]: w.extra.party } : {};
  if (def.lines === 'none') return { ...party, date, amount: '10.00', mode: 'cash', cash_bank_ledger_id: w.extra.cash };
  if (def.lines === 'ledger') {
    return {
      date,
      lines: [
        { ledger_id: w.extra.bank, side: 'debit', amount: '10.00' },
        { ledger_id: w.extra.cash, side: 'credit', amount: '10.00' },
      ],
    };
  }
  if (!isReturnType(def)) return { [partyFieldOf(def)!]: w.extra.party, date, items: [{ product_id: w.extra.product, quantity: 1 }] };
  const originalDef = findVoucherType(def.against!.types[0]!)!;
  const res = await postVoucher(t, w.a.user.token, originalDef.type, await sampleBody(t, w, originalDef));
  if (res.statusCode !== 201) throw new Error(`original not created: ${res.body}`);
  const original = res.json() as { id: string; items: { id: string }[] };
  return {
    against_voucher_id: original.id,
    date,
    reason: 'sales_return',
    items: [{ against_line_id: original.items[0]!.id, quantity: 1 }],
  };
}

/** What a voucher of this type needs before it can be posted: a product in stock, or A's ledgers; and a party. */
function setupFor(def: VoucherTypeDefinition, stock: string): Setup {
  return async (t, w) => {
    if (def.lines === 'items') {
      await withProduct(t, w);
      await adjustStock(t, w.a.admin.token, w.extra.product!, stock);
    } else {
      await ledgersOfA(t, w);
    }
    if (def.party) w.extra.party = (await createPartyFor(t, w.a.user.token, def)).id;
  };
}

function withVoucher(def: VoucherTypeDefinition): Setup {
  return async (t, w) => {
    await setupFor(def, '10')(t, w);
    const body = await sampleBody(t, w, def);
    const res = await postVoucher(t, w.a.user.token, def.type, body);
    // Journals and contra are posted by admins only.
    const created = res.statusCode === 201 ? res : await postVoucher(t, w.a.admin.token, def.type, body);
    if (created.statusCode !== 201) throw new Error(`voucher not created: ${created.body}`);
    w.extra.voucher = (created.json() as { id: string }).id;
  };
}

/** A voucher of A, with share links turned on for A (issue 17). */
function withSharedVoucher(def: VoucherTypeDefinition): Setup {
  return async (t, w) => {
    await withVoucher(def)(t, w);
    const on = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/organization/settings',
      headers: { authorization: `Bearer ${w.a.orgAdmin.token}` },
      payload: { share_links_enabled: true },
    });
    if (on.statusCode !== 200) throw new Error(`share links not turned on: ${on.body}`);
  };
}

/** A share link of a voucher of A, made by A's standard user (or by its admin, where said). */
function withShareLink(def: VoucherTypeDefinition, by: 'user' | 'admin' = 'user'): Setup {
  return async (t, w) => {
    await withSharedVoucher(def)(t, w);
    const made = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/${def.type}/${w.extra.voucher}/share-links`,
      headers: { authorization: `Bearer ${w.a[by].token}` },
      payload: {},
    });
    if (made.statusCode !== 201) throw new Error(`share link not made: ${made.body}`);
    w.extra.link = (made.json() as { id: string }).id;
  };
}

/** A receipt or payment on account, and a bill of its party to allocate it to. */
function withAdvanceAndBill(def: VoucherTypeDefinition): Setup {
  return async (t, w) => {
    await withVoucher(def)(t, w);
    const invoiceDef = findVoucherType(def.against!.types[0]!)!;
    await withProduct(t, w);
    await adjustStock(t, w.a.admin.token, w.extra.product!, '10');
    const res = await postVoucher(t, w.a.user.token, invoiceDef.type, await sampleBody(t, w, invoiceDef));
    if (res.statusCode !== 201) throw new Error(`invoice not created: ${res.body}`);
    const [bill] = await platformTx(t.deps, (db) =>
      queryRows<{ id: string }>(db, sql`SELECT id FROM bills WHERE voucher_id = ${(res.json() as { id: string }).id}`),
    );
    w.extra.bill = bill!.id;
  };
}

/**
 * A note wholly on account (its invoice paid in full before it), and another bill of its party to
 * allocate it to.
 */
function withNoteOnAccountAndBill(def: VoucherTypeDefinition): Setup {
  return async (t, w) => {
    await setupFor(def, '10')(t, w);
    await ledgersOfA(t, w);
    const originalDef = findVoucherType(def.against!.types[0]!)!;
    const settling = voucherTypes().find((v) => v.against?.purpose === 'settlement' && v.against.types.includes(originalDef.type))!;
    const billOf = async (voucherId: string) =>
      (
        await platformTx(t.deps, (db) =>
          queryRows<{ id: string; amount: string }>(db, sql`SELECT id, amount FROM bills WHERE voucher_id = ${voucherId}`),
        )
      )[0]!;
    const body = await sampleBody(t, w, def);
    const bill = await billOf(body.against_voucher_id as string);
    const paid = await postVoucher(t, w.a.user.token, settling.type, {
      ...(await sampleBody(t, w, settling)),
      amount: bill.amount,
      allocations: [{ bill_id: bill.id, amount: bill.amount }],
    });
    if (paid.statusCode !== 201) throw new Error(`${settling.label} not created: ${paid.body}`);
    const note = await postVoucher(t, w.a.user.token, def.type, body);
    if (note.statusCode !== 201) throw new Error(`note not created: ${note.body}`);
    w.extra.voucher = (note.json() as { id: string }).id;
    const other = await postVoucher(t, w.a.user.token, originalDef.type, await sampleBody(t, w, originalDef));
    if (other.statusCode !== 201) throw new Error(`invoice not created: ${other.body}`);
    w.extra.bill = (await billOf((other.json() as { id: string }).id)).id;
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

/** The statuses a route of a voucher type gives, from the roles its definition names. */
function byRoles(roles: readonly Role[], ok: number, outsider = 404): Record<Actor, number> {
  const may = (role: Role) => roles.includes(role);
  return {
    anonymous: 401,
    standard_user: may('standard_user') ? ok : 403,
    admin: may('admin') ? ok : 403,
    other_org_admin: may('org_admin') ? outsider : 403,
    org_admin: may('org_admin') ? ok : 403,
    super_admin: 403,
  };
}

rows.push({
  method: 'GET',
  route: '/api/v1/voucher-types',
  url: () => '/api/v1/voucher-types',
  expect: { ...members(200), super_admin: 200 },
});

for (const def of voucherTypes()) {
  const base = `/api/v1/vouchers/${def.type}`;
  rows.push(
    { method: 'GET', route: base, url: () => base, expect: byRoles(def.roles.read, 200, 200) },
    {
      method: 'POST',
      route: base,
      setup: async (t, w) => {
        await setupFor(def, '5')(t, w);
        w.extra.body = JSON.stringify(await sampleBody(t, w, def));
      },
      url: () => base,
      body: (w) => JSON.parse(w.extra.body!) as Record<string, unknown>,
      expect: referencingA(byRoles(def.roles.create, 201)),
    },
    {
      method: 'GET',
      route: `${base}/next-number`,
      url: () => `${base}/next-number?date=2025-06-01`,
      expect: byRoles(def.roles.create, 200, 200),
    },
    ...(def.lines === 'items' && def.party
      ? [
          {
            method: 'GET' as const,
            route: `${base}/last-rates`,
            setup: withVoucher(def),
            url: (w: MatrixWorld) => `${base}/last-rates?party_id=${w.extra.party}&product_ids=${w.extra.product}`,
            expect: byRoles(def.roles.create, 200),
          },
        ]
      : []),
    {
      method: 'GET',
      route: `${base}/:id`,
      setup: withVoucher(def),
      url: (w) => `${base}/${w.extra.voucher}`,
      expect: byRoles(def.roles.read, 200),
    },
    {
      method: 'POST',
      route: `${base}/:id/cancel`,
      setup: withVoucher(def),
      url: (w) => `${base}/${w.extra.voucher}/cancel`,
      body: () => ({ reason: 'Entered twice' }),
      expect: byRoles(def.roles.cancel, 200),
    },
    // Its PDF and the UPI link its QR carries: whoever may read the voucher.
    ...(def.document
      ? [
          {
            method: 'GET' as const,
            route: `${base}/:id/pdf`,
            setup: withVoucher(def),
            url: (w: MatrixWorld) => `${base}/${w.extra.voucher}/pdf`,
            expect: byRoles(def.roles.read, 200),
          },
          // Its expiring share links (where the org admin turned them on): whoever may read the voucher.
          {
            method: 'POST' as const,
            route: `${base}/:id/share-links`,
            setup: withSharedVoucher(def),
            url: (w: MatrixWorld) => `${base}/${w.extra.voucher}/share-links`,
            body: () => ({ expires_in_days: 3 }),
            expect: byRoles(def.roles.read, 201),
          },
          {
            method: 'GET' as const,
            route: `${base}/:id/share-links`,
            setup: withShareLink(def),
            url: (w: MatrixWorld) => `${base}/${w.extra.voucher}/share-links`,
            expect: byRoles(def.roles.read, 200),
          },
          {
            method: 'POST' as const,
            route: `${base}/:id/share-links/:link_id/revoke`,
            // Made by A's admin: its maker and the org admin may revoke it, a standard user who
            // did not make it may not (403) even where it may read the voucher.
            setup: withShareLink(def, 'admin'),
            url: (w: MatrixWorld) => `${base}/${w.extra.voucher}/share-links/${w.extra.link}/revoke`,
            expect: { ...byRoles(def.roles.read, 200), standard_user: 403 },
          },
        ]
      : []),
    ...(def.document?.upiQr
      ? [
          {
            method: 'GET' as const,
            route: `${base}/:id/upi-payment`,
            setup: withVoucher(def),
            url: (w: MatrixWorld) => `${base}/${w.extra.voucher}/upi-payment`,
            expect: byRoles(def.roles.read, 200),
          },
        ]
      : []),
    ...(def.against?.purpose === 'settlement' || (def.against?.purpose === 'return' && def.against.takes.includes('outstanding'))
      ? [
          {
            method: 'POST' as const,
            route: `${base}/:id/allocations`,
            setup: def.against.purpose === 'settlement' ? withAdvanceAndBill(def) : withNoteOnAccountAndBill(def),
            url: (w: MatrixWorld) => `${base}/${w.extra.voucher}/allocations`,
            body: (w: MatrixWorld) => ({ allocations: [{ bill_id: w.extra.bill, amount: '1.00' }] }),
            expect: byRoles(def.roles.create, 200),
          },
        ]
      : []),
  );
  // Invoices, notes (item lines) and receipts (a printed receipt) are emailed.
  if (!isEmailedType(def)) continue;
  rows.push(
    // To its party: whoever may read the voucher.
    {
      method: 'POST',
      route: `${base}/:id/email`,
      setup: withVoucher(def),
      url: (w) => `${base}/${w.extra.voucher}/email`,
      body: () => ({}),
      expect: byRoles(def.roles.read, 202),
    },
    // Elsewhere: admins only (issue 12); a standard user is told why (403).
    {
      method: 'POST',
      route: `${base}/:id/email`,
      setup: withVoucher(def),
      url: (w) => `${base}/${w.extra.voucher}/email`,
      body: () => ({ to: 'accounts@example.test' }),
      expect: { ...byRoles(def.roles.read, 202), standard_user: 403 },
    },
  );
}

// Filed GST periods (issue 16): every member reads the list; only the org admin marks and unmarks.
const orgAdminOnly = (ok: number): Record<Actor, number> => ({ ...members(403), anonymous: 401, org_admin: ok, other_org_admin: ok });
rows.push(
  { method: 'GET', route: '/api/v1/gst/periods', url: () => '/api/v1/gst/periods', expect: members(200) },
  {
    method: 'POST',
    route: '/api/v1/gst/periods/:period/filed',
    url: () => '/api/v1/gst/periods/2025-04/filed',
    expect: orgAdminOnly(200),
  },
  {
    method: 'DELETE',
    route: '/api/v1/gst/periods/:period/filed',
    // Marked in A only: B's org admin finds nothing of its own to unmark.
    setup: async (t, w) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/gst/periods/2025-05/filed',
        headers: { authorization: `Bearer ${w.a.orgAdmin.token}` },
      });
      if (res.statusCode !== 200) throw new Error(`period not filed: ${res.body}`);
    },
    url: () => '/api/v1/gst/periods/2025-05/filed',
    expect: { ...orgAdminOnly(200), other_org_admin: 404 },
  },
);

export const businessMatrix = rows;
