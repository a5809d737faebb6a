import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
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
];
