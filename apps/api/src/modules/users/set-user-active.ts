import { forbidden } from '../../lib/app-error';
import type { TenantPrincipal } from '../../lib/principal';
import type { RequestMeta } from '../../lib/route';
import { recordActiveChange } from './account-active';
import { canManageRole } from './users.policy';
import type { UsersDeps } from './users.deps';
import { countActiveOrgAdmins, countActiveUsers, updateUserInOrg } from './users.repo';
import { cannotManage, lastOrgAdmin, lockTarget, userLimitReached } from './users.rules';
import { toUserView } from './users.view';

/**
 * `POST /users/{id}/deactivate|reactivate`: never oneself; reactivation needs a free seat, and the
 * last active org admin stays. Deactivation ends the user's sessions at once.
 */
export async function setUserActive(deps: UsersDeps, principal: TenantPrincipal, userId: string, active: boolean, m: RequestMeta) {
  const now = deps.clock.now();
  const row = await deps.sessions.transaction(
    async (tx) => {
      const { org, user } = await lockTarget(deps, tx, principal, userId);
      if (user.id === principal.userId) throw forbidden(active ? 'You are already active' : 'You cannot deactivate yourself');
      if (!canManageRole(principal.role, user.role)) throw cannotManage(user.role);
      if (user.isActive === active) return user;
      if (active && (await countActiveUsers(tx, org.id)) >= org.maxUsers) throw userLimitReached(org);
      if (!active && user.role === 'org_admin' && (await countActiveOrgAdmins(tx, org.id)) <= 1) throw lastOrgAdmin();
      const updated = await updateUserInOrg(tx, org.id, user.id, { isActive: active, updatedAt: now });
      await recordActiveChange(tx, deps, { organizationId: org.id, principal, user, active, now, meta: m });
      return updated;
    },
    { organizationId: principal.organizationId, label: active ? 'user.reactivate' : 'user.deactivate' },
  );
  return toUserView(row);
}
