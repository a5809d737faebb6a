import type { ExportFormat } from '@tritiq/contracts';

/**
 * A report as a table for download: what every export format is written from. A route that can
 * be exported builds one of these from its answer (`exportAs` in `defineRoute`); each format is
 * one writer below, so a new format (Excel) is a writer and an entry in `EXPORT_WRITERS`.
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

export interface ExportTable {
  /** The file's name without its extension ("trial-balance-2026-03-31"). */
  filename: string;
  columns: readonly ExportColumn[];
  rows: readonly (readonly ExportCell[])[];
}

export interface ExportFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
/** What makes a spreadsheet read a cell as a formula (OWASP "CSV injection"), after any indent. */
const FORMULA_START = /^(\s*[=+\-@]|[\t\r])/;

/**
 * A cell as CSV text (RFC 4180): quoted when it holds a comma, quote or line break, quotes
 * doubled. Text that a spreadsheet would run as a formula ("=HYPERLINK(…)", "-2+3") is
 * prefixed with an apostrophe; a money or number column passes its decimals as they are, and a
 * value there that is not a decimal is treated as text.
 */
export function csvCell(value: ExportCell, kind: ExportColumnKind): string {
  if (value === null) return '';
  const numeric = (kind === 'money' || kind === 'number') && DECIMAL.test(value);
  const text = !numeric && FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV: a header row, CRLF line ends, UTF-8 with a byte-order mark (so Excel reads ₹ and Indian scripts). */
export function toCsv(table: ExportTable): string {
  const lines = [table.columns.map((c) => csvCell(c.header, 'text')).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c, i) => csvCell(row[i] ?? null, c.kind)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

type Writer = (table: ExportTable) => { body: Buffer; contentType: string; extension: string };

export const EXPORT_WRITERS: Record<Exclude<ExportFormat, 'json'>, Writer> = {
  csv: (table) => ({ body: Buffer.from(toCsv(table), 'utf8'), contentType: 'text/csv; charset=utf-8', extension: 'csv' }),
};

/** The media types the writers answer with, as OpenAPI publishes them. */
export const EXPORT_MEDIA_TYPES = ['text/csv'] as const;

export function renderExport(format: Exclude<ExportFormat, 'json'>, table: ExportTable): ExportFile {
  const written = EXPORT_WRITERS[format](table);
  return { body: written.body, contentType: written.contentType, filename: `${table.filename}.${written.extension}` };
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
