import type { FastifyRequest } from 'fastify';
import { rawRows } from '../db/raw';
import type { SessionManager } from '../db/session';
import { AppError } from '../lib/app-error';
import { assertTrustedOrigin } from '../lib/csrf';
import { PrincipalChangedError, type AuthSpec, type Authenticator, type Principal } from '../lib/principal';
import type { OwedCheck } from '../lib/request-context';
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

/**
 * The same read carried in a request's transaction (db/session.ts), under the tenant role and
 * row-level security there: a text of its own, so each prepared statement keeps the plan of one
 * role (PostgreSQL plans a statement again whenever the role reading through row-level security changes).
 */
const SESSION_QUERY_IN_TRANSACTION = `/* owed session check */ ${SESSION_QUERY}`;

/** Sessions whose last read is remembered, for the owed check (oldest out first). */
const REMEMBERED_SESSIONS = 10_000;

const samePrincipal = (a: Principal, b: Principal): boolean =>
  a.userId === b.userId &&
  a.sessionId === b.sessionId &&
  a.email === b.email &&
  a.fullName === b.fullName &&
  a.role === b.role &&
  a.organizationId === b.organizationId &&
  a.organizationName === b.organizationName &&
  a.mustChangePassword === b.mustChangePassword;

export function createAuthenticator(deps: {
  sessions: SessionManager;
  tokens: TokenService;
  now?: () => Date;
  trustedOrigins?: readonly string[];
}): Authenticator {
  const now = deps.now ?? (() => new Date());
  const trustedOrigins = deps.trustedOrigins ?? [];
  // What the last read of each session found: the principal of its next requests while the
  // check they owe confirms it. Never trusted on its own: a request that uses it commits nothing
  // and answers nothing until its own read of the session has passed.
  const remembered = new Map<string, Principal>();
  const remember = (principal: Principal) => {
    remembered.delete(principal.sessionId);
    if (remembered.size >= REMEMBERED_SESSIONS) remembered.delete(remembered.keys().next().value!);
    remembered.set(principal.sessionId, principal);
  };

  /** The principal of a session row, or the error that ends the request: revocation (logout, password change, deactivation, suspension) takes effect here, at once. */
  function judge(row: SessionRow | undefined, claims: { sub: string; sid: string }): Principal {
    if (!row || row.userId !== claims.sub || row.revokedAt || row.expiresAt <= now()) {
      throw new AppError('TOKEN_INVALID', 'Session has ended: sign in again');
    }
    if (!row.isActive) throw new AppError('TOKEN_INVALID', 'This account is deactivated');
    if (row.organizationId && row.organizationStatus !== 'active') {
      throw new AppError('TOKEN_INVALID', 'This organisation is suspended');
    }
    return {
      userId: row.userId,
      sessionId: claims.sid,
      email: row.email,
      fullName: row.fullName,
      role: row.role,
      organizationId: row.organizationId,
      organizationName: row.organizationName,
      mustChangePassword: row.mustChangePassword,
    };
  }

  /** The principal's own refusals (403, password change first); none when it may call the route. */
  function refusal(principal: Principal, spec: Exclude<AuthSpec, 'public'>): AppError | undefined {
    if (principal.mustChangePassword && !spec.allowDuringPasswordChange) {
      return new AppError('PASSWORD_CHANGE_REQUIRED', 'You must change your password before continuing');
    }
    if (spec.roles !== 'any' && !spec.roles.includes(principal.role)) {
      return new AppError('FORBIDDEN', 'You do not have permission to do this');
    }
    return undefined;
  }

  async function claimsOf(request: FastifyRequest) {
    const token = accessTokenOf(request, trustedOrigins);
    if (!token) throw new AppError('UNAUTHENTICATED', 'Not authenticated: send a bearer access token');
    return deps.tokens.verifyAccessToken(token);
  }

  /** `judge`, forgetting a session that has ended so that its next request reads it afresh. */
  function judgeRead(row: SessionRow | undefined, claims: { sub: string; sid: string }): Principal {
    try {
      return judge(row, claims);
    } catch (err) {
      remembered.delete(claims.sid);
      throw err;
    }
  }

  async function readNow(claims: { sub: string; sid: string }, spec: Exclude<AuthSpec, 'public'>): Promise<Principal> {
    // Every authenticated request reads this: SQL text, not a query builder (see db/raw.ts).
    const rows = await deps.sessions.run((db) => rawRows<SessionRow>(db, SESSION_QUERY, [claims.sid]), {
      platform: true,
      label: 'authenticate',
    });
    const principal = judgeRead(rows[0], claims);
    remember(principal);
    const refused = refusal(principal, spec);
    if (refused) throw refused;
    return principal;
  }

  return {
    async authenticate(request, spec) {
      return readNow(await claimsOf(request), spec);
    },
    async authenticateOwing(request, spec) {
      const claims = await claimsOf(request);
      const known = remembered.get(claims.sid);
      // Unknown, or refused on what was last read (which a fresh read may change): read it now.
      if (!known || known.userId !== claims.sub || refusal(known, spec)) return { principal: await readNow(claims, spec) };
      const owed: OwedCheck = {
        organizationId: known.organizationId,
        async run(db, where) {
          const rows = await rawRows<SessionRow>(db, where === 'transaction' ? SESSION_QUERY_IN_TRANSACTION : SESSION_QUERY, [claims.sid]);
          const fresh = judgeRead(rows[0], claims);
          if (!samePrincipal(fresh, known)) {
            remember(fresh);
            throw new PrincipalChangedError();
          }
        },
      };
      return { principal: { ...known }, owed };
    },
    settle(owed) {
      return deps.sessions.settle(owed);
    },
  };
}
