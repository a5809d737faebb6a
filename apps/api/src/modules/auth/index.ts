import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import type { AuthDeps } from './auth.deps';
import { registerAuthRoutes } from './auth.routes';
import { createPasswordRecoveryService } from './password-recovery.service';

/**
 * Sign-in, sessions and passwords. Each use case is a file (`login.ts`, `refresh-session.ts`,
 * `logout.ts`, `logout-everywhere.ts`, `change-password.ts`; recovery by emailed code in
 * `password-recovery.service.ts`); the routes call them with the deps wired here.
 */
export function authDepsOf(deps: AppDeps): AuthDeps {
  return { sessions: deps.sessions, tokens: deps.tokens, audit: deps.audit, email: deps.email, clock: deps.clock, config: deps.config };
}

export async function registerAuthModule(api: FastifyInstance, deps: AppDeps): Promise<void> {
  const auth = authDepsOf(deps);
  await registerAuthRoutes(api, deps, auth, createPasswordRecoveryService({ ...auth, logger: deps.loggers.security }));
}

// Ports for the modules below and beside auth (users, organizations) and for the server's first start.
export { replacePassword } from './password-replace';
export { revokeOrganizationSessions, revokeUserSessions, type RevokeReason } from './sessions.repo';
export { ensureSuperAdmin, SuperAdminSeedError } from './super-admin.seed';
