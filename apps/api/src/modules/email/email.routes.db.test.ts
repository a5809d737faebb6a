import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { authSessions } from '../../db/schema';
import { EmailTestBed, PASSWORD_CHANGED_VARS } from '../../test/email';
import { bearer, createTenant, createUser, tokenFor, platformTx } from '../../test/factories';
import { metricsHeaders, type TestApp } from '../../test/harness';
import { ownerDb } from '../../test/test-db';

const bed = EmailTestBed.forFile();

/** A database of its own, for tests that count everything in it. */
async function freshApp(env: Record<string, string>): Promise<TestApp> {
  const own = await EmailTestBed.create();
  fresh.push(own);
  return own.app(env);
}
const fresh: EmailTestBed[] = [];
afterEach(async () => {
  for (const own of fresh.splice(0)) await own.close();
});

async function superAdminToken(t: TestApp): Promise<string> {
  return tokenFor(t.deps, await createUser(t.deps, { role: 'super_admin' }));
}

describe('POST /api/v1/admin/email/test', () => {
  it('sends a test message through the configured server and answers { sent, error }', async () => {
    const smtp = await bed.smtp();
    const t = await bed.app(smtp.env());
    const token = await superAdminToken(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/email/test',
      headers: bearer(token),
      payload: { to: 'ops@example.in' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sent: true, error: null });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['ops@example.in']);
    expect(mail!.parsed.subject).toBe('TRITIQ ERP - Test email');
    expect(mail!.parsed.text).toContain(`can send email through ${smtp.host}`);
  });

  it('answers { sent: false } with the reason when SMTP is not configured', async () => {
    const t = await bed.app({});
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/email/test',
      headers: bearer(await superAdminToken(t)),
      payload: { to: 'ops@example.in' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sent: false, error: 'Email is not configured: SMTP_HOST is not set' });
  });

  it('is refused (403) to everyone but the super admin, and 401 without a token', async () => {
    const smtp = await bed.smtp();
    const t = await bed.app(smtp.env());
    const tenant = await createTenant(t.deps);
    for (const who of [tenant.orgAdmin, tenant.admin, tenant.user]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/email/test',
        headers: bearer(who.token),
        payload: { to: 'ops@example.in' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/admin/email/test', payload: { to: 'ops@example.in' } });
    expect(anonymous.statusCode).toBe(401);
    expect(smtp.dataCount()).toBe(0);
  });

  it('sends nothing for a session that ended after its last request: the session is read before the handler (401)', async () => {
    // The send leaves the database (SMTP), so this route never takes its session check inside a
    // later transaction (lib/principal.ts `sessionCheck`): a revoked session must not send first.
    const smtp = await bed.smtp();
    const t = await bed.app(smtp.env());
    const user = await createUser(t.deps, { role: 'super_admin' });
    const token = await tokenFor(t.deps, user);
    const status = await t.app.inject({ method: 'GET', url: '/api/v1/admin/email/status', headers: bearer(token) });
    expect(status.statusCode).toBe(200);
    await ownerDb(t.deps.handle).update(authSessions).set({ revokedAt: new Date() }).where(eq(authSessions.userId, user.id));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/email/test',
      headers: bearer(token),
      payload: { to: 'ops@example.in' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'TOKEN_INVALID' });
    expect(smtp.dataCount()).toBe(0);
  });

  it('names the bad field (422)', async () => {
    const t = await bed.app({});
    const token = await superAdminToken(t);
    for (const payload of [{ to: 'not an address' }, {}]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/email/test', headers: bearer(token), payload });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'to' })]);
    }
  });
});

describe('GET /api/v1/admin/email/status', () => {
  it('says what is wrong with the configuration, the outbox depth and age, and the last day’s counts', async () => {
    const t = await freshApp({ SMTP_HOST: 'smtp.example.in', SMTP_PORT: 'twenty-five' });
    const token = await superAdminToken(t);
    await platformTx(t.deps, async (tx) => {
      await t.deps.email.enqueue(tx, { template: 'password_changed', to: 'a@example.in', variables: PASSWORD_CHANGED_VARS });
      await t.deps.email.enqueue(tx, { template: 'password_changed', to: 'b@example.in', variables: PASSWORD_CHANGED_VARS });
    });
    t.clock.advance(90_000);
    await t.deps.email.sendNow({ template: 'password_changed', to: 'c@example.in', variables: PASSWORD_CHANGED_VARS });

    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/email/status', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      configured: false,
      problems: ['SMTP_PORT must be a number', 'EMAILS_FROM_EMAIL is not set'],
      smtp: null,
      worker: { in_process: true, running: false },
      outbox: { depth: 2, oldest_pending_age_seconds: 90 },
      last_day: { sent: 0, failed: 1 },
    });
    const tenant = await createTenant(t.deps);
    const forbidden = await t.app.inject({ method: 'GET', url: '/api/v1/admin/email/status', headers: bearer(tenant.orgAdmin.token) });
    expect(forbidden.statusCode).toBe(403);
  });

  it('shows the server (never the password) once configured, and the worker running', async () => {
    const smtp = await bed.smtp({ auth: { user: 'erp', pass: 'smtp-secret-pw' } });
    const t = await freshApp({ ...smtp.env(), SMTP_USERNAME: 'erp', SMTP_PASSWORD: 'smtp-secret-pw' });
    await t.deps.email.startWorker();
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/email/status', headers: bearer(await superAdminToken(t)) });
    expect(res.json()).toMatchObject({
      configured: true,
      problems: [],
      smtp: { host: smtp.host, port: smtp.port, secure: false, from_email: 'erp@tritiq.test', from_name: 'TRITIQ Test' },
      worker: { in_process: true, running: true },
      outbox: { depth: 0, oldest_pending_age_seconds: null },
    });
    expect(res.body).not.toContain('smtp-secret-pw');
  });
});

