import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { createCustomer, createProduct } from '../business';
import type { TestApp } from '../harness';
import type { Actor, MatrixRow, MatrixWorld } from '../permission-matrix';

/**
 * The chart of accounts, opening balances and bills (issue 15 items 1, 4, 5 and 9): every
 * organisation role reads the chart (receipts and payments pick ledgers from it), the bills and the
 * outstanding; only admins and org admins change the chart or the opening balances. A record of
 * A asked for by B's org admin is a 404; one named in B's body is a 422 (no such id for B).
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
const admins = (ok: number): Record<Actor, number> => ({ ...members(ok), standard_user: 403 });
const adminsOnA = (ok: number): Record<Actor, number> => ({ ...membersOnA(ok), standard_user: 403 });
const adminsReferencingA = (ok: number): Record<Actor, number> => ({ ...admins(ok), other_org_admin: 422 });

type Setup = (t: TestApp, w: MatrixWorld) => Promise<void>;

async function platformRows<T>(t: TestApp, query: ReturnType<typeof sql>): Promise<T[]> {
  return t.deps.sessions.transaction((db) => queryRows<T & Record<string, unknown>>(db, query), { platform: true });
}

/** A's group with this system key, into `w.extra.group`. */
function withGroup(key: string): Setup {
  return async (t, w) => {
    const [row] = await platformRows<{ id: string }>(
      t,
      sql`SELECT id FROM account_groups WHERE organization_id = ${w.a.org.id} AND system_key = ${key}`,
    );
    w.extra.group = row!.id;
  };
}

/** A group and a ledger of A's own under Indirect Expenses, into `w.extra.group` and `w.extra.ledger`. */
const withOwnLedger: Setup = async (t, w) => {
  const [group] = await platformRows<{ id: string }>(
    t,
    sql`INSERT INTO account_groups (id, organization_id, parent_id, name, nature)
        SELECT gen_random_uuid(), organization_id, id, 'Costs ' || ${w.unique}, nature FROM account_groups
         WHERE organization_id = ${w.a.org.id} AND system_key = 'indirect_expenses' RETURNING id`,
  );
  const [ledger] = await platformRows<{ id: string }>(
    t,
    sql`INSERT INTO ledgers (id, organization_id, group_id, name) VALUES (gen_random_uuid(), ${w.a.org.id}, ${group!.id}, 'Rent ' || ${w.unique}) RETURNING id`,
  );
  w.extra.group = group!.id;
  w.extra.ledger = ledger!.id;
};

/** An empty group of A's own, into `w.extra.group`. */
const withOwnGroup: Setup = async (t, w) => {
  const [group] = await platformRows<{ id: string }>(
    t,
    sql`INSERT INTO account_groups (id, organization_id, parent_id, name, nature)
        SELECT gen_random_uuid(), organization_id, id, 'Empty ' || ${w.unique}, nature FROM account_groups
         WHERE organization_id = ${w.a.org.id} AND system_key = 'indirect_expenses' RETURNING id`,
  );
  w.extra.group = group!.id;
};

/** A customer of A with an opening bill, into `w.extra.party` and `w.extra.bill`. */
const withOpeningBill: Setup = async (t, w) => {
  const party = (await createCustomer(t, w.a.user.token)).id;
  const [bill] = await platformRows<{ id: string }>(
    t,
    sql`INSERT INTO bills (id, organization_id, party_id, side, ref, bill_date, due_date, amount, outstanding)
        VALUES (gen_random_uuid(), ${w.a.org.id}, ${party}, 'receivable', 'OB-' || ${w.unique}, '2000-03-01', '2000-03-01', 100, 100)
        RETURNING id`,
  );
  await platformRows(
    t,
    sql`UPDATE ledgers SET opening_balance = 100 WHERE organization_id = ${w.a.org.id} AND party_id = ${party} RETURNING id`,
  );
  w.extra.party = party;
  w.extra.bill = bill!.id;
};

const withCustomer: Setup = async (t, w) => {
  w.extra.party = (await createCustomer(t, w.a.user.token)).id;
};

const withProduct: Setup = async (t, w) => {
  w.extra.product = (await createProduct(t, w.a.user.token)).id;
};

