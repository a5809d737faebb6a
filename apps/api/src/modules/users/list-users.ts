import type { TenantPrincipal } from '../../lib/principal';
import type { UsersDeps } from './users.deps';
import { listUsersInOrg, type UserFilters } from './users.repo';
import { toUserView } from './users.view';

/** `GET /users`: the caller's organisation's users, filtered and paged. */
export async function listUsers(deps: Pick<UsersDeps, 'sessions'>, principal: TenantPrincipal, filters: UserFilters) {
  const { rows, total } = await deps.sessions.transaction((tx) => listUsersInOrg(tx, principal.organizationId, filters), {
    organizationId: principal.organizationId,
    readOnly: true,
    label: 'user.list',
  });
  return { items: rows.map(toUserView), total, limit: filters.limit, offset: filters.offset };
}
