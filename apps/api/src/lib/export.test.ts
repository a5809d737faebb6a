import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { allPages, csvCell, MONEY_FORMAT, pagesOf, renderExport, toCsv, type ExportTable } from './export';

async function bytesOf(body: Buffer | Readable): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function workbookOf(body: Buffer | Readable): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await bytesOf(body)) as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks and doubles the quotes inside', () => {
    expect(csvCell('Sharma, Sons', 'text')).toBe('"Sharma, Sons"');
    expect(csvCell('The "Best" Traders', 'text')).toBe('"The ""Best"" Traders"');
    expect(csvCell('Line one\nline two', 'text')).toBe('"Line one\nline two"');
    expect(csvCell('Plain', 'text')).toBe('Plain');
    expect(csvCell(null, 'money')).toBe('');
  });

  it('neutralises text a spreadsheet would run as a formula, but not the decimals of a money column', () => {
    expect(csvCell('=HYPERLINK("http://x")', 'text')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+91 98', 'text')).toBe("'+91 98");
    expect(csvCell('-2+3', 'text')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)', 'text')).toBe("'@SUM(A1)");
    expect(csvCell('    =1+1', 'text')).toBe("'    =1+1");
    expect(csvCell('-1250.50', 'money')).toBe('-1250.50');
    expect(csvCell('-1250.50', 'text')).toBe("'-1250.50");
    expect(csvCell('-1+1', 'money')).toBe("'-1+1");
  });

  it('writes a header row and CRLF lines after a byte-order mark, and names the file', () => {
    const table = {
      filename: 'trial-balance-2026-03-31',
      title: 'Trial balance',
      columns: [
        { header: 'Particulars', kind: 'text' as const },
        { header: 'Debit', kind: 'money' as const },
      ],
      rows: [
        ['Cash', '100.00'],
        ['Café, Pune', null],
      ],
    };
    expect(toCsv(table)).toBe('\uFEFFParticulars,Debit\r\nCash,100.00\r\n"Café, Pune",\r\n');
    const file = renderExport('csv', table);
    expect(file.filename).toBe('trial-balance-2026-03-31.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.body.toString('utf8')).toBe(toCsv(table));
  });

  it('follows the cursors to the last page, and refuses past the row limit', async () => {
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      start: { items: [1, 2], nextCursor: 'b' },
      b: { items: [3, 4], nextCursor: 'c' },
      c: { items: [5], nextCursor: null },
    };
    const read = (cursor: string | undefined) => Promise.resolve(pages[cursor ?? 'start']!);
    expect((await allPages(read, 10, () => new Error('too many'))).items).toEqual([1, 2, 3, 4, 5]);
    await expect(allPages(read, 3, () => new Error('too many'))).rejects.toThrow('too many');
  });
});

describe('Excel export', () => {
  const table: ExportTable = {
    filename: 'ledger-2025-04-01-to-2026-03-31',
    title: 'Ledger statement: Rao Traders',
    period: '01-04-2025 to 31-03-2026',
    columns: [
      { header: 'Date', kind: 'date' },
      { header: 'Particulars', kind: 'text' },
      { header: 'Debit', kind: 'money' },
      { header: 'Quantity', kind: 'number' },
    ],
    rows: [
      ['2025-05-02', '=HYPERLINK("http://evil")', '12345678.50', '2.5'],
      ['2026-03-31', '-2+3', '-1250.00', null],
      [null, '\tTabbed', 'n/a', '@x'],
    ],
  };

  it('writes a title row naming the organisation, the period, the header, then numbers, dates and neutralised text', async () => {
    const file = renderExport('xlsx', table, { organizationName: 'Acme Pvt Ltd' });
    expect(file.filename).toBe('ledger-2025-04-01-to-2026-03-31.xlsx');
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const ws = await workbookOf(file.body);
    expect(ws.getCell('A1').value).toBe('Acme Pvt Ltd: Ledger statement: Rao Traders');
    expect(ws.getCell('A2').value).toBe('01-04-2025 to 31-03-2026');
    expect(ws.getRow(4).values).toEqual([undefined, 'Date', 'Particulars', 'Debit', 'Quantity']);
    const first = ws.getRow(5);
    expect(first.getCell(1).value).toEqual(new Date(Date.UTC(2025, 4, 2)));
    expect(first.getCell(1).numFmt).toBe('dd-mm-yyyy');
    expect(first.getCell(2).value).toBe(`'=HYPERLINK("http://evil")`);
    expect(first.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(first.getCell(3).value).toBe(12345678.5);
    // exceljs drops the format's escapes when it reads (the file holds `##\,##\,##0.00`, the literal commas).
    expect(first.getCell(3).numFmt).toBe(MONEY_FORMAT.replace(/\\/g, ''));
    expect(MONEY_FORMAT).toBe('[>=10000000]##\\,##\\,##\\,##0.00;[>=100000]##\\,##\\,##0.00;##,##0.00');
    expect(first.getCell(4).value).toBe(2.5);
    const second = ws.getRow(6);
    expect(second.getCell(2).value).toBe("'-2+3");
    expect(second.getCell(3).value).toBe(-1250);
    expect(second.getCell(4).value).toBeNull();
    const third = ws.getRow(7);
    // What is not a decimal in a money or number column is text, neutralised as well.
    expect([third.getCell(1).value, third.getCell(2).value, third.getCell(3).value, third.getCell(4).value]).toEqual([
      null,
      "'\tTabbed",
      'n/a',
      "'@x",
    ]);
    expect(ws.rowCount).toBe(7);
  });

  it('streams a list read page by page, in CSV and in Excel', async () => {
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      start: { items: [1, 2], nextCursor: 'b' },
      b: { items: [3], nextCursor: null },
    };
    const read = (cursor: string | undefined) => Promise.resolve(pages[cursor ?? 'start']!);
    const list = (): ExportTable => ({
      filename: 'numbers',
      title: 'Numbers',
      columns: [
        { header: 'N', kind: 'number' },
        { header: 'Text', kind: 'text' },
      ],
      rows: pagesOf(read, (n) => [String(n), `+${n}`]),
    });
    const csv = renderExport('csv', list());
    expect(Buffer.isBuffer(csv.body)).toBe(false);
    expect((await bytesOf(csv.body)).toString('utf8')).toBe("\uFEFFN,Text\r\n1,'+1\r\n2,'+2\r\n3,'+3\r\n");
    const ws = await workbookOf(renderExport('xlsx', list()).body);
    expect(ws.getCell('A1').value).toBe('Numbers');
    expect([5, 6, 7].map((r) => ws.getRow(r).getCell(1).value)).toEqual([1, 2, 3]);
    expect(ws.getCell('B7').value).toBe("'+3");
  });
});