/** Opening balances (issue 15 items 1 and 9): admins and org admins only, reading included. */
const openingsMatrix: MatrixRow[] = [
  { method: 'GET', route: '/api/v1/opening-balances', url: () => '/api/v1/opening-balances', expect: admins(200) },
  {
    method: 'PUT',
    route: '/api/v1/opening-balances/ledgers/:ledger_id',
    setup: withOwnLedger,
    url: (w) => `/api/v1/opening-balances/ledgers/${w.extra.ledger}`,
    body: () => ({ amount: '250.00', side: 'debit' }),
    expect: adminsOnA(200),
  },
  {
    method: 'GET',
    route: '/api/v1/opening-balances/parties/:party_id/bills',
    setup: withOpeningBill,
    url: (w) => `/api/v1/opening-balances/parties/${w.extra.party}/bills`,
    expect: adminsOnA(200),
  },
  {
    method: 'POST',
    route: '/api/v1/opening-balances/parties/:party_id/bills',
    setup: withCustomer,
    url: (w) => `/api/v1/opening-balances/parties/${w.extra.party}/bills`,
    body: (w) => ({ ref: `OB-${w.unique}`, date: '2000-03-01', amount: '120.00' }),
    expect: adminsOnA(201),
  },
  {
    method: 'PATCH',
    route: '/api/v1/opening-balances/bills/:bill_id',
    setup: withOpeningBill,
    url: (w) => `/api/v1/opening-balances/bills/${w.extra.bill}`,
    body: () => ({ amount: '150.00' }),
    expect: adminsOnA(200),
  },
  {
    method: 'DELETE',
    route: '/api/v1/opening-balances/bills/:bill_id',
    setup: withOpeningBill,
    url: (w) => `/api/v1/opening-balances/bills/${w.extra.bill}`,
    expect: adminsOnA(200),
  },
  { method: 'GET', route: '/api/v1/opening-balances/stock', url: () => '/api/v1/opening-balances/stock', expect: admins(200) },
  {
    method: 'PUT',
    route: '/api/v1/opening-balances/stock/:product_id',
    setup: withProduct,
    url: (w) => `/api/v1/opening-balances/stock/${w.extra.product}`,
    body: () => ({ quantity: '5', rate: '12.5' }),
    expect: adminsOnA(200),
  },
];

export const booksMatrix: MatrixRow[] = [
  { method: 'GET', route: '/api/v1/accounts', url: () => '/api/v1/accounts', expect: members(200) },
  { method: 'GET', route: '/api/v1/accounts/groups', url: () => '/api/v1/accounts/groups', expect: members(200) },
  {
    method: 'GET',
    route: '/api/v1/accounts/groups/:id',
    setup: withGroup('bank_accounts'),
    url: (w) => `/api/v1/accounts/groups/${w.extra.group}`,
    expect: membersOnA(200),
  },
  {
    method: 'POST',
    route: '/api/v1/accounts/groups',
    setup: withGroup('indirect_expenses'),
    url: () => '/api/v1/accounts/groups',
    body: (w) => ({ name: `Group ${w.unique}`, parent_id: w.extra.group }),
    expect: adminsReferencingA(201),
  },
  {
    method: 'PATCH',
    route: '/api/v1/accounts/groups/:id',
    setup: withOwnGroup,
    url: (w) => `/api/v1/accounts/groups/${w.extra.group}`,
    body: (w) => ({ name: `Renamed ${w.unique}` }),
    expect: adminsOnA(200),
  },
  {
    method: 'DELETE',
    route: '/api/v1/accounts/groups/:id',
    setup: withOwnGroup,
    url: (w) => `/api/v1/accounts/groups/${w.extra.group}`,
    expect: adminsOnA(200),
  },
  { method: 'GET', route: '/api/v1/accounts/ledgers', url: () => '/api/v1/accounts/ledgers?kind=cash_bank', expect: members(200) },
  {
    method: 'GET',
    route: '/api/v1/accounts/ledgers/:id',
    setup: withOwnLedger,
    url: (w) => `/api/v1/accounts/ledgers/${w.extra.ledger}`,
    expect: membersOnA(200),
  },
  {
    method: 'POST',
    route: '/api/v1/accounts/ledgers',
    setup: withGroup('bank_accounts'),
    url: () => '/api/v1/accounts/ledgers',
    body: (w) => ({ name: `Bank ${w.unique}`, group_id: w.extra.group, opening_balance: { amount: '100', side: 'debit' } }),
    expect: adminsReferencingA(201),
  },
  {
    method: 'PATCH',
    route: '/api/v1/accounts/ledgers/:id',
    setup: withOwnLedger,
    url: (w) => `/api/v1/accounts/ledgers/${w.extra.ledger}`,
    body: () => ({ is_active: false }),
    expect: adminsOnA(200),
  },
  {
    method: 'DELETE',
    route: '/api/v1/accounts/ledgers/:id',
    setup: withOwnLedger,
    url: (w) => `/api/v1/accounts/ledgers/${w.extra.ledger}`,
    expect: adminsOnA(200),
  },
  ...openingsMatrix,
];
