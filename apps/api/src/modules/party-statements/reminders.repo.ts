import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { billReminders, bills, organizations } from '../../db/schema';
import type { OpenBillRow } from '../books';

export type ReminderSource = 'manual' | 'automatic';

/** Organisations whose daily payment reminder job is on (platform context: every organisation). */
export async function findOrganizationsWithReminders(db: Executor): Promise<{ id: string; afterDays: number; everyDays: number }[]> {
  return db
    .select({ id: organizations.id, afterDays: organizations.paymentReminderAfterDays, everyDays: organizations.paymentReminderEveryDays })
    .from(organizations)
    .where(and(eq(organizations.paymentRemindersEnabled, true), eq(organizations.status, 'active')))
    .orderBy(asc(organizations.id));
}

/**
 * The organisation's open receivable bills due on or before `dueOnOrBefore` that no reminder named
 * after `notRemindedAfter` (the N-day rule), in the order a reminder lists them.
 */
export async function findBillsToRemind(
  db: Executor,
  organizationId: string,
  filter: { dueOnOrBefore: string; notRemindedAfter: string },
): Promise<OpenBillRow[]> {
  const recent = db
    .select({ one: sql`1` })
    .from(billReminders)
    .where(
      and(
        eq(billReminders.organizationId, organizationId),
        eq(billReminders.billId, bills.id),
        gt(billReminders.remindedOn, filter.notRemindedAfter),
      ),
    );
  return db
    .select({
      id: bills.id,
      partyId: bills.partyId,
      side: bills.side,
      voucherId: bills.voucherId,
      ref: bills.ref,
      billDate: bills.billDate,
      dueDate: bills.dueDate,
      amount: bills.amount,
      outstanding: bills.outstanding,
    })
    .from(bills)
    .where(
      and(
        eq(bills.organizationId, organizationId),
        eq(bills.side, 'receivable'),
        gt(bills.outstanding, '0'),
        isNull(bills.cancelledAt),
        lte(bills.dueDate, filter.dueOnOrBefore),
        sql`NOT EXISTS (${recent})`,
      ),
    )
    .orderBy(asc(bills.partyId), asc(bills.dueDate), asc(bills.billDate), asc(bills.ref), asc(bills.id));
}

export async function recordBillReminders(
  db: Executor,
  organizationId: string,
  rows: { billId: string; partyId: string; emailId: string; remindedOn: string; source: ReminderSource }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(billReminders).values(rows.map((r) => ({ ...r, organizationId })));
}

/** The reminders that named these bills, newest first (what the party's page and tests read). */
export async function findBillReminders(db: Executor, organizationId: string, billIds: string[], since?: string) {
  if (billIds.length === 0) return [];
  return db
    .select()
    .from(billReminders)
    .where(
      and(
        eq(billReminders.organizationId, organizationId),
        inArray(billReminders.billId, billIds),
        since ? gte(billReminders.remindedOn, since) : undefined,
      ),
    )
    .orderBy(desc(billReminders.remindedOn), asc(billReminders.billId));
}
