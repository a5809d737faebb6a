import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerAuthRoutes } from './auth.routes';
import { createAuthService } from './auth.service';
import { createPasswordRecoveryService } from './password-recovery.service';

/** Ends every session of a user (other modules: deactivation, a changed sign-in email). */
export { revokeUserSessions } from './sessions.repo';

export function createAuthServices(deps: AppDeps) {
  const base = {
    sessions: deps.sessions,
    tokens: deps.tokens,
    audit: deps.audit,
    email: deps.email,
    clock: deps.clock,
    config: deps.config,
  };
  return { auth: createAuthService(base), recovery: createPasswordRecoveryService({ ...base, logger: deps.loggers.security }) };
}

export async function registerAuthModule(api: FastifyInstance, deps: AppDeps): Promise<void> {
  await registerAuthRoutes(api, deps, createAuthServices(deps));
}
