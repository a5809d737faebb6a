import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, authSessions } from '../../db/schema';
import { bearer, createTenant, createUser, TEST_PASSWORD, tokenFor } from '../../test/factories';
import { buildTestApp, TEST_SECRET_KEY, type TestApp } from '../../test/harness';
import { REFRESH_REUSE_GRACE_MS } from './refresh-session';
import { ownerDb } from '../../test/test-db';

let t: TestApp;
const ORIGIN = 'http://web.example.test';
beforeAll(async () => {
  t = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '100000', TRUSTED_ORIGINS: ORIGIN } });
});
afterAll(() => t.close());

async function signIn(email: string, password = TEST_PASSWORD) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  expect(res.statusCode).toBe(200);
  const cookie = (name: string) => res.cookies.find((c) => c.name === name)!.value;
  return { token: res.json().access_token as string, at: cookie('tritiq_at'), rt: cookie('tritiq_rt') };
}

const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });

describe('token tampering', () => {
  it('a changed payload, alg none, a wrong key and an expired token are all 401', async () => {
    const tenant = await createTenant(t.deps);
    const good = tenant.orgAdmin.token;
    expect((await me(bearer(good))).statusCode).toBe(200);
    const [header, payload, signature] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());

    const raised = Buffer.from(JSON.stringify({ ...claims, role: 'super_admin', org: null })).toString('base64url');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const wrongKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('another-secret-key-of-sufficient-length!!'));
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const expired = await new SignJWT({ ...claims, iat: now - 7200, exp: now - 3600 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(TEST_SECRET_KEY));
    for (const [name, token] of [
      ['changed payload', `${header}.${raised}.${signature}`],
      ['alg none', none],
      ['wrong key', wrongKey],
      ['expired', expired],
      ['garbage', 'not.a.jwt'],
    ] as const) {
      const res = await me(bearer(token));
      expect(res.statusCode, name).toBe(401);
      expect(res.json().code, name).toBe('TOKEN_INVALID');
    }
  });

  it('a correctly signed token whose ids are not UUIDs is 401, not a 422 from the database (found by the fuzzer)', async () => {
    const tenant = await createTenant(t.deps);
    for (const [name, claims] of [
      ['session id', { sub: tenant.user.id, sid: `${tenant.user.id}'--`, role: 'standard_user', org: tenant.org.id }],
      ['user id', { sub: 'x', sid: 'y', role: 'super_admin', org: null }],
    ] as const) {
      const token = await t.deps.tokens.signAccessToken(claims);
      const res = await me(bearer(token));
      expect(res.statusCode, name).toBe(401);
      expect(res.json(), name).toMatchObject({ code: 'TOKEN_INVALID', detail: 'Invalid access token' });
    }
  });

  it('a correctly signed token claiming a higher role or another organisation acts as its session user', async () => {
    const tenant = await createTenant(t.deps);
    const other = await createTenant(t.deps);
    const [session] = await ownerDb(t.deps.handle)
      .insert(authSessions)
      .values({ userId: tenant.user.id, organizationId: tenant.org.id, expiresAt: new Date(t.clock.now().getTime() + 3_600_000) })
      .returning({ id: authSessions.id });
    const token = await t.deps.tokens.signAccessToken({ sub: tenant.user.id, sid: session!.id, role: 'super_admin', org: other.org.id });
    const res = await me(bearer(token));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: tenant.user.id, role: 'standard_user', organization_id: tenant.org.id });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: bearer(token) })).statusCode).toBe(403);
  });

  it('a route without a body ignores a deeply nested one instead of failing with 500 (found by the fuzzer)', async () => {
    const payload = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'No session cookie: sign in' });
  });

  it('a token expires after ACCESS_TOKEN_EXPIRE_MINUTES', async () => {
    const tenant = await createTenant(t.deps);
    const { token } = await signIn(tenant.user.email);
    t.clock.advance(30 * 60 * 1000 + 1000);
    const res = await me(bearer(token));
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('Access token has expired');
  });
});

