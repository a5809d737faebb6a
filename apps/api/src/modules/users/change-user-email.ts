import type { Executor } from '../../db/client';
import { forbidden } from '../../lib/app-error';
import { emailToUser, type EmailPort } from '../../lib/email-port';
import { istDateTime } from '../../lib/email-variables';
import type { RequestMeta } from '../../lib/route';
import type { TenantPrincipal } from '../../lib/principal';
import type { AuditWriter } from '../audit';
import type { OrganizationRow } from '../organizations';
import type { UsersPorts } from './users.deps';
import type { UserRow } from './users.repo';

/**
 * The sign-in email is where password reset codes go, so changing another user's email is as
 * strong as resetting their password: only an org admin may do it (an `admin` may not reset a
 * password, and must not get there through the email either). Issue 12, item 1.
 */
export function assertMayChangeSignInEmail(principal: TenantPrincipal): void {
  if (principal.role !== 'org_admin') {
    throw forbidden("Only an org admin can change another user's sign-in email");
  }
}

/**
 * What else changing a sign-in email does, in the transaction that changed it: every session of
 * the user ends (a session opened through the new address does not outlive putting the old one
 * back), the OLD address is told through the outbox (so the notice is sent exactly when the
 * change commits), and a security event records both addresses.
 */
export async function recordSignInEmailChange(
  tx: Executor,
  deps: { audit: AuditWriter; email: EmailPort; publicUrl: string; revokeUserSessions: UsersPorts['revokeUserSessions'] },
  change: {
    org: Pick<OrganizationRow, 'id' | 'name'>;
    principal: TenantPrincipal;
    before: UserRow;
    newEmail: string;
    now: Date;
    meta: RequestMeta;
  },
): Promise<void> {
  const { org, principal, before, newEmail, now, meta } = change;
  const ended = await deps.revokeUserSessions(tx, before.id, 'email_changed', now);
  const when = istDateTime(now);
  const notice = await deps.email.enqueue(
    tx,
    emailToUser(before, 'email_changed', {
      new_email: newEmail,
      organization_name: org.name,
      changed_by: `${principal.fullName} (${principal.email})`,
      changed_date: when.date,
      changed_time: when.time,
      admin_contact: principal.email,
      login_url: deps.publicUrl,
    }),
  );
  await deps.audit.recordSecurityEvent(tx, {
    organizationId: org.id,
    actor: { userId: principal.userId, email: principal.email },
    action: 'user.email_changed',
    targetType: 'user',
    targetId: before.id,
    details: {
      old_email: before.email,
      new_email: newEmail,
      target_role: before.role,
      changed_by_role: principal.role,
      sessions_ended: ended,
      old_address_notice_id: notice.id,
    },
    meta: { ip: meta.ip, userAgent: meta.userAgent },
  });
}
