import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Config } from '../config';
import type { AppLogger } from '../lib/logger';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { installPlainAddFields } from './pg-result';
import * as schema from './schema';

export type Schema = typeof schema;

/** What repositories take: the database or an open transaction, on either driver. */
export type Executor = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** Runs raw SQL and returns its rows; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export interface PoolCounts {
  size: number;
  checkedOut: number;
  checkedIn: number;
  waiting: number;
}

interface BaseHandle {
  db: Executor;
  /** Raw SQL on a pooled connection, outside any transaction. */
  ping(): Promise<void>;
  poolCounts(): PoolCounts;
  close(): Promise<void>;
}

export interface PgHandle extends BaseHandle {
  driver: 'pg';
  /** The main login: tenant transactions (and, without a platform pool, everything). */
  pool: pg.Pool;
  /**
   * The platform login (`DATABASE_PLATFORM_URL`), when the main one is the least-privilege role
   * that cannot see across organisations: platform transactions run here.
   */
  platformPool?: pg.Pool;
  platformDb?: Executor;
}

export interface PgliteHandle extends BaseHandle {
  driver: 'pglite';
  pglite: PGlite;
  /** Operations currently using (or queued on) the single embedded connection. */
  inFlight: number;
}

export type DbHandle = PgHandle | PgliteHandle;

export const DRIZZLE_OPTIONS = { schema, casing: 'snake_case' } as const;

// numeric stays a string (money never becomes a float); int8 comes back as a string from pg,
// and columns that want numbers say so with bigint({ mode: 'number' }).
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);
// Each answer's empty row built as a plain object, not a dictionary (db/pg-result.ts).
installPlainAddFields();

export interface PgHandleOptions {
  url: string;
  poolSize: number;
  poolTimeoutMs: number;
  statementTimeoutMs: number;
  applicationName?: string;
  /** A second login for the platform context (see PgHandle.platformPool). */
  platformUrl?: string;
  /** Connections of the platform pool; a quarter of the main pool's by default. */
  platformPoolSize?: number;
}

export function createPgHandle(options: PgHandleOptions, logger: AppLogger): PgHandle {
  const pool = createPool(options, options.url, options.poolSize, logger);
  const platformPool = options.platformUrl
    ? createPool(options, options.platformUrl, options.platformPoolSize ?? Math.max(2, Math.ceil(options.poolSize / 4)), logger)
    : undefined;
  const db = drizzlePg(pool, DRIZZLE_OPTIONS) as unknown as Executor;
  return {
    driver: 'pg',
    pool,
    db,
    platformPool,
    platformDb: platformPool ? (drizzlePg(platformPool, DRIZZLE_OPTIONS) as unknown as Executor) : undefined,
    async ping() {
      await pool.query('SELECT 1');
    },
    poolCounts() {
      return {
        size: options.poolSize,
        checkedOut: pool.totalCount - pool.idleCount,
        checkedIn: pool.idleCount,
        waiting: pool.waitingCount,
      };
    },
    async close() {
      await Promise.all([pool.end(), platformPool?.end()]);
    },
  };
}

function createPool(options: PgHandleOptions, url: string, size: number, logger: AppLogger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: size,
    connectionTimeoutMillis: options.poolTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'tritiq-api',
    statement_timeout: options.statementTimeoutMs || undefined,
    keepAlive: true,
    // Statements a caller sends without awaiting the one before (Promise.all on a transaction's
    // connection) go out at once and are answered in order: one round trip, not one each. Code
    // that awaits each statement behaves exactly as without it.
    pipeline: true,
  });
  // An idle client losing its server (restart, network) must not crash the process.
  pool.on('error', (err) => logger.warn({ err }, 'Idle database connection failed and was discarded'));
  // Nor may a checked-out one: pg-pool removes its listener while a client is out, and a server
  // shutdown (57P01) reaching a client between two statements is emitted as 'error' on the client,
  // which would otherwise be unhandled and take the process down (found by `npm run drill -- restart-pg`).
  // The client is marked unusable; its next query fails and it is discarded when released.
  pool.on('connect', (client) => {
    client.on('error', (err) => logger.warn({ err }, 'Database connection failed while in use'));
  });
  return pool;
}

export interface PgliteHandleOptions {
  /** A directory to keep the data in, or undefined for an in-memory database. */
  dataDir?: string;
  /** A dump (from `dumpDataDir`) to start from, for tests. */
  loadDataDir?: Blob | File;
}

export async function createPgliteHandle(options: PgliteHandleOptions): Promise<PgliteHandle> {
  let lock: DataDirLock | undefined;
  let dataPath: string | undefined;
  if (options.dataDir) {
    lock = lockDataDir(options.dataDir);
    dataPath = path.join(options.dataDir, 'pgdata');
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataPath, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = drizzlePglite(pglite, DRIZZLE_OPTIONS) as unknown as Executor;
  const handle: PgliteHandle = {
    driver: 'pglite',
    pglite,
    db,
    inFlight: 0,
    async ping() {
      handle.inFlight++;
      try {
        await pglite.query('SELECT 1');
      } finally {
        handle.inFlight--;
      }
    },
    poolCounts() {
      const busy = handle.inFlight;
      return { size: 1, checkedOut: busy > 0 ? 1 : 0, checkedIn: busy > 0 ? 0 : 1, waiting: Math.max(0, busy - 1) };
    },
    async close() {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
  return handle;
}

export async function createDbHandle(config: Config, logger: AppLogger): Promise<DbHandle> {
  const d = config.database;
  if (d.driver === 'pg') {
    return createPgHandle(
      {
        url: d.url,
        platformUrl: d.platformUrl,
        poolSize: d.poolSize,
        poolTimeoutMs: d.poolTimeoutMs,
        statementTimeoutMs: d.statementTimeoutMs,
      },
      logger,
    );
  }
  return createPgliteHandle({ dataDir: d.dataDir });
}
