import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Executor } from '../../db/client';
import { apiCaller, createCustomer } from '../../test/business';
import { createTenant, platformTx } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { ownerHandle } from '../../test/test-db';
import { checkIntegrity } from '../integrity';

/**
 * Journal and contra vouchers (issue 15 item 3, BOOKS.md): two or more ledger lines, each a
 * positive amount on one side, the sides equal, posted line by line; contra only between cash and
 * bank ledgers; both for admins and org admins only (item 9).
 */

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let call: ReturnType<typeof apiCaller>;
const ids: Record<string, string> = {};

const platform = <T>(fn: (db: Executor) => Promise<T>) => platformTx(t.deps, fn);

async function addLedger(groupKey: string, name: string): Promise<string> {
  const [row] = await platform((db) =>
    queryRows<{ id: string }>(
      db,
      sql`INSERT INTO ledgers (id, organization_id, group_id, name)
          SELECT gen_random_uuid(), organization_id, id, ${name} FROM account_groups
           WHERE organization_id = ${tenant.org.id} AND system_key = ${groupKey}
          RETURNING id`,
    ),
  );
  return row!.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27' });
  call = apiCaller(t);
  const [cash] = await platform((db) =>
    queryRows<{ id: string }>(db, sql`SELECT id FROM ledgers WHERE organization_id = ${tenant.org.id} AND system_key = 'cash'`),
  );
  ids.cash = cash!.id;
  ids.hdfc = await addLedger('bank_accounts', 'HDFC Bank');
  ids.sbi = await addLedger('bank_accounts', 'SBI');
  ids.salaries = await addLedger('indirect_expenses', 'Salaries');
  ids.tds = await addLedger('duties_and_taxes', 'TDS Payable');
  ids.rent = await addLedger('indirect_expenses', 'Rent');
});
afterAll(() => t.close());

async function entriesOf(voucherId: string) {
  return platform((db) =>
    queryRows<{ ledger: string; amount: string; reversal: boolean; date: string }>(
      db,
      sql`SELECT coalesce(l.system_key, l.name) AS ledger, e.amount, e.is_reversal AS reversal, e.entry_date::text AS date
            FROM ledger_entries e JOIN ledgers l ON l.id = e.ledger_id
           WHERE e.voucher_id = ${voucherId}
           ORDER BY e.is_reversal, e.line_no`,
    ),
  );
}

const line = (ledger: string, side: 'debit' | 'credit', amount: string, narration?: string) => ({
  ledger_id: ids[ledger],
  side,
  amount,
  ...(narration ? { narration } : {}),
});

