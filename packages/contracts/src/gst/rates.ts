/**
 * GST rates a product or a voucher line may carry, in percent: the notified slabs, including
 * the special rates for precious stones (0.25, 1.5), gold and silver (3), and the 40 % rate of
 * 2025. A rate outside this list is a typing error far more often than a new notification.
 */
export const GST_RATES = ['0', '0.1', '0.25', '1', '1.5', '3', '5', '6', '7.5', '12', '18', '28', '40'] as const;

export type GstRate = (typeof GST_RATES)[number];

const RATE_VALUES = GST_RATES.map((r) => Number(r) * 100);

/** Compares in hundredths, so "18", "18.0" and "18.00" are the same rate. */
export function isGstRate(value: string): boolean {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) return false;
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return RATE_VALUES.includes(hundredths);
}
