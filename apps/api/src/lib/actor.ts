import { ORG_ADMIN_ROLES, type Role } from '@tritiq/contracts';
import { tenantOf, type Principal } from './principal';
import type { RequestMeta } from './route';

/** Who acts, for which organisation, from where: what a tenant service needs from a request. */
export interface Actor {
  userId: string;
  email: string;
  role: Role;
  organizationId: string;
  meta: RequestMeta;
}

/** The super admin has no organisation and gets 403 from every business route here. */
export function actorOf(principal: Principal, meta: RequestMeta): Actor {
  return { userId: principal.userId, email: principal.email, role: principal.role, organizationId: tenantOf(principal), meta };
}

export function isOrgAdmin(actor: Actor): boolean {
  return (ORG_ADMIN_ROLES as readonly Role[]).includes(actor.role);
}

export function auditFields(actor: Actor) {
  return {
    organizationId: actor.organizationId,
    actor: { userId: actor.userId, email: actor.email },
    meta: { ip: actor.meta.ip, userAgent: actor.meta.userAgent },
  };
}

/** The options of a transaction run for this actor's organisation (row-level security follows `organizationId`). */
export function tenantTx(actor: Actor, label: string, readOnly = false) {
  return { organizationId: actor.organizationId, label, readOnly };
}
