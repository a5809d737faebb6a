import { contextFor } from '../../db/session';
import { AppError } from '../../lib/app-error';
import type { RequestMeta } from '../../lib/route';
import type { UserRow } from '../users';
import { auditMeta, type AuthDeps } from './auth.deps';
import { readLoginBlocks, sweepLoginFailures, writeFailureCount } from './login-failures.repo';
import { accountKeyOf, ALL_SOURCES, LOGIN_POLICY, nextAccountCount, nextSourceCount, secondsUntil } from './login-policy';

/** Who tried: the account when the email has one (null for an unknown email, which is treated the same). */
export interface SignInAttempt {
  email: string;
  user: Pick<UserRow, 'id' | 'organizationId'> | null;
  meta: RequestMeta;
}

/** The same answer for a known and an unknown email: only this source is locked out of this email. */
export function sourceLocked(until: Date, now: Date): AppError {
  return new AppError(
    'ACCOUNT_LOCKED',
    `Too many failed sign-in attempts for this email from your address. Try again after ${until.toISOString()}.`,
    { retryAfter: secondsUntil(until, now), headers: { 'x-locked-until': until.toISOString() } },
  );
}

export function accountThrottled(until: Date, now: Date): AppError {
  const seconds = secondsUntil(until, now);
  return new AppError('RATE_LIMITED', `Too many failed sign-in attempts for this email. Try again in ${seconds} seconds.`, {
    retryAfter: seconds,
  });
}

function auditBase(attempt: SignInAttempt) {
  return {
    organizationId: attempt.user?.organizationId ?? null,
    actor: { userId: attempt.user?.id ?? null, email: attempt.email },
    targetType: 'user',
    targetId: attempt.user?.id ?? null,
    meta: auditMeta(attempt.meta),
  };
}

/** A refused sign-in that does not count as a failure (locked or slowed, inactive, suspended). */
export async function recordLoginRefused(
  deps: Pick<AuthDeps, 'sessions' | 'audit'>,
  attempt: SignInAttempt,
  reason: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await deps.sessions.transaction(
    (tx) =>
      deps.audit.recordSecurityEvent(tx, {
        ...auditBase(attempt),
        action: 'auth.login_failed',
        success: false,
        details: { reason, ...details },
      }),
    { ...contextFor(attempt.user?.organizationId ?? null), label: 'auth.login_failed' },
  );
}

/**
 * Refuses an attempt from a source locked out of this email (423), or made before the email's
 * wait is over (429), before any password is checked. `audit` records the refusal as a failed sign-in.
 */
export async function assertMayTryPassword(deps: AuthDeps, attempt: SignInAttempt, options: { audit: boolean }): Promise<void> {
  const now = deps.clock.now();
  const blocks = await deps.sessions.run((db) => readLoginBlocks(db, accountKeyOf(attempt.email), attempt.meta.ip), {
    platform: true,
    label: 'auth.login_blocks',
  });
  const locked = blocks.source.blockedUntil && blocks.source.blockedUntil > now ? blocks.source.blockedUntil : null;
  const slowed = blocks.account.blockedUntil && blocks.account.blockedUntil > now ? blocks.account.blockedUntil : null;
  if (!locked && !slowed) return;
  if (options.audit) {
    await recordLoginRefused(deps, attempt, locked ? 'source_locked' : 'account_throttled', {
      blocked_until: (locked ?? slowed)!.toISOString(),
    });
  }
  if (locked) throw sourceLocked(locked, now);
  throw accountThrottled(slowed!, now);
}

/**
 * A wrong password (at sign-in, for a known or an unknown email, or as the current password of a
 * change) counts for this source and for the account, and is audited. Answers the end of this
 * source's lock when this failure locked it.
 */
export async function countFailedSignIn(
  deps: AuthDeps,
  attempt: SignInAttempt,
  action: 'auth.login_failed' | 'auth.password_changed',
  details: Record<string, unknown>,
): Promise<Date | null> {
  const now = deps.clock.now();
  const key = accountKeyOf(attempt.email);
  const source = attempt.meta.ip;
  const base = auditBase(attempt);
  const lockedUntil = await deps.sessions.transaction(
    async (tx) => {
      const blocks = await readLoginBlocks(tx, key, source, { forUpdate: true, now });
      const sourceCount = nextSourceCount(blocks.source, now);
      const accountCount = nextAccountCount(blocks.account, now);
      await writeFailureCount(tx, key, source, sourceCount);
      await writeFailureCount(tx, key, ALL_SOURCES, accountCount);
      const lockedNow = sourceCount.failures === 0 && sourceCount.blockedUntil !== null && sourceCount.blockedUntil > now;
      await deps.audit.recordSecurityEvent(tx, {
        ...base,
        action,
        success: false,
        details: {
          ...details,
          consecutive_failures: lockedNow ? LOGIN_POLICY.sourceThreshold : sourceCount.failures,
          account_failures: accountCount.failures,
        },
      });
      if (!lockedNow) return null;
      await deps.audit.recordSecurityEvent(tx, {
        ...base,
        action: 'auth.account_locked',
        details: { scope: 'source', source, locked_until: sourceCount.blockedUntil!.toISOString(), failures: LOGIN_POLICY.sourceThreshold },
      });
      return sourceCount.blockedUntil;
    },
    { ...contextFor(attempt.user?.organizationId ?? null), label: action },
  );
  // Now and then, rows nobody has failed on for a day go (their locks are long over).
  if (Math.random() < 0.02) {
    const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
    await deps.sessions
      .run((db) => sweepLoginFailures(db, dayAgo), { platform: true, label: 'auth.login_failures_sweep' })
      .catch(() => undefined);
  }
  return lockedUntil;
}
