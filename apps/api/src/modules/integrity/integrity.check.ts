import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { DRIZZLE_OPTIONS, queryRows, type DbHandle, type Executor } from '../../db/client';
import { verifyAuditChains } from '../audit';
import type { CheckContext, CheckOutcome } from './integrity.context';
import { checkGstFiledMonthsUntouched, checkGstReturnsAgainstBooks } from './integrity.gst';
import { checkMonthTotals } from './integrity.months';
import { checkNumbering } from './integrity.numbering';
import { CHECKS, type CheckId, type CheckResult, type IntegrityProblem, type IntegrityReport } from './integrity.report';
import { checkBills, checkLedgerDayTotals, checkLedgerEntries, checkTrialBalance } from './integrity.books';
import { checkStockBalances, checkStockLedger, checkStockValue, checkVoucherStock } from './integrity.stock';
import { checkLineGst, checkVoucherTotals } from './integrity.vouchers';

/** The database cannot be checked as connected (not migrated, or row-level security hides rows): exit 2, not a finding. */
export class IntegrityUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntegrityUsageError';
  }
}

const BOOKS_TABLES = [
  'ledgers',
  'ledger_entries',
  'ledger_day_totals',
  'ledger_month_totals',
  'bills',
  'bill_allocations',
  'stock_value_day_totals',
  'stock_value_month_totals',
];
const RLS_TABLES = [
  'vouchers',
  'voucher_lines',
  'voucher_series',
  'stock_balances',
  'stock_ledger',
  'products',
  'parties',
  ...BOOKS_TABLES,
];
const BUSINESS_TABLES = [...RLS_TABLES, 'audit_events'];

/**
 * One REPEATABLE READ READ ONLY transaction, so every check sees the same committed state while
 * the API keeps writing, and nothing can be changed by mistake. It runs as the connecting login
 * (never the tenant role): `row_security = off` makes any query that row-level security would
 * filter fail loudly instead of silently checking nothing. No statement timeout: a million
 * vouchers take longer than an API request may.
 */
