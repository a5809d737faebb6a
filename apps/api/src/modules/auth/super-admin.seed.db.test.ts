import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEvents, users } from '../../db/schema';
import { verifyPassword } from '../../lib/passwords';
import { buildTestApp, type TestApp } from '../../test/harness';
import { ensureSuperAdmin, SuperAdminSeedError } from './super-admin.seed';
import { ownerDb } from '../../test/test-db';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

async function fresh(env: Record<string, string | undefined>) {
  const t = await buildTestApp({ env });
  apps.push(t);
  return t;
}

describe('first start: the super admin', () => {
  it('without a password: generates one, prints it once, never logs it, must change; idempotent', async () => {
    const t = await fresh({ SUPER_ADMIN_EMAIL: 'Root@Example.test', SUPER_ADMIN_PASSWORD: undefined });
    const printed: string[] = [];
    expect(await ensureSuperAdmin(t.deps, (text) => printed.push(text))).toBe('created');
    expect(printed).toHaveLength(1);
    const password = /Temporary password:\s+(\S+)/.exec(printed[0]!)![1]!;
    const [row] = await ownerDb(t.deps.handle).select().from(users).where(eq(users.role, 'super_admin'));
    expect(row).toMatchObject({ email: 'root@example.test', organizationId: null, mustChangePassword: true });
    expect(await verifyPassword(row!.passwordHash, password)).toBe(true);
    expect(t.logs.text()).not.toContain(password);
    const [event] = await ownerDb(t.deps.handle).select().from(auditEvents).where(eq(auditEvents.action, 'platform.super_admin_created'));
    expect(JSON.stringify(event)).not.toContain(password);

    expect(await ensureSuperAdmin(t.deps, (text) => printed.push(text))).toBe('exists');
    expect(printed).toHaveLength(1);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'root@example.test', password } });
    expect(login.json()).toMatchObject({ must_change_password: true, user: { role: 'super_admin', organization_id: null } });
  });

  it('with a password: uses it (it must pass the policy) and prints nothing', async () => {
    const weak = await fresh({ SUPER_ADMIN_EMAIL: 'root@example.test', SUPER_ADMIN_PASSWORD: 'password123' });
    await expect(ensureSuperAdmin(weak.deps, () => undefined)).rejects.toThrow(SuperAdminSeedError);
    await expect(ensureSuperAdmin(weak.deps, () => undefined)).rejects.toThrow(
      /SUPER_ADMIN_PASSWORD is not acceptable: Password must contain an upper-case letter/,
    );

    const t = await fresh({ SUPER_ADMIN_EMAIL: 'root@example.test', SUPER_ADMIN_PASSWORD: 'Operator-Chosen-77!' });
    const printed: string[] = [];
    expect(await ensureSuperAdmin(t.deps, (text) => printed.push(text))).toBe('created');
    expect(printed).toEqual([]);
    const [row] = await ownerDb(t.deps.handle).select().from(users).where(eq(users.role, 'super_admin'));
    expect(row!.mustChangePassword).toBe(false);
  });

  it('without SUPER_ADMIN_EMAIL: creates nothing and says how to', async () => {
    const t = await fresh({ SUPER_ADMIN_EMAIL: undefined });
    expect(await ensureSuperAdmin(t.deps, () => undefined)).toBe('not_configured');
    expect(await ownerDb(t.deps.handle).select().from(users).where(eq(users.role, 'super_admin'))).toEqual([]);
    expect(t.logs.lines.some((l) => String(l.msg).includes('set SUPER_ADMIN_EMAIL'))).toBe(true);
  });
});
