import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerAuthRoutes } from './auth.routes';
import { createAuthService, type SecondFactorGate } from './auth.service';
import { createPasswordRecoveryService } from './password-recovery.service';

export { clearAuthCookies, setAuthCookies, tokenBody } from './auth.cookies';
export type { SecondFactorChallenge, SecondFactorGate, SessionUser, SignedIn } from './auth.service';

export function createAuthServices(deps: AppDeps, secondFactor?: SecondFactorGate) {
  const base = {
    sessions: deps.sessions,
    tokens: deps.tokens,
    audit: deps.audit,
    email: deps.email,
    clock: deps.clock,
    config: deps.config,
  };
  return {
    auth: createAuthService({ ...base, secondFactor }),
    recovery: createPasswordRecoveryService({ ...base, logger: deps.loggers.security }),
  };
}

/** Registers the routes; answers the services, whose `completeLogin` the two-factor module ends its second step with. */
export async function registerAuthModule(api: FastifyInstance, deps: AppDeps, secondFactor?: SecondFactorGate) {
  const services = createAuthServices(deps, secondFactor);
  await registerAuthRoutes(api, deps, services);
  return services;
}
