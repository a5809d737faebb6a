import { addDays, formatDateAs } from '@tritiq/contracts';
import { AppError } from '../../lib/app-error';
import type { BusinessSettings } from '../organizations';

/** Opening stock is dated the day before the books start; ledger opening balances are as on the start. */
export const openingStockDate = (booksStartDate: string) => addDays(booksStartDate, -1);

/** The lock date covers the opening balances once it reaches the day before the books start (where opening stock sits). */
export function openingsLocked(settings: Pick<BusinessSettings, 'booksStartDate' | 'booksLockedUntil'>): boolean {
  const lock = settings.booksLockedUntil;
  return lock !== null && lock >= openingStockDate(settings.booksStartDate);
}

/** 409 BOOKS_LOCKED naming the date when the opening balances are under the books lock (BOOKS.md, "Locking"). */
export function assertOpeningsOpen(settings: Pick<BusinessSettings, 'booksStartDate' | 'booksLockedUntil' | 'dateFormat'>): void {
  if (!openingsLocked(settings)) return;
  throw new AppError(
    'BOOKS_LOCKED',
    `The books are locked up to ${formatDateAs(settings.booksLockedUntil!, settings.dateFormat)}, which covers the opening balances ` +
      `(as on ${formatDateAs(settings.booksStartDate, settings.dateFormat)}): they cannot be changed (an org admin can change the lock date in Settings)`,
  );
}
