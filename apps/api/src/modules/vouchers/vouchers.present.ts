import {
  amountInWords,
  type Camelized,
  type VoucherTypeDefinition,
  type voucherLineSchema,
  type voucherSchema,
  type voucherSummarySchema,
} from '@tritiq/contracts';
import type { z } from 'zod';
import { toIso } from '../../lib/cursor';
import type { VoucherLineRow, VoucherRow } from './vouchers.repo';

export type VoucherSummaryView = Camelized<z.output<typeof voucherSummarySchema>>;
export type VoucherView = Camelized<z.output<typeof voucherSchema>>;
type VoucherLineView = Camelized<z.output<typeof voucherLineSchema>>;

export function presentVoucherSummary(def: VoucherTypeDefinition, row: VoucherRow, createdByEmail: string | null): VoucherSummaryView {
  return {
    id: row.id,
    voucherType: def.type,
    voucherNumber: row.voucherNumber,
    date: row.voucherDate,
    fiscalYear: row.fiscalYear,
    status: row.status,
    party: { id: row.partyId, kind: row.partyKind, name: row.partyName, gstin: row.partyGstin, stateCode: row.partyStateCode },
    ...(def.party?.kind === 'customer' ? { customerId: row.partyId } : def.party?.kind === 'vendor' ? { vendorId: row.partyId } : {}),
    placeOfSupply: row.placeOfSupply,
    supplierStateCode: row.supplierStateCode,
    isInterState: row.isInterState,
    dueDate: row.dueDate,
    reference: row.reference,
    supplierInvoiceNumber: row.supplierInvoiceNumber,
    supplierInvoiceDate: row.supplierInvoiceDate,
    notes: row.notes,
    reason: row.reason,
    againstVoucherId: row.againstVoucherId,
    againstVoucherNumber: row.againstVoucherNumber,
    againstVoucherDate: row.againstVoucherDate,
    lineCount: row.lineCount,
    discountAmount: row.discountAmount,
    taxableAmount: row.taxableAmount,
    cgstAmount: row.cgstAmount,
    sgstAmount: row.sgstAmount,
    igstAmount: row.igstAmount,
    totalAmount: row.totalAmount,
    roundOff: row.roundOff,
    grandTotal: row.grandTotal,
    emailStatus: row.emailStatus,
    emailError: row.emailError,
    emailTo: row.emailTo,
    createdBy: row.createdBy,
    createdByEmail,
    createdAt: toIso(row.createdAt)!,
    cancelledAt: toIso(row.cancelledAt),
    cancelledBy: row.cancelledBy,
    cancelReason: row.cancelReason,
  };
}

function presentLine(line: VoucherLineRow): VoucherLineView {
  return {
    id: line.id,
    lineNo: line.lineNo,
    productId: line.productId,
    againstLineId: line.againstLineId,
    productName: line.productName,
    hsnCode: line.hsnCode,
    unit: line.unit,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    isGstInclusive: line.isGstInclusive,
    discountPercentage: line.discountPercentage,
    discountAmount: line.discountAmount,
    gstRate: line.gstRate,
    taxableAmount: line.taxableAmount,
    cgstAmount: line.cgstAmount,
    sgstAmount: line.sgstAmount,
    igstAmount: line.igstAmount,
    totalAmount: line.totalAmount,
  };
}

export function presentVoucher(
  def: VoucherTypeDefinition,
  row: VoucherRow,
  lines: VoucherLineRow[],
  createdByEmail: string | null,
): VoucherView {
  return {
    ...presentVoucherSummary(def, row, createdByEmail),
    amountInWords: amountInWords(row.grandTotal),
    items: lines.map(presentLine),
  };
}
