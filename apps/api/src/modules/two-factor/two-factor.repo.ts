import { and, count, eq, gt, isNull, lt, or, sql, sum } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { organizations, twoFactorChallenges, userRecoveryCodes, users, userTwoFactor } from '../../db/schema';

export type FactorRow = typeof userTwoFactor.$inferSelect;
export type ChallengeRow = typeof twoFactorChallenges.$inferSelect;

/** What the second step needs to know about a user (and to open their session). */
export interface FactorUser {
  id: string;
  email: string;
  fullName: string;
  role: (typeof users.$inferSelect)['role'];
  organizationId: string | null;
  organizationName: string | null;
  organizationStatus: 'active' | 'suspended' | null;
  requireTwoFactorForAdmins: boolean;
  isActive: boolean;
  mustChangePassword: boolean;
  passwordHash: string;
}

const factorUserColumns = {
  id: users.id,
  email: users.email,
  fullName: users.fullName,
  role: users.role,
  organizationId: users.organizationId,
  organizationName: organizations.name,
  organizationStatus: organizations.status,
  requireTwoFactorForAdmins: sql<boolean>`coalesce(${organizations.requireTwoFactorForAdmins}, false)`,
  isActive: users.isActive,
  mustChangePassword: users.mustChangePassword,
  passwordHash: users.passwordHash,
};

/** A user by id across the platform: only for the sign-in path, where no organisation is known yet. */
export async function findFactorUser(db: Executor, userId: string): Promise<FactorUser | undefined> {
  const [row] = await db
    .select(factorUserColumns)
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId))
    .limit(1);
  return row;
}

/** A user of one organisation (an admin acting on them); undefined for another organisation's user. */
export async function findOrgUser(db: Executor, organizationId: string, userId: string): Promise<FactorUser | undefined> {
  const [row] = await db
    .select(factorUserColumns)
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId)))
    .limit(1);
  return row;
}

export async function findFactor(db: Executor, userId: string): Promise<FactorRow | undefined> {
  const [row] = await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId)).limit(1);
  return row;
}

/** Starts (or restarts) an enrolment: a new secret, not yet enabled. Never replaces an enabled factor. */
export async function savePendingFactor(
  db: Executor,
  values: { userId: string; organizationId: string | null; secretSealed: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .insert(userTwoFactor)
    .values({ ...values, createdAt: values.now, updatedAt: values.now })
    .onConflictDoUpdate({
      target: userTwoFactor.userId,
      set: { secretSealed: values.secretSealed, updatedAt: values.now, lastUsedStep: null },
      setWhere: isNull(userTwoFactor.enabledAt),
    })
    .returning({ userId: userTwoFactor.userId });
  return rows.length === 1;
}

export async function enableFactor(db: Executor, userId: string, step: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(userTwoFactor)
    .set({ enabledAt: now, lastUsedStep: step, updatedAt: now })
    .where(and(eq(userTwoFactor.userId, userId), isNull(userTwoFactor.enabledAt)))
    .returning({ userId: userTwoFactor.userId });
  return rows.length === 1;
}

/**
 * Records `step` as used, only if it is later than the last used one: of two requests with the
 * same code at once, exactly one gets `true` (the row lock orders them).
 */
export async function claimStep(db: Executor, userId: string, step: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(userTwoFactor)
    .set({ lastUsedStep: step, updatedAt: now })
    .where(and(eq(userTwoFactor.userId, userId), or(isNull(userTwoFactor.lastUsedStep), lt(userTwoFactor.lastUsedStep, step))))
    .returning({ userId: userTwoFactor.userId });
  return rows.length === 1;
}

export async function deleteFactor(db: Executor, userId: string): Promise<boolean> {
  await db.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  const rows = await db.delete(userTwoFactor).where(eq(userTwoFactor.userId, userId)).returning({ userId: userTwoFactor.userId });
  return rows.length === 1;
}

export async function replaceRecoveryCodes(
  db: Executor,
  values: { userId: string; organizationId: string | null; hashes: string[]; now: Date },
): Promise<void> {
  await db.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, values.userId));
  await db
    .insert(userRecoveryCodes)
    .values(
      values.hashes.map((codeHash) => ({ userId: values.userId, organizationId: values.organizationId, codeHash, createdAt: values.now })),
    );
}

/** Marks the code used; false when it is unknown or was used before (each works once). */
export async function useRecoveryCode(db: Executor, userId: string, codeHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(userRecoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(userRecoveryCodes.userId, userId), eq(userRecoveryCodes.codeHash, codeHash), isNull(userRecoveryCodes.usedAt)))
    .returning({ id: userRecoveryCodes.id });
  return rows.length === 1;
}

export async function countRecoveryCodesLeft(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export async function insertChallenge(
  db: Executor,
  values: {
    userId: string;
    organizationId: string | null;
    tokenHash: string;
    purpose: 'verify' | 'enrol';
    expiresAt: Date;
    ip: string;
    now: Date;
  },
): Promise<void> {
  const { now, ...rest } = values;
  await db.insert(twoFactorChallenges).values({ ...rest, createdAt: now });
}

/** The challenge, locked for this transaction: two answers to one challenge are taken one at a time. */
export async function lockChallenge(db: Executor, tokenHash: string): Promise<ChallengeRow | undefined> {
  const [row] = await db.select().from(twoFactorChallenges).where(eq(twoFactorChallenges.tokenHash, tokenHash)).for('update').limit(1);
  return row;
}

export async function countChallengeFailure(db: Executor, id: string, consumeAt: Date | null): Promise<void> {
  await db
    .update(twoFactorChallenges)
    .set({ failedAttempts: sql`${twoFactorChallenges.failedAttempts} + 1`, ...(consumeAt ? { consumedAt: consumeAt } : {}) })
    .where(eq(twoFactorChallenges.id, id));
}

export async function consumeChallenge(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(twoFactorChallenges).set({ consumedAt: now }).where(eq(twoFactorChallenges.id, id));
}

/** Wrong codes a user's challenges collected since `since` (from any address). */
export async function recentFailures(db: Executor, userId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sum(twoFactorChallenges.failedAttempts).mapWith(Number) })
    .from(twoFactorChallenges)
    .where(and(eq(twoFactorChallenges.userId, userId), gt(twoFactorChallenges.createdAt, since)));
  return row?.n ?? 0;
}

export async function findRequirement(db: Executor, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ required: organizations.requireTwoFactorForAdmins })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  return row?.required ?? false;
}

export async function setRequirement(db: Executor, organizationId: string, required: boolean, now: Date): Promise<void> {
  await db.update(organizations).set({ requireTwoFactorForAdmins: required, updatedAt: now }).where(eq(organizations.id, organizationId));
}
