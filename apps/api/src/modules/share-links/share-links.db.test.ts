import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { adjustStock, apiCaller, createCustomer, createProduct, postVoucher } from '../../test/business';
import { createTenant, createUser, platformTx, tokenFor } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { pdfPages } from '../../test/pdf';

/**
 * Expiring share links (issue 17, "Share"): off until the org admin turns them on; a link per
 * voucher PDF with an unguessable token of which only the hash is kept; served without sign-in
 * while valid (404 unknown, 410 expired or revoked or turned off), rate-limited, nothing but the
 * PDF; another organisation can neither make, list nor revoke one.
 */

let t: TestApp;
let call: ReturnType<typeof apiCaller>;

beforeAll(async () => {
  t = await buildTestApp();
  call = apiCaller(t);
});
afterAll(() => t.close());

async function shop() {
  const tenant = await createTenant(t.deps, { stateCode: '27', legalName: 'Acme Traders Private Limited' });
  const product = await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '18' });
  await adjustStock(t, tenant.admin.token, product.id, '10');
  const customer = await createCustomer(t, tenant.user.token, { name: 'Rao Stores' });
  const res = await postVoucher(t, tenant.user.token, 'sales', {
    customer_id: customer.id,
    date: '2025-06-01',
    items: [{ product_id: product.id, quantity: 1 }],
  });
  expect(res.statusCode, res.body).toBe(201);
  const voucher = res.json() as { id: string; voucher_number: string };
  return { tenant, voucher };
}

const open = (path: string, remoteAddress = '127.0.0.1') => t.app.inject({ method: 'GET', url: path, remoteAddress });

async function turnOn(token: string, on = true) {
  const res = await call('PATCH', '/organization/settings', token, { share_links_enabled: on });
  expect(res.statusCode, res.body).toBe(200);
}

