import type { RequestMeta } from '../../lib/route';
import type { TenantPrincipal } from '../../lib/principal';
import type { OrganizationsDeps } from './organizations.deps';
import { updateOrganization, type OrganizationRow } from './organizations.repo';
import {
  assertConsistentProfile,
  auditActor,
  auditMeta,
  diff,
  lockOrThrow,
  pickProfile,
  withStateName,
  type ProfileInput,
} from './organizations.rules';
import { toProfileView } from './organizations.view';

/**
 * The org admin's edits of the company details: lock the row, work out the patch from what is
 * stored (the GSTIN must still agree with the state code and PAN), and write it with its audit
 * event (nothing at all when nothing changes).
 */
export async function updateProfile(
  deps: Pick<OrganizationsDeps, 'sessions' | 'audit' | 'clock'>,
  principal: TenantPrincipal,
  input: ProfileInput,
  m: RequestMeta,
) {
  const now = deps.clock.now();
  return deps.sessions.transaction(
    async (tx) => {
      const org = await lockOrThrow(tx, principal.organizationId);
      const patch = withStateName(pickProfile(input), org);
      assertConsistentProfile({ ...pickProfile(org), ...patch });
      const changes = diff(org, patch as Partial<OrganizationRow>);
      if (Object.keys(changes).length === 0) return toProfileView(org);
      const row = await updateOrganization(tx, org.id, { ...patch, updatedAt: now });
      await deps.audit.record(tx, {
        organizationId: org.id,
        actor: auditActor(principal),
        action: 'organization.profile_updated',
        targetType: 'organization',
        targetId: org.id,
        details: { changes },
        meta: auditMeta(m),
      });
      return toProfileView(row);
    },
    { organizationId: principal.organizationId, label: 'organization.profile_updated' },
  );
}
