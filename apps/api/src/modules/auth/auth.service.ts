import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../config';
import { contextFor, type SessionManager } from '../../db/session';
import type { Clock } from '../../deps';
import type { Executor } from '../../db/client';
import { AppError, validationError } from '../../lib/app-error';
import { emailToUser, type EmailPort } from '../../lib/email-port';
import { istDateTime } from '../../lib/email-variables';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import type { RequestMeta } from '../../lib/route';
import type { TokenService } from '../../lib/tokens';
import type { AuditWriter } from '../audit/audit.writer';
import type { Principal } from '../../plugins/auth';
import {
  findUserByEmail,
  findUserById,
  recordLoginFailure,
  recordLoginSuccess,
  type LoginCandidate,
  type UserRow,
} from '../users/users.repo';
import { replacePassword } from './password-replace';
import { assertAcceptablePassword } from './password-policy';
import {
  findSession,
  findSessionByRefreshHash,
  findUsedRefreshToken,
  insertSession,
  revokeSession,
  revokeUserSessions,
  rotateRefreshToken,
} from './sessions.repo';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 30 * 60 * 1000;
/** Two tabs refreshing with the same cookie at once: the loser is refused, not treated as theft. */
export const REFRESH_REUSE_GRACE_MS = 30 * 1000;

export const INVALID_CREDENTIALS_MESSAGE = 'Incorrect email or password';

export interface SignedIn {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  sessionExpiresAt: Date;
  user: SessionUser;
}

export interface SessionUser {
  id: string;
  email: string;
  fullName: string;
  role: Principal['role'];
  organizationId: string | null;
  organizationName: string | null;
  mustChangePassword: boolean;
}

export interface AuthServiceDeps {
  sessions: SessionManager;
  tokens: TokenService;
  audit: AuditWriter;
  email: EmailPort;
  clock: Clock;
  config: Config;
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sessionUserOf(candidate: LoginCandidate): SessionUser {
  const { user } = candidate;
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    organizationId: user.organizationId,
    organizationName: candidate.organizationName,
    mustChangePassword: user.mustChangePassword,
  };
}

const auditMeta = (meta: RequestMeta) => ({ ip: meta.ip, userAgent: meta.userAgent });

