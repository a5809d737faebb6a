import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { loginFailures } from '../../db/schema';
import { ALL_SOURCES, NO_FAILURES, type FailureCount } from './login-policy';

export interface LoginBlocks {
  source: FailureCount;
  account: FailureCount;
}

const countOf = (row: typeof loginFailures.$inferSelect | undefined): FailureCount =>
  row ? { failures: row.failures, lastFailedAt: row.lastFailedAt, blockedUntil: row.blockedUntil } : NO_FAILURES;

/** The source's and the account's counts; `forUpdate` locks both rows (creating them first) so racing failures all count. */
export async function readLoginBlocks(
  db: Executor,
  accountKey: string,
  source: string,
  options: { forUpdate?: boolean; now?: Date } = {},
): Promise<LoginBlocks> {
  const keys = [source, ALL_SOURCES];
  if (options.forUpdate) {
    const now = options.now ?? new Date();
    await db
      .insert(loginFailures)
      .values(keys.map((s) => ({ accountKey, source: s, failures: 0, lastFailedAt: now })))
      .onConflictDoNothing();
  }
  const query = db
    .select()
    .from(loginFailures)
    .where(and(eq(loginFailures.accountKey, accountKey), inArray(loginFailures.source, keys)))
    .orderBy(asc(loginFailures.source));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return {
    source: countOf(rows.find((r) => r.source === source)),
    account: countOf(rows.find((r) => r.source === ALL_SOURCES)),
  };
}

export async function writeFailureCount(db: Executor, accountKey: string, source: string, count: FailureCount): Promise<void> {
  await db
    .update(loginFailures)
    .set({ failures: count.failures, lastFailedAt: count.lastFailedAt ?? new Date(0), blockedUntil: count.blockedUntil })
    .where(and(eq(loginFailures.accountKey, accountKey), eq(loginFailures.source, source)));
}

/** A successful sign-in from a source: that source starts with a clean slate (the account's count stays). */
export async function clearSourceFailures(db: Executor, accountKey: string, source: string): Promise<void> {
  await db.delete(loginFailures).where(and(eq(loginFailures.accountKey, accountKey), eq(loginFailures.source, source)));
}

/** A new password: every lock and count of the account goes. */
export async function clearAccountFailures(db: Executor, accountKey: string): Promise<number> {
  const rows = await db.delete(loginFailures).where(eq(loginFailures.accountKey, accountKey)).returning({ source: loginFailures.source });
  return rows.filter((r) => r.source !== ALL_SOURCES).length;
}

/** Rows nobody has failed on for a day (their locks long over) are deleted. */
export async function sweepLoginFailures(db: Executor, before: Date): Promise<void> {
  await db
    .delete(loginFailures)
    .where(
      and(
        lt(loginFailures.lastFailedAt, before),
        sql`(${loginFailures.blockedUntil} IS NULL OR ${loginFailures.blockedUntil} < ${before.toISOString()}::timestamptz)`,
      ),
    );
}
