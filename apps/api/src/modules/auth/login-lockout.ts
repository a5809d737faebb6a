import { AppError } from '../../lib/app-error';
import type { RequestMeta } from '../../lib/route';
import { recordLoginFailure, type UserRow } from '../users';
import { auditMeta, type AuthDeps } from './auth.deps';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 30 * 60 * 1000;

export function accountLocked(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError(
    'ACCOUNT_LOCKED',
    `Account is locked after too many failed sign-in attempts. Try again after ${until.toISOString()}.`,
    { retryAfter: seconds, headers: { 'x-locked-until': until.toISOString() } },
  );
}

/** A refused sign-in that does not count towards the lockout (unknown email, locked, inactive, suspended). */
export async function recordLoginRefused(
  deps: Pick<AuthDeps, 'sessions' | 'audit'>,
  event: { organizationId: string | null; userId: string | null; email: string; reason: string; meta: RequestMeta },
): Promise<void> {
  await deps.sessions.transaction(
    (tx) =>
      deps.audit.recordSecurityEvent(tx, {
        organizationId: event.organizationId,
        actor: { userId: event.userId, email: event.email },
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: event.userId,
        success: false,
        details: { reason: event.reason },
        meta: auditMeta(event.meta),
      }),
    { label: 'auth.login_failed' },
  );
}

/**
 * A wrong password (at sign-in, or as the current password of a change) counts towards the
 * lockout; the fifth in a row locks the account. Returns the lock's end when this one locked it.
 */
export async function countWrongPassword(
  deps: Pick<AuthDeps, 'sessions' | 'audit' | 'clock'>,
  user: UserRow,
  action: 'auth.login_failed' | 'auth.password_changed',
  details: Record<string, unknown>,
  meta: RequestMeta,
): Promise<Date | null> {
  const now = deps.clock.now();
  const base = {
    organizationId: user.organizationId,
    actor: { userId: user.id, email: user.email },
    targetType: 'user',
    targetId: user.id,
    meta: auditMeta(meta),
  };
  return deps.sessions.transaction(
    async (tx) => {
      const counted = await recordLoginFailure(tx, user.id, {
        now,
        threshold: LOCKOUT_THRESHOLD,
        lockUntil: new Date(now.getTime() + LOCKOUT_MS),
      });
      const lockedNow = counted.lockedUntil !== null && counted.lockedUntil > now;
      const failures = lockedNow ? LOCKOUT_THRESHOLD : counted.failedLoginCount;
      await deps.audit.recordSecurityEvent(tx, {
        ...base,
        action,
        success: false,
        details: { ...details, consecutive_failures: failures },
      });
      if (!lockedNow) return null;
      await deps.audit.recordSecurityEvent(tx, {
        ...base,
        action: 'auth.account_locked',
        details: { locked_until: counted.lockedUntil!.toISOString(), failures: LOCKOUT_THRESHOLD },
      });
      return counted.lockedUntil;
    },
    { label: action },
  );
}
