import { BIDI_TEXT_MESSAGE, CONTROL_TEXT_MESSAGE } from '@tritiq/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, uniqueName } from './test/business';
import { createTenant } from './test/factories';
import { buildTestApp, type TestApp } from './test/harness';

/** Issue 12 item 4: stored text is NFC and refuses control and direction characters (packages/contracts/src/text.ts). */
let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
beforeAll(async () => {
  t = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '100000' } });
  tenant = await createTenant(t.deps);
});
afterAll(() => t.close());

const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(t)(...args);
const fieldError = (body: { errors?: { field: string; message: string }[] }, field: string) => body.errors?.find((e) => e.field === field);

describe('free text through the API', () => {
  it('stores names in NFC, so a name typed decomposed clashes with the same name typed composed', async () => {
    const base = uniqueName('Cafe');
    const decomposed = await call('POST', '/customers', tenant.user.token, { name: `${base} Cafe\u0301 Rao` });
    expect(decomposed.statusCode, decomposed.body).toBe(201);
    expect(decomposed.json().name).toBe(`${base} Caf\u00e9 Rao`);
    const composed = await call('POST', '/customers', tenant.user.token, { name: `${base} Caf\u00e9 Rao` });
    expect(composed.statusCode).toBe(409);
  });

  it('refuses a direction override in a party name, and a control character in a user name, with a 422 naming the field', async () => {
    const spoof = await call('POST', '/vendors', tenant.user.token, { name: `Invoice\u202Efdp.exe ${uniqueName('V')}` });
    expect(spoof.statusCode).toBe(422);
    expect(fieldError(spoof.json(), 'name')).toEqual({ field: 'name', message: BIDI_TEXT_MESSAGE });

    const nul = await call('PATCH', `/users/${tenant.user.id}`, tenant.user.token, { full_name: 'Asha\u0000Rao' });
    expect(nul.statusCode).toBe(422);
    expect(fieldError(nul.json(), 'full_name')).toEqual({ field: 'full_name', message: CONTROL_TEXT_MESSAGE });

    const isolate = await call('PATCH', '/organization/profile', tenant.orgAdmin.token, { city: 'Pu\u2066ne' });
    expect(isolate.statusCode).toBe(422);
    expect(fieldError(isolate.json(), 'city')).toEqual({ field: 'city', message: BIDI_TEXT_MESSAGE });
  });
});
