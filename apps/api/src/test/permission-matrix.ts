import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, tokenFor } from './factories';
import type { TestApp } from './harness';

/**
 * The permission matrix: every route x every kind of caller -> the expected status. A module
 * joins by exporting `MatrixRow`s (see `matrix/accounts.ts`) and listing them in
 * `permission-matrix.pg.test.ts`; that test also fails for any route in the OpenAPI document that
 * no row covers.
 */
export const ACTORS = ['anonymous', 'standard_user', 'admin', 'other_org_admin', 'org_admin', 'super_admin'] as const;
export type Actor = (typeof ACTORS)[number];

type Tenant = Awaited<ReturnType<typeof createTenant>>;

/**
 * A fresh world per cell, so routes that change things (suspend, deactivate, reset) cannot
 * disturb the next cell. Organisation A is the one acted on; B's org admin is the outsider.
 */
export interface MatrixWorld {
  a: Tenant;
  b: Tenant;
  /** A second standard user of A: the target of user routes (not the caller itself). */
  aTarget: { id: string; email: string };
  superAdmin: { id: string; email: string; token: string };
  /** Unique per cell, for bodies that create things with unique names. */
  unique: string;
  /** Ids a row's `setup` made for it (e.g. a record of A that only that module can create). */
  extra: Record<string, string>;
}

export interface MatrixRow {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as registered (e.g. `/api/v1/users/:id`): matched against the OpenAPI document. */
  route: string;
  /** Tells apart two rows of one route that test different bodies (e.g. changing a name or an email). */
  case?: string;
  url: (w: MatrixWorld) => string;
  body?: (w: MatrixWorld) => unknown;
  expect: Record<Actor, number>;
  /** Creates what the row needs beyond the common world, into `w.extra`. */
  setup?: (t: TestApp, w: MatrixWorld) => Promise<void>;
  /** Callable while `must_change_password` is set (change password, me, logout). */
  allowedDuringPasswordChange?: boolean;
}

/** The common shapes: who may call, and what everyone else gets. */
export const expectFor = {
  anyone: (ok: number): Record<Actor, number> => ({
    anonymous: 401,
    standard_user: ok,
    admin: ok,
    other_org_admin: ok,
    org_admin: ok,
    super_admin: ok,
  }),
  superAdminOnly: (ok: number): Record<Actor, number> => ({
    anonymous: 401,
    standard_user: 403,
    admin: 403,
    other_org_admin: 403,
    org_admin: 403,
    super_admin: ok,
  }),
};

let counter = 0;

export async function createMatrixWorld(t: TestApp): Promise<MatrixWorld> {
  const [a, b] = await Promise.all([createTenant(t.deps), createTenant(t.deps)]);
  const target = await createUser(t.deps, { role: 'standard_user', organizationId: a.org.id });
  const sa = await createUser(t.deps, { role: 'super_admin' });
  return {
    a,
    b,
    aTarget: { id: target.id, email: target.email },
    superAdmin: { id: sa.id, email: sa.email, token: await tokenFor(t.deps, sa) },
    unique: `${Date.now().toString(36)}${(counter++).toString(36)}`,
    extra: {},
  };
}

async function worldFor(t: TestApp, row: MatrixRow): Promise<MatrixWorld> {
  const w = await createMatrixWorld(t);
  await row.setup?.(t, w);
  return w;
}

export function tokenOf(w: MatrixWorld, actor: Actor): string | undefined {
  switch (actor) {
    case 'anonymous':
      return undefined;
    case 'standard_user':
      return w.a.user.token;
    case 'admin':
      return w.a.admin.token;
    case 'other_org_admin':
      return w.b.orgAdmin.token;
    case 'org_admin':
      return w.a.orgAdmin.token;
    case 'super_admin':
      return w.superAdmin.token;
  }
}

export function requestFor(row: MatrixRow, w: MatrixWorld, token: string | undefined): InjectOptions {
  const body = row.body?.(w);
  return {
    method: row.method,
    url: row.url(w),
    headers: token ? bearer(token) : {},
    ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
  };
}

const label = (row: MatrixRow) => `${row.method} ${row.route}${row.case ? ` (${row.case})` : ''}`;

/** One test per route and caller, each on its own fresh world. */
export function definePermissionMatrix(getApp: () => TestApp, rows: readonly MatrixRow[]): void {
  describe.each(rows.map((row) => [label(row), row] as const))('%s', (_name, row) => {
    it.each(ACTORS.map((actor) => [actor, row.expect[actor]] as const))('%s -> %i', async (actor, expected) => {
      const t = getApp();
      const w = await worldFor(t, row);
      const res = await t.app.inject(requestFor(row, w, tokenOf(w, actor)));
      expect(res.statusCode, res.body).toBe(expected);
    });
  });
}

/**
 * While `must_change_password` is set, every route answers 403 PASSWORD_CHANGE_REQUIRED except
 * the few a user needs to change it; checked with an org admin (who could otherwise call most).
 */
export function definePasswordChangeGate(getApp: () => TestApp, rows: readonly MatrixRow[]): void {
  it.each(rows.map((row) => [label(row), row] as const))('%s', async (_name, row) => {
    const t = getApp();
    const w = await worldFor(t, row);
    const forced = await createUser(t.deps, { role: 'org_admin', organizationId: w.a.org.id, mustChangePassword: true });
    const res = await t.app.inject(requestFor(row, w, await tokenFor(t.deps, forced)));
    if (row.allowedDuringPasswordChange) {
      expect(res.statusCode, res.body).toBeLessThan(300);
    } else if (row.expect.org_admin === 401) {
      expect(res.statusCode).toBe(401);
    } else {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    }
  });
}
