import { randomBytes } from 'node:crypto';
import { AppError } from '../../lib/app-error';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import type { RequestMeta } from '../../lib/route';
import { findUserByEmail, recordLoginSuccess, type LoginCandidate } from '../users';
import { auditMeta, type AuthDeps } from './auth.deps';
import { clearSourceFailures } from './login-failures.repo';
import { assertMayTryPassword, countFailedSignIn, recordLoginRefused, sourceLocked, type SignInAttempt } from './login-lockout';
import { accountKeyOf } from './login-policy';
import { openSession, sessionUserOf, type SignedIn } from './signed-in';

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
  const candidate = await deps.sessions.run((db) => findUserByEmail(db, email), { label: 'auth.login' });
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

/** The last step of signing in: the success is recorded and audited, and the session opened, in one transaction. */
export async function startSession(deps: AuthDeps, candidate: LoginCandidate, meta: RequestMeta): Promise<SignedIn> {
  const { user } = candidate;
  const now = deps.clock.now();
  return deps.sessions.transaction(
    async (tx) => {
      await recordLoginSuccess(tx, user.id, now);
      await clearSourceFailures(tx, accountKeyOf(user.email), meta.ip);
      await deps.audit.recordSecurityEvent(tx, {
        organizationId: user.organizationId,
        actor: { userId: user.id, email: user.email.toLowerCase() },
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
        details: { must_change_password: user.mustChangePassword },
        meta: auditMeta(meta),
      });
      return openSession(deps, tx, sessionUserOf(candidate), meta);
    },
    { label: 'auth.login' },
  );
}

/** `POST /auth/login`: email and password, then a session. */
export async function login(deps: AuthDeps, input: { email: string; password: string }, meta: RequestMeta): Promise<SignedIn> {
  const candidate = await verifyCredentials(deps, input, meta);
  return startSession(deps, candidate, meta);
}
