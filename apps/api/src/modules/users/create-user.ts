import { forbidden, notFound } from '../../lib/app-error';
import { emailToUser } from '../../lib/email-port';
import type { TenantPrincipal } from '../../lib/principal';
import type { RequestMeta } from '../../lib/route';
import { insertNewAccount, temporaryPassword, type NewAccount } from './new-account';
import { canManageRole } from './users.policy';
import type { UsersDeps } from './users.deps';
import { countActiveUsers } from './users.repo';
import { userLimitReached } from './users.rules';
import { toUserView } from './users.view';

/**
 * `POST /users`: a user of the caller's organisation, within its seat limit, with a generated
 * password shown once in the answer and emailed (after the commit).
 */
export async function createUser(deps: UsersDeps, principal: TenantPrincipal, input: NewAccount, m: RequestMeta) {
  if (!canManageRole(principal.role, input.role)) throw forbidden(`You cannot create users with the role ${input.role}`);
  const { password, passwordHash } = await temporaryPassword();
  const now = deps.clock.now();
  const { user, org } = await deps.sessions.transaction(
    async (tx) => {
      const org = await deps.ports.lockOrganization(tx, principal.organizationId);
      if (!org) throw notFound('Organisation');
      if ((await countActiveUsers(tx, org.id)) >= org.maxUsers) throw userLimitReached(org);
      const user = await insertNewAccount(tx, deps.audit, {
        organizationId: org.id,
        account: input,
        passwordHash,
        actor: principal,
        now,
        meta: m,
      });
      return { user, org };
    },
    { organizationId: principal.organizationId, label: 'user.create' },
  );
  const sent = await deps.email.sendNow(
    emailToUser(user, 'user_welcome', {
      login_email: user.email,
      temporary_password: password,
      organization_name: org.name,
      role: user.role,
      created_by: principal.fullName,
      admin_contact: principal.email,
      login_url: deps.config.publicUrl,
    }),
  );
  return { user: toUserView(user), temporaryPassword: password, emailSent: sent.sent, emailError: sent.error, mustChangePassword: true };
}