function accountLocked(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError(
    'ACCOUNT_LOCKED',
    `Account is locked after too many failed sign-in attempts. Try again after ${until.toISOString()}.`,
    { retryAfter: seconds, headers: { 'x-locked-until': until.toISOString() } },
  );
}

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: AuthServiceDeps) {
  const { sessions, tokens, audit, clock } = deps;
  // Unknown emails are checked against this, so they cost the same argon2 work as a wrong password.
  const dummyHash = hashPassword(randomBytes(24).toString('base64url'));

  /** Opens a session inside `tx` and signs its first access token. */
  async function openSession(tx: Executor, user: SessionUser, meta: RequestMeta): Promise<SignedIn> {
    const now = clock.now();
    const refreshToken = randomBytes(32).toString('base64url');
    const sessionExpiresAt = new Date(now.getTime() + deps.config.auth.sessionTtlSeconds * 1000);
    const session = await insertSession(tx, {
      userId: user.id,
      organizationId: user.organizationId,
      refreshTokenHash: hashOpaqueToken(refreshToken),
      now,
      expiresAt: sessionExpiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    const accessToken = await tokens.signAccessToken({ sub: user.id, sid: session.id, role: user.role, org: user.organizationId });
    return { accessToken, expiresIn: tokens.ttlSeconds, refreshToken, sessionExpiresAt, user };
  }

  async function recordFailure(event: {
    organizationId: string | null;
    userId: string | null;
    email: string;
    reason: string;
    meta: RequestMeta;
    details?: Record<string, unknown>;
  }) {
    await sessions.transaction(
      (tx) =>
        audit.recordSecurityEvent(tx, {
          organizationId: event.organizationId,
          actor: { userId: event.userId, email: event.email },
          action: 'auth.login_failed',
          targetType: 'user',
          targetId: event.userId,
          success: false,
          details: { reason: event.reason, ...event.details },
          meta: auditMeta(event.meta),
        }),
      { ...contextFor(event.organizationId), label: 'auth.login_failed' },
    );
  }

  /**
   * A wrong password (at sign-in, or as the current password of a change) counts towards the
   * lockout; the fifth in a row locks the account. Returns the lock's end when this one locked it.
   */
  async function countWrongPassword(
    user: UserRow,
    action: 'auth.login_failed' | 'auth.password_changed',
    details: Record<string, unknown>,
    meta: RequestMeta,
  ): Promise<Date | null> {
    const now = clock.now();
    const base = {
      organizationId: user.organizationId,
      actor: { userId: user.id, email: user.email },
      targetType: 'user',
      targetId: user.id,
      meta: auditMeta(meta),
    };
    return sessions.transaction(
      async (tx) => {
        const counted = await recordLoginFailure(tx, user.id, {
          now,
          threshold: LOCKOUT_THRESHOLD,
          lockUntil: new Date(now.getTime() + LOCKOUT_MS),
        });
        const lockedNow = counted.lockedUntil !== null && counted.lockedUntil > now;
        const failures = lockedNow ? LOCKOUT_THRESHOLD : counted.failedLoginCount;
        await audit.recordSecurityEvent(tx, { ...base, action, success: false, details: { ...details, consecutive_failures: failures } });
        if (!lockedNow) return null;
        await audit.recordSecurityEvent(tx, {
          ...base,
          action: 'auth.account_locked',
          details: { locked_until: counted.lockedUntil!.toISOString(), failures: LOCKOUT_THRESHOLD },
        });
        return counted.lockedUntil;
      },
      { ...contextFor(user.organizationId), label: action },
    );
  }

  async function login(input: { email: string; password: string }, meta: RequestMeta): Promise<SignedIn> {
    const email = input.email.toLowerCase();
    const now = clock.now();
    const candidate = await sessions.run((db) => findUserByEmail(db, email), { platform: true, label: 'auth.login' });
    if (!candidate) {
      await verifyPassword(await dummyHash, input.password);
      await recordFailure({ organizationId: null, userId: null, email, reason: 'unknown_email', meta });
      throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
    }
    const { user } = candidate;
    const org = user.organizationId;
    if (user.lockedUntil && user.lockedUntil > now) {
      await recordFailure({ organizationId: org, userId: user.id, email, reason: 'account_locked', meta });
      throw accountLocked(user.lockedUntil, now);
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      const lockedUntil = await countWrongPassword(user, 'auth.login_failed', { reason: 'invalid_password' }, meta);
      if (lockedUntil) throw accountLocked(lockedUntil, now);
      throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
    }
    // The password was right: from here on it is safe to say why the account cannot sign in.
    if (!user.isActive) {
      await recordFailure({ organizationId: org, userId: user.id, email, reason: 'inactive_account', meta });
      throw new AppError('ACCOUNT_INACTIVE', 'This account is deactivated. Ask your administrator to reactivate it.');
    }
    if (org && candidate.organizationStatus !== 'active') {
      await recordFailure({ organizationId: org, userId: user.id, email, reason: 'organization_suspended', meta });
      throw new AppError('ORGANIZATION_SUSPENDED', "Your organisation's licence is suspended. Contact the platform administrator.");
    }
    return sessions.transaction(
      async (tx) => {
        await recordLoginSuccess(tx, user.id, now);
        await audit.recordSecurityEvent(tx, {
          organizationId: org,
          actor: { userId: user.id, email },
          action: 'auth.login',
          targetType: 'user',
          targetId: user.id,
          details: { must_change_password: user.mustChangePassword },
          meta: auditMeta(meta),
        });
        return openSession(tx, sessionUserOf(candidate), meta);
      },
      { ...contextFor(org), label: 'auth.login' },
    );
  }

  async function refresh(refreshToken: string, meta: RequestMeta): Promise<SignedIn> {
    const hash = hashOpaqueToken(refreshToken);
    const now = clock.now();
    const outcome = await sessions.transaction(
      async (tx): Promise<{ ok: SignedIn } | { error: AppError }> => {
        const session = await findSessionByRefreshHash(tx, hash);
        if (!session) {
          const used = await findUsedRefreshToken(tx, hash);
          if (!used) return { error: new AppError('TOKEN_INVALID', 'Session has ended: sign in again') };
          if (now.getTime() - used.usedAt.getTime() < REFRESH_REUSE_GRACE_MS) {
            return { error: new AppError('TOKEN_INVALID', 'This refresh token was just rotated; use the newer one') };
          }
          const stolen = await findSession(tx, used.sessionId);
          if (stolen && !stolen.revokedAt) {
            await revokeSession(tx, stolen.id, 'refresh_token_reused', now);
            await audit.recordSecurityEvent(tx, {
              organizationId: stolen.organizationId,
              actor: { userId: stolen.userId, email: null },
              action: 'auth.refresh_token_reused',
              targetType: 'session',
              targetId: stolen.id,
              success: false,
              details: { rotated_at: used.usedAt.toISOString() },
              meta: auditMeta(meta),
            });
          }
          return { error: new AppError('TOKEN_INVALID', 'Session has ended: sign in again') };
        }
        if (session.revokedAt || session.expiresAt <= now)
          return { error: new AppError('TOKEN_INVALID', 'Session has ended: sign in again') };
        const candidate = await findUserById(tx, session.userId);
        if (!candidate || !candidate.user.isActive || (candidate.user.organizationId && candidate.organizationStatus !== 'active')) {
          return { error: new AppError('TOKEN_INVALID', 'Session has ended: sign in again') };
        }
        const next = randomBytes(32).toString('base64url');
        await rotateRefreshToken(tx, session.id, { oldHash: hash, newHash: hashOpaqueToken(next), now });
        const user = sessionUserOf(candidate);
        const accessToken = await tokens.signAccessToken({ sub: user.id, sid: session.id, role: user.role, org: user.organizationId });
        return { ok: { accessToken, expiresIn: tokens.ttlSeconds, refreshToken: next, sessionExpiresAt: session.expiresAt, user } };
      },
      { platform: true, label: 'auth.refresh' },
    );
    if ('error' in outcome) throw outcome.error;
    return outcome.ok;
  }

  async function logout(target: { sessionId: string } | { refreshToken: string }, meta: RequestMeta): Promise<void> {
    const now = clock.now();
    await sessions.transaction(
      async (tx) => {
        const session =
          'sessionId' in target
            ? await findSession(tx, target.sessionId)
            : await findSessionByRefreshHash(tx, hashOpaqueToken(target.refreshToken));
        if (!session || session.revokedAt) return;
        await revokeSession(tx, session.id, 'logout', now);
        await audit.record(tx, {
          organizationId: session.organizationId,
          actor: { userId: session.userId, email: null },
          action: 'auth.logout',
          targetType: 'session',
          targetId: session.id,
          meta: auditMeta(meta),
        });
      },
      { platform: true, label: 'auth.logout' },
    );
  }

  /** "Log out everywhere": every session of the caller ends, this one included. */
  async function logoutEverywhere(principal: Principal, meta: RequestMeta): Promise<number> {
    const now = clock.now();
    return sessions.transaction(
      async (tx) => {
        const ended = await revokeUserSessions(tx, principal.userId, 'logout_everywhere', now);
        await audit.recordSecurityEvent(tx, {
          organizationId: principal.organizationId,
          actor: { userId: principal.userId, email: principal.email },
          action: 'auth.logout_everywhere',
          targetType: 'user',
          targetId: principal.userId,
          details: { sessions_ended: ended },
          meta: auditMeta(meta),
        });
        return ended;
      },
      { ...contextFor(principal.organizationId), label: 'auth.logout_everywhere' },
    );
  }

  async function changePassword(
    principal: Principal,
    input: { currentPassword?: string; newPassword: string },
    meta: RequestMeta,
  ): Promise<SignedIn> {
    const candidate = await sessions.transaction((tx) => findUserById(tx, principal.userId), {
      ...contextFor(principal.organizationId),
      readOnly: true,
      label: 'auth.change_password',
    });
    if (!candidate) throw new AppError('TOKEN_INVALID', 'Session has ended: sign in again');
    const { user } = candidate;
    const forced = user.mustChangePassword;
    if (!forced || input.currentPassword !== undefined) {
      if (input.currentPassword === undefined) throw validationError('current_password', 'is required');
      const now = clock.now();
      if (user.lockedUntil && user.lockedUntil > now) throw accountLocked(user.lockedUntil, now);
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        const lockedUntil = await countWrongPassword(user, 'auth.password_changed', { reason: 'wrong_current_password' }, meta);
        if (lockedUntil) throw accountLocked(lockedUntil, now);
        throw new AppError('BAD_REQUEST', 'Current password is incorrect', {
          errors: [{ field: 'current_password', message: 'is incorrect' }],
        });
      }
    }
    assertAcceptablePassword(input.newPassword, user.email);
    if (await verifyPassword(user.passwordHash, input.newPassword)) {
      throw validationError('new_password', 'must be different from your current password');
    }
    const passwordHash = await hashPassword(input.newPassword);
    const now = clock.now();
    return sessions.transaction(
      async (tx) => {
        await replacePassword(tx, audit, {
          user,
          passwordHash,
          mustChangePassword: false,
          now,
          revokeReason: 'password_changed',
          event: {
            actor: { userId: user.id, email: user.email },
            action: 'auth.password_changed',
            details: { forced },
            meta: auditMeta(meta),
          },
        });
        await enqueuePasswordChangedNotice(tx, deps, { candidate, at: now, how: 'changed', meta });
        return openSession(tx, { ...sessionUserOf(candidate), mustChangePassword: false }, meta);
      },
      { ...contextFor(user.organizationId), label: 'auth.change_password' },
    );
  }

  return { login, refresh, logout, logoutEverywhere, changePassword, openSession };
}

/** The `password_changed` notice, queued in the transaction that changed the password. */
export async function enqueuePasswordChangedNotice(
  tx: Executor,
  deps: Pick<AuthServiceDeps, 'email' | 'config'>,
  args: { candidate: LoginCandidate; at: Date; how: 'changed' | 'reset with a code'; meta: RequestMeta },
): Promise<void> {
  const { user } = args.candidate;
  const when = istDateTime(args.at);
  await deps.email.enqueue(
    tx,
    emailToUser(user, 'password_changed', {
      organization_name: args.candidate.organizationName ?? deps.config.productName,
      changed_date: when.date,
      changed_time: when.time,
      change_method: args.how,
      ip_address: args.meta.ip,
      admin_contact: args.candidate.organizationEmail ?? deps.config.smtp.fromEmail ?? deps.config.publicUrl,
      login_url: deps.config.publicUrl,
    }),
  );
}
