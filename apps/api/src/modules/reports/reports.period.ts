import { ZERO, dec, financialYearOf, indianDate, toMoney, type Decimal } from '@tritiq/contracts';
import type { Clock } from '../../lib/clock';

/** A range's defaults: `to` today in India, `from` the 1 April that starts `to`'s financial year. */
export function rangeOf(clock: Clock, query: { from?: string; to?: string }): { from: string; to: string } {
  const to = query.to ?? indianDate(clock.now());
  const from = query.from ?? financialYearOf(to).start;
  return { from, to };
}

export function asOfDate(clock: Clock, query: { asOf?: string }): string {
  return query.asOf ?? indianDate(clock.now());
}

export function financialYear(date: string): { from: string; to: string } {
  const fy = financialYearOf(date);
  return { from: fy.start, to: fy.end };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The day before a date (YYYY-MM-DD, no time zone involved). */
export const dayBefore = (date: string): string => addDays(date, -1);

/** The day after a date. */
export const dayAfter = (date: string): string => addDays(date, 1);

export const money = (v: Decimal | string) => toMoney(typeof v === 'string' ? dec(v) : v);

/** A signed balance (Dr +) as the debit and credit columns. */
export function sides(signed: Decimal): { debit: string; credit: string } {
  return signed.gte(ZERO) ? { debit: money(signed), credit: '0.00' } : { debit: '0.00', credit: money(signed.neg()) };
}
