import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordResetCodes, users } from '../../db/schema';
import { createOrganization, createTenant, createUser } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { FORGOT_PASSWORD_MESSAGE, RESET_CODE_TTL_MS } from './password-recovery.service';
import { ownerDb } from '../../test/test-db';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '100000' } });
});
afterAll(() => t.close());

const forgot = (email: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email } });
const resetWith = (email: string, code: string, newPassword = 'Brand-New-Pass-42') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: { email, code, new_password: newPassword } });
const storedCode = async (userId: string) =>
  (await ownerDb(t.deps.handle).select().from(passwordResetCodes).where(eq(passwordResetCodes.userId, userId)))[0];

/** A code that is certainly not the live one (the table holds only its keyed hash). */
async function wrongCode(userId: string): Promise<string> {
  const row = await storedCode(userId);
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (t.deps.tokens.keyedHash('password-reset-code', `${userId}:${code}`) !== row?.codeHash) return code;
  }
}

describe('forgot password', () => {
  it('answers the same for a known, an unknown and an inactive email; stores only a keyed hash', async () => {
    const tenant = await createTenant(t.deps);
    const org = await createOrganization(t.deps);
    const inactive = await createUser(t.deps, { role: 'standard_user', organizationId: org.id, isActive: false });
    const answers = await Promise.all([forgot(tenant.user.email), forgot('nobody-at-all@example.test'), forgot(inactive.email)]);
    for (const res of answers) {
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ message: FORGOT_PASSWORD_MESSAGE });
    }
    const row = await storedCode(tenant.user.id);
    expect(row).toMatchObject({ attempts: 0, codeHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(row!.expiresAt.getTime() - t.clock.now().getTime()).toBe(RESET_CODE_TTL_MS);
    expect(await storedCode(inactive.id)).toBeUndefined();
    expect((await forgot('not an email')).statusCode).toBe(422);
  });

  it('one live code per user: a new request replaces the old one', async () => {
    const tenant = await createTenant(t.deps);
    await forgot(tenant.user.email);
    const first = await storedCode(tenant.user.id);
    await forgot(tenant.user.email);
    const second = await storedCode(tenant.user.id);
    const all = await ownerDb(t.deps.handle).select().from(passwordResetCodes).where(eq(passwordResetCodes.userId, tenant.user.id));
    expect(all).toHaveLength(1);
    expect(second!.codeHash).not.toBe(first!.codeHash);
  });
});

describe('reset with a code', () => {
  it('three wrong codes use the code up; the answer never says which part was wrong', async () => {
    const tenant = await createTenant(t.deps);
    await forgot(tenant.user.email);
    const bad = await wrongCode(tenant.user.id);
    for (let i = 1; i <= 3; i++) {
      const res = await resetWith(tenant.user.email, bad);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID_RESET_CODE', detail: 'The code is invalid or has expired. Request a new code.' });
      if (i < 3) expect((await storedCode(tenant.user.id))!.attempts).toBe(i);
    }
    expect(await storedCode(tenant.user.id)).toBeUndefined();
    const unknown = await resetWith('nobody-at-all@example.test', '123456');
    expect(unknown.json().detail).toBe('The code is invalid or has expired. Request a new code.');
  });

  it('an expired code is refused and removed', async () => {
    const tenant = await createTenant(t.deps);
    await forgot(tenant.user.email);
    t.clock.advance(RESET_CODE_TTL_MS);
    const res = await resetWith(tenant.user.email, await wrongCode(tenant.user.id));
    expect(res.statusCode).toBe(400);
    expect(await storedCode(tenant.user.id)).toBeUndefined();
  });

  it('a weak new password is refused first (422) without using up an attempt; a malformed code is 422', async () => {
    const tenant = await createTenant(t.deps);
    await forgot(tenant.user.email);
    const weak = await resetWith(tenant.user.email, '123456', 'weakpass');
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors.every((e: { field: string }) => e.field === 'new_password')).toBe(true);
    expect((await storedCode(tenant.user.id))!.attempts).toBe(0);
    const malformed = await resetWith(tenant.user.email, '12ab');
    expect(malformed.statusCode).toBe(422);
    expect(malformed.json().errors[0].field).toBe('code');
    const [row] = await ownerDb(t.deps.handle).select().from(users).where(eq(users.id, tenant.user.id));
    expect(row!.passwordChangedAt).toBeNull();
  });
});
