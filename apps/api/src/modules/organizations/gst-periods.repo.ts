import { gstPeriodOf } from '@tritiq/contracts';
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { pickColumns, rawRows, selectListSql } from '../../db/raw';
import { gstFiledPeriods, users } from '../../db/schema';

export type GstFiledPeriodRow = typeof gstFiledPeriods.$inferSelect;

const filingLockKey = (organizationId: string) => `tritiq.gst-filing:${organizationId}`;

/**
 * The organisation's GST filing lock (a transaction-level advisory lock): every posting or
 * cancelling of a voucher that filing locks holds it shared before it reads the filed months, and
 * marking or unmarking a month holds it exclusively. So a month is never marked filed while a
 * voucher dated in it is being posted or cancelled: the mark waits for those in flight to commit,
 * and those that start after it wait for the mark and then see it (their read is a later
 * statement, so a later snapshot). Shared holders do not wait for each other.
 */
export async function holdGstFilingLock(db: Executor, organizationId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const key = sql`hashtextextended(${filingLockKey(organizationId)}, 0)`;
  await db.execute(mode === 'shared' ? sql`SELECT pg_advisory_xact_lock_shared(${key})` : sql`SELECT pg_advisory_xact_lock(${key})`);
}

const FILED_PERIOD_COLUMNS = getTableColumns(gstFiledPeriods);
const SHARED_FILING_LOCK_SQL = 'SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))';
const FILED_PERIOD_SQL = `SELECT ${selectListSql('g', FILED_PERIOD_COLUMNS)} FROM gst_filed_periods g
   WHERE g.organization_id = $1 AND g.period = $2`;

/**
 * The filed period a voucher's date falls in, read under the shared filing lock
 * (`holdGstFilingLock`): what the voucher engine calls before it posts or cancels. The lock and
 * the read go out together (one round trip on the pipelined PostgreSQL connection, not two) and
 * the server runs them in order, so the read is still a later statement than the lock, with a
 * snapshot taken once the lock is held. Both are prepared SQL text (db/raw.ts): this is on every
 * posting's path, where building them with Drizzle cost a measurable share of the API's CPU.
 */
export async function findGstFiledPeriodForPosting(
  db: Executor,
  organizationId: string,
  date: string,
): Promise<GstFiledPeriodRow | undefined> {
  const [, rows] = await Promise.all([
    rawRows(db, SHARED_FILING_LOCK_SQL, [filingLockKey(organizationId)]),
    rawRows<Record<string, unknown>>(db, FILED_PERIOD_SQL, [organizationId, gstPeriodOf(date)]),
  ]);
  return rows[0] && pickColumns<GstFiledPeriodRow>(rows[0], FILED_PERIOD_COLUMNS);
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
