import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../src/db/client';

/**
 * Security bookkeeping that a refused request may legitimately change: failed-login counters and
 * lockouts (login_failures), the audit trail (failed logins are audited), sessions (refresh-token reuse revokes
 * them), rate-limit and queue state (a refused attempt still counts against the per-address limit;
 * email workers beat), mail records of always-answered requests, and the wrong codes a two-factor
 * challenge counts.
 */
const EXCLUDED_TABLES = new Set([
  'audit_events',
  'audit_chain_heads',
  'auth_sessions',
  'email_messages',
  'email_workers',
  'login_failures',
  'password_reset_codes',
  'rate_limit_hits',
  'two_factor_challenges',
]);
const EXCLUDED_COLUMNS: Record<string, string[]> = {
  users: ['updated_at', 'last_login_at'],
};

export interface Fingerprint {
  [table: string]: string;
}

/** The fingerprint query of a database: its table list does not change during a run, so it is built once. */
const queries = new WeakMap<Executor, Promise<SQL | undefined>>();

async function fingerprintQuery(db: Executor): Promise<SQL | undefined> {
  const tables = await queryRows<{ table_name: string }>(
    db,
    sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const parts: SQL[] = [];
  for (const { table_name: table } of tables) {
    if (EXCLUDED_TABLES.has(table) || table.startsWith('__drizzle')) continue;
    const drop = EXCLUDED_COLUMNS[table] ?? [];
    const row = drop.length ? sql.raw(`(to_jsonb(t) - ARRAY[${drop.map((c) => `'${c}'`).join(',')}])::text`) : sql.raw('t::text');
    parts.push(
      sql`SELECT ${table}::text AS name, md5(coalesce(string_agg(md5(${row}), '' ORDER BY md5(${row})), '')) AS h FROM ${sql.identifier(table)} t`,
    );
  }
  return parts.length ? sql.join(parts, sql` UNION ALL `) : undefined;
}

/** An order-insensitive hash of every row of every business table in the public schema, in one round trip. */
export async function fingerprint(db: Executor): Promise<Fingerprint> {
  let query = queries.get(db);
  if (!query) {
    query = fingerprintQuery(db);
    queries.set(db, query);
  }
  const built = await query;
  const out: Fingerprint = {};
  if (!built) return out;
  for (const r of await queryRows<{ name: string; h: string | null }>(db, built)) out[r.name] = r.h ?? '';
  return out;
}

export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]);
}
