import { BUILT_IN_VOUCHER_TYPES } from '@tritiq/contracts';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../email';
import type { BusinessSettings } from '../organizations';
import { VOUCHER_EMAIL_TEMPLATE, voucherEmailVariables } from './voucher-email';
import type { VoucherLineRow, VoucherRow } from './vouchers.repo';

const org: BusinessSettings = {
  name: 'Sahyadri',
  legalName: 'Sahyadri Tools Private Limited',
  gstin: '27AAPFU0939F1ZV',
  pan: 'AAPFU0939F',
  addressLine1: '4 Bhosari MIDC',
  addressLine2: null,
  city: 'Pune',
  state: 'Maharashtra',
  pinCode: '411026',
  stateCode: '27',
  phone: '+91 20 2712 0000',
  email: 'accounts@sahyadri.example',
  allowNegativeStock: false,
  dateFormat: 'DD/MM/YYYY',
  booksStartDate: '2025-04-01',
  maxDaysAhead: 3,
  booksLockedUntil: null,
};

const voucher = (overrides: Partial<VoucherRow> = {}): VoucherRow =>
  ({
    id: '01a21700-0000-7000-8000-000000000001',
    voucherNumber: 'SV/2526/00042',
    voucherDate: '2025-11-14',
    dueDate: '2025-12-14',
    partyName: 'Rao & Sons <Traders>',
    partyGstin: '29AAGCB7383J1Z4',
    partyAddress: 'MG Road, Bengaluru',
    placeOfSupply: '29',
    isInterState: true,
    taxableAmount: '123456.78',
    cgstAmount: '0.00',
    sgstAmount: '0.00',
    igstAmount: '22222.22',
    totalAmount: '145679.00',
    roundOff: '0.00',
    grandTotal: '145679.00',
    notes: null,
    ...overrides,
  }) as VoucherRow;

const line = (overrides: Partial<VoucherLineRow> = {}): VoucherLineRow =>
  ({
    lineNo: 1,
    productName: 'Torque wrench',
    hsnCode: '8204',
    quantity: '1234.500',
    unit: 'PCS',
    unitPrice: '100.00',
    discountPercentage: '0.00',
    taxableAmount: '123456.78',
    gstRate: '18.00',
    cgstAmount: '0.00',
    sgstAmount: '0.00',
    igstAmount: '22222.22',
    totalAmount: '145679.00',
    ...overrides,
  }) as VoucherLineRow;

describe('the voucher email', () => {
  it('prints the organisation, the party, each line, IGST for an inter-state supply, the total in figures and words', () => {
    const out = renderTemplate(VOUCHER_EMAIL_TEMPLATE, voucherEmailVariables(BUILT_IN_VOUCHER_TYPES.sales, org, voucher(), [line()]));
    expect(out.subject).toBe('Sales voucher SV/2526/00042 from Sahyadri Tools Private Limited - ₹1,45,679.00');
    expect(out.text).toContain('Sahyadri Tools Private Limited (GSTIN 27AAPFU0939F1ZV)');
    expect(out.text).toContain('4 Bhosari MIDC, Pune, Maharashtra, 411026');
    expect(out.text).toContain('Customer: Rao & Sons <Traders> (GSTIN 29AAGCB7383J1Z4)');
    expect(out.text).toContain('Place of supply: 29 Karnataka');
    expect(out.text).toContain('Due date: 14/12/2025');
    expect(out.text).toContain('1. Torque wrench (HSN 8204)');
    expect(out.text).toContain('1,234.500 PCS x ₹100.00 = ₹1,23,456.78 taxable + GST 18.00 % ₹22,222.22 = ₹1,45,679.00');
    expect(out.text).toMatch(/IGST:\s+₹22,222\.22/);
    expect(out.text).not.toMatch(/CGST|SGST/);
    expect(out.text).toContain('(Rupees One Lakh Forty Five Thousand Six Hundred Seventy Nine Only)');
    expect(out.html).toContain('Rao &amp; Sons &lt;Traders&gt;');
    expect(out.html).not.toContain('<Traders>');
    expect(out.html).toContain('Rupees One Lakh Forty Five Thousand Six Hundred Seventy Nine Only');
  });

  it('splits CGST and SGST for an intra-state supply and shows a line discount', () => {
    const intra = voucher({
      isInterState: false,
      placeOfSupply: '27',
      cgstAmount: '11111.11',
      sgstAmount: '11111.11',
      igstAmount: '0.00',
      dueDate: null,
    });
    const out = renderTemplate(
      VOUCHER_EMAIL_TEMPLATE,
      voucherEmailVariables(BUILT_IN_VOUCHER_TYPES.sales, org, intra, [
        line({ discountPercentage: '12.50', igstAmount: '0.00', cgstAmount: '11111.11', sgstAmount: '11111.11' }),
      ]),
    );
    expect(out.text).toMatch(/CGST:\s+₹11,111\.11/);
    expect(out.text).toMatch(/SGST:\s+₹11,111\.11/);
    expect(out.text).not.toContain('IGST');
    expect(out.text).toContain('less 12.50 %');
    expect(out.text).not.toContain('Due date');
  });

  it('a purchase voucher names the vendor', () => {
    const out = renderTemplate(
      VOUCHER_EMAIL_TEMPLATE,
      voucherEmailVariables(BUILT_IN_VOUCHER_TYPES.purchase, org, voucher({ voucherNumber: 'PV/2526/00007' }), [line()]),
    );
    expect(out.subject).toMatch(/^Purchase voucher PV\/2526\/00007/);
    expect(out.text).toContain('Vendor: Rao & Sons <Traders>');
  });

  it('refuses to render without a variable it prints', () => {
    const { amount_in_words: _dropped, ...rest } = voucherEmailVariables(BUILT_IN_VOUCHER_TYPES.sales, org, voucher(), [line()]);
    expect(() => renderTemplate(VOUCHER_EMAIL_TEMPLATE, rest)).toThrow(/needs the variable "amount_in_words"/);
  });
});
