import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStock, createCustomer, createProduct, postVoucher } from '../test/business';
import { bearer, createTenant } from '../test/factories';
import { buildTestApp, type TestApp } from '../test/harness';
import { createTestDbHandle, testDriver } from '../test/test-db';
import { createLogger } from '../lib/logger';
import { queryRows, type Executor } from './client';
import { dbErrorInfo } from './errors';

// Row-level security on EVERY tenant table, generated from the schema (issue 12 item 2): a table is
// found by its organization_id column (or named below when its organisation comes through a
// parent row), so a table added later is checked without touching this file, and one created
// without `SELECT tritiq_protect_tenant_table('...')` fails here. On PostgreSQL it runs on the
// least-privilege setup (the API's login owns nothing; the platform has its own login); PGlite
// is single-user and runs the same policies under SET ROLE.

/** Tenant tables whose organisation is not an organization_id column: how to find it. */
const ORGANISATION_OF: Record<string, string> = {
  organizations: 'id',
  password_reset_codes: '(SELECT u.organization_id FROM users u WHERE u.id = user_id)',
  auth_refresh_tokens_used: '(SELECT s.organization_id FROM auth_sessions s WHERE s.id = session_id)',
  audit_chain_heads: "NULLIF(chain_key, 'platform')::uuid",
};

/** Platform data, deliberately without row-level security (README "Database roles and row-level security"). */
const PLATFORM_TABLES = ['rate_limit_hits', 'email_workers', 'login_failures'];

let t: TestApp;
let a: Awaited<ReturnType<typeof createTenant>>;
let b: Awaited<ReturnType<typeof createTenant>>;
let tenantTables: string[];

const platform = <T>(fn: (db: Executor) => Promise<T>) => t.deps.sessions.transaction(fn, { platform: true, retry: false });
const asTenant = <T>(orgId: string, fn: (db: Executor) => Promise<T>) =>
  t.deps.sessions.transaction(fn, { organizationId: orgId, retry: false });
const orgOf = (table: string) => ORGANISATION_OF[table] ?? 'organization_id';

/** Runs `fn` in B's transaction and rolls it back whatever it did. */
async function inRolledBackTenantTx<T>(orgId: string, fn: (db: Executor) => Promise<T>): Promise<T> {
  let result: T | undefined;
  const rollback = new Error('rollback');
  await asTenant(orgId, async (db) => {
    result = await fn(db);
    throw rollback;
  }).catch((err: unknown) => {
    if (err !== rollback) throw err;
  });
  return result as T;
}

