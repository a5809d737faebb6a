import {
  amountInWords,
  dec,
  toMoney,
  ZERO,
  type Camelized,
  type VoucherTypeDefinition,
  type voucherLineSchema,
  type voucherSchema,
  type voucherSummarySchema,
} from '@tritiq/contracts';
import type { z } from 'zod';
import { toIso } from '../../lib/cursor';
import type { VoucherAllocationRow } from '../books';
import type { VoucherLedgerNames, VoucherLineRow, VoucherRow } from './vouchers.repo';

export type VoucherSummaryView = Camelized<z.output<typeof voucherSummarySchema>>;
export type VoucherView = Camelized<z.output<typeof voucherSchema>>;
type VoucherLineView = Camelized<z.output<typeof voucherLineSchema>>;

const NO_NAMES: VoucherLedgerNames = { cashBankLedgerName: null, otherLedgerName: null };

export function presentVoucherSummary(
  def: VoucherTypeDefinition,
  row: VoucherRow,
  createdByEmail: string | null,
  names: VoucherLedgerNames = NO_NAMES,
): VoucherSummaryView {
  const party =
    row.partyId && row.partyKind && row.partyName
      ? { id: row.partyId, kind: row.partyKind, name: row.partyName, gstin: row.partyGstin, stateCode: row.partyStateCode }
      : null;
  const ledgerRef = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
  return {
    id: row.id,
    voucherType: def.type,
    voucherNumber: row.voucherNumber,
    date: row.voucherDate,
    fiscalYear: row.fiscalYear,
    status: row.status,
    party,
    ...(def.party?.kind === 'customer' ? { customerId: row.partyId } : def.party?.kind === 'vendor' ? { vendorId: row.partyId } : {}),
    placeOfSupply: row.placeOfSupply,
    supplierStateCode: row.supplierStateCode,
    isInterState: row.isInterState,
    dueDate: row.dueDate,
    reference: row.reference,
    supplierInvoiceNumber: row.supplierInvoiceNumber,
    supplierInvoiceDate: row.supplierInvoiceDate,
    notes: row.notes,
    cashBankLedger: ledgerRef(row.cashBankLedgerId, names.cashBankLedgerName),
    otherLedger: ledgerRef(row.otherLedgerId, names.otherLedgerName),
    amount: def.lines === 'none' ? row.grandTotal : null,
    mode: (row.mode as VoucherSummaryView['mode']) ?? null,
    instrumentNumber: row.instrumentNumber,
    instrumentDate: row.instrumentDate,
    transferReference: row.transferReference,
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
    discountFlat: line.discountFlat != null,
    gstRate: line.gstRate,
    taxableAmount: line.taxableAmount,
    cgstAmount: line.cgstAmount,
    sgstAmount: line.sgstAmount,
    igstAmount: line.igstAmount,
    totalAmount: line.totalAmount,
  };
}

/** What a voucher read carries beyond its row and item lines: names, ledger lines, allocations. */
export interface VoucherExtras {
  names?: VoucherLedgerNames;
  ledgerLines?: readonly { lineNo: number; ledgerId: string; ledgerName: string; amount: string; narration: string | null }[];
  /** A settling voucher's live allocations (to bills and on account); undefined for other types. */
  allocations?: readonly VoucherAllocationRow[];
}

export function presentVoucher(
  def: VoucherTypeDefinition,
  row: VoucherRow,
  lines: VoucherLineRow[],
  createdByEmail: string | null,
  extras: VoucherExtras = {},
): VoucherView {
  const allocations = extras.allocations;
  const onAccount = allocations?.filter((a) => a.billId === null).reduce((sum, a) => sum.plus(dec(a.amount)), ZERO);
  return {
    ...presentVoucherSummary(def, row, createdByEmail, extras.names),
    amountInWords: amountInWords(row.grandTotal),
    items: lines.map(presentLine),
    ledgerLines: (extras.ledgerLines ?? []).map((l) => ({
      lineNo: l.lineNo,
      ledgerId: l.ledgerId,
      ledgerName: l.ledgerName,
      side: dec(l.amount).gt(ZERO) ? ('debit' as const) : ('credit' as const),
      amount: toMoney(dec(l.amount).abs()),
      narration: l.narration,
    })),
    allocations: (allocations ?? [])
      .filter((a) => a.billId !== null)
      .map((a) => ({
        id: a.id,
        billId: a.billId!,
        billRef: a.billRef ?? '',
        billDate: a.billDate ?? '',
        billVoucherId: a.billVoucherId,
        amount: a.amount,
        allocatedAt: toIso(a.createdAt)!,
      })),
    // A cancelled receipt's allocations are released: nothing of it is on account any more.
    onAccount: onAccount && row.partyId && row.status === 'active' ? toMoney(onAccount) : null,
  };
}
