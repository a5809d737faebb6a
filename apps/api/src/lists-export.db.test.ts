import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { adjustStock, apiCaller, createCustomer, createProduct, postVoucher } from './test/business';
import { createTenant } from './test/factories';
import { buildTestApp, type TestApp } from './test/harness';

/**
 * Lists of masters, a voucher register and stock answer `?format=csv|xlsx` with every page
 * (lib/export.ts streams them page by page); the trial balance as a workbook carries its title.
 */

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let call: ReturnType<typeof apiCaller>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function sheetOf(payload: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

/** The data rows of an export's first sheet (after the title, period, blank and header rows). */
function dataRows(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = 5; r <= ws.rowCount; r++) rows.push((ws.getRow(r).values as ExcelJS.CellValue[]).slice(1));
  return rows;
}

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27', name: 'Export Traders Pvt Ltd' });
  call = apiCaller(t);
  // More customers than one page of 200: the export follows the cursor.
  for (let i = 0; i < 205; i++) await createCustomer(t, tenant.user.token, { name: `Customer ${String(i).padStart(3, '0')}` });
  await createCustomer(t, tenant.user.token, { name: '=cmd|calc', credit_days: 30 });
  const product = await createProduct(t, tenant.user.token, { name: 'Bolt', unit_price: '1234567.50', gst_rate: '18', hsn_code: '7318' });
  await adjustStock(t, tenant.admin.token, product.id, '12.5');
  const customer = await createCustomer(t, tenant.user.token, { name: 'Rao Traders' });
  const sale = await postVoucher(t, tenant.user.token, 'sales', {
    customer_id: customer.id,
    date: '2025-05-02',
    items: [{ product_id: product.id, quantity: 1, unit_price: '1234567.50' }],
  });
  expect(sale.statusCode, sale.body).toBe(201);
}, 240_000);

describe('lists as files', () => {
  it('customers: every page in CSV, formula-like names neutralised', async () => {
    const res = await call('GET', '/customers?format=csv&limit=5', tenant.user.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="customers.csv"');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Name,GSTIN,State code,State,PAN,/);
    expect(lines).toHaveLength(1 + 207);
    expect(lines).toContain("'=cmd|calc,,27,Maharashtra,,,buyer@example.test,,,,,30,yes");
  });

  it('customers as Excel: a title row naming the organisation, every row, credit days as numbers', async () => {
    const res = await call('GET', '/customers?format=xlsx', tenant.user.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe('attachment; filename="customers.xlsx"');
    const ws = await sheetOf(res.rawPayload);
    expect(ws.getCell('A1').value).toBe('Export Traders Pvt Ltd: Customers');
    const rows = dataRows(ws);
    expect(rows).toHaveLength(207);
    const evil = rows.find((r) => r[0] === "'=cmd|calc")!;
    expect(evil[11]).toBe(30);
  });

  it('products and stock: prices and quantities are number cells with the Indian format', async () => {
    const products = await call('GET', '/products?format=xlsx', tenant.user.token);
    expect(products.statusCode, products.body).toBe(200);
    const pws = await sheetOf(products.rawPayload);
    expect(pws.getCell('A1').value).toBe('Export Traders Pvt Ltd: Products');
    expect(pws.getRow(4).getCell(5).value).toBe('Sale price');
    const bolt = pws.getRow(5);
    expect([bolt.getCell(1).value, bolt.getCell(3).value, bolt.getCell(5).value, bolt.getCell(7).value]).toEqual([
      'Bolt',
      '7318',
      1234567.5,
      18,
    ]);
    expect(bolt.getCell(5).numFmt).toBe('[>=10000000]##,##,##,##0.00;[>=100000]##,##,##0.00;##,##0.00');
    const stock = await call('GET', '/stock?format=xlsx', tenant.user.token);
    expect(stock.statusCode, stock.body).toBe(200);
    expect(stock.headers['content-disposition']).toMatch(/^attachment; filename="stock-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const sws = await sheetOf(stock.rawPayload);
    expect(sws.getCell('A1').value).toBe('Export Traders Pvt Ltd: Stock on hand');
    expect(String(sws.getCell('A2').value)).toMatch(/^As on \d{2}-\d{2}-\d{4}$/);
    expect(sws.getRow(5).getCell(5).value).toBe(11.5);
  });

  it('a voucher register for a period: the date as a date cell, totals as numbers', async () => {
    const res = await call('GET', '/vouchers/sales?from_date=2025-04-01&to_date=2026-03-31&format=xlsx', tenant.user.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="sales-2025-04-01-2026-03-31.xlsx"');
    const ws = await sheetOf(res.rawPayload);
    expect(ws.getCell('A2').value).toBe('01-04-2025 to 31-03-2026');
    const [row] = dataRows(ws);
    expect(row![0]).toEqual(new Date(Date.UTC(2025, 4, 2)));
    expect(row![2]).toBe('Rao Traders');
    expect(row![6]).toBe(1234567.5);
    const csv = await call('GET', '/vouchers/sales?format=csv', tenant.user.token);
    expect(csv.body.trimEnd().split('\r\n')[1]).toMatch(/^2025-05-02,[^,]+,Rao Traders,,,active,1234567.50,/);
  });

  it('the trial balance as Excel names the organisation and the date', async () => {
    const res = await call('GET', '/reports/trial-balance?as_of=2025-06-30&format=xlsx', tenant.user.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="trial-balance-2025-06-30.xlsx"');
    const ws = await sheetOf(res.rawPayload);
    expect([ws.getCell('A1').value, ws.getCell('A2').value]).toEqual(['Export Traders Pvt Ltd: Trial balance', 'As on 30-06-2025']);
    const total = dataRows(ws).at(-1)!;
    expect(total[0]).toBe('Total');
    expect(total[2]).toBe(total[3]);
    expect(typeof total[2]).toBe('number');
  });
});
