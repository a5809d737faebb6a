import { describe, expect, it } from 'vitest';
import { computeLine, computeVoucher, type LineInput } from './compute';

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
