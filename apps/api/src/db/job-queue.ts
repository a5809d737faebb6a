import { sql, type SQL } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { AppLogger } from '../lib/logger';
import { queryRows, type DbHandle, type Executor } from './client';

/**
 * pg-boss (10.x: the last line that runs on Node 20) keeps its jobs in the `pgboss` schema of our
 * own database. It talks to the database only through `executeSql`, so the adapters below let it
 * use the app's connection pool, the embedded PGlite connection, or a caller's open transaction.
 */

/** Every queue the product uses; `migrateDatabase` creates them. */
export const JOB_QUEUES = { emailDelivery: 'email-delivery', paymentReminders: 'payment-reminders' } as const;

/** pg-boss's own queue for cron schedules (its timekeeper sends scheduled jobs through it). */
const PGBOSS_SCHEDULE_QUEUE = '__pgboss__send-it';

type Rows = { rows: Record<string, unknown>[] };

export interface JobQueueDb extends PgBoss.Db {
  /** Resolves once no statement issued through this adapter is still running. */
  drain(): Promise<void>;
}

function flatten(result: pg.QueryResult | pg.QueryResult[]): Rows {
  return Array.isArray(result) ? { rows: result.flatMap((r) => r.rows) } : result;
}

/** pg and PGlite bind `undefined` differently; pg-boss passes it for unset options. */
function bindable(values: unknown[]): unknown[] {
  return values.map((v) => (v === undefined ? null : v));
}

/**
 * Statements without parameters may be one of pg-boss's multi-statement `BEGIN; …; COMMIT` blocks
 * (schema creation, maintenance). A failure half-way leaves the connection inside an aborted
 * transaction, so such a block runs on a connection of its own that is rolled back before it is
 * released (and destroyed if even that fails).
 */
async function runBlockOnClient(client: pg.PoolClient | pg.Client, text: string): Promise<Rows> {
  try {
    return flatten(await client.query(text));
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

function track(run: (text: string, values: unknown[]) => Promise<Rows>): JobQueueDb {
  const running = new Set<Promise<unknown>>();
  return {
    executeSql(text: string, values: unknown[] = []) {
      const p = run(text, values);
      running.add(p);
      void p.then(
        () => running.delete(p),
        () => running.delete(p),
      );
      return p;
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

/** pg-boss on the app's database handle: the server's pool, or the embedded connection. */
export function jobQueueDb(handle: DbHandle): JobQueueDb {
  if (handle.driver === 'pg') {
    const pool = handle.pool;
    return track(async (text, values) => {
      if (values.length > 0) return flatten(await pool.query(text, bindable(values)));
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return await runBlockOnClient(client, text);
      } catch (err) {
        broken = err instanceof Error ? err : new Error(String(err));
        throw err;
      } finally {
        client.release(broken);
      }
    });
  }
  const pglite = handle.pglite;
  return track(async (text, values) => {
    handle.inFlight++;
    try {
      if (values.length > 0) return await pglite.query(text, bindable(values));
      // PGlite has one connection: running the block inside `transaction` holds its lock until the
      // block is committed or rolled back, so no other statement can land in an aborted block.
      // (pg-boss's own BEGIN/COMMIT inside it only draw "already/no transaction" warnings.)
      return await pglite.transaction(async (tx) => ({ rows: (await tx.exec(text)).flatMap((r) => r.rows) }));
    } finally {
      handle.inFlight--;
    }
  });
}

/** pg-boss on one dedicated connection (used while migrating under the migration lock). */
export function jobQueueClientDb(client: pg.PoolClient): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      if (values.length > 0) return flatten(await client.query(text, bindable(values)));
      return runBlockOnClient(client, text);
    },
  };
}

/**
 * pg-boss inside a caller's Drizzle transaction: a job sent through it commits or rolls back with
 * the caller's change. pg-boss writes `$n` placeholders; they become Drizzle parameters (each
 * occurrence its own, so a repeated `$5` simply binds the same value twice).
 */
export function jobQueueTxDb(tx: Executor): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const chunks: SQL[] = [];
      let last = 0;
      for (const match of text.matchAll(/\$(\d+)/g)) {
        chunks.push(sql.raw(text.slice(last, match.index)));
        chunks.push(sql`${sql.param(values[Number(match[1]) - 1] ?? null)}`);
        last = match.index + match[0].length;
      }
      chunks.push(sql.raw(text.slice(last)));
      return { rows: await queryRows<Record<string, unknown>>(tx, sql.join(chunks)) };
    },
  };
}

/** Installs or upgrades pg-boss's schema (pg-boss's own migrations) and creates our queues. */
export async function installJobQueues(db: PgBoss.Db, logger: AppLogger): Promise<void> {
  const boss = new PgBoss({ db, migrate: true, supervise: false, schedule: false });
  boss.on('error', (err) => logger.error({ err }, 'Job queue error while installing'));
  await boss.start();
  try {
    for (const name of [...Object.values(JOB_QUEUES), PGBOSS_SCHEDULE_QUEUE]) await boss.createQueue(name);
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}
