import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, users } from '../../db/schema';
import { bearer, createTenant, createUser, tokenFor, type TestUser } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { usersPorts } from '../index';
import { usersDepsOf } from './index';
import { createPlatformUsersService } from './platform-users';
import { ownerDb } from '../../test/test-db';

let t: TestApp;
let caller: TestUser & { token: string };
beforeAll(async () => {
  t = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '100000' } });
  const su = await createUser(t.deps, { role: 'super_admin', fullName: 'Root Person' });
  caller = { ...su, token: await tokenFor(t.deps, su) };
});
afterAll(() => t.close());

const post = (url: string, token: string, payload?: unknown) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/platform-admins${url}`,
    headers: bearer(token),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const login = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

describe('platform administrators (super admins) managed from the console', () => {
  it('adds one with a generated password shown once: it signs in, must change it, and the audit holds no password', async () => {
    const res = await post('', caller.token, { email: 'Second.Admin@Example.test', full_name: 'Second Admin' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({
      email: 'second.admin@example.test',
      role: 'super_admin',
      organization_id: null,
      is_active: true,
      must_change_password: true,
    });
    expect(body.temporary_password).toMatch(/^.{12,}$/);
    expect(body).toHaveProperty('email_sent');
    expect(body.must_change_password).toBe(true);

    const signIn = await login('second.admin@example.test', body.temporary_password);
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().must_change_password).toBe(true);

    const [event] = await ownerDb(t.deps.handle)
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'user.created'), eq(auditEvents.targetId, body.user.id)));
    expect(event).toMatchObject({ organizationId: null, actorUserId: caller.id });
    expect(JSON.stringify(event!.details)).not.toContain(body.temporary_password);
  });

  it('refuses a taken email (409) and a malformed one (422 naming the field)', async () => {
    const taken = await post('', caller.token, { email: caller.email.toUpperCase(), full_name: 'Again' });
    expect(taken.statusCode).toBe(409);
    const bad = await post('', caller.token, { email: 'not-an-email', full_name: 'X' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('email');
  });

  it('deactivating one ends its sessions at once and blocks sign-in; reactivating lets it back', async () => {
    const other = await createUser(t.deps, { role: 'super_admin' });
    const otherToken = await tokenFor(t.deps, other);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(otherToken) })).statusCode).toBe(200);

    const off = await post(`/${other.id}/deactivate`, caller.token);
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ id: other.id, is_active: false });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(otherToken) })).statusCode).toBe(401);
    expect((await login(other.email, other.password)).statusCode).toBe(403);
    const [event] = await ownerDb(t.deps.handle)
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'user.deactivated'), eq(auditEvents.targetId, other.id)));
    expect(event?.details).toMatchObject({ role: 'super_admin', sessions_ended: 1 });

    const on = await post(`/${other.id}/reactivate`, caller.token);
    expect(on.statusCode).toBe(200);
    expect(on.json().is_active).toBe(true);
    expect((await login(other.email, other.password)).statusCode).toBe(200);
  });

  it("refuses its caller (403), an organisation's user (403: its admins manage it), and an unknown id (404)", async () => {
    const self = await post(`/${caller.id}/deactivate`, caller.token);
    expect(self.statusCode).toBe(403);
    expect(self.json().detail).toBe('You cannot deactivate yourself');

    const tenant = await createTenant(t.deps);
    const orgUser = await post(`/${tenant.orgAdmin.id}/deactivate`, caller.token);
    expect(orgUser.statusCode).toBe(403);
    expect(orgUser.json().detail).toMatch(/organisation's users are managed by its admins/);
    const [row] = await ownerDb(t.deps.handle).select().from(users).where(eq(users.id, tenant.orgAdmin.id));
    expect(row!.isActive).toBe(true);

    const missing = await post('/01a2181a-0000-7000-8000-000000000000/deactivate', caller.token);
    expect(missing.statusCode).toBe(404);
  });

  it('keeps the last active one: two admins deactivating each other, the second one is refused', async () => {
    // Only the caller and `other` stay active among platform administrators.
    const other = await createUser(t.deps, { role: 'super_admin' });
    await ownerDb(t.deps.handle)
      .update(users)
      .set({ isActive: false })
      .where(and(eq(users.role, 'super_admin'), ne(users.id, caller.id), ne(users.id, other.id)));
    const service = createPlatformUsersService(usersDepsOf(t.deps, usersPorts));
    const meta = { ip: '127.0.0.1', userAgent: 'test' } as never;
    const principalOf = (u: TestUser) =>
      ({ userId: u.id, email: u.email, fullName: 'x', role: 'super_admin', organizationId: null }) as never;

    await service.setAdminActive(principalOf(caller), other.id, false, meta);
    // `other` was signed in before that and its request raced in: it must not take the last one.
    await expect(service.setAdminActive(principalOf(other), caller.id, false, meta)).rejects.toMatchObject({
      code: 'LAST_PLATFORM_ADMIN',
      status: 409,
    });
    const [still] = await ownerDb(t.deps.handle).select().from(users).where(eq(users.id, caller.id));
    expect(still!.isActive).toBe(true);
  });
});
