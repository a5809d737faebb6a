import { AppError, forbidden, notFound } from '../../lib/app-error';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import type { RequestMeta } from '../../lib/route';
import type { Principal } from '../../plugins/auth';
import { revokeUserSessions } from '../auth';
import { auditMeta, type TwoFactorDeps } from './two-factor.deps';
import { deleteFactor, findFactor, findFactorUser, findOrgUser, findRequirement, setRequirement } from './two-factor.repo';

/** Whether a user of the admin's organisation has a second factor (another organisation's user: 404). */
export async function getUserTwoFactor(deps: TwoFactorDeps, actor: Actor, userId: string) {
  return deps.sessions.transaction(
    async (tx) => {
      const user = await findOrgUser(tx, actor.organizationId, userId);
      if (!user) throw notFound('User');
      const factor = await findFactor(tx, user.id);
      return { userId: user.id, enabled: factor?.enabledAt != null, enabledAt: factor?.enabledAt?.toISOString() ?? null };
    },
    tenantTx(actor, 'two_factor.user_status', true),
  );
}

/**
 * An org admin removes another user's second factor (a lost phone): the user signs in with the
 * password alone, or is made to enrol again where it is required. Their own goes through the
 * security page, which asks for the password and a code.
 */
export async function resetUserTwoFactor(deps: TwoFactorDeps, actor: Actor, userId: string): Promise<void> {
  if (userId === actor.userId) throw forbidden('Turn off your own two-factor sign-in on your security page');
  await deps.sessions.transaction(
    async (tx) => {
      const user = await findOrgUser(tx, actor.organizationId, userId);
      if (!user) throw notFound('User');
      const factor = await findFactor(tx, user.id);
      if (!factor) throw new AppError('CONFLICT', `${user.email} has no two-factor sign-in to reset`);
      await deleteFactor(tx, user.id);
      // A lost phone may have been signed in: every session of the user ends with the factor.
      const ended = await revokeUserSessions(tx, user.id, 'two_factor_reset', deps.clock.now());
      await deps.audit.recordSecurityEvent(tx, {
        ...auditFields(actor),
        action: 'two_factor.reset',
        targetType: 'user',
        targetId: user.id,
        details: { user_email: user.email, was_enabled: factor.enabledAt !== null, sessions_ended: ended },
      });
    },
    tenantTx(actor, 'two_factor.reset'),
  );
}

export async function getTwoFactorPolicy(deps: TwoFactorDeps, actor: Actor) {
  const required = await deps.sessions.transaction(
    (tx) => findRequirement(tx, actor.organizationId),
    tenantTx(actor, 'two_factor.policy', true),
  );
  return { requireForAdmins: required };
}

export async function setTwoFactorPolicy(deps: TwoFactorDeps, actor: Actor, requireForAdmins: boolean) {
  await deps.sessions.transaction(
    async (tx) => {
      const before = await findRequirement(tx, actor.organizationId);
      if (before === requireForAdmins) return;
      await setRequirement(tx, actor.organizationId, requireForAdmins, deps.clock.now());
      await deps.audit.recordSecurityEvent(tx, {
        ...auditFields(actor),
        action: 'organization.two_factor_policy_changed',
        targetType: 'organization',
        targetId: actor.organizationId,
        details: { require_for_admins: { from: before, to: requireForAdmins } },
      });
    },
    tenantTx(actor, 'two_factor.policy_set'),
  );
  return { requireForAdmins };
}

/**
 * The platform's reset, for any user (a super admin who lost their phone, or an organisation whose
 * only org admin did): the platform path, run outside any tenant context, audited on the user's
 * organisation.
 */
export async function resetAnyUserTwoFactor(deps: TwoFactorDeps, principal: Principal, userId: string, meta: RequestMeta): Promise<void> {
  if (userId === principal.userId) throw forbidden('Turn off your own two-factor sign-in on your security page');
  await deps.sessions.transaction(
    async (tx) => {
      const user = await findFactorUser(tx, userId);
      if (!user) throw notFound('User');
      const factor = await findFactor(tx, user.id);
      if (!factor) throw new AppError('CONFLICT', `${user.email} has no two-factor sign-in to reset`);
      await deleteFactor(tx, user.id);
      const ended = await revokeUserSessions(tx, user.id, 'two_factor_reset', deps.clock.now());
      await deps.audit.recordSecurityEvent(tx, {
        organizationId: user.organizationId,
        actor: { userId: principal.userId, email: principal.email },
        action: 'two_factor.reset',
        targetType: 'user',
        targetId: user.id,
        details: { user_email: user.email, was_enabled: factor.enabledAt !== null, by_platform: true, sessions_ended: ended },
        meta: auditMeta(meta),
      });
    },
    { platform: true, label: 'two_factor.platform_reset' },
  );
}
