import { contextFor } from '../../db/session';
import { AppError, validationError } from '../../lib/app-error';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import type { Principal } from '../../lib/principal';
import type { RequestMeta } from '../../lib/route';
import { findUserById } from '../users';
import { auditMeta, type AuthDeps } from './auth.deps';
import { assertMayTryPassword, countFailedSignIn, sourceLocked } from './login-lockout';
import { enqueuePasswordChangedNotice } from './password-changed-notice';
import { assertAcceptablePassword } from './password-policy';
import { replacePassword } from './password-replace';
import { openSession, sessionUserOf, type SignedIn } from './signed-in';

/**
 * `POST /auth/change-password`: the caller's own change. The current password is needed unless
 * the change is forced (`must_change_password`); a wrong one counts as a failed sign-in
 * from this source (login-policy.ts). Every
 * session ends and the answer carries a new one.
 */
export async function changePassword(
  deps: AuthDeps,
  principal: Principal,
  input: { currentPassword?: string; newPassword: string },
  meta: RequestMeta,
): Promise<SignedIn> {
  const candidate = await deps.sessions.transaction((tx) => findUserById(tx, principal.userId), {
    ...contextFor(principal.organizationId),
    readOnly: true,
    label: 'auth.change_password',
  });
  if (!candidate) throw new AppError('TOKEN_INVALID', 'Session has ended: sign in again');
  const { user } = candidate;
  const forced = user.mustChangePassword;
  if (!forced || input.currentPassword !== undefined) {
    if (input.currentPassword === undefined) throw validationError('current_password', 'is required');
    const attempt = { email: user.email, user, meta };
    await assertMayTryPassword(deps, attempt, { audit: false });
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      const lockedUntil = await countFailedSignIn(deps, attempt, 'auth.password_changed', { reason: 'wrong_current_password' });
      if (lockedUntil) throw sourceLocked(lockedUntil, deps.clock.now());
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
  const now = deps.clock.now();
  return deps.sessions.transaction(
    async (tx) => {
      await replacePassword(tx, deps.audit, {
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
      return openSession(deps, tx, { ...sessionUserOf(candidate), mustChangePassword: false }, meta);
    },
    { ...contextFor(user.organizationId), label: 'auth.change_password' },
  );
}
