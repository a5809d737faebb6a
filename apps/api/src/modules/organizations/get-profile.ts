import { notFound } from '../../lib/app-error';
import type { TenantPrincipal } from '../../lib/principal';
import type { OrganizationsDeps } from './organizations.deps';
import { findOrganization } from './organizations.repo';
import { toProfileView } from './organizations.view';

/** The caller's organisation's company details. */
export async function getProfile(deps: Pick<OrganizationsDeps, 'sessions'>, principal: TenantPrincipal) {
  const org = await deps.sessions.transaction((tx) => findOrganization(tx, principal.organizationId), {
    organizationId: principal.organizationId,
    readOnly: true,
    label: 'organization.profile',
  });
  if (!org) throw notFound('Organisation');
  return toProfileView(org);
}
