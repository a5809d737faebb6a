import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, authSessions, organizations, users, vouchers } from '../db/schema';
import { adjustStock, createCustomer, createProduct, postVoucher, uniqueName } from '../test/business';
import { bearer, createTenant } from '../test/factories';
import { buildTestApp, type TestApp } from '../test/harness';
import { ownerDb } from '../test/test-db';

/**
 * A session read once is not read again before the handler: its check rides in the request's
 * first transaction (plugins/auth.ts, db/session.ts, lib/route.ts). These prove revocation is as
 * immediate as before, on a caller whose session row the API has seen: whatever ended the session
 * between two requests, the second one answers 401 and commits nothing, even when its handler
 * would have failed otherwise or touched no database; and a principal changed in between (role,
 * email) is read afresh rather than used stale.
 */
let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let customerId: string;
let productId: string;

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27' });
  customerId = (await createCustomer(t, tenant.user.token, { state_code: '27' })).id;
  productId = (await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '18' })).id;
  await adjustStock(t, tenant.admin.token, productId, '1000');
});
afterAll(() => t.close());

const db = () => ownerDb(t.deps.handle);
const sale = (extra: object = {}) => ({
  customer_id: customerId,
  date: '2025-06-30',
  items: [{ product_id: productId, quantity: '1' }],
  ...extra,
});
const countVouchers = async (orgId: string) =>
  (
    await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(vouchers)
      .where(eq(vouchers.organizationId, orgId))
  )[0]!.n;

/** A fresh tenant whose users have each made one request, so the API has read their sessions. */
async function seenTenant() {
  const fresh = await createTenant(t.deps, { stateCode: '27' });
  for (const who of [fresh.orgAdmin, fresh.admin, fresh.user]) {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(who.token) });
    expect(res.statusCode).toBe(200);
  }
  return fresh;
}

