import { describe, expect, it } from 'vitest';
import { voucherItemInputSchema } from '../vouchers/schemas';
import { computeLine, computeVoucher, lineGross, type LineInput } from './compute';

// Every expected value below was worked out by hand from DOMAIN.md ("Vouchers"); the working is
// in the comments so a reader can check it without running anything.

const line = (quantity: string, unitPrice: string, gstRate: string, extra: Partial<LineInput> = {}): LineInput => ({
  quantity,
  unitPrice,
  gstRate,
  discountPercentage: '0',
  priceIncludesGst: false,
  ...extra,
});

describe('one line', () => {
  it('intra-state: CGST and SGST are each half of the tax', () => {
    // 2 x 500.00 = 1000.00; tax 18 % = 180.00 -> 90.00 + 90.00
    expect(computeLine(line('2', '500.00', '18'), false)).toEqual({
      discountAmount: '0.00',
      taxableAmount: '1000.00',
      cgstAmount: '90.00',
      sgstAmount: '90.00',
      igstAmount: '0.00',
      totalAmount: '1180.00',
    });
  });

  it('inter-state: IGST is the whole tax', () => {
    expect(computeLine(line('2', '500.00', '18'), true)).toEqual({
      discountAmount: '0.00',
      taxableAmount: '1000.00',
      cgstAmount: '0.00',
      sgstAmount: '0.00',
      igstAmount: '180.00',
      totalAmount: '1180.00',
    });
  });

  it('a discount is taken before tax and the taxable value is rounded to paise', () => {
    // gross 3 x 199.99 = 599.97; discount 10 % = 59.997 (shown 60.00);
    // taxable 599.97 - 59.997 = 539.973 -> 539.97; tax 12 % = 64.7964
    // intra: half 32.3982 -> 32.40 each; total 539.97 + 64.80 = 604.77
    const input = line('3', '199.99', '12', { discountPercentage: '10' });
    expect(computeLine(input, false)).toEqual({
      discountAmount: '60.00',
      taxableAmount: '539.97',
      cgstAmount: '32.40',
      sgstAmount: '32.40',
      igstAmount: '0.00',
      totalAmount: '604.77',
    });
    // inter: 64.7964 -> 64.80
    expect(computeLine(input, true)).toMatchObject({ igstAmount: '64.80', totalAmount: '604.77' });
  });

  it('a GST-inclusive price has its tax taken out first', () => {
    // 118.00 incl. 18 %: 118 x 100 / 118 = 100.00; tax 18.00 -> 9.00 + 9.00
    expect(computeLine(line('1', '118.00', '18', { priceIncludesGst: true }), false)).toEqual({
      discountAmount: '0.00',
      taxableAmount: '100.00',
      cgstAmount: '9.00',
      sgstAmount: '9.00',
      igstAmount: '0.00',
      totalAmount: '118.00',
    });
    // 3 x 100.00 incl. 18 %: 300 x 100 / 118 = 254.2372... -> 254.24; tax 45.7632;
    // half 22.8816 -> 22.88 each; total 254.24 + 45.76 = 300.00
    expect(computeLine(line('3', '100.00', '18', { priceIncludesGst: true }), false)).toMatchObject({
      taxableAmount: '254.24',
      cgstAmount: '22.88',
      sgstAmount: '22.88',
      totalAmount: '300.00',
    });
  });

  it('a GST-inclusive price with a discount, inter-state', () => {
    // 1050.00 incl. 5 %: 1050 x 100 / 105 = 1000; discount 10 % = 100 -> taxable 900.00;
    // IGST 5 % = 45.00; total 945.00
    expect(computeLine(line('1', '1050.00', '5', { priceIncludesGst: true, discountPercentage: '10' }), true)).toEqual({
      discountAmount: '100.00',
      taxableAmount: '900.00',
      cgstAmount: '0.00',
      sgstAmount: '0.00',
      igstAmount: '45.00',
      totalAmount: '945.00',
    });
  });

  it('3 x 33.33 at 18 %: paise edge', () => {
    // taxable 3 x 33.33 = 99.99; tax 17.9982
    // intra: half 8.9991 -> 9.00 each; total 99.99 + 18.00 = 117.99
    // inter: 17.9982 -> 18.00; total 117.99
    expect(computeLine(line('3', '33.33', '18'), false)).toMatchObject({
      taxableAmount: '99.99',
      cgstAmount: '9.00',
      sgstAmount: '9.00',
      totalAmount: '117.99',
    });
    expect(computeLine(line('3', '33.33', '18'), true)).toMatchObject({
      taxableAmount: '99.99',
      igstAmount: '18.00',
      totalAmount: '117.99',
    });
  });

  it('rounds an exact half paisa up', () => {
    // 84.50 at 18 %: tax 15.21, half 7.605 -> 7.61 each; total 84.50 + 15.22 = 99.72.
    // Each half is rounded on its own, so CGST + SGST (15.22) exceeds IGST (15.21) here.
    expect(computeLine(line('1', '84.50', '18'), false)).toMatchObject({ cgstAmount: '7.61', sgstAmount: '7.61', totalAmount: '99.72' });
    expect(computeLine(line('1', '84.50', '18'), true)).toMatchObject({ igstAmount: '15.21', totalAmount: '99.71' });
    // 2.5 x 10.01 = 25.025 -> taxable 25.03
    expect(computeLine(line('2.5', '10.01', '0'), false)).toMatchObject({ taxableAmount: '25.03', totalAmount: '25.03' });
  });

  it('takes quantities with three decimals', () => {
    // 1.255 x 80.00 = 100.40; 5 % = 5.02 -> 2.51 + 2.51; total 105.42
    expect(computeLine(line('1.255', '80.00', '5'), false)).toMatchObject({
      taxableAmount: '100.40',
      cgstAmount: '2.51',
      sgstAmount: '2.51',
      totalAmount: '105.42',
    });
  });

  it('a 100 % discount leaves nothing to tax', () => {
    expect(computeLine(line('4', '250.00', '28', { discountPercentage: '100' }), false)).toEqual({
      discountAmount: '1000.00',
      taxableAmount: '0.00',
      cgstAmount: '0.00',
      sgstAmount: '0.00',
      igstAmount: '0.00',
      totalAmount: '0.00',
    });
  });
});

