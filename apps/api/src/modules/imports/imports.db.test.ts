import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { gstinFor } from '../../test/business';
import { bearer, createTenant } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { ownerDb } from '../../test/test-db';

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27' });
}, 60_000);
afterAll(() => t.close());

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

function post(kind: string, body: object, token = tenant.admin.token) {
  return t.app.inject({ method: 'POST', url: `/api/v1/imports/${kind}`, headers: bearer(token), payload: body });
}

async function count(table: 'parties' | 'products', name: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ownerDb(t.handle),
    sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE organization_id = ${tenant.org.id} AND name = ${name}`,
  );
  return row!.n;
}

describe('import customers', () => {
  const good = gstinFor('29', 'AAPFU0939F');
  const bad = `${good.slice(0, 14)}${good[14] === 'A' ? 'B' : 'A'}`;
  const file = [
    'Party Name,GSTIN/UIN,  mobile no ,Credit Days,Notes',
    `Rao Traders,${good},+91 98200 12345,30,x`,
    `Iyer & Sons,${bad},,abc,`,
    'Rao traders,,,,',
    '=HYPERLINK("http://evil"),,,,',
  ].join('\r\n');

  it('a dry run matches headings, reports every problem by row and column, and writes nothing', async () => {
    const res = await post('customers', { file_name: 'parties.csv', content_base64: b64(file) });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({
      kind: 'customers',
      dry_run: true,
      imported: false,
      rows: 4,
      missing_fields: [],
      created: 1,
      updated: 0,
    });
    expect(report.columns).toEqual([
      { heading: 'Party Name', field: 'name' },
      { heading: 'GSTIN/UIN', field: 'gstin' },
      { heading: 'mobile no', field: 'contact_number' },
      { heading: 'Credit Days', field: 'credit_days' },
      { heading: 'Notes', field: null },
    ]);
    const byRow = (row: number) => report.problems.filter((p: { row: number }) => p.row === row);
    expect(byRow(3).map((p: { column: string; message: string }) => [p.column, p.message])).toEqual(
      expect.arrayContaining([
        ['GSTIN/UIN', expect.stringMatching(/check/i)],
        ['Credit Days', 'must be a whole number of days'],
      ]),
    );
    expect(byRow(4)).toEqual([{ row: 4, column: 'Party Name', field: 'name', message: '"Rao traders" is also on row 2' }]);
    expect(byRow(5)).toEqual([{ row: 5, column: 'Party Name', field: 'name', message: 'starts with = or @: a formula is not data' }]);
    expect(await count('parties', 'Rao Traders')).toBe(0);

    const refused = await post('customers', { file_name: 'parties.csv', content_base64: b64(file), dry_run: false });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toMatch(/problem\(s\) in parties\.csv: nothing was imported/);
    expect(await count('parties', 'Rao Traders')).toBe(0);
  });

  it("words a blank required cell and a wrong type plainly, not in Zod's terms", async () => {
    const res = await post('customers', { file_name: 'blank.csv', content_base64: b64(['Party Name,Credit Days', ',30'].join('\n')) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().problems).toEqual([{ row: 2, column: 'Party Name', field: 'name', message: 'is required' }]);
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/customers',
      headers: bearer(tenant.admin.token),
      payload: { file_name: 'x.csv', content_base64: 42 },
    });
    expect(body.statusCode).toBe(422);
    expect(body.json().errors).toEqual([{ field: 'content_base64', message: 'must be text' }]);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/customers',
      headers: bearer(tenant.admin.token),
      payload: { file_name: 'x.csv' },
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({
      detail: 'Validation failed: content_base64: is required',
      errors: [{ field: 'content_base64', message: 'is required' }],
    });
  });

  it('imports a fixed file in one transaction with one audit event; again only with "update existing"', async () => {
    const fixed = ['Party Name,GSTIN/UIN,Credit Days', `Rao Traders,${good},30`, 'Iyer & Sons,,15'].join('\n');
    const res = await post('customers', { file_name: 'parties.csv', content_base64: b64(fixed), dry_run: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: true, created: 2, updated: 0, problem_count: 0 });
    const [party] = await queryRows<{ state_code: string; pan: string; credit_days: number }>(
      ownerDb(t.handle),
      sql`SELECT state_code, pan, credit_days FROM parties WHERE organization_id = ${tenant.org.id} AND name = 'Rao Traders'`,
    );
    expect(party).toEqual({ state_code: '29', pan: 'AAPFU0939F', credit_days: 30 });
    const [ledger] = await queryRows<{ n: number }>(
      ownerDb(t.handle),
      sql`SELECT count(*)::int AS n FROM ledgers WHERE organization_id = ${tenant.org.id} AND name IN ('Rao Traders', 'Iyer & Sons')`,
    );
    expect(ledger!.n).toBe(2);
    const events = await queryRows<{ action: string; details: Record<string, unknown> }>(
      ownerDb(t.handle),
      sql`SELECT action, details FROM audit_events WHERE organization_id = ${tenant.org.id} AND action = 'import.completed'`,
    );
    expect(events).toEqual([
      { action: 'import.completed', details: { kind: 'customers', file_name: 'parties.csv', rows: 2, created: 2, updated: 0 } },
    ]);

    const again = await post('customers', { file_name: 'parties.csv', content_base64: b64(fixed), dry_run: false });
    expect(again.statusCode).toBe(422);
    const dry = await post('customers', { file_name: 'parties.csv', content_base64: b64(fixed) });
    expect(dry.json().problems[0].message).toBe('a customer named "Rao Traders" already exists (turn on "update existing" to update it)');
    const update = await post('customers', {
      file_name: 'parties.csv',
      content_base64: b64(fixed.replace(',30', ',45')),
      dry_run: false,
      update_existing: true,
    });
    expect(update.json()).toMatchObject({ imported: true, created: 0, updated: 2 });
    expect(await count('parties', 'Rao Traders')).toBe(1);
  });
});

describe('import products', () => {
  it('reads an Excel workbook with number cells and aliases, and a mapping chosen by hand', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Items');
    ws.addRow(['Item Name', 'SKU', 'HSN/SAC', 'UOM', 'Rate', 'GST %', 'Cost']);
    ws.addRow(['Steel bolt M8', 'SB-M8', '7318', 'pcs', 12.5, 18, 9]);
    ws.addRow(['Washer', 'W-1', '7318', 'NOS', '₹1,250.00', '5%', '']);
    const content = b64(Buffer.from(await wb.xlsx.writeBuffer()));
    const dry = await post('products', { file_name: 'items.xlsx', content_base64: content, mapping: [{ heading: 'Cost', field: null }] });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ rows: 2, problem_count: 0, created: 2 });
    expect(dry.json().columns.at(-1)).toEqual({ heading: 'Cost', field: null });
    const res = await post('products', { file_name: 'items.xlsx', content_base64: content, dry_run: false });
    expect(res.json()).toMatchObject({ imported: true, created: 2 });
    const [washer] = await queryRows<{ sale_price: string; gst_rate: string; unit: string; purchase_price: string }>(
      ownerDb(t.handle),
      sql`SELECT sale_price, gst_rate, unit, purchase_price FROM products WHERE organization_id = ${tenant.org.id} AND name = 'Washer'`,
    );
    expect(washer).toEqual({ sale_price: '1250.00', gst_rate: '5.00', unit: 'NOS', purchase_price: '1250.00' });
    const [bolt] = await queryRows<{ n: number }>(
      ownerDb(t.handle),
      sql`SELECT count(*)::int AS n FROM products p JOIN stock_balances s ON s.product_id = p.id WHERE p.organization_id = ${tenant.org.id} AND p.part_number = 'SB-M8' AND p.purchase_price = 9`,
    );
    expect(bolt!.n).toBe(1);
  });

  it('answers bad files with a 4xx naming the reason, never a 500', async () => {
    const cases: [string, string | Buffer, number, RegExp][] = [
      [
        'no header',
        'Bolt,PCS,1\nNut,PCS,2\n',
        422,
        /has no header row: its first row must name the columns, e\.g\. Name, Unit, Sale price/,
      ],
      ['a column missing', 'Name,Rate\nBolt,1\n', 200, /no column is mapped to the required field "Unit"/],
      ['only a header', 'Name,Unit,Rate\n', 422, /has a header row but no rows/],
      ['binary', Buffer.from([0, 1, 2, 3, 255, 254, 0, 9]), 415, /not a spreadsheet/],
      ['xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(64)]), 415, /Excel 97-2003/],
      ['broken zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]), 415, /not a readable Excel workbook/],
      ['bad quotes', 'Name,Unit,Rate\n"Bolt,PCS,1\n', 422, /the CSV cannot be read/],
      ['pdf', '%PDF-1.7 hello', 415, /it is a PDF/],
    ];
    for (const [what, content, status, message] of cases) {
      const res = await post('products', { file_name: `${what}.csv`, content_base64: b64(content) });
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      const text =
        status === 200
          ? res
              .json()
              .problems.map((p: { message: string }) => p.message)
              .join(' | ')
          : res.json().detail + JSON.stringify(res.json().errors ?? []);
      expect(text, what).toMatch(message);
    }
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Name', 'Unit', 'Rate']);
    ws.addRow(['Bolt', 'PCS', { formula: '1+1', result: 2 }]);
    const formula = await post('products', { file_name: 'f.xlsx', content_base64: b64(Buffer.from(await wb.xlsx.writeBuffer())) });
    expect(formula.statusCode).toBe(422);
    expect(JSON.stringify(formula.json())).toContain('cell C2 holds a formula');
    const empty = await post('products', { file_name: 'e.csv', content_base64: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0]).toEqual({
      field: 'content_base64',
      message: 'is empty: choose a file with a header row and at least one row',
    });
    const badKind = await post('ledgers', { file_name: 'e.csv', content_base64: b64('Name\nA\n') });
    expect(badKind.statusCode).toBe(422);
    const badMapping = await post('products', {
      file_name: 'e.csv',
      content_base64: b64('Name,Unit,Rate\nA,PCS,1\n'),
      mapping: [{ heading: 'Unit', field: 'colour' }],
    });
    expect(badMapping.statusCode).toBe(422);
    expect(badMapping.json().errors[0].field).toBe('mapping.0.field');
  });

  it('templates to download: the columns and an example row that the import itself reads without a problem', async () => {
    // A tenant of its own: the examples ("Rao Traders") exist in the main one.
    const fresh = await createTenant(t.deps, { stateCode: '27' });
    for (const kind of ['customers', 'vendors', 'products']) {
      const csv = await t.app.inject({
        method: 'GET',
        url: `/api/v1/imports/${kind}/template?format=csv`,
        headers: bearer(fresh.admin.token),
      });
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="${kind}-import-template.csv"`);
      const dryCsv = await post(kind, { file_name: 't.csv', content_base64: b64(csv.rawPayload) }, fresh.admin.token);
      expect(dryCsv.json().problems, kind).toEqual([]);
      expect(dryCsv.json(), kind).toMatchObject({ rows: 1, problem_count: 0, missing_fields: [] });

      const xlsx = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${kind}/template`, headers: bearer(fresh.admin.token) });
      expect(xlsx.statusCode, xlsx.body).toBe(200);
      expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const [data, notes] = wb.worksheets;
      expect(data!.getCell('A1').value).toBe('Name');
      expect(String(data!.getCell('A1').note)).toMatch(/^Required\./);
      expect(notes!.name).toBe('Notes');
      expect(notes!.getRow(1).values).toEqual([undefined, 'Column', 'Required', 'What it takes', 'Example', 'Other headings accepted']);
      const dry = await post(kind, { file_name: 't.xlsx', content_base64: b64(xlsx.rawPayload) }, fresh.admin.token);
      expect(dry.json(), kind).toMatchObject({ rows: 1, problem_count: 0, missing_fields: [] });
      expect(dry.json().columns.every((c: { field: string | null }) => c.field !== null)).toBe(true);
    }
    const products = await t.app.inject({
      method: 'GET',
      url: '/api/v1/imports/products/template?format=csv',
      headers: bearer(fresh.admin.token),
    });
    expect(products.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'Name,Part number,HSN/SAC,Unit,Sale price,Purchase price,GST rate,Price includes GST,Reorder level,Description',
    );
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/imports/products/template?format=pdf',
      headers: bearer(fresh.admin.token),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toContain('format');
  });

  it('refuses a standard user', async () => {
    const res = await post('products', { file_name: 'a.csv', content_base64: b64('Name,Unit,Rate\nA,PCS,1\n') }, tenant.user.token);
    expect(res.statusCode).toBe(403);
  });
});
