import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { apiCaller, createCustomer, createProduct, createVendor, postVoucher } from '../../test/business';
import { createTenant, platformTx } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { ownerHandle } from '../../test/test-db';
import { checkIntegrity } from '../integrity';

/**
 * Opening balances (issue 15 item 1, BOOKS.md "Chart of accounts" and "Stock value"): per ledger,
 * bill by bill for parties (real bills that receipts allocate against), and opening stock per
 * product dated the day before the books start; the difference in opening balances as the trial
 * balance shows it; the books lock; admins only.
 */

type Tenant = Awaited<ReturnType<typeof createTenant>>;
let t: TestApp;
let call: ReturnType<typeof apiCaller>;

beforeAll(async () => {
  t = await buildTestApp();
  call = apiCaller(t);
});
afterAll(() => t.close());

/** The test organisations' books start on 2000-04-01: opening stock is dated 2000-03-31. */
const BOOKS_START = '2000-04-01';
const STOCK_DATE = '2000-03-31';

async function ledgerId(tenant: Tenant, key: string): Promise<string> {
  const res = await call('GET', '/accounts/ledgers?kind=other&limit=200', tenant.admin.token);
  return (res.json().items as { id: string; system_key: string | null }[]).find((l) => l.system_key === key)!.id;
}