describe('a whole voucher', () => {
  it('sums lines of mixed rates and rounds the total to the rupee', () => {
    // A: 2 x 250.00 at 5 %    taxable 500.00  tax 25.00  -> 12.50 + 12.50    total 525.00
    // B: 1 x 999.00 at 18 %   taxable 999.00  tax 179.82 -> 89.91 + 89.91    total 1178.82
    // C: 4 x 12.50 at 0 %     taxable 50.00                                   total 50.00
    // D: 1 x 1000.00 at 28 %, 5 % off: discount 50.00, taxable 950.00, tax 266.00 -> 133.00 each, total 1216.00
    // taxable 2499.00; CGST = SGST = 12.50 + 89.91 + 133.00 = 235.41; total 2969.82 -> round off 0.18 -> 2970.00
    const result = computeVoucher(
      [
        line('2', '250.00', '5'),
        line('1', '999.00', '18'),
        line('4', '12.50', '0'),
        line('1', '1000.00', '28', { discountPercentage: '5' }),
      ],
      false,
    );
    expect(result.lines.map((l) => l.totalAmount)).toEqual(['525.00', '1178.82', '50.00', '1216.00']);
    expect(result.totals).toEqual({
      discountAmount: '50.00',
      taxableAmount: '2499.00',
      cgstAmount: '235.41',
      sgstAmount: '235.41',
      igstAmount: '0.00',
      totalAmount: '2969.82',
      roundOff: '0.18',
      grandTotal: '2970.00',
    });
  });

  it('the same lines inter-state', () => {
    // IGST = 25.00 + 179.82 + 0 + 266.00 = 470.82; total 2969.82 as before
    const result = computeVoucher(
      [
        line('2', '250.00', '5'),
        line('1', '999.00', '18'),
        line('4', '12.50', '0'),
        line('1', '1000.00', '28', { discountPercentage: '5' }),
      ],
      true,
    );
    expect(result.totals).toMatchObject({
      cgstAmount: '0.00',
      sgstAmount: '0.00',
      igstAmount: '470.82',
      totalAmount: '2969.82',
      grandTotal: '2970.00',
    });
  });

  it('rounds off down below half a rupee', () => {
    // 84.31 at 18 %: tax 15.1758, half 7.5879 -> 7.59 each; total 84.31 + 15.18 = 99.49 -> -0.49 -> 99.00
    expect(computeVoucher([line('1', '84.31', '18')], false).totals).toMatchObject({
      totalAmount: '99.49',
      roundOff: '-0.49',
      grandTotal: '99.00',
    });
  });

  it('rounds off up from exactly half a rupee', () => {
    // 85.17 at 18 % inter: IGST 15.3306 -> 15.33; total 100.50 -> +0.50 -> 101.00
    expect(computeVoucher([line('1', '85.17', '18')], true).totals).toMatchObject({
      igstAmount: '15.33',
      totalAmount: '100.50',
      roundOff: '0.50',
      grandTotal: '101.00',
    });
  });

  it('3 x 33.33 at 18 % rounds to 118.00 either way', () => {
    // 117.99 -> +0.01 -> 118.00 (see the line test above)
    expect(computeVoucher([line('3', '33.33', '18')], false).totals).toMatchObject({
      totalAmount: '117.99',
      roundOff: '0.01',
      grandTotal: '118.00',
    });
    expect(computeVoucher([line('3', '33.33', '18')], true).totals).toMatchObject({
      totalAmount: '117.99',
      roundOff: '0.01',
      grandTotal: '118.00',
    });
  });

  it('a total already in whole rupees has no round-off', () => {
    expect(computeVoucher([line('2', '500.00', '18')], false).totals).toMatchObject({ roundOff: '0.00', grandTotal: '1180.00' });
  });
});

