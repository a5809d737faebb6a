import { contextFor } from '../../db/session';
import { AppError, notFound } from '../../lib/app-error';
import { emailToUser } from '../../lib/email-port';
import { istDateTime } from '../../lib/email-variables';
import { generatePassword } from '../../lib/password-generator';
import { hashPassword } from '../../lib/passwords';
import type { RequestMeta } from '../../lib/route';
import type { Principal } from '../../lib/principal';
import type { UsersDeps } from './users.deps';
import { findUserByEmail, findUserInOrg, type LoginCandidate } from './users.repo';

export interface PasswordResetResult {
  message: string;
  userEmail: string;
  newPassword: string;
  emailSent: boolean;
  emailError: string | null;
  mustChangePassword: boolean;
}

/** Only the licence holder's admins and the platform's super admins can be reset by the super admin. */
const SUPER_ADMIN_TARGETS = new Set(['org_admin', 'super_admin']);

export function createPasswordResetService(deps: UsersDeps) {
  const { sessions, audit, clock } = deps;

  /**
   * The seed's reset: a generated password, stored only as a hash, `must_change_password` set,
   * every session ended, audited in the same transaction; then the `password_reset` email. The
   * email goes out after the commit, so nobody is ever mailed a password that was rolled back;
   * its outcome is audited as a second event.
   */
  async function reset(actor: Principal, target: LoginCandidate, meta: RequestMeta): Promise<PasswordResetResult> {
    const { user } = target;
    const newPassword = generatePassword();
    const passwordHash = await hashPassword(newPassword);
    const now = clock.now();
    const auditBase = { actor: { userId: actor.userId, email: actor.email }, meta: { ip: meta.ip, userAgent: meta.userAgent } };
    await sessions.transaction(
      async (tx) => {
        await deps.ports.replacePassword(tx, audit, {
          user,
          passwordHash,
          mustChangePassword: true,
          now,
          revokeReason: 'password_reset',
          event: {
            ...auditBase,
            action: 'user.password_reset',
            details: { target_email: user.email, target_role: user.role, reset_by_role: actor.role, must_change_password: true },
          },
        });
      },
      { ...contextFor(user.organizationId), label: 'user.password_reset' },
    );
    const when = istDateTime(now);
    const outcome = await deps.email.sendNow(
      emailToUser(user, 'password_reset', {
        new_password: newPassword,
        reset_by: actor.fullName,
        organization_name: target.organizationName ?? deps.config.productName,
        reset_date: when.date,
        reset_time: when.time,
        admin_contact: actor.email,
        login_url: deps.config.publicUrl,
      }),
    );
    await sessions.transaction(
      (tx) =>
        audit.recordSecurityEvent(tx, {
          ...auditBase,
          organizationId: user.organizationId,
          targetType: 'user',
          targetId: user.id,
          action: 'user.password_reset_email',
          success: outcome.sent,
          details: { target_email: user.email, email_sent: outcome.sent, email_error: outcome.error },
        }),
      { ...contextFor(user.organizationId), label: 'user.password_reset_email' },
    );
    return {
      message: 'Password reset successfully',
      userEmail: user.email,
      newPassword,
      emailSent: outcome.sent,
      emailError: outcome.error,
      mustChangePassword: true,
    };
  }

  /** `POST /admin/reset-password`: the super admin resets an org admin or a super admin by email. */
  async function resetByEmail(actor: Principal, userEmail: string, meta: RequestMeta): Promise<PasswordResetResult> {
    const target = await sessions.run((db) => findUserByEmail(db, userEmail), { platform: true, label: 'user.find_by_email' });
    if (!target) throw new AppError('NOT_FOUND', 'User not found');
    if (!SUPER_ADMIN_TARGETS.has(target.user.role)) {
      throw new AppError('FORBIDDEN', 'Can only reset passwords for licenseholder admins');
    }
    return reset(actor, target, meta);
  }

  /** `POST /users/{id}/reset-password`: an org admin resets a user of its own organisation. */
  async function resetInOrganization(actor: Principal, organizationId: string, userId: string, meta: RequestMeta) {
    const user = await sessions.transaction((tx) => findUserInOrg(tx, organizationId, userId), {
      organizationId,
      readOnly: true,
      label: 'user.get',
    });
    if (!user) throw notFound('User');
    if (user.id === actor.userId) throw new AppError('FORBIDDEN', 'Use /auth/change-password to change your own password');
    return reset(actor, { user, organizationName: actor.organizationName, organizationStatus: 'active', organizationEmail: null }, meta);
  }

  return { resetByEmail, resetInOrganization };
}

export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
