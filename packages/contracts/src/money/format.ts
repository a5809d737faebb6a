import { dec, roundHalfUp, ZERO } from './decimal';

/**
 * Indian digit grouping: the last three digits, then groups of two (1,23,45,678.90). Written by
 * hand because Intl's en-IN output depends on the ICU data the runtime ships with.
 */
export function groupIndian(integerDigits: string): string {
  if (integerDigits.length <= 3) return integerDigits;
  const last3 = integerDigits.slice(-3);
  let head = integerDigits.slice(0, -3);
  const groups: string[] = [];
  while (head.length > 2) {
    groups.unshift(head.slice(-2));
    head = head.slice(0, -2);
  }
  if (head) groups.unshift(head);
  return `${groups.join(',')},${last3}`;
}

/** `1234567.8` -> `12,34,567.80`; `withSymbol` prefixes ₹ (after the minus sign). */
export function formatIndianAmount(amount: string, options: { withSymbol?: boolean; decimals?: number } = {}): string {
  const decimals = options.decimals ?? 2;
  const value = roundHalfUp(dec(amount), decimals);
  const negative = value.lt(ZERO);
  const [intPart = '0', fracPart] = value.abs().toFixed(decimals).split('.');
  const body = `${options.withSymbol ? '₹' : ''}${groupIndian(intPart)}${fracPart ? `.${fracPart}` : ''}`;
  return negative ? `-${body}` : body;
}

export function formatRupees(amount: string): string {
  return formatIndianAmount(amount, { withSymbol: true });
}
