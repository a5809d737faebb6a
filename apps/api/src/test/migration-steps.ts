import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { DRIZZLE_OPTIONS, createPgHandle, createPgliteHandle, type DbHandle } from '../db/client';
import { MIGRATIONS_FOLDER } from '../db/migrate';
import { databaseUrl, testDriver } from './test-db';
import { captureLoggers } from './harness';

/**
 * For tests of a migration that moves data: a database migrated up to just before it, data put
 * in the old shape, then the rest of the migrations (see voucher-series.migration.db.test.ts).
 */

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A folder holding the migrations before `tag`, with their journal. */
export function foldersUpTo(tag: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tritiq-migrations-'));
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  if (at < 0) throw new Error(`No migration ${tag} in the journal`);
  const entries = journal.entries.slice(0, at);
  mkdirSync(path.join(dir, 'meta'));
  writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) copyFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A new empty database of the test driver, dropped when the file's tests end. */
export async function emptyDatabase(): Promise<{ handle: DbHandle; migrate: (folder: string) => Promise<void> }> {
  const { loggers } = captureLoggers('error');
  if (testDriver() === 'pglite') {
    const handle = await createPgliteHandle({});
    cleanups.push(() => handle.close());
    return {
      handle,
      migrate: (folder) =>
        migratePglite(handle.db as unknown as PgliteDatabase<typeof DRIZZLE_OPTIONS.schema>, { migrationsFolder: folder }),
    };
  }
  const adminUrl = inject('pgAdminUrl');
  const name = `tritiq_t_migration_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
  await admin.end();
  const handle = createPgHandle(
    { url: databaseUrl(adminUrl, name), poolSize: 2, poolTimeoutMs: 5_000, statementTimeoutMs: 30_000 },
    loggers.database,
  );
  cleanups.push(async () => {
    await handle.close();
    const drop = new pg.Client({ connectionString: adminUrl });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS "${name}"`);
    await drop.end();
  });
  return {
    handle,
    migrate: async (folder) => {
      const client = await handle.pool.connect();
      try {
        await migratePg(drizzlePg(client, DRIZZLE_OPTIONS), { migrationsFolder: folder });
      } finally {
        client.release();
      }
    },
  };
}
