import { PassThrough, Readable } from 'node:stream';
import type { ExportFormat } from '@tritiq/contracts';
import ExcelJS from 'exceljs';

/**
 * A report as a table for download: what every export format is written from. A route that can
 * be exported builds one of these from its answer (`exportAs` in `defineRoute`); each format is
 * one writer below (CSV, Excel), an entry in `EXPORT_WRITERS`.
 */

/**
 * How a column's cells are written: `text` is the user's words (names, numbers of vouchers),
 * `date` is YYYY-MM-DD, `money` a decimal string of rupees ("-1250.50"), `number` any decimal.
 */
export type ExportColumnKind = 'text' | 'date' | 'money' | 'number';

export interface ExportColumn {
  header: string;
  kind: ExportColumnKind;
}

export type ExportCell = string | null;
export type ExportRow = readonly ExportCell[];

export interface ExportTable {
  /** The file's name without its extension ("trial-balance-2026-03-31"). */
  filename: string;
  /** What the file is ("Trial balance"): the Excel title row names it after the organisation. */
  title: string;
  /** The period or date it covers ("01-04-2025 to 31-03-2026", "As on 31-03-2026"), when it has one. */
  period?: string;
  columns: readonly ExportColumn[];
  /**
   * The rows, or (a long list) their pages as they are read: an async iterable of batches is
   * written as it comes, never held whole (lists of masters and vouchers are read this way).
   */
  rows: readonly ExportRow[] | AsyncIterable<readonly ExportRow[]>;
}

/** Who the file is for: the Excel title row names the organisation. */
export interface ExportHeading {
  organizationName: string | null;
}

