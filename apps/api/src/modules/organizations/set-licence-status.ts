import type { RequestMeta } from '../../lib/route';
import type { Principal } from '../../lib/principal';
import { revokeOrganizationSessions } from '../auth';
import { countActiveUsers } from '../users';
import type { OrganizationsDeps } from './organizations.deps';
import { updateOrganization } from './organizations.repo';
import { auditActor, auditMeta, lockOrThrow } from './organizations.rules';
import { toOrganizationView } from './organizations.view';

/** Suspends or reactivates a licence; suspension locks every user out at once (their sessions are revoked too). */
export async function setLicenceStatus(
  deps: Pick<OrganizationsDeps, 'sessions' | 'audit' | 'clock'>,
  principal: Principal,
  organizationId: string,
  status: 'active' | 'suspended',
  reason: string | undefined,
  m: RequestMeta,
) {
  const now = deps.clock.now();
  return deps.sessions.transaction(
    async (tx) => {
      const org = await lockOrThrow(tx, organizationId);
      const active = await countActiveUsers(tx, org.id);
      if (org.status === status) return toOrganizationView(org, active);
      const suspending = status === 'suspended';
      const row = await updateOrganization(tx, org.id, {
        status,
        suspendedAt: suspending ? now : null,
        suspendedReason: suspending ? (reason ?? null) : null,
        updatedAt: now,
      });
      const ended = suspending ? await revokeOrganizationSessions(tx, org.id, 'organization_suspended', now) : 0;
      await deps.audit.recordSecurityEvent(tx, {
        organizationId: org.id,
        actor: auditActor(principal),
        action: suspending ? 'organization.suspended' : 'organization.reactivated',
        targetType: 'organization',
        targetId: org.id,
        details: suspending ? { reason: reason ?? null, sessions_ended: ended } : {},
        meta: auditMeta(m),
      });
      return toOrganizationView(row, active);
    },
    { platform: true, label: `organization.${status}` },
  );
}
