import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { createPasswordResetService } from './password-reset.service';
import { createPlatformUsersService, registerPlatformUsersRoutes } from './platform-users';
import type { UsersDeps, UsersPorts } from './users.deps';
import { registerUsersRoutes } from './users.routes';

export function usersDepsOf(deps: AppDeps, ports: UsersPorts): UsersDeps {
  return { sessions: deps.sessions, audit: deps.audit, email: deps.email, clock: deps.clock, config: deps.config, ports };
}

/**
 * An organisation's users (one file per use case: `list-users.ts`, `get-user.ts`, `create-user.ts`,
 * `update-user.ts`, `set-user-active.ts`), administrators' password resets, and the platform
 * administrators. `ports` are what it needs of auth and organizations.
 */
export function registerUsersModule(api: FastifyInstance, deps: AppDeps, ports: UsersPorts): void {
  const users = usersDepsOf(deps, ports);
  registerUsersRoutes(api, deps, users, createPasswordResetService(users));
  registerPlatformUsersRoutes(api, deps, createPlatformUsersService(users));
}

export type { UsersPorts } from './users.deps';

// What sign-in (auth) reads and writes of an account, and what the super admin's first start needs.
export {
  emailInUse,
  findUserByEmail,
  findUserById,
  insertUser,
  recordLoginSuccess,
  setPassword,
  superAdminExists,
  type LoginCandidate,
  type UserRow,
} from './users.repo';

// What licences (organizations) need: the first org admin of a new licence, and the seat count.
export { insertNewAccount, temporaryPassword, type NewAccount } from './new-account';
export { countActiveUsers } from './users.repo';
