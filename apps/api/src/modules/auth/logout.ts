import type { RequestMeta } from '../../lib/route';
import { auditMeta, type AuthDeps } from './auth.deps';
import { findSession, findSessionByRefreshHash, revokeSession } from './sessions.repo';
import { hashOpaqueToken } from './signed-in';

/** `POST /auth/logout`: ends one session, named by its id (from the access token) or by its refresh token. */
export async function logout(
  deps: Pick<AuthDeps, 'sessions' | 'audit' | 'clock'>,
  target: { sessionId: string } | { refreshToken: string },
  meta: RequestMeta,
): Promise<void> {
  const now = deps.clock.now();
  await deps.sessions.transaction(
    async (tx) => {
      const session =
        'sessionId' in target
          ? await findSession(tx, target.sessionId)
          : await findSessionByRefreshHash(tx, hashOpaqueToken(target.refreshToken));
      if (!session || session.revokedAt) return;
      await revokeSession(tx, session.id, 'logout', now);
      await deps.audit.record(tx, {
        organizationId: session.organizationId,
        actor: { userId: session.userId, email: null },
        action: 'auth.logout',
        targetType: 'session',
        targetId: session.id,
        meta: auditMeta(meta),
      });
    },
    { platform: true, label: 'auth.logout' },
  );
}