describe('the email log', () => {
  it('shows admins their organisation’s messages only, and the super admin everyone’s, with filters and pages', async () => {
    const t = await freshApp({});
    const a = await createTenant(t.deps);
    const b = await createTenant(t.deps);
    const queue = (to: string, organizationId: string, relatedId: string) =>
      platformTx(t.deps, (tx) =>
        t.deps.email.enqueue(tx, {
          template: 'password_changed',
          to,
          variables: PASSWORD_CHANGED_VARS,
          organizationId,
          relatedType: 'user',
          relatedId,
        }),
      );
    const a1 = await queue('first@a.example.in', a.org.id, 'ua-1');
    t.clock.advance(1_000);
    const a2 = await queue('second@a.example.in', a.org.id, 'ua-2');
    await queue('only@b.example.in', b.org.id, 'ub-1');
    await t.deps.email.sendNow({
      template: 'password_changed',
      to: 'direct@a.example.in',
      variables: PASSWORD_CHANGED_VARS,
      organizationId: a.org.id,
    });
    const list = (token: string, query = '') =>
      t.app.inject({ method: 'GET', url: `/api/v1/email/messages${query}`, headers: bearer(token) });

    for (const reader of [a.orgAdmin, a.admin]) {
      const res = await list(reader.token);
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBe(3);
      expect(res.json().items.map((m: { to_email: string }) => m.to_email)).toEqual([
        'direct@a.example.in',
        'second@a.example.in',
        'first@a.example.in',
      ]);
    }
    const queued = (await list(a.orgAdmin.token, '?status=queued&channel=outbox&page_size=1&page=2')).json();
    expect(queued).toMatchObject({
      total: 2,
      page: 2,
      page_size: 1,
      items: [{ id: a1.id, status: 'queued', template: 'password_changed', related_type: 'user', related_id: 'ua-1' }],
    });
    expect((await list(a.orgAdmin.token, '?to=SECOND@')).json().items.map((m: { id: string }) => m.id)).toEqual([a2.id]);
    expect((await list(a.orgAdmin.token, '?related_type=user&related_id=ua-2')).json().total).toBe(1);

    const all = (await list(await superAdminToken(t), `?organization_id=${b.org.id}`)).json();
    expect(all.items.map((m: { to_email: string; organization_id: string }) => [m.to_email, m.organization_id])).toEqual([
      ['only@b.example.in', b.org.id],
    ]);
    expect((await list(await superAdminToken(t))).json().total).toBe(4);

    expect((await list(a.orgAdmin.token, `?organization_id=${b.org.id}`)).statusCode).toBe(403);
    expect((await list(a.user.token)).statusCode).toBe(403);

    const one = await t.app.inject({ method: 'GET', url: `/api/v1/email/messages/${a1.id}`, headers: bearer(a.admin.token) });
    expect(one.json()).toMatchObject({
      id: a1.id,
      to_email: 'first@a.example.in',
      attempts: 0,
      last_error: null,
      message_id: expect.stringMatching(/^<.+@.+>$/),
    });
    const elsewhere = await t.app.inject({ method: 'GET', url: `/api/v1/email/messages/${a1.id}`, headers: bearer(b.orgAdmin.token) });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('validates its query, naming the field', async () => {
    const t = await bed.app({});
    const { orgAdmin } = await createTenant(t.deps);
    for (const [query, field] of [
      ['?page=0', 'query.page'],
      ['?page_size=500', 'query.page_size'],
      ['?status=lost', 'query.status'],
      ['?created_from=yesterday', 'query.created_from'],
      ['?organization_id=42', 'query.organization_id'],
      ['?to=a%00b', 'query.to'],
      ['?related_id=%0A', 'query.related_id'],
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/email/messages${query}`, headers: bearer(orgAdmin.token) });
      expect(res.statusCode, query).toBe(422);
      expect(res.json().errors).toEqual([expect.objectContaining({ field })]);
    }
    const badId = await t.app.inject({ method: 'GET', url: '/api/v1/email/messages/42', headers: bearer(orgAdmin.token) });
    expect(badId.statusCode).toBe(422);
  });
});

describe('metrics', () => {
  it('counts sent and failed emails, and exposes the outbox depth and oldest age', async () => {
    const smtp = await bed.smtp({ onRcpt: (to) => (to.startsWith('bounce') ? { code: 550, message: 'no such user' } : undefined) });
    const t = await freshApp(smtp.env());
    await t.deps.email.sendNow({ template: 'password_changed', to: 'ok@example.in', variables: PASSWORD_CHANGED_VARS });
    await t.deps.email.sendNow({ template: 'password_changed', to: 'bounce@example.in', variables: PASSWORD_CHANGED_VARS });
    await platformTx(t.deps, (tx) =>
      t.deps.email.enqueue(tx, { template: 'password_changed', to: 'later@example.in', variables: PASSWORD_CHANGED_VARS }),
    );
    t.clock.advance(30_000);
    const body = (await t.app.inject({ method: 'GET', url: '/metrics', headers: metricsHeaders })).body;
    expect(body).toContain('tritiq_emails_sent_total{channel="direct",template="password_changed"} 1');
    expect(body).toContain('tritiq_emails_failed_total{channel="direct",template="password_changed"} 1');
    expect(body).toMatch(/^tritiq_email_outbox_depth 1$/m);
    expect(body).toMatch(/^tritiq_email_outbox_oldest_age_seconds 30$/m);
  });
});
