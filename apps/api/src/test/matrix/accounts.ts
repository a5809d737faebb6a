import { createUser, TEST_PASSWORD } from '../factories';
import { expectFor, type MatrixRow } from '../permission-matrix';

const MANAGERS_OWN_ORG = { anonymous: 401, standard_user: 403, admin: 200, other_org_admin: 200, org_admin: 200, super_admin: 403 };
/** A record of organisation A, addressed by id: B's org admin must not learn it exists. */
const MANAGERS_ON_A_RECORD = { anonymous: 401, standard_user: 403, admin: 200, other_org_admin: 404, org_admin: 200, super_admin: 403 };
const ORG_MEMBERS = { anonymous: 401, standard_user: 200, admin: 200, other_org_admin: 200, org_admin: 200, super_admin: 403 };
const ORG_ADMIN_OWN_ORG = { anonymous: 401, standard_user: 403, admin: 403, other_org_admin: 200, org_admin: 200, super_admin: 403 };

/** Every route of the accounts area (issue 4). Public routes are covered by their own tests. */
export const accountsMatrix: MatrixRow[] = [
  {
    method: 'GET',
    route: '/api/v1/auth/me',
    url: () => '/api/v1/auth/me',
    expect: expectFor.anyone(200),
    allowedDuringPasswordChange: true,
  },
  {
    method: 'POST',
    route: '/api/v1/auth/change-password',
    url: () => '/api/v1/auth/change-password',
    body: (w) => ({ current_password: TEST_PASSWORD, new_password: `Fresh-${w.unique}-Pass9!` }),
    expect: expectFor.anyone(200),
    allowedDuringPasswordChange: true,
  },
  {
    method: 'POST',
    route: '/api/v1/auth/logout',
    url: () => '/api/v1/auth/logout',
    expect: expectFor.anyone(200),
    allowedDuringPasswordChange: true,
  },
  {
    method: 'POST',
    route: '/api/v1/auth/logout-all',
    url: () => '/api/v1/auth/logout-all',
    expect: expectFor.anyone(200),
    allowedDuringPasswordChange: true,
  },
  { method: 'GET', route: '/api/v1/users', url: () => '/api/v1/users', expect: MANAGERS_OWN_ORG },
  {
    method: 'POST',
    route: '/api/v1/users',
    url: () => '/api/v1/users',
    body: (w) => ({ email: `new-${w.unique}@example.test`, full_name: 'New Person', role: 'standard_user' }),
    expect: { ...MANAGERS_OWN_ORG, admin: 201, other_org_admin: 201, org_admin: 201 },
  },
  { method: 'GET', route: '/api/v1/users/:id', url: (w) => `/api/v1/users/${w.aTarget.id}`, expect: MANAGERS_ON_A_RECORD },
  {
    method: 'PATCH',
    route: '/api/v1/users/:id',
    url: (w) => `/api/v1/users/${w.aTarget.id}`,
    case: 'name',
    body: () => ({ full_name: 'Renamed Person' }),
    expect: MANAGERS_ON_A_RECORD,
  },
  {
    // The sign-in email is where reset codes go: changing it is as strong as a password reset (org admin only).
    method: 'PATCH',
    route: '/api/v1/users/:id',
    case: 'sign-in email',
    url: (w) => `/api/v1/users/${w.aTarget.id}`,
    body: (w) => ({ email: `moved-${w.unique}@example.test` }),
    expect: { ...MANAGERS_ON_A_RECORD, admin: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/users/:id/deactivate',
    url: (w) => `/api/v1/users/${w.aTarget.id}/deactivate`,
    expect: MANAGERS_ON_A_RECORD,
  },
  {
    method: 'POST',
    route: '/api/v1/users/:id/reactivate',
    url: (w) => `/api/v1/users/${w.aTarget.id}/reactivate`,
    expect: MANAGERS_ON_A_RECORD,
  },
  {
    method: 'POST',
    route: '/api/v1/users/:id/reset-password',
    url: (w) => `/api/v1/users/${w.aTarget.id}/reset-password`,
    expect: { ...MANAGERS_ON_A_RECORD, admin: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/admin/reset-password',
    url: () => '/api/v1/admin/reset-password',
    body: (w) => ({ user_email: w.a.orgAdmin.email }),
    expect: expectFor.superAdminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/v1/admin/platform-admins',
    url: () => '/api/v1/admin/platform-admins',
    body: (w) => ({ email: `platform-${w.unique}@example.test`, full_name: 'Platform Person' }),
    expect: expectFor.superAdminOnly(201),
  },
  ...(['deactivate', 'reactivate'] as const).map((action): MatrixRow => ({
    method: 'POST',
    route: `/api/v1/admin/platform-admins/:id/${action}`,
    setup: async (t, w) => {
      w.extra.platformAdmin = (await createUser(t.deps, { role: 'super_admin' })).id;
    },
    url: (w) => `/api/v1/admin/platform-admins/${w.extra.platformAdmin}/${action}`,
    expect: expectFor.superAdminOnly(200),
  })),
  {
    method: 'POST',
    route: '/api/v1/organizations',
    url: () => '/api/v1/organizations',
    body: (w) => ({ name: `Licence ${w.unique}`, admin_email: `owner-${w.unique}@example.test`, admin_full_name: 'Owner' }),
    expect: expectFor.superAdminOnly(201),
  },
  { method: 'GET', route: '/api/v1/organizations', url: () => '/api/v1/organizations', expect: expectFor.superAdminOnly(200) },
  {
    method: 'GET',
    route: '/api/v1/organizations/:id',
    url: (w) => `/api/v1/organizations/${w.a.org.id}`,
    expect: expectFor.superAdminOnly(200),
  },
  {
    method: 'PATCH',
    route: '/api/v1/organizations/:id',
    url: (w) => `/api/v1/organizations/${w.a.org.id}`,
    body: () => ({ max_users: 50 }),
    expect: expectFor.superAdminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/v1/organizations/:id/suspend',
    url: (w) => `/api/v1/organizations/${w.a.org.id}/suspend`,
    body: () => ({ reason: 'Unpaid' }),
    expect: expectFor.superAdminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/v1/organizations/:id/reactivate',
    url: (w) => `/api/v1/organizations/${w.a.org.id}/reactivate`,
    expect: expectFor.superAdminOnly(200),
  },
  { method: 'GET', route: '/api/v1/organization/profile', url: () => '/api/v1/organization/profile', expect: ORG_MEMBERS },
  {
    method: 'PATCH',
    route: '/api/v1/organization/profile',
    url: () => '/api/v1/organization/profile',
    body: () => ({ city: 'Pune' }),
    expect: ORG_ADMIN_OWN_ORG,
  },
  { method: 'GET', route: '/api/v1/organization/settings', url: () => '/api/v1/organization/settings', expect: ORG_MEMBERS },
  {
    method: 'PATCH',
    route: '/api/v1/organization/settings',
    url: () => '/api/v1/organization/settings',
    body: () => ({ sales_prefix: 'INV' }),
    expect: ORG_ADMIN_OWN_ORG,
  },
  {
    method: 'GET',
    route: '/api/v1/audit-events',
    url: () => '/api/v1/audit-events',
    expect: { ...MANAGERS_OWN_ORG, super_admin: 200 },
  },
];

/** Routes anyone may call without a token; each has its own tests (login, recovery, refresh). */
export const accountsPublicRoutes = [
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/password/forgot',
  'POST /api/v1/auth/password/reset',
];
