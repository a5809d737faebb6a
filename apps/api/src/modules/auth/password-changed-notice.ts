import type { Executor } from '../../db/client';
import { emailToUser } from '../../lib/email-port';
import { istDateTime } from '../../lib/email-variables';
import type { RequestMeta } from '../../lib/route';
import type { LoginCandidate } from '../users';
import type { AuthDeps } from './auth.deps';

/** The `password_changed` notice, queued in the transaction that changed the password. */
export async function enqueuePasswordChangedNotice(
  tx: Executor,
  deps: Pick<AuthDeps, 'email' | 'config'>,
  args: { candidate: LoginCandidate; at: Date; how: 'changed' | 'reset with a code'; meta: RequestMeta },
): Promise<void> {
  const { user } = args.candidate;
  const when = istDateTime(args.at);
  await deps.email.enqueue(
    tx,
    emailToUser(user, 'password_changed', {
      organization_name: args.candidate.organizationName ?? deps.config.productName,
      changed_date: when.date,
      changed_time: when.time,
      change_method: args.how,
      ip_address: args.meta.ip,
      admin_contact: args.candidate.organizationEmail ?? deps.config.smtp.fromEmail ?? deps.config.publicUrl,
      login_url: deps.config.publicUrl,
    }),
  );
}
