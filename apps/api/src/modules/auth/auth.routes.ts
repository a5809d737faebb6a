import { currentUserSchema } from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { defineRoute } from '../../lib/route';

export function registerAuthRoutes(api: FastifyInstance, deps: AppDeps): void {
  defineRoute(api, deps, {
    method: 'GET',
    url: '/auth/me',
    summary: 'The signed-in user, with role and organisation',
    tags: ['auth'],
    auth: { roles: 'any', allowDuringPasswordChange: true },
    response: currentUserSchema,
    handler: async ({ principal }) => ({
      id: principal.userId,
      email: principal.email,
      fullName: principal.fullName,
      role: principal.role,
      organizationId: principal.organizationId,
      organizationName: principal.organizationName,
      mustChangePassword: principal.mustChangePassword,
    }),
  });
}
