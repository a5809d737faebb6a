import type { Role } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import type { TenantPrincipal } from '../../lib/principal';
import type { OrganizationRow } from '../organizations';
import type { UsersDeps } from './users.deps';
import { findUserInOrg } from './users.repo';

export const userLimitReached = (org: OrganizationRow) =>
  new AppError(
    'USER_LIMIT_REACHED',
    `This organisation has reached its limit of ${org.maxUsers} active users. Deactivate a user, or ask the platform administrator to raise the limit.`,
  );

export const lastOrgAdmin = () =>
  new AppError('LAST_ORG_ADMIN', 'An organisation must keep at least one active org admin: make another user org admin first.');

export function cannotManage(role: Role) {
  return forbidden(`You cannot manage users with the role ${role}`);
}

/** Locks the caller's organisation (organizations' lockOrganization) and loads the target user within it. */
export async function lockTarget(deps: Pick<UsersDeps, 'ports'>, tx: Executor, principal: TenantPrincipal, userId: string) {
  const org = await deps.ports.lockOrganization(tx, principal.organizationId);
  if (!org) throw notFound('Organisation');
  const user = await findUserInOrg(tx, principal.organizationId, userId, { forUpdate: true });
  if (!user) throw notFound('User');
  return { org, user };
}
