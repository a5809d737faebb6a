import { listPlatformUsersQuerySchema, platformUserPageSchema } from '@tritiq/contracts';
import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../db/client';
import type { SessionManager } from '../../db/session';
import { organizations, users } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { defineRoute } from '../../lib/route';
import { likePattern } from './users.repo';
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

export function createPlatformUsersService({ sessions }: { sessions: SessionManager }) {
  return {
    async list(filters: PlatformUserFilters) {
      const { rows, total } = await sessions.run((db) => listPlatformUsers(db, filters));
      return {
        items: rows.map((r) => ({ ...toUserView(r.user), organizationName: r.organizationName })),
        total,
        limit: filters.limit,
        offset: filters.offset,
      };
    },
  };
}

/** The super admin's list of every account on the platform (the org-scoped /users is for an organisation's managers). */
export function registerPlatformUsersRoutes(api: FastifyInstance, deps: AppDeps): void {
  const service = createPlatformUsersService({ sessions: deps.sessions });
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
}
