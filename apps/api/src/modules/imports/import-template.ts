import { PassThrough } from 'node:stream';
import { IMPORT_FIELDS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportKind } from '@tritiq/contracts';
import ExcelJS from 'exceljs';
import { csvCell } from '../../lib/export';
import type { FileAnswer } from '../../lib/route';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

const LIMITS = `At most ${IMPORT_MAX_ROWS.toLocaleString('en-IN')} rows and ${IMPORT_MAX_BYTES / 1024 / 1024} MB a file. Delete the example row before importing.`;

/**
 * A template to fill in for an import (README "Import"): the kind's columns under the headings
 * the import matches, and an example row. The workbook also notes each heading (what it takes,
 * whether it is required, the other headings accepted) and lists them on a Notes sheet; it reads
 * back through the import itself (its first sheet is the data).
 */
export async function importTemplate(kind: ImportKind, format: 'xlsx' | 'csv'): Promise<FileAnswer> {
  const fields = IMPORT_FIELDS[kind];
  const filename = `${kind}-import-template.${format}`;
  if (format === 'csv') {
    const lines = [fields.map((f) => csvCell(f.label, 'text')), fields.map((f) => csvCell(f.example, 'text'))].map((l) => l.join(','));
    return { body: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'), filename, contentType: CSV_TYPE };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TRITIQ ERP';
  const ws = wb.addWorksheet(kind.charAt(0).toUpperCase() + kind.slice(1), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = fields.map((f) => ({ width: Math.max(14, f.label.length + 4) }));
  const header = ws.addRow(fields.map((f) => f.label));
  header.font = { bold: true };
  fields.forEach((f, i) => {
    const cell = header.getCell(i + 1);
    const aliases = f.aliases.length ? ` Also read from: ${f.aliases.join(', ')}.` : '';
    cell.note = `${f.required ? 'Required. ' : 'Optional. '}${f.note ? `${f.note}.` : ''}${aliases}`;
  });
  // Every example as text: a PIN or a part number must not become a number on the way back.
  const example = ws.addRow(fields.map((f) => f.example));
  example.eachCell((cell) => (cell.numFmt = '@'));
  const notes = wb.addWorksheet('Notes');
  notes.columns = [
    { header: 'Column', width: 22 },
    { header: 'Required', width: 10 },
    { header: 'What it takes', width: 70 },
    { header: 'Example', width: 22 },
    { header: 'Other headings accepted', width: 50 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const f of fields) notes.addRow([f.label, f.required ? 'yes' : 'no', f.note, f.example, f.aliases.join(', ')]);
  notes.addRow([]);
  notes.addRow([LIMITS]);
  const out = new PassThrough();
  void wb.xlsx.write(out).then(
    () => out.end(),
    (err: unknown) => out.destroy(err as Error),
  );
  return { body: out, filename, contentType: XLSX_TYPE };
}
