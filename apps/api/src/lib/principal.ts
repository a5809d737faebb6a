import type { Role } from '@tritiq/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error';
import type { OwedCheck } from './request-context';

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
      /**
       * `in-transaction`: when this session was read before, its check rides in the handler's first
       * transaction instead of a round trip of its own before the handler (`authenticateOwing`).
       * Only for routes whose handler does nothing outside the database before that transaction
       * commits (no email sent at once, no file written, no other service called): a request whose
       * session has ended runs its handler before it is refused, and only its transactions are
       * undone. Default `before`: the session is read and checked before the handler, as for every
       * route that does not say otherwise.
       */
      sessionCheck?: 'before' | 'in-transaction';
    };

export interface Authenticator {
  /** The caller's principal, with the session read and checked now. */
  authenticate(request: FastifyRequest, spec: Exclude<AuthSpec, 'public'>): Promise<Principal>;
  /**
   * The same for a route's handler, without a round trip of its own when this session was read
   * before: the principal is the one that read found, and the session check is owed (`owed`): it
   * rides in the request's first transaction, which commits only if it passes (ended, deactivated,
   * suspended: 401 and rollback), and the route settles it before answering.
   */
  authenticateOwing(request: FastifyRequest, spec: Exclude<AuthSpec, 'public'>): Promise<{ principal: Principal; owed?: OwedCheck }>;
  /** The owed check's outcome: run now when no transaction carried it. Throws its error. */
  settle(owed: OwedCheck): Promise<void>;
}

/**
 * The owed session check found the session live but the user or organisation changed since the
 * principal was read (a new role, name or email): nothing the request did is committed, and the
 * route runs it again with the principal read afresh.
 */
export class PrincipalChangedError extends Error {
  constructor() {
    super('The session is live but its principal changed since it was last read');
    this.name = 'PrincipalChangedError';
  }
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
