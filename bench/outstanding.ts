/**
 * The outstanding report at scale (issue 15, "Performance": under 1 s with 50,000 open bills). One
 * organisation's sales and purchases are seeded with set-based SQL (support/seed-books.ts), then
 * receipts with allocations: the older bills settled in full (some by advances placed against them
 * later, `allocated_on`), one open bill in ten half paid, and advances on account, so that
 * --open-bills receivable bills stay open today. Timed through the real API over HTTP (its own
 * process) and as the SQL alone (the report's repository function), as on today and on past dates
 * (whose answer adds back what was allocated after them); the party bills page and the stock
 * summary alongside. Usage (from the repository root):
 *   npm run bench -- outstanding [--open-bills 50000] [--customers 2000] [--requests 30] [--keep] [--url <a database seeded with --keep>]
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
import { findOutstanding } from '../apps/api/src/modules/reports/bills.repo';
import { createTenant, tokenFor } from '../apps/api/src/test/factories';
import { n, seedCompany, step } from './support/seed-books';
import { closeRequests, getter, LATENCY_HEADER, latencyRow, loadAverages, timed } from './support/latency-table';
import { createThrowawayDatabase } from './support/throwaway-db';
import { startServer } from './vouchers';

const { values: args } = parseArgs({
  options: {
    'open-bills': { type: 'string', default: '50000' },
    customers: { type: 'string', default: '2000' },
    requests: { type: 'string', default: '30' },
    keep: { type: 'boolean', default: false },
    url: { type: 'string' },
  },
});
const OPEN_BILLS = Number(args['open-bills']);
const REQUESTS = Number(args.requests);
const SECRET_KEY = randomBytes(32).toString('hex');

function report(what: string, via: string, s: { p50: number; p99: number; max: number }, target: string) {
  console.log(latencyRow(what, via, s, target));
}

/** Receipts settling bills, with their allocations, and the bills' outstanding brought down to match. */
async function seedReceipts(db: ReturnType<typeof createPgHandle>['db'], org: string) {
  const x = (q: ReturnType<typeof sql>) => db.execute(q);
  await step('receipts: older bills settled, one open bill in ten half paid, advances on account', async () => {
    // rn 1..OPEN_BILLS (newest first) stay open; older ones are settled.
    await x(sql`CREATE UNLOGGED TABLE bench_r AS
      SELECT b.id AS bill_id, b.party_id, p.name AS party_name, b.bill_date, b.amount,
             row_number() OVER (ORDER BY b.bill_date DESC, b.id) AS rn
        FROM bills b JOIN parties p ON p.id = b.party_id
       WHERE b.organization_id = ${org}::uuid AND b.side = 'receivable' AND b.cancelled_at IS NULL`);
    await x(sql`CREATE UNLOGGED TABLE bench_alloc AS
      SELECT gen_random_uuid() AS voucher_id, bill_id, party_id, party_name,
             CASE WHEN rn > ${OPEN_BILLS} AND rn % 7 = 0 THEN bill_date ELSE bill_date + 20 END AS voucher_date,
             CASE WHEN rn > ${OPEN_BILLS} AND rn % 7 = 0 THEN bill_date + 75 END AS allocated_on,
             CASE WHEN rn > ${OPEN_BILLS} THEN amount ELSE round(amount / 2, 2) END AS amount
        FROM bench_r
       WHERE rn > ${OPEN_BILLS} OR rn % 10 = 0
      UNION ALL
      SELECT gen_random_uuid(), NULL, p.id, p.name, date '2025-06-01', NULL, 1000.00
        FROM parties p WHERE p.organization_id = ${org}::uuid AND p.kind = 'customer' AND p.name <= 'Customer 00200'`);
    await x(sql`INSERT INTO vouchers (id, organization_id, voucher_type, voucher_number, fiscal_year, seq, voucher_date, status,
                                      party_id, party_kind, party_name, is_inter_state, line_count, discount_amount, taxable_amount,
                                      cgst_amount, sgst_amount, igst_amount, total_amount, round_off, grand_total, mode, cash_bank_ledger_id)
      SELECT a.voucher_id, ${org}::uuid, 'receipt', 'RC/' || a.fy || '/' || lpad(a.seq::text, 6, '0'), a.fy, a.seq, a.voucher_date, 'active',
             a.party_id, 'customer', a.party_name, false, 0, 0, 0, 0, 0, 0, a.amount, 0, a.amount, 'cash',
             (SELECT id FROM ledgers WHERE organization_id = ${org}::uuid AND system_key = 'cash')
        FROM (SELECT b.*, lpad((f.y % 100)::text, 2, '0') || lpad(((f.y + 1) % 100)::text, 2, '0') AS fy,
                     (row_number() OVER (PARTITION BY f.y ORDER BY b.voucher_date, b.voucher_id))::int AS seq
                FROM bench_alloc b
                CROSS JOIN LATERAL (SELECT CASE WHEN extract(month FROM b.voucher_date) >= 4 THEN extract(year FROM b.voucher_date)::int
                                                ELSE extract(year FROM b.voucher_date)::int - 1 END AS y) f) a`);
    await x(sql`INSERT INTO bill_allocations (id, organization_id, party_id, bill_id, voucher_id, amount, allocated_on, created_at)
      SELECT gen_random_uuid(), ${org}::uuid, party_id, bill_id, voucher_id, amount, allocated_on, now() FROM bench_alloc`);
    await x(sql`UPDATE bills b SET outstanding = b.amount - a.amount
                  FROM (SELECT bill_id, sum(amount) AS amount FROM bench_alloc WHERE bill_id IS NOT NULL GROUP BY bill_id) a
                 WHERE b.id = a.bill_id`);
    await x(sql`DROP TABLE bench_r, bench_alloc`);
    await x(sql`VACUUM ANALYZE bills`);
    await x(sql`VACUUM ANALYZE bill_allocations`);
    await x(sql`VACUUM ANALYZE vouchers`);
  });
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
        sql`SELECT organization_id AS org FROM bills GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      )) as [{ org: string }];
    } else {
      await migrateDatabase(handle, loggers.database);
      const tenant = await createTenant(deps, {
        stateCode: '27',
        name: `Outstanding bench ${randomBytes(3).toString('hex')}`,
        booksStartDate: '2024-04-01',
      });
      org = tenant.org.id;
      // Three in four vouchers are sales (2 % of them cancelled): enough receivable bills that
      // --open-bills stay open once the older ones are settled.
      const vouchers = Math.ceil((OPEN_BILLS * 1.5 * 4) / 3);
      console.log(`Seeding ${n(vouchers)} vouchers in one organisation (load ${loadAverages()})`);
      await seedCompany(handle, {
        vouchers,
        lines: 1,
        orgs: 1,
        orgIds: [org],
        customers: Number(args.customers),
        vendors: 200,
        products: 200,
        days: 730,
        audit: false,
      });
      await seedReceipts(handle.db, org);
    }
    const [counts] = await queryRows<{ bills: number; open_bills: number; allocations: number; later: number }>(
      handle.db,
      sql`SELECT (SELECT count(*) FROM bills WHERE organization_id = ${org}::uuid AND side = 'receivable')::int AS bills,
                 (SELECT count(*) FROM bills WHERE organization_id = ${org}::uuid AND side = 'receivable' AND outstanding > 0 AND cancelled_at IS NULL)::int AS open_bills,
                 (SELECT count(*) FROM bill_allocations WHERE organization_id = ${org}::uuid)::int AS allocations,
                 (SELECT count(*) FROM bill_allocations WHERE organization_id = ${org}::uuid AND allocated_on IS NOT NULL)::int AS later`,
    );
    console.log(
      `\nOne organisation: ${n(counts!.bills)} receivable bills, ${n(counts!.open_bills)} open today, ${n(counts!.allocations)} allocations (${n(counts!.later)} placed later)`,
    );
    const [user] = await queryRows<{ id: string; email: string; role: 'standard_user' }>(
      handle.db,
      sql`SELECT id, email, role FROM users WHERE organization_id = ${org}::uuid AND role = 'standard_user' LIMIT 1`,
    );
    const token = await tokenFor(deps, { ...user!, password: '', organizationId: org });
    const [customer] = await queryRows<{ id: string }>(
      handle.db,
      sql`SELECT party_id AS id FROM bills WHERE organization_id = ${org}::uuid AND side = 'receivable' AND outstanding > 0 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );

    server = await startServer(target.url, SECRET_KEY);
    const base = `${server.base}/api/v1`;
    const http200 = getter(base, token);
    const sizes: string[] = [];
    console.log(`\n${REQUESTS} sequential requests each after 3 warm-up ones; ms`);
    for (const line of LATENCY_HEADER) console.log(line);
    for (const asOf of [undefined, '2026-03-31', '2025-09-30']) {
      const label = asOf ? `as on ${asOf}` : 'today';
      const path = `/reports/outstanding?side=receivable${asOf ? `&as_of=${asOf}` : ''}`;
      const body = JSON.parse(await http200(path)()) as { parties: unknown[]; total: { bills: number; total: string } };
      sizes.push(`${label}: ${n(body.total.bills)} open bills of ${n(body.parties.length)} parties, total ${body.total.total}`);
      report(`outstanding receivables, ${label}`, 'HTTP', await timed(REQUESTS, http200(path)), 'p50 < 1000');
      const day = asOf ?? new Date().toISOString().slice(0, 10);
      report(
        `outstanding receivables, ${label}`,
        'SQL',
        await timed(REQUESTS, () => findOutstanding(handle.db, org, { side: 'receivable', asOf: day })),
        '',
      );
    }
    report(
      'outstanding receivables as CSV, today',
      'HTTP',
      await timed(REQUESTS, http200('/reports/outstanding?side=receivable&format=csv')),
      'p50 < 1000',
    );
    report("a party's open bills, first page of 50", 'HTTP', await timed(REQUESTS, http200(`/parties/${customer!.id}/bills`)), '');
    report('stock summary as on 2025-09-30', 'HTTP', await timed(REQUESTS, http200('/reports/stock-summary?as_of=2025-09-30')), '');
    console.log(`\n${sizes.join('\n')}`);
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