describe('browser sessions: cookies, refresh, CSRF', () => {
  it('the access cookie authenticates reads; changes need a trusted Origin', async () => {
    const tenant = await createTenant(t.deps);
    const s = await signIn(tenant.orgAdmin.email);
    const cookies = { tritiq_at: s.at };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies })).statusCode).toBe(200);
    const patch = (headers: Record<string, string>) =>
      t.app.inject({ method: 'PATCH', url: '/api/v1/organization/settings', cookies, headers, payload: { sales_prefix: 'INV' } });
    const noOrigin = await patch({});
    expect(noOrigin.statusCode).toBe(403);
    expect(noOrigin.json().code).toBe('CSRF_REJECTED');
    const evil = await patch({ origin: 'https://evil.example' });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().code).toBe('CSRF_REJECTED');
    expect((await patch({ origin: ORIGIN })).statusCode).toBe(200);
    expect((await patch({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
    // A bearer token is not a browser credential: no Origin needed.
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: '/api/v1/organization/settings',
          headers: bearer(s.token),
          payload: { sales_prefix: 'SI' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refresh rotates the refresh token; replaying an old one ends the session', async () => {
    const tenant = await createTenant(t.deps);
    const s = await signIn(tenant.user.email);
    const refresh = (rt: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { tritiq_rt: rt }, headers: { origin: ORIGIN } });
    const first = await refresh(s.rt);
    expect(first.statusCode).toBe(200);
    const rt2 = first.cookies.find((c) => c.name === 'tritiq_rt')!.value;
    expect(rt2).not.toBe(s.rt);
    expect((await me(bearer(first.json().access_token))).statusCode).toBe(200);

    // Two tabs racing: the loser is refused, the session lives.
    const racing = await refresh(s.rt);
    expect(racing.statusCode).toBe(401);
    expect((await me(bearer(first.json().access_token))).statusCode).toBe(200);

    // Later, the old token again is theft: the whole session ends, for the thief and the owner.
    t.clock.advance(REFRESH_REUSE_GRACE_MS + 1000);
    const replay = await refresh(s.rt);
    expect(replay.statusCode).toBe(401);
    expect((await refresh(rt2)).statusCode).toBe(401);
    expect((await me(bearer(first.json().access_token))).statusCode).toBe(401);
    const sessions = await ownerDb(t.deps.handle).select().from(authSessions).where(eq(authSessions.userId, tenant.user.id));
    const session = sessions.find((row) => row.revokeReason === 'refresh_token_reused');
    expect(session).toBeDefined();
    const events = await ownerDb(t.deps.handle).select().from(auditEvents).where(eq(auditEvents.action, 'auth.refresh_token_reused'));
    expect(events.some((e) => e.targetId === session!.id)).toBe(true);
  });

  it('refresh needs the cookie, a trusted origin, and a live session within 12 hours', async () => {
    const tenant = await createTenant(t.deps);
    const s = await signIn(tenant.user.email);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh' })).statusCode).toBe(401);
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      cookies: { tritiq_rt: s.rt },
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.statusCode).toBe(403);
    t.clock.advance(12 * 3600 * 1000 + 1000);
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      cookies: { tritiq_rt: s.rt },
      headers: { origin: ORIGIN },
    });
    expect(late.statusCode).toBe(401);
  });

  it('logout ends the session and clears both cookies; also with only the refresh cookie', async () => {
    const tenant = await createTenant(t.deps);
    const s = await signIn(tenant.user.email);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(s.token) });
    expect(out.statusCode).toBe(200);
    const cleared = out.cookies.filter((c) => ['tritiq_at', 'tritiq_rt'].includes(c.name));
    expect(cleared.map((c) => c.value)).toEqual(['', '']);
    expect((await me(bearer(s.token))).statusCode).toBe(401);

    const s2 = await signIn(tenant.user.email);
    t.clock.advance(31 * 60 * 1000);
    const byRefresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { tritiq_at: s2.at, tritiq_rt: s2.rt },
      headers: { origin: ORIGIN },
    });
    expect(byRefresh.statusCode).toBe(200);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      cookies: { tritiq_rt: s2.rt },
      headers: { origin: ORIGIN },
    });
    expect(again.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(401);
  });
});

