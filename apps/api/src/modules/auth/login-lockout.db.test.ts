import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, loginFailures, passwordResetCodes } from '../../db/schema';
import { createTenant, type TestUser } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { accountKeyOf, LOGIN_POLICY } from './login-policy';
import { ownerDb } from '../../test/test-db';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '100000' } });
});
afterAll(() => t.close());

const login = (email: string, password: string, from: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: from, payload: { email, password } });
const LOCK_SECONDS = String(LOGIN_POLICY.sourceLockMs / 1000);

/** Fails `times` times from `from`, each answered 401; the next failure is the one that locks. */
async function failFrom(email: string, from: string, times: number) {
  for (let i = 1; i <= times; i++) {
    const res = await login(email, `Wrong-${i}-Passw0rd!`, from);
    expect(res.statusCode, `failure ${i} from ${from}`).toBe(401);
    expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', detail: 'Incorrect email or password' });
  }
}

async function lockFrom(email: string, from: string) {
  await failFrom(email, from, LOGIN_POLICY.sourceThreshold - 1);
  const locked = await login(email, 'Wrong-last-Passw0rd!', from);
  expect(locked.statusCode).toBe(423);
  return locked;
}

async function auditOf(user: TestUser) {
  return ownerDb(t.deps.handle).select().from(auditEvents).where(eq(auditEvents.targetId, user.id));
}

describe('sign-in lockout: per account and source', () => {
  it('locks out only the source that failed five times; another source signs in with the right password', async () => {
    const { user } = await createTenant(t.deps);
    const attacker = '198.51.100.10';
    const owner = '198.51.100.20';
    const locked = await lockFrom(user.email, attacker);
    const unlockAt = new Date(t.clock.now().getTime() + LOGIN_POLICY.sourceLockMs).toISOString();
    expect(locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(locked.json().detail).toContain(unlockAt);
    expect(locked.headers['retry-after']).toBe(LOCK_SECONDS);
    expect(locked.headers['x-locked-until']).toBe(unlockAt);

    // The locked source is refused even with the right password; the owner elsewhere is not.
    expect((await login(user.email, user.password, attacker)).statusCode).toBe(423);
    const ownerIn = await login(user.email, user.password, owner);
    expect(ownerIn.statusCode).toBe(200);
    expect(ownerIn.json().user.id).toBe(user.id);
    // The owner's success does not unlock the attacker.
    expect((await login(user.email, user.password, attacker)).statusCode).toBe(423);

    const events = await auditOf(user);
    const lockEvent = events.find((e) => e.action === 'auth.account_locked');
    expect(lockEvent?.details).toMatchObject({ scope: 'source', source: attacker, locked_until: unlockAt, failures: 5 });
    const refused = events.filter((e) => e.action === 'auth.login_failed' && (e.details as { reason?: string }).reason === 'source_locked');
    expect(refused).toHaveLength(2);

    // The lock ends on time.
    t.clock.advance(LOGIN_POLICY.sourceLockMs - 1000);
    const stillLocked = await login(user.email, user.password, attacker);
    expect(stillLocked.statusCode).toBe(423);
    expect(stillLocked.headers['retry-after']).toBe('1');
    t.clock.advance(1000);
    expect((await login(user.email, user.password, attacker)).statusCode).toBe(200);
  });

  it('answers an unknown email exactly as a known one: same statuses, bodies, headers and lock', async () => {
    const { user } = await createTenant(t.deps);
    const unknown = `nobody-${user.id}@example.test`;
    const answers = async (email: string, from: string) => {
      const out: { status: number; body: unknown; retryAfter: unknown; lockedUntil: unknown }[] = [];
      for (let i = 1; i <= LOGIN_POLICY.sourceThreshold + 1; i++) {
        const res = await login(email, `Wrong-${i}-Passw0rd!`, from);
        const body = res.json();
        out.push({
          status: res.statusCode,
          body: { ...body, request_id: undefined },
          retryAfter: res.headers['retry-after'],
          lockedUntil: res.headers['x-locked-until'],
        });
      }
      return out;
    };
    const known = await answers(user.email, '198.51.100.30');
    const nobody = await answers(unknown, '198.51.100.31');
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(nobody).toEqual(known);
    // The unknown email's lock is per source too: another source is answered 401, not 423.
    expect((await login(unknown, 'Wrong-Passw0rd!', '198.51.100.32')).statusCode).toBe(401);
    const rows = await ownerDb(t.deps.handle)
      .select()
      .from(loginFailures)
      .where(eq(loginFailures.accountKey, accountKeyOf(unknown)));
    expect(rows.map((r) => r.source).sort()).toEqual(['*', '198.51.100.31', '198.51.100.32']);
    // What the outsider typed is not stored.
    expect(JSON.stringify(rows)).not.toContain('nobody-');
  });

  it('a password reset with the emailed code lifts the lock', async () => {
    const { user } = await createTenant(t.deps);
    const from = '198.51.100.40';
    await lockFrom(user.email, from);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email: user.email } })).statusCode).toBe(
      200,
    );
    // The code went by email; the table holds only its keyed hash, so the test puts in one it knows.
    const code = '424242';
    await ownerDb(t.deps.handle)
      .update(passwordResetCodes)
      .set({ codeHash: t.deps.tokens.keyedHash('password-reset-code', `${user.id}:${code}`) })
      .where(eq(passwordResetCodes.userId, user.id));
    const newPassword = 'Lifted-Lock-Pass-42';
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { email: user.email, code, new_password: newPassword },
    });
    expect(reset.statusCode).toBe(200);
    const left = await ownerDb(t.deps.handle)
      .select()
      .from(loginFailures)
      .where(eq(loginFailures.accountKey, accountKeyOf(user.email)));
    expect(left).toEqual([]);
    const signedIn = await login(user.email, newPassword, from);
    expect(signedIn.statusCode).toBe(200);
    const [completed] = await ownerDb(t.deps.handle)
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, 'auth.password_reset_completed')));
    expect(completed?.details).toMatchObject({ sign_in_locks_cleared: 1 });
  });

  it('slows (429 with Retry-After), never locks, an account failing from many sources', async () => {
    const { user } = await createTenant(t.deps);
    const free = LOGIN_POLICY.accountFreeFailures;
    const perSource = LOGIN_POLICY.sourceThreshold - 1;
    // free + 2 failures, from sources that each stay under their own lock.
    for (let i = 0; i < free + 2; i++) {
      const res = await login(user.email, `Wrong-${i}-Passw0rd!`, `203.0.113.${50 + Math.floor(i / perSource)}`);
      expect(res.statusCode, `failure ${i + 1}`).toBe(401);
      // The first failure past the free ones asks for a 1 s wait: let it pass.
      if (i + 1 === free + 1) t.clock.advance(1000);
    }
    // The next failure asked for a 2 s wait: any source, even with the right password, waits.
    const fresh = '203.0.113.99';
    const slowed = await login(user.email, user.password, fresh);
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json()).toMatchObject({ code: 'RATE_LIMITED', detail: expect.stringContaining('Try again in 2 seconds') });
    expect(slowed.headers['retry-after']).toBe('2');
    t.clock.advance(2000);
    const signedIn = await login(user.email, user.password, fresh);
    expect(signedIn.statusCode).toBe(200);
    // No source was locked, and the account never was.
    const events = await auditOf(user);
    expect(events.some((e) => e.action === 'auth.account_locked')).toBe(false);
  });
});
