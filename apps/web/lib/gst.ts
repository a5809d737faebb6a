import { GST_RATES, GST_STATE_CODES } from '@tritiq/contracts';

/** The GST state codes as picker options: "27 - Maharashtra". */
export const STATE_OPTIONS = Object.entries(GST_STATE_CODES).map(([code, name]) => ({ value: code, label: `${code} - ${name}` }));

export function stateLabel(code: string | null | undefined): string {
  if (!code) return '';
  const name = (GST_STATE_CODES as Record<string, string>)[code];
  return name ? `${name} (${code})` : code;
}

/** The GST rates as picker options: "18 %". */
export const GST_RATE_OPTIONS = GST_RATES.map((r) => ({ value: r, label: `${r} %` }));

/** "18.00" -> "18" so it matches a GST_RATES option. */
export function rateOption(rate: string): string {
  return rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
}
