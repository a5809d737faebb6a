import { IMPORT_KINDS } from '@tritiq/contracts';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant } from '../../src/test/factories';
import { buildTestApp, type TestApp } from '../../src/test/harness';
import { ownerDb } from '../../src/test/test-db';
import { changedTables, fingerprint } from './fingerprint';

/**
 * The import route (`POST /api/v1/imports/{kind}`) fed hostile files: random bytes, files that
 * start like a zip, an old .xls, a PDF, CSV with formulas, quotes, control characters and
 * ragged rows, workbooks with formulas, errors, dates and rich text, too many columns, too many
 * rows, more than 20 MB, and the same under `dry_run: false`. No 5xx, every refusal in the error
 * shape, and nothing written unless the answer says it imported.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12) * 4;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await buildTestApp();
  token = (await createTenant(t.deps, { stateCode: '27' })).admin.token;
}, 120_000);
afterAll(() => t.close());

const HEADINGS = [
  'Name',
  'Unit',
  'Rate',
  'GST %',
  'GSTIN/UIN',
  'HSN/SAC',
  'Party Name',
  'SKU',
  'Credit Days',
  'PIN',
  'Opening Qty',
  'Dr/Cr',
  'Bill No',
  'Due Date',
  '',
  'x',
];
const CELL = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '=1+1',
    '+91 98200',
    '-2+3',
    '@SUM(A1)',
    '=HYPERLINK("http://x")',
    '\t=1',
    '"',
    '""',
    '\u0000',
    '₹1,250.00',
    '18%',
    'PCS',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer().map(String),
);

const csvFile = fc
  .record({
    headings: fc.array(fc.constantFrom(...HEADINGS), { minLength: 0, maxLength: 8 }),
    rows: fc.array(fc.array(CELL, { maxLength: 9 }), { maxLength: 12 }),
    sep: fc.constantFrom(',', ';', '\t'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    quote: fc.boolean(),
  })
  .map(({ headings, rows, sep, eol, quote }) => {
    const line = (cells: string[]) => cells.map((c) => (quote ? `"${c.replace(/"/g, '""')}"` : c)).join(sep);
    return Buffer.from([line(headings), ...rows.map(line)].join(eol));
  });

const XLSX_CELL = fc.oneof(
  CELL,
  fc.double({ noNaN: false }),
  fc.date({ noInvalidDate: true }),
  fc.constant({ formula: 'A1*2', result: 4 }),
  fc.constant({ error: '#N/A' }),
  fc.constant({ richText: [{ text: 'Bo' }, { text: 'lt' }] }),
  fc.constant(null),
  fc.boolean(),
);

const xlsxFile = fc
  .record({
    headings: fc.array(fc.constantFrom(...HEADINGS), { maxLength: 8 }),
    rows: fc.array(fc.array(XLSX_CELL, { maxLength: 9 }), { maxLength: 8 }),
    sheets: fc.integer({ min: 0, max: 2 }),
  })
  .map(async ({ headings, rows, sheets }) => {
    const wb = new ExcelJS.Workbook();
    for (let s = 0; s < sheets; s++) {
      const ws = wb.addWorksheet(`S${s}`);
      ws.addRow(headings);
      for (const r of rows) ws.addRow(r as ExcelJS.CellValue[]);
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  });

const hostileFile = fc.oneof(
  csvFile.map((b) => Promise.resolve(b)),
  xlsxFile,
  fc.uint8Array({ maxLength: 2000 }).map((b) => Promise.resolve(Buffer.from(b))),
  fc.uint8Array({ maxLength: 500 }).map((b) => Promise.resolve(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), b]))),
  fc.uint8Array({ maxLength: 200 }).map((b) => Promise.resolve(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), b]))),
  fc.string().map((s) => Promise.resolve(Buffer.from(`%PDF-1.4 ${s}`))),
  // A real workbook cut short: its central directory is missing.
  xlsxFile.map(async (p) => {
    const b = await p;
    return b.subarray(0, Math.floor(b.length / 2));
  }),
);

async function send(kind: string, file: Buffer, dryRun: boolean, mapping?: unknown) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${kind}`,
    headers: bearer(token),
    payload: { file_name: 'hostile', content_base64: file.toString('base64'), dry_run: dryRun, ...(mapping ? { mapping } : {}) },
  });
}

async function check(res: Awaited<ReturnType<typeof send>>, dryRun: boolean, before: Awaited<ReturnType<typeof fingerprint>>) {
  expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const body = res.json() as Record<string, unknown>;
    expect(typeof body.detail === 'string' && typeof body.code === 'string', res.body.slice(0, 300)).toBe(true);
  }
  const imported = res.statusCode === 200 && (res.json() as { imported: boolean }).imported;
  expect(imported && dryRun).toBe(false);
  if (!imported) expect(changedTables(before, await fingerprint(ownerDb(t.deps.handle)))).toEqual([]);
}

describe('fuzzing the import with hostile files', () => {
  it('answers every file without a 5xx, and writes nothing unless it imported', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileFile,
        fc.constantFrom(...IMPORT_KINDS),
        fc.boolean(),
        fc.option(
          fc.array(
            fc.record({
              heading: fc.constantFrom(...HEADINGS),
              field: fc.constantFrom('name', 'unit', 'gstin', 'quantity', 'side', 'ref', null, 'nope'),
            }),
            {
              maxLength: 3,
            },
          ),
          { nil: undefined },
        ),
        async (file, kind, dryRun, mapping) => {
          const before = await fingerprint(ownerDb(t.deps.handle));
          await check(await send(kind, await file, dryRun, mapping), dryRun, before);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('refuses files past the limits with a 4xx: over 20 MB, over 50,000 rows, over 200 columns', { timeout: 120_000 }, async () => {
    const before = await fingerprint(ownerDb(t.deps.handle));
    const huge = Buffer.alloc(20 * 1024 * 1024 + 10, 'a');
    const big = await send('products', huge, false);
    expect(big.statusCode, big.body.slice(0, 300)).toBe(422);
    expect(big.json().errors[0]).toEqual({ field: 'content_base64', message: 'is larger than the limit of 20 MB' });
    const rows = Buffer.from(`Name,Unit,Rate\n${'Bolt,PCS,1\n'.repeat(50_001)}`);
    const many = await send('products', rows, false);
    expect(many.statusCode).toBe(422);
    expect(many.json().errors[0].message).toMatch(/^has 50,001 rows; at most 50,000 are imported at once/);
    const wide = await send('products', Buffer.from(`${Array.from({ length: 201 }, (_, i) => `c${i}`).join(',')}\nx\n`), true);
    expect(wide.statusCode).toBe(422);
    await check(big, false, before);
  });
});