describe('log out everywhere', () => {
  it('ends every session of the caller and no one else', async () => {
    const tenant = await createTenant(t.deps);
    const phone = await signIn(tenant.user.email);
    const laptop = await signIn(tenant.user.email);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: bearer(laptop.token) });
    expect(res.statusCode).toBe(200);
    expect(res.json().message).toBe('Signed out of 3 sessions');
    for (const token of [phone.token, laptop.token, tenant.user.token]) expect((await me(bearer(token))).statusCode).toBe(401);
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      cookies: { tritiq_rt: phone.rt },
      headers: { origin: ORIGIN },
    });
    expect(refresh.statusCode).toBe(401);
    expect((await me(bearer(tenant.admin.token))).statusCode).toBe(200);
  });
});

describe('change password', () => {
  it('needs the current password unless forced; names what the new one lacks; ends other sessions', async () => {
    const tenant = await createTenant(t.deps);
    const other = await signIn(tenant.user.email);
    const change = (payload: object, token = tenant.user.token) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/change-password', headers: bearer(token), payload });
    const missing = await change({ new_password: 'Another-Pass-99' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([{ field: 'current_password', message: 'is required' }]);
    const wrong = await change({ current_password: 'Nope-Nope-99', new_password: 'Another-Pass-99' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().detail).toBe('Current password is incorrect');
    const weak = await change({ current_password: TEST_PASSWORD, new_password: 'password' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().detail).toMatch(
      /^Password must contain an upper-case letter, contain a digit, contain a special character .* and not be a commonly used password/,
    );
    const same = await change({ current_password: TEST_PASSWORD, new_password: TEST_PASSWORD });
    expect(same.statusCode).toBe(422);
    const named = await createUser(t.deps, {
      role: 'standard_user',
      organizationId: tenant.org.id,
      email: `asha.rao.${Date.now()}@example.test`,
    });
    const email = await change(
      { current_password: TEST_PASSWORD, new_password: named.email.replace(/^a/, 'A') },
      await tokenFor(t.deps, named),
    );
    expect(email.statusCode).toBe(422);
    expect(email.json().errors).toEqual([{ field: 'new_password', message: 'must not be your email address' }]);
    const mismatch = await change({
      current_password: TEST_PASSWORD,
      new_password: 'Another-Pass-99',
      confirm_password: 'Another-Pass-98',
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().errors).toEqual([{ field: 'confirm_password', message: 'Passwords do not match' }]);

    const ok = await change({ current_password: TEST_PASSWORD, new_password: 'Another-Pass-99' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ message: 'Password changed successfully', must_change_password: false, token_type: 'bearer' });
    expect((await me(bearer(tenant.user.token))).statusCode).toBe(401);
    expect((await me(bearer(other.token))).statusCode).toBe(401);
    expect((await me(bearer(ok.json().access_token))).statusCode).toBe(200);
    const relogin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: tenant.user.email, password: 'Another-Pass-99' },
    });
    expect(relogin.statusCode).toBe(200);
    expect(t.logs.text()).not.toContain('Another-Pass-99');
  });

  it('wrong current passwords count towards the lockout, so a stolen session cannot guess the password', async () => {
    const tenant = await createTenant(t.deps);
    const change = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/change-password',
        headers: bearer(tenant.user.token),
        payload: { current_password: 'Guess-Wrong-123', new_password: 'Another-Pass-99' },
      });
    for (let i = 0; i < 4; i++) expect((await change()).statusCode).toBe(400);
    const fifth = await change();
    expect(fifth.statusCode).toBe(423);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: tenant.user.email, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(423);
  });
});
