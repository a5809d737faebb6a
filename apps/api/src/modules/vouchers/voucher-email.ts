import {
  amountInWords,
  dec,
  formatIndianAmount,
  formatRupees,
  partyLabelOf,
  stateNameFor,
  toMoney,
  ZERO,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import type { BusinessSettings } from '../organizations';
import { voucherPdfFilename } from './voucher-document';
import type { VoucherLineRow, VoucherRow } from './vouchers.repo';

export const VOUCHER_EMAIL_TEMPLATE = 'voucher';
/** A receipt's email: the amount received and the bills it settles, not item lines. */
export const RECEIPT_EMAIL_TEMPLATE = 'voucher_receipt';

export function voucherEmailTemplate(def: VoucherTypeDefinition): string {
  return def.lines === 'items' ? VOUCHER_EMAIL_TEMPLATE : RECEIPT_EMAIL_TEMPLATE;
}

const MODE_LABELS: Record<string, string> = { cash: 'cash', cheque: 'cheque', bank_transfer: 'bank transfer', upi: 'UPI' };
export const VOUCHER_RELATED_TYPE = 'voucher';

/** `2025-06-30` in the organisation's date format (DD, MM and YYYY tokens; DD/MM/YYYY by default). */
export function formatDate(date: string, format = 'DD/MM/YYYY'): string {
  const [y = '', m = '', d = ''] = date.split('-');
  return format.replace('YYYY', y).replace('MM', m).replace('DD', d);
}

function joinAddress(parts: (string | null | undefined)[]): string {
  return parts.filter((p): p is string => Boolean(p && p.trim())).join(', ');
}

/**
 * Everything the `voucher` template prints: the organisation, the party as printed on the
 * voucher, each line, the tax split, the grand total in figures and in words (Indian system).
 * Amounts are preformatted (₹1,23,456.78) so the template needs no logic.
 */
export function voucherEmailVariables(
  def: VoucherTypeDefinition,
  org: BusinessSettings,
  voucher: VoucherRow,
  lines: VoucherLineRow[],
): Record<string, unknown> {
  const inr = (amount: string) => formatRupees(amount);
  if (def.lines !== 'items') {
    return {
      organization_name: org.legalName || org.name,
      organization_email: org.email ?? '',
      voucher_label: def.label,
      voucher_number: voucher.voucherNumber,
      voucher_date: formatDate(voucher.voucherDate, org.dateFormat),
      party_name: voucher.partyName ?? '',
      amount: inr(voucher.grandTotal),
      amount_in_words: amountInWords(voucher.grandTotal),
      mode: MODE_LABELS[voucher.mode ?? ''] ?? '',
      payment_reference: voucher.instrumentNumber ?? voucher.transferReference ?? '',
      notes: voucher.notes ?? '',
      attachment_name: def.document ? voucherPdfFilename(voucher.voucherNumber) : '',
    };
  }
  return {
    organization_name: org.legalName || org.name,
    organization_gstin: org.gstin ?? '',
    organization_address: joinAddress([org.addressLine1, org.addressLine2, org.city, org.state, org.pinCode]),
    organization_email: org.email ?? '',
    organization_phone: org.phone ?? '',
    voucher_label: def.label,
    voucher_number: voucher.voucherNumber,
    voucher_date: formatDate(voucher.voucherDate, org.dateFormat),
    due_date: voucher.dueDate ? formatDate(voucher.dueDate, org.dateFormat) : '',
    party_label: partyLabelOf(def),
    party_name: voucher.partyName ?? '',
    party_gstin: voucher.partyGstin ?? '',
    party_address: voucher.partyAddress ?? '',
    place_of_supply: voucher.placeOfSupply ? `${voucher.placeOfSupply} ${stateNameFor(voucher.placeOfSupply) ?? ''}`.trim() : '',
    is_inter_state: voucher.isInterState,
    lines: lines.map((l) => ({
      line_no: l.lineNo,
      product_name: l.productName,
      hsn_code: l.hsnCode ?? '',
      quantity: formatIndianAmount(l.quantity, { decimals: 3 }),
      unit: l.unit,
      unit_price: inr(l.unitPrice),
      discount_percentage: l.discountPercentage,
      discount_applied: l.discountFlat != null ? dec(l.discountFlat).gt(ZERO) : dec(l.discountPercentage).gt(ZERO),
      discount_label: l.discountFlat != null ? inr(l.discountFlat) : `${l.discountPercentage} %`,
      taxable_amount: inr(l.taxableAmount),
      gst_rate: l.gstRate,
      tax_amount: inr(toMoney(dec(l.cgstAmount).plus(dec(l.sgstAmount)).plus(dec(l.igstAmount)))),
      total_amount: inr(l.totalAmount),
    })),
    taxable_amount: inr(voucher.taxableAmount),
    cgst_amount: inr(voucher.cgstAmount),
    sgst_amount: inr(voucher.sgstAmount),
    igst_amount: inr(voucher.igstAmount),
    total_amount: inr(voucher.totalAmount),
    round_off: inr(voucher.roundOff),
    grand_total: inr(voucher.grandTotal),
    amount_in_words: amountInWords(voucher.grandTotal),
    notes: voucher.notes ?? '',
    // The worker attaches the PDF of a type that has a document (`voucherEmailAttachments`).
    attachment_name: def.document ? voucherPdfFilename(voucher.voucherNumber) : '',
  };
}
