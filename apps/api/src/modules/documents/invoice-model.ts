/**
 * What a tax invoice PDF prints, already worded and formatted: the voucher module builds it from a
 * voucher, its party and the organisation profile (the same data the web app's print view,
 * apps/web/features/vouchers/invoice-document.tsx, shows), and the layout only draws it.
 */

export const INVOICE_COPIES = ['original', 'duplicate', 'triplicate'] as const;
export type InvoiceCopy = (typeof INVOICE_COPIES)[number];

/** The words GST invoice rules ask each copy to carry (rule 48 of the CGST Rules). */
export const COPY_LABELS: Record<InvoiceCopy, string> = {
  original: 'Original for recipient',
  duplicate: 'Duplicate for transporter',
  triplicate: 'Triplicate for supplier',
};

export interface DocumentAddress {
  title: string;
  name: string;
  lines: string[];
  /** "Maharashtra (27)" */
  state: string | null;
  /** The GSTIN, or "Unregistered". */
  gstin: string;
  contact: string | null;
}

export interface InvoiceLine {
  no: string;
  description: string;
  hsn: string;
  quantity: string;
  rate: string;
  discount: string;
  taxable: string;
  gstRate: string;
  cgst: string;
  sgst: string;
  igst: string;
  amount: string;
}

export interface InvoiceDocumentModel {
  title: string;
  number: string;
  /** The heading's label and value pairs: number, date, place of supply, reference, due date. */
  meta: [string, string][];
  supplier: DocumentAddress;
  recipient: DocumentAddress;
  interState: boolean;
  lines: InvoiceLine[];
  /** A footnote under the lines (GST-inclusive rates). */
  lineNote: string | null;
  /** Label and amount; the last one is the grand total. */
  totals: [string, string][];
  amountInWords: string;
  notes: string | null;
  bank: [string, string][];
  terms: string | null;
  cancelled: boolean;
  /** The `upi://pay?…` link the QR carries, with the amount it asks for. */
  upi: { uri: string; amount: string } | null;
  copies: readonly InvoiceCopy[];
}
