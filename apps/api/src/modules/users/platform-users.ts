import {
  createPlatformAdminRequestSchema,
  createUserResponseSchema,
  idParamsSchema,
  listPlatformUsersQuerySchema,
  platformUserPageSchema,
  userSchema,
} from '@tritiq/contracts';
import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../db/client';
import { organizations, users } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { emailToUser } from '../../lib/email-port';
import { defineRoute, type RequestMeta } from '../../lib/route';
import type { Principal } from '../../lib/principal';
import { temporaryPassword } from './new-account';
import { likePattern } from '../../lib/search';
import { insertUser } from './users.repo';
import type { UsersDeps } from './users.deps';
import { recordActiveChange } from './account-active';
import { toUserView } from './users.view';

interface PlatformUserFilters {
  search?: string;
  organizationId?: string;
  limit: number;
  offset: number;
}

async function listPlatformUsers(db: Executor, filters: PlatformUserFilters) {
  const conditions: SQL[] = [];
  if (filters.search) {
    const pattern = likePattern(filters.search);
    conditions.push(or(ilike(users.fullName, pattern), ilike(users.email, pattern))!);
  }
  if (filters.organizationId) conditions.push(eq(users.organizationId, filters.organizationId));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({ user: users, organizationName: organizations.name })
      .from(users)
      .leftJoin(organizations, eq(organizations.id, users.organizationId))
      .where(where)
      .orderBy(asc(users.fullName), asc(users.id))
      .limit(filters.limit)
      .offset(filters.offset),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Every platform administrator, locked in id order: who may be deactivated depends on how many stay active. */
async function lockPlatformAdmins(tx: Executor) {
  return tx.select().from(users).where(eq(users.role, 'super_admin')).orderBy(asc(users.id)).for('update');
}

const lastPlatformAdmin = () =>
  new AppError('LAST_PLATFORM_ADMIN', 'The platform must keep at least one active platform administrator: add another one first.');

export function createPlatformUsersService(deps: UsersDeps) {
  const { sessions, audit, clock } = deps;
  const actorOf = (p: Principal) => ({ userId: p.userId, email: p.email });
  const auditMeta = (m: RequestMeta) => ({ ip: m.ip, userAgent: m.userAgent });

  return {
    async list(filters: PlatformUserFilters) {
      const { rows, total } = await sessions.run((db) => listPlatformUsers(db, filters), { platform: true, label: 'platform_admin.list' });
      return {
        items: rows.map((r) => ({ ...toUserView(r.user), organizationName: r.organizationName })),
        total,
        limit: filters.limit,
        offset: filters.offset,
      };
    },

    /**
     * Another platform administrator (super admin, no organisation), with a generated password
     * shown once and emailed, to be changed at first sign-in, as for an organisation's new user.
     */
    async createAdmin(principal: Principal, input: { email: string; fullName: string }, m: RequestMeta) {
      const { password, passwordHash } = await temporaryPassword();
      const now = clock.now();
      const user = await sessions.transaction(
        async (tx) => {
          const row = await insertUser(tx, null, {
            email: input.email,
            fullName: input.fullName,
            role: 'super_admin',
            passwordHash,
            mustChangePassword: true,
            createdBy: principal.userId,
            createdAt: now,
            updatedAt: now,
          });
          await audit.recordSecurityEvent(tx, {
            organizationId: null,
            actor: actorOf(principal),
            action: 'user.created',
            targetType: 'user',
            targetId: row.id,
            details: { email: row.email, role: row.role, full_name: row.fullName },
            meta: auditMeta(m),
          });
          return row;
        },
        { platform: true, label: 'platform_admin.create' },
      );
      const sent = await deps.email.sendNow(
        emailToUser(user, 'user_welcome', {
          login_email: user.email,
          temporary_password: password,
          organization_name: `${deps.config.productName} platform`,
          role: user.role,
          created_by: principal.fullName,
          admin_contact: principal.email,
          login_url: deps.config.publicUrl,
        }),
      );
      return {
        user: toUserView(user),
        temporaryPassword: password,
        emailSent: sent.sent,
        emailError: sent.error,
        mustChangePassword: true,
      };
    },

    /**
     * Deactivates (sessions end at once) or reactivates a platform administrator. An organisation's
     * users are its admins' to manage; the platform suspends the organisation instead.
     */
    async setAdminActive(principal: Principal, userId: string, active: boolean, m: RequestMeta) {
      const now = clock.now();
      const row = await sessions.transaction(
        async (tx) => {
          const admins = await lockPlatformAdmins(tx);
          const target = admins.find((a) => a.id === userId);
          if (!target) {
            const [other] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
            if (!other) throw notFound('User');
            throw forbidden(
              "Only platform administrators are managed here: an organisation's users are managed by its admins, or suspend the organisation",
            );
          }
          if (target.id === principal.userId) throw forbidden(active ? 'You are already active' : 'You cannot deactivate yourself');
          if (target.isActive === active) return target;
          // The caller may itself have been deactivated since it signed in (two admins deactivating each other).
          if (!active && admins.filter((a) => a.isActive).length <= 1) throw lastPlatformAdmin();
          const [updated] = await tx.update(users).set({ isActive: active, updatedAt: now }).where(eq(users.id, target.id)).returning();
          await recordActiveChange(tx, deps, { organizationId: null, principal, user: target, active, now, meta: m });
          return updated!;
        },
        { platform: true, label: active ? 'platform_admin.reactivate' : 'platform_admin.deactivate' },
      );
      return toUserView(row);
    },
  };
}

/** The super admin's list of every account on the platform (the org-scoped /users is for an organisation's managers). */
export function registerPlatformUsersRoutes(
  api: FastifyInstance,
  deps: AppDeps,
  service: ReturnType<typeof createPlatformUsersService>,
): void {
  defineRoute(api, deps, {
    method: 'GET',
    url: '/admin/users',
    summary: 'List every user on the platform with its organisation (super admin)',
    tags: ['users'],
    auth: { roles: ['super_admin'] },
    query: listPlatformUsersQuerySchema,
    response: platformUserPageSchema,
    handler: async ({ query }) => service.list(query),
  });

  defineRoute(api, deps, {
    method: 'POST',
    url: '/admin/platform-admins',
    summary: 'Add a platform administrator (super admin) with a generated temporary password (shown once, emailed)',
    tags: ['users'],
    auth: { roles: ['super_admin'] },
    status: 201,
    body: createPlatformAdminRequestSchema,
    response: createUserResponseSchema,
    handler: async ({ principal, body, meta }) => service.createAdmin(principal, body, meta),
  });

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    defineRoute(api, deps, {
      method: 'POST',
      url: `/admin/platform-admins/:id/${action}`,
      summary: active
        ? 'Reactivate a platform administrator (super admin)'
        : 'Deactivate a platform administrator (super admin): their sessions end at once; the last active one is kept',
      tags: ['users'],
      auth: { roles: ['super_admin'] },
      params: idParamsSchema,
      response: userSchema,
      handler: async ({ principal, params, meta }) => service.setAdminActive(principal, params.id, active, meta),
    });
  }
}
