import { formatIndianAmount, NOTE_REASONS, stateNameFor, type DocumentSpec, type VoucherTypeDefinition } from '@tritiq/contracts';
import { upiPaymentUri, type DocumentAddress, type InvoiceCopy, type InvoiceDocumentModel, type ReceiptDocumentModel } from '../documents';
import type { OrganizationRow } from '../organizations';
import type { PartyRow } from '../parties';
import type { VoucherView } from './vouchers.present';

/**
 * A voucher as its tax invoice prints it: the same data and wording as the web app's print view
 * (apps/web/features/vouchers/invoice-document.tsx), so the PDF and the page agree.
 */

type DateFormat = 'DD/MM/YYYY' | 'DD-MM-YYYY' | 'YYYY-MM-DD' | 'MM/DD/YYYY';

function formatDate(ymd: string, format: string): string {
  const [y, m, d] = ymd.split('-');
  switch (format as DateFormat) {
    case 'DD-MM-YYYY':
      return `${d}-${m}-${y}`;
    case 'YYYY-MM-DD':
      return ymd;
    case 'MM/DD/YYYY':
      return `${m}/${d}/${y}`;
    default:
      return `${d}/${m}/${y}`;
  }
}

const money = (v: string) => formatIndianAmount(v);
const quantity = (v: string) => formatIndianAmount(v, { decimals: 3 }).replace(/\.?0+$/, '');
const rate = (v: string) => `${v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v}%`;

function state(code: string | null): string | null {
  return code ? `${stateNameFor(code) ?? ''} (${code})` : null;
}

function addressLines(a: {
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  pinCode: string | null;
}): string[] {
  return [a.addressLine1, a.addressLine2, [a.city, a.pinCode].filter(Boolean).join(' - ')].filter((l): l is string => !!l);
}

/** The organisation as a document prints it (the supplier of a sales invoice, the sender of a statement). */
export function organizationDocumentAddress(org: OrganizationRow, title: string): DocumentAddress {
  return ours(org, title);
}

/** A party as a document prints it from its master record. */
export function partyDocumentAddress(party: PartyRow, title: string): DocumentAddress {
  return {
    title,
    name: party.name,
    lines: addressLines(party),
    state: state(party.stateCode),
    gstin: party.gstin ?? 'Unregistered',
    contact: [party.contactNumber, party.email].filter(Boolean).join(' · ') || null,
  };
}

function ours(org: OrganizationRow, title: string): DocumentAddress {
  return {
    title,
    name: org.legalName ?? org.name,
    lines: addressLines(org),
    state: state(org.stateCode),
    gstin: org.gstin ?? 'Unregistered',
    contact: [org.phone, org.email].filter(Boolean).join(' · ') || null,
  };
}

function theirs(v: VoucherView, party: PartyRow | undefined, title: string): DocumentAddress {
  return {
    title,
    name: party?.name ?? v.party?.name ?? '',
    lines: party ? addressLines(party) : [],
    state: state(party?.stateCode ?? v.party?.stateCode ?? null),
    gstin: party?.gstin ?? v.party?.gstin ?? 'Unregistered',
    contact: party ? [party.contactNumber, party.email].filter(Boolean).join(' · ') || null : null,
  };
}

/** The UPI link a voucher's QR carries: the organisation's UPI ID, its name, the amount due and the voucher number. */
export function upiLinkFor(org: OrganizationRow, v: VoucherView, amountDue: string): string | null {
  if (!org.upiId) return null;
  return upiPaymentUri({ upiId: org.upiId, payeeName: org.legalName ?? org.name, amount: amountDue, note: v.voucherNumber });
}