/** Rows of every tenant table for one organisation: through the API where it is the natural way, else in the platform context. */
async function seed(tenant: typeof a, stateCode: string) {
  const customer = await createCustomer(t, tenant.user.token, { state_code: stateCode });
  const product = await createProduct(t, tenant.user.token);
  await adjustStock(t, tenant.admin.token, product.id, '5');
  const res = await postVoucher(
    t,
    tenant.user.token,
    'sales',
    { customer_id: customer.id, date: '2025-06-01', items: [{ product_id: product.id, quantity: 1 }] },
    { 'idempotency-key': `k-${tenant.org.id}` },
  );
  expect(res.statusCode).toBe(201);
  const voucherId = (res.json() as { id: string }).id;
  // A contra voucher (its ledger lines), through its route: cash into a bank account of the tenant.
  const [ledgers] = await platform((db) =>
    queryRows<{ cash: string; bank: string }>(
      db,
      sql`WITH bank AS (
            INSERT INTO ledgers (id, organization_id, group_id, name)
            SELECT ${randomUUID()}, organization_id, id, 'Bank' FROM account_groups
             WHERE organization_id = ${tenant.org.id} AND system_key = 'bank_accounts' RETURNING id)
          SELECT (SELECT id FROM ledgers WHERE organization_id = ${tenant.org.id} AND system_key = 'cash') AS cash, (SELECT id FROM bank) AS bank`,
    ),
  );
  const contra = await postVoucher(t, tenant.admin.token, 'contra', {
    date: '2025-06-01',
    lines: [
      { ledger_id: ledgers!.bank, side: 'debit', amount: '10.00' },
      { ledger_id: ledgers!.cash, side: 'credit', amount: '10.00' },
    ],
  });
  expect(contra.statusCode, contra.body).toBe(201);
  // A filed GST period (issue 16), through its route.
  const filed = await t.app.inject({ method: 'POST', url: '/api/v1/gst/periods/2025-04/filed', headers: bearer(tenant.orgAdmin.token) });
  expect(filed.statusCode).toBe(200);
  await platform(async (db) => {
    const now = new Date().toISOString();
    // The books: an allocation against the invoice's own bill.
    await db.execute(sql`INSERT INTO bill_allocations (id, organization_id, party_id, bill_id, voucher_id, amount)
                         SELECT ${randomUUID()}, organization_id, party_id, id, voucher_id, 1 FROM bills WHERE voucher_id = ${voucherId}`);
    // An expiring share link of the invoice's PDF (issue 17).
    await db.execute(sql`INSERT INTO share_links (id, organization_id, voucher_id, token_hash, expires_at)
                         VALUES (${randomUUID()}, ${tenant.org.id}, ${voucherId}, ${randomUUID()}, ${now})`);
    // A payment reminder that named the invoice's bill (issue 17).
    await db.execute(sql`INSERT INTO bill_reminders (id, organization_id, bill_id, party_id, email_id, reminded_on, source)
                         SELECT ${randomUUID()}, organization_id, id, party_id, ${randomUUID()}, '2025-06-10', 'automatic' FROM bills WHERE voucher_id = ${voucherId}`);
    await db.execute(sql`INSERT INTO password_reset_codes (user_id, code_hash, expires_at, created_at)
                         VALUES (${tenant.orgAdmin.id}, 'x', ${now}, ${now})`);
    const [session] = await queryRows<{ id: string }>(db, sql`SELECT id FROM auth_sessions WHERE user_id = ${tenant.user.id} LIMIT 1`);
    await db.execute(
      sql`INSERT INTO auth_refresh_tokens_used (token_hash, session_id, used_at) VALUES (${randomUUID()}, ${session!.id}, ${now})`,
    );
    await db.execute(sql`INSERT INTO email_messages (id, channel, template, to_email, status, message_id, organization_id, created_at, updated_at)
                         VALUES (${randomUUID()}, 'direct', 'user_welcome', 'someone@example.test', 'sent', ${`<${randomUUID()}@test>`},
                                 ${tenant.org.id}, ${now}, ${now})`);
    // Two-factor sign-in: a factor, a recovery code and a challenge of the org admin.
    await db.execute(sql`INSERT INTO user_two_factor (user_id, organization_id, secret_sealed, created_at, updated_at)
                         VALUES (${tenant.orgAdmin.id}, ${tenant.org.id}, 'sealed', ${now}, ${now})`);
    await db.execute(sql`INSERT INTO user_recovery_codes (id, user_id, organization_id, code_hash, created_at)
                         VALUES (${randomUUID()}, ${tenant.orgAdmin.id}, ${tenant.org.id}, ${randomUUID()}, ${now})`);
    await db.execute(sql`INSERT INTO two_factor_challenges (id, user_id, organization_id, token_hash, purpose, expires_at, created_at)
                         VALUES (${randomUUID()}, ${tenant.orgAdmin.id}, ${tenant.org.id}, ${randomUUID()}, 'verify', ${now}, ${now})`);
  });
}

beforeAll(async () => {
  const handle = await createTestDbHandle(createLogger({ level: 'silent', pretty: false }), { leastPrivilege: true });
  t = await buildTestApp({ handle });
  a = await createTenant(t.deps, { stateCode: '27' });
  b = await createTenant(t.deps, { stateCode: '29' });
  await seed(a, '27');
  await seed(b, '29');
  tenantTables = (
    await platform((db) =>
      queryRows<{ table_name: string }>(
        db,
        sql`SELECT DISTINCT table_name FROM information_schema.columns
             WHERE table_schema = 'public' AND column_name = 'organization_id'
             ORDER BY table_name`,
      ),
    )
  )
    .map((r) => r.table_name)
    .concat(Object.keys(ORGANISATION_OF))
    .sort();
});
afterAll(() => t.close());

