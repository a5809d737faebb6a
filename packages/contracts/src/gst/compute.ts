import { dec, HUNDRED, roundHalfUp, sum, toMoney, ZERO, type Decimal } from '../money/decimal';

const TWO = dec('2');

/**
 * The GST arithmetic of DOMAIN.md ("Vouchers"), shared by the API (which alone decides what is
 * stored) and the web app (which shows the same figures live while a voucher is typed).
 */

export interface LineInput {
  /** Up to 3 decimals, greater than zero. */
  quantity: string;
  /** Up to 2 decimals, not negative. */
  unitPrice: string;
  /** 0 to 100. */
  discountPercentage: string;
  /** Percent, e.g. "18". */
  gstRate: string;
  /** The unit price already contains the GST. */
  priceIncludesGst: boolean;
}

export interface LineAmounts {
  discountAmount: string;
  taxableAmount: string;
  cgstAmount: string;
  sgstAmount: string;
  igstAmount: string;
  totalAmount: string;
}

/** The voucher's sums of the line amounts (total = sum of line totals), and its rupee rounding. */
export interface VoucherTotals extends LineAmounts {
  /** Brings the total to the nearest rupee: |round_off| <= 0.50. */
  roundOff: string;
  grandTotal: string;
}

export interface VoucherAmounts {
  lines: LineAmounts[];
  totals: VoucherTotals;
}

interface ExactLine {
  discount: Decimal;
  taxable: Decimal;
  cgst: Decimal;
  sgst: Decimal;
  igst: Decimal;
  total: Decimal;
}

function computeExactLine(line: LineInput, interState: boolean): ExactLine {
  const quantity = dec(line.quantity);
  const price = dec(line.unitPrice);
  const rate = dec(line.gstRate);
  // 1. gross = quantity x price; a GST-inclusive price first loses its tax:
  //    price_excl = price x 100 / (100 + rate). Multiplying before dividing keeps one division.
  const gross = line.priceIncludesGst ? quantity.times(price).times(HUNDRED).div(HUNDRED.plus(rate)) : quantity.times(price);
  // 2. discount = gross x pct / 100 (not rounded on its own: only the taxable value is).
  const discount = gross.times(dec(line.discountPercentage)).div(HUNDRED);
  // 3. taxable = gross - discount, rounded to paise.
  const taxable = roundHalfUp(gross.minus(discount), 2);
  // 4. tax = taxable x rate / 100; intra-state: CGST and SGST each half, each rounded to paise;
  //    inter-state: IGST the whole, rounded to paise.
  const tax = taxable.times(rate).div(HUNDRED);
  let cgst = ZERO;
  let sgst = ZERO;
  let igst = ZERO;
  if (interState) {
    igst = roundHalfUp(tax, 2);
  } else {
    cgst = roundHalfUp(tax.div(TWO), 2);
    sgst = cgst;
  }
  // 5. line total = taxable + CGST + SGST + IGST.
  const total = taxable.plus(cgst).plus(sgst).plus(igst);
  return { discount: roundHalfUp(discount, 2), taxable, cgst, sgst, igst, total };
}

function present(e: ExactLine): LineAmounts {
  return {
    discountAmount: toMoney(e.discount),
    taxableAmount: toMoney(e.taxable),
    cgstAmount: toMoney(e.cgst),
    sgstAmount: toMoney(e.sgst),
    igstAmount: toMoney(e.igst),
    totalAmount: toMoney(e.total),
  };
}

export function computeLine(line: LineInput, interState: boolean): LineAmounts {
  return present(computeExactLine(line, interState));
}

/** The rupee rounding of a voucher total: half a rupee rounds up. */
export function roundToRupee(total: Decimal): { roundOff: Decimal; grandTotal: Decimal } {
  const grandTotal = roundHalfUp(total, 0);
  return { roundOff: grandTotal.minus(total), grandTotal };
}

/** Every line and the voucher's totals; the header sums the (already rounded) line amounts. */
export function computeVoucher(lines: readonly LineInput[], interState: boolean): VoucherAmounts {
  const exact = lines.map((l) => computeExactLine(l, interState));
  const total = sum(exact.map((e) => e.total));
  const { roundOff, grandTotal } = roundToRupee(total);
  return {
    lines: exact.map(present),
    totals: {
      discountAmount: toMoney(sum(exact.map((e) => e.discount))),
      taxableAmount: toMoney(sum(exact.map((e) => e.taxable))),
      cgstAmount: toMoney(sum(exact.map((e) => e.cgst))),
      sgstAmount: toMoney(sum(exact.map((e) => e.sgst))),
      igstAmount: toMoney(sum(exact.map((e) => e.igst))),
      totalAmount: toMoney(total),
      roundOff: toMoney(roundOff),
      grandTotal: toMoney(grandTotal),
    },
  };
}
