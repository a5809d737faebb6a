import type { OrganizationsDeps } from './organizations.deps';
import { listOrganizations, type OrganizationFilters } from './organizations.repo';
import { toOrganizationView } from './organizations.view';

/** Every licence, by name (super admin). */
export async function listLicences(deps: Pick<OrganizationsDeps, 'sessions'>, filters: OrganizationFilters) {
  const { rows, total } = await deps.sessions.run((db) => listOrganizations(db, filters), { platform: true, label: 'organization.list' });
  return { items: rows.map((r) => toOrganizationView(r.organization, r.activeUsers)), total, limit: filters.limit, offset: filters.offset };
}
