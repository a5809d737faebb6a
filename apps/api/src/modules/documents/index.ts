/**
 * Documents customers receive, drawn in the API process with PDFKit (bench/README.md, "pdf", says
 * why PDFKit): the tax invoice of every voucher type whose definition names the `tax_invoice`
 * layout (invoices and notes), the payment receipt of a type naming `payment_receipt`, and a
 * party's statement of account. The voucher and party-statements modules build the models; this
 * module only draws them.
 */
export {
  COPY_LABELS,
  INVOICE_COPIES,
  type DocumentAddress,
  type InvoiceCopy,
  type InvoiceDocumentModel,
  type InvoiceLine,
} from './invoice-model';
export { renderTaxInvoicePdf, upiQrSvg } from './tax-invoice';
export { renderReceiptPdf } from './receipt';
export type { ReceiptDocumentModel } from './receipt-model';
export { renderStatementPdf } from './statement';
export type { StatementBill, StatementDocumentModel, StatementRow } from './statement-model';
export { upiPaymentUri } from './upi';
