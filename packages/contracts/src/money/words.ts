import { dec, HUNDRED, roundHalfUp, ZERO } from './decimal';

/**
 * Amounts in words in the Indian system (thousand, lakh, crore), as printed on invoices:
 * "Rupees One Lakh Twenty Three Thousand Four Hundred Fifty Six and Seventy Eight Paise Only".
 */

const ONES = [
  'Zero',
  'One',
  'Two',
  'Three',
  'Four',
  'Five',
  'Six',
  'Seven',
  'Eight',
  'Nine',
  'Ten',
  'Eleven',
  'Twelve',
  'Thirteen',
  'Fourteen',
  'Fifteen',
  'Sixteen',
  'Seventeen',
  'Eighteen',
  'Nineteen',
];
const TENS = ['', '', 'Twenty', 'Thirty', 'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety'];

function belowHundred(n: number): string {
  if (n < 20) return ONES[n]!;
  const tens = TENS[Math.floor(n / 10)]!;
  return n % 10 === 0 ? tens : `${tens} ${ONES[n % 10]!}`;
}

function belowThousand(n: number): string[] {
  const words: string[] = [];
  if (n >= 100) words.push(ONES[Math.floor(n / 100)]!, 'Hundred');
  if (n % 100 !== 0) words.push(belowHundred(n % 100));
  return words;
}

/** Words for a whole number; a crore count above 99 is itself said in lakhs and thousands. */
export function integerInWords(value: bigint): string {
  if (value < 0n) return `Minus ${integerInWords(-value)}`;
  if (value === 0n) return 'Zero';
  const words: string[] = [];
  const crores = value / 10_000_000n;
  let rest = Number(value % 10_000_000n);
  if (crores > 0n) words.push(integerInWords(crores), 'Crore');
  const lakhs = Math.floor(rest / 100_000);
  rest %= 100_000;
  const thousands = Math.floor(rest / 1_000);
  rest %= 1_000;
  if (lakhs > 0) words.push(belowHundred(lakhs), 'Lakh');
  if (thousands > 0) words.push(belowHundred(thousands), 'Thousand');
  if (rest > 0) words.push(...belowThousand(rest));
  return words.join(' ');
}

/** "Rupees … and … Paise Only"; no paise part when the paise are zero. */
export function amountInWords(amount: string): string {
  const value = roundHalfUp(dec(amount), 2);
  const negative = value.lt(ZERO);
  const paiseTotal = BigInt(value.abs().times(HUNDRED).toFixed(0));
  const rupees = paiseTotal / 100n;
  const paise = paiseTotal % 100n;
  let text = `Rupees ${integerInWords(rupees)}`;
  if (paise > 0n) text += ` and ${integerInWords(paise)} Paise`;
  return `${negative ? 'Minus ' : ''}${text} Only`;
}
