import { gstPeriodOf } from '@tritiq/contracts';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { gstFiledPeriods, users } from '../../db/schema';

export type GstFiledPeriodRow = typeof gstFiledPeriods.$inferSelect;

/**
 * The organisation's GST filing lock (a transaction-level advisory lock): every posting or
 * cancelling of a voucher that filing locks holds it shared before it reads the filed months, and
 * marking or unmarking a month holds it exclusively. So a month is never marked filed while a
 * voucher dated in it is being posted or cancelled: the mark waits for those in flight to commit,
 * and those that start after it wait for the mark and then see it (their read is a later
 * statement, so a later snapshot). Shared holders do not wait for each other.
 */
export async function holdGstFilingLock(db: Executor, organizationId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const key = sql`hashtextextended(${`tritiq.gst-filing:${organizationId}`}, 0)`;
  await db.execute(mode === 'shared' ? sql`SELECT pg_advisory_xact_lock_shared(${key})` : sql`SELECT pg_advisory_xact_lock(${key})`);
}

/**
 * The filed period a voucher's date falls in, read under the shared filing lock
 * (`holdGstFilingLock`): what the voucher engine calls before it posts or cancels.
 */
export async function findGstFiledPeriodForPosting(db: Executor, organizationId: string, date: string) {
  await holdGstFilingLock(db, organizationId, 'shared');
  return findGstFiledPeriod(db, organizationId, date);
}

/** The filed period a date falls in, if its month is marked filed (`gst_filed_periods` primary key). */
export async function findGstFiledPeriod(db: Executor, organizationId: string, date: string): Promise<GstFiledPeriodRow | undefined> {
  const [row] = await db
    .select()
    .from(gstFiledPeriods)
    .where(and(eq(gstFiledPeriods.organizationId, organizationId), eq(gstFiledPeriods.period, gstPeriodOf(date))));
  return row;
}

export async function listGstFiledPeriods(db: Executor, organizationId: string) {
  return db
    .select({
      period: gstFiledPeriods.period,
      filedAt: gstFiledPeriods.filedAt,
      filedBy: gstFiledPeriods.filedBy,
      filedByEmail: users.email,
    })
    .from(gstFiledPeriods)
    .leftJoin(users, eq(users.id, gstFiledPeriods.filedBy))
    .where(eq(gstFiledPeriods.organizationId, organizationId))
    .orderBy(desc(gstFiledPeriods.period));
}

/** Marks the month filed; nothing when it already is (the earlier mark stands). */
export async function insertGstFiledPeriod(db: Executor, row: typeof gstFiledPeriods.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(gstFiledPeriods).values(row).onConflictDoNothing().returning({ period: gstFiledPeriods.period });
  return inserted.length > 0;
}

export async function deleteGstFiledPeriod(db: Executor, organizationId: string, period: string): Promise<GstFiledPeriodRow | undefined> {
  const [row] = await db
    .delete(gstFiledPeriods)
    .where(and(eq(gstFiledPeriods.organizationId, organizationId), eq(gstFiledPeriods.period, period)))
    .returning();
  return row;
}
