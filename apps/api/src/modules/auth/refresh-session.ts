import { randomBytes } from 'node:crypto';
import { AppError } from '../../lib/app-error';
import type { RequestMeta } from '../../lib/route';
import { findUserById } from '../users';
import { auditMeta, type AuthDeps } from './auth.deps';
import { findSession, findSessionByRefreshHash, findUsedRefreshToken, revokeSession, rotateRefreshToken } from './sessions.repo';
import { hashOpaqueToken, sessionUserOf, type SignedIn } from './signed-in';

/** Two tabs refreshing with the same cookie at once: the loser is refused, not treated as theft. */
export const REFRESH_REUSE_GRACE_MS = 30 * 1000;

const sessionEnded = () => new AppError('TOKEN_INVALID', 'Session has ended: sign in again');

/**
 * `POST /auth/refresh`: rotates the refresh token and signs a new access token. A token that was
 * already rotated (outside the grace period) is taken as stolen: its session ends.
 */
export async function refreshSession(deps: AuthDeps, refreshToken: string, meta: RequestMeta): Promise<SignedIn> {
  const { tokens, audit } = deps;
  const hash = hashOpaqueToken(refreshToken);
  const now = deps.clock.now();
  const outcome = await deps.sessions.transaction(
    async (tx): Promise<{ ok: SignedIn } | { error: AppError }> => {
      const session = await findSessionByRefreshHash(tx, hash);
      if (!session) {
        const used = await findUsedRefreshToken(tx, hash);
        if (!used) return { error: sessionEnded() };
        if (now.getTime() - used.usedAt.getTime() < REFRESH_REUSE_GRACE_MS) {
          return { error: new AppError('TOKEN_INVALID', 'This refresh token was just rotated; use the newer one') };
        }
        const stolen = await findSession(tx, used.sessionId);
        if (stolen && !stolen.revokedAt) {
          await revokeSession(tx, stolen.id, 'refresh_token_reused', now);
          await audit.recordSecurityEvent(tx, {
            organizationId: stolen.organizationId,
            actor: { userId: stolen.userId, email: null },
            action: 'auth.refresh_token_reused',
            targetType: 'session',
            targetId: stolen.id,
            success: false,
            details: { rotated_at: used.usedAt.toISOString() },
            meta: auditMeta(meta),
          });
        }
        return { error: sessionEnded() };
      }
      if (session.revokedAt || session.expiresAt <= now) return { error: sessionEnded() };
      const candidate = await findUserById(tx, session.userId);
      if (!candidate || !candidate.user.isActive || (candidate.user.organizationId && candidate.organizationStatus !== 'active')) {
        return { error: sessionEnded() };
      }
      const next = randomBytes(32).toString('base64url');
      await rotateRefreshToken(tx, session.id, { oldHash: hash, newHash: hashOpaqueToken(next), now });
      const user = sessionUserOf(candidate);
      const accessToken = await tokens.signAccessToken({ sub: user.id, sid: session.id, role: user.role, org: user.organizationId });
      return { ok: { accessToken, expiresIn: tokens.ttlSeconds, refreshToken: next, sessionExpiresAt: session.expiresAt, user } };
    },
    { platform: true, label: 'auth.refresh' },
  );
  if ('error' in outcome) throw outcome.error;
  return outcome.ok;
}