describe('a journal', () => {
  it('posts its balanced lines as they are, one entry each, and reads them back with ledger names', async () => {
    const res = await call('POST', '/vouchers/journal', tenant.admin.token, {
      date: '2025-08-31',
      reference: 'Aug payroll',
      lines: [line('salaries', 'debit', '50000.00', 'August'), line('tds', 'credit', '5000.00'), line('hdfc', 'credit', '45000.00')],
    });
    expect(res.statusCode, res.body).toBe(201);
    const j = res.json();
    expect(j).toMatchObject({
      voucher_number: 'JV/2526/00001',
      party: null,
      grand_total: '50000.00',
      line_count: 3,
      reference: 'Aug payroll',
      ledger_lines: [
        { line_no: 1, ledger_id: ids.salaries, ledger_name: 'Salaries', side: 'debit', amount: '50000.00', narration: 'August' },
        { line_no: 2, ledger_name: 'TDS Payable', side: 'credit', amount: '5000.00', narration: null },
        { line_no: 3, ledger_name: 'HDFC Bank', side: 'credit', amount: '45000.00' },
      ],
    });
    expect(await entriesOf(j.id)).toEqual([
      { ledger: 'Salaries', amount: '50000.00', reversal: false, date: '2025-08-31' },
      { ledger: 'TDS Payable', amount: '-5000.00', reversal: false, date: '2025-08-31' },
      { ledger: 'HDFC Bank', amount: '-45000.00', reversal: false, date: '2025-08-31' },
    ]);
    const read = await call('GET', `/vouchers/journal/${j.id}`, tenant.user.token);
    expect(read.json().ledger_lines).toHaveLength(3);
  });

  it('refuses lines that do not balance, one line, a line without a side and a ledger of another organisation', async () => {
    const refused = async (lines: unknown[], field: string, message?: string) => {
      const res = await call('POST', '/vouchers/journal', tenant.admin.token, { date: '2025-08-31', lines });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors).toContainEqual(
        message ? { field, message: expect.stringContaining(message) } : expect.objectContaining({ field }),
      );
    };
    await refused([line('rent', 'debit', '100.00'), line('cash', 'credit', '99.99')], 'lines', 'debits 100.00, credits 99.99');
    await refused([line('rent', 'debit', '100.00')], 'lines', 'at least 2 lines');
    await refused([line('rent', 'debit', '100.00'), line('cash', 'debit', '100.00')], 'lines', 'a debit line and a credit line');
    await refused([line('rent', 'debit', '100.00'), { ledger_id: ids.cash, amount: '100.00' }], 'lines.1.side');
    await refused([line('rent', 'debit', '100.00'), line('cash', 'credit', '0')], 'lines.1.amount');
    await refused([line('rent', 'debit', '100.00'), line('rent', 'credit', '100.00')], 'lines.1.ledger_id', 'also on the other side');
    const other = await createTenant(t.deps, { stateCode: '27' });
    const [theirs] = await platform((db) =>
      queryRows<{ id: string }>(db, sql`SELECT id FROM ledgers WHERE organization_id = ${other.org.id} AND system_key = 'cash'`),
    );
    await refused(
      [line('rent', 'debit', '100.00'), { ledger_id: theirs!.id, side: 'credit', amount: '100.00' }],
      'lines.1.ledger_id',
      'No ledger',
    );
    // Nothing was posted: the next journal still takes number 2.
    const next = await call('GET', '/vouchers/journal/next-number?date=2025-08-31', tenant.admin.token);
    expect(next.json().voucher_number).toBe('JV/2526/00002');
  });

  it('may name a party ledger; cancelling writes the exact reverse on the voucher date', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const [partyLedger] = await platform((db) =>
      queryRows<{ id: string }>(db, sql`SELECT id FROM ledgers WHERE organization_id = ${tenant.org.id} AND party_id = ${customer.id}`),
    );
    ids.customer = partyLedger!.id;
    const res = await call('POST', '/vouchers/journal', tenant.orgAdmin.token, {
      date: '2025-09-01',
      lines: [line('rent', 'debit', '250.00'), line('customer', 'credit', '250.00')],
    });
    expect(res.statusCode, res.body).toBe(201);
    const cancel = await call('POST', `/vouchers/journal/${res.json().id}/cancel`, tenant.admin.token, { reason: 'Wrong ledger' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled', ledger_lines: [{ amount: '250.00' }, { amount: '250.00' }] });
    expect(await entriesOf(res.json().id)).toEqual([
      { ledger: 'Rent', amount: '250.00', reversal: false, date: '2025-09-01' },
      { ledger: customer.name, amount: '-250.00', reversal: false, date: '2025-09-01' },
      { ledger: 'Rent', amount: '-250.00', reversal: true, date: '2025-09-01' },
      { ledger: customer.name, amount: '250.00', reversal: true, date: '2025-09-01' },
    ]);
  });

  it('is for admins: a standard user may read journals but not post or cancel one', async () => {
    const res = await call('POST', '/vouchers/journal', tenant.user.token, {
      date: '2025-08-31',
      lines: [line('rent', 'debit', '1.00'), line('cash', 'credit', '1.00')],
    });
    expect(res.statusCode).toBe(403);
    expect((await call('GET', '/vouchers/journal', tenant.user.token)).statusCode).toBe(200);
  });
});

describe('a contra', () => {
  it('moves money between cash and bank ledgers: cash deposited into the bank', async () => {
    const res = await call('POST', '/vouchers/contra', tenant.admin.token, {
      date: '2025-08-05',
      lines: [line('hdfc', 'debit', '20000.00'), line('cash', 'credit', '20000.00')],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ voucher_number: 'CT/2526/00001', grand_total: '20000.00' });
    expect(await entriesOf(res.json().id)).toEqual([
      { ledger: 'HDFC Bank', amount: '20000.00', reversal: false, date: '2025-08-05' },
      { ledger: 'cash', amount: '-20000.00', reversal: false, date: '2025-08-05' },
    ]);
  });

  it('refuses any ledger that is not cash or bank, naming the line', async () => {
    const res = await call('POST', '/vouchers/contra', tenant.admin.token, {
      date: '2025-08-05',
      lines: [line('sbi', 'debit', '100.00'), line('rent', 'credit', '100.00')],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'lines.1.ledger_id', message: expect.stringContaining('not under Cash-in-Hand or Bank Accounts') },
    ]);
  });
});

describe('the integrity check', () => {
  it('finds the books whole after journals and contra, posted and cancelled', async () => {
    const report = await checkIntegrity(ownerHandle(t.deps.handle), { maxProblems: 20 });
    expect(report.problems).toEqual([]);
  });
});
