import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema';
import { bearer, createTenant, createUser, tokenFor } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { closedPort, startTestSmtpServer, waitUntil, type ReceivedMail, type TestSmtpServer } from '../../test/smtp';
import { FAST_EMAIL_ENV } from '../../test/email';
import { ownerDb } from '../../test/test-db';

/**
 * The accounts emails end to end: a real SMTP server on loopback receives what the product sends,
 * parsed with mailparser.
 */
let smtp: TestSmtpServer;
let t: TestApp;
let superAdmin: { email: string; token: string };
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await buildTestApp({ env: { ...FAST_EMAIL_ENV, ...smtp.env(), AUTH_RATE_LIMIT_MAX: '100000' } });
  const sa = await createUser(t.deps, { role: 'super_admin', fullName: 'Platform Operator' });
  superAdmin = { email: sa.email, token: await tokenFor(t.deps, sa) };
  expect(await t.deps.email.startWorker()).toBe(true);
});
afterAll(async () => {
  await t.deps.email.stop();
  await t.close();
  await smtp.close();
});

/** The HTML part's text with Handlebars' escapes undone (`=` arrives as `&#x3D;`). */
function htmlText(html: string | false | undefined): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#x60': '`', '#x3D': '=' };
  return String(html).replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, (_, e: string) => entities[e] ?? _);
}

async function mailTo(address: string, subject: RegExp): Promise<ReceivedMail> {
  return waitUntil(`an email "${subject}" to ${address}`, async () =>
    smtp.received.find((m) => m.to.includes(address) && subject.test(m.parsed.subject ?? '')),
  );
}

describe('the reset contract, by email', () => {
  it('the password_reset email arrives with the same password the answer showed, every variable filled', async () => {
    const tenant = await createTenant(t.deps);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/reset-password',
      headers: bearer(superAdmin.token),
      payload: { user_email: tenant.orgAdmin.email },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ email_sent: true, email_error: null, must_change_password: true });
    const mail = await mailTo(tenant.orgAdmin.email, /Password Reset/);
    const text = mail.parsed.text ?? '';
    expect(text).toContain(`Your new password: ${body.new_password}`);
    expect(htmlText(mail.parsed.html)).toContain(body.new_password);
    expect(text).toContain('Dear Test org_admin');
    expect(text).toContain(`Email:        ${tenant.orgAdmin.email}`);
    expect(text).toContain(`Organisation: ${tenant.org.name}`);
    expect(text).toContain('Reset by:     Platform Operator');
    expect(text).toContain(`at ${superAdmin.email}`);
    expect(text).toMatch(/reset by a system administrator on \d{2} \w{3} \d{4} at \d{2}:\d{2} IST/);
    expect(text).not.toMatch(/\{\{|undefined|null/);
    // The password is in the one response and the one email, nowhere else.
    expect(t.logs.text()).not.toContain(body.new_password);
    const events = await ownerDb(t.deps.handle).select().from(auditEvents).where(eq(auditEvents.targetId, tenant.orgAdmin.id));
    expect(JSON.stringify(events)).not.toContain(body.new_password);
    expect(events.find((e) => e.action === 'user.password_reset_email')!.details).toMatchObject({ email_sent: true, email_error: null });
  });

  it('when the email cannot be sent, the reset holds and the answer names the reason', async () => {
    const down = await buildTestApp({
      handle: t.handle,
      env: { ...FAST_EMAIL_ENV, ...smtp.env(), SMTP_PORT: String(await closedPort()), AUTH_RATE_LIMIT_MAX: '100000' },
    });
    try {
      const tenant = await createTenant(down.deps);
      const sa = await createUser(down.deps, { role: 'super_admin' });
      const res = await down.app.inject({
        method: 'POST',
        url: '/api/v1/admin/reset-password',
        headers: bearer(await tokenFor(down.deps, sa)),
        payload: { user_email: tenant.orgAdmin.email },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ email_sent: false, email_error: expect.stringMatching(/refused/i), must_change_password: true });
      const login = await down.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: tenant.orgAdmin.email, password: res.json().new_password },
      });
      expect(login.statusCode).toBe(200);
      // This organisation's admin, not "the first such event": an earlier test wrote one too.
      const events = await ownerDb(down.deps.handle)
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'user.password_reset_email'), eq(auditEvents.targetId, tenant.orgAdmin.id)));
      expect(events).toHaveLength(1);
      expect(events[0]!.success).toBe(false);
      expect(events[0]!.details).toMatchObject({
        target_email: tenant.orgAdmin.email,
        email_sent: false,
        email_error: expect.stringMatching(/refused/i),
      });
    } finally {
      await down.app.close();
    }
  });
});

describe('welcome emails', () => {
  it('a new licence: licence_welcome to the admin with the temporary password from the answer', async () => {
    const u = Date.now().toString(36);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: bearer(superAdmin.token),
      payload: { name: `Welcome Traders ${u}`, admin_email: `owner-${u}@example.test`, admin_full_name: 'Asha Rao' },
    });
    expect(res.json()).toMatchObject({ email_sent: true, email_error: null });
    const mail = await mailTo(`owner-${u}@example.test`, /account is ready/);
    expect(mail.parsed.text).toContain(`Temporary password: ${res.json().temporary_password}`);
    expect(mail.parsed.text).toContain(`Welcome Traders ${u}`);
  });

  it('a new user: user_welcome with the temporary password from the answer', async () => {
    const tenant = await createTenant(t.deps);
    const email = `clerk-${Date.now().toString(36)}@example.test`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(tenant.orgAdmin.token),
      payload: { email, full_name: 'Ravi Kumar' },
    });
    expect(res.json()).toMatchObject({ email_sent: true });
    const mail = await mailTo(email, /your account at/);
    expect(mail.parsed.text).toContain(`Temporary password: ${res.json().temporary_password}`);
    expect(mail.parsed.text).toContain('Dear Ravi Kumar');
  });
});

describe('forgot password, by email', () => {
  it('the code arrives, resets the password once, and a password_changed notice follows through the outbox', async () => {
    const tenant = await createTenant(t.deps);
    const forgot = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email: tenant.user.email } });
    expect(forgot.statusCode).toBe(200);
    const mail = await mailTo(tenant.user.email, /reset code/);
    const code = /^\s+(\d{6})\s*$/m.exec(mail.parsed.text ?? '')![1]!;
    expect(t.logs.text()).not.toContain(code);
    const reset = (c: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password/reset',
        payload: { email: tenant.user.email, code: c, new_password: 'Recovered-Pass-77' },
      });
    expect((await reset(code)).statusCode).toBe(200);
    expect((await reset(code)).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(tenant.user.token) })).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: tenant.user.email, password: 'Recovered-Pass-77' },
    });
    expect(login.statusCode).toBe(200);
    const notice = await mailTo(tenant.user.email, /password was changed/);
    expect(notice.parsed.text).toContain(tenant.user.email);
    expect(notice.parsed.text).not.toContain('Recovered-Pass-77');
  });

  it("changing one's own password queues the password_changed notice in the same transaction", async () => {
    const tenant = await createTenant(t.deps);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/change-password',
      headers: bearer(tenant.admin.token),
      payload: { current_password: tenant.admin.password, new_password: 'Changed-By-Me-55' },
    });
    expect(res.statusCode).toBe(200);
    const notice = await mailTo(tenant.admin.email, /password was changed/);
    expect(notice.parsed.text).toMatch(/changed on \d{2} \w{3} \d{4} at \d{2}:\d{2} IST/);
  });
});
