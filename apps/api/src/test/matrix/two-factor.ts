import { userTwoFactor } from '../../db/schema';
import { TEST_PASSWORD } from '../factories';
import { expectFor, type MatrixRow } from '../permission-matrix';
import { ownerDb } from '../test-db';

const MANAGERS_ON_A_RECORD = { anonymous: 401, standard_user: 403, admin: 200, other_org_admin: 404, org_admin: 200, super_admin: 403 };
const ORG_MEMBERS = { anonymous: 401, standard_user: 200, admin: 200, other_org_admin: 200, org_admin: 200, super_admin: 403 };
const ORG_ADMIN_OWN_ORG = { anonymous: 401, standard_user: 403, admin: 403, other_org_admin: 200, org_admin: 200, super_admin: 403 };

/** The signed-in routes of two-factor sign-in (issue 12, item 5); its public sign-in steps are below. */
export const twoFactorMatrix: MatrixRow[] = [
  { method: 'GET', route: '/api/v1/auth/two-factor', url: () => '/api/v1/auth/two-factor', expect: expectFor.anyone(200) },
  { method: 'POST', route: '/api/v1/auth/two-factor/setup', url: () => '/api/v1/auth/two-factor/setup', expect: expectFor.anyone(200) },
  {
    // No set-up was started: every caller who gets past the permission check is told to start one.
    method: 'POST',
    route: '/api/v1/auth/two-factor/enable',
    url: () => '/api/v1/auth/two-factor/enable',
    body: () => ({ code: '123456' }),
    expect: expectFor.anyone(409),
  },
  {
    method: 'POST',
    route: '/api/v1/auth/two-factor/disable',
    url: () => '/api/v1/auth/two-factor/disable',
    body: () => ({ password: TEST_PASSWORD, code: '123456' }),
    expect: expectFor.anyone(409),
  },
  {
    method: 'GET',
    route: '/api/v1/users/:id/two-factor',
    url: (w) => `/api/v1/users/${w.aTarget.id}/two-factor`,
    expect: MANAGERS_ON_A_RECORD,
  },
  {
    method: 'DELETE',
    route: '/api/v1/users/:id/two-factor',
    url: (w) => `/api/v1/users/${w.aTarget.id}/two-factor`,
    setup: async (t, w) => {
      await ownerDb(t.handle)
        .insert(userTwoFactor)
        .values({
          userId: w.aTarget.id,
          organizationId: w.a.org.id,
          secretSealed: t.deps.secretBox.seal('JBSWY3DPEHPK3PXP', `totp:${w.aTarget.id}`),
          enabledAt: t.deps.clock.now(),
        });
    },
    expect: { ...MANAGERS_ON_A_RECORD, admin: 403 },
  },
  {
    method: 'DELETE',
    route: '/api/v1/admin/users/:id/two-factor',
    url: (w) => `/api/v1/admin/users/${w.aTarget.id}/two-factor`,
    setup: async (t, w) => {
      await ownerDb(t.handle)
        .insert(userTwoFactor)
        .values({
          userId: w.aTarget.id,
          organizationId: w.a.org.id,
          secretSealed: t.deps.secretBox.seal('JBSWY3DPEHPK3PXP', `totp:${w.aTarget.id}`),
          enabledAt: t.deps.clock.now(),
        });
    },
    expect: expectFor.superAdminOnly(200),
  },
  {
    method: 'GET',
    route: '/api/v1/organization/two-factor-policy',
    url: () => '/api/v1/organization/two-factor-policy',
    expect: ORG_MEMBERS,
  },
  {
    method: 'PUT',
    route: '/api/v1/organization/two-factor-policy',
    url: () => '/api/v1/organization/two-factor-policy',
    body: () => ({ require_for_admins: false }),
    expect: ORG_ADMIN_OWN_ORG,
  },
];

/** Public steps of sign-in (they take a challenge token, not a session): covered in two-factor.db.test.ts. */
export const twoFactorPublicRoutes = [
  'POST /api/v1/auth/two-factor/verify',
  'POST /api/v1/auth/two-factor/enrolment/setup',
  'POST /api/v1/auth/two-factor/enrolment/enable',
];
