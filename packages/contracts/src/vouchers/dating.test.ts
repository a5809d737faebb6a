import { describe, expect, it } from 'vitest';
import { addDays, datingWindowProblem } from './dating';

describe('the dating window', () => {
  const window = { booksStartDate: '2025-04-01', maxDaysAhead: 3, dateFormat: 'DD/MM/YYYY' };

  it('accepts the books start itself and up to the last day ahead', () => {
    expect(datingWindowProblem(window, '2025-04-01', '2025-06-20')).toBeNull();
    expect(datingWindowProblem(window, '2025-06-23', '2025-06-20')).toBeNull();
  });

  it('refuses a day before the books start and a day past the limit, saying which limit and where it is set', () => {
    expect(datingWindowProblem(window, '2025-03-31', '2025-06-20')).toBe(
      'must be on or after 01/04/2025, when the books start (Settings, Preferences)',
    );
    expect(datingWindowProblem(window, '2025-06-24', '2025-06-20')).toBe(
      'must not be more than 3 days ahead (23/06/2025 at the latest); the limit is in Settings, Preferences',
    );
    expect(datingWindowProblem({ ...window, maxDaysAhead: 0 }, '2025-06-21', '2025-06-20')).toBe(
      'must not be after today (20/06/2025); the limit is in Settings, Preferences',
    );
  });

  it('counts days across month and leap-year ends', () => {
    expect(addDays('2028-02-27', 3)).toBe('2028-03-01');
    expect(addDays('2025-12-30', 3)).toBe('2026-01-02');
  });
});
