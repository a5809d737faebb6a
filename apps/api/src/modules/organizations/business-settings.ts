import { datingWindowProblem, formatDateAs } from '@tritiq/contracts';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { organizations } from '../../db/schema';
import { AppError, validationError } from '../../lib/app-error';

/**
 * What the business modules (vouchers, stock) need from their organisation: its GST identity for
 * printing and tax, and its business settings. The voucher engine reads these columns together
 * with the party in one statement on its hot path, so the column list itself is shared.
 */
export const businessSettingsColumns = {
  name: organizations.name,
  legalName: organizations.legalName,
  gstin: organizations.gstin,
  pan: organizations.pan,
  addressLine1: organizations.addressLine1,
  addressLine2: organizations.addressLine2,
  city: organizations.city,
  state: organizations.state,
  pinCode: organizations.pinCode,
  stateCode: organizations.stateCode,
  phone: organizations.phone,
  email: organizations.email,
  allowNegativeStock: organizations.allowNegativeStock,
  dateFormat: organizations.dateFormat,
  booksStartDate: organizations.booksStartDate,
  maxDaysAhead: organizations.maxDaysAhead,
  booksLockedUntil: organizations.booksLockedUntil,
};

export async function getBusinessSettings(db: Executor, organizationId: string) {
  const [row] = await db.select(businessSettingsColumns).from(organizations).where(eq(organizations.id, organizationId));
  if (!row) throw new Error(`Organisation ${organizationId} not found`);
  return row;
}

export type BusinessSettings = Awaited<ReturnType<typeof getBusinessSettings>>;

/**
 * A voucher's or stock adjustment's date must lie in the organisation's window: not before its
 * books start, not more than its `max_days_ahead` after today (India). 422 naming `field`.
 */
export function assertDateInWindow(
  settings: Pick<BusinessSettings, 'booksStartDate' | 'maxDaysAhead' | 'dateFormat'>,
  date: string,
  today: string,
  field = 'date',
): void {
  const problem = datingWindowProblem(settings, date, today);
  if (problem) throw validationError(field, problem);
}

/**
 * The books are locked up to a date (BOOKS.md, "Locking"; an org admin's setting): nothing dated on
 * or before it may be posted or cancelled, whatever the dating window allows. 409 naming the date.
 */
export function assertBooksOpen(
  settings: Pick<BusinessSettings, 'booksLockedUntil' | 'dateFormat'>,
  date: string,
  doing: 'post' | 'cancel' = 'post',
): void {
  const lock = settings.booksLockedUntil;
  if (lock && date <= lock) {
    throw new AppError(
      'BOOKS_LOCKED',
      `The books are locked up to ${formatDateAs(lock, settings.dateFormat)}: nothing dated on or before it may be ${doing === 'post' ? 'posted' : 'cancelled'} (an org admin can change the lock date in Settings)`,
    );
  }
}
