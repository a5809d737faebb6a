import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createPgliteHandle, queryRows, type DbHandle, type Executor, type PgHandle } from '../../db/client';
import { lockDataDir } from '../../db/data-dir-lock';
import { migrateDatabase } from '../../db/migrate';
import { knownMigrations } from '../../db/schema-version';
import type { AppLogger } from '../../lib/logger';
import type { Progress } from '../../lib/progress';
import { CHECKS, checkIntegrity, type IntegrityReport } from '../integrity';
import { BackupError, readBackupManifest, verifyBackupPayload, type BackupManifest } from './backup.file';
import { restoreDump } from './pg-tools';

export interface RestoreResult {
  manifest: BackupManifest;
  /** The integrity check of the restored database. */
  integrity: IntegrityReport;
  /** Where the embedded database that was replaced was kept. */
  replacedDir?: string;
}

/** Refuses a backup this build cannot restore: made by a newer schema than it knows. */
export function assertRestorableSchema(file: string, manifest: BackupManifest): void {
  const known = knownMigrations();
  const latest = known[known.length - 1]!;
  const ours = manifest.schema_migration.tag !== null && known.some((m) => m.tag === manifest.schema_migration.tag);
  if (!ours || manifest.schema_migration.when > latest.when) {
    throw new BackupError(
      `${file} was made by a newer version of TRITIQ ERP (app ${manifest.app_version}, schema migration ${manifest.schema_migration.tag ?? `of ${new Date(manifest.schema_migration.when).toISOString()}`}) than this one knows (latest ${latest.tag}): upgrade TRITIQ ERP first; nothing was restored`,
    );
  }
}

/** The manifest, its schema and its checksum: everything is checked before anything is touched. */
async function openBackup(file: string, driver: 'pg' | 'pglite', progress: Progress) {
  const { manifest, payloadOffset } = await readBackupManifest(file);
  assertRestorableSchema(file, manifest);
  if (manifest.driver !== driver) {
    const what = { pg: 'a PostgreSQL server', pglite: 'the embedded database' };
    throw new BackupError(
      `${file} is a backup of ${what[manifest.driver]} and cannot be restored into ${what[driver]} (see README "Backup and restore" to move between them)`,
    );
  }
  progress.stage('verifying the checksum', manifest.payload_bytes);
  await verifyBackupPayload(file, manifest, payloadOffset, (b) => progress.update(b));
  return { manifest, payloadOffset };
}

async function afterRestore(handle: DbHandle, logger: AppLogger, progress: Progress): Promise<IntegrityReport> {
  // A backup of an older schema is brought up to this build's, as a start would do.
  progress.stage('bringing the schema up to date');
  await migrateDatabase(handle, logger);
  progress.stage('checking integrity', Object.keys(CHECKS).length);
  return checkIntegrity(handle, { onCheck: (c) => progress.update(c.done, c.title) });
}

/**
 * Restores a PostgreSQL backup into the database of `handle`/`pgUrl` (the owner's login). An
 * empty database is filled; one holding tables is refused unless `replace`, which drops its
 * objects first. The restore runs in one transaction: a failure leaves the database as it was.
 */
export async function restorePgBackup(input: {
  file: string;
  handle: PgHandle;
  pgUrl: string;
  replace: boolean;
  logger: AppLogger;
  progress: Progress;
}): Promise<RestoreResult> {
  const { handle, progress } = input;
  const { manifest, payloadOffset } = await openBackup(input.file, 'pg', progress);
  const [existing] = await queryRows<{ n: number }>(
    handle.db,
    sql`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`,
  );
  if (Number(existing?.n ?? 0) > 0 && !input.replace) {
    throw new BackupError(
      `The target database already holds ${existing!.n} tables: restore into an empty database, or pass --replace to drop what is there first; nothing was restored`,
    );
  }
  await ensureAppRoles(handle.db);
  let tables = 0;
  progress.stage('restoring tables', manifest.counts.tables);
  await restoreDump(input.pgUrl, input.file, payloadOffset, input.replace ? DROP_EVERY_SCHEMA : '', (table) =>
    progress.update(++tables, table),
  );
  return { manifest, integrity: await afterRestore(handle, input.logger, progress) };
}

/** What --replace runs first, in the restore's transaction: every schema of the database goes, and an empty public comes back. */
const DROP_EVERY_SCHEMA = `DO $$
DECLARE s text;
BEGIN
  FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', s);
  END LOOP;
END $$;
CREATE SCHEMA public;
`;

/**
 * The NOLOGIN roles the dump's grants and policies name are cluster-wide, not in the dump: a
 * server that never ran our migrations lacks them (the same statements as migrations 0004/0011).
 */
async function ensureAppRoles(db: Executor): Promise<void> {
  for (const role of ['tritiq_app NOLOGIN NOINHERIT', 'tritiq_platform NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS']) {
    await db.execute(sql.raw(`DO $$ BEGIN CREATE ROLE ${role}; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`));
  }
}

/**
 * Restores an embedded-database backup into `dataDir`: loaded into a new directory beside it,
 * migrated and checked there, then swapped in. The database it replaces (`replace` required) is
 * kept as `pgdata.replaced-<time>` rather than deleted. The data directory is locked throughout,
 * so a running API (or a second restore) stops it.
 */
export async function restorePgliteBackup(input: {
  file: string;
  dataDir: string;
  replace: boolean;
  logger: AppLogger;
  progress: Progress;
  now?: Date;
}): Promise<RestoreResult> {
  const { progress } = input;
  const dataDir = path.resolve(input.dataDir);
  const { manifest, payloadOffset } = await openBackup(input.file, 'pglite', progress);
  const lock = lockDataDir(dataDir);
  const target = path.join(dataDir, 'pgdata');
  const staging = path.join(dataDir, `.restore-${process.pid}`);
  try {
    const hasDatabase = existsSync(path.join(target, 'PG_VERSION'));
    if (hasDatabase && !input.replace)
      throw new BackupError(
        `${dataDir} already holds a database: pass --replace to replace it (it is kept as pgdata.replaced-<time>); nothing was restored`,
      );
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    progress.stage('loading the embedded database');
    const dump = new Blob([(await readFile(input.file)).subarray(payloadOffset)]);
    const handle = await createPgliteHandle({ dataDir: staging, loadDataDir: dump });
    let integrity: IntegrityReport;
    try {
      integrity = await afterRestore(handle, input.logger, progress);
    } finally {
      await handle.close();
    }
    let replacedDir: string | undefined;
    if (existsSync(target)) {
      replacedDir = path.join(dataDir, `pgdata.replaced-${(input.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`);
      await rename(target, replacedDir);
    }
    await rename(path.join(staging, 'pgdata'), target);
    return { manifest, integrity, replacedDir };
  } finally {
    await rm(staging, { recursive: true, force: true });
    lock.release();
  }
}
