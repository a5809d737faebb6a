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
  /**
   * A flat discount in rupees instead of a percentage (then `discountPercentage` is 0): taken off
   * the gross before tax, like the percentage (exclusive of GST, also for a GST-inclusive price).
   * Absent or null: the percentage applies.
   */
  discountFlat?: string | null;
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

/** A line's value before discount and tax (exact, not rounded): quantity x price, without its GST. */
function exactGross(line: Pick<LineInput, 'quantity' | 'unitPrice' | 'gstRate' | 'priceIncludesGst'>): Decimal {
  const quantity = dec(line.quantity);
  const price = dec(line.unitPrice);
  // A GST-inclusive price first loses its tax: price_excl = price x 100 / (100 + rate).
  // Multiplying before dividing keeps one division.
  return line.priceIncludesGst
    ? quantity
        .times(price)
        .times(HUNDRED)
        .div(HUNDRED.plus(dec(line.gstRate)))
    : quantity.times(price);
}

/**
 * The most a flat discount may be on a line: its gross (quantity x price, without GST) rounded
 * to paise. The API refuses a larger `discount_amount`; the voucher form shows the same limit.
 */
export function lineGross(line: Pick<LineInput, 'quantity' | 'unitPrice' | 'gstRate' | 'priceIncludesGst'>): string {
  return toMoney(exactGross(line));
}

function hasFlatDiscount(line: LineInput): line is LineInput & { discountFlat: string } {
  return line.discountFlat !== undefined && line.discountFlat !== null;
}

function computeExactLine(line: LineInput, interState: boolean): ExactLine {
  const rate = dec(line.gstRate);
  // 1. gross = quantity x price (a GST-inclusive price without its tax).
  const gross = exactGross(line);
  // 2. discount = gross x pct / 100 (not rounded on its own: only the taxable value is); or the
  //    flat amount as given (already in paise).
  const discount = hasFlatDiscount(line) ? dec(line.discountFlat) : gross.times(dec(line.discountPercentage)).div(HUNDRED);
  // 3. taxable = gross - discount, rounded to paise. A flat discount equal to the gross rounded to
  //    paise can pass an inclusive gross by less than half a paisa: the taxable value is then 0.
  const rounded = roundHalfUp(gross.minus(discount), 2);
  const taxable = rounded.lt(ZERO) ? ZERO : rounded;
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
