import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { apiCaller, createCustomer, createProduct, createVendor, postVoucher } from '../../test/business';
import { createTenant, platformTx } from '../../test/factories';
import { buildTestApp, TestClock, type TestApp } from '../../test/harness';

/**
 * Bills, outstanding and ageing (BOOKS.md, "Bills"; issue 15 item 4): every figure below is worked
 * out by hand. Today is 2025-09-15 (the test clock), so an advance allocated "now" counts from then.
 *
 * Customer K (credit 30 days), every invoice one piece at 100.00 + 18 % = 118.00:
 *   A 2025-05-01 due 05-31 · B 2025-06-10 due 07-10 · C 2025-08-20 due 09-19
 *   R1 2025-06-15 receipt 50.00 against A (partial)
 *   R2 2025-07-01 advance 200.00 on account; on 2025-09-15 118.00 of it placed against B
 * Customer L (credit 0): D 2025-04-10 (two pieces) due the same day, 236.00.
 */

const TODAY = new Date('2025-09-15T06:30:00Z');
let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let other: Awaited<ReturnType<typeof createTenant>>;
let call: ReturnType<typeof apiCaller>;
let cash: string;
let k: { id: string; name: string };
let l: { id: string; name: string };
let product: string;
const bills: Record<string, { id: string; invoice: string; number: string }> = {};
let r1: string;
let r2: string;

interface Figures {
  bills: number;
  buckets: { bucket: string; label: string; amount: string }[];
  total: string;
  on_account: string;
  net: string;
}
interface Outstanding {
  side: string;
  as_of: string;
  parties: (Figures & { party_id: string; name: string })[];
  total: Figures;
}

/** The bucket amounts in AGEING_BUCKETS order: not due, 1–30, 31–60, 61–90, over 90. */
const buckets = (f: Figures) => f.buckets.map((b) => b.amount);

async function outstanding(asOf: string | undefined, side = 'receivable', token = tenant.user.token): Promise<Outstanding> {
  const res = await call('GET', `/reports/outstanding?side=${side}${asOf ? `&as_of=${asOf}` : ''}`, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Outstanding;
}

const partyOf = (o: Outstanding, id: string) => o.parties.find((p) => p.party_id === id);

async function invoice(key: string, customerId: string, date: string, quantity = 1) {
  const res = await postVoucher(t, tenant.user.token, 'sales', {
    customer_id: customerId,
    date,
    items: [{ product_id: product, quantity, unit_price: '100.00' }],
  });
  expect(res.statusCode, res.body).toBe(201);
  const v = res.json() as { id: string; voucher_number: string };
  const [row] = await platformTx(t.deps, (db) => queryRows<{ id: string }>(db, sql`SELECT id FROM bills WHERE voucher_id = ${v.id}`));
  bills[key] = { id: row!.id, invoice: v.id, number: v.voucher_number };
}

function receipt(body: Record<string, unknown>) {
  return postVoucher(t, tenant.user.token, 'receipt', { mode: 'cash', cash_bank_ledger_id: cash, ...body });
}

beforeAll(async () => {
  t = await buildTestApp({ clock: new TestClock(TODAY) });
  tenant = await createTenant(t.deps, { stateCode: '27', booksStartDate: '2025-04-01' });
  other = await createTenant(t.deps, { stateCode: '27', booksStartDate: '2025-04-01' });
  call = apiCaller(t);
  const [row] = await platformTx(t.deps, (db) =>
    queryRows<{ id: string }>(db, sql`SELECT id FROM ledgers WHERE organization_id = ${tenant.org.id} AND system_key = 'cash'`),
  );
  cash = row!.id;
  const kc = await createCustomer(t, tenant.user.token, { name: 'Kapoor Traders', credit_days: 30 });
  const lc = await createCustomer(t, tenant.user.token, { name: 'Lal & Sons', credit_days: 0 });
  k = { id: kc.id, name: 'Kapoor Traders' };
  l = { id: lc.id, name: 'Lal & Sons' };
  product = (await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '18' })).id;
  const stocked = await call('POST', '/stock/adjustments', tenant.admin.token, {
    product_id: product,
    quantity_change: '50',
    unit_cost: '60',
    date: '2025-04-01',
    reason: 'Opening count',
  });
  expect(stocked.statusCode, stocked.body).toBe(201);
  await invoice('A', k.id, '2025-05-01');
  await invoice('B', k.id, '2025-06-10');
  await invoice('C', k.id, '2025-08-20');
  await invoice('D', l.id, '2025-04-10', 2);
  const first = await receipt({
    customer_id: k.id,
    date: '2025-06-15',
    amount: '50.00',
    allocations: [{ bill_id: bills.A!.id, amount: '50.00' }],
  });
  expect(first.statusCode, first.body).toBe(201);
  r1 = (first.json() as { id: string }).id;
  const advance = await receipt({ customer_id: k.id, date: '2025-07-01', amount: '200.00' });
  expect(advance.statusCode, advance.body).toBe(201);
  r2 = (advance.json() as { id: string }).id;
  const placed = await call('POST', `/vouchers/receipt/${r2}/allocations`, tenant.user.token, {
    allocations: [{ bill_id: bills.B!.id, amount: '118.00' }],
  });
  expect(placed.statusCode, placed.body).toBe(200);
}, 120_000);
afterAll(() => t.close());

