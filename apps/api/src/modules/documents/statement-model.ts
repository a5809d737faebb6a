import type { DocumentAddress } from './invoice-model';

/**
 * What a statement of account PDF prints, already worded and formatted (amounts as ₹ text, dates
 * in the organisation's format): the party-statements module builds it from the party's ledger and
 * bills, and the layout only draws it.
 */

export interface StatementRow {
  date: string;
  /** "Sales voucher SV/2526/00001", "… (cancelled)" for a cancellation's reversal. */
  particulars: string;
  debit: string;
  credit: string;
  /** "12,500.00 Dr" */
  balance: string;
}

export interface StatementBill {
  ref: string;
  date: string;
  due: string;
  amount: string;
  outstanding: string;
  /** "12 days", or "not due". */
  overdue: string;
}

export interface StatementDocumentModel {
  title: string;
  organization: DocumentAddress;
  party: DocumentAddress;
  /** "01/04/2025 to 31/03/2026" */
  period: string;
  openingBalance: string;
  rows: StatementRow[];
  totalDebit: string;
  totalCredit: string;
  closingBalance: string;
  /** The date the bills are aged on, as printed. */
  billsAsOf: string;
  bills: StatementBill[];
  /** Ageing label and amount, the last one the total. */
  ageing: [string, string][];
  /** A paragraph above the entries (a payment reminder's request), or none. */
  note: string | null;
}
