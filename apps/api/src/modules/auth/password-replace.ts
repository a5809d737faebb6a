import type { Executor } from '../../db/client';
import type { AuditEventInput, AuditWriter } from '../audit';
import { setPassword, type UserRow } from '../users';
import { clearAccountFailures } from './login-failures.repo';
import { accountKeyOf } from './login-policy';
import { revokeUserSessions, type RevokeReason } from './sessions.repo';

/**
 * Every way a password changes (own change, reset with a code, an administrator's reset) does the
 * same things in one transaction: store the new hash, end every session of the user, lift every
 * sign-in lock and wait of the account (login-policy.ts), and write the security event (with the
 * number of sessions ended).
 */
export async function replacePassword(
  tx: Executor,
  audit: AuditWriter,
  args: {
    user: Pick<UserRow, 'id' | 'organizationId' | 'email'>;
    passwordHash: string;
    mustChangePassword: boolean;
    now: Date;
    revokeReason: RevokeReason;
    event: Omit<AuditEventInput, 'organizationId' | 'targetType' | 'targetId'>;
  },
): Promise<void> {
  const { user, now } = args;
  await setPassword(tx, user.id, { passwordHash: args.passwordHash, mustChangePassword: args.mustChangePassword, now });
  const ended = await revokeUserSessions(tx, user.id, args.revokeReason, now);
  const unlocked = await clearAccountFailures(tx, accountKeyOf(user.email));
  await audit.recordSecurityEvent(tx, {
    ...args.event,
    organizationId: user.organizationId,
    targetType: 'user',
    targetId: user.id,
    details: { ...args.event.details, sessions_ended: ended, ...(unlocked ? { sign_in_locks_cleared: unlocked } : {}) },
  });
}