describe('the outstanding report', () => {
  it('ages each open bill on a past date, leaving out allocations that count from after it; advances show on account', async () => {
    const o = await outstanding('2025-08-31');
    expect(o).toMatchObject({ side: 'receivable', as_of: '2025-08-31' });
    // A: 118 − 50 (R1 on 06-15) = 68, 92 days past 05-31; B: 118 (R2 placed on 09-15, after), 52 days past 07-10;
    // C: 118, due 09-19; R2's 200 was on account on 08-31.
    expect(partyOf(o, k.id)).toMatchObject({ name: k.name, bills: 3, total: '304.00', on_account: '200.00', net: '104.00' });
    expect(buckets(partyOf(o, k.id)!)).toEqual(['118.00', '0.00', '118.00', '0.00', '68.00']);
    // D: 236, due 04-10, 143 days past.
    expect(partyOf(o, l.id)).toMatchObject({ bills: 1, total: '236.00', on_account: '0.00', net: '236.00' });
    expect(buckets(partyOf(o, l.id)!)).toEqual(['0.00', '0.00', '0.00', '0.00', '236.00']);
    expect(o.total).toMatchObject({ bills: 4, total: '540.00', on_account: '200.00', net: '340.00' });
    expect(buckets(o.total)).toEqual(['118.00', '0.00', '118.00', '0.00', '304.00']);
    expect(o.total.buckets.map((b) => b.bucket)).toEqual(['not_due', '1-30', '31-60', '61-90', 'over_90']);
  });

  it('before a receipt and before later invoices: the bill unpaid in full, the later ones not there yet', async () => {
    const o = await outstanding('2025-06-12');
    // A: 118, 12 days past 05-31 (R1 is dated 06-15); B: 118, not due until 07-10; C does not exist yet.
    expect(partyOf(o, k.id)).toMatchObject({ bills: 2, total: '236.00', on_account: '0.00' });
    expect(buckets(partyOf(o, k.id)!)).toEqual(['118.00', '118.00', '0.00', '0.00', '0.00']);
    // Due on the very day is not yet overdue.
    const onDue = await outstanding('2025-05-31');
    expect(buckets(partyOf(onDue, k.id)!)).toEqual(['118.00', '0.00', '0.00', '0.00', '0.00']);
    expect(partyOf(await outstanding('2025-04-09'), l.id)).toBeUndefined();
  });

  it('today by default: a bill paid in full is gone, what is left of the advance is on account', async () => {
    const o = await outstanding(undefined);
    expect(o.as_of).toBe('2025-09-15');
    // A: 68, 107 days past; C: 118 not due; B paid by R2; 200 − 118 = 82 on account.
    expect(partyOf(o, k.id)).toMatchObject({ bills: 2, total: '186.00', on_account: '82.00', net: '104.00' });
    expect(buckets(partyOf(o, k.id)!)).toEqual(['118.00', '0.00', '0.00', '0.00', '68.00']);
  });

  it('payables list vendors only; another organisation sees none of these parties', async () => {
    const vendor = await createVendor(t, tenant.user.token, { credit_days: 15 });
    const bought = await postVoucher(t, tenant.user.token, 'purchase', {
      vendor_id: vendor.id,
      date: '2025-08-01',
      items: [{ product_id: product, quantity: 1, unit_price: '50.00' }],
    });
    expect(bought.statusCode, bought.body).toBe(201);
    const payable = await outstanding('2025-09-01', 'payable');
    // 50 + 9 GST = 59.00, due 08-16: 16 days past on 09-01.
    expect(payable.parties).toEqual([expect.objectContaining({ party_id: vendor.id, bills: 1, total: '59.00' })]);
    expect(buckets(payable.total)).toEqual(['0.00', '59.00', '0.00', '0.00', '0.00']);
    expect((await outstanding('2025-08-31', 'receivable')).parties.map((p) => p.party_id)).not.toContain(vendor.id);
    const theirs = await outstanding('2025-08-31', 'receivable', other.orgAdmin.token);
    expect(theirs.parties).toEqual([]);
    expect(theirs.total).toMatchObject({ bills: 0, total: '0.00', on_account: '0.00' });
  });

  it('refuses a missing side or a bad date naming the field', async () => {
    const noSide = await call('GET', '/reports/outstanding', tenant.user.token);
    expect(noSide.statusCode).toBe(422);
    expect(JSON.stringify(noSide.json().errors)).toContain('side');
    const badDate = await call('GET', '/reports/outstanding?side=payable&as_of=2025-02-30', tenant.user.token);
    expect(badDate.statusCode).toBe(422);
    expect(JSON.stringify(badDate.json().errors)).toContain('as_of');
  });

  it('downloads as CSV with the same figures', async () => {
    const res = await call('GET', '/reports/outstanding?side=receivable&as_of=2025-08-31&format=csv', tenant.user.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Party,Open bills,Not yet due,1–30 days,31–60 days,61–90 days,Over 90 days,Total outstanding,On account,Net');
    expect(lines).toContain('Kapoor Traders,3,118.00,0.00,118.00,0.00,68.00,304.00,200.00,104.00');
    expect(lines).toContain('Lal & Sons,1,0.00,0.00,0.00,0.00,236.00,236.00,0.00,236.00');
    expect(lines.at(-1)).toBe('Total,4,118.00,0.00,118.00,0.00,304.00,540.00,200.00,340.00');
  });

  it('downloads as Excel: titled as on its date, amounts as numbers', async () => {
    const res = await call('GET', '/reports/outstanding?side=receivable&as_of=2025-08-31&format=xlsx', tenant.user.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="outstanding-receivable-2025-08-31.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toContain('Outstanding receivables');
    expect(ws.getCell('A2').value).toBe('As on 31-08-2025');
    const total = (ws.getRow(ws.rowCount).values as ExcelJS.CellValue[]).slice(1);
    expect(total).toEqual(['Total', 4, 118, 0, 118, 0, 304, 540, 200, 340]);
  });
});

interface Bill {
  id: string;
  ref: string;
  is_opening: boolean;
  voucher_number: string | null;
  date: string;
  due_date: string;
  amount: string;
  allocated: string;
  outstanding: string;
  status: string;
  overdue: boolean;
  days_overdue: number;
  allocations: { voucher_id: string; voucher_type: string; date: string; amount: string; released: boolean }[];
}
interface PartyBills {
  party: { id: string; name: string; kind: string };
  side: string;
  as_of: string;
  total_outstanding: string;
  overdue_outstanding: string;
  on_account: string;
  items: Bill[];
  next_cursor: string | null;
}

async function billsOf(partyId: string, query = '', token = tenant.user.token) {
  const res = await call('GET', `/parties/${partyId}/bills${query}`, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PartyBills;
}

describe("a party's bills", () => {
  it('lists the open ones by default, oldest first, with due date, allocated, outstanding, status and days overdue today', async () => {
    const b = await billsOf(k.id);
    expect(b).toMatchObject({
      party: { id: k.id, name: k.name, kind: 'customer' },
      side: 'receivable',
      as_of: '2025-09-15',
      total_outstanding: '186.00',
      overdue_outstanding: '68.00',
      on_account: '82.00',
      next_cursor: null,
    });
    expect(
      b.items.map((i) => [i.voucher_number, i.date, i.due_date, i.amount, i.allocated, i.outstanding, i.status, i.overdue, i.days_overdue]),
    ).toEqual([
      [bills.A!.number, '2025-05-01', '2025-05-31', '118.00', '50.00', '68.00', 'partly_paid', true, 107],
      [bills.C!.number, '2025-08-20', '2025-09-19', '118.00', '0.00', '118.00', 'unpaid', false, 0],
    ]);
    expect(b.items[0]).toMatchObject({ ref: bills.A!.number, is_opening: false });
    expect(b.items[0]!.allocations).toEqual([
      expect.objectContaining({ voucher_id: r1, voucher_type: 'receipt', date: '2025-06-15', amount: '50.00', released: false }),
    ]);
    expect((await billsOf(k.id, '?status=overdue')).items.map((i) => i.id)).toEqual([bills.A!.id]);
  });

  it('paid bills show the allocation that settled them, dated when the advance was placed; all pages through by keyset', async () => {
    const paid = await billsOf(k.id, '?status=paid');
    expect(paid.items).toHaveLength(1);
    expect(paid.items[0]).toMatchObject({ id: bills.B!.id, status: 'paid', outstanding: '0.00', allocated: '118.00', overdue: false });
    expect(paid.items[0]!.allocations).toEqual([
      expect.objectContaining({ voucher_id: r2, date: '2025-09-15', amount: '118.00', released: false }),
    ]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: PartyBills = await billsOf(k.id, `?status=all&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([bills.A!.id, bills.B!.id, bills.C!.id]);
  });

  it("is any member's to read, a 404 for another organisation, and refuses a bad filter or cursor", async () => {
    expect((await call('GET', `/parties/${k.id}/bills`, other.orgAdmin.token)).statusCode).toBe(404);
    expect((await call('GET', `/parties/${crypto.randomUUID()}/bills`, tenant.user.token)).statusCode).toBe(404);
    const bad = await call('GET', `/parties/${k.id}/bills?status=late`, tenant.user.token);
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json().errors)).toContain('status');
    const badCursor = await call('GET', `/parties/${k.id}/bills?cursor=nonsense`, tenant.user.token);
    expect(badCursor.statusCode).toBe(422);
  });
});

describe('cancelling a receipt', () => {
  it('releases its allocation: the bill is owed in full again on every date, the allocation shown released', async () => {
    const res = await call('POST', `/vouchers/receipt/${r1}/cancel`, tenant.admin.token, { reason: 'Cheque bounced' });
    expect(res.statusCode, res.body).toBe(200);
    const o = await outstanding('2025-08-31');
    expect(partyOf(o, k.id)).toMatchObject({ bills: 3, total: '354.00', on_account: '200.00' });
    expect(buckets(partyOf(o, k.id)!)).toEqual(['118.00', '0.00', '118.00', '0.00', '118.00']);
    const a = (await billsOf(k.id)).items.find((i) => i.id === bills.A!.id)!;
    expect(a).toMatchObject({ status: 'unpaid', allocated: '0.00', outstanding: '118.00' });
    expect(a.allocations).toEqual([expect.objectContaining({ voucher_id: r1, amount: '50.00', released: true })]);
    // A cancelled invoice is no bill of anyone's on any date.
    const cancelD = await call('POST', `/vouchers/sales/${bills.D!.invoice}/cancel`, tenant.admin.token, { reason: 'Wrong customer' });
    expect(cancelD.statusCode, cancelD.body).toBe(200);
    expect(partyOf(await outstanding('2025-08-31'), l.id)).toBeUndefined();
    expect((await billsOf(l.id, '?status=cancelled')).items).toEqual([expect.objectContaining({ id: bills.D!.id, status: 'cancelled' })]);
  });
});
