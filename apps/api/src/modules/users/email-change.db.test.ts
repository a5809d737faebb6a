import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, emailMessages, passwordResetCodes } from '../../db/schema';
import { bearer, createTenant } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { ownerDb } from '../../test/test-db';

/** Issue 12, item 1: the sign-in email is where reset codes go, so changing it is a password reset's equal. */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '100000' } });
});
afterAll(() => t.close());

const patchUser = (token: string, id: string, payload: object) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: bearer(token), payload });
const login = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
const forgot = (email: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email } });
const resetCodesOf = (userId: string) =>
  ownerDb(t.deps.handle).select().from(passwordResetCodes).where(eq(passwordResetCodes.userId, userId));
const eventsOf = (userId: string, action: string) =>
  ownerDb(t.deps.handle)
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetId, userId), eq(auditEvents.action, action)));

describe("changing another user's sign-in email", () => {
  it('the takeover by an admin is refused at the first step: email unchanged, no code for the new address, no sign-in', async () => {
    const tenant = await createTenant(t.deps);
    const attackerAddress = `attacker-${Date.now().toString(36)}@example.test`;
    // Step 1: the admin points the standard user's account at an address they control.
    const res = await patchUser(tenant.admin.token, tenant.user.id, { email: attackerAddress });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN', detail: "Only an org admin can change another user's sign-in email" });
    // Nor hidden inside an otherwise allowed edit.
    expect((await patchUser(tenant.admin.token, tenant.user.id, { full_name: 'Renamed', email: attackerAddress })).statusCode).toBe(403);
    const victim = await t.app.inject({ method: 'GET', url: `/api/v1/users/${tenant.user.id}`, headers: bearer(tenant.admin.token) });
    expect(victim.json()).toMatchObject({ email: tenant.user.email, full_name: 'Test standard_user' });
    // Step 2: forgot-password on the attacker's address makes no code for the victim.
    expect((await forgot(attackerAddress)).statusCode).toBe(200);
    expect(await resetCodesOf(tenant.user.id)).toEqual([]);
    // Step 3: no sign-in through that address; the victim's own session is untouched.
    expect((await login(attackerAddress, tenant.user.password)).statusCode).toBe(401);
    expect((await me(tenant.user.token)).statusCode).toBe(200);
    expect(await eventsOf(tenant.user.id, 'user.email_changed')).toEqual([]);
    // The admin still edits what is theirs to edit.
    expect((await patchUser(tenant.admin.token, tenant.user.id, { department: 'Stores' })).statusCode).toBe(200);
  });

  it('an org admin may: the old address is told through the outbox, every session ends, a security event records it', async () => {
    const tenant = await createTenant(t.deps);
    const oldEmail = tenant.user.email;
    const newEmail = `moved-${Date.now().toString(36)}@example.test`;
    const res = await patchUser(tenant.orgAdmin.token, tenant.user.id, { email: newEmail.toUpperCase() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ email: newEmail });

    // The user's session opened before the change is over.
    expect((await me(tenant.user.token)).statusCode).toBe(401);

    // The notice goes to the OLD address, queued in the same transaction as the change.
    const notices = await ownerDb(t.deps.handle)
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.template, 'email_changed'), eq(emailMessages.relatedId, tenant.user.id)));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      toEmail: oldEmail,
      channel: 'outbox',
      relatedType: 'user',
      organizationId: tenant.org.id,
      subject: expect.stringMatching(/sign-in email of your account was changed/),
    });
    expect(notices[0]!.variables).toMatchObject({ user_email: oldEmail, new_email: newEmail });

    const [event, ...more] = await eventsOf(tenant.user.id, 'user.email_changed');
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      organizationId: tenant.org.id,
      actorUserId: tenant.orgAdmin.id,
      actorEmail: tenant.orgAdmin.email,
      targetType: 'user',
      success: true,
    });
    expect(event!.details).toEqual({
      old_email: oldEmail,
      new_email: newEmail,
      target_role: 'standard_user',
      changed_by_role: 'org_admin',
      sessions_ended: 1,
      old_address_notice_id: notices[0]!.id,
    });
    // The change is the security event only, not also a plain `user.updated`.
    expect(await eventsOf(tenant.user.id, 'user.updated')).toEqual([]);

    // The user signs in with the new address; the old one is no account any more.
    expect((await login(oldEmail, tenant.user.password)).statusCode).toBe(401);
    const signedIn = await login(newEmail, tenant.user.password);
    expect(signedIn.statusCode).toBe(200);
    const newSession = signedIn.json().access_token as string;
    expect((await me(newSession)).statusCode).toBe(200);

    // Putting the address back ends the session opened through the other one, and is audited again.
    expect((await patchUser(tenant.orgAdmin.token, tenant.user.id, { email: oldEmail })).statusCode).toBe(200);
    expect((await me(newSession)).statusCode).toBe(401);
    const both = await eventsOf(tenant.user.id, 'user.email_changed');
    expect(both.map((e) => e.details)).toContainEqual(
      expect.objectContaining({ old_email: newEmail, new_email: oldEmail, sessions_ended: 1 }),
    );
  });

  it('sending the same email again changes nothing and ends no session', async () => {
    const tenant = await createTenant(t.deps);
    const res = await patchUser(tenant.orgAdmin.token, tenant.user.id, { email: tenant.user.email });
    expect(res.statusCode).toBe(200);
    expect((await me(tenant.user.token)).statusCode).toBe(200);
    expect(await eventsOf(tenant.user.id, 'user.email_changed')).toEqual([]);
  });
});
