import { gstPeriodOf } from '@tritiq/contracts';
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { gstFiledPeriods, users } from '../../db/schema';

export type GstFiledPeriodRow = typeof gstFiledPeriods.$inferSelect;

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
