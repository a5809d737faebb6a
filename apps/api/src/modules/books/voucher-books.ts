import { addDays, billSideOf, postingEntriesOf, type PostingFigures, type VoucherTypeDefinition } from '@tritiq/contracts';
import type { BillWrite, LedgerAccountRef, LedgerWrite } from '../posting';

/**
 * What a voucher writes to the books, as data for the posting statement: its ledger entries by its
 * type's posting rule, and its bill when its type makes one (BOOKS.md, "Every voucher posts
 * balanced entries", "Bills"). Nothing here looks at a type's name: the definition says it all.
 */

export interface VoucherForBooks {
  id: string;
  organizationId: string;
  date: string;
  voucherNumber: string;
  partyId: string | null;
  /** The voucher's own due date, if it names one. */
  dueDate: string | null;
  /** The party's credit days: the bill falls due this many days after the date otherwise. */
  creditDays: number;
  /** The vendor's own number for a purchase invoice: the reference its bill is known by. */
  supplierInvoiceNumber: string | null;
  grandTotal: string;
  taxableAmount: string;
  cgstAmount: string;
  sgstAmount: string;
  igstAmount: string;
  roundOff: string;
  createdAt: Date;
  /** The ledgers the voucher's header fields of kind `ledger` name (a receipt's cash or bank ledger), by field. */
  headerLedgers?: Readonly<Record<string, string | null>>;
  /** A journal's or contra's own lines, debit positive. */
  ledgerLines?: readonly { ledgerId: string; amount: string }[];
}

function figuresOf(v: VoucherForBooks): PostingFigures {
  return {
    grand_total: v.grandTotal,
    taxable_total: v.taxableAmount,
    cgst_total: v.cgstAmount,
    sgst_total: v.sgstAmount,
    igst_total: v.igstAmount,
    round_off: v.roundOff,
    // A voucher without lines: its header amount, stored as its grand total.
    amount: v.grandTotal,
  };
}

/** The voucher's entries, or undefined for a type that posts nothing. */
export function voucherLedgerWrite(def: VoucherTypeDefinition, v: VoucherForBooks): LedgerWrite | undefined {
  if (def.posting?.kind === 'ledger_lines') {
    const lines = v.ledgerLines ?? [];
    if (lines.length === 0) return undefined;
    return {
      kind: 'entries',
      voucherId: v.id,
      date: v.date,
      entries: lines.map((l) => ({ account: { ledgerId: l.ledgerId }, amount: l.amount })),
    };
  }
  const planned = postingEntriesOf(def, figuresOf(v));
  if (planned.length === 0) return undefined;
  const headerLedger = (field: string): LedgerAccountRef | undefined => {
    const id = v.headerLedgers?.[field];
    return id ? { ledgerId: id } : undefined;
  };
  const entries = planned.map((e) => {
    let account: LedgerAccountRef | undefined;
    const from = e.account;
    if (from.from === 'system') account = { systemKey: from.ledger };
    else if (from.from === 'party') account = v.partyId ? { partyId: v.partyId } : undefined;
    else if (from.from === 'header') account = headerLedger(from.field);
    else account = v.partyId ? { partyId: v.partyId } : headerLedger(from.field);
    if (!account) throw new Error(`Voucher type "${def.type}": voucher ${v.id} names no ledger for its ${from.from} entry`);
    return { account, amount: e.amount };
  });
  return { kind: 'entries', voucherId: v.id, date: v.date, entries };
}

/** The bill an invoice is, or undefined when its type makes none. */
export function voucherBillWrite(def: VoucherTypeDefinition, v: VoucherForBooks, id: string): BillWrite | undefined {
  const side = billSideOf(def);
  if (!side || !v.partyId) return undefined;
  return {
    kind: 'insert',
    row: {
      id,
      organizationId: v.organizationId,
      partyId: v.partyId,
      side,
      voucherId: v.id,
      ref: (side === 'payable' && v.supplierInvoiceNumber) || v.voucherNumber,
      billDate: v.date,
      dueDate: v.dueDate ?? addDays(v.date, v.creditDays),
      amount: v.grandTotal,
      outstanding: v.grandTotal,
      createdAt: v.createdAt,
    },
  };
}
