import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../test/factories';
import { buildTestApp, type TestApp } from '../test/harness';
import { createTestDbHandle } from '../test/test-db';
import { createLogger } from '../lib/logger';
import { queryRows, type Executor } from './client';
import { dbErrorInfo } from './errors';

// On the least-privilege setup a tenant transaction cannot leave its organisation by changing role:
// its login is the restricted role itself (RESET ROLE lands there), and it is a member of neither
// tritiq_platform nor any privileged role. Only the platform login reaches the platform.
let t: TestApp;
let a: Awaited<ReturnType<typeof createTenant>>;
let b: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  const handle = await createTestDbHandle(createLogger({ level: 'silent', pretty: false }), { leastPrivilege: true });
  t = await buildTestApp({ handle });
  a = await createTenant(t.deps);
  b = await createTenant(t.deps);
});
afterAll(() => t.close());

const asB = <T>(fn: (db: Executor) => Promise<T>) => t.deps.sessions.transaction(fn, { organizationId: b.org.id, retry: false });
const usersOfA = (db: Executor) =>
  queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM users WHERE organization_id = ${a.org.id}`).then((r) => r[0]!.n);

describe('escaping a tenant transaction by changing role', () => {
  it('RESET ROLE returns to the API login, which row-level security still confines', async () => {
    const seen = await asB(async (db) => {
      await db.execute(sql`RESET ROLE`);
      const [who] = await queryRows<{ role: string }>(db, sql`SELECT current_user AS role`);
      return {
        role: who!.role,
        usersOfA: await usersOfA(db),
        vouchers: await queryRows(db, sql`SELECT id FROM organizations WHERE id = ${a.org.id}`),
      };
    });
    expect(seen).toEqual({ role: 'tritiq_test_api', usersOfA: 0, vouchers: [] });
  });

  it.each([
    ['SET ROLE tritiq_platform', sql`SET ROLE tritiq_platform`],
    ["set_config('role', 'tritiq_platform')", sql`SELECT set_config('role', 'tritiq_platform', true)`],
    ['SET ROLE to the platform login', sql`SET ROLE tritiq_test_platform`],
    ['SET ROLE postgres', sql`SET ROLE postgres`],
    ['SET SESSION AUTHORIZATION postgres', sql`SET SESSION AUTHORIZATION postgres`],
    ['ALTER ROLE … BYPASSRLS', sql`ALTER ROLE tritiq_test_api BYPASSRLS`],
    ['ALTER TABLE … NO FORCE ROW LEVEL SECURITY', sql`ALTER TABLE users NO FORCE ROW LEVEL SECURITY`],
    ['DROP POLICY', sql`DROP POLICY tenant_isolation ON users`],
  ])('%s is refused', async (_name, statement) => {
    const outcome = await asB((db) => db.execute(statement)).then(
      () => 'allowed',
      (err: unknown) => dbErrorInfo(err).pgCode,
    );
    expect(outcome).toBe('42501');
  });

  it('the login has no privileged attribute and owns nothing', async () => {
    const [row] = await queryRows<Record<string, unknown>>(
      t.deps.handle.db,
      sql`SELECT r.rolsuper AS superuser, r.rolbypassrls AS bypassrls, r.rolcreaterole AS createrole, r.rolcreatedb AS createdb,
                 pg_has_role(session_user, 'tritiq_platform', 'MEMBER') AS platform_member,
                 (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owns
            FROM pg_roles r WHERE r.rolname = session_user`,
    );
    expect(row).toEqual({ superuser: false, bypassrls: false, createrole: false, createdb: false, platform_member: false, owns: 0 });
  });

  it('the platform path runs on its own login and sees both organisations', async () => {
    const seen = await t.deps.sessions.transaction(
      async (db) => {
        const [who] = await queryRows<{ login: string }>(db, sql`SELECT session_user AS login`);
        return { login: who!.login, usersOfA: await usersOfA(db) };
      },
      { platform: true },
    );
    expect(seen).toEqual({ login: 'tritiq_test_platform', usersOfA: 3 });
    await expect(t.deps.sessions.transaction(async () => 1, { platform: true, organizationId: a.org.id })).rejects.toThrow(
      /either for one organisation or for the platform/,
    );
  });
});
