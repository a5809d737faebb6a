import { forbidden, notFound } from '../../lib/app-error';
import type { TenantPrincipal } from '../../lib/principal';
import type { UsersDeps } from './users.deps';
import { findUserInOrg } from './users.repo';
import { toUserView } from './users.view';

/** `GET /users/{id}`: a user of the caller's organisation; a standard user sees only themselves. */
export async function getUser(deps: Pick<UsersDeps, 'sessions'>, principal: TenantPrincipal, userId: string) {
  const user = await deps.sessions.transaction((tx) => findUserInOrg(tx, principal.organizationId, userId), {
    organizationId: principal.organizationId,
    readOnly: true,
    label: 'user.get',
  });
  if (!user) throw notFound('User');
  if (principal.role === 'standard_user' && user.id !== principal.userId) throw forbidden('You can only view your own profile');
  return toUserView(user);
}
