import { notFound } from '../../lib/app-error';
import type { OrganizationsDeps } from './organizations.deps';
import { findOrganizationWithCounts } from './organizations.repo';
import { toOrganizationView } from './organizations.view';

export async function getLicence(deps: Pick<OrganizationsDeps, 'sessions'>, organizationId: string) {
  const row = await deps.sessions.run((db) => findOrganizationWithCounts(db, organizationId), {
    platform: true,
    label: 'organization.get',
  });
  if (!row) throw notFound('Organisation');
  return toOrganizationView(row.organization, row.activeUsers);
}
