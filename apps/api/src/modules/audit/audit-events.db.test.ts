import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, tokenFor } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { verifyAuditChains } from './audit.verify';
import { ownerDb } from '../../test/test-db';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '100000' } });
});
afterAll(() => t.close());

const get = (query: string, token: string) => t.app.inject({ method: 'GET', url: `/api/v1/audit-events${query}`, headers: bearer(token) });
type Event = { action: string; organization_id: string | null; actor_user_id: string | null; occurred_at: string };

describe('GET /api/v1/audit-events', () => {
  it('org admins and admins see their organisation only; filters; pagination; the super admin sees all', async () => {
    const a = await createTenant(t.deps);
    const b = await createTenant(t.deps);
    const sa = await createUser(t.deps, { role: 'super_admin' });
    const saToken = await tokenFor(t.deps, sa);
    for (let i = 0; i < 3; i++) {
      await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${a.user.id}`,
        headers: bearer(a.orgAdmin.token),
        payload: { full_name: `Name ${i}` },
      });
      t.clock.advance(1000);
    }
    const from = t.clock.now().toISOString();
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: a.user.email, password: 'Wrong-Pass-123' } });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${b.user.id}`,
      headers: bearer(b.orgAdmin.token),
      payload: { full_name: 'B person' },
    });

    const mine = await get('', a.admin.token);
    expect(mine.statusCode).toBe(200);
    const items: Event[] = mine.json().items;
    expect(items.length).toBe(4);
    expect(items.every((e) => e.organization_id === a.org.id)).toBe(true);
    expect(items[0]!.action).toBe('auth.login_failed');
    // Newest first.
    expect([...items].sort((x, y) => y.occurred_at.localeCompare(x.occurred_at))).toEqual(items);

    expect((await get('?action=user.updated', a.orgAdmin.token)).json().items).toHaveLength(3);
    expect((await get('?action=auth.', a.orgAdmin.token)).json().items.map((e: Event) => e.action)).toEqual(['auth.login_failed']);
    expect((await get(`?actor_id=${a.orgAdmin.id}`, a.orgAdmin.token)).json().items).toHaveLength(3);
    expect((await get(`?actor_email=${encodeURIComponent(a.orgAdmin.email.toUpperCase())}`, a.orgAdmin.token)).json().items).toHaveLength(
      3,
    );
    expect((await get(`?from=${encodeURIComponent(from)}`, a.orgAdmin.token)).json().items).toHaveLength(1);
    expect((await get(`?to=${encodeURIComponent(from)}`, a.orgAdmin.token)).json().items).toHaveLength(3);

    const page1 = (await get('?limit=3', a.orgAdmin.token)).json();
    expect(page1.items).toHaveLength(3);
    expect(page1.next_cursor).toEqual(expect.any(String));
    const page2 = (await get(`?limit=3&cursor=${page1.next_cursor}`, a.orgAdmin.token)).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.next_cursor).toBeNull();
    expect([...page1.items, ...page2.items]).toEqual(items);

    expect((await get(`?organization_id=${b.org.id}`, a.orgAdmin.token)).statusCode).toBe(403);
    expect((await get('', a.user.token)).statusCode).toBe(403);
    expect((await get('?cursor=bogus&from=yesterday', a.orgAdmin.token)).statusCode).toBe(422);

    const all: Event[] = (await get('?limit=200', saToken)).json().items;
    expect(all.some((e) => e.organization_id === a.org.id)).toBe(true);
    expect(all.some((e) => e.organization_id === b.org.id)).toBe(true);
    const onlyB: Event[] = (await get(`?organization_id=${b.org.id}`, saToken)).json().items;
    expect(onlyB.length).toBeGreaterThan(0);
    expect(onlyB.every((e) => e.organization_id === b.org.id)).toBe(true);

    expect(await verifyAuditChains(ownerDb(t.deps.handle))).toMatchObject({ ok: true });
  });
});
