import { formatIndianAmount, indianDate, isCalendarDate, type DATE_FORMATS } from '@tritiq/contracts';

export type DateFormat = (typeof DATE_FORMATS)[number];

export const DEFAULT_DATE_FORMAT: DateFormat = 'DD/MM/YYYY';

/** A `YYYY-MM-DD` (or ISO timestamp, shown as its India date) in the organisation's format. */
export function formatDate(value: string | null | undefined, format: DateFormat = DEFAULT_DATE_FORMAT): string {
  if (!value) return '';
  const ymd = value.length > 10 ? indianDate(new Date(value)) : value;
  const [y, m, d] = ymd.split('-');
  if (!y || !m || !d) return value;
  switch (format) {
    case 'DD-MM-YYYY':
      return `${d}-${m}-${y}`;
    case 'YYYY-MM-DD':
      return `${y}-${m}-${d}`;
    case 'MM/DD/YYYY':
      return `${m}/${d}/${y}`;
    default:
      return `${d}/${m}/${y}`;
  }
}

/** Date and time of an ISO instant, in India (IST). */
export function formatDateTime(value: string | null | undefined, format: DateFormat = DEFAULT_DATE_FORMAT): string {
  if (!value) return '';
  const time = new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(value));
  return `${formatDate(value, format)} ${time}`;
}

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

/** Today in India as YYYY-MM-DD (the server's default voucher date). */
export function todayInIndia(): string {
  return indianDate(new Date());
}

/** Reads a date typed in the organisation's format back to YYYY-MM-DD (null when it is not one). */
export function parseOrgDate(text: string, format: DateFormat): string | null {
  const parts = text.trim().split(/[/.-]/);
  if (parts.length !== 3) return null;
  const [a, b, c] = parts as [string, string, string];
  const [y, m, d] = format === 'YYYY-MM-DD' ? [a, b, c] : format === 'MM/DD/YYYY' ? [c, a, b] : [c, b, a];
  const iso = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}
