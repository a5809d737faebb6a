import { contextFor } from '../../db/session';
import type { Principal } from '../../lib/principal';
import type { RequestMeta } from '../../lib/route';
import { auditMeta, type AuthDeps } from './auth.deps';
import { revokeUserSessions } from './sessions.repo';

/** `POST /auth/logout-all`: every session of the caller ends, this one included. Answers how many. */
export async function logoutEverywhere(
  deps: Pick<AuthDeps, 'sessions' | 'audit' | 'clock'>,
  principal: Principal,
  meta: RequestMeta,
): Promise<number> {
  const now = deps.clock.now();
  return deps.sessions.transaction(
    async (tx) => {
      const ended = await revokeUserSessions(tx, principal.userId, 'logout_everywhere', now);
      await deps.audit.recordSecurityEvent(tx, {
        organizationId: principal.organizationId,
        actor: { userId: principal.userId, email: principal.email },
        action: 'auth.logout_everywhere',
        targetType: 'user',
        targetId: principal.userId,
        details: { sessions_ended: ended },
        meta: auditMeta(meta),
      });
      return ended;
    },
    { ...contextFor(principal.organizationId), label: 'auth.logout_everywhere' },
  );
}
