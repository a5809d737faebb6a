import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, authSessions, users } from '../../db/schema';
import { verifyPassword } from '../../lib/passwords';
import { bearer, createTenant, createUser, tokenFor } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { ownerDb } from '../../test/test-db';

let t: TestApp;
let superToken: string;
beforeAll(async () => {
  t = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '100000' } });
  superToken = await tokenFor(t.deps, await createUser(t.deps, { role: 'super_admin' }));
});
afterAll(() => t.close());

const reset = (payload: unknown, token?: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/admin/reset-password', payload: payload as object, headers: token ? bearer(token) : {} });

describe('POST /api/v1/admin/reset-password', () => {
  it('without a token: 401', async () => {
    const tenant = await createTenant(t.deps);
    const res = await reset({ user_email: tenant.orgAdmin.email });
    expect(res.statusCode).toBe(401);
  });

  it('any role but super admin: 403', async () => {
    const tenant = await createTenant(t.deps);
    for (const caller of [tenant.user, tenant.admin, tenant.orgAdmin]) {
      const res = await reset({ user_email: tenant.orgAdmin.email }, caller.token);
      expect(res.statusCode).toBe(403);
    }
  });

  it('a user who is not a licence holder admin or super admin: 403 with the seed message', async () => {
    const tenant = await createTenant(t.deps);
    for (const target of [tenant.user, tenant.admin]) {
      const res = await reset({ user_email: target.email }, superToken);
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toBe('Can only reset passwords for licenseholder admins');
    }
  });

  it('an unknown email: 404 "User not found"; a malformed one: 422', async () => {
    const missing = await reset({ user_email: 'nobody-at-all@example.test' }, superToken);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('User not found');
    for (const bad of [{ user_email: 'not-an-email' }, {}, { user_email: 42 }]) {
      const res = await reset(bad, superToken);
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].field).toBe('user_email');
    }
  });

  it('resets an org admin: hash stored, must change, sessions ended, audited without the password', async () => {
    const tenant = await createTenant(t.deps);
    const oldToken = tenant.orgAdmin.token;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(oldToken) })).statusCode).toBe(200);

    const res = await reset({ user_email: tenant.orgAdmin.email.toUpperCase() }, superToken);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      message: 'Password reset successfully',
      user_email: tenant.orgAdmin.email,
      new_password: expect.any(String),
      email_sent: expect.any(Boolean),
      email_error: body.email_sent ? null : expect.any(String),
      must_change_password: true,
    });
    const password: string = body.new_password;
    expect(password.length).toBeGreaterThanOrEqual(12);
    for (const cls of [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/]) expect(password).toMatch(cls);

    const [row] = await ownerDb(t.deps.handle).select().from(users).where(eq(users.id, tenant.orgAdmin.id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain(password);
    expect(await verifyPassword(row!.passwordHash, password)).toBe(true);
    expect(row!.mustChangePassword).toBe(true);

    // The old token no longer works; every session of the user was revoked.
    const old = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(oldToken) });
    expect(old.statusCode).toBe(401);
    const live = await ownerDb(t.deps.handle).select().from(authSessions).where(eq(authSessions.userId, tenant.orgAdmin.id));
    expect(live.every((s) => s.revokedAt !== null)).toBe(true);

    // The old password is gone; the new one signs in, straight into the change flow.
    const oldLogin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: tenant.orgAdmin.email, password: tenant.orgAdmin.password },
    });
    expect(oldLogin.statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: tenant.orgAdmin.email, password } });
    expect(login.statusCode).toBe(200);
    expect(login.json().must_change_password).toBe(true);
    const token = login.json().access_token;
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(token) });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/change-password',
      headers: bearer(token),
      payload: { new_password: 'My-Own-Chosen-Pass-42' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().must_change_password).toBe(false);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(changed.json().access_token) });
    expect(after.statusCode).toBe(200);

    // Audited and logged as a security event, with the actor and the target, never the password.
    const events = await ownerDb(t.deps.handle).select().from(auditEvents).where(eq(auditEvents.targetId, tenant.orgAdmin.id));
    const resetEvent = events.find((e) => e.action === 'user.password_reset');
    expect(resetEvent).toMatchObject({
      organizationId: tenant.org.id,
      success: true,
      details: expect.objectContaining({ target_email: tenant.orgAdmin.email }),
    });
    expect(resetEvent!.actorUserId).not.toBeNull();
    const emailEvent = events.find((e) => e.action === 'user.password_reset_email');
    expect(emailEvent!.details).toMatchObject({ email_sent: body.email_sent });
    expect(JSON.stringify(events)).not.toContain(password);
    expect(t.logs.text()).not.toContain(password);
    expect(t.logs.lines.some((l) => l.category === 'security' && l.event === 'user.password_reset')).toBe(true);
  });

  it('resets a super admin too', async () => {
    const other = await createUser(t.deps, { role: 'super_admin' });
    const res = await reset({ user_email: other.email }, superToken);
    expect(res.statusCode).toBe(200);
    expect(res.json().must_change_password).toBe(true);
  });
});

describe('POST /api/v1/users/{id}/reset-password', () => {
  it('an org admin resets a user of its organisation with the same answer shape', async () => {
    const tenant = await createTenant(t.deps);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${tenant.user.id}/reset-password`,
      headers: bearer(tenant.orgAdmin.token),
    });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual([
      'email_error',
      'email_sent',
      'message',
      'must_change_password',
      'new_password',
      'user_email',
    ]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(tenant.user.token) })).statusCode).toBe(401);
    expect(t.logs.text()).not.toContain(res.json().new_password);
  });

  it("another organisation's user: 404 and nothing changes; own password: 403", async () => {
    const a = await createTenant(t.deps);
    const b = await createTenant(t.deps);
    const [before] = await ownerDb(t.deps.handle).select().from(users).where(eq(users.id, a.user.id));
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/users/${a.user.id}/reset-password`, headers: bearer(b.orgAdmin.token) });
    expect(res.statusCode).toBe(404);
    const [after] = await ownerDb(t.deps.handle).select().from(users).where(eq(users.id, a.user.id));
    expect(after!.passwordHash).toBe(before!.passwordHash);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(a.user.token) })).statusCode).toBe(200);
    const self = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${a.orgAdmin.id}/reset-password`,
      headers: bearer(a.orgAdmin.token),
    });
    expect(self.statusCode).toBe(403);
  });
});
