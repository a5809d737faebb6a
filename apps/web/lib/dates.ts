import { indianDate, isCalendarDate, type DATE_FORMATS } from '@tritiq/contracts';

/** Dates as the organisation shows them (Settings → Preferences), always on India's calendar and clock. */
export type DateFormat = (typeof DATE_FORMATS)[number];

export const DEFAULT_DATE_FORMAT: DateFormat = 'DD/MM/YYYY';

const EMPTY = '—';

const isoText = (value: string | Date) => (value instanceof Date ? value.toISOString() : value);

/**
 * A calendar date (`YYYY-MM-DD`) as it is, or an instant (ISO text or Date) as its date in India,
 * in the organisation's format; an em dash when there is none.
 */
export function formatDate(value: string | Date | null | undefined, format: DateFormat = DEFAULT_DATE_FORMAT): string {
  if (!value) return EMPTY;
  const text = isoText(value);
  const ymd = text.length > 10 ? indianDate(new Date(text)) : text;
  const [y, m, d] = ymd.split('-');
  if (!y || !m || !d) return text;
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

/** Date and time of an instant, in India (IST), whatever the browser's own time zone. */
export function formatDateTime(value: string | Date | null | undefined, format: DateFormat = DEFAULT_DATE_FORMAT): string {
  if (!value) return EMPTY;
  const instant = new Date(isoText(value));
  if (Number.isNaN(instant.getTime())) return EMPTY;
  const time = new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    instant,
  );
  return `${formatDate(instant, format)} ${time}`;
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
