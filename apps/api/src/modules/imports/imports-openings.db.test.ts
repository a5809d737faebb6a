import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { apiCaller, createCustomer, createProduct, createVendor } from '../../test/business';
import { createTenant, platformTx } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

/**
 * Opening stock, ledger opening balances and party opening bills from a spreadsheet (issue 18
 * item 1): each row runs through the opening-balances use cases in a savepoint, so their rules
 * are the import's; a dry run writes nothing; an import writes all rows or none, audited.
 * The test organisations' books start on 2000-04-01.
 */

type Tenant = Awaited<ReturnType<typeof createTenant>>;
let t: TestApp;
let call: ReturnType<typeof apiCaller>;

beforeAll(async () => {
  t = await buildTestApp();
  call = apiCaller(t);
}, 60_000);
afterAll(() => t.close());

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

function post(tenant: Tenant, kind: string, file: string | Buffer, options: object = {}) {
  return call('POST', `/imports/${kind}`, tenant.admin.token, { file_name: `${kind}.csv`, content_base64: b64(file), ...options });
}

async function auditCount(tenant: Tenant, action: string): Promise<number> {
  const [row] = await platformTx(t.deps, (db) =>
    queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM audit_events WHERE organization_id = ${tenant.org.id} AND action = ${action}`,
    ),
  );
  return row!.n;
}

async function openings(tenant: Tenant) {
  const res = await call('GET', '/opening-balances', tenant.admin.token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    ledgers: { name: string; debit: string; credit: string }[];
    stock_value: string;
    total_debit: string;
    total_credit: string;
  };
}

describe('import opening stock', () => {
  it('dry run reports unknown products and bad numbers, then imports by name or part number, and replaces only with update existing', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const bolt = await createProduct(t, tenant.admin.token, { name: 'Steel bolt M8', part_number: 'SB-M8' });
    const nut = await createProduct(t, tenant.admin.token, { name: 'Hex nut M8' });
    const bad = ['Item Name,Opening Qty,Cost', 'Steel bolt M8,100,9.50', 'Washer,5,1', 'Hex nut M8,ten,2', 'SB-M8,3,1'].join('\n');
    const dry = await post(tenant, 'opening_stock', bad);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ kind: 'opening_stock', dry_run: true, imported: false, rows: 4, created: 1 });
    expect(dry.json().columns).toEqual([
      { heading: 'Item Name', field: 'product' },
      { heading: 'Opening Qty', field: 'quantity' },
      { heading: 'Cost', field: 'rate' },
    ]);
    const problems = dry.json().problems as { row: number; column: string | null; message: string }[];
    expect(problems.find((p) => p.row === 3)).toEqual({
      row: 3,
      column: 'Item Name',
      field: 'product',
      message: 'no product is named "Washer" or has that part number',
    });
    expect(problems.find((p) => p.row === 4)).toMatchObject({ column: 'Opening Qty', field: 'quantity' });
    expect(problems.find((p) => p.row === 5)).toMatchObject({ column: 'Item Name', message: '"SB-M8" is also on row 2' });
    // The dry run ran the use case for row 2 and rolled it back.
    expect((await openings(tenant)).stock_value).toBe('0.00');
    expect(await auditCount(tenant, 'stock.opening_set')).toBe(0);

    const refused = await post(tenant, 'opening_stock', bad, { dry_run: false });
    expect(refused.statusCode).toBe(422);
    expect((await openings(tenant)).stock_value).toBe('0.00');

    const good = ['Product,Quantity,Rate', 'SB-M8,100,9.50', 'hex nut m8,"1,000",₹2.25'].join('\n');
    const done = await post(tenant, 'opening_stock', good, { dry_run: false });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ imported: true, created: 2, updated: 0, problem_count: 0 });
    expect((await openings(tenant)).stock_value).toBe('3200.00');
    const stock = (await call('GET', '/opening-balances/stock', tenant.admin.token)).json().items as {
      product_id: string;
      quantity: string;
      rate: string;
    }[];
    expect(stock.map((s) => [s.product_id, s.quantity, s.rate]).sort()).toEqual(
      [
        [bolt.id, '100.000', '9.5000'],
        [nut.id, '1000.000', '2.2500'],
      ].sort(),
    );
    expect(await auditCount(tenant, 'stock.opening_set')).toBe(2);
    expect(await auditCount(tenant, 'import.completed')).toBe(1);

    const again = await post(tenant, 'opening_stock', 'Product,Quantity,Rate\nSB-M8,40,10\n', { dry_run: false });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors[0]).toEqual({
      field: 'row 2, Product',
      message: '"SB-M8" already has opening stock (turn on "update existing" to replace it)',
    });
    const replaced = await post(tenant, 'opening_stock', 'Product,Quantity,Rate\nSB-M8,40,10\n', { dry_run: false, update_existing: true });
    expect(replaced.json()).toMatchObject({ imported: true, created: 0, updated: 1 });
    expect((await openings(tenant)).stock_value).toBe('2650.00');
  });

  it('refuses the whole file when the books lock covers the openings, naming the rule of the opening-balances API', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27', booksLockedUntil: '2000-12-31' });
    await createProduct(t, tenant.admin.token, { name: 'Locked bolt' });
    const dry = await post(tenant, 'opening_stock', 'Product,Quantity,Rate\nLocked bolt,1,1\n');
    expect(dry.json().problems[0]).toMatchObject({ row: 2, column: null, message: expect.stringMatching(/^The books are locked up to/) });
  });
});

describe('import ledger opening balances', () => {
  it('takes Dr/Cr from a column or the amount, refuses party ledgers and unknown names, all or nothing', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    await createCustomer(t, tenant.admin.token, { name: 'Rao Traders' });
    const file = [
      'Ledger Name,Opening Balance,Dr/Cr',
      'Capital,"5,00,000.00",Cr',
      'Cash,12500,Dr',
      'Rao Traders,100,Dr',
      'Nowhere,1,Dr',
      'Bank Charges,5,',
    ].join('\n');
    const dry = await post(tenant, 'ledger_openings', file);
    expect(dry.statusCode, dry.body).toBe(200);
    const byRow = new Map((dry.json().problems as { row: number; message: string }[]).map((p) => [p.row, p.message]));
    expect(byRow.get(4)).toMatch(/customer's or vendor's ledger: its opening balance is its opening bills/);
    expect(byRow.get(5)).toBe('no ledger is named "Nowhere"');
    expect(byRow.get(6)).toBe('is required: Dr or Cr (or end the amount with Dr or Cr)');
    expect(dry.json()).toMatchObject({ problem_count: 3, created: 2 });
    expect((await openings(tenant)).total_credit).toBe('0.00');

    const fixed = ['Ledger,Amount', 'Capital,"5,00,000.00 Cr"', 'cash,12500 Dr'].join('\n');
    const done = await post(tenant, 'ledger_openings', fixed, { dry_run: false });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ imported: true, created: 2 });
    const after = await openings(tenant);
    expect(after.ledgers.filter((l) => l.debit !== '0.00' || l.credit !== '0.00').map((l) => [l.name, l.debit, l.credit])).toEqual(
      expect.arrayContaining([
        ['Capital', '0.00', '500000.00'],
        ['Cash', '12500.00', '0.00'],
      ]),
    );
    expect(await auditCount(tenant, 'ledger.opening_set')).toBe(2);
    const update = await post(tenant, 'ledger_openings', 'Ledger,Amount\nCash,0 Dr\n', { dry_run: false, update_existing: true });
    expect(update.json()).toMatchObject({ imported: true, updated: 1 });
    expect((await openings(tenant)).total_debit).toBe('0.00');
  });
});

describe('import party opening bills', () => {
  it('adds bills by party and reference with the rules of the opening-bills API, and updates them with update existing', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const customer = await createCustomer(t, tenant.admin.token, { name: 'Rao Traders', credit_days: 30 });
    const vendor = await createVendor(t, tenant.admin.token, { name: 'Iyer Steel' });
    await createVendor(t, tenant.admin.token, { name: 'Rao Traders' });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Bills');
    ws.addRow(['Party Name', 'Party type', 'Bill No', 'Bill Date', 'Pending Amount', 'Due Date']);
    ws.addRow(['Rao Traders', 'customer', 'INV-1', new Date(Date.UTC(2000, 2, 15)), 11800, '']);
    ws.addRow(['Iyer Steel', '', 'P-77', '10-02-2000', '2,500.50', '12/03/2000']);
    ws.addRow(['Rao Traders', '', 'INV-2', '2000-03-01', 10, '']);
    ws.addRow(['Iyer Steel', '', 'P-78', '2000-05-01', 10, '']);
    ws.addRow(['Rao Traders', 'customer', 'inv-1', '2000-03-01', 10, '']);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const dry = await post(tenant, 'opening_bills', content, { file_name: 'bills.xlsx' });
    expect(dry.statusCode, dry.body).toBe(200);
    const byRow = new Map((dry.json().problems as { row: number; column: string | null; message: string }[]).map((p) => [p.row, p]));
    expect(byRow.get(4)!.message).toBe('"Rao Traders" is both a customer and a vendor: say which in a "Party type" column');
    expect(byRow.get(5)).toMatchObject({
      column: 'Bill Date',
      message: 'must be on or before 2000-04-01, the books start date (an opening bill is older)',
    });
    expect(byRow.get(6)).toMatchObject({ column: 'Bill No', message: 'bill "inv-1" of "Rao Traders" is also on row 2' });
    expect(dry.json()).toMatchObject({ problem_count: 3, created: 2 });
    expect(await auditCount(tenant, 'opening_bill.created')).toBe(0);

    const ok = new ExcelJS.Workbook();
    const sheet = ok.addWorksheet('Bills');
    ws.getRows(1, 3)!.forEach((r) => sheet.addRow(r.values as ExcelJS.CellValue[]));
    const done = await post(tenant, 'opening_bills', Buffer.from(await ok.xlsx.writeBuffer()), { dry_run: false });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ imported: true, created: 2, updated: 0 });
    const bills = (await call('GET', `/opening-balances/parties/${customer.id}/bills`, tenant.admin.token)).json();
    expect(bills.total).toBe('11800.00');
    expect(bills.items[0]).toMatchObject({
      ref: 'INV-1',
      date: '2000-03-15',
      due_date: '2000-04-14',
      amount: '11800.00',
      outstanding: '11800.00',
    });
    const vendorBills = (await call('GET', `/opening-balances/parties/${vendor.id}/bills`, tenant.admin.token)).json();
    expect(vendorBills.items[0]).toMatchObject({ ref: 'P-77', date: '2000-02-10', due_date: '2000-03-12', amount: '2500.50' });
    expect(await auditCount(tenant, 'opening_bill.created')).toBe(2);

    const change = 'Party,Party type,Reference,Date,Amount\nRao Traders,customer,INV-1,2000-03-15,9000\n';
    expect((await post(tenant, 'opening_bills', change, { dry_run: false })).statusCode).toBe(422);
    const updated = await post(tenant, 'opening_bills', change, { dry_run: false, update_existing: true });
    expect(updated.json()).toMatchObject({ imported: true, created: 0, updated: 1 });
    const after = (await call('GET', `/opening-balances/parties/${customer.id}/bills`, tenant.admin.token)).json();
    expect(after.total).toBe('9000.00');
    expect(await auditCount(tenant, 'opening_bill.updated')).toBe(1);
  });

  it('templates of the opening kinds read back through the import once their product, ledger and party exist', async () => {
    // The example bill is dated 2025-03-15: books starting after it.
    const tenant = await createTenant(t.deps, { stateCode: '27', booksStartDate: '2025-04-01' });
    await createProduct(t, tenant.admin.token, { name: 'Steel bolt M8' });
    await createCustomer(t, tenant.admin.token, { name: 'Rao Traders' });
    for (const kind of ['opening_stock', 'ledger_openings', 'opening_bills']) {
      for (const format of ['csv', 'xlsx']) {
        const template = await call('GET', `/imports/${kind}/template?format=${format}`, tenant.admin.token);
        expect(template.statusCode, template.body).toBe(200);
        const dry = await post(tenant, kind, template.rawPayload, { file_name: `t.${format}` });
        expect(dry.json(), `${kind} ${format}`).toMatchObject({ rows: 1, problem_count: 0, missing_fields: [], created: 1 });
      }
    }
  });

  it('a standard user may not import openings', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const res = await call('POST', '/imports/opening_bills', tenant.user.token, { file_name: 'x.csv', content_base64: b64('Party\nA\n') });
    expect(res.statusCode).toBe(403);
  });
});
