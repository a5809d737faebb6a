import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createOrganization, createTenant, createUser } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '1000' } });
});
afterAll(() => t.close());

const login = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers });

describe('login', () => {
  it('answers the token, the user and sets httpOnly SameSite=Strict cookies', async () => {
    const tenant = await createTenant(t.deps);
    const res = await login({ email: tenant.admin.email.toUpperCase(), password: tenant.admin.password });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 1800,
      must_change_password: false,
      user: {
        id: tenant.admin.id,
        email: tenant.admin.email,
        full_name: 'Test admin',
        role: 'admin',
        organization_id: tenant.org.id,
        organization_name: tenant.org.name,
        must_change_password: false,
      },
    });
    const cookies = res.cookies;
    const at = cookies.find((c) => c.name === 'tritiq_at')!;
    const rt = cookies.find((c) => c.name === 'tritiq_rt')!;
    expect(at).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api', maxAge: 1800, value: body.access_token });
    expect(rt).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
    expect(rt.value).not.toBe(body.access_token);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(body.access_token) });
    expect(me.json()).toMatchObject({ id: tenant.admin.id, role: 'admin', organization_name: tenant.org.name });
  });

  it('accepts the OAuth2 password form that Swagger UI sends', async () => {
    const tenant = await createTenant(t.deps);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'password', username: tenant.user.email, password: tenant.user.password }).toString(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ token_type: 'bearer', user: { id: tenant.user.id } });
  });

  it('gives the same 401 for an unknown email and a wrong password', async () => {
    const tenant = await createTenant(t.deps);
    const unknown = await login({ email: 'nobody-here@example.test', password: 'Whatever-123' });
    const wrong = await login({ email: tenant.user.email, password: 'Wrong-Passw0rd!' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe('Incorrect email or password');
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.json().code).toBe(unknown.json().code);
  });

  it('validates the body: 422 naming the field', async () => {
    const res = await login({ email: 'not-an-email', password: 'x' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'email', message: 'must be an email address' }]);
    const missing = await login({ password: 'x' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].field).toBe('email');
  });

  it("a success resets its source's failure count", async () => {
    const tenant = await createTenant(t.deps);
    const { email, password } = tenant.user;
    for (let i = 0; i < 4; i++) await login({ email, password: 'Wrong-Passw0rd!' });
    expect((await login({ email, password })).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login({ email, password: 'Wrong-Passw0rd!' })).statusCode).toBe(401);
  });

  it('refuses an inactive user and a suspended organisation only after the right password', async () => {
    const org = await createOrganization(t.deps);
    const inactive = await createUser(t.deps, { role: 'standard_user', organizationId: org.id, isActive: false });
    expect((await login({ email: inactive.email, password: 'Wrong-Passw0rd!' })).statusCode).toBe(401);
    const res = await login({ email: inactive.email, password: inactive.password });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ACCOUNT_INACTIVE');
    const suspended = await createOrganization(t.deps, { status: 'suspended' });
    const member = await createUser(t.deps, { role: 'org_admin', organizationId: suspended.id });
    const res2 = await login({ email: member.email, password: member.password });
    expect(res2.statusCode).toBe(403);
    expect(res2.json().code).toBe('ORGANIZATION_SUSPENDED');
  });
});
