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

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
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
