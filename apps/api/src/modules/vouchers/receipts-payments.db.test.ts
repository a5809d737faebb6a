import { indianDate } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Executor } from '../../db/client';
import { adjustStock, apiCaller, createCustomer, createProduct, createVendor, postVoucher } from '../../test/business';
import { createTenant, platformTx } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { ownerHandle } from '../../test/test-db';
import { checkIntegrity } from '../integrity';

/**
 * Receipts and payments (issue 15 item 3, BOOKS.md): Dr cash or bank, Cr the customer (a payment
 * the mirror), allocated to the party's open bills within each bill's outstanding, the rest on
 * account and allocatable later; cancelling reverses the entries and releases the allocations.
 */

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let call: ReturnType<typeof apiCaller>;
let cash: string;
let bank: string;
let loan: string;

const platform = <T>(fn: (db: Executor) => Promise<T>) => platformTx(t.deps, fn);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A ledger of the tenant's chart, made under a default group (the chart of accounts API is another engineer's). */
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

async function systemLedger(key: string): Promise<string> {
  const [row] = await platform((db) =>
    queryRows<{ id: string }>(db, sql`SELECT id FROM ledgers WHERE organization_id = ${tenant.org.id} AND system_key = ${key}`),
  );
  return row!.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27' });
  call = apiCaller(t);
  cash = await systemLedger('cash');
  bank = await addLedger('bank_accounts', 'HDFC Current A/c');
  loan = await addLedger('unsecured_loans', 'Loan from Director');
});
afterAll(() => t.close());

interface Entry {
  ledger: string;
  amount: string;
  reversal: boolean;
}

async function entriesOf(voucherId: string): Promise<Entry[]> {
  return platform((db) =>
    queryRows<Entry>(
      db,
      sql`SELECT coalesce(l.system_key, l.name) AS ledger, e.amount, e.is_reversal AS reversal
            FROM ledger_entries e JOIN ledgers l ON l.id = e.ledger_id
           WHERE e.voucher_id = ${voucherId}
           ORDER BY e.is_reversal, e.line_no`,
    ),
  );
}

async function outstandingOf(invoiceId: string): Promise<string> {
  const [row] = await platform((db) =>
    queryRows<{ outstanding: string }>(db, sql`SELECT outstanding FROM bills WHERE voucher_id = ${invoiceId}`),
  );
  return row!.outstanding;
}

async function billIdOf(invoiceId: string): Promise<string> {
  const [row] = await platform((db) => queryRows<{ id: string }>(db, sql`SELECT id FROM bills WHERE voucher_id = ${invoiceId}`));
  return row!.id;
}

/** A sales invoice of 118.00 (100 + 18 % GST, intra-state) to the customer, and its bill. */
async function invoiceTo(customerId: string, date = '2025-07-01') {
  const product = await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '18' });
  await adjustStock(t, tenant.admin.token, product.id, '5');
  const res = await postVoucher(t, tenant.user.token, 'sales', {
    customer_id: customerId,
    date,
    items: [{ product_id: product.id, quantity: 1 }],
  });
  expect(res.statusCode, res.body).toBe(201);
  const invoice = res.json() as { id: string; voucher_number: string; grand_total: string };
  return { ...invoice, billId: await billIdOf(invoice.id) };
}

async function purchaseFrom(vendorId: string) {
  const product = await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '18' });
  const res = await postVoucher(t, tenant.user.token, 'purchase', {
    vendor_id: vendorId,
    date: '2025-07-01',
    items: [{ product_id: product.id, quantity: 2 }],
  });
  expect(res.statusCode, res.body).toBe(201);
  const invoice = res.json() as { id: string; grand_total: string };
  return { ...invoice, billId: await billIdOf(invoice.id) };
}

interface Voucher {
  id: string;
  voucher_number: string;
  status: string;
  amount: string;
  grand_total: string;
  party: { id: string; name: string } | null;
  cash_bank_ledger: { id: string; name: string } | null;
  other_ledger: { id: string; name: string } | null;
  mode: string;
  allocations: { bill_id: string; bill_ref: string; amount: string }[];
  on_account: string | null;
}

function receipt(body: Record<string, unknown>, token = tenant.user.token) {
  return postVoucher(t, token, 'receipt', { date: '2025-07-10', mode: 'cash', cash_bank_ledger_id: cash, ...body });
}

