import { expectFor, type MatrixRow } from '../permission-matrix';

const ORG_MEMBERS = { anonymous: 401, standard_user: 200, admin: 200, other_org_admin: 200, org_admin: 200, super_admin: 403 };

/** Dashboards and the platform's user list (issue 6's web app). */
export const dashboardMatrix: MatrixRow[] = [
  { method: 'GET', route: '/api/v1/dashboard', url: () => '/api/v1/dashboard', expect: ORG_MEMBERS },
  { method: 'GET', route: '/api/v1/admin/dashboard', url: () => '/api/v1/admin/dashboard', expect: expectFor.superAdminOnly(200) },
  { method: 'GET', route: '/api/v1/admin/users', url: () => '/api/v1/admin/users', expect: expectFor.superAdminOnly(200) },
];
