import {
  adminResetPasswordRequestSchema,
  createUserRequestSchema,
  createUserResponseSchema,
  idParamsSchema,
  listUsersQuerySchema,
  passwordResetResponseSchema,
  updateUserRequestSchema,
  userPageSchema,
  userSchema,
} from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { defineRoute } from '../../lib/route';
import { asTenant } from '../../lib/principal';
import { createUser } from './create-user';
import { getUser } from './get-user';
import { listUsers } from './list-users';
import type { PasswordResetService } from './password-reset.service';
import { setUserActive } from './set-user-active';
import { updateUser } from './update-user';
import type { UsersDeps } from './users.deps';

const ORG_ROLES = ['org_admin', 'admin', 'standard_user'] as const;
const MANAGERS = ['org_admin', 'admin'] as const;

export function registerUsersRoutes(api: FastifyInstance, deps: AppDeps, users: UsersDeps, resets: PasswordResetService): void {
  defineRoute(api, deps, {
    method: 'GET',
    url: '/users',
    summary: 'List the users of my organisation',
    tags: ['users'],
    auth: { roles: MANAGERS },
    query: listUsersQuerySchema,
    response: userPageSchema,
    handler: async ({ principal, query }) => listUsers(users, asTenant(principal), query),
  });

  defineRoute(api, deps, {
    method: 'POST',
    url: '/users',
    summary: 'Create a user with a generated temporary password (shown once, emailed)',
    description: 'An org admin creates any role of its organisation; an admin creates standard users. `max_users` is enforced.',
    tags: ['users'],
    auth: { roles: MANAGERS },
    status: 201,
    body: createUserRequestSchema,
    response: createUserResponseSchema,
    handler: async ({ principal, body, meta }) => createUser(users, asTenant(principal), body, meta),
  });

  defineRoute(api, deps, {
    method: 'GET',
    url: '/users/:id',
    summary: 'Read a user of my organisation (a standard user: only themselves)',
    tags: ['users'],
    auth: { roles: ORG_ROLES },
    params: idParamsSchema,
    response: userSchema,
    handler: async ({ principal, params }) => getUser(users, asTenant(principal), params.id),
  });

  defineRoute(api, deps, {
    method: 'PATCH',
    url: '/users/:id',
    summary: 'Update a user (anyone: own name and contact details; admins: the users they manage)',
    tags: ['users'],
    auth: { roles: ORG_ROLES },
    params: idParamsSchema,
    body: updateUserRequestSchema,
    response: userSchema,
    handler: async ({ principal, params, body, meta }) => updateUser(users, asTenant(principal), params.id, body, meta),
  });

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    defineRoute(api, deps, {
      method: 'POST',
      url: `/users/:id/${action}`,
      summary: active ? 'Reactivate a user (counts against max_users)' : 'Deactivate a user: their sessions end at once',
      tags: ['users'],
      auth: { roles: MANAGERS },
      params: idParamsSchema,
      response: userSchema,
      handler: async ({ principal, params, meta }) => setUserActive(users, asTenant(principal), params.id, active, meta),
    });
  }

  defineRoute(api, deps, {
    method: 'POST',
    url: '/users/:id/reset-password',
    summary: "Reset a user's password (org admin, own organisation)",
    description: 'Same answer and guarantees as /admin/reset-password.',
    tags: ['users'],
    auth: { roles: ['org_admin'] },
    params: idParamsSchema,
    response: passwordResetResponseSchema,
    handler: async ({ principal, params, meta }) => {
      const tenant = asTenant(principal);
      return resets.resetInOrganization(tenant, tenant.organizationId, params.id, meta);
    },
  });

  defineRoute(api, deps, {
    method: 'POST',
    url: '/admin/reset-password',
    summary: "Reset a licence holder admin's or a super admin's password (super admin)",
    description:
      'Generates a password (shown once in this answer and emailed to the user), sets must_change_password and ends ' +
      "the user's sessions. `email_sent`/`email_error` say whether the email went out.",
    tags: ['admin'],
    auth: { roles: ['super_admin'] },
    body: adminResetPasswordRequestSchema,
    response: passwordResetResponseSchema,
    handler: async ({ principal, body, meta }) => resets.resetByEmail(principal, body.userEmail, meta),
  });
}
