import { financialYearOf, indianDate } from '@tritiq/contracts';
import { emailToUser } from '../../lib/email-port';
import type { RequestMeta } from '../../lib/route';
import type { Principal } from '../../lib/principal';
import { seedDefaultBooks } from '../books';
import { insertNewAccount, temporaryPassword } from '../users';
import type { OrganizationsDeps } from './organizations.deps';
import { insertOrganization } from './organizations.repo';
import { assertConsistentProfile, auditActor, auditMeta, pickProfile, withStateName, type ProfileInput } from './organizations.rules';
import { toOrganizationView } from './organizations.view';

export interface LicenceInput extends ProfileInput {
  name: string;
  adminEmail: string;
  adminFullName: string;
  maxUsers?: number;
  booksStartDate?: string;
}

/**
 * Issues a licence: the organisation and its first org admin, with a temporary password shown
 * once and emailed. Its books start at the beginning of the current financial year unless told
 * otherwise (as Tally's "books beginning from").
 */
export async function createLicence(deps: OrganizationsDeps, principal: Principal, input: LicenceInput, m: RequestMeta) {
  const profile = withStateName(pickProfile(input));
  assertConsistentProfile(profile);
  const { password, passwordHash } = await temporaryPassword();
  const now = deps.clock.now();
  const { org, admin } = await deps.sessions.transaction(
    async (tx) => {
      const org = await insertOrganization(tx, {
        name: input.name,
        maxUsers: input.maxUsers ?? 5,
        booksStartDate: input.booksStartDate ?? financialYearOf(indianDate(now)).start,
        ...profile,
        createdAt: now,
        updatedAt: now,
      });
      // The default groups and ledgers of BOOKS.md, so its first voucher has somewhere to post.
      await seedDefaultBooks(tx, org.id);
      await deps.audit.record(tx, {
        organizationId: org.id,
        actor: auditActor(principal),
        action: 'organization.created',
        targetType: 'organization',
        targetId: org.id,
        details: { name: org.name, max_users: org.maxUsers, admin_email: input.adminEmail, books_start_date: org.booksStartDate },
        meta: auditMeta(m),
      });
      const account = { email: input.adminEmail, fullName: input.adminFullName, role: 'org_admin' as const };
      const admin = await insertNewAccount(tx, deps.audit, {
        organizationId: org.id,
        account,
        passwordHash,
        actor: principal,
        now,
        meta: m,
      });
      return { org, admin };
    },
    { platform: true, label: 'organization.create' },
  );
  const sent = await deps.email.sendNow(
    emailToUser(admin, 'licence_welcome', {
      organization_name: org.name,
      login_email: admin.email,
      temporary_password: password,
      login_url: deps.config.publicUrl,
      max_users: org.maxUsers,
      created_by: principal.fullName,
      admin_contact: principal.email,
    }),
  );
  return {
    message: 'Organization license created successfully',
    organization: toOrganizationView(org, 1),
    admin: { id: admin.id, email: admin.email, fullName: admin.fullName },
    temporaryPassword: password,
    emailSent: sent.sent,
    emailError: sent.error,
    mustChangePassword: true,
  };
}