describe('a receipt', () => {
  it('debits cash or bank and credits the customer; allocated in part, the rest on account; read back with names', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const invoice = await invoiceTo(customer.id);
    const res = await receipt({
      customer_id: customer.id,
      amount: '200.00',
      mode: 'cheque',
      cash_bank_ledger_id: bank,
      instrument_number: '004512',
      instrument_date: '2025-07-09',
      allocations: [{ bill_id: invoice.billId, amount: '100.00' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as Voucher;
    expect(r).toMatchObject({
      voucher_number: 'RC/2526/00001',
      amount: '200.00',
      grand_total: '200.00',
      party: { id: customer.id, name: customer.name },
      cash_bank_ledger: { id: bank, name: 'HDFC Current A/c' },
      other_ledger: null,
      mode: 'cheque',
      instrument_number: '004512',
      place_of_supply: null,
      on_account: '100.00',
    });
    expect(r.allocations).toEqual([
      expect.objectContaining({ bill_id: invoice.billId, bill_ref: invoice.voucher_number, amount: '100.00' }),
    ]);
    expect(await entriesOf(r.id)).toEqual([
      { ledger: 'HDFC Current A/c', amount: '200.00', reversal: false },
      { ledger: customer.name, amount: '-200.00', reversal: false },
    ]);
    expect(await outstandingOf(invoice.id)).toBe('18.00');
    const read = await call('GET', `/vouchers/receipt/${r.id}`, tenant.user.token);
    expect(read.json()).toMatchObject({
      cash_bank_ledger: { name: 'HDFC Current A/c' },
      on_account: '100.00',
      allocations: [{ amount: '100.00' }],
    });
    const list = await call('GET', `/vouchers/receipt?party_id=${customer.id}`, tenant.user.token);
    expect(list.json()).toMatchObject({
      items: [{ id: r.id, amount: '200.00', cash_bank_ledger: { name: 'HDFC Current A/c' } }],
      summary: { grand_total: '200.00' },
    });
    const events = await platform((db) =>
      queryRows<{ action: string; details: { allocated: { amount: string }[]; on_account: string } }>(
        db,
        sql`SELECT action, details FROM audit_events WHERE target_id = ${r.id}`,
      ),
    );
    expect(events).toEqual([
      expect.objectContaining({ action: 'voucher.created', details: expect.objectContaining({ on_account: '100.00' }) }),
    ]);
  });

  it('from another ledger (a loan) credits that ledger and settles no bill', async () => {
    const res = await receipt({
      other_ledger_id: loan,
      amount: '5000.00',
      mode: 'bank_transfer',
      cash_bank_ledger_id: bank,
      transfer_reference: 'UTR123',
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as Voucher;
    expect(r).toMatchObject({ party: null, other_ledger: { id: loan, name: 'Loan from Director' }, on_account: null, allocations: [] });
    expect(await entriesOf(r.id)).toEqual([
      { ledger: 'HDFC Current A/c', amount: '5000.00', reversal: false },
      { ledger: 'Loan from Director', amount: '-5000.00', reversal: false },
    ]);
  });

  it('refuses what does not fit, naming the field, and writes nothing', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const bad = async (body: Record<string, unknown>, field: string, status = 422) => {
      const res = await receipt({ customer_id: customer.id, amount: '10.00', ...body });
      expect(res.statusCode, res.body).toBe(status);
      expect(
        res.json().errors?.map((e: { field: string }) => e.field),
        res.body,
      ).toContain(field);
    };
    await bad({ mode: 'cheque' }, 'instrument_number');
    await bad({ mode: 'cheque', instrument_number: '1' }, 'instrument_date');
    await bad({ mode: 'upi' }, 'transfer_reference');
    await bad({ mode: 'cash', transfer_reference: 'X' }, 'transfer_reference');
    await bad({ cash_bank_ledger_id: loan }, 'cash_bank_ledger_id');
    await bad({ cash_bank_ledger_id: undefined }, 'cash_bank_ledger_id');
    await bad({ other_ledger_id: loan }, 'other_ledger_id');
    await bad({ customer_id: undefined }, 'customer_id');
    await bad({ amount: '0' }, 'amount');
    await bad({ amount: '-5.00' }, 'amount');
    await bad({ allocations: [{ bill_id: crypto.randomUUID(), amount: '20.00' }] }, 'allocations');
    const noParty = await receipt({ customer_id: undefined, other_ledger_id: cash, amount: '1.00' });
    expect(noParty.json().errors).toEqual([
      expect.objectContaining({ field: 'other_ledger_id', message: expect.stringContaining('cash or bank') }),
    ]);
    const list = await call('GET', `/vouchers/receipt?party_id=${customer.id}`, tenant.user.token);
    expect(list.json().items).toEqual([]);
  });
});

describe('a payment', () => {
  it('debits the vendor and credits cash or bank, settling its purchase bill', async () => {
    const vendor = await createVendor(t, tenant.user.token);
    const purchase = await purchaseFrom(vendor.id);
    expect(purchase.grand_total).toBe('236.00');
    const res = await postVoucher(t, tenant.user.token, 'payment', {
      vendor_id: vendor.id,
      date: '2025-07-11',
      amount: '236.00',
      mode: 'upi',
      transfer_reference: 'UPI-998877',
      cash_bank_ledger_id: bank,
      allocations: [{ bill_id: purchase.billId, amount: '236.00' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Voucher;
    expect(p).toMatchObject({ voucher_number: 'PY/2526/00001', on_account: '0.00', party: { id: vendor.id } });
    expect(await entriesOf(p.id)).toEqual([
      { ledger: vendor.name, amount: '236.00', reversal: false },
      { ledger: 'HDFC Current A/c', amount: '-236.00', reversal: false },
    ]);
    expect(await outstandingOf(purchase.id)).toBe('0.00');
  });

  it('to an expense ledger debits it', async () => {
    const rent = await addLedger('indirect_expenses', 'Rent');
    const res = await postVoucher(t, tenant.user.token, 'payment', {
      date: '2025-07-11',
      amount: '15000.00',
      mode: 'cash',
      cash_bank_ledger_id: cash,
      other_ledger_id: rent,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await entriesOf((res.json() as Voucher).id)).toEqual([
      { ledger: 'Rent', amount: '15000.00', reversal: false },
      { ledger: 'cash', amount: '-15000.00', reversal: false },
    ]);
  });
});

describe('allocation', () => {
  it('over-allocating a bill is 422 naming allocations.N.amount; a sales bill cannot settle a payment', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const a = await invoiceTo(customer.id);
    const b = await invoiceTo(customer.id);
    const res = await receipt({
      customer_id: customer.id,
      amount: '300.00',
      allocations: [
        { bill_id: a.billId, amount: '118.00' },
        { bill_id: b.billId, amount: '118.01' },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'allocations.1.amount', message: expect.stringContaining('outstanding 118.00') }]);
    expect([await outstandingOf(a.id), await outstandingOf(b.id)]).toEqual(['118.00', '118.00']);
    const vendor = await createVendor(t, tenant.user.token);
    const wrongSide = await postVoucher(t, tenant.user.token, 'payment', {
      vendor_id: vendor.id,
      date: '2025-07-11',
      amount: '10.00',
      mode: 'cash',
      cash_bank_ledger_id: cash,
      allocations: [{ bill_id: a.billId, amount: '10.00' }],
    });
    expect(wrongSide.statusCode).toBe(422);
    expect(wrongSide.json().errors[0].field).toBe('allocations.0.bill_id');
  });

  it("to another customer's bill or a cancelled one is refused", async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const other = await createCustomer(t, tenant.user.token);
    const theirs = await invoiceTo(other.id);
    const res = await receipt({ customer_id: customer.id, amount: '50.00', allocations: [{ bill_id: theirs.billId, amount: '50.00' }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'allocations.0.bill_id', message: expect.stringContaining("another party's") }]);

    const cancelled = await invoiceTo(customer.id);
    expect(
      (await call('POST', `/vouchers/sales/${cancelled.id}/cancel`, tenant.admin.token, { reason: 'Wrong customer' })).statusCode,
    ).toBe(200);
    const late = await receipt({
      customer_id: customer.id,
      amount: '50.00',
      allocations: [{ bill_id: cancelled.billId, amount: '50.00' }],
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors).toEqual([{ field: 'allocations.0.bill_id', message: expect.stringContaining('is cancelled') }]);
  });

  it('an advance is allocated later by its own call, audited, within what is on account and the outstanding', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const advance = (await (await receipt({ customer_id: customer.id, amount: '150.00', date: '2025-06-20' })).json()) as Voucher;
    expect(advance).toMatchObject({ on_account: '150.00', allocations: [] });
    const a = await invoiceTo(customer.id);
    const b = await invoiceTo(customer.id);
    const url = `/vouchers/receipt/${advance.id}/allocations`;
    const over = await call('POST', url, tenant.user.token, { allocations: [{ bill_id: a.billId, amount: '119.00' }] });
    expect(over.statusCode).toBe(422);
    expect(over.json().errors[0].field).toBe('allocations.0.amount');
    const beyond = await call('POST', url, tenant.user.token, {
      allocations: [
        { bill_id: a.billId, amount: '118.00' },
        { bill_id: b.billId, amount: '40.00' },
      ],
    });
    expect(beyond.statusCode).toBe(422);
    expect(beyond.json().errors[0]).toMatchObject({ field: 'allocations', message: expect.stringContaining('on account (150.00)') });

    const ok = await call('POST', url, tenant.user.token, { allocations: [{ bill_id: a.billId, amount: '100.00' }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ on_account: '50.00', allocations: [{ bill_id: a.billId, amount: '100.00' }] });
    const rest = await call('POST', url, tenant.user.token, {
      allocations: [
        { bill_id: a.billId, amount: '18.00' },
        { bill_id: b.billId, amount: '32.00' },
      ],
    });
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json().on_account).toBe('0.00');
    expect([await outstandingOf(a.id), await outstandingOf(b.id)]).toEqual(['0.00', '86.00']);
    const nothing = await call('POST', url, tenant.user.token, { allocations: [{ bill_id: b.billId, amount: '1.00' }] });
    expect(nothing.statusCode).toBe(422);
    // Allocating moves no ledger entry: the customer was credited when the money came in.
    expect(await entriesOf(advance.id)).toHaveLength(2);
    const events = await platform((db) =>
      queryRows<{ action: string }>(db, sql`SELECT action FROM audit_events WHERE target_id = ${advance.id} ORDER BY seq`),
    );
    expect(events.map((e) => e.action)).toEqual(['voucher.created', 'voucher.allocated', 'voucher.allocated']);
  });
});

describe('allocation dates: nothing settles a bill before it is raised', () => {
  it('a receipt dated before the bill it allocates to is 422 naming allocations.N.bill_id, writing nothing; on the bill’s date it is taken', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const early = await invoiceTo(customer.id, '2025-07-01');
    const late = await invoiceTo(customer.id, '2025-07-15');
    const refused = await receipt({
      customer_id: customer.id,
      date: '2025-07-10',
      amount: '236.00',
      allocations: [
        { bill_id: early.billId, amount: '118.00' },
        { bill_id: late.billId, amount: '118.00' },
      ],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([
      {
        field: 'allocations.1.bill_id',
        message: `Bill ${late.voucher_number} is dated 2025-07-15, after the receipt's date (2025-07-10): a bill cannot be settled before it is raised`,
      },
    ]);
    expect([await outstandingOf(early.id), await outstandingOf(late.id)]).toEqual(['118.00', '118.00']);
    const [written] = await platform((db) =>
      queryRows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM vouchers WHERE organization_id = ${tenant.org.id} AND voucher_type = 'receipt' AND party_id = ${customer.id}`,
      ),
    );
    expect(written!.n).toBe(0);

    const onTheDay = await receipt({
      customer_id: customer.id,
      date: '2025-07-15',
      amount: '118.00',
      allocations: [{ bill_id: late.billId, amount: '118.00' }],
    });
    expect(onTheDay.statusCode, onTheDay.body).toBe(201);
    expect(await outstandingOf(late.id)).toBe('0.00');
  });

  it('a payment dated before the purchase bill is refused the same way', async () => {
    const vendor = await createVendor(t, tenant.user.token);
    const bill = await purchaseFrom(vendor.id);
    const res = await postVoucher(t, tenant.user.token, 'payment', {
      vendor_id: vendor.id,
      date: '2025-06-30',
      amount: '10.00',
      mode: 'cash',
      cash_bank_ledger_id: cash,
      allocations: [{ bill_id: bill.billId, amount: '10.00' }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'allocations.0.bill_id', message: expect.stringContaining("is dated 2025-07-01, after the payment's date (2025-06-30)") },
    ]);
  });

  it('an advance allocated later counts from today: a bill dated after today is refused, one dated today is taken', async () => {
    const today = indianDate(t.clock.now());
    const customer = await createCustomer(t, tenant.user.token);
    const advance = (await (await receipt({ customer_id: customer.id, amount: '150.00', date: '2025-06-20' })).json()) as Voucher;
    const ahead = await invoiceTo(customer.id, addDays(today, 2));
    const due = await invoiceTo(customer.id, today);
    const url = `/vouchers/receipt/${advance.id}/allocations`;
    const refused = await call('POST', url, tenant.user.token, { allocations: [{ bill_id: ahead.billId, amount: '100.00' }] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([
      {
        field: 'allocations.0.bill_id',
        message: `Bill ${ahead.voucher_number} is dated ${addDays(today, 2)}, after today, the day this allocation counts from (${today}): a bill cannot be settled before it is raised`,
      },
    ]);
    const ok = await call('POST', url, tenant.user.token, { allocations: [{ bill_id: due.billId, amount: '100.00' }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ on_account: '50.00' });
  });
});

describe('cancelling a receipt', () => {
  it('reverses its entries and releases its allocations; the invoice can then be cancelled', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const invoice = await invoiceTo(customer.id);
    const r = (await (
      await receipt({ customer_id: customer.id, amount: '118.00', allocations: [{ bill_id: invoice.billId, amount: '118.00' }] })
    ).json()) as Voucher;
    expect(await outstandingOf(invoice.id)).toBe('0.00');
    const blocked = await call('POST', `/vouchers/sales/${invoice.id}/cancel`, tenant.admin.token, { reason: 'Wrong' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ code: 'BILL_ALLOCATED', detail: expect.stringContaining(r.voucher_number) });

    expect((await call('POST', `/vouchers/receipt/${r.id}/cancel`, tenant.user.token, { reason: 'Bounced' })).statusCode).toBe(403);
    const res = await call('POST', `/vouchers/receipt/${r.id}/cancel`, tenant.admin.token, { reason: 'Cheque bounced' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', allocations: [], on_account: null });
    expect(await entriesOf(r.id)).toEqual([
      { ledger: 'cash', amount: '118.00', reversal: false },
      { ledger: customer.name, amount: '-118.00', reversal: false },
      { ledger: 'cash', amount: '-118.00', reversal: true },
      { ledger: customer.name, amount: '118.00', reversal: true },
    ]);
    expect(await outstandingOf(invoice.id)).toBe('118.00');
    const allocate = await call('POST', `/vouchers/receipt/${r.id}/allocations`, tenant.admin.token, {
      allocations: [{ bill_id: invoice.billId, amount: '1.00' }],
    });
    expect(allocate.statusCode).toBe(409);
    expect((await call('POST', `/vouchers/sales/${invoice.id}/cancel`, tenant.admin.token, { reason: 'Wrong' })).statusCode).toBe(200);
  });

  it('is refused on or before the books lock date, as posting one is', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const r = (await (await receipt({ customer_id: customer.id, amount: '10.00', date: '2025-05-02' })).json()) as Voucher;
    await platform((db) => db.execute(sql`UPDATE organizations SET books_locked_until = '2025-05-31' WHERE id = ${tenant.org.id}`));
    try {
      const post = await receipt({ customer_id: customer.id, amount: '10.00', date: '2025-05-31' });
      expect(post.statusCode).toBe(409);
      expect(post.json().code).toBe('BOOKS_LOCKED');
      const cancel = await call('POST', `/vouchers/receipt/${r.id}/cancel`, tenant.admin.token, { reason: 'Locked' });
      expect(cancel.json().code).toBe('BOOKS_LOCKED');
    } finally {
      await platform((db) => db.execute(sql`UPDATE organizations SET books_locked_until = NULL WHERE id = ${tenant.org.id}`));
    }
  });
});

describe('the integrity check', () => {
  it('finds the books whole after receipts, payments, allocations and cancellations', async () => {
    const report = await checkIntegrity(ownerHandle(t.deps.handle), { maxProblems: 20 });
    expect(report.problems).toEqual([]);
  });
});
