import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from './client';
import { MIGRATIONS_FOLDER } from './migrate';

/** One migration as drizzle-kit's journal names it: its tag and the time that orders it. */
export interface SchemaMigration {
  tag: string;
  /** The journal's `when` (ms), which drizzle stores as `created_at` of the applied migration. */
  when: number;
}

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

/** The migrations this build of the product carries, oldest first. */
export function knownMigrations(): SchemaMigration[] {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries.map((e) => ({ tag: e.tag, when: e.when }));
}

/**
 * The last migration applied to a database (drizzle's own table), named by this build's journal
 * when it knows it; `tag` is null for a migration newer than this build (or none applied).
 */
export async function databaseMigration(db: Executor): Promise<{ tag: string | null; when: number; count: number } | null> {
  const [exists] = await queryRows<{ t: string | null }>(db, sql`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`);
  if (!exists?.t) return null;
  const [row] = await queryRows<{ created_at: string | number | null; n: string | number }>(
    db,
    sql`SELECT max(created_at) AS created_at, count(*) AS n FROM drizzle.__drizzle_migrations`,
  );
  if (!row || row.created_at === null) return null;
  const when = Number(row.created_at);
  return { tag: knownMigrations().find((m) => m.when === when)?.tag ?? null, when, count: Number(row.n) };
}
