import BigJs from 'big.js';

/**
 * Exact decimal arithmetic for money and quantities. Amounts travel as decimal strings
 * ("1234.50") and are computed with big.js, never with a binary float.
 *
 * A private constructor keeps our settings away from anyone else's use of big.js:
 * - strict: a JavaScript number passed in (or `valueOf` taken out) throws, so a float cannot
 *   slip into a computation unnoticed;
 * - DP 30: divisions keep 30 decimal places. Every division we do has a denominator below
 *   about 10^14 (quantity and price scales times 100 + GST rate), so an exact result that is not
 *   a half-paise tie lies at least ~10^-16 away from one; an error below 10^-30 can therefore
 *   never change a half-up rounding decision, and exact ties (terminating decimals) are kept
 *   exactly.
 */
export const Dec = BigJs();
Dec.DP = 30;
Dec.RM = Dec.roundHalfUp;
Dec.strict = true;
Dec.NE = -40;
Dec.PE = 40;

export type Decimal = InstanceType<typeof BigJs>;

export const ZERO = new Dec('0');
export const HUNDRED = new Dec('100');

/** A plain decimal literal: optional minus, digits, optional fraction. No exponents, no spaces. */
const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

export function isDecimalString(value: string): boolean {
  return DECIMAL_RE.test(value);
}

export function dec(value: string | Decimal): Decimal {
  if (typeof value === 'string' && !DECIMAL_RE.test(value)) throw new Error(`Not a decimal: ${JSON.stringify(value)}`);
  return new Dec(value);
}

/** Number of digits after the decimal point as written ("1.50" -> 2). */
export function decimalPlaces(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

/**
 * Half-up ("commercial") rounding to `dp` places: a half rounds away from zero, so 0.125 -> 0.13
 * and -0.125 -> -0.13. The rule every amount in DOMAIN.md uses.
 */
export function roundHalfUp(value: Decimal, dp: number): Decimal {
  return value.round(dp, Dec.roundHalfUp);
}

/**
 * Rounds to paise and writes exactly two decimals ("12.50"); -0.00 is written 0.00. big.js's
 * `toFixed` rounds as `roundHalfUp` does and writes the sign of a negative value even when it
 * rounds to zero, hence the one text compared (one rounding and copy per call instead of two: every
 * amount of a voucher goes through here).
 */
export function toMoney(value: Decimal): string {
  const text = value.toFixed(2, Dec.roundHalfUp);
  return text === '-0.00' ? '0.00' : text;
}

/** Rounds to three places, the scale of quantities ("1.500"); -0.000 is written 0.000. */
export function toQuantity(value: Decimal): string {
  const text = value.toFixed(3, Dec.roundHalfUp);
  return text === '-0.000' ? '0.000' : text;
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((acc, v) => acc.plus(v), ZERO);
}

/**
 * Reads a decimal the client sent. JSON has no decimal type, so a client may send `12.5` as a
 * number: JavaScript prints a number as the shortest decimal that reads back to the same
 * double, which for the at most 15 significant digits our columns hold is exactly what the
 * client wrote. Anything else (exponents, NaN, 16+ digits) is refused rather than guessed.
 */
export function decimalFromWire(value: string | number): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const text = String(value);
    if (!DECIMAL_RE.test(text) || text.replace(/[-.]/g, '').replace(/^0+/, '').length > 15) return undefined;
    return text;
  }
  const text = value.trim();
  return DECIMAL_RE.test(text) ? text : undefined;
}
