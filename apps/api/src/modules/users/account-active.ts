import type { Role } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import type { RequestMeta } from '../../lib/route';
import type { Principal } from '../../lib/principal';
import type { UsersDeps } from './users.deps';

/**
 * What switching an account on or off means besides its flag, for an organisation's users and
 * platform administrators alike: deactivation ends every session at once, and either way the
 * change is a security audit event (with how many sessions it ended). Call it in the transaction
 * that changed the flag.
 */
export async function recordActiveChange(
  tx: Executor,
  deps: Pick<UsersDeps, 'audit' | 'ports'>,
  change: {
    organizationId: string | null;
    principal: Principal;
    user: { id: string; email: string; role: Role };
    active: boolean;
    now: Date;
    meta: RequestMeta;
  },
): Promise<void> {
  const { user, active, now, principal, meta } = change;
  const ended = active ? 0 : await deps.ports.revokeUserSessions(tx, user.id, 'user_deactivated', now);
  await deps.audit.recordSecurityEvent(tx, {
    organizationId: change.organizationId,
    actor: { userId: principal.userId, email: principal.email },
    action: active ? 'user.reactivated' : 'user.deactivated',
    targetType: 'user',
    targetId: user.id,
    details: { email: user.email, role: user.role, ...(active ? {} : { sessions_ended: ended }) },
    meta: { ip: meta.ip, userAgent: meta.userAgent },
  });
}
