import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import type { AuthDeps } from './auth.deps';
import { registerAuthRoutes } from './auth.routes';
import { createPasswordRecoveryService } from './password-recovery.service';
import { completeLogin } from './login';
import type { SecondFactorGate } from './second-factor';

export { clearAuthCookies, setAuthCookies, tokenBody } from './auth.cookies';
export type { SecondFactorChallenge, SecondFactorGate } from './second-factor';
export type { SessionUser, SignedIn } from './signed-in';

/**
 * Sign-in, sessions and passwords. Each use case is a file (`login.ts`, `refresh-session.ts`,
 * `logout.ts`, `logout-everywhere.ts`, `change-password.ts`; recovery by emailed code in
 * `password-recovery.service.ts`); the routes call them with the deps wired here.
 */
export function authDepsOf(deps: AppDeps, secondFactor?: SecondFactorGate): AuthDeps {
  return {
    sessions: deps.sessions,
    tokens: deps.tokens,
    audit: deps.audit,
    email: deps.email,
    clock: deps.clock,
    config: deps.config,
    secondFactor,
  };
}

/**
 * Registers the routes; answers `completeLogin` bound to auth's deps, with which the two-factor
 * module ends its second step (auth asks two-factor through the `SecondFactorGate` port and never imports it).
 */
export async function registerAuthModule(api: FastifyInstance, deps: AppDeps, secondFactor?: SecondFactorGate) {
  const auth = authDepsOf(deps, secondFactor);
  await registerAuthRoutes(api, deps, auth, createPasswordRecoveryService({ ...auth, logger: deps.loggers.security }));
  return { completeLogin: completeLogin.bind(null, auth) as OmitFirst<typeof completeLogin> };
}

type OmitFirst<F> = F extends (first: never, ...rest: infer A) => infer R ? (...args: A) => R : never;

// Ports for the modules below and beside auth (users, organizations) and for the server's first start.
export { replacePassword } from './password-replace';
export { revokeOrganizationSessions, revokeUserSessions, type RevokeReason } from './sessions.repo';
export { ensureSuperAdmin, SuperAdminSeedError } from './super-admin.seed';
