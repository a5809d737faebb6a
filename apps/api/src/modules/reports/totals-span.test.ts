import { describe, expect, it } from 'vitest';
import { totalsSpan } from './totals-span';

describe('totalsSpan: whole months from the month totals, the ends from the day totals', () => {
  it('a financial year is twelve whole months and no days', () => {
    expect(totalsSpan('2025-04-01', '2026-03-31')).toEqual({ months: { from: '2025-04-01', until: '2026-04-01' }, days: [] });
  });

  it('a range starting and ending inside months: the whole months between, the odd days at each end', () => {
    expect(totalsSpan('2025-04-15', '2025-06-10')).toEqual({
      months: { from: '2025-05-01', until: '2025-06-01' },
      days: [
        { from: '2025-04-15', to: '2025-04-30' },
        { from: '2025-06-01', to: '2025-06-10' },
      ],
    });
  });

  it('inside one month, or across two without a whole one: days only', () => {
    expect(totalsSpan('2025-04-02', '2025-04-30')).toEqual({ months: null, days: [{ from: '2025-04-02', to: '2025-04-30' }] });
    expect(totalsSpan('2025-04-15', '2025-05-20')).toEqual({ months: null, days: [{ from: '2025-04-15', to: '2025-05-20' }] });
    expect(totalsSpan('2025-06-01', '2025-06-01')).toEqual({ months: null, days: [{ from: '2025-06-01', to: '2025-06-01' }] });
  });

  it('one whole month, the last day of a month on a leap year, and across a year end', () => {
    expect(totalsSpan('2025-04-01', '2025-04-30')).toEqual({ months: { from: '2025-04-01', until: '2025-05-01' }, days: [] });
    expect(totalsSpan('2024-02-01', '2024-02-29')).toEqual({ months: { from: '2024-02-01', until: '2024-03-01' }, days: [] });
    expect(totalsSpan('2024-02-01', '2024-02-28')).toEqual({ months: null, days: [{ from: '2024-02-01', to: '2024-02-28' }] });
    expect(totalsSpan('2025-12-31', '2026-02-01')).toEqual({
      months: { from: '2026-01-01', until: '2026-02-01' },
      days: [
        { from: '2025-12-31', to: '2025-12-31' },
        { from: '2026-02-01', to: '2026-02-01' },
      ],
    });
  });

  it('open ends: everything up to a day, everything from a day, everything', () => {
    expect(totalsSpan(null, '2025-06-10')).toEqual({
      months: { from: null, until: '2025-06-01' },
      days: [{ from: '2025-06-01', to: '2025-06-10' }],
    });
    expect(totalsSpan(null, '2025-03-31')).toEqual({ months: { from: null, until: '2025-04-01' }, days: [] });
    expect(totalsSpan('2025-06-10', null)).toEqual({
      months: { from: '2025-07-01', until: null },
      days: [{ from: '2025-06-10', to: '2025-06-30' }],
    });
    expect(totalsSpan('2025-06-01', null)).toEqual({ months: { from: '2025-06-01', until: null }, days: [] });
    expect(totalsSpan(null, null)).toEqual({ months: { from: null, until: null }, days: [] });
  });

  it('an empty range reads nothing', () => {
    expect(totalsSpan('2025-06-10', '2025-06-09')).toEqual({ months: null, days: [] });
  });
});