export async function inReadOnlySnapshot<T>(handle: DbHandle, fn: (tx: Executor) => Promise<T>): Promise<T> {
  if (handle.driver === 'pg') {
    const client = await handle.pool.connect();
    let broken: Error | undefined;
    const onError = (err: Error) => {
      broken ??= err;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query('SET LOCAL statement_timeout = 0; SET LOCAL row_security = off');
      const result = await fn(drizzlePg(client, DRIZZLE_OPTIONS) as unknown as Executor);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      if (!broken) await client.query('ROLLBACK').catch((e: unknown) => (broken = e instanceof Error ? e : new Error(String(e))));
      throw err;
    } finally {
      client.off('error', onError);
      client.release(broken ?? false);
    }
  }
  return handle.db.transaction(
    async (tx) => {
      await tx.execute(sql`SET LOCAL row_security = off`);
      return fn(tx as unknown as Executor);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

async function setLocal(tx: Executor, settings: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(settings)) await tx.execute(sql`SELECT set_config(${name}, ${value}, true)`);
}

/**
 * The set-based checks read whole tables: sequential scans with hash joins and sorts in memory
 * are the fast plan, and the planner otherwise walks 3 million lines in index order (random heap
 * reads) or has each parallel worker rebuild the same aggregate. At a million vouchers this is
 * the difference between about a minute and over twenty on a loaded 2-core machine (bench/README).
 * Index scans come back for the audit walk, which pages along an index.
 */
const SCAN_SETTINGS = {
  work_mem: '256MB',
  max_parallel_workers_per_gather: '0',
  jit: 'off',
  enable_indexscan: 'off',
  enable_bitmapscan: 'off',
};
const WALK_SETTINGS = { enable_indexscan: 'on', enable_bitmapscan: 'on' };

async function assertCheckable(tx: Executor): Promise<void> {
  const present = await queryRows<{ name: string }>(
    tx,
    sql`SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_name IN (${sql.join(
           BUSINESS_TABLES.map((t) => sql`${t}`),
           sql`, `,
         )})`,
  );
  const missing = BUSINESS_TABLES.filter((t) => !present.some((p) => p.name === t));
  if (missing.length) {
    throw new IntegrityUsageError(
      `This database has no ${missing.join(', ')} table(s): it is not a migrated TRITIQ ERP database (run npm run db:migrate)`,
    );
  }
  const [rls] = await queryRows<{ who: string; hidden: string[] | string | null }>(
    tx,
    sql`SELECT current_user AS who,
               array_agg(t) FILTER (WHERE row_security_active(t)) AS hidden
          FROM unnest(ARRAY[${sql.join(
            RLS_TABLES.map((t) => sql`${t}`),
            sql`, `,
          )}]::text[]) AS t`,
  );
  const hidden = rls?.hidden ? (Array.isArray(rls.hidden) ? rls.hidden : [rls.hidden]) : [];
  if (hidden.length) {
    throw new IntegrityUsageError(
      `Row-level security applies to ${rls!.who} on ${hidden.join(', ')}: connect as the owner of the tables (the login that ran the migrations), a superuser or a role with BYPASSRLS`,
    );
  }
}

export interface IntegrityOptions {
  /** Problems listed per check (all are counted); default 50. */
  maxProblems?: number;
  /** Only these checks (default: all). */
  only?: readonly CheckId[];
  /** Called as each check starts, with how many are done (progress on the command line). */
  onCheck?: (check: { id: CheckId; title: string; done: number; total: number }) => void;
}

export async function checkIntegrity(handle: DbHandle, options: IntegrityOptions = {}): Promise<IntegrityReport> {
  const started = performance.now();
  const maxProblems = options.maxProblems ?? 50;
  return inReadOnlySnapshot(handle, async (tx) => {
    await assertCheckable(tx);
    const orgs = await queryRows<{ id: string; name: string }>(tx, sql`SELECT id, name FROM organizations`);
    const names = new Map(orgs.map((o) => [o.id, o.name]));
    const [counts] = await queryRows<Record<string, string | number>>(
      tx,
      sql`SELECT (SELECT count(*) FROM vouchers)::int AS vouchers, (SELECT count(*) FROM voucher_lines)::int AS lines,
                 (SELECT count(*) FROM stock_ledger)::int AS ledger, (SELECT count(*) FROM stock_balances)::int AS balances,
                 (SELECT count(*) FROM voucher_series)::int AS counters, (SELECT count(*) FROM audit_events)::int AS events`,
    );
    const totals = {
      vouchers: Number(counts!.vouchers),
      voucherLines: Number(counts!.lines),
      ledgerRows: Number(counts!.ledger),
      stockBalances: Number(counts!.balances),
      counters: Number(counts!.counters),
    };
    const ctx: CheckContext = { tx, maxProblems, orgName: (id) => (id ? (names.get(id) ?? null) : null), totals };

    const runners: Record<CheckId, () => Promise<CheckOutcome>> = {
      voucher_totals: () => checkVoucherTotals(ctx),
      line_gst: () => checkLineGst(ctx),
      stock_balances: () => checkStockBalances(ctx),
      stock_ledger: () => checkStockLedger(ctx),
      numbering: () => checkNumbering(ctx),
      voucher_stock: () => checkVoucherStock(ctx),
      stock_value: () => checkStockValue(ctx),
      ledger_entries: () => checkLedgerEntries(ctx),
      ledger_day_totals: () => checkLedgerDayTotals(ctx),
      month_totals: () => checkMonthTotals(ctx),
      trial_balance: () => checkTrialBalance(ctx),
      bills: () => checkBills(ctx),
      // A filed month is read along the indexes (its vouchers, its ledgers' day totals), not by scans.
      gst_returns_books: async () => {
        await setLocal(tx, WALK_SETTINGS);
        return checkGstReturnsAgainstBooks(ctx);
      },
      gst_filed_untouched: async () => {
        await setLocal(tx, WALK_SETTINGS);
        return checkGstFiledMonthsUntouched(ctx);
      },
      audit_chain: async () => {
        await setLocal(tx, WALK_SETTINGS);
        const result = await verifyAuditChains(tx, { maxProblems });
        const problems: IntegrityProblem[] = result.problems.map((p) => {
          const org = p.chainKey === 'platform' ? null : p.chainKey;
          return {
            check: 'audit_chain',
            organizationId: org,
            organizationName: ctx.orgName(org),
            subject: `audit chain ${p.chainKey}${p.seq === null ? '' : ` seq ${p.seq}`}`,
            field: 'hash chain',
            expected: 'an unbroken chain of unaltered rows',
            found: p.problem,
          };
        });
        return { problems, problemCount: result.problems.length, rows: result.events, rowsLabel: 'events' };
      },
    };

    const checks: CheckResult[] = [];
    const problems: IntegrityProblem[] = [];
    await setLocal(tx, SCAN_SETTINGS);
    const selected = (Object.keys(CHECKS) as CheckId[]).filter((id) => !options.only || options.only.includes(id));
    for (const id of selected) {
      options.onCheck?.({ id, title: CHECKS[id], done: checks.length, total: selected.length });
      const t0 = performance.now();
      const outcome = await runners[id]();
      checks.push({
        id,
        title: CHECKS[id],
        rows: outcome.rows,
        rowsLabel: outcome.rowsLabel,
        problemCount: Math.max(outcome.problemCount, outcome.problems.length),
        truncated: outcome.problemCount > maxProblems,
        seconds: (performance.now() - t0) / 1000,
      });
      problems.push(...outcome.problems);
    }
    return {
      ok: checks.every((c) => c.problemCount === 0),
      database: handle.driver === 'pg' ? 'PostgreSQL' : 'embedded PGlite',
      checks,
      problems,
      totals: {
        organizations: orgs.length,
        vouchers: totals.vouchers,
        voucherLines: totals.voucherLines,
        ledgerRows: totals.ledgerRows,
        auditEvents: Number(counts!.events),
      },
      seconds: (performance.now() - started) / 1000,
    };
  });
}
