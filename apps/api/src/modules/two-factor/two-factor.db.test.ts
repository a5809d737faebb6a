import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, userRecoveryCodes, userTwoFactor } from '../../db/schema';
import { bearer, createTenant, createUser, tokenFor, type TestUser } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { totpAt } from './totp';
import { ownerDb } from '../../test/test-db';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '100000' } });
});
afterAll(() => t.close());

type Json = Record<string, unknown>;
const post = (url: string, payload?: object, token?: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: token ? bearer(token) : {}, ...(payload ? { payload } : {}) });
const get = (url: string, token: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: bearer(token) });
const login = (user: { email: string; password: string }) => post('/auth/login', { email: user.email, password: user.password });
const codeNow = (secret: string) => totpAt(secret, t.clock.now());
/** The next 30-second step: a code not used yet (each step's code works once). */
const nextStep = () => t.clock.advance(30_000);

async function enrol(user: { token: string }): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await post('/auth/two-factor/setup', undefined, user.token);
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret } = setup.json() as { secret: string };
  const enabled = await post('/auth/two-factor/enable', { code: codeNow(secret) }, user.token);
  expect(enabled.statusCode, enabled.body).toBe(200);
  nextStep();
  return { secret, recoveryCodes: (enabled.json() as { recovery_codes: string[] }).recovery_codes };
}

async function challengeOf(user: { email: string; password: string }): Promise<string> {
  const res = await login(user);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as Json;
  expect(body).toMatchObject({ two_factor_required: true, enrolment_required: false });
  expect(body).not.toHaveProperty('access_token');
  expect(res.cookies.find((c) => c.name === 'tritiq_at')).toBeUndefined();
  return body.challenge_token as string;
}

async function eventsOf(action: string, targetId: string) {
  return ownerDb(t.handle)
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)));
}

describe('enrolment from the security page', () => {
  it('answers a secret, its otpauth URI and QR code; the first right code turns it on with ten one-time recovery codes', async () => {
    const tenant = await createTenant(t.deps);
    const setup = await post('/auth/two-factor/setup', undefined, tenant.user.token);
    expect(setup.statusCode).toBe(200);
    const body = setup.json() as { secret: string; otpauth_uri: string; qr_svg: string };
    expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.otpauth_uri).toBe(
      `otpauth://totp/TRITIQ%20ERP:${encodeURIComponent(tenant.user.email)}?secret=${body.secret}&issuer=TRITIQ+ERP&algorithm=SHA1&digits=6&period=30`,
    );
    expect(body.qr_svg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);

    // Nothing is on until a code confirms it: sign-in is still one step.
    expect((await login(tenant.user)).json()).toHaveProperty('access_token');

    const wrongCode = String((Number(codeNow(body.secret)) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await post('/auth/two-factor/enable', { code: wrongCode }, tenant.user.token);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ field: 'code', message: expect.stringContaining('is incorrect') }]);
    const bad = await post('/auth/two-factor/enable', { code: '12ab' }, tenant.user.token);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('code');

    const enabled = await post('/auth/two-factor/enable', { code: codeNow(body.secret) }, tenant.user.token);
    expect(enabled.statusCode).toBe(200);
    const codes = (enabled.json() as { recovery_codes: string[] }).recovery_codes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);

    // At rest: the secret is sealed, the recovery codes are hashes.
    const [row] = await ownerDb(t.handle).select().from(userTwoFactor).where(eq(userTwoFactor.userId, tenant.user.id));
    expect(row!.enabledAt).not.toBeNull();
    expect(row!.organizationId).toBe(tenant.org.id);
    expect(row!.secretSealed).not.toContain(body.secret);
    const stored = await ownerDb(t.handle).select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, tenant.user.id));
    expect(stored).toHaveLength(10);
    const storedText = JSON.stringify(stored);
    for (const code of codes) {
      expect(storedText).not.toContain(code);
      expect(storedText).not.toContain(code.replace('-', ''));
    }

    const status = await get('/auth/two-factor', tenant.user.token);
    expect(status.json()).toMatchObject({ enabled: true, required: false, recovery_codes_left: 10 });
    const again = await post('/auth/two-factor/setup', undefined, tenant.user.token);
    expect(again.statusCode).toBe(409);
    const [event] = await eventsOf('two_factor.enabled', tenant.user.id);
    expect(event).toMatchObject({ organizationId: tenant.org.id, actorUserId: tenant.user.id, success: true });
  });
});

