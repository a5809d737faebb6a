import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, todayInIndia } from './dates';

describe('dates as the app shows them', () => {
  it('shows an instant on India’s calendar and clock, whatever the machine’s time zone', () => {
    // 18:45 UTC on 31 March is 00:15 IST on 1 April: a new day, and a new financial year.
    expect(formatDateTime('2026-03-31T18:45:00.000Z')).toBe('01/04/2026 00:15');
    expect(formatDateTime(new Date('2026-03-31T18:45:00.000Z'), 'YYYY-MM-DD')).toBe('2026-04-01 00:15');
    expect(formatDate(new Date('2026-03-31T18:45:00.000Z'), 'DD-MM-YYYY')).toBe('01-04-2026');
  });

  it('keeps a calendar date as it is, in each organisation format', () => {
    expect(formatDate('2026-01-05', 'MM/DD/YYYY')).toBe('01/05/2026');
    expect(formatDate('2026-01-05', 'YYYY-MM-DD')).toBe('2026-01-05');
  });

  it('shows a dash when there is no date, or it cannot be read', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate(undefined)).toBe('—');
    expect(formatDateTime('')).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });

  it('gives today in India as YYYY-MM-DD', () => {
    expect(todayInIndia()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
