import { and, asc, count, eq, ilike, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Role } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { organizations, users } from '../../db/schema';
import { likePattern } from '../../lib/search';

export type UserRow = typeof users.$inferSelect;

const byEmail = (email: string) => sql`lower(${users.email}) = ${email.toLowerCase()}`;

// --- Platform-wide lookups: the email is the login across every organisation. -------------------

export interface LoginCandidate {
  user: UserRow;
  organizationName: string | null;
  organizationStatus: 'active' | 'suspended' | null;
  /** The organisation's contact email from its profile, when it has one. */
  organizationEmail: string | null;
}

export async function findUserByEmail(db: Executor, email: string): Promise<LoginCandidate | undefined> {
  const [row] = await db
    .select({
      user: users,
      organizationName: organizations.name,
      organizationStatus: organizations.status,
      organizationEmail: organizations.email,
    })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(byEmail(email))
    .limit(1);
  return row;
}

export async function findUserById(db: Executor, userId: string): Promise<LoginCandidate | undefined> {
  const [row] = await db
    .select({
      user: users,
      organizationName: organizations.name,
      organizationStatus: organizations.status,
      organizationEmail: organizations.email,
    })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId))
    .limit(1);
  return row;
}

export async function emailInUse(db: Executor, email: string, exceptUserId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(exceptUserId ? and(byEmail(email), ne(users.id, exceptUserId)) : byEmail(email))
    .limit(1);
  return row !== undefined;
}

export async function superAdminExists(db: Executor): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'super_admin')).limit(1);
  return row !== undefined;
}

/** A successful sign-in (sign-in locks live with auth: login_failures). */
export async function recordLoginSuccess(db: Executor, userId: string, now: Date): Promise<void> {
  await db.update(users).set({ lastLoginAt: now }).where(eq(users.id, userId));
}

/** `mustChangePassword` says whether its owner chose it (auth lifts sign-in locks beside this). */
export async function setPassword(
  db: Executor,
  userId: string,
  values: { passwordHash: string; mustChangePassword: boolean; now: Date },
): Promise<void> {
  await db
    .update(users)
    .set({
      passwordHash: values.passwordHash,
      mustChangePassword: values.mustChangePassword,
      passwordChangedAt: values.now,
      updatedAt: values.now,
    })
    .where(eq(users.id, userId));
}

export async function insertUser(
  db: Executor,
  organizationId: string | null,
  values: Omit<typeof users.$inferInsert, 'organizationId'>,
): Promise<UserRow> {
  const [row] = await db
    .insert(users)
    .values({ ...values, organizationId })
    .returning();
  if (!row) throw new Error('user insert returned nothing');
  return row;
}

// --- Within one organisation: the organisation id always comes from the caller's principal. ------

export async function findUserInOrg(db: Executor, organizationId: string, userId: string, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select()
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export interface UserFilters {
  search?: string;
  role?: Role;
  isActive?: boolean;
  limit: number;
  offset: number;
}

export async function listUsersInOrg(db: Executor, organizationId: string, filters: UserFilters) {
  const conditions: SQL[] = [eq(users.organizationId, organizationId)];
  if (filters.search) {
    const pattern = likePattern(filters.search);
    conditions.push(or(ilike(users.fullName, pattern), ilike(users.email, pattern))!);
  }
  if (filters.role) conditions.push(eq(users.role, filters.role));
  if (filters.isActive !== undefined) conditions.push(eq(users.isActive, filters.isActive));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db.select().from(users).where(where).orderBy(asc(users.fullName), asc(users.id)).limit(filters.limit).offset(filters.offset),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function updateUserInOrg(
  db: Executor,
  organizationId: string,
  userId: string,
  patch: Partial<Pick<UserRow, 'email' | 'fullName' | 'role' | 'phone' | 'department' | 'designation' | 'isActive'>> & { updatedAt: Date },
): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set(patch)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId)))
    .returning();
  if (!row) throw new Error(`user ${userId} not found in organisation ${organizationId}`);
  return row;
}

export async function countActiveUsers(db: Executor, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.isActive, true)));
  return row?.n ?? 0;
}

export async function countActiveOrgAdmins(db: Executor, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.isActive, true), eq(users.role, 'org_admin')));
  return row?.n ?? 0;
}