export interface ExportFile {
  body: Buffer | Readable;
  contentType: string;
  filename: string;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** What makes a spreadsheet read a cell as a formula (OWASP "CSV injection"), after any indent. */
const FORMULA_START = /^(\s*[=+\-@]|[\t\r])/;

/** Text a spreadsheet would run as a formula ("=HYPERLINK(…)", "-2+3", "@SUM(…)", a leading tab) with an apostrophe before it. */
export function neutralised(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A cell as CSV text (RFC 4180): quoted when it holds a comma, quote or line break, quotes
 * doubled. Text that a spreadsheet would run as a formula ("=HYPERLINK(…)", "-2+3") is
 * prefixed with an apostrophe; a money or number column passes its decimals as they are, and a
 * value there that is not a decimal is treated as text.
 */
export function csvCell(value: ExportCell, kind: ExportColumnKind): string {
  if (value === null) return '';
  const numeric = (kind === 'money' || kind === 'number') && DECIMAL.test(value);
  const text = numeric ? value : neutralised(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (table: ExportTable, row: ExportRow) => table.columns.map((c, i) => csvCell(row[i] ?? null, c.kind)).join(',');
const csvHeader = (table: ExportTable) => table.columns.map((c) => csvCell(c.header, 'text')).join(',');

function isAsync(rows: ExportTable['rows']): rows is AsyncIterable<readonly ExportRow[]> {
  return typeof (rows as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/** The table as CSV: a header row, CRLF line ends, UTF-8 with a byte-order mark (so Excel reads ₹ and Indian scripts). */
export function toCsv(table: ExportTable & { rows: readonly ExportRow[] }): string {
  const lines = [csvHeader(table)];
  for (const row of table.rows) lines.push(csvLine(table, row));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

async function* csvChunks(table: ExportTable, rows: AsyncIterable<readonly ExportRow[]>): AsyncGenerator<string> {
  yield `\uFEFF${csvHeader(table)}\r\n`;
  for await (const batch of rows) if (batch.length) yield `${batch.map((r) => csvLine(table, r)).join('\r\n')}\r\n`;
}

/**
 * Excel's number format with Indian grouping (1,23,45,678.00): a format has two conditions at
 * most, so crores and lakhs are the conditions and the rest the plain thousands (negative
 * amounts take the last section: -1,23,456.00 shows as -123,456.00 beyond a lakh).
 */
export function indianNumberFormat(decimals: number): string {
  const d = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  return `[>=10000000]##\\,##\\,##\\,##0${d};[>=100000]##\\,##\\,##0${d};##,##0${d}`;
}

export const MONEY_FORMAT = indianNumberFormat(2);
export const DATE_FORMAT = 'dd-mm-yyyy';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A cell's value in the workbook: decimals as numbers, YYYY-MM-DD as a date, the rest as (neutralised) text. */
export function xlsxValue(value: ExportCell, kind: ExportColumnKind): string | number | Date | null {
  if (value === null || value === '') return null;
  if ((kind === 'money' || kind === 'number') && DECIMAL.test(value)) return Number(value);
  const day = kind === 'date' ? ISO_DATE.exec(value) : null;
  if (day) return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  return neutralised(value);
}

async function drained(out: PassThrough): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return;
  await new Promise<void>((resolve) => {
    out.once('drain', resolve);
    out.once('close', resolve);
  });
}

/**
 * The table as an .xlsx workbook, written by exceljs' streaming writer row by row (a long
 * list is never held whole): a title row naming the organisation and what the file is, the
 * period, a blank row, the header row (frozen), then the rows with money as numbers in the
 * Indian format, dates as date cells.
 */
async function writeXlsx(table: ExportTable, heading: ExportHeading, out: PassThrough): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'TRITIQ ERP';
  const ws = wb.addWorksheet((table.title.replace(/[*?:\\/[\]]/g, ' ').trim() || 'Export').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  ws.columns = table.columns.map((c) => ({
    key: c.header,
    width: c.kind === 'date' ? 12 : c.kind === 'text' ? Math.min(40, Math.max(14, c.header.length + 2)) : 16,
    style:
      c.kind === 'money'
        ? { numFmt: MONEY_FORMAT }
        : c.kind === 'date'
          ? { numFmt: DATE_FORMAT }
          : c.kind === 'number'
            ? { numFmt: '0.###' }
            : {},
  }));
  const title = ws.addRow([neutralised([heading.organizationName, table.title].filter(Boolean).join(': '))]);
  title.font = { bold: true, size: 13 };
  title.commit();
  ws.addRow([table.period ? neutralised(table.period) : null]).commit();
  ws.addRow([]).commit();
  const header = ws.addRow(table.columns.map((c) => neutralised(c.header)));
  header.font = { bold: true };
  header.commit();
  const write = (row: ExportRow) => ws.addRow(table.columns.map((c, i) => xlsxValue(row[i] ?? null, c.kind))).commit();
  if (isAsync(table.rows)) {
    for await (const batch of table.rows) {
      if (out.destroyed) throw new Error('The client closed the download');
      batch.forEach(write);
      await drained(out);
    }
  } else table.rows.forEach(write);
  ws.commit();
  await wb.commit();
}

type Written = { body: Buffer | Readable; contentType: string; extension: string };
type Writer = (table: ExportTable, heading: ExportHeading) => Written;

export const EXPORT_WRITERS: Record<Exclude<ExportFormat, 'json'>, Writer> = {
  csv: (table) => ({
    body: isAsync(table.rows)
      ? Readable.from(csvChunks(table, table.rows))
      : Buffer.from(toCsv(table as ExportTable & { rows: readonly ExportRow[] }), 'utf8'),
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
  }),
  xlsx: (table, heading) => {
    const out = new PassThrough();
    writeXlsx(table, heading, out).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
    return { body: out, contentType: XLSX_TYPE, extension: 'xlsx' };
  },
};

/**
 * The table with its first batch of rows already read, when its rows stream: a refusal or failure
 * of the first page's read (a search the database refuses, a bad cursor) is then answered as any
 * other error, with its status and JSON body, before the file's first byte is sent. Read later, it
 * could only cut the download short (the fuzzer found a NUL in a search answered that way).
 */
export async function withFirstBatchRead(table: ExportTable): Promise<ExportTable> {
  if (!isAsync(table.rows)) return table;
  const rows = table.rows[Symbol.asyncIterator]();
  const first = await rows.next();
  async function* rest(): AsyncGenerator<readonly ExportRow[]> {
    try {
      if (first.done) return;
      yield first.value;
      for (let next = await rows.next(); !next.done; next = await rows.next()) yield next.value;
    } finally {
      // A download stopped early stops the read too.
      await rows.return?.();
    }
  }
  return { ...table, rows: rest() };
}

/** The media types the writers answer with, as OpenAPI publishes them. */
export const EXPORT_MEDIA_TYPES = ['text/csv', XLSX_TYPE] as const;

export function renderExport(
  format: Exclude<ExportFormat, 'json'>,
  table: ExportTable,
  heading: ExportHeading = { organizationName: null },
): ExportFile {
  const written = EXPORT_WRITERS[format](table, heading);
  return { body: written.body, contentType: written.contentType, filename: `${table.filename}.${written.extension}` };
}

/** A date (YYYY-MM-DD) as the title row shows it: 31-03-2026. */
export const titleDate = (iso: string) => iso.split('-').reverse().join('-');
export const periodText = (p: { from: string; to: string }) => `${titleDate(p.from)} to ${titleDate(p.to)}`;
export const asOnText = (date: string) => `As on ${titleDate(date)}`;

/**
 * Every page of a keyset-paged list as it is read, for an export that streams: follows
 * `nextCursor` to the end, one batch of rows per page.
 */
export async function* pagesOf<I>(
  page: (cursor: string | undefined) => Promise<{ items: I[]; nextCursor: string | null }>,
  row: (item: I) => ExportRow,
): AsyncGenerator<readonly ExportRow[]> {
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    yield next.items.map(row);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
}

/**
 * Every page of a keyset-paged answer, for an export of the whole report: follows `nextCursor`
 * until the end. `limit` rows at most (the caller refuses a bigger export with a message).
 */
export async function allPages<T extends { items: unknown[]; nextCursor: string | null }>(
  page: (cursor: string | undefined) => Promise<T>,
  limit: number,
  tooMany: () => Error,
): Promise<{ first: T; items: T['items'] }> {
  const first = await page(undefined);
  const items: unknown[] = [...first.items];
  let cursor = first.nextCursor;
  while (cursor) {
    if (items.length >= limit) throw tooMany();
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor;
  }
  return { first, items: items as T['items'] };
}
