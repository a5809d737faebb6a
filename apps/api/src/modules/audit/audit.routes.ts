import { auditEventPageSchema, listAuditEventsQuerySchema } from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { defineRoute } from '../../lib/route';
import { listAuditEvents } from './list-audit-events';

export function registerAuditRoutes(api: FastifyInstance, deps: AppDeps): void {
  defineRoute(api, deps, {
    method: 'GET',
    url: '/audit-events',
    summary: 'The audit trail: super admin all, org admin and admin their organisation',
    description: 'Newest first. Filters: action (exact, or a prefix ending in "."), actor, time range. Page with `cursor` = `next_cursor`.',
    tags: ['audit'],
    auth: { roles: ['super_admin', 'org_admin', 'admin'] },
    query: listAuditEventsQuerySchema,
    response: auditEventPageSchema,
    handler: async ({ principal, query }) => listAuditEvents(deps.sessions, principal, query),
  });
}
