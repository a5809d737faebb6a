/**
 * Documents customers receive, drawn in the API process with PDFKit (bench/README.md, "pdf", says
 * why PDFKit): the tax invoice of every voucher type whose definition names the `tax_invoice`
 * layout. The voucher module builds the model; this module only draws it.
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
export { upiPaymentUri } from './upi';
