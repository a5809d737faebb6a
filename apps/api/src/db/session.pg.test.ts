import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLoggers } from '../test/harness';
import { waitUntil } from '../test/smtp';
import { createPgTestDatabase } from '../test/test-db';
import { createPgHandle, queryRows, type Executor, type PgHandle } from './client';
import { transientKind } from './errors';
import { rawRows } from './raw';
import { organizations } from './schema';
import { createSessionManager, type SessionManager } from './session';

let url: string;
let handle: PgHandle;
let sessions: SessionManager;
const { loggers, logs } = captureLoggers();

beforeAll(async () => {
  url = await createPgTestDatabase();
  handle = createPgHandle({ url, poolSize: 4, poolTimeoutMs: 2_000, statementTimeoutMs: 10_000 }, loggers.database);
  sessions = createSessionManager(handle, { logger: loggers.database, retry: { baseDelayMs: 10 } });
  await handle.db.insert(organizations).values({ name: 'counter', maxUsers: 1 });
});
afterAll(() => handle.close());

describe('retry on real transient failures (PostgreSQL server)', () => {
  it('recovers from a real serialization failure between two serializable transactions', async () => {
    const attempts = { a: 0, b: 0 };
    let release!: () => void;
    const bothRead = new Promise<void>((r) => (release = r));
    let reads = 0;
    const bump = (who: 'a' | 'b') =>
      sessions.transaction(
        async (tx) => {
          attempts[who]++;
          const [row] = await tx.select().from(organizations).where(eq(organizations.name, 'counter'));
          if (attempts[who] === 1 && ++reads === 2) release();
          if (attempts[who] === 1) await bothRead;
          await tx
            .update(organizations)
            .set({ maxUsers: row!.maxUsers + 1 })
            .where(eq(organizations.name, 'counter'));
        },
        { isolation: 'serializable', label: `bump-${who}` },
      );
    await Promise.all([bump('a'), bump('b')]);
    const [row] = await handle.db.select().from(organizations).where(eq(organizations.name, 'counter'));
    expect(row!.maxUsers).toBe(3);
    expect(attempts.a + attempts.b).toBe(3);
    const retry = logs.lines.find((l) => l.kind === 'contention' && String(l.cause).startsWith('40001'));
    expect(retry).toMatchObject({ attempt: 1, category: 'database' });
  });

  it('recovers when its connection is killed with pg_terminate_backend mid-operation', async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      let attempts = 0;
      const result = await sessions.transaction(async (tx) => {
        attempts++;
        await tx.insert(organizations).values({ name: `terminated-${attempts}` });
        if (attempts === 1) {
          const [me] = await queryRows<{ pid: number }>(tx, sql`SELECT pg_backend_pid() AS pid`);
          await admin.query('SELECT pg_terminate_backend($1)', [me!.pid]);
          await tx.execute(sql`SELECT 1`);
        }
        return attempts;
      });
      expect(result).toBe(2);
      const names = (await handle.db.select({ name: organizations.name }).from(organizations)).map((r) => r.name);
      expect(names).toContain('terminated-2');
      expect(names).not.toContain('terminated-1');
      // The server sends 57P01 before closing the socket, but the client may see the socket close
      // first ("Connection terminated unexpectedly", no SQLSTATE): both are the same outage.
      expect(logs.lines.some((l) => l.kind === 'unavailable' && /^57P01|^Failed query: SELECT 1/.test(String(l.cause)))).toBe(true);
    } finally {
      await admin.end();
    }
  });

  it('does not retry a real unique violation', async () => {
    let attempts = 0;
    await expect(
      sessions.transaction(async (tx) => {
        attempts++;
        await tx.insert(organizations).values({ name: 'COUNTER' });
      }),
    ).rejects.toSatisfy((err) => transientKind(err) === undefined);
    expect(attempts).toBe(1);
  });

  it('treats a pool-acquire timeout as transient and reports waiting callers', async () => {
    const tiny = createPgHandle({ url, poolSize: 1, poolTimeoutMs: 200, statementTimeoutMs: 10_000 }, loggers.database);
    const tinySessions = createSessionManager(tiny, { logger: loggers.database, retry: { maxRetries: 0 } });
    try {
      let release!: () => void;
      let acquired!: () => void;
      const holdingConnection = new Promise<void>((r) => (acquired = r));
      const holding = tinySessions.transaction(
        () =>
          new Promise<void>((r) => {
            release = r;
            acquired();
          }),
      );
      // The one connection is taken once the holder's transaction body runs.
      await holdingConnection;
      const waiting = tinySessions.transaction(async (tx) => tx.execute(sql`SELECT 1`));
      const status = await waitUntil('the second caller to queue for the pool', async () => {
        const s = tinySessions.poolStatus();
        return s.waiting === 1 ? s : undefined;
      });
      expect(status).toMatchObject({ pool_size: 1, checked_out: 1, waiting: 1, status: 'degraded' });
      const err = await waiting.catch((e: unknown) => e);
      expect(transientKind(err)).toBe('unavailable');
      release();
      await holding;
    } finally {
      await tiny.close();
    }
  });
});

