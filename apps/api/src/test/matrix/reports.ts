import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { createCustomer } from '../business';
import type { TestApp } from '../harness';
import type { Actor, MatrixRow, MatrixWorld } from '../permission-matrix';

/**
 * The financial statements, a party's bills, the outstanding and the stock summary (issue 15 items
 * 4, 5, 6 and 9): every organisation role reads them; the super admin reads no organisation's
 * books; a ledger or party of A asked for by B's org admin is a 404.
 */
const members: Record<Actor, number> = {
  anonymous: 401,
  standard_user: 200,
  admin: 200,
  other_org_admin: 200,
  org_admin: 200,
  super_admin: 403,
};
const membersOnA: Record<Actor, number> = { ...members, other_org_admin: 404 };

function withLedger(where: 'cash' | 'bank'): (t: TestApp, w: MatrixWorld) => Promise<void> {
  return async (t, w) => {
    const [row] = await t.deps.sessions.transaction(
      (db) =>
        where === 'cash'
          ? queryRows<{ id: string }>(db, sql`SELECT id FROM ledgers WHERE organization_id = ${w.a.org.id} AND system_key = 'cash'`)
          : queryRows<{ id: string }>(
              db,
              sql`INSERT INTO ledgers (id, organization_id, group_id, name)
                  SELECT gen_random_uuid(), organization_id, id, 'Bank ' || ${w.unique} FROM account_groups
                   WHERE organization_id = ${w.a.org.id} AND system_key = 'bank_accounts' RETURNING id`,
            ),
      { platform: true },
    );
    w.extra.ledger = row!.id;
  };
}

export const reportsMatrix: MatrixRow[] = [
  {
    method: 'GET',
    route: '/api/v1/reports/ledgers/:ledger_id/statement',
    setup: withLedger('cash'),
    url: (w) => `/api/v1/reports/ledgers/${w.extra.ledger}/statement`,
    expect: membersOnA,
  },
  { method: 'GET', route: '/api/v1/reports/day-book', url: () => '/api/v1/reports/day-book', expect: members },
  { method: 'GET', route: '/api/v1/reports/cash-book', url: () => '/api/v1/reports/cash-book', expect: members },
  { method: 'GET', route: '/api/v1/reports/bank-book', url: () => '/api/v1/reports/bank-book', expect: members },
  {
    method: 'GET',
    route: '/api/v1/reports/bank-book/:ledger_id',
    setup: withLedger('bank'),
    url: (w) => `/api/v1/reports/bank-book/${w.extra.ledger}`,
    expect: membersOnA,
  },
  { method: 'GET', route: '/api/v1/reports/trial-balance', url: () => '/api/v1/reports/trial-balance', expect: members },
  { method: 'GET', route: '/api/v1/reports/profit-and-loss', url: () => '/api/v1/reports/profit-and-loss', expect: members },
  { method: 'GET', route: '/api/v1/reports/balance-sheet', url: () => '/api/v1/reports/balance-sheet', expect: members },
  {
    method: 'GET',
    route: '/api/v1/parties/:id/bills',
    setup: async (t, w) => {
      w.extra.party = (await createCustomer(t, w.a.user.token)).id;
    },
    url: (w) => `/api/v1/parties/${w.extra.party}/bills`,
    expect: membersOnA,
  },
  { method: 'GET', route: '/api/v1/reports/outstanding', url: () => '/api/v1/reports/outstanding?side=receivable', expect: members },
  {
    method: 'GET',
    route: '/api/v1/reports/outstanding',
    case: 'csv',
    url: () => '/api/v1/reports/outstanding?side=payable&format=csv',
    expect: members,
  },
  { method: 'GET', route: '/api/v1/reports/stock-summary', url: () => '/api/v1/reports/stock-summary', expect: members },
];