/** The file name of a voucher's PDF: its number with `/` as `-` and nothing a mail client or file system could trip on (`SV-2026-27-0001.pdf`). */
export function voucherPdfFilename(voucherNumber: string): string {
  return `${voucherNumber.replaceAll('/', '-').replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
}

export interface InvoiceSources {
  def: VoucherTypeDefinition & { document: DocumentSpec };
  voucher: VoucherView;
  org: OrganizationRow;
  party: PartyRow | undefined;
  /** What the party still owes on it (`upiAmountDue`), or null when nothing is to be paid by UPI. */
  amountDue: string | null;
  copies: readonly InvoiceCopy[];
}

export function invoiceDocumentModel({ def, voucher: v, org, party, amountDue, copies }: InvoiceSources): InvoiceDocumentModel {
  const weSupply = def.supplyRule === 'organization_supplies';
  const supplier = weSupply ? ours(org, 'Supplier') : theirs(v, party, 'Supplier (vendor)');
  const recipient = weSupply ? theirs(v, party, 'Bill to (recipient)') : ours(org, 'Recipient (us)');
  const dateFormat = org.dateFormat;
  const meta: [string, string][] = [
    [def.document.numberLabel, v.voucherNumber],
    ['Date', formatDate(v.date, dateFormat)],
    ['Place of supply', state(v.placeOfSupply) ?? ''],
  ];
  if (v.supplierInvoiceNumber) {
    meta.push([
      'Supplier invoice',
      `${v.supplierInvoiceNumber}${v.supplierInvoiceDate ? `, ${formatDate(v.supplierInvoiceDate, dateFormat)}` : ''}`,
    ]);
  }
  // A credit or debit note is a tax document of its own: it names the invoice it is made against and why.
  if (v.againstVoucherNumber) {
    const label = def.against?.types.includes('purchase') ? 'Against voucher' : 'Against invoice';
    meta.push([label, `${v.againstVoucherNumber}${v.againstVoucherDate ? `, ${formatDate(v.againstVoucherDate, dateFormat)}` : ''}`]);
  }
  if (v.reason) meta.push(['Reason', NOTE_REASONS.find((r) => r.value === v.reason)?.label ?? v.reason]);
  if (v.reference) meta.push(['Reference', v.reference]);
  if (v.dueDate) meta.push(['Due date', formatDate(v.dueDate, dateFormat)]);
  const inter = v.isInterState;
  const totals: [string, string][] = [];
  if (v.discountAmount !== '0.00') totals.push(['Discount', money(v.discountAmount)]);
  totals.push(['Taxable value', money(v.taxableAmount)]);
  if (inter) totals.push(['IGST', money(v.igstAmount)]);
  else totals.push(['CGST', money(v.cgstAmount)], ['SGST', money(v.sgstAmount)]);
  totals.push(['Round off', money(v.roundOff)], ['Grand total', `₹${money(v.grandTotal)}`]);
  const bankFields: [string, string | null][] = [
    ['Bank', org.bankName],
    ['Account no.', org.bankAccountNumber],
    ['IFSC', org.bankIfsc],
    ['Branch', org.bankBranch],
    ['UPI', org.upiId],
  ];
  const bank = bankFields.flatMap(([k, val]): [string, string][] => (val ? [[k, val]] : []));
  const link = def.document.upiQr && amountDue && v.status === 'active' ? upiLinkFor(org, v, amountDue) : null;
  const upi = link && amountDue ? { uri: link, amount: money(amountDue) } : null;
  return {
    title: def.document.title,
    number: v.voucherNumber,
    meta,
    supplier,
    recipient,
    interState: inter,
    lines: v.items.map((l) => ({
      no: String(l.lineNo),
      description: l.productName,
      hsn: l.hsnCode ?? '',
      quantity: `${quantity(l.quantity)} ${l.unit}`,
      rate: `${money(l.unitPrice)}${l.isGstInclusive ? '*' : ''}`,
      discount: l.discountAmount !== '0.00' ? money(l.discountAmount) : '',
      taxable: money(l.taxableAmount),
      gstRate: rate(l.gstRate),
      cgst: money(l.cgstAmount),
      sgst: money(l.sgstAmount),
      igst: money(l.igstAmount),
      amount: money(l.totalAmount),
    })),
    lineNote: v.items.some((l) => l.isGstInclusive) ? '* rate includes GST; the tax is taken out of it.' : null,
    totals,
    amountInWords: v.amountInWords,
    notes: v.notes,
    bank,
    terms: org.invoiceTerms,
    cancelled: v.status === 'cancelled',
    upi,
    copies,
  };
}

const MODE_LABELS: Record<string, string> = { cash: 'Cash', cheque: 'Cheque', bank_transfer: 'Bank transfer', upi: 'UPI' };

/** A receipt as its payment receipt prints it: who paid whom, how much and how, and the bills it settles. */
export function receiptDocumentModel({
  def,
  voucher: v,
  org,
  party,
}: Pick<InvoiceSources, 'def' | 'voucher' | 'org' | 'party'>): ReceiptDocumentModel {
  const dateFormat = org.dateFormat;
  const payer: DocumentAddress = party
    ? partyDocumentAddress(party, 'Received from')
    : v.party
      ? theirs(v, undefined, 'Received from')
      : { title: 'Received from', name: v.otherLedger?.name ?? '', lines: [], state: null, gstin: 'Unregistered', contact: null };
  const payment: [string, string][] = [['Mode', MODE_LABELS[v.mode ?? ''] ?? v.mode ?? '']];
  if (v.instrumentNumber) payment.push(['Cheque no.', v.instrumentNumber]);
  if (v.instrumentDate) payment.push(['Cheque date', formatDate(v.instrumentDate, dateFormat)]);
  if (v.transferReference) payment.push(['UTR / reference', v.transferReference]);
  if (v.cashBankLedger) payment.push(['Into', v.cashBankLedger.name]);
  return {
    title: def.document.title,
    number: v.voucherNumber,
    meta: [
      [def.document.numberLabel, v.voucherNumber],
      ['Date', formatDate(v.date, dateFormat)],
    ],
    receiver: ours(org, 'Received by'),
    payer,
    amount: `₹${money(v.grandTotal)}`,
    amountInWords: v.amountInWords,
    payment,
    allocations: v.allocations.map((a) => [a.billRef, a.billDate ? formatDate(a.billDate, dateFormat) : '', money(a.amount)]),
    onAccount: v.onAccount && v.onAccount !== '0.00' ? `₹${money(v.onAccount)}` : null,
    notes: v.notes,
    cancelled: v.status === 'cancelled',
  };
}
