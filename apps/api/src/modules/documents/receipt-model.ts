import type { DocumentAddress } from './invoice-model';

/**
 * What a payment receipt prints, already worded and formatted: the voucher module builds it from a
 * receipt, its party and the organisation profile; the layout (receipt.ts) only draws it.
 */
export interface ReceiptDocumentModel {
  title: string;
  number: string;
  /** The heading's label and value pairs: number, date. */
  meta: [string, string][];
  /** Who received the money (the organisation). */
  receiver: DocumentAddress;
  /** Who paid it: the party, or the ledger a receipt without a party names. */
  payer: DocumentAddress;
  /** "₹1,328.00" */
  amount: string;
  amountInWords: string;
  /** How it was paid: mode, cheque number and date, UTR, the cash or bank ledger. */
  payment: [string, string][];
  /** The bills it settles: bill, bill date, amount. */
  allocations: [string, string, string][];
  /** What stays on account (an advance), formatted; null when nothing does. */
  onAccount: string | null;
  notes: string | null;
  cancelled: boolean;
}
