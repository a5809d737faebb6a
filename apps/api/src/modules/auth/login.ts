import { randomBytes } from 'node:crypto';
import { AppError } from '../../lib/app-error';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import type { RequestMeta } from '../../lib/route';
import { findUserByEmail, recordLoginSuccess, type LoginCandidate } from '../users';
import { auditMeta, type AuthDeps } from './auth.deps';
import { accountLocked, countWrongPassword, recordLoginRefused } from './login-lockout';
import { openSession, sessionUserOf, type SignedIn } from './signed-in';

export const INVALID_CREDENTIALS_MESSAGE = 'Incorrect email or password';

let dummyHash: Promise<string> | undefined;
/** Unknown emails are checked against this, so they cost the same argon2 work as a wrong password. */
const unknownEmailHash = () => (dummyHash ??= hashPassword(randomBytes(24).toString('base64url')));

/**
 * The first step of signing in: the password is checked (with the lockout around it), then
 * whether the account may sign in at all. Answers the account; opens no session.
 */
export async function verifyCredentials(
  deps: AuthDeps,
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<LoginCandidate> {
  const email = input.email.toLowerCase();
  const now = deps.clock.now();
  const candidate = await deps.sessions.run((db) => findUserByEmail(db, email), { label: 'auth.login' });
  if (!candidate) {
    await verifyPassword(await unknownEmailHash(), input.password);
    await recordLoginRefused(deps, { organizationId: null, userId: null, email, reason: 'unknown_email', meta });
    throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
  }
  const { user } = candidate;
  const org = user.organizationId;
  if (user.lockedUntil && user.lockedUntil > now) {
    await recordLoginRefused(deps, { organizationId: org, userId: user.id, email, reason: 'account_locked', meta });
    throw accountLocked(user.lockedUntil, now);
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const lockedUntil = await countWrongPassword(deps, user, 'auth.login_failed', { reason: 'invalid_password' }, meta);
    if (lockedUntil) throw accountLocked(lockedUntil, now);
    throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
  }
  // The password was right: from here on it is safe to say why the account cannot sign in.
  if (!user.isActive) {
    await recordLoginRefused(deps, { organizationId: org, userId: user.id, email, reason: 'inactive_account', meta });
    throw new AppError('ACCOUNT_INACTIVE', 'This account is deactivated. Ask your administrator to reactivate it.');
  }
  if (org && candidate.organizationStatus !== 'active') {
    await recordLoginRefused(deps, { organizationId: org, userId: user.id, email, reason: 'organization_suspended', meta });
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
