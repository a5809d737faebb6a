import { adminDashboardSchema, orgDashboardSchema } from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { defineRoute } from '../../lib/route';
import type { DashboardDeps } from './dashboard.deps';
import { getAdminDashboard } from './get-admin-dashboard';
import { getOrgDashboard } from './get-org-dashboard';

export function registerDashboardRoutes(api: FastifyInstance, deps: AppDeps, dashboard: DashboardDeps): void {
  defineRoute(api, deps, {
    method: 'GET',
    url: '/dashboard',
    summary: "The organisation's dashboard: this month's vouchers per type, masters, low stock, latest vouchers",
    tags: ['dashboard'],
    auth: { roles: ['org_admin', 'admin', 'standard_user'] },
    response: orgDashboardSchema,
    handler: async ({ principal, meta }) => getOrgDashboard(dashboard, actorOf(principal, meta)),
  });

  defineRoute(api, deps, {
    method: 'GET',
    url: '/admin/dashboard',
    summary: 'The platform dashboard: organisations by status, active users, failed logins, email health (super admin)',
    tags: ['dashboard'],
    auth: { roles: ['super_admin'] },
    response: adminDashboardSchema,
    handler: async () => getAdminDashboard(dashboard),
  });
}
