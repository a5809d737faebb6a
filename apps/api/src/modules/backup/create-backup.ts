import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle, type Executor } from '../../db/client';
import { databaseMigration } from '../../db/schema-version';
import type { Progress } from '../../lib/progress';
import { inReadOnlySnapshot } from '../integrity';
import { BackupError, sha256OfFile, writeBackupFile, type BackupManifest } from './backup.file';
import { runPgDump } from './pg-tools';

export interface CreateBackupInput {
  /** The database; on PostgreSQL a login that sees every organisation (superuser or BYPASSRLS). */
  handle: DbHandle;
  /** On PostgreSQL, the URL pg_dump connects with (the same login as the handle). */
  pgUrl?: string;
  appVersion: string;
  file: string;
  progress: Progress;
  /** The time written in the manifest. */
  now?: Date;
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

async function describeDatabase(db: Executor) {
  const migration = await databaseMigration(db);
  if (!migration)
    throw new BackupError('This database has no applied migrations: it is not a TRITIQ ERP database (run npm run db:migrate)');
  const [counts] = await queryRows<{ organizations: number; vouchers: number; tables: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM organizations)::int AS organizations, (SELECT count(*) FROM vouchers)::int AS vouchers,
               (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%')::int AS tables`,
  );
  return {
    migration,
    counts: { organizations: Number(counts!.organizations), vouchers: Number(counts!.vouchers), tables: Number(counts!.tables) },
  };
}

/**
 * Writes a backup of the whole database to `file`: PostgreSQL through pg_dump's custom format
 * (restorable with pg_restore alone if need be), the embedded database as PGlite's data-directory
 * dump taken after a CHECKPOINT, while no other statement runs on its single connection.
 */
export async function createBackup(input: CreateBackupInput): Promise<BackupResult> {
  const { handle, progress } = input;
  const file = path.resolve(input.file);
  await mkdir(path.dirname(file), { recursive: true });
  const payload = `${file}.dump-${process.pid}`;
  progress.stage('reading the schema version');
  // Read in one snapshot with row-level security off: a login that cannot see every organisation fails here, not half way.
  const described = await inReadOnlySnapshot(handle, describeDatabase);
  try {
    if (handle.driver === 'pg') {
      if (!input.pgUrl) throw new BackupError('A PostgreSQL backup needs the database URL for pg_dump');
      let tables = 0;
      progress.stage('dumping tables', described.counts.tables);
      await runPgDump(['-Fc', '-f', payload, '-d', input.pgUrl], (table) => progress.update(++tables, table));
    } else {
      progress.stage('dumping the embedded database');
      await handle.pglite.exec('CHECKPOINT');
      const dump = await handle.pglite.dumpDataDir('gzip');
      await writeFile(payload, Buffer.from(await dump.arrayBuffer()));
    }
    const size = (await stat(payload)).size;
    progress.stage('computing the checksum', size);
    const { sha256, bytes } = await sha256OfFile(payload, 0, (b) => progress.update(b));
    const manifest: BackupManifest = {
      format: 'tritiq-backup',
      format_version: 1,
      app_version: input.appVersion,
      driver: handle.driver,
      schema_migration: { tag: described.migration.tag, when: described.migration.when, count: described.migration.count },
      created_at: (input.now ?? new Date()).toISOString(),
      payload_bytes: bytes,
      sha256,
      counts: described.counts,
    };
    progress.stage('writing the backup file');
    const total = await writeBackupFile(file, manifest, payload);
    return { file, bytes: total, manifest };
  } finally {
    await rm(payload, { force: true });
  }
}
