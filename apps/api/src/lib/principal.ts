import type { Role } from '@tritiq/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error';

/** Who is calling, as checked against the database on this request. */
export interface Principal {
  userId: string;
  sessionId: string;
  email: string;
  fullName: string;
  role: Role;
  organizationId: string | null;
  organizationName: string | null;
  mustChangePassword: boolean;
}

/** A principal that acts inside an organisation (every role but the super admin). */
export interface TenantPrincipal extends Principal {
  organizationId: string;
}

export type AuthSpec =
  | 'public'
  | {
      roles: readonly Role[] | 'any';
      /** Routes a user may call while `must_change_password` is set (change password, me, logout). */
      allowDuringPasswordChange?: boolean;
    };

export interface Authenticator {
  authenticate(request: FastifyRequest, spec: Exclude<AuthSpec, 'public'>): Promise<Principal>;
}

/** The organisation a tenant route acts on; it always comes from the principal, never the body. */
export function tenantOf(principal: Principal): string {
  if (!principal.organizationId) {
    throw new AppError('FORBIDDEN', 'Platform administrators do not access organisation business data');
  }
  return principal.organizationId;
}

/** The principal of a tenant route, with its organisation checked present. */
export function asTenant(principal: Principal): TenantPrincipal {
  tenantOf(principal);
  return principal as TenantPrincipal;
}
