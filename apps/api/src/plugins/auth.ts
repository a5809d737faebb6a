import type { FastifyRequest } from 'fastify';
import { rawRows } from '../db/raw';
import type { SessionManager } from '../db/session';
import { AppError } from '../lib/app-error';
import { assertTrustedOrigin } from '../lib/csrf';
import type { Authenticator, Principal } from '../lib/principal';
import type { TokenService } from '../lib/tokens';

// The principal types live in lib/ (every layer names them); re-exported for branches written before the move.
export { asTenant, tenantOf, type AuthSpec, type Authenticator, type Principal, type TenantPrincipal } from '../lib/principal';

/** httpOnly cookies the browser keeps (TEAM-NOTES "Sessions for the browser"). */
export const ACCESS_COOKIE = 'tritiq_at';
export const REFRESH_COOKIE = 'tritiq_rt';

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** The access token of a request: the Authorization header first, else the browser's cookie (CSRF-checked). */
export function accessTokenOf(request: FastifyRequest, trustedOrigins: readonly string[]): string | undefined {
  const bearer = bearerToken(request);
  if (bearer) return bearer;
  const cookie = request.cookies?.[ACCESS_COOKIE];
  if (!cookie) return undefined;
  assertTrustedOrigin(request, trustedOrigins);
  return cookie;
}

interface SessionRow {
  userId: string;
  email: string;
  fullName: string;
  role: Principal['role'];
  organizationId: string | null;
  isActive: boolean;
  mustChangePassword: boolean;
  organizationName: string | null;
  organizationStatus: string | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

const SESSION_QUERY = `SELECT u.id AS "userId", u.email, u.full_name AS "fullName", u.role, u.organization_id AS "organizationId",
       u.is_active AS "isActive", u.must_change_password AS "mustChangePassword",
       o.name AS "organizationName", o.status AS "organizationStatus",
       s.revoked_at AS "revokedAt", s.expires_at AS "expiresAt"
  FROM auth_sessions s
  JOIN users u ON u.id = s.user_id
  LEFT JOIN organizations o ON o.id = u.organization_id
 WHERE s.id = $1
 LIMIT 1`;

export function createAuthenticator(deps: {
  sessions: SessionManager;
  tokens: TokenService;
  now?: () => Date;
  trustedOrigins?: readonly string[];
}): Authenticator {
  const now = deps.now ?? (() => new Date());
  const trustedOrigins = deps.trustedOrigins ?? [];
  return {
    async authenticate(request, spec) {
      const token = accessTokenOf(request, trustedOrigins);
      if (!token) throw new AppError('UNAUTHENTICATED', 'Not authenticated: send a bearer access token');
      const claims = await deps.tokens.verifyAccessToken(token);
      // Every authenticated request reads this: SQL text, not a query builder (see db/raw.ts).
      const rows = await deps.sessions.run((db) => rawRows<SessionRow>(db, SESSION_QUERY, [claims.sid]), {
        platform: true,
        label: 'authenticate',
      });
      const row = rows[0];
      // Revocation (logout, password change, deactivation, suspension) takes effect here, at once.
      if (!row || row.userId !== claims.sub || row.revokedAt || row.expiresAt <= now()) {
        throw new AppError('TOKEN_INVALID', 'Session has ended: sign in again');
      }
      if (!row.isActive) throw new AppError('TOKEN_INVALID', 'This account is deactivated');
      if (row.organizationId && row.organizationStatus !== 'active') {
        throw new AppError('TOKEN_INVALID', 'This organisation is suspended');
      }
      const principal: Principal = {
        userId: row.userId,
        sessionId: claims.sid,
        email: row.email,
        fullName: row.fullName,
        role: row.role,
        organizationId: row.organizationId,
        organizationName: row.organizationName,
        mustChangePassword: row.mustChangePassword,
      };
      if (principal.mustChangePassword && !spec.allowDuringPasswordChange) {
        throw new AppError('PASSWORD_CHANGE_REQUIRED', 'You must change your password before continuing');
      }
      if (spec.roles !== 'any' && !spec.roles.includes(principal.role)) {
        throw new AppError('FORBIDDEN', 'You do not have permission to do this');
      }
      return principal;
    },
  };
}
