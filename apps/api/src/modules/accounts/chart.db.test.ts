import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, createCustomer, createProduct, postVoucher } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

/** The chart of accounts API (BOOKS.md, "Chart of accounts"; issue 15 item 1). */
let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let call: ReturnType<typeof apiCaller>;

interface Node {
  id: string;
  name: string;
  system_key: string | null;
  nature: string;
  children: Node[];
  ledgers: { id: string; name: string; system_key: string | null; party_id: string | null }[];
}

function find(nodes: Node[], key: string): Node | undefined {
  for (const n of nodes) {
    if (n.system_key === key) return n;
    const below = find(n.children, key);
    if (below) return below;
  }
  return undefined;
}

async function groupId(key: string, token = tenant.admin.token): Promise<string> {
  const res = await call('GET', '/accounts/groups', token);
  return (res.json().items as { id: string; system_key: string | null }[]).find((g) => g.system_key === key)!.id;
}

async function ledgerId(key: string, token = tenant.admin.token): Promise<string> {
  const res = await call('GET', '/accounts/ledgers?kind=other&limit=200', token);
  return (res.json().items as { id: string; system_key: string | null }[]).find((l) => l.system_key === key)!.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27' });
  call = apiCaller(t);
});
afterAll(() => t.close());

describe('chart of accounts', () => {
  it('reads as a tree in Tally order, with the default groups and ledgers; party ledgers only when asked', async () => {
    const customer = await createCustomer(t, tenant.user.token, { name: 'Tree Customer' });
    const tree = await call('GET', '/accounts', tenant.user.token);
    expect(tree.statusCode, tree.body).toBe(200);
    const body = tree.json() as { books_start_date: string; groups: Node[] };
    expect(body.books_start_date).toBe('2000-04-01');
    expect(body.groups.map((g) => g.name)).toEqual([
      'Capital Account',
      'Loans (Liability)',
      'Current Liabilities',
      'Profit & Loss A/c',
      'Fixed Assets',
      'Current Assets',
      'Sales Accounts',
      'Purchase Accounts',
      'Direct Incomes',
      'Direct Expenses',
      'Indirect Incomes',
      'Indirect Expenses',
    ]);
    const duties = find(body.groups, 'duties_and_taxes')!;
    expect(duties.nature).toBe('liability');
    expect(duties.ledgers.map((l) => l.name).sort()).toEqual([
      'Input CGST',
      'Input IGST',
      'Input SGST',
      'Output CGST',
      'Output IGST',
      'Output SGST',
    ]);
    expect(find(body.groups, 'cash_in_hand')!.ledgers.map((l) => l.system_key)).toEqual(['cash']);
    expect(find(body.groups, 'sundry_debtors')!.ledgers).toEqual([]);
    const withParties = (await call('GET', '/accounts?include_party_ledgers=true', tenant.user.token)).json() as { groups: Node[] };
    expect(find(withParties.groups, 'sundry_debtors')!.ledgers.map((l) => l.party_id)).toContain(customer.id);
  });

  it('creates a bank group and ledger with an opening balance; lists cash and bank ledgers for pickers', async () => {
    const bankAccounts = await groupId('bank_accounts');
    const group = await call('POST', '/accounts/groups', tenant.admin.token, { name: 'Current Accounts', parent_id: bankAccounts });
    expect(group.statusCode, group.body).toBe(201);
    expect(group.json()).toMatchObject({
      name: 'Current Accounts',
      parent_id: bankAccounts,
      nature: 'asset',
      is_system: false,
      primary_key: 'current_assets',
    });
    const ledger = await call('POST', '/accounts/ledgers', tenant.admin.token, {
      name: 'HDFC Current 0042',
      group_id: group.json().id,
      opening_balance: { amount: '25000.50', side: 'debit' },
    });
    expect(ledger.statusCode, ledger.body).toBe(201);
    expect(ledger.json()).toMatchObject({
      name: 'HDFC Current 0042',
      group_name: 'Current Accounts',
      nature: 'asset',
      is_cash_or_bank: true,
      opening_balance: '25000.50',
      balance: '25000.50',
      has_entries: false,
      is_system: false,
      is_active: true,
    });
    const picker = await call('GET', '/accounts/ledgers?kind=cash_bank', tenant.user.token);
    expect(picker.statusCode).toBe(200);
    expect((picker.json().items as { name: string }[]).map((l) => l.name)).toEqual(['Cash', 'HDFC Current 0042']);
    const under = await call('GET', '/accounts/ledgers?under=bank_accounts', tenant.user.token);
    expect((under.json().items as { name: string }[]).map((l) => l.name)).toEqual(['HDFC Current 0042']);
    const byGroup = await call('GET', `/accounts/ledgers?group_id=${bankAccounts}`, tenant.user.token);
    expect((byGroup.json().items as { name: string }[]).map((l) => l.name)).toEqual(['HDFC Current 0042']);
    const credit = await call('POST', '/accounts/ledgers', tenant.admin.token, {
      name: 'Term Loan',
      group_id: await groupId('secured_loans'),
      opening_balance: { amount: '100000', side: 'credit' },
    });
    expect(credit.json()).toMatchObject({ opening_balance: '-100000.00', nature: 'liability', is_cash_or_bank: false });
  });

  it('pages the ledgers by name with a cursor, and searches', async () => {
    const expenses = await groupId('indirect_expenses');
    for (const name of ['Rent', 'Salaries', 'Telephone']) {
      expect((await call('POST', '/accounts/ledgers', tenant.admin.token, { name, group_id: expenses })).statusCode).toBe(201);
    }
    const first = await call('GET', `/accounts/ledgers?group_id=${expenses}&limit=2`, tenant.user.token);
    const page1 = first.json() as { items: { name: string }[]; next_cursor: string };
    expect(page1.items.map((l) => l.name)).toEqual(['Bank Charges', 'Discount Allowed']);
    const second = await call('GET', `/accounts/ledgers?group_id=${expenses}&limit=10&cursor=${page1.next_cursor}`, tenant.user.token);
    expect((second.json().items as { name: string }[]).map((l) => l.name)).toEqual(['Rent', 'Round Off', 'Salaries', 'Telephone']);
    expect(second.json().next_cursor).toBeNull();
    const search = await call('GET', '/accounts/ledgers?search=salar', tenant.user.token);
    expect((search.json().items as { name: string }[]).map((l) => l.name)).toEqual(['Salaries']);
    const badCursor = await call('GET', '/accounts/ledgers?cursor=nope', tenant.user.token);
    expect(badCursor.statusCode).toBe(422);
  });

  it('refuses bad input with 422 naming the field', async () => {
    const missing = await call('POST', '/accounts/ledgers', tenant.admin.token, { name: '', group_id: 'x' });
    expect(missing.statusCode).toBe(422);
    expect((missing.json().errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['group_id', 'name']);
    const side = await call('POST', '/accounts/ledgers', tenant.admin.token, {
      name: 'Odd',
      group_id: await groupId('indirect_expenses'),
      opening_balance: { amount: '-5', side: 'both' },
    });
    expect((side.json().errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'opening_balance.amount',
      'opening_balance.side',
    ]);
    const unknownGroup = await call('POST', '/accounts/ledgers', tenant.admin.token, {
      name: 'Lost',
      group_id: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownGroup.statusCode).toBe(422);
    expect(unknownGroup.json().errors).toEqual([{ field: 'group_id', message: expect.stringContaining('No account group') }]);
    for (const key of ['sundry_debtors', 'sundry_creditors', 'stock_in_hand', 'profit_and_loss']) {
      const closed = await call('POST', '/accounts/ledgers', tenant.admin.token, { name: `In ${key}`, group_id: await groupId(key) });
      expect(closed.statusCode, key).toBe(422);
      expect(closed.json().errors[0].field).toBe('group_id');
      const sub = await call('POST', '/accounts/groups', tenant.admin.token, { name: `Under ${key}`, parent_id: await groupId(key) });
      expect(sub.statusCode, key).toBe(422);
      expect(sub.json().errors[0].field).toBe('parent_id');
    }
    const dup = await call('POST', '/accounts/groups', tenant.admin.token, {
      name: 'sundry debtors',
      parent_id: await groupId('current_assets'),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'name' }] });
    const dupLedger = await call('POST', '/accounts/ledgers', tenant.admin.token, {
      name: 'ROUND OFF',
      group_id: await groupId('indirect_expenses'),
    });
    expect(dupLedger.statusCode).toBe(409);
    expect(dupLedger.json()).toMatchObject({ code: 'DUPLICATE', detail: expect.stringContaining('Indirect Expenses') });
  });

  it('renames and moves within a nature; a default group stays; no cycles', async () => {
    const currentAssets = await groupId('current_assets');
    const parent = (await call('POST', '/accounts/groups', tenant.admin.token, { name: 'Branch Assets', parent_id: currentAssets })).json();
    const child = (await call('POST', '/accounts/groups', tenant.admin.token, { name: 'Branch Petty Cash', parent_id: parent.id })).json();
    const cycle = await call('PATCH', `/accounts/groups/${parent.id}`, tenant.admin.token, { parent_id: child.id });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().errors[0]).toMatchObject({ field: 'parent_id', message: expect.stringContaining('under it') });
    const nature = await call('PATCH', `/accounts/groups/${child.id}`, tenant.admin.token, {
      parent_id: await groupId('indirect_expenses'),
    });
    expect(nature.statusCode).toBe(422);
    expect(nature.json().errors[0].message).toContain('same nature (asset)');
    const moved = await call('PATCH', `/accounts/groups/${child.id}`, tenant.admin.token, {
      parent_id: await groupId('cash_in_hand'),
      name: 'Petty Cash',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ name: 'Petty Cash', parent_id: await groupId('cash_in_hand') });
    const system = await call('PATCH', `/accounts/groups/${currentAssets}`, tenant.admin.token, { name: 'Assets Now' });
    expect(system.statusCode).toBe(409);
    expect(system.json().detail).toContain('default group');
    // Sending a default group's own name and parent changes nothing and is fine.
    expect((await call('PATCH', `/accounts/groups/${currentAssets}`, tenant.admin.token, { name: 'Current Assets' })).statusCode).toBe(200);

    const cash = await ledgerId('cash');
    const renamed = await call('PATCH', `/accounts/ledgers/${cash}`, tenant.admin.token, { name: 'Cash at Shop', group_id: child.id });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Cash at Shop', group_name: 'Petty Cash', system_key: 'cash', is_cash_or_bank: true });
    const sales = await ledgerId('sales');
    const acrossNature = await call('PATCH', `/accounts/ledgers/${sales}`, tenant.admin.token, {
      group_id: await groupId('indirect_expenses'),
    });
    expect(acrossNature.statusCode).toBe(409);
    expect(acrossNature.json().detail).toContain('another nature');
    const deactivateSystem = await call('PATCH', `/accounts/ledgers/${sales}`, tenant.admin.token, { is_active: false });
    expect(deactivateSystem.statusCode).toBe(409);
  });

  it('deletes only what has no history: default, party, used and opening ledgers and non-empty groups are refused', async () => {
    const expenses = await groupId('indirect_expenses');
    const group = (await call('POST', '/accounts/groups', tenant.admin.token, { name: 'Office Costs', parent_id: expenses })).json();
    const ledger = (await call('POST', '/accounts/ledgers', tenant.admin.token, { name: 'Stationery', group_id: group.id })).json();
    const notEmpty = await call('DELETE', `/accounts/groups/${group.id}`, tenant.admin.token);
    expect(notEmpty.statusCode).toBe(409);
    expect(notEmpty.json()).toMatchObject({ code: 'IN_USE', detail: expect.stringContaining('1 ledger') });
    expect((await call('DELETE', `/accounts/groups/${expenses}`, tenant.admin.token)).statusCode).toBe(409);
    expect((await call('DELETE', `/accounts/ledgers/${await ledgerId('round_off')}`, tenant.admin.token)).json()).toMatchObject({
      code: 'CONFLICT',
      detail: expect.stringContaining('default ledger'),
    });
    // A ledger with entries: a sale posts to Sales, so Sales (default) is refused anyway; use a
    // customer ledger for the party rule.
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    await call('POST', '/stock/adjustments', tenant.admin.token, { product_id: product.id, quantity_change: '5', reason: 'Count' });
    expect(
      (
        await postVoucher(t, tenant.user.token, 'sales', {
          customer_id: customer.id,
          date: '2025-05-01',
          items: [{ product_id: product.id, quantity: 1 }],
        })
      ).statusCode,
    ).toBe(201);
    const partyLedger = (
      (await call('GET', '/accounts/ledgers?kind=party&limit=200', tenant.admin.token)).json().items as {
        id: string;
        party_id: string;
        has_entries: boolean;
      }[]
    ).find((l) => l.party_id === customer.id)!;
    expect(partyLedger.has_entries).toBe(true);
    const party = await call('DELETE', `/accounts/ledgers/${partyLedger.id}`, tenant.admin.token);
    expect(party.statusCode).toBe(409);
    expect(party.json().detail).toContain('delete the customer instead');
    const renameParty = await call('PATCH', `/accounts/ledgers/${partyLedger.id}`, tenant.admin.token, { name: 'Other' });
    expect(renameParty.statusCode).toBe(409);
    expect(renameParty.json().detail).toContain('rename the customer instead');

    const withOpening = (
      await call('POST', '/accounts/ledgers', tenant.admin.token, {
        name: 'Deposit',
        group_id: await groupId('deposits_asset'),
        opening_balance: { amount: '10', side: 'debit' },
      })
    ).json();
    const opening = await call('DELETE', `/accounts/ledgers/${withOpening.id}`, tenant.admin.token);
    expect(opening.statusCode).toBe(409);
    expect(opening.json().detail).toContain('opening balance');

    const deactivated = await call('PATCH', `/accounts/ledgers/${ledger.id}`, tenant.admin.token, { is_active: false });
    expect(deactivated.json()).toMatchObject({ is_active: false });
    const active = await call('GET', `/accounts/ledgers?group_id=${group.id}`, tenant.admin.token);
    expect(active.json().items).toEqual([]);
    const all = await call('GET', `/accounts/ledgers?group_id=${group.id}&active_only=false`, tenant.admin.token);
    expect(all.json().items).toHaveLength(1);
    expect((await call('PATCH', `/accounts/ledgers/${ledger.id}`, tenant.admin.token, { is_active: true })).json()).toMatchObject({
      is_active: true,
    });

    expect((await call('DELETE', `/accounts/ledgers/${ledger.id}`, tenant.admin.token)).json()).toEqual({ id: ledger.id, deleted: true });
    expect((await call('GET', `/accounts/ledgers/${ledger.id}`, tenant.admin.token)).statusCode).toBe(404);
    expect((await call('DELETE', `/accounts/groups/${group.id}`, tenant.admin.token)).statusCode).toBe(200);

    const audit = await call('GET', '/audit-events?limit=50', tenant.orgAdmin.token);
    const actions = (audit.json().items as { action: string }[]).map((a) => a.action);
    for (const action of [
      'account_group.created',
      'ledger.created',
      'ledger.deactivated',
      'ledger.reactivated',
      'ledger.deleted',
      'account_group.deleted',
    ]) {
      expect(actions, action).toContain(action);
    }
  });

  it('keeps organisations apart and lets only admins change the chart', async () => {
    const other = await createTenant(t.deps);
    const mine = (
      await call('POST', '/accounts/ledgers', tenant.admin.token, { name: 'Private Bank', group_id: await groupId('bank_accounts') })
    ).json();
    expect((await call('GET', `/accounts/ledgers/${mine.id}`, other.orgAdmin.token)).statusCode).toBe(404);
    expect((await call('PATCH', `/accounts/ledgers/${mine.id}`, other.orgAdmin.token, { name: 'Stolen' })).statusCode).toBe(404);
    expect((await call('DELETE', `/accounts/ledgers/${mine.id}`, other.orgAdmin.token)).statusCode).toBe(404);
    const theirs = await call('GET', '/accounts/ledgers?kind=cash_bank', other.orgAdmin.token);
    expect((theirs.json().items as { name: string }[]).map((l) => l.name)).toEqual(['Cash']);
    const intoMine = await call('POST', '/accounts/ledgers', other.orgAdmin.token, {
      name: 'Sneaky',
      group_id: await groupId('bank_accounts'),
    });
    expect(intoMine.statusCode).toBe(422);
    expect(
      (await call('POST', '/accounts/ledgers', tenant.user.token, { name: 'Mine', group_id: await groupId('bank_accounts') })).statusCode,
    ).toBe(403);
  });
});
