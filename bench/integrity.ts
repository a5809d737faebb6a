/**
 * How long `npm run check:integrity` takes on a million vouchers. Usage (from the repository root):
 *   npm run bench -- integrity [--vouchers 1000000] [--lines 3] [--orgs 20] [--keep] [--url <seeded database>]
 * Seeds a throwaway database on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
 * with consistent vouchers, lines, counters, stock ledger and values, balances, ledger entries, day totals,
 * bills and hash-chained audit rows (bench/support/seed-books.ts),
 * runs the checker (expects a pass), corrupts a few rows of each kind, runs it again (expects each
 * to be found), and drops the database. See bench/README.md.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createPgHandle, queryRows, type PgHandle } from '../apps/api/src/db/client';
import { migrateDatabase } from '../apps/api/src/db/migrate';
import { categoryLoggers, createLogger } from '../apps/api/src/lib/logger';
import { CHECKS, checkIntegrity, formatReport, type IntegrityReport } from '../apps/api/src/modules/integrity';
import { n, seedCompany } from './support/seed-books';
import { createThrowawayDatabase } from './support/throwaway-db';

const { values: args } = parseArgs({
  options: {
    vouchers: { type: 'string', default: '1000000' },
    lines: { type: 'string', default: '3' },
    orgs: { type: 'string', default: '20' },
    // Keep the seeded database (its URL is printed) to check it again with --url, skipping the half-hour seed.
    keep: { type: 'boolean', default: false },
    url: { type: 'string' },
  },
});
const VOUCHERS = Number(args.vouchers);
const LINES = Number(args.lines);
const ORGS = Number(args.orgs);
const PRODUCTS = 50;

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** One row of each kind of damage, spread over the data, in one transaction. */
async function corrupt(handle: PgHandle) {
  await handle.db.execute(sql`
    WITH pick AS (SELECT id FROM vouchers WHERE status = 'active' ORDER BY id OFFSET 1000 LIMIT 1)
    UPDATE vouchers SET grand_total = grand_total + 1 WHERE id IN (SELECT id FROM pick)`);
  await handle.db.execute(sql`
    WITH pick AS (SELECT id FROM voucher_lines WHERE cgst_amount > 0 ORDER BY id OFFSET 2000 LIMIT 1)
    UPDATE voucher_lines SET cgst_amount = cgst_amount + 0.01 WHERE id IN (SELECT id FROM pick)`);
  await handle.db.execute(sql`
    WITH pick AS (SELECT id FROM stock_ledger WHERE source = 'voucher' ORDER BY id OFFSET 3000 LIMIT 1)
    DELETE FROM stock_ledger WHERE id IN (SELECT id FROM pick)`);
  await handle.db.execute(sql`
    WITH pick AS (SELECT organization_id, product_id FROM stock_balances ORDER BY product_id OFFSET 7 LIMIT 1)
    UPDATE stock_balances b SET quantity = quantity + 5 FROM pick WHERE b.organization_id = pick.organization_id AND b.product_id = pick.product_id`);
  await handle.db.execute(sql`
    WITH pick AS (SELECT id FROM vouchers WHERE seq = 500 ORDER BY id LIMIT 1)
    UPDATE vouchers SET seq = 99999, voucher_number = left(voucher_number, length(voucher_number) - 5) || '99999' WHERE id IN (SELECT id FROM pick)`);
  await handle.db.execute(sql`
    WITH pick AS (SELECT id FROM vouchers WHERE status = 'active' ORDER BY id OFFSET 5000 LIMIT 1)
    UPDATE vouchers SET status = 'cancelled' WHERE id IN (SELECT id FROM pick)`);
  await handle.db.execute(sql`
    WITH pick AS (SELECT voucher_id, line_no FROM ledger_entries WHERE NOT is_reversal ORDER BY voucher_id OFFSET 6000 LIMIT 1)
    UPDATE ledger_entries e SET amount = amount + 1 FROM pick WHERE e.voucher_id = pick.voucher_id AND NOT e.is_reversal AND e.line_no = pick.line_no`);
  await handle.db.execute(sql`
    WITH pick AS (SELECT organization_id, ledger_id, entry_date FROM ledger_day_totals ORDER BY ledger_id, entry_date OFFSET 700 LIMIT 1)
    UPDATE ledger_day_totals d SET credit = credit + 2 FROM pick
     WHERE d.organization_id = pick.organization_id AND d.ledger_id = pick.ledger_id AND d.entry_date = pick.entry_date`);
  await handle.db.execute(sql`
    WITH pick AS (SELECT id FROM bills WHERE cancelled_at IS NULL ORDER BY id OFFSET 8000 LIMIT 1)
    UPDATE bills SET outstanding = outstanding - 1 WHERE id IN (SELECT id FROM pick)`);
  await handle.db.execute(sql`
    WITH pick AS (SELECT organization_id, product_id, entry_date FROM stock_value_day_totals ORDER BY product_id, entry_date OFFSET 900 LIMIT 1)
    UPDATE stock_value_day_totals d SET value_change = value_change + 1 FROM pick
     WHERE d.organization_id = pick.organization_id AND d.product_id = pick.product_id AND d.entry_date = pick.entry_date`);
  await handle.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
  await handle.db.execute(sql`
    WITH pick AS (SELECT id FROM audit_events ORDER BY id OFFSET 4000 LIMIT 1)
    UPDATE audit_events SET details = details || '{"tampered": true}' WHERE id IN (SELECT id FROM pick)`);
  await handle.db.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
}

