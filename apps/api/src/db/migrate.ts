import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { AppLogger } from '../lib/logger';
import { DRIZZLE_OPTIONS, type DbHandle } from './client';
import { installJobQueues, jobQueueClientDb, jobQueueDb } from './job-queue';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** An arbitrary constant: the advisory lock that keeps two starting processes from migrating at once. */
const MIGRATION_LOCK_KEY = 727_274_001;

/**
 * Applies the committed drizzle-kit migrations (the same SQL runs on PostgreSQL 15 and PGlite), then
 * installs or upgrades the job queue's schema with pg-boss's own migrations.
 */
export async function migrateDatabase(handle: DbHandle, logger: AppLogger): Promise<void> {
  const started = Date.now();
  if (handle.driver === 'pg') {
    const client = await handle.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      // A migration's backfill or index over millions of ledger entries outlasts the statement
      // timeout a request gets (DB_STATEMENT_TIMEOUT_MS); stopped halfway, the start-up would fail
      // and roll it back every time. The migrating connection has none; the pool's others keep theirs.
      await client.query('SET statement_timeout = 0');
      try {
        await migratePg(drizzlePg(client, DRIZZLE_OPTIONS), { migrationsFolder: MIGRATIONS_FOLDER });
        await installJobQueues(jobQueueClientDb(client), logger);
      } finally {
        await client.query('RESET statement_timeout');
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
    } finally {
      client.release();
    }
  } else {
    await migratePglite(handle.db as unknown as PgliteDatabase<typeof DRIZZLE_OPTIONS.schema>, {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
    await installJobQueues(jobQueueDb(handle), logger);
  }
  logger.info({ duration_ms: Date.now() - started, driver: handle.driver }, 'Database migrations applied');
}