describe('share links', () => {
  it('are off until the org admin turns them on; only the org admin can', async () => {
    const { tenant, voucher } = await shop();
    const refused = await call('POST', `/vouchers/sales/${voucher.id}/share-links`, tenant.user.token, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('an org admin can turn them on');
    expect((await call('PATCH', '/organization/settings', tenant.admin.token, { share_links_enabled: true })).statusCode).toBe(403);
    await turnOn(tenant.orgAdmin.token);
    expect((await call('POST', `/vouchers/sales/${voucher.id}/share-links`, tenant.user.token, {})).statusCode).toBe(201);
  });

  it('serve the PDF and nothing else to anyone with the link; only the token hash is stored; audited', async () => {
    const { tenant, voucher } = await shop();
    await turnOn(tenant.orgAdmin.token);
    const made = await call('POST', `/vouchers/sales/${voucher.id}/share-links`, tenant.user.token, { expires_in_days: 3 });
    expect(made.statusCode, made.body).toBe(201);
    const link = made.json();
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.path).toBe(`/api/v1/shared/${link.token}`);
    expect(link).toMatchObject({ voucher_id: voucher.id, status: 'active', revoked_at: null, created_by_email: tenant.user.email });
    expect(Date.parse(link.expires_at) - Date.parse(link.created_at)).toBe(3 * 86_400_000);

    const res = await open(link.path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['set-cookie']).toBeUndefined();
    const [text] = await pdfPages(res.rawPayload);
    expect(text).toContain(voucher.voucher_number);
    expect(text).toContain('Rao Stores');

    const stored = await platformTx(t.deps, (db) =>
      queryRows<{ token_hash: string }>(db, sql`SELECT token_hash FROM share_links WHERE id = ${link.id}`),
    );
    expect(stored).toEqual([{ token_hash: createHash('sha256').update(link.token).digest('hex') }]);
    const leaks = await platformTx(t.deps, (db) =>
      queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM share_links s WHERE s::text LIKE ${`%${link.token}%`}`),
    );
    expect(leaks).toEqual([{ n: 0 }]);

    const list = await call('GET', `/vouchers/sales/${voucher.id}/share-links`, tenant.admin.token);
    expect(list.json().items).toEqual([expect.objectContaining({ id: link.id, status: 'active' })]);
    expect(JSON.stringify(list.json())).not.toContain(link.token);
    const audit = await call('GET', '/audit-events?action=share_link.created', tenant.orgAdmin.token);
    expect(audit.json().items).toEqual([expect.objectContaining({ target_id: voucher.id })]);
  });

  it('answer 404 for an unknown or malformed token, and 410 once revoked, expired or turned off', async () => {
    const { tenant, voucher } = await shop();
    await turnOn(tenant.orgAdmin.token);
    const make = async () => (await call('POST', `/vouchers/sales/${voucher.id}/share-links`, tenant.user.token, {})).json();
    expect((await open(`/api/v1/shared/${'A'.repeat(43)}`)).statusCode).toBe(404);
    expect((await open('/api/v1/shared/not-a-token')).statusCode).toBe(404);

    const revoked = await make();
    const gone = await call('POST', `/vouchers/sales/${voucher.id}/share-links/${revoked.id}/revoke`, tenant.user.token);
    expect(gone.statusCode, gone.body).toBe(200);
    expect(gone.json()).toMatchObject({ status: 'revoked', revoked_at: expect.any(String) });
    const after = await open(revoked.path);
    expect(after.statusCode).toBe(410);
    expect(after.json()).toMatchObject({ code: 'LINK_GONE' });
    // Revoking again changes nothing.
    expect((await call('POST', `/vouchers/sales/${voucher.id}/share-links/${revoked.id}/revoke`, tenant.user.token)).statusCode).toBe(200);

    const expired = await make();
    await platformTx(t.deps, (db) => db.execute(sql`UPDATE share_links SET expires_at = created_at WHERE id = ${expired.id}`));
    expect((await open(expired.path)).statusCode).toBe(410);
    const listed = await call('GET', `/vouchers/sales/${voucher.id}/share-links`, tenant.user.token);
    const statuses = Object.fromEntries((listed.json().items as { id: string; status: string }[]).map((l) => [l.id, l.status]));
    expect(statuses).toMatchObject({ [revoked.id]: 'revoked', [expired.id]: 'expired' });

    const live = await make();
    expect((await open(live.path)).statusCode).toBe(200);
    await turnOn(tenant.orgAdmin.token, false);
    expect((await open(live.path)).statusCode).toBe(410);
    await turnOn(tenant.orgAdmin.token, true);
    expect((await open(live.path)).statusCode).toBe(200);

    const bad = await call('POST', `/vouchers/sales/${voucher.id}/share-links`, tenant.user.token, { expires_in_days: 0 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'expires_in_days' })]);
  });

  it('are revoked only by whoever made them or an admin (403 for other readers of the voucher, the link untouched)', async () => {
    const { tenant, voucher } = await shop();
    await turnOn(tenant.orgAdmin.token);
    const colleague = await createUser(t.deps, { role: 'standard_user', organizationId: tenant.org.id });
    const colleagueToken = await tokenFor(t.deps, colleague);
    const make = async () => (await call('POST', `/vouchers/sales/${voucher.id}/share-links`, tenant.user.token, {})).json();
    const revoke = (id: string, token: string) => call('POST', `/vouchers/sales/${voucher.id}/share-links/${id}/revoke`, token);

    const mine = await make();
    expect(mine.can_revoke).toBe(true);
    const seen = await call('GET', `/vouchers/sales/${voucher.id}/share-links`, colleagueToken);
    expect(seen.json().items).toEqual([expect.objectContaining({ id: mine.id, can_revoke: false })]);
    const refused = await revoke(mine.id, colleagueToken);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('whoever made this share link');
    expect((await open(mine.path)).statusCode).toBe(200);
    const audit = await call('GET', '/audit-events?action=share_link.revoked', tenant.orgAdmin.token);
    expect(audit.json().items).toEqual([]);

    expect((await revoke(mine.id, tenant.user.token)).json()).toMatchObject({ status: 'revoked', can_revoke: true });
    for (const token of [tenant.admin.token, tenant.orgAdmin.token]) {
      const link = await make();
      const res = await revoke(link.id, token);
      expect(res.statusCode, res.body).toBe(200);
      expect((await open(link.path)).statusCode).toBe(410);
    }
    // An admin's own link is out of reach of a standard user too.
    const adminsLink = (await call('POST', `/vouchers/sales/${voucher.id}/share-links`, tenant.admin.token, {})).json();
    expect((await revoke(adminsLink.id, tenant.user.token)).statusCode).toBe(403);
  });

  it("keep each organisation to its own vouchers: another's cannot make, list or revoke a link", async () => {
    const a = await shop();
    const b = await shop();
    await turnOn(a.tenant.orgAdmin.token);
    await turnOn(b.tenant.orgAdmin.token);
    const link = (await call('POST', `/vouchers/sales/${a.voucher.id}/share-links`, a.tenant.user.token, {})).json();
    const base = `/vouchers/sales/${a.voucher.id}/share-links`;
    expect((await call('POST', base, b.tenant.orgAdmin.token, {})).statusCode).toBe(404);
    expect((await call('GET', base, b.tenant.orgAdmin.token)).statusCode).toBe(404);
    expect((await call('POST', `${base}/${link.id}/revoke`, b.tenant.orgAdmin.token)).statusCode).toBe(404);
    // B's own voucher cannot revoke A's link either.
    expect((await call('POST', `/vouchers/sales/${b.voucher.id}/share-links/${link.id}/revoke`, b.tenant.orgAdmin.token)).statusCode).toBe(
      404,
    );
    // A purchase route does not open a sales voucher.
    expect((await call('GET', `/vouchers/purchase/${a.voucher.id}/share-links`, a.tenant.user.token)).statusCode).toBe(404);
    expect((await open(link.path)).statusCode).toBe(200);
  });

  it('are rate-limited per address (429 in the error shape)', async () => {
    const { tenant, voucher } = await shop();
    await turnOn(tenant.orgAdmin.token);
    const link = (await call('POST', `/vouchers/sales/${voucher.id}/share-links`, tenant.user.token, {})).json();
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await open(`/api/v1/shared/${'B'.repeat(43)}`, '192.0.2.77')).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    const limited = await open(link.path, '192.0.2.77');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    // Another address is not held back.
    expect((await open(link.path, '192.0.2.78')).statusCode).toBe(200);
  });
});
