import { dec, ZERO, type Decimal } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { dayBefore, financialYear } from './reports.period';
import { findBalances, findBooksStart, findStockValue, type GroupRow, type LedgerBalanceRow } from './reports.repo';

/**
 * What the trial balance and the balance sheet share, as on a date in its financial year: every
 * ledger's closing and every group's rolled-up total, the stock values, and the result of the
 * years before (income and expense start from zero on 1 April; BOOKS.md).
 *
 * Stock is valued outside the ledgers (weighted average cost), so the trading account takes it as
 * opening and closing stock: the result of the earlier years is their income less expenses plus
 * the stock they ended with less the stock the books started with (valued the day before the
 * books start), which is itself an opening balance like a ledger's.
 */
export interface BooksFigures {
  asOf: string;
  financialYear: { from: string; to: string };
  groups: GroupRow[];
  ledgers: LedgerBalanceRow[];
  /** Stock value before the financial year (the trading account's opening stock). */
  openingStock: Decimal;
  closingStock: Decimal;
  /** Stock the books started with. */
  startingStock: Decimal;
  /** Result of the years before the financial year, signed as a balance (Dr +: a loss). */
  earlierYears: Decimal;
  /** Result from 1 April to the date, signed as a balance (Dr +: a loss). */
  currentPeriod: Decimal;
}

export async function booksFigures(tx: Executor, organizationId: string, asOf: string): Promise<BooksFigures> {
  const fy = financialYear(asOf);
  const booksStart = await findBooksStart(tx, organizationId);
  const { groups, ledgers } = await findBalances(tx, organizationId, { fyStart: fy.from, asOf, booksStart });
  const openingStock = dec(await findStockValue(tx, organizationId, dayBefore(fy.from)));
  const closingStock = dec(await findStockValue(tx, organizationId, asOf));
  const startingStock = dec(await findStockValue(tx, organizationId, dayBefore(booksStart)));
  let earlier = ZERO;
  let current = ZERO;
  for (const l of ledgers) {
    if (l.nature !== 'income' && l.nature !== 'expense') continue;
    earlier = earlier.plus(dec(l.earlierYears));
    current = current.plus(dec(l.closing));
  }
  return {
    asOf,
    financialYear: fy,
    groups,
    ledgers,
    openingStock,
    closingStock,
    startingStock,
    earlierYears: earlier.minus(openingStock).plus(startingStock),
    currentPeriod: current.minus(closingStock).plus(openingStock),
  };
}
