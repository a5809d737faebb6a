import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/harness';
import { organizations } from './schema';
import { withDbRetry, withDbSession } from './session';
import { ownerDb } from '../test/test-db';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** Organisations are platform data: the transactions here that write them run in the platform context. */
const PLATFORM = { platform: true } as const;

const countByName = async (name: string) =>
  (await ownerDb(t.deps.handle).select().from(organizations).where(eq(organizations.name, name))).length;

describe('transactions', () => {
  it('commit keeps every row written', async () => {
    await t.deps.sessions.transaction(async (tx) => {
      await tx.insert(organizations).values({ name: 'commit-a' });
      await tx.insert(organizations).values({ name: 'commit-b' });
    }, PLATFORM);
    expect(await countByName('commit-a')).toBe(1);
    expect(await countByName('commit-b')).toBe(1);
  });

  it('a throw rolls back everything written before it', async () => {
    await expect(
      t.deps.sessions.transaction(async (tx) => {
        await tx.insert(organizations).values({ name: 'rollback-a' });
        await tx.insert(organizations).values({ name: 'rollback-b' });
        throw new Error('boom after two inserts');
      }, PLATFORM),
    ).rejects.toThrow('boom after two inserts');
    expect(await countByName('rollback-a')).toBe(0);
    expect(await countByName('rollback-b')).toBe(0);
  });

  it('a database error halfway rolls back and is not retried', async () => {
    await ownerDb(t.deps.handle).insert(organizations).values({ name: 'taken-name' });
    let attempts = 0;
    await expect(
      t.deps.sessions.transaction(async (tx) => {
        attempts++;
        await tx.insert(organizations).values({ name: 'half-written' });
        await tx.insert(organizations).values({ name: 'TAKEN-NAME' });
      }, PLATFORM),
    ).rejects.toMatchObject({ cause: { code: '23505' } });
    expect(attempts).toBe(1);
    expect(await countByName('half-written')).toBe(0);
  });

  it('statements sent together (not awaited one by one) all run in the transaction; one failing rolls back the rest', async () => {
    await ownerDb(t.deps.handle).insert(organizations).values({ name: 'together-taken' });
    const inserts = (names: string[]) =>
      t.deps.sessions.transaction(
        (tx) => Promise.all(names.map((name) => tx.insert(organizations).values({ name }).returning({ name: organizations.name }))),
        PLATFORM,
      );
    expect((await inserts(['together-a', 'together-b', 'together-c'])).map(([row]) => row!.name)).toEqual([
      'together-a',
      'together-b',
      'together-c',
    ]);
    await expect(inserts(['together-d', 'TOGETHER-TAKEN', 'together-e'])).rejects.toMatchObject({ cause: { code: '23505' } });
    expect(await countByName('together-d')).toBe(0);
    expect(await countByName('together-e')).toBe(0);
    expect(await countByName('together-a')).toBe(1);
  });

  it('publishes the acting organisation to the transaction only', async () => {
    const orgId = '0190b8a0-0000-7000-8000-000000000001';
    const inside = await t.deps.sessions.transaction(
      async (tx) => (await tx.execute(sql`SELECT current_setting('app.org_id', true) AS org`)) as unknown as { rows: { org: string }[] },
      { organizationId: orgId },
    );
    expect(inside.rows[0]?.org).toBe(orgId);
    const after = (await t.deps.handle.db.execute(sql`SELECT current_setting('app.org_id', true) AS org`)) as unknown as {
      rows: { org: string | null }[];
    };
    expect(after.rows[0]?.org || null).toBeNull();
  });

  it('withDbSession passes the transaction first and commits or rolls back', async () => {
    const create = withDbSession(
      t.deps.sessions,
      async (tx, name: string, fail: boolean) => {
        await tx.insert(organizations).values({ name });
        if (fail) throw new Error('fail');
        return name;
      },
      PLATFORM,
    );
    await expect(create('decorated-ok', false)).resolves.toBe('decorated-ok');
    await expect(create('decorated-fail', true)).rejects.toThrow('fail');
    expect(await countByName('decorated-ok')).toBe(1);
    expect(await countByName('decorated-fail')).toBe(0);
  });

  it('withDbRetry runs each attempt in a fresh transaction', async () => {
    let attempts = 0;
    const op = withDbRetry(
      t.deps.sessions,
      async (tx, name: string) => {
        attempts++;
        await tx.insert(organizations).values({ name: `${name}-${attempts}` });
        if (attempts < 3) throw Object.assign(new Error('simulated serialization failure'), { code: '40001' });
        return attempts;
      },
      { maxRetries: 3, ...PLATFORM },
    );
    await expect(op('retried')).resolves.toBe(3);
    expect(await countByName('retried-1')).toBe(0);
    expect(await countByName('retried-2')).toBe(0);
    expect(await countByName('retried-3')).toBe(1);
    const retryLines = t.logs.lines.filter((l) => l.category === 'database' && l.kind === 'contention');
    expect(retryLines.map((l) => l.attempt)).toEqual(expect.arrayContaining([1, 2]));
  });
});

describe('health and pool status', () => {
  it('reports a healthy session in the seed shape', async () => {
    const health = await t.deps.sessions.health();
    expect(health).toEqual({ status: 'healthy', message: 'Database connection is working', timestamp: expect.any(Number) });
    expect(Math.abs(health.timestamp - Date.now() / 1000)).toBeLessThan(60);
  });

  it('reports the pool with its configured size', () => {
    const status = t.deps.sessions.poolStatus();
    expect(status.pool_size).toBe(t.handle.driver === 'pg' ? 5 : 1);
    expect(status.checked_in + status.checked_out).toBeLessThanOrEqual(status.pool_size);
    expect(status.waiting).toBe(0);
    expect(status.status).toBe('healthy');
  });
});
