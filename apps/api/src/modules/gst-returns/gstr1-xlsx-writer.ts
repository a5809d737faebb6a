import type { PassThrough } from 'node:stream';
import { stateNameFor } from '@tritiq/contracts';
import ExcelJS from 'exceljs';
import type { DocumentRateRow } from './gst-returns.repo';
import type { Gstr1Reader, NilEntry } from './gstr1.data';

/**
 * GSTR-1 as an Excel workbook: the same figures as the JSON, one sheet per section, with the
 * column headings of the portal's offline tool template. Written with exceljs' streaming writer,
 * row by row as the cursor gives them, so a month's workbook is never held whole. Cells hold
 * numbers (a spreadsheet stores doubles anyway); every figure comes from the same decimal
 * strings the JSON writes.
 */

const n = (v: string) => Number(v);
const pos = (code: string) => `${code}-${stateNameFor(code) ?? ''}`;

const NIL_LABELS: Record<NilEntry['sply_ty'], string> = {
  INTRB2B: 'Inter-State supplies to registered persons',
  INTRAB2B: 'Intra-State supplies to registered persons',
  INTRB2C: 'Inter-State supplies to unregistered persons',
  INTRAB2C: 'Intra-State supplies to unregistered persons',
};

async function drained(out: PassThrough): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return;
  await new Promise<void>((resolve) => {
    out.once('drain', resolve);
    out.once('close', resolve);
  });
  if (out.destroyed) throw new Error('The client closed the download');
}

export async function writeGstr1Workbook(reader: Gstr1Reader, header: { gstin: string; fp: string }, out: PassThrough): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  wb.creator = 'TRITIQ ERP';

  const rateSheet = async (
    name: string,
    headings: string[],
    batches: AsyncGenerator<DocumentRateRow[]>,
    row: (r: DocumentRateRow) => (string | number)[],
  ) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(headings).commit();
    for await (const batch of batches) {
      for (const r of batch) ws.addRow(row(r)).commit();
      await drained(out);
    }
    ws.commit();
  };

  await rateSheet(
    'b2b',
    [
      'GSTIN/UIN of Recipient',
      'Receiver Name',
      'Invoice Number',
      'Invoice date',
      'Invoice Value',
      'Place Of Supply',
      'Reverse Charge',
      'Invoice Type',
      'Rate',
      'Taxable Value',
      'Integrated Tax',
      'Central Tax',
      'State/UT Tax',
      'Cess Amount',
    ],
    reader.b2b(),
    (r) => [
      r.ctin ?? '',
      r.party_name,
      r.number,
      r.date,
      n(r.value),
      pos(r.pos),
      'N',
      'Regular',
      n(r.rt),
      n(r.txval),
      n(r.iamt),
      n(r.camt),
      n(r.samt),
      0,
    ],
  );
  await rateSheet(
    'b2cl',
    ['Invoice Number', 'Invoice date', 'Invoice Value', 'Place Of Supply', 'Rate', 'Taxable Value', 'Integrated Tax', 'Cess Amount'],
    reader.b2cl(),
    (r) => [r.number, r.date, n(r.value), pos(r.pos), n(r.rt), n(r.txval), n(r.iamt), 0],
  );

  const noteHeadings = [
    'Note Number',
    'Note Date',
    'Note Type',
    'Place Of Supply',
    'Note Value',
    'Rate',
    'Taxable Value',
    'Integrated Tax',
    'Central Tax',
    'State/UT Tax',
    'Cess Amount',
  ];
  await rateSheet('cdnr', ['GSTIN/UIN of Recipient', 'Receiver Name', ...noteHeadings], reader.cdnr(), (r) => [
    r.ctin ?? '',
    r.party_name,
    r.number,
    r.date,
    'C',
    pos(r.pos),
    n(r.value),
    n(r.rt),
    n(r.txval),
    n(r.iamt),
    n(r.camt),
    n(r.samt),
    0,
  ]);
  await rateSheet('cdnur', ['UR Type', ...noteHeadings], reader.cdnur(), (r) => [
    'B2CL',
    r.number,
    r.date,
    'C',
    pos(r.pos),
    n(r.value),
    n(r.rt),
    n(r.txval),
    n(r.iamt),
    n(r.camt),
    n(r.samt),
    0,
  ]);

  const b2cs = wb.addWorksheet('b2cs');
  b2cs
    .addRow([
      'Type',
      'Supply Type',
      'Place Of Supply',
      'Rate',
      'Taxable Value',
      'Integrated Tax',
      'Central Tax',
      'State/UT Tax',
      'Cess Amount',
    ])
    .commit();
  for (const r of await reader.b2cs())
    b2cs.addRow(['OE', r.sply_ty, pos(r.pos), n(r.rt), n(r.txval), n(r.iamt), n(r.camt), n(r.samt), 0]).commit();
  b2cs.commit();

  const exemp = wb.addWorksheet('exemp');
  exemp.addRow(['Description', 'Nil Rated Supplies', 'Exempted (other than nil rated/non GST supply)', 'Non-GST supplies']).commit();
  for (const r of await reader.nil()) exemp.addRow([NIL_LABELS[r.sply_ty], n(r.nil_amt), 0, 0]).commit();
  exemp.commit();

  const hsn = await reader.hsn();
  for (const [name, rows] of [
    ['hsn(b2b)', hsn.b2b],
    ['hsn(b2c)', hsn.b2c],
  ] as const) {
    const ws = wb.addWorksheet(name);
    ws.addRow([
      'HSN',
      'Description',
      'UQC',
      'Total Quantity',
      'Rate',
      'Taxable Value',
      'Integrated Tax Amount',
      'Central Tax Amount',
      'State/UT Tax Amount',
      'Cess Amount',
    ]).commit();
    for (const r of rows) ws.addRow([r.hsn_sc, r.desc, r.uqc, n(r.qty), n(r.rt), n(r.txval), n(r.iamt), n(r.camt), n(r.samt), 0]).commit();
    ws.commit();
  }

  const docs = wb.addWorksheet('docs');
  docs.addRow(['Nature of Document', 'Sr. No. From', 'Sr. No. To', 'Total Number', 'Cancelled', 'Net Issued']).commit();
  for (const d of await reader.docIssue())
    for (const s of d.docs) docs.addRow([d.doc_typ, s.from, s.to, s.totnum, s.cancel, s.net_issue]).commit();
  docs.commit();

  // The GSTIN and period, as the offline tool's front sheet has them.
  const about = wb.addWorksheet('about');
  about.addRow(['GSTIN', header.gstin]).commit();
  about.addRow(['Return period (MMYYYY)', header.fp]).commit();
  about.commit();

  await wb.commit();
}