describe('a flat discount amount instead of the percentage', () => {
  it('is taken off the gross before tax', () => {
    // 3 x 199.99 = 599.97; 50.00 off -> taxable 549.97; tax 12 % = 65.9964 -> 32.9982 -> 33.00 each;
    // total 549.97 + 66.00 = 615.97
    expect(computeLine(line('3', '199.99', '12', { discountFlat: '50.00' }), false)).toEqual({
      discountAmount: '50.00',
      taxableAmount: '549.97',
      cgstAmount: '33.00',
      sgstAmount: '33.00',
      igstAmount: '0.00',
      totalAmount: '615.97',
    });
  });

  it('on a GST-inclusive price comes off the price without its GST (as 10 % would here)', () => {
    // 1050.00 incl. 5 % -> gross 1000.00; 100.00 off -> taxable 900.00; IGST 45.00; total 945.00
    const flat = computeLine(line('1', '1050.00', '5', { priceIncludesGst: true, discountFlat: '100.00' }), true);
    expect(flat).toEqual({
      discountAmount: '100.00',
      taxableAmount: '900.00',
      cgstAmount: '0.00',
      sgstAmount: '0.00',
      igstAmount: '45.00',
      totalAmount: '945.00',
    });
    expect(computeLine(line('1', '1050.00', '5', { priceIncludesGst: true, discountPercentage: '10' }), true)).toEqual(flat);
  });

  it('rounds the taxable value half up: 2.5 x 10.01 = 25.025, 5.00 off = 20.025 -> 20.03', () => {
    // tax 18 % of 20.03 = 3.6054 -> 1.8027 -> 1.80 each; total 20.03 + 3.60 = 23.63
    expect(computeLine(line('2.5', '10.01', '18', { discountFlat: '5.00' }), false)).toEqual({
      discountAmount: '5.00',
      taxableAmount: '20.03',
      cgstAmount: '1.80',
      sgstAmount: '1.80',
      igstAmount: '0.00',
      totalAmount: '23.63',
    });
  });

  it('may be the whole gross rounded to paise, which leaves nothing to tax (never a negative value)', () => {
    // 1 x 100.00 incl. 18 %: gross 10000 / 118 = 84.7457... -> 84.75 at most; 84.7457 - 84.75 < 0 -> 0.00
    expect(lineGross(line('1', '100.00', '18', { priceIncludesGst: true }))).toBe('84.75');
    expect(computeLine(line('1', '100.00', '18', { priceIncludesGst: true, discountFlat: '84.75' }), false)).toEqual({
      discountAmount: '84.75',
      taxableAmount: '0.00',
      cgstAmount: '0.00',
      sgstAmount: '0.00',
      igstAmount: '0.00',
      totalAmount: '0.00',
    });
    // 1.5 x 0.33 = 0.495 -> at most 0.50: 0.495 - 0.50 = -0.005 would round to -0.01; it is 0.00.
    expect(lineGross(line('1.5', '0.33', '18'))).toBe('0.50');
    expect(computeLine(line('1.5', '0.33', '18', { discountFlat: '0.50' }), true)).toMatchObject({
      taxableAmount: '0.00',
      totalAmount: '0.00',
    });
    // 0.49 off: 0.005 -> 0.01 taxable; IGST 0.0018 -> 0.00
    expect(computeLine(line('1.5', '0.33', '18', { discountFlat: '0.49' }), true)).toMatchObject({
      discountAmount: '0.49',
      taxableAmount: '0.01',
      igstAmount: '0.00',
      totalAmount: '0.01',
    });
  });

  it('sums into the voucher discount beside percentage lines', () => {
    // A: 2 x 500.00, 10 % -> 100.00 off, taxable 900.00, 81.00 + 81.00
    // B: 1 x 300.00, 25.50 off -> taxable 274.50, tax 18 % = 49.41 -> 24.705 -> 24.71 each
    // discount 125.50; taxable 1174.50; CGST 105.71; total 900 + 162 + 274.50 + 49.42 = 1385.92 -> +0.08 -> 1386.00
    expect(
      computeVoucher([line('2', '500.00', '18', { discountPercentage: '10' }), line('1', '300.00', '18', { discountFlat: '25.50' })], false)
        .totals,
    ).toEqual({
      discountAmount: '125.50',
      taxableAmount: '1174.50',
      cgstAmount: '105.71',
      sgstAmount: '105.71',
      igstAmount: '0.00',
      totalAmount: '1385.92',
      roundOff: '0.08',
      grandTotal: '1386.00',
    });
  });

  it('a line takes a percentage or an amount, not both (the error names discount_amount)', () => {
    const item = { product_id: '0190a6b4-3c1e-7000-8000-000000000001', quantity: '1' };
    expect(voucherItemInputSchema.safeParse({ ...item, discount_amount: '10.00' }).success).toBe(true);
    expect(voucherItemInputSchema.safeParse({ ...item, discount_percentage: '0', discount_amount: '10.00' }).success).toBe(true);
    const both = voucherItemInputSchema.safeParse({ ...item, discount_percentage: '5', discount_amount: '10.00' });
    expect(both.success).toBe(false);
    expect(both.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['discount_amount', 'must be left out when discount_percentage is given: a line takes a percentage or an amount, not both'],
    ]);
    const negative = voucherItemInputSchema.safeParse({ ...item, discount_amount: '-1.00' });
    expect(negative.error!.issues.map((i) => i.path.join('.'))).toEqual(['discount_amount']);
    const paise = voucherItemInputSchema.safeParse({ ...item, discount_amount: '1.005' });
    expect(paise.error!.issues.map((i) => i.path.join('.'))).toEqual(['discount_amount']);
  });
});
