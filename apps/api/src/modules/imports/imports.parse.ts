import { IMPORT_FIELDS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, matchHeadings, type ImportKind, type ImportReport } from '@tritiq/contracts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError, validationError } from '../../lib/app-error';

/** A spreadsheet as text: its header row and its rows (cells trimmed, '' for empty), with each row's number in the file. */
export interface Sheet {
  headings: string[];
  rows: { line: number; cells: string[] }[];
}

const MAX_COLUMNS = 200;
const FIELD = 'content_base64';

function tooLarge(): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${IMPORT_MAX_BYTES / 1024 / 1024} MB: split it`);
}

function notSpreadsheet(why: string): AppError {
  return new AppError('UNSUPPORTED_MEDIA_TYPE', `The file is not a spreadsheet: ${why}. Upload a CSV file or an Excel workbook (.xlsx)`);
}

/** `yyyy-mm-dd` of a date cell, as the day Excel shows (its dates carry no zone: read as UTC). */
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDay(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return String(value.error);
  return '';
}

async function readWorkbook(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw notSpreadsheet('it looks like a zip file but is not a readable Excel workbook');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw validationError(FIELD, 'the workbook has no worksheet');
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      if (cell.type === ExcelJS.ValueType.Formula)
        throw validationError(
          FIELD,
          `cell ${cell.address} holds a formula: formulas are not imported; copy the sheet and paste values only`,
        );
      cells[col - 1] = cellText(cell.value);
    });
    out[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(out, (r) => r ?? []);
}

function readCsv(buf: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw notSpreadsheet('it is not text in UTF-8 (save the CSV as "CSV UTF-8")');
  }
  if (text.includes('\u0000')) throw notSpreadsheet('it holds binary data');
  const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
  // Excel in many locales saves ";" or tab separated "CSV": take the separator the header row uses most.
  const delimiter = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length })).sort((a, b) => b.n - a.n)[0]!.d;
  try {
    return parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: 1_000_000,
    }) as string[][];
  } catch (err) {
    throw validationError(FIELD, `the CSV cannot be read: ${(err as Error).message}`);
  }
}

/** Reads a CSV or .xlsx upload; refuses what is not one, too large, empty or without a header row, with the reason. */
export async function readSheet(buf: Buffer): Promise<Sheet> {
  if (buf.length > IMPORT_MAX_BYTES) throw tooLarge();
  if (buf.length === 0) throw validationError(FIELD, 'is empty: choose a file with a header row and at least one row');
  let grid: string[][];
  if (buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) grid = await readWorkbook(buf);
  else if (buf.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    throw notSpreadsheet('it is an old-style Excel 97-2003 (.xls) file; save it as .xlsx or CSV');
  else if (buf.subarray(0, 5).toString('latin1') === '%PDF-') throw notSpreadsheet('it is a PDF');
  else grid = readCsv(buf);

  const lines = grid.map((cells, i) => ({ line: i + 1, cells: cells.map((c) => (c ?? '').trim()) }));
  const nonEmpty = lines.filter((l) => l.cells.some((c) => c !== ''));
  const header = nonEmpty[0];
  if (!header) throw validationError(FIELD, 'is empty: choose a file with a header row and at least one row');
  if (header.cells.length > MAX_COLUMNS)
    throw validationError(FIELD, `has ${header.cells.length} columns; at most ${MAX_COLUMNS} are read`);
  const rows = nonEmpty.slice(1);
  if (rows.length === 0) throw validationError(FIELD, 'has a header row but no rows to import');
  if (rows.length > IMPORT_MAX_ROWS)
    throw validationError(
      FIELD,
      `has ${rows.length.toLocaleString('en-IN')} rows; at most ${IMPORT_MAX_ROWS.toLocaleString('en-IN')} are imported at once: split the file`,
    );
  return { headings: header.cells, rows };
}

/** Each heading's field: matched by name and alias, with the columns mapped by hand (field null: ignored) over them. */
export function resolveMapping(
  kind: ImportKind,
  sheet: Sheet,
  override: readonly { heading: string; field: string | null }[] | undefined,
): (string | null)[] {
  const keys = new Set(IMPORT_FIELDS[kind].map((f) => f.key));
  const auto = matchHeadings(kind, sheet.headings);
  if (!override && auto.every((f) => f === null)) {
    const example = IMPORT_FIELDS[kind].filter((f) => f.required).map((f) => f.label);
    throw validationError(
      'content_base64',
      `has no header row: its first row must name the columns, e.g. ${example.join(', ')} (found "${sheet.headings.slice(0, 5).join('", "')}")`,
    );
  }
  if (!override) return auto;
  const chosen = new Map<string, string | null>();
  for (const [n, { heading, field }] of override.entries()) {
    if (!sheet.headings.includes(heading)) throw validationError(`mapping.${n}.heading`, `"${heading}" is not a heading of the file`);
    if (field !== null && !keys.has(field))
      throw validationError(`mapping.${n}.field`, `must be one of the ${kind} fields: ${[...keys].join(', ')}, or null`);
    chosen.set(heading, field);
  }
  const mapped = sheet.headings.map((h, i) => (chosen.has(h) ? chosen.get(h)! : auto[i]!));
  const seen = new Set<string>();
  for (const [i, field] of mapped.entries()) {
    if (field === null) continue;
    if (seen.has(field))
      throw validationError('mapping', `column "${sheet.headings[i]}" maps to ${field}, which another column already fills`);
    seen.add(field);
  }
  return mapped;
}

/**
 * A cell as a field reads it: the apostrophe our exports put before text a spreadsheet would run
 * ("'+91 98200…") comes off again; `formula` flags a cell a spreadsheet would run (`=`, `@`),
 * which is refused, not stored.
 */
export function importCell(raw: string | undefined): { text: string; formula: boolean } {
  const text = (raw ?? '').replace(/^'(?=\s*[=+\-@])/, '');
  return { text, formula: /^[=@]/.test(text) };
}

/** What a file's check found, for the report both importers answer (the counts are of the rows that would be written). */
export interface ImportOutcome {
  kind: ImportKind;
  fileName: string;
  dryRun: boolean;
  sheet: Sheet;
  mapping: readonly (string | null | undefined)[];
  missing: string[];
  problems: ImportReport['problems'];
  problemCount: number;
  created: number;
  updated: number;
}

/** The import's report, before anything is written (`imported` false). */
export function importReport(o: ImportOutcome): ImportReport {
  return {
    kind: o.kind,
    file_name: o.fileName,
    dry_run: o.dryRun,
    imported: false,
    rows: o.sheet.rows.length,
    columns: o.sheet.headings.map((heading, i) => ({ heading, field: o.mapping[i] ?? null })),
    missing_fields: o.missing,
    problems: o.problems,
    problem_count: o.problemCount,
    created: o.created,
    updated: o.updated,
  };
}

/** An import refused for its rows' problems (not for the file): the command line tells them apart by it. */
export class ImportRefusedError extends AppError {}

/** 422 for an import (not a dry run) of a file with problems: nothing is written; the first 50 by row and column. */
export function importRefused(report: ImportReport): AppError {
  return new ImportRefusedError(
    'VALIDATION_ERROR',
    `${report.problem_count} problem(s) in ${report.file_name}: nothing was imported (run a dry run for the report)`,
    {
      errors: report.problems.slice(0, 50).map((p) => ({ field: `row ${p.row}${p.column ? `, ${p.column}` : ''}`, message: p.message })),
    },
  );
}
