import type { VoucherTypeDefinition } from '@tritiq/contracts';
import { periodText, titleDate, type ExportRow, type ExportTable } from '../../lib/export';
import type { listVouchers } from './list-vouchers';

type VoucherPage = Awaited<ReturnType<typeof listVouchers>>;

/** A voucher type's register (its filters) as a table for download (lib/export.ts), newest first as on screen. */
export function vouchersTable(
  def: VoucherTypeDefinition,
  query: { fromDate?: string; toDate?: string },
  pages: AsyncIterable<readonly ExportRow[]>,
): ExportTable {
  const { fromDate: from, toDate: to } = query;
  const period = from && to ? periodText({ from, to }) : from ? `From ${titleDate(from)}` : to ? `Up to ${titleDate(to)}` : undefined;
  return {
    filename: [def.type.replace(/_/g, '-'), from, to].filter(Boolean).join('-'),
    title: `${def.label} register`,
    ...(period ? { period } : {}),
    columns: [
      { header: 'Date', kind: 'date' },
      { header: 'Number', kind: 'text' },
      { header: 'Party', kind: 'text' },
      { header: 'GSTIN', kind: 'text' },
      { header: 'Reference', kind: 'text' },
      { header: 'Status', kind: 'text' },
      { header: 'Taxable', kind: 'money' },
      { header: 'CGST', kind: 'money' },
      { header: 'SGST', kind: 'money' },
      { header: 'IGST', kind: 'money' },
      { header: 'Round off', kind: 'money' },
      { header: 'Total', kind: 'money' },
    ],
    rows: pages,
  };
}

export const voucherRow = (v: VoucherPage['items'][number]): ExportRow => [
  v.date,
  v.voucherNumber,
  v.party?.name ?? v.otherLedger?.name ?? null,
  v.party?.gstin ?? null,
  v.supplierInvoiceNumber ?? v.reference,
  v.status,
  v.taxableAmount,
  v.cgstAmount,
  v.sgstAmount,
  v.igstAmount,
  v.roundOff,
  v.grandTotal,
];