describe('statements pipelined behind BEGIN', () => {
  it('when the tenant settings sent with BEGIN fail, the statement behind them fails too and writes nothing', async () => {
    // A login role that may write the probe table but may not become the tenant role.
    const role = `tq_outsider_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.query('CREATE TABLE pipeline_probe (name text NOT NULL)');
    await admin.query(`GRANT INSERT, SELECT ON pipeline_probe TO ${role}`);
    const outsiderUrl = new URL(url);
    outsiderUrl.username = role;
    const outsider = createPgHandle(
      { url: outsiderUrl.toString(), poolSize: 1, poolTimeoutMs: 2_000, statementTimeoutMs: 10_000 },
      loggers.database,
    );
    const outsiderSessions = createSessionManager(outsider, { logger: loggers.database });
    const insert = (name: string) => (tx: Executor) => rawRows(tx, 'INSERT INTO pipeline_probe VALUES ($1)', [name]);
    try {
      await expect(
        outsiderSessions.transaction(insert('behind the tenant settings'), { organizationId: '0190b8a0-0000-7000-8000-000000000001' }),
      ).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('permission denied to set role') });
      // Without the tenant settings the same statement is allowed: the settings were what failed.
      await outsiderSessions.transaction(insert('no tenant'));
      const { rows } = await admin.query<{ name: string }>('SELECT name FROM pipeline_probe');
      expect(rows).toEqual([{ name: 'no tenant' }]);
    } finally {
      await outsider.close();
      await admin.query('DROP TABLE pipeline_probe');
      await admin.query(`DROP ROLE ${role}`);
      await admin.end();
    }
  });
});

describe('a prepared statement outlived by a schema change (a migration under a running API)', () => {
  it('the transaction is retried on a fresh connection and the statement prepared anew', async () => {
    const one = createPgHandle({ url, poolSize: 1, poolTimeoutMs: 2_000, statementTimeoutMs: 10_000 }, loggers.database);
    const oneSessions = createSessionManager(one, { logger: loggers.database, retry: { baseDelayMs: 10 } });
    try {
      await one.db.execute(sql`CREATE TABLE stale_plan_probe (a int NOT NULL)`);
      await one.db.execute(sql`INSERT INTO stale_plan_probe VALUES (7)`);
      const read = () =>
        oneSessions.transaction((tx) => rawRows<{ a: unknown }>(tx, 'SELECT a FROM stale_plan_probe', []), { label: 'stale-plan' });
      expect(await read()).toEqual([{ a: 7 }]); // prepared on the pool's only connection
      // Another session changes the column's type, as a migration would.
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query('ALTER TABLE stale_plan_probe ALTER COLUMN a TYPE text');
      await admin.end();

      expect(await read()).toEqual([{ a: '7' }]);
      expect(logs.lines.some((l) => l.operation === 'stale-plan' && /cached plan must not change result type/.test(String(l.cause)))).toBe(
        true,
      );
    } finally {
      await one.close();
    }
  });
});
