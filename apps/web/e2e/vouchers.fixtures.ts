import { randomUUID } from 'node:crypto';
import { gstinCheckCharacter } from '@tritiq/contracts';

/**
 * Setup through the real API (bearer tokens), so the browser tests spend their time on the pages
 * they are about: a fresh organisation, its admin with a changed password, its company profile.
 */

export const TEST_PASSWORD = 'Ledger#Pune2026';

export function gstinFor(stateCode: string, pan = 'AAPFU0939F', entity = '1'): string {
  const first14 = `${stateCode}${pan}${entity}Z`;
  return `${first14}${gstinCheckCharacter(first14)}`;
}

export interface ApiCaller {
  token: string;
  get<T = Record<string, unknown>>(path: string): Promise<T>;
  send<T = Record<string, unknown>>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

export function apiCaller(apiUrl: string, token: string): ApiCaller {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${apiUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { token, get: (p) => call('GET', p), send: (m, p, b) => call(m, p, b) };
}

export async function loginToken(apiUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Logs in with the temporary password, changes it to TEST_PASSWORD, answers a fresh token. */
async function settlePassword(apiUrl: string, email: string, temporary: string): Promise<string> {
  const first = await loginToken(apiUrl, email, temporary);
  await apiCaller(apiUrl, first).send('POST', '/auth/change-password', { current_password: temporary, new_password: TEST_PASSWORD });
  return loginToken(apiUrl, email, TEST_PASSWORD);
}

export interface TestOrganization {
  id: string;
  name: string;
  stateCode: string;
  admin: { email: string; password: string; api: ApiCaller };
}

/** A licence created by the super admin, its admin's password changed, its company profile set. */
export async function createOrganization(apiUrl: string, superToken: string, stateCode = '27'): Promise<TestOrganization> {
  const tag = randomUUID().slice(0, 8);
  const name = `Sahyadri Tools ${tag}`;
  const email = `admin-${tag}@sahyadri.test`;
  const created = await apiCaller(apiUrl, superToken).send<{ organization: { id: string }; temporary_password: string }>(
    'POST',
    '/organizations',
    {
      name,
      admin_email: email,
      admin_full_name: 'Asha Kulkarni',
    },
  );
  const token = await settlePassword(apiUrl, email, created.temporary_password);
  const admin = apiCaller(apiUrl, token);
  await admin.send('PATCH', '/organization/profile', {
    legal_name: `${name} Private Limited`,
    gstin: gstinFor(stateCode, 'AAGCS1234K'),
    pan: 'AAGCS1234K',
    address_line1: '4 Bhosari MIDC',
    city: 'Pune',
    state: 'Maharashtra',
    pin_code: '411026',
    state_code: stateCode,
    phone: '+91 20 2712 3456',
    email: `accounts-${tag}@sahyadri.test`,
  });
  return { id: created.organization.id, name, stateCode, admin: { email, password: TEST_PASSWORD, api: admin } };
}

/** Another user of the organisation, password already changed. */
export async function createUser(
  apiUrl: string,
  admin: ApiCaller,
  role: 'admin' | 'standard_user',
): Promise<{ id: string; email: string; password: string; api: ApiCaller }> {
  const email = `${role.replace('_', '-')}-${randomUUID().slice(0, 8)}@sahyadri.test`;
  const created = await admin.send<{ user: { id: string }; temporary_password: string }>('POST', '/users', {
    email,
    full_name: `Test ${role}`,
    role,
  });
  const token = await settlePassword(apiUrl, email, created.temporary_password);
  return { id: created.user.id, email, password: TEST_PASSWORD, api: apiCaller(apiUrl, token) };
}