describe('signing in with a second factor', () => {
  it('answers a challenge instead of a session after the password, and a session after the code', async () => {
    const tenant = await createTenant(t.deps);
    const { secret } = await enrol(tenant.user);
    const challenge = await challengeOf(tenant.user);
    const res = await post('/auth/two-factor/verify', { challenge_token: challenge, code: codeNow(secret) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { access_token: string; user: { id: string } };
    expect(body.user.id).toBe(tenant.user.id);
    expect(res.cookies.find((c) => c.name === 'tritiq_at')?.value).toBe(body.access_token);
    expect((await get('/auth/me', body.access_token)).statusCode).toBe(200);
    const logins = await eventsOf('auth.login', tenant.user.id);
    expect(logins.map((e) => e.details)).toContainEqual(expect.objectContaining({ second_factor: 'totp' }));
    // A challenge signs in once.
    nextStep();
    const reuse = await post('/auth/two-factor/verify', { challenge_token: challenge, code: codeNow(secret) });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('TOKEN_INVALID');
  });

  it("refuses a code that already signed in (replay), and takes the next step's code", async () => {
    const tenant = await createTenant(t.deps);
    const { secret } = await enrol(tenant.user);
    const code = codeNow(secret);
    expect((await post('/auth/two-factor/verify', { challenge_token: await challengeOf(tenant.user), code })).statusCode).toBe(200);
    const replay = await post('/auth/two-factor/verify', { challenge_token: await challengeOf(tenant.user), code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      errors: [{ field: 'code', message: expect.stringContaining('already used') }],
    });
    // An earlier step's code (still inside the clock-drift window) is refused too once a later one was used.
    const earlier = totpAt(secret, new Date(t.clock.now().getTime() - 30_000));
    expect((await post('/auth/two-factor/verify', { challenge_token: await challengeOf(tenant.user), code: earlier })).statusCode).toBe(
      401,
    );
    nextStep();
    expect(
      (await post('/auth/two-factor/verify', { challenge_token: await challengeOf(tenant.user), code: codeNow(secret) })).statusCode,
    ).toBe(200);
  });

  it('takes each recovery code once, and counts what is left', async () => {
    const tenant = await createTenant(t.deps);
    const { recoveryCodes } = await enrol(tenant.user);
    const code = recoveryCodes[3]!;
    const first = await post('/auth/two-factor/verify', {
      challenge_token: await challengeOf(tenant.user),
      recovery_code: code.toLowerCase(),
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await post('/auth/two-factor/verify', { challenge_token: await challengeOf(tenant.user), recovery_code: code });
    expect(second.statusCode).toBe(401);
    expect(second.json().errors[0].field).toBe('recovery_code');
    expect((await get('/auth/two-factor', tenant.user.token)).json()).toMatchObject({ recovery_codes_left: 9 });
    const [used] = await eventsOf('two_factor.recovery_code_used', tenant.user.id);
    expect(used!.details).toEqual({ recovery_codes_left: 9 });
    const both = await post('/auth/two-factor/verify', {
      challenge_token: await challengeOf(tenant.user),
      code: '123456',
      recovery_code: code,
    });
    expect(both.statusCode).toBe(422);
  });

  it('spends a challenge after five wrong codes, and locks the second step after ten in 30 minutes', async () => {
    const tenant = await createTenant(t.deps);
    const { secret } = await enrol(tenant.user);
    const wrongCode = () => String((Number(codeNow(secret)) + 500_000) % 1_000_000).padStart(6, '0');
    const challenge = await challengeOf(tenant.user);
    for (let i = 1; i <= 4; i++) {
      const res = await post('/auth/two-factor/verify', { challenge_token: challenge, code: wrongCode() });
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toContain(`${5 - i} attempts left`);
    }
    const fifth = await post('/auth/two-factor/verify', { challenge_token: challenge, code: wrongCode() });
    expect(fifth.json()).toMatchObject({ code: 'TOKEN_INVALID' });
    // The spent challenge refuses even the right code.
    expect((await post('/auth/two-factor/verify', { challenge_token: challenge, code: codeNow(secret) })).statusCode).toBe(401);

    const another = await challengeOf(tenant.user);
    for (let i = 0; i < 5; i++) await post('/auth/two-factor/verify', { challenge_token: another, code: wrongCode() });
    // Ten wrong codes: the password step itself answers 423 now, and so would any open challenge.
    const locked = await login(tenant.user);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    const failures = await eventsOf('auth.second_factor_failed', tenant.user.id);
    expect(failures).toHaveLength(10);
    expect(failures.every((e) => e.success === false)).toBe(true);

    t.clock.advance(31 * 60 * 1000);
    const after = await post('/auth/two-factor/verify', { challenge_token: await challengeOf(tenant.user), code: codeNow(secret) });
    expect(after.statusCode).toBe(200);
  });

  it('refuses an expired challenge', async () => {
    const tenant = await createTenant(t.deps);
    const { secret } = await enrol(tenant.user);
    const challenge = await challengeOf(tenant.user);
    t.clock.advance(5 * 60 * 1000 + 1000);
    const res = await post('/auth/two-factor/verify', { challenge_token: challenge, code: codeNow(secret) });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('TOKEN_INVALID');
  });
});

describe('turning it off', () => {
  it('needs the password and a current code; then sign-in is one step again', async () => {
    const tenant = await createTenant(t.deps);
    const { secret } = await enrol(tenant.user);
    const wrongPassword = await post('/auth/two-factor/disable', { password: 'not-my-password', code: codeNow(secret) }, tenant.user.token);
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().errors).toEqual([{ field: 'password', message: 'is incorrect' }]);
    const wrongCode = await post(
      '/auth/two-factor/disable',
      { password: tenant.user.password, code: String((Number(codeNow(secret)) + 1) % 1_000_000).padStart(6, '0') },
      tenant.user.token,
    );
    expect(wrongCode.statusCode).toBe(400);
    expect(wrongCode.json().errors[0].field).toBe('code');
    const noCode = await post('/auth/two-factor/disable', { password: tenant.user.password }, tenant.user.token);
    expect(noCode.statusCode).toBe(422);
    expect((await get('/auth/two-factor', tenant.user.token)).json()).toMatchObject({ enabled: true });

    // A second session, opened with both factors (another browser): turning the factor off ends it.
    nextStep();
    const other = await post('/auth/two-factor/verify', { challenge_token: await challengeOf(tenant.user), code: codeNow(secret) });
    expect(other.statusCode, other.body).toBe(200);
    const otherToken = (other.json() as { access_token: string }).access_token;
    expect((await get('/auth/me', otherToken)).statusCode).toBe(200);
    nextStep();

    const off = await post('/auth/two-factor/disable', { password: tenant.user.password, code: codeNow(secret) }, tenant.user.token);
    expect(off.statusCode, off.body).toBe(200);
    expect((await get('/auth/two-factor', tenant.user.token)).json()).toMatchObject({ enabled: false, recovery_codes_left: 0 });
    expect((await get('/auth/me', otherToken)).statusCode).toBe(401);
    expect((await login(tenant.user)).json()).toHaveProperty('access_token');
    const disabled = await eventsOf('two_factor.disabled', tenant.user.id);
    expect(disabled.map((e) => e.details)).toEqual([{ other_sessions_ended: 1 }]);
    expect((await eventsOf('two_factor.disable_failed', tenant.user.id)).map((e) => e.details)).toEqual([
      { reason: 'wrong_password' },
      { reason: 'wrong_code' },
    ]);
    expect(await ownerDb(t.handle).select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, tenant.user.id))).toHaveLength(0);
  });
});

describe("an org admin resets another user's second factor", () => {
  it('removes it, audited with who did it; only for users of their own organisation', async () => {
    const a = await createTenant(t.deps);
    const b = await createTenant(t.deps);
    await enrol(a.user);
    expect((await get(`/users/${a.user.id}/two-factor`, a.admin.token)).json()).toMatchObject({ user_id: a.user.id, enabled: true });
    expect((await get(`/users/${a.user.id}/two-factor`, b.orgAdmin.token)).statusCode).toBe(404);
    const del = (target: string, token: string) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/users/${target}/two-factor`, headers: bearer(token) });
    expect((await del(a.user.id, a.admin.token)).statusCode).toBe(403);
    expect((await del(a.user.id, b.orgAdmin.token)).statusCode).toBe(404);
    expect((await del(a.orgAdmin.id, a.orgAdmin.token)).statusCode).toBe(403);
    expect((await get('/auth/two-factor', a.user.token)).json()).toMatchObject({ enabled: true });

    const reset = await del(a.user.id, a.orgAdmin.token);
    expect(reset.statusCode, reset.body).toBe(200);
    // Whoever holds the lost phone may be signed in: the user's sessions end with the factor.
    expect((await get('/auth/me', a.user.token)).statusCode).toBe(401);
    expect((await get(`/users/${a.user.id}/two-factor`, a.orgAdmin.token)).json()).toMatchObject({ enabled: false });
    expect((await login(a.user)).json()).toHaveProperty('access_token');
    const [event] = await eventsOf('two_factor.reset', a.user.id);
    expect(event).toMatchObject({ organizationId: a.org.id, actorUserId: a.orgAdmin.id, actorEmail: a.orgAdmin.email });
    expect(event!.details).toEqual({ user_email: a.user.email, was_enabled: true, sessions_ended: 1 });
    expect((await del(a.user.id, a.orgAdmin.token)).statusCode).toBe(409);
  });

  it("lets a super admin reset anyone's (another super admin's, an org admin's), audited as the platform's act", async () => {
    const tenant = await createTenant(t.deps);
    const { secret } = await enrol(tenant.orgAdmin);
    const saUser = await createUser(t.deps, { role: 'super_admin' });
    const sa = { ...saUser, token: await tokenFor(t.deps, saUser) };
    const del = (target: string, token: string) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/admin/users/${target}/two-factor`, headers: bearer(token) });
    expect((await del(tenant.orgAdmin.id, tenant.orgAdmin.token)).statusCode).toBe(403);
    expect((await del(sa.id, sa.token)).statusCode).toBe(403);
    const reset = await del(tenant.orgAdmin.id, sa.token);
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await get('/auth/me', tenant.orgAdmin.token)).statusCode).toBe(401);
    expect((await login(tenant.orgAdmin)).json()).toHaveProperty('access_token');
    const [event] = await eventsOf('two_factor.reset', tenant.orgAdmin.id);
    expect(event).toMatchObject({ organizationId: tenant.org.id, actorUserId: sa.id });
    expect(event!.details).toMatchObject({ by_platform: true, was_enabled: true, sessions_ended: 1 });
    expect(secret).toMatch(/^[A-Z2-7]+$/);
  });
});

