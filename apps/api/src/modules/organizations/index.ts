import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerOrganizationsRoutes } from './organizations.routes';
import { createOrganizationsService } from './organizations.service';

export function registerOrganizationsModule(api: FastifyInstance, deps: AppDeps): void {
  const service = createOrganizationsService({
    sessions: deps.sessions,
    audit: deps.audit,
    email: deps.email,
    clock: deps.clock,
    config: deps.config,
  });
  registerOrganizationsRoutes(api, deps, service);
}
