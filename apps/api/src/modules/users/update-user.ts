import type { Role } from '@tritiq/contracts';
import { forbidden } from '../../lib/app-error';
import type { TenantPrincipal } from '../../lib/principal';
import type { RequestMeta } from '../../lib/route';
import { canManageRole, SELF_EDITABLE } from './users.policy';
import type { UsersDeps } from './users.deps';
import { assertMayChangeSignInEmail, recordSignInEmailChange } from './change-user-email';
import { countActiveOrgAdmins, updateUserInOrg, type UserRow } from './users.repo';
import { cannotManage, lastOrgAdmin, lockTarget } from './users.rules';
import { toUserView } from './users.view';

export interface UserPatch {
  email?: string;
  fullName?: string;
  role?: Exclude<Role, 'super_admin'>;
  phone?: string | null;
  department?: string | null;
  designation?: string | null;
}

/**
 * `PATCH /users/{id}`: anyone edits their own name and contact details; admins edit the users
 * they manage, and give only roles they manage; the last active org admin keeps the role.
 * Audited with what changed (a role change as `user.role_changed`).
 */
export async function updateUser(deps: UsersDeps, principal: TenantPrincipal, userId: string, patch: UserPatch, m: RequestMeta) {
  const now = deps.clock.now();
  const updated = await deps.sessions.transaction(
    async (tx) => {
      const { org, user } = await lockTarget(deps, tx, principal, userId);
      const self = user.id === principal.userId;
      const requested = Object.entries(patch).filter(([, v]) => v !== undefined) as [keyof UserPatch, unknown][];
      if (self) {
        if (patch.role !== undefined && patch.role !== user.role) throw forbidden('You cannot change your own role');
        const notAllowed = requested.filter(([k]) => k !== 'role' && !(SELF_EDITABLE as readonly string[]).includes(k));
        if (notAllowed.length) throw forbidden(`You cannot change your own ${notAllowed.map(([k]) => k).join(', ')}; ask an administrator`);
      } else {
        if (!canManageRole(principal.role, user.role)) throw cannotManage(user.role);
        if (patch.role !== undefined && !canManageRole(principal.role, patch.role))
          throw forbidden(`You cannot give the role ${patch.role}`);
      }
      const demotingOrgAdmin = patch.role !== undefined && user.role === 'org_admin' && patch.role !== 'org_admin' && user.isActive;
      if (demotingOrgAdmin && (await countActiveOrgAdmins(tx, org.id)) <= 1) throw lastOrgAdmin();
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [key, value] of requested) {
        const before = user[key as keyof UserRow];
        if (before !== value) changes[key] = { from: before, to: value };
      }
      if (Object.keys(changes).length === 0) return user;
      // Another user's sign-in email is as strong as their password (reset codes go there): issue 12, item 1.
      const { email: emailChange, ...otherChanges } = changes;
      if (emailChange) assertMayChangeSignInEmail(principal);
      const row = await updateUserInOrg(tx, org.id, user.id, { ...patch, updatedAt: now });
      if (emailChange) {
        await recordSignInEmailChange(
          tx,
          { audit: deps.audit, email: deps.email, publicUrl: deps.config.publicUrl, revokeUserSessions: deps.ports.revokeUserSessions },
          { org, principal, before: user, newEmail: row.email, now, meta: m },
        );
      }
      if (Object.keys(otherChanges).length > 0) {
        await deps.audit.record(tx, {
          organizationId: org.id,
          actor: { userId: principal.userId, email: principal.email },
          action: otherChanges.role ? 'user.role_changed' : 'user.updated',
          targetType: 'user',
          targetId: user.id,
          details: { email: row.email, changes: otherChanges },
          meta: { ip: m.ip, userAgent: m.userAgent },
        });
      }
      return row;
    },
    { organizationId: principal.organizationId, label: 'user.update' },
  );
  return toUserView(updated);
}
