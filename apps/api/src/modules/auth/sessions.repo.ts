import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { authRefreshTokensUsed, authSessions, users } from '../../db/schema';

export type SessionRow = typeof authSessions.$inferSelect;

export type RevokeReason =
  | 'logout'
  | 'logout_everywhere'
  | 'password_changed'
  | 'password_reset'
  | 'email_changed'
  | 'user_deactivated'
  | 'organization_suspended'
  | 'refresh_token_reused'
  | 'two_factor_disabled'
  | 'two_factor_reset';

export async function insertSession(
  db: Executor,
  values: {
    userId: string;
    organizationId: string | null;
    refreshTokenHash: string;
    now: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<SessionRow> {
  const [row] = await db
    .insert(authSessions)
    .values({
      userId: values.userId,
      organizationId: values.organizationId,
      refreshTokenHash: values.refreshTokenHash,
      createdAt: values.now,
      lastSeenAt: values.now,
      expiresAt: values.expiresAt,
      ip: values.ip,
      userAgent: values.userAgent?.slice(0, 512) ?? null,
    })
    .returning();
  if (!row) throw new Error('session insert returned nothing');
  return row;
}

/** The session a refresh token currently belongs to, locked so two rotations cannot both win. */
export async function findSessionByRefreshHash(db: Executor, refreshTokenHash: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(authSessions).where(eq(authSessions.refreshTokenHash, refreshTokenHash)).limit(1).for('update');
  return row;
}

export async function findUsedRefreshToken(db: Executor, refreshTokenHash: string) {
  const [row] = await db.select().from(authRefreshTokensUsed).where(eq(authRefreshTokensUsed.tokenHash, refreshTokenHash)).limit(1);
  return row;
}

export async function rotateRefreshToken(
  db: Executor,
  sessionId: string,
  values: { oldHash: string; newHash: string; now: Date },
): Promise<void> {
  await db.insert(authRefreshTokensUsed).values({ tokenHash: values.oldHash, sessionId, usedAt: values.now });
  await db.update(authSessions).set({ refreshTokenHash: values.newHash, lastSeenAt: values.now }).where(eq(authSessions.id, sessionId));
}

export async function findSession(db: Executor, sessionId: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(authSessions).where(eq(authSessions.id, sessionId)).limit(1);
  return row;
}

export async function revokeSession(db: Executor, sessionId: string, reason: RevokeReason, now: Date): Promise<void> {
  await db
    .update(authSessions)
    .set({ revokedAt: now, revokeReason: reason, refreshTokenHash: null })
    .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)));
}

/** Ends every live session of a user: their access tokens stop working on the next request. */
/** Ends every live session of a user, except `keepSessionId` (the caller's own) when given. */
export async function revokeUserSessions(
  db: Executor,
  userId: string,
  reason: RevokeReason,
  now: Date,
  keepSessionId?: string,
): Promise<number> {
  const rows = await db
    .update(authSessions)
    .set({ revokedAt: now, revokeReason: reason, refreshTokenHash: null })
    .where(
      and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt), keepSessionId ? ne(authSessions.id, keepSessionId) : undefined),
    )
    .returning({ id: authSessions.id });
  return rows.length;
}

export async function revokeOrganizationSessions(db: Executor, organizationId: string, reason: RevokeReason, now: Date): Promise<number> {
  const rows = await db
    .update(authSessions)
    .set({ revokedAt: now, revokeReason: reason, refreshTokenHash: null })
    .where(
      and(
        inArray(authSessions.userId, db.select({ id: users.id }).from(users).where(eq(users.organizationId, organizationId))),
        isNull(authSessions.revokedAt),
      ),
    )
    .returning({ id: authSessions.id });
  return rows.length;
}
