import { describe, expect, it } from 'vitest';
import { allPages, csvCell, renderExport, toCsv } from './export';

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
