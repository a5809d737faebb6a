import type { BrowserContext } from 'playwright-core';
import { e2eEnv } from './env';

type Json = Record<string, unknown>;

export interface ApiSession {
  token: string;
  user: { id: string; email: string; role: string; organization_id: string | null; must_change_password: boolean };
  call<T = Json>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

/**
 * Set-up through the API itself (not the browser): signs in with a bearer token straight at the
 * API and returns a caller that throws on any non-2xx answer, naming it.
 */
export async function apiSession(email: string, password: string): Promise<ApiSession> {
  const { apiUrl } = e2eEnv();
  const res = await fetch(`${apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email} answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { access_token: string; user: ApiSession['user'] };
  const call = async <T>(method: string, path: string, payload?: unknown): Promise<T> => {
    const r = await fetch(`${apiUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${body.access_token}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    if (!r.ok) throw new Error(`${method} ${path} answered ${r.status}: ${await r.text()}`);
    return (await r.json()) as T;
  };
  return { token: body.access_token, user: body.user, call };
}

export function superAdminSession(): Promise<ApiSession> {
  const { superAdmin } = e2eEnv();
  return apiSession(superAdmin.email, superAdmin.password);
}

export const uniqueSuffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export interface Licence {
  organizationId: string;
  organizationName: string;
  adminEmail: string;
  temporaryPassword: string;
}

/** A new organisation and its org admin (who must still change the temporary password). */
export async function createLicence(name = `Shree Traders ${uniqueSuffix()}`): Promise<Licence> {
  const su = await superAdminSession();
  const adminEmail = `owner-${uniqueSuffix()}@example.test`;
  const res = await su.call<{ organization: { id: string; name: string }; temporary_password: string }>('POST', '/organizations', {
    name,
    admin_email: adminEmail,
    admin_full_name: 'Asha Rao',
    max_users: 10,
    state_code: '27',
  });
  return {
    organizationId: res.organization.id,
    organizationName: res.organization.name,
    adminEmail,
    temporaryPassword: res.temporary_password,
  };
}

/** Replaces a generated password through the API, so the account is ready to use. */
export async function settlePassword(email: string, temporary: string, password: string): Promise<ApiSession> {
  const first = await apiSession(email, temporary);
  await first.call('POST', '/auth/change-password', { new_password: password, confirm_password: password });
  return apiSession(email, password);
}

/** An organisation whose admin has a settled password, plus a caller for it. */
export async function createReadyOrganisation(password = 'Ready-Passw0rd!') {
  const licence = await createLicence();
  const admin = await settlePassword(licence.adminEmail, licence.temporaryPassword, password);
  return { ...licence, password, admin };
}

/** A user of an organisation (role as given) with a settled password. */
export async function createOrgUser(admin: ApiSession, role: 'org_admin' | 'admin' | 'standard_user', password = 'User-Passw0rd!') {
  const email = `${role.replace('_', '-')}-${uniqueSuffix()}@example.test`;
  const res = await admin.call<{ temporary_password: string; user: { id: string } }>('POST', '/users', {
    email,
    full_name: `Test ${role}`,
    role,
  });
  await settlePassword(email, res.temporary_password, password);
  return { id: res.user.id, email, password };
}

/**
 * Signs the browser context in without the login page (for tests not about logging in): the
 * request goes through the web server like the page's own would, and the httpOnly cookies land
 * in the context.
 */
export async function loginViaApi(context: BrowserContext, email: string, password: string): Promise<void> {
  const { webUrl } = e2eEnv();
  const res = await context.request.post(`${webUrl}/api/v1/auth/login`, { data: { email, password }, headers: { origin: webUrl } });
  if (!res.ok()) throw new Error(`login ${email} through the web server answered ${res.status()}: ${await res.text()}`);
}
