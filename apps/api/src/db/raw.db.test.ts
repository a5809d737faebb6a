import { eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/harness';
import { queryRows } from './client';
import { insertValuesSql, MAX_NAMED_PARAMETERS, pickColumns, rawRows, selectListSql, SqlParams } from './raw';
import { organizations, parties, stockLedger } from './schema';
import { ownerDb } from '../test/test-db';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const at = new Date('2026-04-01T05:30:00.123Z');

describe('SQL text on the hot path (db/raw.ts)', () => {
  it('insertValuesSql writes exactly the rows a Drizzle insert writes: defaults, nulls, timestamps', async () => {
    const values = { gstin: null, city: 'Pune', allowNegativeStock: true, createdAt: at, updatedAt: at };
    await ownerDb(t.deps.handle)
      .insert(organizations)
      .values({ name: 'raw-drizzle', ...values });
    const params = new SqlParams();
    const text = insertValuesSql(organizations, [{ name: 'raw-text', ...values, maxUsers: undefined }], params);
    expect(text).toMatch(/^insert into "organizations" \("id", "name", .*"max_users", .*\) values \(\$1, \$2, .*\)$/);
    const columns = /\(([^)]*)\) values \(([^)]*)\)/.exec(text)!;
    const cell = Object.fromEntries(columns[1]!.split(', ').map((c, i) => [c.replaceAll('"', ''), columns[2]!.split(', ')[i]]));
    expect(cell).toMatchObject({
      max_users: 'DEFAULT',
      status: 'DEFAULT',
      city: expect.stringMatching(/^\$\d+$/),
      gstin: expect.stringMatching(/^\$\d+$/),
    });
    expect(params.values[0]).toMatch(/^[0-9a-f-]{36}$/); // the id column's $defaultFn, as Drizzle does
    expect(params.values).toContain('2026-04-01T05:30:00.123Z');
    await rawRows(ownerDb(t.deps.handle), text, params.values);

    const rows = await ownerDb(t.deps.handle)
      .select()
      .from(organizations)
      .where(inArray(organizations.name, ['raw-drizzle', 'raw-text']));
    expect(rows).toHaveLength(2);
    const [a, b] = rows.map(({ id: _id, name: _name, ...rest }) => rest);
    expect(b).toEqual(a);
    expect(a).toMatchObject({ gstin: null, city: 'Pune', allowNegativeStock: true, maxUsers: 5, status: 'active', createdAt: at });
  });

  it('writes rows with different optional values in one statement whose text does not depend on them', () => {
    const one = new SqlParams();
    const two = new SqlParams();
    const a = insertValuesSql(organizations, [{ name: 'a', city: 'x' }, { name: 'b' }], one);
    const b = insertValuesSql(organizations, [{ name: 'c' }, { name: 'd', city: 'y', gstin: null }], two);
    expect(b).toBe(a);
    expect(() => insertValuesSql(organizations, [], new SqlParams())).toThrow(/no rows/);
  });

  it('selectListSql and pickColumns give the object a Drizzle select gives', async () => {
    const [org] = await ownerDb(t.deps.handle).insert(organizations).values({ name: 'raw-select' }).returning();
    const [party] = await ownerDb(t.deps.handle)
      .insert(parties)
      .values({ organizationId: org!.id, kind: 'customer', name: 'Asha Traders', gstin: '27AAPFU0939F1ZV', createdAt: at, updatedAt: at })
      .returning();
    const columns = getTableColumns(parties);
    const [row] = await rawRows<Record<string, unknown>>(
      ownerDb(t.deps.handle),
      `SELECT ${selectListSql('p', columns, 'p.')} FROM parties p WHERE p.id = $1`,
      [party!.id],
    );
    const viaDrizzle = await ownerDb(t.deps.handle).select().from(parties).where(eq(parties.id, party!.id));
    expect(pickColumns(row!, columns, 'p.')).toEqual(viaDrizzle[0]);
  });

  it('selectListSql refuses a column the two drivers decode differently (int8)', () => {
    expect(() => selectListSql('l', { seq: getTableColumns(stockLedger).seq })).toThrow(/PgBigInt53 \(seq\) is not decoded alike/);
  });

  it("runs on the transaction's own connection: sees its writes and is rolled back with it", async () => {
    await expect(
      t.deps.sessions.transaction(
        async (tx) => {
          const params = new SqlParams();
          await rawRows(tx, insertValuesSql(organizations, [{ name: 'raw-in-tx' }], params), params.values);
          const seen = await rawRows<{ n: number }>(tx, 'SELECT count(*)::int AS n FROM organizations WHERE name = $1', ['raw-in-tx']);
          expect(seen[0]!.n).toBe(1);
          throw new Error('roll it back');
        },
        { platform: true },
      ),
    ).rejects.toThrow('roll it back');
    const after = await ownerDb(t.deps.handle).select().from(organizations).where(eq(organizations.name, 'raw-in-tx'));
    expect(after).toHaveLength(0);
  });

  it('is a named prepared statement on the PostgreSQL server (parsed once per connection), a plain query on PGlite', async () => {
    const text = "SELECT $1::text || '-raw-prepared' AS v";
    const names = await t.deps.sessions.transaction(async (tx) => {
      expect((await rawRows<{ v: string }>(tx, text, ['one']))[0]!.v).toBe('one-raw-prepared');
      expect((await rawRows<{ v: string }>(tx, text, ['two']))[0]!.v).toBe('two-raw-prepared');
      return queryRows<{ name: string; statement: string }>(
        tx,
        sql`SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE '%-raw-prepared%'`,
      );
    });
    if (t.deps.handle.driver === 'pg') {
      expect(names).toEqual([{ name: expect.stringMatching(/^tq_[A-Za-z0-9_-]{24}$/), statement: text }]);
    } else {
      expect(names).toEqual([]);
    }
  });

  it('leaves a statement with more than MAX_NAMED_PARAMETERS parameters unnamed (its plan is large and it is rare)', async () => {
    const values = Array.from({ length: MAX_NAMED_PARAMETERS + 1 }, (_, i) => i);
    const text = `SELECT array_length(ARRAY[${values.map((_, i) => `$${i + 1}::int`).join(', ')}], 1) AS n /* raw-large */`;
    const found = await t.deps.sessions.transaction(async (tx) => {
      expect((await rawRows<{ n: number }>(tx, text, values))[0]!.n).toBe(values.length);
      return queryRows<{ name: string }>(tx, sql`SELECT name FROM pg_prepared_statements WHERE statement LIKE '%raw-large%'`);
    });
    expect(found).toEqual([]);
  });

  it("a database error comes back as the driver's, with its SQLSTATE", async () => {
    await ownerDb(t.deps.handle).insert(organizations).values({ name: 'raw-unique' });
    const params = new SqlParams();
    const err = await rawRows(
      ownerDb(t.deps.handle),
      insertValuesSql(organizations, [{ name: 'raw-unique' }], params),
      params.values,
    ).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('23505');
  });
});
