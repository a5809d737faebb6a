import { randomBytes } from 'node:crypto';
import type { Role } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { addSeconds } from './time';
import { authSessions, organizations, users } from '../db/schema';
import type { Executor } from '../db/client';
import type { AppDeps } from '../deps';
import { hashPassword } from '../lib/passwords';

/** Builds the records a test needs directly in the database; each test makes its own. */

/**
 * Writes in the platform context, so the factories (and a test's own setup, e.g. queueing mail of
 * several organisations) work on the least-privilege setup too.
 */
export function platformTx<T>(deps: Pick<AppDeps, 'sessions'>, fn: (db: Executor) => Promise<T>): Promise<T> {
  return deps.sessions.transaction(fn, { platform: true, retry: false, label: 'test.setup' });
}

export const TEST_PASSWORD = 'Test-Passw0rd!';
let cachedHash: Promise<string> | undefined;

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

export interface TestOrganization {
  id: string;
  name: string;
}

export async function createOrganization(
  deps: AppDeps,
  overrides: Partial<typeof organizations.$inferInsert> = {},
): Promise<TestOrganization> {
  const [row] = await platformTx(deps, (db) =>
    db
      .insert(organizations)
      // Books from 2000: tests date their vouchers freely (the dating window has tests of its own).
      .values({ name: unique('Org'), stateCode: '27', state: 'Maharashtra', booksStartDate: '2000-04-01', ...overrides })
      .returning({ id: organizations.id, name: organizations.name }),
  );
  if (!row) throw new Error('organisation not created');
  // Its default chart of accounts, as licence creation gives every organisation.
  await platformTx(deps, (db) => db.execute(sql`SELECT tritiq_seed_books(${row.id}::uuid)`));
  return row;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  organizationId: string | null;
}

export async function createUser(
  deps: AppDeps,
  options: { role: Role; organizationId?: string | null; password?: string } & Partial<typeof users.$inferInsert>,
): Promise<TestUser> {
  const { role, organizationId = null, password, ...rest } = options;
  const passwordHash = password ? await hashPassword(password) : await (cachedHash ??= hashPassword(TEST_PASSWORD));
  const email = rest.email ?? `${unique(role.replace('_', '-'))}@example.test`;
  const [row] = await platformTx(deps, (db) =>
    db
      .insert(users)
      .values({ fullName: `Test ${role}`, ...rest, email, role, organizationId, passwordHash })
      .returning({ id: users.id }),
  );
  if (!row) throw new Error('user not created');
  return { id: row.id, email, password: password ?? TEST_PASSWORD, role, organizationId };
}

/** Opens a session for the user and signs an access token for it, as a login would. */
export async function tokenFor(deps: AppDeps, user: TestUser): Promise<string> {
  const [session] = await platformTx(deps, (db) =>
    db
      .insert(authSessions)
      .values({ userId: user.id, organizationId: user.organizationId, expiresAt: addSeconds(deps.clock.now(), 12 * 3600) })
      .returning({ id: authSessions.id }),
  );
  if (!session) throw new Error('session not created');
  return deps.tokens.signAccessToken({ sub: user.id, sid: session.id, role: user.role, org: user.organizationId });
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** An organisation with one user of each role, each with a token. */
export async function createTenant(deps: AppDeps, overrides: Partial<typeof organizations.$inferInsert> = {}) {
  const org = await createOrganization(deps, overrides);
  const orgAdmin = await createUser(deps, { role: 'org_admin', organizationId: org.id });
  const admin = await createUser(deps, { role: 'admin', organizationId: org.id });
  const user = await createUser(deps, { role: 'standard_user', organizationId: org.id });
  return {
    org,
    orgAdmin: { ...orgAdmin, token: await tokenFor(deps, orgAdmin) },
    admin: { ...admin, token: await tokenFor(deps, admin) },
    user: { ...user, token: await tokenFor(deps, user) },
  };
}
