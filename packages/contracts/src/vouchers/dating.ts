/**
 * The window a voucher or stock adjustment may be dated in (organisation settings): not before
 * the organisation's books start, and at most `maxDaysAhead` days after today in India. Dates are
 * `YYYY-MM-DD` calendar dates; the comparison is on the text, which orders like the dates.
 */

export interface DatingWindow {
  booksStartDate: string;
  maxDaysAhead: number;
  /** How the organisation writes dates (DD, MM and YYYY tokens), for the message. */
  dateFormat?: string;
}

/**
 * `date` plus `days` calendar days. A well-formed date (years 1000-9999, months 01-12, a day of
 * that month) is counted from its numbers with Date.UTC; anything else (a day past the month's end,
 * another year width, a malformed text) goes through Date's text parsing as before, so the answer,
 * or the RangeError, is the same. From the numbers because the posting path asks this of every
 * voucher (a bill's due date, the dating window), and parsing and printing a Date's text cost about
 * five times as much (bench/README, voucher-limit).
 */
export function addDays(date: string, days: number): string {
  const fast = Number.isInteger(days) ? addDaysCivil(date, days) : undefined;
  return fast ?? addDaysByDate(date, days);
}

/** Through Date: for anything `addDaysCivil` does not take (dating.test.ts holds the two to each other). */
function addDaysByDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The number of the two or four digits at `from`, or -1 if any is not a digit. */
function digitsAt(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** A well-formed date's answer from the numbers (Date.UTC and its getters, no text parsed or printed); undefined for anything else. */
function addDaysCivil(date: string, days: number): string | undefined {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return undefined;
  const y = digitsAt(date, 0, 4);
  const m = digitsAt(date, 5, 2);
  const d = digitsAt(date, 8, 2);
  if (y < 1000 || m < 1 || m > 12 || d < 1) return undefined;
  if (d > (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!)) return undefined;
  if (days === 0) return date;
  const t = new Date(Date.UTC(y, m - 1, d + days));
  const ry = t.getUTCFullYear();
  if (ry < 1000 || ry > 9999) return undefined;
  return `${ry}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

function written(date: string, format = 'DD/MM/YYYY'): string {
  const [y = '', m = '', d = ''] = date.split('-');
  return format.replace('YYYY', y).replace('MM', m).replace('DD', d);
}

/** A `YYYY-MM-DD` date as the organisation writes dates (DD, MM and YYYY tokens), for messages. */
export function formatDateAs(date: string, format?: string): string {
  return written(date, format);
}

/** Why `date` is outside the window, or null when it is inside. */
export function datingWindowProblem(window: DatingWindow, date: string, today: string): string | null {
  if (date < window.booksStartDate) {
    return `must be on or after ${written(window.booksStartDate, window.dateFormat)}, when the books start (Settings, Preferences)`;
  }
  const latest = addDays(today, window.maxDaysAhead);
  if (date > latest) {
    const limit =
      window.maxDaysAhead === 0
        ? `after today (${written(today, window.dateFormat)})`
        : `more than ${window.maxDaysAhead} day${window.maxDaysAhead === 1 ? '' : 's'} ahead (${written(latest, window.dateFormat)} at the latest)`;
    return `must not be ${limit}; the limit is in Settings, Preferences`;
  }
  return null;
}