async function newLedger(tenant: Tenant, groupKey: string, name: string): Promise<string> {
  const groups = (await call('GET', '/accounts/groups', tenant.admin.token)).json().items as { id: string; system_key: string | null }[];
  const res = await call('POST', '/accounts/ledgers', tenant.admin.token, {
    name,
    group_id: groups.find((g) => g.system_key === groupKey)!.id,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function ledgerOpening(tenant: Tenant, id: string): Promise<string> {
  return (await call('GET', `/accounts/ledgers/${id}`, tenant.admin.token)).json().opening_balance as string;
}

async function partyLedgerId(tenant: Tenant, partyId: string): Promise<string> {
  const res = await call('GET', '/accounts/ledgers?kind=party&limit=200', tenant.admin.token);
  return (res.json().items as { id: string; party_id: string | null }[]).find((l) => l.party_id === partyId)!.id;
}

function fieldsOf(res: { json: () => unknown }): string[] {
  return ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
}

async function auditActions(tenant: Tenant, targetId: string): Promise<string[]> {
  const rows = await platformTx(t.deps, (db) =>
    queryRows<{ action: string }>(
      db,
      sql`SELECT action FROM audit_events WHERE organization_id = ${tenant.org.id} AND target_id = ${targetId} ORDER BY seq`,
    ),
  );
  return rows.map((r) => r.action);
}

async function integrityProblems() {
  return (await checkIntegrity(ownerHandle(t.deps.handle), { maxProblems: 20 })).problems;
}

describe('ledger opening balances', () => {
  it('sets Dr and Cr openings, lists them with the totals and the difference; zero removes one', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const bank = await newLedger(tenant, 'bank_accounts', 'SBI Current A/c');
    const capital = await ledgerId(tenant, 'capital');
    const set = await call('PUT', `/opening-balances/ledgers/${bank}`, tenant.admin.token, { amount: '1500.50', side: 'debit' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ ledger_id: bank, opening_balance: '1500.50' });
    const cr = await call('PUT', `/opening-balances/ledgers/${capital}`, tenant.orgAdmin.token, { amount: 1000, side: 'credit' });
    expect(cr.json()).toEqual({ ledger_id: capital, opening_balance: '-1000.00' });
    expect(await ledgerOpening(tenant, capital)).toBe('-1000.00');

    const all = await call('GET', '/opening-balances', tenant.admin.token);
    expect(all.statusCode, all.body).toBe(200);
    const body = all.json() as {
      books_start_date: string;
      stock_date: string;
      locked: boolean;
      ledgers: { ledger_id: string; name: string; group_name: string; debit: string; credit: string; party_id: string | null }[];
      stock_value: string;
      total_debit: string;
      total_credit: string;
      difference: string;
    };
    expect(body).toMatchObject({
      books_start_date: BOOKS_START,
      stock_date: STOCK_DATE,
      locked: false,
      stock_value: '0.00',
      total_debit: '1500.50',
      total_credit: '1000.00',
      difference: '-500.50',
    });
    expect(body.ledgers.find((l) => l.ledger_id === bank)).toMatchObject({ name: 'SBI Current A/c', debit: '1500.50', credit: '0.00' });
    expect(body.ledgers.find((l) => l.ledger_id === capital)).toMatchObject({
      group_name: 'Capital Account',
      debit: '0.00',
      credit: '1000.00',
    });
    // Every ledger that is not a party's is listed (the form of openings), in the statements' order.
    expect(body.ledgers.map((l) => l.name)).toContain('Cash');
    expect(body.ledgers.findIndex((l) => l.ledger_id === capital)).toBeLessThan(body.ledgers.findIndex((l) => l.ledger_id === bank));

    const zero = await call('PUT', `/opening-balances/ledgers/${bank}`, tenant.admin.token, { amount: '0', side: 'debit' });
    expect(zero.json()).toEqual({ ledger_id: bank, opening_balance: '0.00' });
    expect((await call('GET', '/opening-balances', tenant.admin.token)).json()).toMatchObject({
      total_debit: '0.00',
      difference: '1000.00',
    });
    expect(await auditActions(tenant, bank)).toEqual(['ledger.created', 'ledger.opening_set', 'ledger.opening_set']);
  });

  it('names the bad field; a party ledger takes its opening bill by bill (409); an unknown ledger is 404', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const cash = await ledgerId(tenant, 'cash');
    const badSide = await call('PUT', `/opening-balances/ledgers/${cash}`, tenant.admin.token, { amount: '10', side: 'dr' });
    expect(badSide.statusCode).toBe(422);
    expect(fieldsOf(badSide)).toEqual(['side']);
    const negative = await call('PUT', `/opening-balances/ledgers/${cash}`, tenant.admin.token, { amount: '-10', side: 'debit' });
    expect(negative.statusCode).toBe(422);
    expect(fieldsOf(negative)).toEqual(['amount']);
    const tooPrecise = await call('PUT', `/opening-balances/ledgers/${cash}`, tenant.admin.token, { amount: '1.005', side: 'debit' });
    expect(fieldsOf(tooPrecise)).toEqual(['amount']);
    const customer = await createCustomer(t, tenant.user.token);
    const party = await partyLedgerId(tenant, customer.id);
    const refused = await call('PUT', `/opening-balances/ledgers/${party}`, tenant.admin.token, { amount: '10', side: 'debit' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('bill by bill');
    const unknown = await call('PUT', `/opening-balances/ledgers/${crypto.randomUUID()}`, tenant.admin.token, {
      amount: '1',
      side: 'debit',
    });
    expect(unknown.statusCode).toBe(404);
    const notUuid = await call('PUT', '/opening-balances/ledgers/x', tenant.admin.token, { amount: '1', side: 'debit' });
    expect(notUuid.statusCode).toBe(422);
    expect(fieldsOf(notUuid)).toEqual(['path.ledger_id']);
    expect(await ledgerOpening(tenant, cash)).toBe('0.00');
  });
});

interface Bill {
  id: string;
  party_id: string;
  side: string;
  ref: string;
  is_opening: boolean;
  voucher_id: string | null;
  date: string;
  due_date: string;
  amount: string;
  outstanding: string;
  status: string;
  overdue: boolean;
  allocations: { voucher_id: string; voucher_number: string; amount: string; released: boolean }[];
}

describe('party opening bills', () => {
  it("are bills of the party's side; its ledger's opening is their sum; edited and deleted with the sum following", async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const customer = await createCustomer(t, tenant.user.token, { credit_days: 30 });
    const vendor = await createVendor(t, tenant.user.token);
    const first = await call('POST', `/opening-balances/parties/${customer.id}/bills`, tenant.admin.token, {
      ref: 'OLD/101',
      date: '2000-02-10',
      amount: '1000.00',
    });
    expect(first.statusCode, first.body).toBe(201);
    const bill = first.json() as Bill;
    expect(bill).toMatchObject({
      party_id: customer.id,
      side: 'receivable',
      ref: 'OLD/101',
      is_opening: true,
      voucher_id: null,
      date: '2000-02-10',
      due_date: '2000-03-11',
      amount: '1000.00',
      outstanding: '1000.00',
      status: 'unpaid',
      overdue: true,
      allocations: [],
    });
    const second = await call('POST', `/opening-balances/parties/${customer.id}/bills`, tenant.orgAdmin.token, {
      ref: 'OLD/102',
      date: BOOKS_START,
      due_date: '2000-05-01',
      amount: 250.5,
    });
    expect(second.statusCode, second.body).toBe(201);
    const customerLedger = await partyLedgerId(tenant, customer.id);
    expect(await ledgerOpening(tenant, customerLedger)).toBe('1250.50');

    const payable = await call('POST', `/opening-balances/parties/${vendor.id}/bills`, tenant.admin.token, {
      ref: 'V-9',
      date: '2000-03-01',
      amount: '400',
    });
    expect(payable.json()).toMatchObject({ side: 'payable', due_date: '2000-03-01' });
    expect(await ledgerOpening(tenant, await partyLedgerId(tenant, vendor.id))).toBe('-400.00');

    const edited = await call('PATCH', `/opening-balances/bills/${bill.id}`, tenant.admin.token, { amount: '900', ref: 'OLD/101A' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ ref: 'OLD/101A', amount: '900.00', outstanding: '900.00', due_date: '2000-03-11' });
    expect(await ledgerOpening(tenant, customerLedger)).toBe('1150.50');

    const list = await call('GET', `/opening-balances/parties/${customer.id}/bills`, tenant.admin.token);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({
      party: { id: customer.id, name: customer.name, kind: 'customer' },
      side: 'receivable',
      total: '1150.50',
    });
    expect((list.json().items as Bill[]).map((b) => b.ref)).toEqual(['OLD/101A', 'OLD/102']);

    const opened = (await call('GET', '/opening-balances', tenant.admin.token)).json() as {
      ledgers: { party_id: string | null; debit: string; credit: string }[];
      difference: string;
    };
    expect(opened.ledgers.find((l) => l.party_id === customer.id)).toMatchObject({ debit: '1150.50', credit: '0.00' });
    expect(opened.ledgers.find((l) => l.party_id === vendor.id)).toMatchObject({ debit: '0.00', credit: '400.00' });
    expect(opened.difference).toBe('-750.50');

    const deleted = await call('DELETE', `/opening-balances/bills/${second.json().id}`, tenant.admin.token);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toEqual({ id: second.json().id, deleted: true });
    expect(await ledgerOpening(tenant, customerLedger)).toBe('900.00');
    expect(await auditActions(tenant, bill.id)).toEqual(['opening_bill.created', 'opening_bill.updated']);
    expect(await auditActions(tenant, second.json().id)).toEqual(['opening_bill.created', 'opening_bill.deleted']);
    expect(await integrityProblems()).toEqual([]);
  });

  it('names the bad field: a date after the books start, a due date before the date, a duplicate reference, no amount', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const customer = await createCustomer(t, tenant.user.token);
    const url = `/opening-balances/parties/${customer.id}/bills`;
    const late = await call('POST', url, tenant.admin.token, { ref: 'A', date: '2000-04-02', amount: '10' });
    expect(late.statusCode).toBe(422);
    expect(fieldsOf(late)).toEqual(['date']);
    const due = await call('POST', url, tenant.admin.token, { ref: 'A', date: '2000-03-02', due_date: '2000-03-01', amount: '10' });
    expect(fieldsOf(due)).toEqual(['due_date']);
    const zero = await call('POST', url, tenant.admin.token, { ref: 'A', date: '2000-03-02', amount: '0' });
    expect(fieldsOf(zero)).toEqual(['amount']);
    const noRef = await call('POST', url, tenant.admin.token, { ref: '  ', date: '2000-03-02', amount: '5' });
    expect(fieldsOf(noRef)).toEqual(['ref']);
    const huge = await call('POST', url, tenant.admin.token, { ref: 'H1', date: '2000-03-02', amount: '999999999999.99' });
    expect(huge.statusCode, huge.body).toBe(201);
    const over = await call('POST', url, tenant.admin.token, { ref: 'H2', date: '2000-03-02', amount: '1' });
    expect(over.statusCode).toBe(422);
    expect(fieldsOf(over)).toEqual(['amount']);
    await call('DELETE', `/opening-balances/bills/${huge.json().id}`, tenant.admin.token);

    const ok = await call('POST', url, tenant.admin.token, { ref: 'INV-1', date: '2000-03-02', amount: '10' });
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await call('POST', url, tenant.admin.token, { ref: 'inv-1', date: '2000-03-03', amount: '20' });
    expect(again.statusCode).toBe(409);
    expect(fieldsOf(again)).toEqual(['ref']);
    const other = await call('POST', url, tenant.admin.token, { ref: 'INV-2', date: '2000-03-03', amount: '20' });
    const rename = await call('PATCH', `/opening-balances/bills/${other.json().id}`, tenant.admin.token, { ref: 'INV-1' });
    expect(rename.statusCode).toBe(409);
    expect(fieldsOf(rename)).toEqual(['ref']);
    const dueBefore = await call('PATCH', `/opening-balances/bills/${ok.json().id}`, tenant.admin.token, { due_date: '2000-03-01' });
    expect(fieldsOf(dueBefore)).toEqual(['due_date']);
    const after = await call('PATCH', `/opening-balances/bills/${ok.json().id}`, tenant.admin.token, { date: '2000-05-01' });
    expect(fieldsOf(after)).toEqual(['date']);
    expect(await ledgerOpening(tenant, await partyLedgerId(tenant, customer.id))).toBe('30.00');
    const unknownParty = await call('POST', `/opening-balances/parties/${crypto.randomUUID()}/bills`, tenant.admin.token, {
      ref: 'X',
      date: '2000-03-02',
      amount: '1',
    });
    expect(unknownParty.statusCode).toBe(404);
    expect((await call('DELETE', `/opening-balances/bills/${crypto.randomUUID()}`, tenant.admin.token)).statusCode).toBe(404);
  });

  it('a receipt allocates against an opening bill; the bill cannot then be deleted or lowered below it; cancelling releases it', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const customer = await createCustomer(t, tenant.user.token);
    const created = await call('POST', `/opening-balances/parties/${customer.id}/bills`, tenant.admin.token, {
      ref: 'OB-1',
      date: '2000-03-15',
      amount: '500.00',
    });
    const bill = created.json() as Bill;
    const cash = await ledgerId(tenant, 'cash');
    const receipt = await postVoucher(t, tenant.user.token, 'receipt', {
      date: '2025-07-10',
      mode: 'cash',
      cash_bank_ledger_id: cash,
      customer_id: customer.id,
      amount: '300.00',
      allocations: [{ bill_id: bill.id, amount: '200.00' }],
    });
    expect(receipt.statusCode, receipt.body).toBe(201);
    const rc = receipt.json() as { id: string; voucher_number: string; on_account: string };
    expect(rc.on_account).toBe('100.00');

    const read = (await call('GET', `/opening-balances/parties/${customer.id}/bills`, tenant.admin.token)).json().items as Bill[];
    expect(read[0]).toMatchObject({ outstanding: '300.00', status: 'partly_paid' });
    expect(read[0]!.allocations).toEqual([
      expect.objectContaining({ voucher_id: rc.id, voucher_number: rc.voucher_number, amount: '200.00', released: false }),
    ]);

    const del = await call('DELETE', `/opening-balances/bills/${bill.id}`, tenant.admin.token);
    expect(del.statusCode).toBe(409);
    expect(del.json().detail).toContain(rc.voucher_number);
    const lower = await call('PATCH', `/opening-balances/bills/${bill.id}`, tenant.admin.token, { amount: '150' });
    expect(lower.statusCode).toBe(422);
    expect(fieldsOf(lower)).toEqual(['amount']);
    const raise = await call('PATCH', `/opening-balances/bills/${bill.id}`, tenant.admin.token, { amount: '650' });
    expect(raise.json()).toMatchObject({ amount: '650.00', allocated: '200.00', outstanding: '450.00', status: 'partly_paid' });
    const exact = await call('PATCH', `/opening-balances/bills/${bill.id}`, tenant.admin.token, { amount: '200' });
    expect(exact.json()).toMatchObject({ amount: '200.00', outstanding: '0.00', status: 'paid', overdue: false });
    expect(await ledgerOpening(tenant, await partyLedgerId(tenant, customer.id))).toBe('200.00');
    expect(await integrityProblems()).toEqual([]);

    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/receipt/${rc.id}/cancel`,
      headers: { authorization: `Bearer ${tenant.admin.token}` },
      payload: { reason: 'Entered twice' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const released = (await call('GET', `/opening-balances/parties/${customer.id}/bills`, tenant.admin.token)).json().items as Bill[];
    expect(released[0]).toMatchObject({ outstanding: '200.00', status: 'unpaid' });
    expect(released[0]!.allocations[0]).toMatchObject({ released: true });
    expect((await call('DELETE', `/opening-balances/bills/${bill.id}`, tenant.admin.token)).statusCode).toBe(200);
    expect(await ledgerOpening(tenant, await partyLedgerId(tenant, customer.id))).toBe('0.00');
    expect(await integrityProblems()).toEqual([]);
  });
});

async function movements(tenant: Tenant, productId: string) {
  return platformTx(t.deps, (db) =>
    queryRows<{ source: string; entry_date: string; quantity_change: string; unit_cost: string; value: string }>(
      db,
      sql`SELECT source, entry_date::text, quantity_change::text, unit_cost::text, value::text FROM stock_ledger
           WHERE organization_id = ${tenant.org.id} AND product_id = ${productId} ORDER BY seq`,
    ),
  );
}

async function stockBalance(tenant: Tenant, productId: string) {
  const [row] = await platformTx(t.deps, (db) =>
    queryRows<{ quantity: string; average_cost: string; value: string }>(
      db,
      sql`SELECT quantity::text, average_cost::text, value::text FROM stock_balances
           WHERE organization_id = ${tenant.org.id} AND product_id = ${productId}`,
    ),
  );
  return row!;
}

describe('opening stock', () => {
  it('enters the stock ledger dated the day before the books start at its rate; changed and removed by reversing', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const product = await createProduct(t, tenant.user.token, { name: 'Opening Widget', unit: 'PCS' });
    const set = await call('PUT', `/opening-balances/stock/${product.id}`, tenant.admin.token, { quantity: '10', rate: '50.5' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({
      product_id: product.id,
      product_name: 'Opening Widget',
      unit: 'PCS',
      date: STOCK_DATE,
      quantity: '10.000',
      rate: '50.5000',
      value: '505.00',
    });
    expect(await stockBalance(tenant, product.id)).toEqual({ quantity: '10.000', average_cost: '50.5000', value: '505.00' });
    expect(await movements(tenant, product.id)).toEqual([
      { source: 'opening', entry_date: STOCK_DATE, quantity_change: '10.000', unit_cost: '50.5000', value: '505.00' },
    ]);

    const changed = await call('PUT', `/opening-balances/stock/${product.id}`, tenant.orgAdmin.token, { quantity: 4, rate: '60' });
    expect(changed.json()).toMatchObject({ quantity: '4.000', rate: '60.0000', value: '240.00' });
    expect(await stockBalance(tenant, product.id)).toEqual({ quantity: '4.000', average_cost: '60.0000', value: '240.00' });
    expect((await movements(tenant, product.id)).map((m) => [m.quantity_change, m.unit_cost])).toEqual([
      ['10.000', '50.5000'],
      ['-10.000', '50.5000'],
      ['4.000', '60.0000'],
    ]);

    const list = await call('GET', '/opening-balances/stock', tenant.admin.token);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toEqual({ items: [changed.json()], total_value: '240.00' });
    expect((await call('GET', '/opening-balances', tenant.admin.token)).json()).toMatchObject({
      stock_value: '240.00',
      total_debit: '240.00',
      difference: '-240.00',
    });

    const removed = await call('PUT', `/opening-balances/stock/${product.id}`, tenant.admin.token, { quantity: '0', rate: '0' });
    expect(removed.json()).toMatchObject({ quantity: '0.000', rate: '0.0000', value: '0.00' });
    expect((await call('GET', '/opening-balances/stock', tenant.admin.token)).json()).toEqual({ items: [], total_value: '0.00' });
    expect(await stockBalance(tenant, product.id)).toMatchObject({ quantity: '0.000', value: '0.00' });
    expect(await auditActions(tenant, product.id)).toEqual([
      'product.created',
      'stock.opening_set',
      'stock.opening_set',
      'stock.opening_set',
    ]);
    expect(await integrityProblems()).toEqual([]);
  });

  it('names the bad field; cannot take away stock already sold; an unknown product is 404', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const product = await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '18' });
    const url = `/opening-balances/stock/${product.id}`;
    const negative = await call('PUT', url, tenant.admin.token, { quantity: '-1', rate: '10' });
    expect(negative.statusCode).toBe(422);
    expect(fieldsOf(negative)).toEqual(['quantity']);
    const noRate = await call('PUT', url, tenant.admin.token, { quantity: '1' });
    expect(fieldsOf(noRate)).toEqual(['rate']);
    const precise = await call('PUT', url, tenant.admin.token, { quantity: '1', rate: '1.00001' });
    expect(fieldsOf(precise)).toEqual(['rate']);
    const huge = await call('PUT', url, tenant.admin.token, { quantity: '99999999999', rate: '999999999999' });
    expect(huge.statusCode).toBe(422);
    expect(fieldsOf(huge)).toEqual(['rate']);
    expect(
      (await call('PUT', `/opening-balances/stock/${crypto.randomUUID()}`, tenant.admin.token, { quantity: '1', rate: '1' })).statusCode,
    ).toBe(404);

    expect((await call('PUT', url, tenant.admin.token, { quantity: '5', rate: '40' })).statusCode).toBe(200);
    const customer = await createCustomer(t, tenant.user.token);
    const sale = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-07-01',
      items: [{ product_id: product.id, quantity: 4 }],
    });
    expect(sale.statusCode, sale.body).toBe(201);
    const lower = await call('PUT', url, tenant.admin.token, { quantity: '2', rate: '40' });
    expect(lower.statusCode).toBe(409);
    expect(lower.json().code).toBe('INSUFFICIENT_STOCK');
    expect(fieldsOf(lower)).toEqual(['quantity']);
    const fine = await call('PUT', url, tenant.admin.token, { quantity: '4', rate: '40' });
    expect(fine.statusCode, fine.body).toBe(200);
    expect(await stockBalance(tenant, product.id)).toMatchObject({ quantity: '0.000' });
    expect(await integrityProblems()).toEqual([]);
  });
});

describe('the trial balance with openings', () => {
  it('shows the ledger openings, the opening stock and the difference in opening balances until they agree', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const bank = await newLedger(tenant, 'bank_accounts', 'ICICI A/c');
    const capital = await ledgerId(tenant, 'capital');
    const customer = await createCustomer(t, tenant.user.token, { name: 'Opening Debtor' });
    const vendor = await createVendor(t, tenant.user.token, { name: 'Opening Creditor' });
    const product = await createProduct(t, tenant.user.token);
    await call('PUT', `/opening-balances/ledgers/${bank}`, tenant.admin.token, { amount: '1000', side: 'debit' });
    await call('PUT', `/opening-balances/ledgers/${capital}`, tenant.admin.token, { amount: '800', side: 'credit' });
    await call('POST', `/opening-balances/parties/${customer.id}/bills`, tenant.admin.token, {
      ref: 'D1',
      date: '2000-03-01',
      amount: '300',
    });
    await call('POST', `/opening-balances/parties/${vendor.id}/bills`, tenant.admin.token, {
      ref: 'C1',
      date: '2000-03-01',
      amount: '200',
    });
    await call('PUT', `/opening-balances/stock/${product.id}`, tenant.admin.token, { quantity: '10', rate: '50' });

    // Debits 1000 + 300 + stock 500 = 1800, credits 800 + 200 = 1000: 800 short on the credit side.
    const openings = (await call('GET', '/opening-balances', tenant.admin.token)).json();
    expect(openings).toMatchObject({ stock_value: '500.00', total_debit: '1800.00', total_credit: '1000.00', difference: '-800.00' });

    const tb = await call('GET', `/reports/trial-balance?as_of=${BOOKS_START}`, tenant.admin.token);
    expect(tb.statusCode, tb.body).toBe(200);
    const body = tb.json() as {
      rows: { kind: string; id: string | null; name: string; debit: string; credit: string }[];
      opening_difference: string;
      total_debit: string;
      total_credit: string;
    };
    expect(body.opening_difference).toBe(openings.difference);
    expect(body).toMatchObject({ total_debit: '1800.00', total_credit: '1800.00' });
    const row = (name: string) => body.rows.find((r) => r.name === name);
    expect(row('Difference in opening balances')).toMatchObject({ kind: 'opening_difference', debit: '0.00', credit: '800.00' });
    expect(row('Opening Stock')).toMatchObject({ debit: '500.00' });
    expect(row('ICICI A/c')).toMatchObject({ debit: '1000.00' });
    expect(row('Opening Debtor')).toMatchObject({ debit: '300.00' });
    expect(row('Opening Creditor')).toMatchObject({ credit: '200.00' });

    // Corrected: capital takes the rest, and the difference line goes.
    await call('PUT', `/opening-balances/ledgers/${capital}`, tenant.admin.token, { amount: '1600', side: 'credit' });
    expect((await call('GET', '/opening-balances', tenant.admin.token)).json()).toMatchObject({ difference: '0.00' });
    const agreed = (await call('GET', `/reports/trial-balance?as_of=${BOOKS_START}`, tenant.admin.token)).json() as typeof body;
    expect(agreed.opening_difference).toBe('0.00');
    expect(agreed.rows.map((r) => r.kind)).not.toContain('opening_difference');
    expect(agreed).toMatchObject({ total_debit: '1800.00', total_credit: '1800.00' });
    expect(await integrityProblems()).toEqual([]);
  });
});

describe('the books lock, permissions and tenants', () => {
  it('refuses every change once the lock reaches the day before the books start (409 BOOKS_LOCKED); reading still works', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const cash = await ledgerId(tenant, 'cash');
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    const bill = await call('POST', `/opening-balances/parties/${customer.id}/bills`, tenant.admin.token, {
      ref: 'L1',
      date: '2000-03-01',
      amount: '10',
    });
    // A lock before the opening stock's date leaves the openings open.
    const early = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, { books_locked_until: '2000-03-30' });
    expect(early.statusCode, early.body).toBe(200);
    expect((await call('PUT', `/opening-balances/ledgers/${cash}`, tenant.admin.token, { amount: '5', side: 'debit' })).statusCode).toBe(
      200,
    );
    const lock = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, { books_locked_until: STOCK_DATE });
    expect(lock.statusCode, lock.body).toBe(200);

    const refusals = [
      await call('PUT', `/opening-balances/ledgers/${cash}`, tenant.admin.token, { amount: '6', side: 'debit' }),
      await call('POST', `/opening-balances/parties/${customer.id}/bills`, tenant.admin.token, {
        ref: 'L2',
        date: '2000-03-01',
        amount: '1',
      }),
      await call('PATCH', `/opening-balances/bills/${bill.json().id}`, tenant.admin.token, { amount: '11' }),
      await call('DELETE', `/opening-balances/bills/${bill.json().id}`, tenant.admin.token),
      await call('PUT', `/opening-balances/stock/${product.id}`, tenant.admin.token, { quantity: '1', rate: '1' }),
    ];
    for (const res of refusals) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('BOOKS_LOCKED');
    }
    const read = await call('GET', '/opening-balances', tenant.admin.token);
    expect(read.json()).toMatchObject({ locked: true, total_debit: '15.00' });
    expect(await ledgerOpening(tenant, cash)).toBe('5.00');
  });

  it('the books start date cannot move while there is opening stock, nor before the latest opening bill', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    await call('POST', `/opening-balances/parties/${customer.id}/bills`, tenant.admin.token, {
      ref: 'S1',
      date: '2000-03-01',
      amount: '10',
    });
    await call('PUT', `/opening-balances/stock/${product.id}`, tenant.admin.token, { quantity: '2', rate: '3' });
    const move = (date: string) => call('PATCH', '/organization/settings', tenant.orgAdmin.token, { books_start_date: date });
    const held = await move('2000-05-01');
    expect(held.statusCode).toBe(422);
    expect(held.json().errors[0]).toMatchObject({ field: 'books_start_date', message: expect.stringContaining('opening stock') });
    await call('PUT', `/opening-balances/stock/${product.id}`, tenant.admin.token, { quantity: '0', rate: '0' });
    const early = await move('2000-02-01');
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0]).toMatchObject({ field: 'books_start_date', message: expect.stringContaining('2000-03-01') });
    // The opening stock's movements (now netting to nothing) do not hold the start where it was.
    const later = await move('2000-05-01');
    expect(later.statusCode, later.body).toBe(200);
    const again = await call('PUT', `/opening-balances/stock/${product.id}`, tenant.admin.token, { quantity: '1', rate: '3' });
    expect(again.json()).toMatchObject({ date: '2000-04-30', quantity: '1.000' });
    expect((await call('GET', '/opening-balances/stock', tenant.admin.token)).json().total_value).toBe('3.00');
  });

  it('standard users get 403; another organisation sees none of it (404)', async () => {
    const a = await createTenant(t.deps, { stateCode: '27' });
    const b = await createTenant(t.deps, { stateCode: '29' });
    const customer = await createCustomer(t, a.user.token);
    const product = await createProduct(t, a.user.token);
    const bill = await call('POST', `/opening-balances/parties/${customer.id}/bills`, a.admin.token, {
      ref: 'T1',
      date: '2000-03-01',
      amount: '10',
    });
    await call('PUT', `/opening-balances/stock/${product.id}`, a.admin.token, { quantity: '3', rate: '7' });
    expect((await call('GET', '/opening-balances', a.user.token)).statusCode).toBe(403);
    expect((await call('GET', '/opening-balances/stock', a.user.token)).statusCode).toBe(403);
    expect(
      (await call('POST', `/opening-balances/parties/${customer.id}/bills`, a.user.token, { ref: 'T2', date: '2000-03-01', amount: '1' }))
        .statusCode,
    ).toBe(403);

    expect((await call('GET', `/opening-balances/parties/${customer.id}/bills`, b.admin.token)).statusCode).toBe(404);
    expect((await call('PATCH', `/opening-balances/bills/${bill.json().id}`, b.admin.token, { amount: '1' })).statusCode).toBe(404);
    expect((await call('DELETE', `/opening-balances/bills/${bill.json().id}`, b.admin.token)).statusCode).toBe(404);
    expect((await call('PUT', `/opening-balances/stock/${product.id}`, b.admin.token, { quantity: '1', rate: '1' })).statusCode).toBe(404);
    expect((await call('GET', '/opening-balances/stock', b.admin.token)).json()).toEqual({ items: [], total_value: '0.00' });
    expect((await call('GET', '/opening-balances', b.admin.token)).json()).toMatchObject({ total_debit: '0.00', stock_value: '0.00' });
  });
});