function printTimings(label: string, report: IntegrityReport) {
  console.log(`\n${label}: ${report.ok ? 'passed' : 'FAILED'} in ${report.seconds.toFixed(1)} s`);
  for (const c of report.checks) {
    console.log(
      `  ${c.id.padEnd(18)} ${n(c.rows).padStart(12)} ${c.rowsLabel.padEnd(12)} ${c.seconds.toFixed(2).padStart(8)} s   ${c.problemCount} found wrong`,
    );
  }
}

async function main() {
  const target = args.url ? { url: args.url, drop: async () => undefined } : await createThrowawayDatabase();
  const loggers = categoryLoggers(createLogger({ level: 'silent', pretty: false }));
  const handle = createPgHandle({ url: target.url, poolSize: 2, poolTimeoutMs: 60_000, statementTimeoutMs: 0 }, loggers.database);
  try {
    const [version] = await queryRows<{ v: string }>(handle.db, sql`SELECT current_setting('server_version') AS v`);
    if (args.url) {
      console.log(
        `PostgreSQL ${version!.v}; checking the database seeded before at ${args.url} (it is corrupted below; drop it afterwards)`,
      );
    } else {
      await migrateDatabase(handle, loggers.database);
      console.log(`PostgreSQL ${version!.v}; seeding ${n(VOUCHERS)} vouchers x ${LINES} lines over ${ORGS} organisations`);
      const t0 = performance.now();
      await seedCompany(handle, {
        vouchers: VOUCHERS,
        lines: LINES,
        orgs: ORGS,
        customers: 10,
        vendors: 10,
        products: PRODUCTS,
        days: 730,
        audit: true,
      });
      console.log(`  seeded in ${seconds(t0)} s${args.keep ? `; kept at ${target.url}` : ''}`);
      if (args.keep) {
        const clean = await checkIntegrity(handle, { maxProblems: 10 });
        printTimings('Clean database', clean);
        return;
      }
    }

    const clean = await checkIntegrity(handle, { maxProblems: 10 });
    printTimings('Clean database', clean);
    if (!clean.ok) console.log(formatReport(clean));

    await corrupt(handle);
    const broken = await checkIntegrity(handle, { maxProblems: 3 });
    printTimings('After corrupting one row of each kind', broken);
    console.log(`\n${formatReport(broken)}`);
    const expected = Object.keys(CHECKS);
    const missed = expected.filter((id) => !broken.checks.some((c) => c.id === id && c.problemCount > 0));
    if (!clean.ok || missed.length) {
      console.log(
        `\nUNEXPECTED: ${clean.ok ? '' : 'the clean database failed; '}${missed.length ? `not found: ${missed.join(', ')}` : ''}`,
      );
      process.exitCode = 1;
    }
  } finally {
    await handle.close();
    if (!args.keep) await target.drop();
  }
}

await main();
