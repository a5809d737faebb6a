import { formatIndianAmount } from '@tritiq/contracts';

/** ₹1,23,456.78 */
export function rupees(amount: string | null | undefined): string {
  if (amount == null || amount === '') return '';
  return formatIndianAmount(amount, { withSymbol: true });
}

/** 1,23,456.78 (no symbol), for table columns. */
export function amount(value: string | null | undefined): string {
  if (value == null || value === '') return '';
  return formatIndianAmount(value);
}

/** A quantity without needless trailing zeros: "2.500" -> "2.5", "10.000" -> "10". */
export function quantity(value: string | null | undefined): string {
  if (value == null || value === '') return '';
  if (!value.includes('.')) return value;
  return value.replace(/0+$/, '').replace(/\.$/, '');
}
