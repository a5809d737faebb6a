import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, createCustomer, createProduct, postVoucher, uniqueName } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

/** Every statement answers `?format=csv` with the figures of its JSON (lib/export.ts writes the file). */

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let call: ReturnType<typeof apiCaller>;
let customerName: string;
let customerLedger: string;

const csvLines = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27', booksStartDate: '2025-04-01' });
  call = apiCaller(t);
  // A name a spreadsheet would take for a formula, with a comma and quotes: the CSV must keep it text.
  customerName = `=Shah, "Bros" ${uniqueName('').trim()}`;
  const customer = await createCustomer(t, tenant.user.token, { name: customerName, state_code: '27' });
  const product = await createProduct(t, tenant.user.token, { gst_rate: '18', unit_price: '100.00' });
  const stocked = await call('POST', '/stock/adjustments', tenant.admin.token, {
    product_id: product.id,
    quantity_change: '10',
    unit_cost: '50',
    date: '2025-04-01',
    reason: 'Opening count',
  });
  expect(stocked.statusCode, stocked.body).toBe(201);
  for (const [date, quantity] of [
    ['2025-05-02', 1],
    ['2025-05-03', 2],
    ['2025-05-04', 3],
  ] as const) {
    const res = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date,
      items: [{ product_id: product.id, quantity, unit_price: '100.00' }],
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const tb = (await call('GET', '/reports/trial-balance?as_of=2025-06-30', tenant.user.token)).json() as {
    rows: { kind: string; id: string; name: string }[];
  };
  customerLedger = tb.rows.find((r) => r.kind === 'ledger' && r.name === customerName)!.id;
}, 120_000);

describe('statements as CSV', () => {
  it('the trial balance: a file to download with the JSON figures, the formula-like name kept as text', async () => {
    const json = (await call('GET', '/reports/trial-balance?as_of=2025-06-30', tenant.user.token)).json() as {
      total_debit: string;
      total_credit: string;
    };
    const res = await call('GET', '/reports/trial-balance?as_of=2025-06-30&format=csv', tenant.user.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="trial-balance-2025-06-30.csv"');
    const lines = csvLines(res.body);
    expect(lines[0]).toBe('Particulars,Kind,Debit,Credit');
    // 3 sales of 100, 200 and 300 plus 18 % GST: 708.00 owed by the customer.
    expect(lines).toContain(`"'    ${customerName.replace(/"/g, '""')}",ledger,708.00,0.00`);
    expect(lines.at(-1)).toBe(`Total,,${json.total_debit},${json.total_credit}`);
    expect(json.total_debit).toBe(json.total_credit);
  });

  it("a ledger's statement: every entry of the period over every page, between its opening and closing balance", async () => {
    const res = await call(
      'GET',
      `/reports/ledgers/${customerLedger}/statement?from=2025-04-01&to=2025-06-30&limit=1&format=csv`,
      tenant.user.token,
    );
    expect(res.statusCode, res.body).toBe(200);
    const lines = csvLines(res.body);
    expect(lines[0]).toBe('Date,Voucher type,Voucher number,Particulars,Debit,Credit,Balance,Dr/Cr');
    expect(lines[1]).toBe('2025-04-01,,,Opening balance,,,0.00,Dr');
    expect(lines.slice(2, 5).map((l) => l.split(',').slice(4).join(','))).toEqual([
      '118.00,0.00,118.00,Dr',
      '236.00,0.00,354.00,Dr',
      '354.00,0.00,708.00,Dr',
    ]);
    expect(lines[2]).toMatch(/^2025-05-02,sales,[^,]+,Sales; Output CGST; Output SGST,/);
    expect(lines[5]).toBe('2025-06-30,,,Closing balance,708.00,0.00,708.00,Dr');
    expect(lines).toHaveLength(6);
  });

  it('the day book, profit and loss, balance sheet and books of cash and bank answer CSV too', async () => {
    const day = await call('GET', '/reports/day-book?from=2025-05-01&to=2025-05-31&format=csv', tenant.user.token);
    expect(day.statusCode, day.body).toBe(200);
    // Each sale posts four entries: customer, sales, CGST, SGST.
    expect(csvLines(day.body)).toHaveLength(1 + 3 * 4);
    const pl = await call('GET', '/reports/profit-and-loss?from=2025-04-01&to=2025-06-30&format=csv', tenant.user.token);
    expect(csvLines(pl.body)).toContain('Sales Accounts,,,600.00');
    const bs = await call('GET', '/reports/balance-sheet?as_of=2025-06-30&format=csv', tenant.user.token);
    expect(bs.headers['content-disposition']).toBe('attachment; filename="balance-sheet-2025-06-30.csv"');
    expect(csvLines(bs.body)[0]).toBe('Side,Particulars,Kind,Amount');
    const cash = await call('GET', '/reports/cash-book?format=csv', tenant.user.token);
    expect(cash.statusCode, cash.body).toBe(200);
    const banks = await call('GET', '/reports/bank-book?format=csv', tenant.user.token);
    expect(csvLines(banks.body)).toEqual(['Bank ledger,Opening,Debit,Credit,Closing']);
  });

  it('refuses an unknown format naming the field, and the JSON stays the default', async () => {
    const res = await call('GET', '/reports/trial-balance?format=xml', tenant.user.token);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toContain('format');
    const json = await call('GET', '/reports/trial-balance', tenant.user.token);
    expect(json.headers['content-type']).toContain('application/json');
  });
});
