import { AppError } from '../../lib/app-error';
import type { RequestMeta } from '../../lib/route';
import type { Principal } from '../../lib/principal';
import { countActiveUsers } from '../users';
import type { OrganizationsDeps } from './organizations.deps';
import { updateOrganization } from './organizations.repo';
import { auditActor, auditMeta, diff, lockOrThrow } from './organizations.rules';
import { toOrganizationView } from './organizations.view';

/** Renames a licence or changes its max_users, never below its active users (super admin). */
export async function updateLicence(
  deps: Pick<OrganizationsDeps, 'sessions' | 'audit' | 'clock'>,
  principal: Principal,
  organizationId: string,
  patch: { name?: string; maxUsers?: number },
  m: RequestMeta,
) {
  const now = deps.clock.now();
  return deps.sessions.transaction(
    async (tx) => {
      const org = await lockOrThrow(tx, organizationId);
      const active = await countActiveUsers(tx, org.id);
      if (patch.maxUsers !== undefined && patch.maxUsers < active) {
        throw new AppError('CONFLICT', `${active} users are active in this organisation: max_users cannot be below that.`, {
          errors: [{ field: 'max_users', message: `must be at least ${active} (the active users)` }],
        });
      }
      const changes = diff(org, patch);
      if (Object.keys(changes).length === 0) return toOrganizationView(org, active);
      const row = await updateOrganization(tx, org.id, { ...patch, updatedAt: now });
      await deps.audit.record(tx, {
        organizationId: org.id,
        actor: auditActor(principal),
        action: 'organization.updated',
        targetType: 'organization',
        targetId: org.id,
        details: { changes },
        meta: auditMeta(m),
      });
      return toOrganizationView(row, active);
    },
    { platform: true, label: 'organization.update' },
  );
}