describe('row-level security on every tenant table (generated from the schema)', () => {
  it(`runs on ${testDriver() === 'pg' ? 'the least-privilege logins' : 'PGlite, under SET ROLE'}`, async () => {
    const [who] = await queryRows<{ login: string; superuser: boolean; bypass: boolean }>(
      t.deps.handle.db,
      sql`SELECT session_user AS login, r.rolsuper AS superuser, r.rolbypassrls AS bypass FROM pg_roles r WHERE r.rolname = session_user`,
    );
    if (testDriver() === 'pg') expect(who).toEqual({ login: 'tritiq_test_api', superuser: false, bypass: false });
    expect(tenantTables).toEqual(
      expect.arrayContaining(['users', 'auth_sessions', 'email_messages', 'audit_events', 'organizations', 'vouchers']),
    );
  });

  it('every public table is either a tenant table with forced RLS and both policies, or declared platform data', async () => {
    const rows = await platform((db) =>
      queryRows<{ table: string; rls: boolean; forced: boolean; policies: string[] }>(
        db,
        sql`SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
                   coalesce(array_agg(p.polname::text ORDER BY p.polname) FILTER (WHERE p.polname IS NOT NULL), '{}') AS policies
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
              LEFT JOIN pg_policy p ON p.polrelid = c.oid
             WHERE c.relkind IN ('r', 'p')
             GROUP BY c.relname, c.relrowsecurity, c.relforcerowsecurity
             ORDER BY c.relname`,
      ),
    );
    for (const row of rows) {
      if (PLATFORM_TABLES.includes(row.table)) {
        expect({ table: row.table, tenant: tenantTables.includes(row.table) }).toEqual({ table: row.table, tenant: false });
        continue;
      }
      // A table that is neither: give it `SELECT tritiq_protect_tenant_table('...')` (or declare it platform data above).
      expect({ table: row.table, tenant: tenantTables.includes(row.table) }).toEqual({ table: row.table, tenant: true });
      expect({ table: row.table, rls: row.rls, forced: row.forced, policies: row.policies }).toEqual({
        table: row.table,
        rls: true,
        forced: true,
        policies: ['platform_access', 'tenant_isolation'],
      });
    }
  });

  it('a transaction for B, even with no WHERE, reads no row of A, updates and deletes none, and cannot insert one for A', async () => {
    for (const table of tenantTables) {
      const org = orgOf(table);
      const counts = await platform((db) =>
        queryRows<{ a: number; b: number; total: number; ctids: string[] }>(
          db,
          sql.raw(`SELECT count(*) FILTER (WHERE ${org} = '${a.org.id}')::int AS a,
                          count(*) FILTER (WHERE ${org} = '${b.org.id}')::int AS b,
                          count(*)::int AS total,
                          coalesce(array_agg(ctid::text) FILTER (WHERE ${org} = '${a.org.id}'), '{}') AS ctids
                     FROM ${table}`),
        ),
      ).then((r) => r[0]!);
      // Without a row of A the table proves nothing: seed one in `seed` above.
      expect({ table, seededA: counts.a > 0, seededB: counts.b > 0 }).toEqual({ table, seededA: true, seededB: true });

      const seen = await inRolledBackTenantTx(b.org.id, async (db) => {
        const [all] = await queryRows<{ n: number; foreign: number }>(
          db,
          sql.raw(`SELECT count(*)::int AS n, count(*) FILTER (WHERE ${org} IS DISTINCT FROM '${b.org.id}')::int AS foreign FROM ${table}`),
        );
        const ctidList = `ARRAY[${counts.ctids.map((c) => `'${c}'`).join(',')}]::tid[]`;
        const [byCtid] = await queryRows<{ n: number }>(
          db,
          sql.raw(`SELECT count(*)::int AS n FROM ${table} WHERE ctid = ANY(${ctidList})`),
        );
        return { all: all!, byCtid: byCtid!.n, ctidList };
      });
      expect({ table, rows: seen.all.n, foreign: seen.all.foreign, aRowsByCtid: seen.byCtid }).toEqual({
        table,
        rows: counts.b,
        foreign: 0,
        aRowsByCtid: 0,
      });

      // Writes: an UPDATE with no WHERE touches B's rows only; aimed at A's rows, none. Append-only
      // tables refuse UPDATE and DELETE to the application role altogether (42501), which is fine too.
      const [firstColumn] = await platform((db) =>
        queryRows<{ name: string }>(db, sql`SELECT attname AS name FROM pg_attribute WHERE attrelid = ${table}::regclass AND attnum = 1`),
      );
      const col = `"${firstColumn!.name}"`;
      for (const statement of [
        `UPDATE ${table} SET ${col} = ${col} RETURNING 1`,
        `UPDATE ${table} SET ${col} = ${col} WHERE ctid = ANY(${seen.ctidList}) RETURNING 1`,
        `DELETE FROM ${table} WHERE ctid = ANY(${seen.ctidList}) RETURNING 1`,
      ]) {
        const outcome = await inRolledBackTenantTx(b.org.id, (db) => queryRows(db, sql.raw(statement)).then((r) => r.length)).catch(
          (err: unknown) => dbErrorInfo(err).pgCode,
        );
        const expected = statement.startsWith('UPDATE') && !statement.includes('ctid') ? counts.b : 0;
        expect({ table, statement, outcome: outcome === '42501' ? expected : outcome }).toEqual({ table, statement, outcome: expected });
      }
      const unchanged = await platform((db) =>
        queryRows<{ a: number }>(db, sql.raw(`SELECT count(*) FILTER (WHERE ${org} = '${a.org.id}')::int AS a FROM ${table}`)),
      );
      expect({ table, a: unchanged[0]!.a }).toEqual({ table, a: counts.a });

      // Insert: a copy of one of A's rows, written by B, is refused by the policy.
      const [sample] = await platform((db) =>
        queryRows<{ row: unknown }>(db, sql.raw(`SELECT to_jsonb(x) AS row FROM ${table} x WHERE x.ctid = '${counts.ctids[0]}'::tid`)),
      );
      const insert = await inRolledBackTenantTx(b.org.id, (db) =>
        db.execute(
          sql`INSERT INTO ${sql.identifier(table)} SELECT * FROM jsonb_populate_record(NULL::${sql.identifier(table)}, ${JSON.stringify(sample!.row)}::jsonb)`,
        ),
      ).then(
        () => 'inserted',
        (err: unknown) => dbErrorInfo(err),
      );
      expect({ table, code: typeof insert === 'string' ? insert : insert.pgCode }).toEqual({ table, code: '42501' });
    }
  });

  it("the platform context sees and may write every organisation's rows", async () => {
    for (const table of tenantTables) {
      const org = orgOf(table);
      const [row] = await platform((db) =>
        queryRows<{ orgs: number }>(
          db,
          sql.raw(`SELECT count(DISTINCT ${org})::int AS orgs FROM ${table} WHERE ${org} IN ('${a.org.id}', '${b.org.id}')`),
        ),
      );
      expect({ table, orgs: row!.orgs }).toEqual({ table, orgs: 2 });
    }
    const renamed = await platform((db) =>
      queryRows<{ id: string }>(db, sql`UPDATE organizations SET name = name WHERE id IN (${a.org.id}, ${b.org.id}) RETURNING id`),
    );
    expect(renamed).toHaveLength(2);
  });

  it('a statement with no context (neither tenant nor platform) sees no tenant row on the least-privilege login', async () => {
    const [row] = await t.deps.sessions.transaction((db) =>
      queryRows<{ n: number }>(db, sql`SELECT (SELECT count(*) FROM users)::int + (SELECT count(*) FROM vouchers)::int AS n`),
    );
    // PGlite's one login is the superuser, which row-level security does not confine.
    if (testDriver() === 'pg') expect(row!.n).toBe(0);
    else expect(row!.n).toBeGreaterThan(0);
  });
});