describe('the owed session check', () => {
  let seen: Awaited<ReturnType<typeof seenTenant>>;
  let customer: string;
  let product: string;
  beforeEach(async () => {
    seen = await seenTenant();
    customer = (await createCustomer(t, seen.user.token, { state_code: '27' })).id;
    product = (await createProduct(t, seen.user.token, { unit_price: '100.00', gst_rate: '18' })).id;
    await adjustStock(t, seen.admin.token, product, '10');
  });
  const saleOf = (extra: object = {}) => ({
    customer_id: customer,
    date: '2025-06-30',
    items: [{ product_id: product, quantity: '1' }],
    ...extra,
  });

  it('posts as before while the session is live, and the next number follows', async () => {
    const first = await postVoucher(t, seen.user.token, 'sales', saleOf());
    const second = await postVoucher(t, seen.user.token, 'sales', saleOf());
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect([first.json().voucher_number, second.json().voucher_number]).toEqual(['SV/2526/00001', 'SV/2526/00002']);
  });

  it.each([
    ['revoked', 'Session has ended: sign in again'],
    ['expired', 'Session has ended: sign in again'],
    ['user deactivated', 'This account is deactivated'],
    ['organisation suspended', 'This organisation is suspended'],
  ] as const)('a session %s since the last request: a voucher is refused with 401 and nothing is committed', async (what, detail) => {
    expect((await postVoucher(t, seen.user.token, 'sales', saleOf())).statusCode).toBe(201);
    if (what === 'revoked') await db().update(authSessions).set({ revokedAt: new Date() }).where(eq(authSessions.userId, seen.user.id));
    if (what === 'expired')
      await db()
        .update(authSessions)
        .set({ expiresAt: new Date(t.clock.now().getTime() - 1000) })
        .where(eq(authSessions.userId, seen.user.id));
    if (what === 'user deactivated') await db().update(users).set({ isActive: false }).where(eq(users.id, seen.user.id));
    if (what === 'organisation suspended')
      await db().update(organizations).set({ status: 'suspended' }).where(eq(organizations.id, seen.org.id));

    const res = await postVoucher(t, seen.user.token, 'sales', saleOf());
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'TOKEN_INVALID', detail });
    expect(await countVouchers(seen.org.id)).toBe(1);
    // A read is refused the same way, and so is every later request.
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/vouchers/sales', headers: bearer(seen.user.token) });
    expect(list.statusCode).toBe(401);
    // The number the refused voucher took was given back: the next live session's voucher follows on.
    if (what === 'revoked' || what === 'expired') {
      const next = await postVoucher(t, seen.admin.token, 'sales', saleOf());
      expect(next.statusCode).toBe(201);
      expect(next.json().voucher_number).toBe('SV/2526/00002');
    }
  });

  it('logout ends the session at once for the requests that follow', async () => {
    expect((await postVoucher(t, seen.user.token, 'sales', saleOf())).statusCode).toBe(201);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(seen.user.token) });
    expect(out.statusCode).toBe(200);
    const res = await postVoucher(t, seen.user.token, 'sales', saleOf());
    expect(res.statusCode).toBe(401);
    expect(await countVouchers(seen.org.id)).toBe(1);
  });

  it('an ended session gets 401, not the error its request would have had (a 422 before any statement, a 404 from one)', async () => {
    await db().update(authSessions).set({ revokedAt: new Date() }).where(eq(authSessions.userId, seen.user.id));
    // Refused by the use case before it opens a transaction.
    const early = await postVoucher(t, seen.user.token, 'sales', saleOf({ due_date: '2025-06-01' }));
    expect(early.statusCode).toBe(401);
    expect(early.json().code).toBe('TOKEN_INVALID');
    // Refused inside the transaction that carried the check (no such voucher to cancel).
    await db().update(authSessions).set({ revokedAt: new Date() }).where(eq(authSessions.userId, seen.admin.id));
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/vouchers/sales/01a249d9-8896-70d2-a3c6-5f2974411afd/cancel',
      headers: bearer(seen.admin.token),
      payload: { reason: 'Entered twice' },
    });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe('TOKEN_INVALID');
  });

  it('a role taken away since the last request is the one that counts: 403 and nothing written', async () => {
    const posted = await postVoucher(t, seen.user.token, 'sales', saleOf());
    expect(posted.statusCode).toBe(201);
    // The admin's principal is remembered as an admin (who may cancel)...
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/vouchers/sales', headers: bearer(seen.admin.token) });
    expect(list.statusCode).toBe(200);
    // ...and the role changes before the cancel: the owed check finds it, the cancel runs again as a standard user.
    await db().update(users).set({ role: 'standard_user' }).where(eq(users.id, seen.admin.id));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/sales/${posted.json().id}/cancel`,
      headers: bearer(seen.admin.token),
      payload: { reason: 'Entered twice' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    const [row] = await db().select({ status: vouchers.status }).from(vouchers).where(eq(vouchers.id, posted.json().id));
    expect(row!.status).not.toBe('cancelled');
    const events = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, seen.org.id), eq(auditEvents.action, 'voucher.cancelled')));
    expect(events).toEqual([]);
  });

  it('an email changed since the last request is the one the audit trail records', async () => {
    const email = `${uniqueName('renamed').toLowerCase()}@example.test`;
    await db().update(users).set({ email }).where(eq(users.id, seen.user.id));
    const res = await postVoucher(t, seen.user.token, 'sales', saleOf());
    expect(res.statusCode).toBe(201);
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'voucher.created'), eq(auditEvents.targetId, res.json().id)));
    expect(event).toMatchObject({ actorUserId: seen.user.id, actorEmail: email });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(seen.user.token) });
    expect(me.json().email).toBe(email);
  });
});

describe('a tenant whose session was never seen', () => {
  it('posts with the session read before the handler, as always', async () => {
    const res = await postVoucher(t, tenant.user.token, 'sales', sale());
    expect(res.statusCode).toBe(201);
    expect(await countVouchers(tenant.org.id)).toBeGreaterThan(0);
  });
});
