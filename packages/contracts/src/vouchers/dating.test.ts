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

describe('addDays from the numbers of a date', () => {
  /** The implementation before: parse, add, print through Date. */
  const byDate = (date: string, days: number): string => {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };
  const pad = (n: number, w: number) => String(n).padStart(w, '0');

  it('gives what Date gives for every day of 1999-2031 and offsets across months, years and leap days', () => {
    let checked = 0;
    const mismatches: string[] = [];
    for (let t = Date.UTC(1999, 0, 1); t <= Date.UTC(2031, 11, 31); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      for (const days of [0, 1, -1, 3, 28, 29, 30, 31, -31, 45, 90, 180, 365, 366, -366, 1461]) {
        if (addDays(date, days) !== byDate(date, days)) mismatches.push(`${date} + ${days}`);
        checked++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(190_000);
  });

  it('gives what Date gives over random dates of years 1000-9999 and random offsets (pseudo-random, seeded)', () => {
    let seed = 15;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const mismatches: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const y = 1000 + next(9000);
      const m = 1 + next(12);
      const d = 1 + next(31);
      const date = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
      const days = next(2) === 0 ? next(800) - 400 : next(4_000_000) - 2_000_000;
      let expected: string;
      try {
        expected = byDate(date, days);
      } catch (err) {
        expect(() => addDays(date, days), `${date} + ${days}`).toThrow((err as Error).constructor as ErrorConstructor);
        continue;
      }
      if (addDays(date, days) !== expected) mismatches.push(`${date} + ${days}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('leaves what is not a plain date to Date: the same answer, or the same error', () => {
    for (const [date, days] of [
      ['2025-02-30', 0],
      ['2025-02-29', 1],
      ['2024-02-30', 1],
      ['2025-04-31', 0],
      ['0999-12-31', 1],
      ['9999-12-31', 0],
      ['2025-01-15', 0.5],
      ['2025-01-15', 3_000_000],
      ['2025-01-15', -800_000],
    ] as const) {
      let expected: string | undefined;
      try {
        expected = byDate(date, days);
      } catch {
        expect(() => addDays(date, days)).toThrow(RangeError);
        continue;
      }
      expect(addDays(date, days), `${date} + ${days}`).toBe(expected);
    }
    for (const bad of ['2025-13-01', '2025-00-10', '2025-01-00', '2025-01-32', '25-01-01', '2025/01/01', 'abcd-ef-gh', '']) {
      expect(() => addDays(bad, 1), bad).toThrow(RangeError);
    }
  });
});
