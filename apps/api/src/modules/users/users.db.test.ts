import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, organizations, users } from '../../db/schema';
import { bearer, createTenant, createUser, tokenFor } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { ownerDb } from '../../test/test-db';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '100000' } });
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });

describe('users', () => {
  it('creates a user with a generated password, must change, audited; the password works once', async () => {
    const tenant = await createTenant(t.deps, { maxUsers: 10 });
    const res = await call('POST', '/users', tenant.orgAdmin.token, {
      email: ' Ravi.Kumar@Example.TEST ',
      full_name: 'Ravi Kumar',
      role: 'admin',
      phone: '+91 98765 43210',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({
      email: 'ravi.kumar@example.test',
      full_name: 'Ravi Kumar',
      role: 'admin',
      is_active: true,
      must_change_password: true,
      organization_id: tenant.org.id,
    });
    expect(body.user).not.toHaveProperty('password_hash');
    expect(body.temporary_password.length).toBeGreaterThanOrEqual(12);
    expect(body).toMatchObject({ must_change_password: true, email_sent: expect.any(Boolean) });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ravi.kumar@example.test', password: body.temporary_password },
    });
    expect(login.json().must_change_password).toBe(true);
    const [event] = await ownerDb(t.deps.handle).select().from(auditEvents).where(eq(auditEvents.targetId, body.user.id));
    expect(event).toMatchObject({ action: 'user.created', actorUserId: tenant.orgAdmin.id, organizationId: tenant.org.id });
    expect(JSON.stringify(event)).not.toContain(body.temporary_password);
    const dup = await call('POST', '/users', tenant.orgAdmin.token, { email: 'RAVI.KUMAR@example.test', full_name: 'Again' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toBe('A user with this email already exists');
  });

  it('follows the permission table: admins create standard users only; nobody raises their own role', async () => {
    const tenant = await createTenant(t.deps, { maxUsers: 20 });
    const byAdmin = (role: string) =>
      call('POST', '/users', tenant.admin.token, { email: `x-${role}-${Date.now()}@example.test`, full_name: 'X', role });
    expect((await byAdmin('standard_user')).statusCode).toBe(201);
    expect((await byAdmin('admin')).statusCode).toBe(403);
    expect((await byAdmin('org_admin')).statusCode).toBe(403);
    expect(
      (
        await call('POST', '/users', tenant.orgAdmin.token, {
          email: `oa-${Date.now()}@example.test`,
          full_name: 'Second',
          role: 'org_admin',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await call('POST', '/users', tenant.orgAdmin.token, { email: `sa-${Date.now()}@example.test`, full_name: 'S', role: 'super_admin' }))
        .statusCode,
    ).toBe(422);

    const selfRaise = await call('PATCH', `/users/${tenant.admin.id}`, tenant.admin.token, { role: 'org_admin' });
    expect(selfRaise.statusCode).toBe(403);
    expect(selfRaise.json().detail).toBe('You cannot change your own role');
    const selfEmail = await call('PATCH', `/users/${tenant.user.id}`, tenant.user.token, { email: 'new@example.test' });
    expect(selfEmail.statusCode).toBe(403);
    const selfName = await call('PATCH', `/users/${tenant.user.id}`, tenant.user.token, {
      full_name: 'My Real Name',
      department: 'Accounts',
    });
    expect(selfName.statusCode).toBe(200);
    expect(selfName.json()).toMatchObject({ full_name: 'My Real Name', department: 'Accounts' });
    expect((await call('GET', `/users/${tenant.user.id}`, tenant.user.token)).statusCode).toBe(200);
    expect((await call('GET', `/users/${tenant.admin.id}`, tenant.user.token)).statusCode).toBe(403);
    expect((await call('PATCH', `/users/${tenant.orgAdmin.id}`, tenant.admin.token, { full_name: 'Nope' })).statusCode).toBe(403);
    expect((await call('POST', `/users/${tenant.admin.id}/deactivate`, tenant.admin.token)).statusCode).toBe(403);
    const promote = await call('PATCH', `/users/${tenant.user.id}`, tenant.orgAdmin.token, { role: 'admin' });
    expect(promote.statusCode).toBe(200);
    const changed = await ownerDb(t.deps.handle)
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'user.role_changed'), eq(auditEvents.targetId, tenant.user.id)));
    expect(changed).toHaveLength(1);
    expect(changed[0]!.organizationId).toBe(tenant.org.id);
    expect(changed[0]!.details).toEqual({ email: tenant.user.email, changes: { role: { from: 'standard_user', to: 'admin' } } });
  });

  it('keeps an active org admin: nobody deactivates or demotes themselves, and a race leaves one', async () => {
    const tenant = await createTenant(t.deps);
    const self = await call('POST', `/users/${tenant.orgAdmin.id}/deactivate`, tenant.orgAdmin.token);
    expect(self.statusCode).toBe(403);
    expect(self.json().detail).toBe('You cannot deactivate yourself');
    expect((await call('PATCH', `/users/${tenant.orgAdmin.id}`, tenant.orgAdmin.token, { role: 'admin' })).statusCode).toBe(403);

    // Two org admins demoting each other at the same moment: the organisation lock serialises them,
    // and the second finds it would remove the last org admin.
    const second = await createUser(t.deps, { role: 'org_admin', organizationId: tenant.org.id });
    const secondToken = await tokenFor(t.deps, second);
    const results = await Promise.all([
      call('PATCH', `/users/${second.id}`, tenant.orgAdmin.token, { role: 'admin' }),
      call('PATCH', `/users/${tenant.orgAdmin.id}`, secondToken, { role: 'admin' }),
    ]);
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const admins = await ownerDb(t.deps.handle).select().from(users).where(eq(users.organizationId, tenant.org.id));
    expect(admins.filter((u) => u.role === 'org_admin' && u.isActive)).toHaveLength(1);
  });

  it('an org admin can hand over: promote another, who may then demote the first', async () => {
    const tenant = await createTenant(t.deps);
    const promoted = await call('PATCH', `/users/${tenant.admin.id}`, tenant.orgAdmin.token, { role: 'org_admin' });
    expect(promoted.statusCode).toBe(200);
    const demoted = await call('PATCH', `/users/${tenant.orgAdmin.id}`, tenant.admin.token, { role: 'admin' });
    expect(demoted.statusCode).toBe(200);
    expect(demoted.json().role).toBe('admin');
    // The demoted user's next request is checked against the new role.
    expect(
      (await call('POST', '/users', tenant.orgAdmin.token, { email: `oa-${Date.now()}@example.test`, full_name: 'X', role: 'org_admin' }))
        .statusCode,
    ).toBe(403);
  });

  it('enforces max_users on create and reactivate; deactivation ends sessions at once', async () => {
    const tenant = await createTenant(t.deps, { maxUsers: 4 });
    const fourth = await call('POST', '/users', tenant.orgAdmin.token, { email: `fourth-${Date.now()}@example.test`, full_name: 'Fourth' });
    expect(fourth.statusCode).toBe(201);
    const fifth = await call('POST', '/users', tenant.orgAdmin.token, { email: `fifth-${Date.now()}@example.test`, full_name: 'Fifth' });
    expect(fifth.statusCode).toBe(409);
    expect(fifth.json()).toMatchObject({ code: 'USER_LIMIT_REACHED', detail: expect.stringContaining('limit of 4 active users') });
    const off = await call('POST', `/users/${tenant.user.id}/deactivate`, tenant.admin.token);
    expect(off.statusCode).toBe(200);
    expect(off.json().is_active).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(tenant.user.token) })).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: tenant.user.email, password: tenant.user.password },
    });
    expect(login.statusCode).toBe(403);
    expect(
      (await call('POST', '/users', tenant.orgAdmin.token, { email: `fifth-${Date.now()}@example.test`, full_name: 'Fifth' })).statusCode,
    ).toBe(201);
    const back = await call('POST', `/users/${tenant.user.id}/reactivate`, tenant.orgAdmin.token);
    expect(back.statusCode).toBe(409);
    await ownerDb(t.deps.handle).update(organizations).set({ maxUsers: 5 }).where(eq(organizations.id, tenant.org.id));
    expect((await call('POST', `/users/${tenant.user.id}/reactivate`, tenant.orgAdmin.token)).statusCode).toBe(200);
  });

  it('lists with search, role and active filters, paginated', async () => {
    const tenant = await createTenant(t.deps, { maxUsers: 10 });
    await createUser(t.deps, { role: 'standard_user', organizationId: tenant.org.id, fullName: 'Meera 50% Nair', isActive: false });
    const all = await call('GET', '/users?limit=2&offset=0', tenant.admin.token);
    expect(all.json()).toMatchObject({ total: 4, limit: 2, offset: 0 });
    expect(all.json().items).toHaveLength(2);
    const search = await call('GET', '/users?search=50%25', tenant.admin.token);
    expect(search.json().items.map((u: { full_name: string }) => u.full_name)).toEqual(['Meera 50% Nair']);
    const inactive = await call('GET', '/users?is_active=false', tenant.admin.token);
    expect(inactive.json().total).toBe(1);
    const admins = await call('GET', '/users?role=org_admin', tenant.admin.token);
    expect(admins.json().items.map((u: { id: string }) => u.id)).toEqual([tenant.orgAdmin.id]);
    const bad = await call('GET', '/users?role=emperor&limit=0', tenant.admin.token);
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['query.limit', 'query.role']);
  });
});
