import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { passwordResetCodes } from '../../db/schema';

/** Stores the user's one live code, replacing any earlier one. */
export async function upsertResetCode(
  db: Executor,
  userId: string,
  values: { codeHash: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insert(passwordResetCodes)
    .values({ userId, codeHash: values.codeHash, expiresAt: values.expiresAt, attempts: 0, createdAt: values.now })
    .onConflictDoUpdate({
      target: passwordResetCodes.userId,
      set: { codeHash: values.codeHash, expiresAt: values.expiresAt, attempts: 0, createdAt: values.now },
    });
}

export async function findResetCodeForUpdate(db: Executor, userId: string) {
  const [row] = await db.select().from(passwordResetCodes).where(eq(passwordResetCodes.userId, userId)).limit(1).for('update');
  return row;
}

export async function countResetCodeAttempt(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .update(passwordResetCodes)
    .set({ attempts: sql`${passwordResetCodes.attempts} + 1` })
    .where(eq(passwordResetCodes.userId, userId))
    .returning({ attempts: passwordResetCodes.attempts });
  return row?.attempts ?? 0;
}

export async function deleteResetCode(db: Executor, userId: string): Promise<void> {
  await db.delete(passwordResetCodes).where(eq(passwordResetCodes.userId, userId));
}
