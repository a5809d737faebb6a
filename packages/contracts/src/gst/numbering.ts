/**
 * Indian financial years and voucher numbers: `{PREFIX}/{FY}/{SEQ}`, e.g. `SV/2526/00001`.
 * Dates are calendar dates written `YYYY-MM-DD` (the voucher's own date, no time zone).
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The earliest and latest voucher dates accepted: the FY code keeps two digits of each year. */
export const MIN_VOUCHER_DATE = '2000-01-01';
export const MAX_VOUCHER_DATE = '2098-12-31';

/** A GST invoice number has at most 16 characters (CGST Rules, rule 46(b)). */
export const MAX_INVOICE_NUMBER_LENGTH = 16;
/** `/FY/` and five digits leave five characters for the prefix. */
export const MAX_VOUCHER_PREFIX_LENGTH = 5;

export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= daysInMonth;
}

/**
 * The financial year (April to March) a date falls in: 1 Apr 2025 and 31 Mar 2026 are both in
 * `2526`, 1 Apr 2026 starts `2627`.
 */
export function financialYearOf(date: string): { startYear: number; code: string; start: string; end: string } {
  const m = DATE_RE.exec(date);
  if (!m || !isCalendarDate(date)) throw new Error(`Not a date: ${date}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const startYear = month >= 4 ? year : year - 1;
  const two = (n: number) => String(n % 100).padStart(2, '0');
  return {
    startYear,
    code: `${two(startYear)}${two(startYear + 1)}`,
    start: `${startYear}-04-01`,
    end: `${startYear + 1}-03-31`,
  };
}

/** `SV` + `2526` + 1 -> `SV/2526/00001`; the sequence is padded to five digits and may grow past them. */
export function formatVoucherNumber(prefix: string, fyCode: string, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new Error(`Not a sequence number: ${seq}`);
  return `${prefix}/${fyCode}/${String(seq).padStart(5, '0')}`;
}

const INVOICE_NUMBER_RE = /^[A-Za-z0-9][A-Za-z0-9/-]*$/;

/** GST's rule for invoice numbers: at most 16 characters, alphanumeric first, then alphanumerics, `-` and `/`. */
export function checkInvoiceNumber(value: string): string | null {
  if (value.length > MAX_INVOICE_NUMBER_LENGTH) return `must be at most ${MAX_INVOICE_NUMBER_LENGTH} characters`;
  if (!INVOICE_NUMBER_RE.test(value)) return 'must start with a letter or digit and contain only letters, digits, - and /';
  return null;
}

const PREFIX_RE = /^[A-Z0-9][A-Z0-9-]*$/;

export function checkVoucherPrefix(prefix: string): string | null {
  if (prefix.length < 1 || prefix.length > MAX_VOUCHER_PREFIX_LENGTH) {
    return `must be 1 to ${MAX_VOUCHER_PREFIX_LENGTH} characters, so the number fits GST's 16`;
  }
  if (!PREFIX_RE.test(prefix)) return 'must be capital letters, digits and -, starting with a letter or digit';
  return null;
}

/** Today's date in India (UTC+05:30, no daylight saving), for defaults and previews. */
export function indianDate(instant: Date): string {
  return new Date(instant.getTime() + 330 * 60_000).toISOString().slice(0, 10);
}
