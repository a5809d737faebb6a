import { expectFor, type MatrixRow } from '../permission-matrix';
import { platformTx } from '../factories';

const LOG_READERS = { anonymous: 401, standard_user: 403, admin: 200, other_org_admin: 200, org_admin: 200, super_admin: 200 };

/** The email module's routes (issue 3): the log is per organisation, the rest is the super admin's. */
export const emailMatrix: MatrixRow[] = [
  { method: 'GET', route: '/api/v1/email/messages', url: () => '/api/v1/email/messages', expect: LOG_READERS },
  {
    method: 'GET',
    route: '/api/v1/email/messages/:id',
    setup: async (t, w) => {
      const { id } = await platformTx(t.deps, (tx) =>
        t.deps.email.enqueue(tx, {
          template: 'password_changed',
          to: w.a.user.email,
          organizationId: w.a.org.id,
          variables: {
            user_name: 'A user',
            user_email: w.a.user.email,
            changed_date: '01 Apr 2026',
            changed_time: '10:15 IST',
            admin_contact: w.a.orgAdmin.email,
          },
        }),
      );
      w.extra.message = id;
    },
    url: (w) => `/api/v1/email/messages/${w.extra.message}`,
    expect: { ...LOG_READERS, other_org_admin: 404 },
  },
  { method: 'GET', route: '/api/v1/email/availability', url: () => '/api/v1/email/availability', expect: expectFor.anyone(200) },
  { method: 'GET', route: '/api/v1/admin/email/status', url: () => '/api/v1/admin/email/status', expect: expectFor.superAdminOnly(200) },
  {
    method: 'POST',
    route: '/api/v1/admin/email/test',
    url: () => '/api/v1/admin/email/test',
    body: () => ({ to: 'someone@example.test' }),
    expect: expectFor.superAdminOnly(200),
  },
];
