import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema';
import { createOrganization, createTenant, createUser } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { FORGOT_PASSWORD_MESSAGE, maskEmail } from './password-recovery.service';
import { ownerDb } from '../../test/test-db';

/** Issue 12 item 4: forgot-password for an address that gets no code is audited, without storing the address. */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '100000' } });
});
afterAll(() => t.close());

const forgot = (email: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email }, headers: { 'user-agent': 'probe/1.0' } });
const emailHash = (email: string) => t.deps.tokens.keyedHash('forgot-password-email', email);
const refusedFor = (email: string) =>
  ownerDb(t.deps.handle)
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, 'auth.password_reset_requested'),
        eq(auditEvents.success, false),
        sql`${auditEvents.details}->>'email_hash' = ${emailHash(email)}`,
      ),
    );

describe('forgot-password for an address that gets no code', () => {
  it('an unknown email: the same answer as a known one, and an audit event with no user and no address', async () => {
    const tenant = await createTenant(t.deps);
    const unknown = `nobody-${Date.now().toString(36)}@example.test`;
    const [known, stranger] = await Promise.all([forgot(tenant.user.email), forgot(unknown)]);
    expect(stranger.statusCode).toBe(known.statusCode);
    expect(stranger.json()).toEqual(known.json());
    expect(stranger.json()).toEqual({ message: FORGOT_PASSWORD_MESSAGE });

    const [event, ...more] = await refusedFor(unknown);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      organizationId: null,
      actorUserId: null,
      actorEmail: null,
      targetType: null,
      targetId: null,
      success: false,
      userAgent: 'probe/1.0',
    });
    expect(event!.details).toEqual({ reason: 'unknown_email', email_masked: maskEmail(unknown), email_hash: emailHash(unknown) });
    expect(event!.details.email_masked).toBe('n***@example.test');
    // The address itself is nowhere: not in the event, not in the security log line.
    expect(JSON.stringify(event)).not.toContain(unknown);
    expect(t.logs.text()).not.toContain(unknown);

    // Repeated requests for one address share a hash (a reader can count them); another address does not.
    await forgot(unknown);
    expect(await refusedFor(unknown)).toHaveLength(2);
    expect(emailHash(unknown)).not.toBe(emailHash(`x${unknown}`));
  });

  it('an inactive account: audited against the user, with the reason, still the same answer', async () => {
    const org = await createOrganization(t.deps);
    const inactive = await createUser(t.deps, { role: 'standard_user', organizationId: org.id, isActive: false });
    const res = await forgot(inactive.email);
    expect(res.json()).toEqual({ message: FORGOT_PASSWORD_MESSAGE });
    const [event] = await refusedFor(inactive.email);
    expect(event).toMatchObject({ organizationId: org.id, targetType: 'user', targetId: inactive.id, actorUserId: null, success: false });
    expect(event!.details).toMatchObject({ reason: 'account_inactive' });
  });

  it('a known, active account is audited as before (success, against the user), not as refused', async () => {
    const tenant = await createTenant(t.deps);
    await forgot(tenant.user.email);
    expect(await refusedFor(tenant.user.email)).toEqual([]);
    const events = await ownerDb(t.deps.handle)
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.password_reset_requested'), eq(auditEvents.targetId, tenant.user.id)));
    expect(events).toEqual([expect.objectContaining({ success: true, actorUserId: tenant.user.id })]);
  });
});
