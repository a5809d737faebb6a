import { contextFor } from '../../db/session';
import { randomBytes } from 'node:crypto';
import type { Executor } from '../../db/client';
import { AppError } from '../../lib/app-error';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import type { RequestMeta } from '../../lib/route';
import { findUserByEmail, recordLoginSuccess, type LoginCandidate } from '../users';
import { auditMeta, type AuthDeps } from './auth.deps';
import { clearSourceFailures } from './login-failures.repo';
import { assertMayTryPassword, countFailedSignIn, recordLoginRefused, sourceLocked, type SignInAttempt } from './login-lockout';
import { accountKeyOf } from './login-policy';
import type { SecondFactorChallenge } from './second-factor';
import { openSession, sessionUserOf, type SessionUser, type SignedIn } from './signed-in';

export const INVALID_CREDENTIALS_MESSAGE = 'Incorrect email or password';

let dummyHash: Promise<string> | undefined;
/** Unknown emails are checked against this, so they cost the same argon2 work as a wrong password. */
const unknownEmailHash = () => (dummyHash ??= hashPassword(randomBytes(24).toString('base64url')));

/**
 * The first step of signing in: answers the account when the password is right and the account
 * may sign in; opens no session (a second step may come between this and `startSession`).
 * Locks and the account's wait are checked before the password, and an unknown email goes
 * through every step a known one does (an argon2 verification included), so the answer, its
 * timing and the lock never tell whether the email has an account.
 */
export async function verifyCredentials(
  deps: AuthDeps,
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<LoginCandidate> {
  const email = input.email.toLowerCase();
  const candidate = await deps.sessions.run((db) => findUserByEmail(db, email), { platform: true, label: 'auth.login' });
  const user = candidate?.user ?? null;
  const attempt: SignInAttempt = { email, user, meta };
  await assertMayTryPassword(deps, attempt, { audit: true });
  const passwordRight = await verifyPassword(user?.passwordHash ?? (await unknownEmailHash()), input.password);
  if (!candidate || !passwordRight) {
    const details = { reason: candidate ? 'invalid_password' : 'unknown_email' };
    const lockedUntil = await countFailedSignIn(deps, attempt, 'auth.login_failed', details);
    if (lockedUntil) throw sourceLocked(lockedUntil, deps.clock.now());
    throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
  }
  // The password was right: from here on it is safe to say why the account cannot sign in.
  if (!candidate.user.isActive) {
    await recordLoginRefused(deps, attempt, 'inactive_account');
    throw new AppError('ACCOUNT_INACTIVE', 'This account is deactivated. Ask your administrator to reactivate it.');
  }
  if (candidate.user.organizationId && candidate.organizationStatus !== 'active') {
    await recordLoginRefused(deps, attempt, 'organization_suspended');
    throw new AppError('ORGANIZATION_SUSPENDED', "Your organisation's licence is suspended. Contact the platform administrator.");
  }
  return candidate;
}

/**
 * The end of every successful sign-in (the password alone, or the password and then the second
 * factor): the success is recorded, the address's failures cleared, the sign-in audited and the
 * session opened, in the caller's transaction.
 */
export async function completeLogin(
  deps: AuthDeps,
  tx: Executor,
  user: SessionUser,
  meta: RequestMeta,
  details: Record<string, unknown> = {},
): Promise<SignedIn> {
  await recordLoginSuccess(tx, user.id, deps.clock.now());
  await clearSourceFailures(tx, accountKeyOf(user.email), meta.ip);
  await deps.audit.recordSecurityEvent(tx, {
    organizationId: user.organizationId,
    actor: { userId: user.id, email: user.email.toLowerCase() },
    action: 'auth.login',
    targetType: 'user',
    targetId: user.id,
    details: { must_change_password: user.mustChangePassword, ...details },
    meta: auditMeta(meta),
  });
  return openSession(deps, tx, user, meta);
}

/** The last step of signing in with a password alone, in one transaction. */
export async function startSession(deps: AuthDeps, candidate: LoginCandidate, meta: RequestMeta): Promise<SignedIn> {
  return deps.sessions.transaction((tx) => completeLogin(deps, tx, sessionUserOf(candidate), meta), {
    ...contextFor(candidate.user.organizationId),
    label: 'auth.login',
  });
}

/**
 * `POST /auth/login`: email and password, then a session, or a challenge when the user has (or
 * must set up) a second factor (the two-factor module finishes it with `completeLogin`).
 */
export async function login(
  deps: AuthDeps,
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<SignedIn | SecondFactorChallenge> {
  const candidate = await verifyCredentials(deps, input, meta);
  const pending = await deps.secondFactor?.challengeFor(sessionUserOf(candidate), meta);
  if (pending) return pending;
  return startSession(deps, candidate, meta);
}
