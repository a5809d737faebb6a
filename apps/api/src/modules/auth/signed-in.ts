import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/client';
import type { Principal } from '../../lib/principal';
import type { RequestMeta } from '../../lib/route';
import type { LoginCandidate } from '../users';
import type { AuthDeps } from './auth.deps';
import { insertSession } from './sessions.repo';

export interface SignedIn {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  sessionExpiresAt: Date;
  user: SessionUser;
}

export interface SessionUser {
  id: string;
  email: string;
  fullName: string;
  role: Principal['role'];
  organizationId: string | null;
  organizationName: string | null;
  mustChangePassword: boolean;
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sessionUserOf(candidate: LoginCandidate): SessionUser {
  const { user } = candidate;
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    organizationId: user.organizationId,
    organizationName: candidate.organizationName,
    mustChangePassword: user.mustChangePassword,
  };
}

/** Opens a session inside `tx` and signs its first access token. */
export async function openSession(
  deps: Pick<AuthDeps, 'tokens' | 'clock' | 'config'>,
  tx: Executor,
  user: SessionUser,
  meta: RequestMeta,
): Promise<SignedIn> {
  const now = deps.clock.now();
  const refreshToken = randomBytes(32).toString('base64url');
  const sessionExpiresAt = new Date(now.getTime() + deps.config.auth.sessionTtlSeconds * 1000);
  const session = await insertSession(tx, {
    userId: user.id,
    organizationId: user.organizationId,
    refreshTokenHash: hashOpaqueToken(refreshToken),
    now,
    expiresAt: sessionExpiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  const accessToken = await deps.tokens.signAccessToken({ sub: user.id, sid: session.id, role: user.role, org: user.organizationId });
  return { accessToken, expiresIn: deps.tokens.ttlSeconds, refreshToken, sessionExpiresAt, user };
}