describe('a required second factor', () => {
  it("makes the organisation's admins enrol at sign-in; standard users are not affected", async () => {
    const tenant = await createTenant(t.deps);
    const put = (body: object, token: string) =>
      t.app.inject({ method: 'PUT', url: '/api/v1/organization/two-factor-policy', headers: bearer(token), payload: body });
    expect((await put({ require_for_admins: true }, tenant.admin.token)).statusCode).toBe(403);
    const set = await put({ require_for_admins: true }, tenant.orgAdmin.token);
    expect(set.json()).toEqual({ require_for_admins: true });
    expect((await get('/organization/two-factor-policy', tenant.user.token)).json()).toEqual({ require_for_admins: true });
    const [changed] = await eventsOf('organization.two_factor_policy_changed', tenant.org.id);
    expect(changed).toMatchObject({ actorUserId: tenant.orgAdmin.id, details: { require_for_admins: { from: false, to: true } } });

    expect((await login(tenant.user)).json()).toHaveProperty('access_token');
    const res = await login(tenant.admin);
    const body = res.json() as Json;
    expect(body).toMatchObject({ two_factor_required: true, enrolment_required: true });
    const challenge = body.challenge_token as string;
    // An enrolment challenge is not a sign-in: it cannot be answered with a code before a factor exists.
    expect((await post('/auth/two-factor/verify', { challenge_token: challenge, code: '123456' })).statusCode).toBe(401);
    const early = await post('/auth/two-factor/enrolment/enable', { challenge_token: challenge, code: '123456' });
    expect(early.statusCode).toBe(409);

    const setup = await post('/auth/two-factor/enrolment/setup', { challenge_token: challenge });
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret } = setup.json() as { secret: string };
    const done = await post('/auth/two-factor/enrolment/enable', { challenge_token: challenge, code: codeNow(secret) });
    expect(done.statusCode, done.body).toBe(200);
    const signedIn = done.json() as { access_token: string; recovery_codes: string[] };
    expect(signedIn.recovery_codes).toHaveLength(10);
    expect((await get('/auth/two-factor', signedIn.access_token)).json()).toMatchObject({ enabled: true, required: true });

    // Required: cannot be turned off by its owner.
    nextStep();
    const off = await post('/auth/two-factor/disable', { password: tenant.admin.password, code: codeNow(secret) }, signedIn.access_token);
    expect(off.statusCode).toBe(409);
    // The next sign-in asks for the code.
    expect(await challengeOf(tenant.admin)).toEqual(expect.any(String));
  });

  it('makes super admins enrol when the platform requires it (SUPER_ADMIN_REQUIRE_TWO_FACTOR)', async () => {
    const strict = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '100000', SUPER_ADMIN_REQUIRE_TWO_FACTOR: 'true' } });
    try {
      const sa: TestUser = await createUser(strict.deps, { role: 'super_admin' });
      const res = await strict.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: sa.email, password: sa.password },
      });
      expect(res.json()).toMatchObject({ two_factor_required: true, enrolment_required: true });
      const tenant = await createTenant(strict.deps);
      const orgAdmin = await strict.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: tenant.orgAdmin.email, password: tenant.orgAdmin.password },
      });
      expect(orgAdmin.json()).toHaveProperty('access_token');
    } finally {
      await strict.close();
    }
    // Without the setting a super admin signs in with the password alone.
    const sa = await createUser(t.deps, { role: 'super_admin' });
    expect((await login(sa)).json()).toHaveProperty('access_token');
    expect((await get('/auth/two-factor', await tokenFor(t.deps, sa))).json()).toMatchObject({ enabled: false, required: false });
  });
});

describe('the per-address rate limit', () => {
  it('covers the second step like the password step (429 once the limit is spent)', async () => {
    const limited = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '3', AUTH_RATE_LIMIT_WINDOW_SECONDS: '600' } });
    try {
      const verify = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/two-factor/verify',
          payload: { challenge_token: 'x'.repeat(43), code: '123456' },
          remoteAddress: '203.0.113.77',
        });
      for (let i = 0; i < 3; i++) expect((await verify()).statusCode).toBe(401);
      const refused = await verify();
      expect(refused.statusCode).toBe(429);
      expect(refused.json().code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});
