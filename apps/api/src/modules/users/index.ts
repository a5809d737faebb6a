import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { createPasswordResetService } from './password-reset.service';
import { createPlatformUsersService, registerPlatformUsersRoutes } from './platform-users';
import { registerUsersRoutes } from './users.routes';
import { createUsersService } from './users.service';

export function registerUsersModule(api: FastifyInstance, deps: AppDeps): void {
  const base = { sessions: deps.sessions, audit: deps.audit, email: deps.email, clock: deps.clock, config: deps.config };
  registerUsersRoutes(api, deps, { users: createUsersService(base), resets: createPasswordResetService(base) });
  registerPlatformUsersRoutes(api, deps, createPlatformUsersService(base));
}
