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
}

function figuresOf(v: VoucherForBooks): PostingFigures {
  return {
    grand_total: v.grandTotal,
    taxable_total: v.taxableAmount,
    cgst_total: v.cgstAmount,
    sgst_total: v.sgstAmount,
    igst_total: v.igstAmount,
    round_off: v.roundOff,
  };
}

/** The voucher's entries, or undefined for a type that posts nothing. */
export function voucherLedgerWrite(def: VoucherTypeDefinition, v: VoucherForBooks): LedgerWrite | undefined {
  const planned = postingEntriesOf(def, figuresOf(v));
  if (planned.length === 0) return undefined;
  const entries = planned.map((e) => {
    let account: LedgerAccountRef;
    if (e.account.from === 'system') account = { systemKey: e.account.ledger };
    else if (e.account.from === 'party' && v.partyId) account = { partyId: v.partyId };
    else throw new Error(`Voucher type "${def.type}": posting to ${e.account.from} accounts is not supported yet`);
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
