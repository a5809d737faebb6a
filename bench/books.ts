/**
 * The books at scale (issue 15, "Performance"): one organisation with --vouchers vouchers (sales and
 * purchases; receipts and payments once they exist), its ledger entries, day totals, bills and stock
 * values seeded with set-based SQL (bench/support/seed-books.ts), then the statements timed through
 * the real API over HTTP (its own process) and as the SQL alone (the reports' repository functions
 * on the owner's connection). Usage (from the repository root):
 *   npm run bench -- books [--vouchers 1000000] [--lines 2] [--customers 1000] [--open-bills 50000] [--requests 50]
 *                          [--integrity] [--keep] [--url <a database seeded with --keep>]
 * Creates and drops a throwaway database on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../apps/api/src/config';
import { createPgHandle, queryRows } from '../apps/api/src/db/client';
import { migrateDatabase } from '../apps/api/src/db/migrate';
import { createDeps } from '../apps/api/src/deps';
import { categoryLoggers, createLogger } from '../apps/api/src/lib/logger';
import { findCashBankBalances } from '../apps/api/src/modules/dashboard/dashboard.repo';
import { checkIntegrity } from '../apps/api/src/modules/integrity';
import { booksFigures } from '../apps/api/src/modules/reports/books-figures';
import { sumOpenBillsOn } from '../apps/api/src/modules/reports/bills.repo';
import { findBooksStart, findLedgerEntries, findLedgerTotals, findPeriodMovements } from '../apps/api/src/modules/reports/reports.repo';
import { createTenant, tokenFor } from '../apps/api/src/test/factories';
import { n, seedCompany } from './support/seed-books';
import { closeRequests, getter, LATENCY_HEADER, latencyRow, loadAverages, timed } from './support/latency-table';
import { createThrowawayDatabase } from './support/throwaway-db';
import { startServer } from './vouchers';

const { values: args } = parseArgs({
  options: {
    vouchers: { type: 'string', default: '1000000' },
    lines: { type: 'string', default: '2' },
    customers: { type: 'string', default: '1000' },
    'open-bills': { type: 'string', default: '50000' },
    requests: { type: 'string', default: '50' },
    integrity: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    url: { type: 'string' },
  },
});
const VOUCHERS = Number(args.vouchers);
const REQUESTS = Number(args.requests);
const OPEN_BILLS = Number(args['open-bills']);
const SECRET_KEY = randomBytes(32).toString('hex');
const AS_OF = '2026-03-31';
const FY_FROM = '2025-04-01';

const rows: string[] = [];
function report(what: string, via: string, s: { p50: number; p99: number; max: number }, target: string) {
  const line = latencyRow(what, via, s, target);
  rows.push(line);
  console.log(line);
}

async function main() {
  const target = args.url ? { url: args.url, drop: async () => undefined } : await createThrowawayDatabase();
  const loggers = categoryLoggers(createLogger({ level: 'silent', pretty: false }));
  const handle = createPgHandle({ url: target.url, poolSize: 4, poolTimeoutMs: 60_000, statementTimeoutMs: 0 }, loggers.database);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: target.url, SECRET_KEY, LOG_LEVEL: 'silent' });
  const deps = createDeps({ config, loggers, handle, secretKey: SECRET_KEY });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    let org: string;
    if (args.url) {
      [{ org }] = (await queryRows<{ org: string }>(
        handle.db,
        sql`SELECT organization_id AS org FROM vouchers GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      )) as [{ org: string }];
    } else {
      await migrateDatabase(handle, loggers.database);
      const tenant = await createTenant(deps, {
        stateCode: '27',
        name: `Books bench ${randomBytes(3).toString('hex')}`,
        booksStartDate: '2024-04-01',
      });
      org = tenant.org.id;
      console.log(`Seeding ${n(VOUCHERS)} vouchers in one organisation (load ${loadAverages()})`);
      const t0 = performance.now();
      await seedCompany(handle, {
        vouchers: VOUCHERS,
        lines: Number(args.lines),
        orgs: 1,
        orgIds: [org],
        customers: Number(args.customers),
        vendors: 100,
        products: 200,
        days: 730,
        audit: false,
      });
      console.log(`  seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      if (args.integrity) {
        const report = await checkIntegrity(handle, { maxProblems: 5 });
        console.log(
          `\nIntegrity check on it: ${report.ok ? 'passed' : 'FAILED'} in ${report.seconds.toFixed(1)} s (load ${loadAverages()})`,
        );
        for (const c of report.checks) {
          console.log(
            `  ${c.id.padEnd(18)} ${n(c.rows).padStart(12)} ${c.rowsLabel.padEnd(12)} ${c.seconds.toFixed(2).padStart(8)} s  ${c.problemCount} wrong`,
          );
        }
      }
      // Receipts do not exist yet: all but the latest OPEN_BILLS invoices are marked paid directly
      // (no allocation rows, so the integrity check would name them; it ran above).
      await handle.db.execute(sql`
        UPDATE bills SET outstanding = 0
         WHERE organization_id = ${org}::uuid AND id NOT IN (
           SELECT id FROM bills WHERE organization_id = ${org}::uuid AND cancelled_at IS NULL ORDER BY bill_date DESC, id LIMIT ${OPEN_BILLS})`);
      await handle.db.execute(sql`VACUUM ANALYZE bills`);
      // The seed posts sales and purchases only, so Cash never moves: give it a day total for every
      // day of the seed's two years (as daily receipts would) and their month totals, for the
      // dashboard's cash balance to read. Totals without entries: after the integrity check.
      await handle.db.execute(sql`
        INSERT INTO ledger_day_totals (organization_id, ledger_id, entry_date, debit, credit)
        SELECT l.organization_id, l.id, d::date, 1000 + extract(day FROM d), 400
          FROM ledgers l CROSS JOIN generate_series(date '2024-04-01', date '2026-03-31', interval '1 day') d
         WHERE l.organization_id = ${org}::uuid AND l.system_key = 'cash'`);
      await handle.db.execute(sql`
        INSERT INTO ledger_month_totals (organization_id, ledger_id, month, debit, credit)
        SELECT organization_id, ledger_id, date_trunc('month', entry_date)::date, sum(debit), sum(credit)
          FROM ledger_day_totals t
         WHERE organization_id = ${org}::uuid AND ledger_id = (SELECT id FROM ledgers WHERE organization_id = ${org}::uuid AND system_key = 'cash')
         GROUP BY 1, 2, 3`);
      await handle.db.execute(sql`ANALYZE ledger_day_totals`);
      await handle.db.execute(sql`ANALYZE ledger_month_totals`);
    }
    const [counts] = await queryRows<{ vouchers: number; entries: number; day_totals: number; ledgers: number; open_bills: number }>(
      handle.db,
      sql`SELECT (SELECT count(*) FROM vouchers WHERE organization_id = ${org}::uuid)::int AS vouchers,
                 (SELECT count(*) FROM ledger_entries WHERE organization_id = ${org}::uuid)::int AS entries,
                 (SELECT count(*) FROM ledger_day_totals WHERE organization_id = ${org}::uuid)::int AS day_totals,
                 (SELECT count(*) FROM ledgers WHERE organization_id = ${org}::uuid)::int AS ledgers,
                 (SELECT count(*) FROM bills WHERE organization_id = ${org}::uuid AND outstanding > 0 AND cancelled_at IS NULL)::int AS open_bills`,
    );
    console.log(
      `\nOne organisation: ${n(counts!.vouchers)} vouchers, ${n(counts!.entries)} ledger entries, ${n(counts!.day_totals)} day totals, ${n(counts!.ledgers)} ledgers, ${n(counts!.open_bills)} open bills`,
    );
    const ledgerOf = async (where: ReturnType<typeof sql>) =>
      (
        await queryRows<{ id: string }>(handle.db, sql`SELECT id FROM ledgers WHERE organization_id = ${org}::uuid AND ${where} LIMIT 1`)
      )[0]!.id;
    const sales = await ledgerOf(sql`system_key = 'sales'`);
    const customer = await ledgerOf(sql`party_id IS NOT NULL AND name = 'Customer 00007'`);
    const [user] = await queryRows<{ id: string; email: string; role: 'org_admin' }>(
      handle.db,
      sql`SELECT id, email, role FROM users WHERE organization_id = ${org}::uuid AND role = 'org_admin' LIMIT 1`,
    );
    const token = await tokenFor(deps, { ...user!, password: '', organizationId: org });

    server = await startServer(target.url, SECRET_KEY);
    const base = `${server.base}/api/v1`;
    const http200 = getter(base, token);
    console.log(`\n${REQUESTS} sequential requests each after 3 warm-up ones; ms`);
    for (const line of LATENCY_HEADER) console.log(line);
    const booksStart = await findBooksStart(handle.db, org);
    report('trial balance as on 2026-03-31', 'HTTP', await timed(REQUESTS, http200(`/reports/trial-balance?as_of=${AS_OF}`)), 'p50 < 300');
    report('trial balance', 'SQL', await timed(REQUESTS, () => booksFigures(handle.db, org, AS_OF)), '');
    report(
      'profit and loss, FY 2025-26',
      'HTTP',
      await timed(REQUESTS, http200(`/reports/profit-and-loss?from=${FY_FROM}&to=${AS_OF}`)),
      'p50 < 300',
    );
    report(
      'profit and loss',
      'SQL',
      await timed(REQUESTS, async () => {
        await findPeriodMovements(handle.db, org, { from: FY_FROM, to: AS_OF, booksStart });
        await booksFigures(handle.db, org, AS_OF);
      }),
      '',
    );
    report('balance sheet as on 2026-03-31', 'HTTP', await timed(REQUESTS, http200(`/reports/balance-sheet?as_of=${AS_OF}`)), 'p50 < 300');

    const page = (ledger: string, from: string, to: string) => `/reports/ledgers/${ledger}/statement?from=${from}&to=${to}&limit=50`;
    const statementRuns = REQUESTS * 4;
    report(
      'ledger statement page: a customer, FY, first page',
      'HTTP',
      await timed(statementRuns, http200(page(customer, FY_FROM, AS_OF))),
      'p99 < 20',
    );
    // A page deep in the Sales ledger (hundreds of thousands of entries): follow the cursor 20 pages
    // in, or to the last page that has one when the data is smaller (--vouchers below ~4,000).
    let cursor: string | undefined;
    let pagesIn = 0;
    for (let i = 0; i < 20; i++) {
      const text = await http200(`${page(sales, FY_FROM, AS_OF)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)();
      const next = (JSON.parse(text) as { next_cursor?: string | null }).next_cursor;
      if (!next) break;
      cursor = next;
      pagesIn = i + 1;
    }
    report(
      'ledger statement page: Sales, first page',
      'HTTP',
      await timed(statementRuns, http200(page(sales, FY_FROM, AS_OF))),
      'p99 < 20',
    );
    report(
      `ledger statement page: Sales, ${pagesIn} pages in`,
      'HTTP',
      await timed(statementRuns, http200(`${page(sales, FY_FROM, AS_OF)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)),
      'p99 < 20',
    );
    report(
      'ledger statement page: Sales, first page',
      'SQL',
      await timed(statementRuns, async () => {
        await findLedgerTotals(handle.db, org, sales, FY_FROM, AS_OF);
        await findLedgerEntries(handle.db, org, sales, { from: FY_FROM, to: AS_OF, limit: 51 });
      }),
      '',
    );
    // The ageing query over this data's open bills, from bills_open_idx; the report itself (GET
    // /reports/outstanding, with allocations after the date added back) at 50,000 open bills is
    // timed over HTTP by `npm run bench -- outstanding`.
    const outstanding = await queryRows<{ exists: boolean }>(
      handle.db,
      sql`SELECT true AS exists FROM pg_class WHERE relname = 'bills_open_idx'`,
    );
    if (outstanding.length) {
      report(
        `outstanding receivables with ageing, ${n(counts!.open_bills)} open bills`,
        'SQL (the query the report needs)',
        await timed(Math.max(10, REQUESTS / 5), () =>
          queryRows(
            handle.db,
            sql`SELECT b.party_id, count(*) AS bills, sum(b.outstanding) AS total,
                       sum(b.outstanding) FILTER (WHERE b.due_date >= ${AS_OF}::date) AS not_due,
                       sum(b.outstanding) FILTER (WHERE ${AS_OF}::date - b.due_date BETWEEN 1 AND 30) AS d30,
                       sum(b.outstanding) FILTER (WHERE ${AS_OF}::date - b.due_date BETWEEN 31 AND 60) AS d60,
                       sum(b.outstanding) FILTER (WHERE ${AS_OF}::date - b.due_date BETWEEN 61 AND 90) AS d90,
                       sum(b.outstanding) FILTER (WHERE ${AS_OF}::date - b.due_date > 90) AS over90
                  FROM bills b
                 WHERE b.organization_id = ${org}::uuid AND b.side = 'receivable' AND b.outstanding > 0 AND b.cancelled_at IS NULL
                   AND b.bill_date <= ${AS_OF}::date
                 GROUP BY b.party_id`,
          ),
        ),
        'p50 < 1000',
      );
    }
    // The dashboard (GET /dashboard, today's date): its books figures are the cash and bank balances
    // (month totals and this month's days, as the trial balance reads them) and the open bills as on
    // today; beside them, the cash balance summed over every day total, as the dashboard read it before.
    const today = new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);
    report('dashboard', 'HTTP', await timed(REQUESTS, http200('/dashboard')), '');
    report('dashboard cash and bank balances', 'SQL', await timed(REQUESTS * 4, () => findCashBankBalances(handle.db, org, today)), '');
    report(
      'dashboard cash balance, every day total (before)',
      'SQL',
      await timed(REQUESTS * 4, () =>
        queryRows(
          handle.db,
          sql`SELECT l.id, l.opening_balance + coalesce((SELECT sum(t.debit - t.credit) FROM ledger_day_totals t
                      WHERE t.organization_id = l.organization_id AND t.ledger_id = l.id AND t.entry_date <= ${today}::date), 0)
                FROM ledgers l WHERE l.organization_id = ${org}::uuid AND l.system_key = 'cash'`,
        ),
      ),
      '',
    );
    report(
      `dashboard receivables and payables, ${n(counts!.open_bills)} open bills`,
      'SQL',
      await timed(REQUESTS, () => sumOpenBillsOn(handle.db, org, today)),
      '',
    );
    if (args.keep) console.log(`\nKept at ${target.url}`);
  } finally {
    closeRequests();
    if (server) {
      server.child.send('stop');
      await once(server.child, 'exit');
    }
    await handle.close();
    if (!args.keep && !args.url) await target.drop();
  }
}

await main();
