/**
 * Voucher throughput and list latency on the PostgreSQL server, over real HTTP to the real API
 * (in its own process). Usage (from the repository root):
 *   npm run bench -- vouchers [--vouchers 3000] [--clients 32] [--orgs 20] [--lines 5] [--rows 1000000] [--pool 16] [--list-requests 200]
 * It creates and drops a throwaway database on BENCH_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres). See bench/README.md for what it measures.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../apps/api/src/config';
import { createPgHandle, queryRows, type PgHandle } from '../apps/api/src/db/client';
import { migrateDatabase } from '../apps/api/src/db/migrate';
import { createDeps, type AppDeps } from '../apps/api/src/deps';
import { categoryLoggers, createLogger } from '../apps/api/src/lib/logger';
import { createTenant } from '../apps/api/src/test/factories';
import { withApiNodeOptions } from '../scripts/lib/api-runtime.mjs';
import { firstMessage } from './support/child-ready';
import { createThrowawayDatabase } from './support/throwaway-db';

const isMain = Boolean(process.argv[1]) && import.meta.url === pathToFileURL(process.argv[1]!).href;
const { values: args } = parseArgs({
  // Imported by another benchmark (voucher-limit): the defaults, not that benchmark's options.
  args: isMain ? undefined : [],
  options: {
    vouchers: { type: 'string', default: '3000' },
    clients: { type: 'string', default: '32' },
    orgs: { type: 'string', default: '20' },
    lines: { type: 'string', default: '5' },
    rows: { type: 'string', default: '1000000' },
    pool: { type: 'string', default: '16' },
    'list-requests': { type: 'string', default: '200' },
  },
});
const VOUCHERS = Number(args.vouchers);
const CLIENTS = Number(args.clients);
const ORGS = Number(args.orgs);
const LINES = Number(args.lines);
const ROWS = Number(args.rows);
const LIST_REQUESTS = Number(args['list-requests']);
const SECRET_KEY = randomBytes(32).toString('hex');

export type Tenant = Awaited<ReturnType<typeof createTenant>>;
export interface OrgFixture {
  tenant: Tenant;
  customers: string[];
  products: string[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

export async function startServer(url: string, secretKey = SECRET_KEY): Promise<{ base: string; child: ChildProcess }> {
  const child = fork(fileURLToPath(new URL('./support/api-server.ts', import.meta.url)), [], {
    // BENCH_PROFILE=dir writes a CPU profile of the API process there.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [])],
    env: {
      ...withApiNodeOptions(process.env),
      DATABASE_URL: url,
      SECRET_KEY: secretKey,
      DB_POOL_SIZE: args.pool,
      DB_POOL_TIMEOUT_MS: '30000',
    },
  });
  const message = await firstMessage<{ port: number }>(child, 'the API server');
  return { base: `http://127.0.0.1:${message.port}`, child };
}

/** Masters made with set-based SQL: the benchmark measures vouchers, not master creation. */
export async function seedOrg(deps: AppDeps, handle: PgHandle, index: number): Promise<OrgFixture> {
  const tenant = await createTenant(deps, { stateCode: '27', name: `Bench org ${index} ${randomBytes(3).toString('hex')}` });
  const org = tenant.org.id;
  await handle.db.execute(sql`
    INSERT INTO parties (id, organization_id, kind, name, state_code, email, created_at, updated_at)
    SELECT gen_random_uuid(), ${org}, 'customer', 'Customer ' || g, CASE WHEN g % 3 = 0 THEN '29' ELSE '27' END,
           'buyer' || g || '@example.test', now(), now()
      FROM generate_series(1, 20) g`);
  // Each party's ledger, as the parties module creates it with the party.
  await handle.db.execute(sql`
    INSERT INTO ledgers (id, organization_id, group_id, name, party_id)
    SELECT gen_random_uuid(), p.organization_id, g.id, p.name, p.id
      FROM parties p JOIN account_groups g ON g.organization_id = p.organization_id AND g.system_key = 'sundry_debtors'
     WHERE p.organization_id = ${org}`);
  await handle.db.execute(sql`
    INSERT INTO products (id, organization_id, name, unit, purchase_price, sale_price, gst_rate, hsn_code, created_at, updated_at)
    SELECT gen_random_uuid(), ${org}, 'Product ' || g, 'PCS', (10 + g * 7.25)::numeric(14,2), (10 + g * 7.25)::numeric(14,2),
           (ARRAY[0, 5, 12, 18, 28])[1 + g % 5], '8471', now(), now()
      FROM generate_series(1, 50) g`);
  await handle.db.execute(sql`
    INSERT INTO stock_balances (organization_id, product_id, quantity)
    SELECT organization_id, id, 1000000000 FROM products WHERE organization_id = ${org}`);
  // A real organisation's audit chain has begun long before its vouchers (its creation, its users):
  // begin this one's the same way, so a replayed posting finds the chain head a real one would.
  await deps.sessions.transaction(
    (tx) =>
      deps.audit.record(tx, {
        organizationId: org,
        actor: null,
        action: 'bench.organisation_seeded',
        targetType: 'organization',
        targetId: org,
      }),
    { organizationId: org },
  );
  const customers = (await queryRows<{ id: string }>(handle.db, sql`SELECT id FROM parties WHERE organization_id = ${org}`)).map(
    (r) => r.id,
  );
  const products = (await queryRows<{ id: string }>(handle.db, sql`SELECT id FROM products WHERE organization_id = ${org}`)).map(
    (r) => r.id,
  );
  return { tenant, customers, products };
}

export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

export function voucherBody(org: OrgFixture, lines = LINES) {
  const products = [...org.products].sort(() => Math.random() - 0.5).slice(0, lines);
  return {
    customer_id: pick(org.customers),
    date: '2025-09-15',
    items: products.map((id, i) => ({ product_id: id, quantity: 1 + (i % 3), discount_percentage: i === 0 ? '5' : '0' })),
  };
}

export async function createVouchers(base: string, orgs: readonly OrgFixture[], total: number, clients: number) {
  let issued = 0;
  const latencies: number[] = [];
  const failures: string[] = [];
  const worker = async () => {
    while (issued < total) {
      issued++;
      const org = pick(orgs);
      const started = performance.now();
      const res = await fetch(`${base}/api/v1/vouchers/sales`, {
        method: 'POST',
        headers: { authorization: `Bearer ${org.tenant.user.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(voucherBody(org)),
      });
      const text = await res.text();
      latencies.push(performance.now() - started);
      if (res.status !== 201) failures.push(`${res.status} ${text.slice(0, 200)}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: total / seconds, seconds, failures, ...summary(latencies) };
}

/** One million vouchers for one organisation, written with set-based SQL (minutes, not hours). */
async function seedMillion(handle: PgHandle, org: Tenant, rows: number) {
  const id = org.org.id;
  await handle.db.execute(sql`
    INSERT INTO parties (id, organization_id, kind, name, state_code, created_at, updated_at)
    SELECT gen_random_uuid(), ${id}, 'customer',
           'Customer ' || lpad(g::text, 4, '0') || ' ' || (ARRAY['Traders', 'Industries', 'Stores', 'Enterprises'])[1 + g % 4],
           CASE WHEN g % 3 = 0 THEN '29' ELSE '27' END, now(), now()
      FROM generate_series(1, 1000) g`);
  // Dates rise with g across five financial years (April 2021 to March 2026); seq restarts each year.
  await handle.db.execute(sql`
    WITH parties_by_no AS (
      SELECT array_agg(id ORDER BY name) AS ids, array_agg(name ORDER BY name) AS names
        FROM parties WHERE organization_id = ${id} AND kind = 'customer'
    ), base AS (
      SELECT g, (date '2021-04-01' + ((g - 1)::bigint * 1826 / ${rows})::int) AS d FROM generate_series(1, ${rows}) g
    ), fy AS (
      SELECT g, d, CASE WHEN extract(month FROM d) >= 4 THEN extract(year FROM d)::int ELSE extract(year FROM d)::int - 1 END AS y FROM base
    ), numbered AS (
      SELECT g, d, lpad((y % 100)::text, 2, '0') || lpad(((y + 1) % 100)::text, 2, '0') AS fy,
             row_number() OVER (PARTITION BY y ORDER BY g) AS seq,
             (100 + (g % 9000))::numeric(14,2) AS taxable,
             (1 + (g::bigint * 7919) % 1000)::int AS party_no
        FROM fy
    )
    INSERT INTO vouchers (id, organization_id, voucher_type, voucher_number, fiscal_year, seq, voucher_date, status,
                          party_id, party_kind, party_name, party_state_code, supplier_state_code, place_of_supply,
                          is_inter_state, line_count, discount_amount, taxable_amount, cgst_amount, sgst_amount,
                          igst_amount, total_amount, round_off, grand_total, created_by, created_at)
    SELECT gen_random_uuid(), ${id}, 'sales', 'SV/' || n.fy || '/' || lpad(n.seq::text, greatest(5, length(n.seq::text)), '0'), n.fy, n.seq, n.d,
           CASE WHEN n.g % 50 = 0 THEN 'cancelled' ELSE 'active' END,
           p.ids[n.party_no], 'customer', p.names[n.party_no], '27', '27', '27', false, 1, 0,
           n.taxable, round(n.taxable * 0.09, 2), round(n.taxable * 0.09, 2), 0,
           n.taxable + 2 * round(n.taxable * 0.09, 2), 0, n.taxable + 2 * round(n.taxable * 0.09, 2),
           ${org.orgAdmin.id}, now()
      FROM numbered n CROSS JOIN parties_by_no p`);
  await handle.db.execute(sql`
    INSERT INTO voucher_series (organization_id, voucher_type, fiscal_year, prefix, next_number)
    SELECT organization_id, voucher_type, fiscal_year, 'SV', max(seq) + 1 FROM vouchers WHERE organization_id = ${id} GROUP BY 1, 2, 3`);
  await handle.db.execute(sql`ANALYZE vouchers`);
  await handle.db.execute(sql`ANALYZE parties`);
}

/** The cursor of the row `fraction` of the way down the list (newest first) that `where` selects. */
async function cursorAt(handle: PgHandle, where: ReturnType<typeof sql>, fraction: number): Promise<string> {
  const [count] = await queryRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM vouchers WHERE ${where}`);
  const offset = Math.floor(count!.n * fraction);
  const [row] = await queryRows<{ d: string; seq: number }>(
    handle.db,
    sql`SELECT to_char(voucher_date, 'YYYY-MM-DD') AS d, seq FROM vouchers WHERE ${where}
         ORDER BY voucher_date DESC, seq DESC OFFSET ${offset} LIMIT 1`,
  );
  if (!row) throw new Error('no row at that offset');
  return Buffer.from(JSON.stringify([row.d, row.seq])).toString('base64url');
}

async function measureList(base: string, token: string, query: string, requests: number) {
  const url = `${base}/api/v1/vouchers/sales?${query}`;
  for (let i = 0; i < 10; i++) await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).text();
  const latencies: number[] = [];
  let items = 0;
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { items: unknown[] };
    latencies.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    items = body.items.length;
  }
  return { items, ...summary(latencies) };
}

/**
 * Seeds one organisation with `rows` sales vouchers (set-based SQL) and prints the latency of
 * each list query through the API at `base`.
 */
export async function measureLists(deps: AppDeps, handle: PgHandle, base: string, rows: number, listRequests: number) {
  const big = await createTenant(deps, { stateCode: '27', name: `Million ${randomBytes(3).toString('hex')}` });
  const seedStarted = performance.now();
  await seedMillion(handle, big, rows);
  console.log(
    `\nSeeded ${rows.toLocaleString('en-IN')} vouchers for one organisation in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s (set-based SQL)`,
  );
  const org = big.org.id;
  const [party] = await queryRows<{ id: string; name: string }>(
    handle.db,
    sql`SELECT id, name FROM parties WHERE organization_id = ${org} ORDER BY name OFFSET 41 LIMIT 1`,
  );
  const all = sql`organization_id = ${org} AND voucher_type = 'sales'`;
  const ofParty = sql`organization_id = ${org} AND voucher_type = 'sales' AND party_id = ${party!.id}`;
  const cancelled = sql`organization_id = ${org} AND voucher_type = 'sales' AND status = 'cancelled'`;
  const month = sql`organization_id = ${org} AND voucher_type = 'sales' AND voucher_date BETWEEN '2023-08-01' AND '2023-08-31'`;
  const cases: [string, string][] = [
    ['unfiltered, first page', 'limit=50'],
    ['unfiltered, cursor 90 % deep', `limit=50&cursor=${await cursorAt(handle, all, 0.9)}`],
    ['one customer, first page', `limit=50&party_id=${party!.id}`],
    ['one customer, cursor 90 % deep', `limit=50&party_id=${party!.id}&cursor=${await cursorAt(handle, ofParty, 0.9)}`],
    ['one month, first page', 'limit=50&from_date=2023-08-01&to_date=2023-08-31'],
    ['one month, cursor 90 % deep', `limit=50&from_date=2023-08-01&to_date=2023-08-31&cursor=${await cursorAt(handle, month, 0.9)}`],
    ['status=cancelled (2 %), first page', 'limit=50&status=cancelled'],
    ['status=cancelled, cursor 90 % deep', `limit=50&status=cancelled&cursor=${await cursorAt(handle, cancelled, 0.9)}`],
    ['search by party name, first page', `limit=50&search=${encodeURIComponent(party!.name.slice(9))}`],
    ['search by voucher number', `limit=50&search=${encodeURIComponent('SV/2324/01234')}`],
  ];
  console.log(
    `\nList latency, organisation with ${rows.toLocaleString('en-IN')} vouchers (${listRequests} sequential requests each, 50 per page)`,
  );
  for (const [label, query] of cases) {
    const r = await measureList(base, big.user.token, query, listRequests);
    console.log(`  ${label.padEnd(42)} p50 ${ms(r.p50).padStart(9)}   p99 ${ms(r.p99).padStart(9)}   (${r.items} rows)`);
  }
}

async function main() {
  const db = await createThrowawayDatabase();
  const loggers = categoryLoggers(createLogger({ level: 'silent', pretty: false }));
  const handle = createPgHandle({ url: db.url, poolSize: 4, poolTimeoutMs: 30_000, statementTimeoutMs: 0 }, loggers.database);
  let server: ChildProcess | undefined;
  try {
    await migrateDatabase(handle, loggers.database);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, SECRET_KEY, LOG_LEVEL: 'silent' });
    const deps = createDeps({ config, loggers, handle, secretKey: SECRET_KEY });
    const started = await startServer(db.url);
    server = started.child;
    const base = started.base;
    console.log(
      `PostgreSQL ${(await queryRows<{ v: string }>(handle.db, sql`SELECT current_setting('server_version') AS v`))[0]!.v}, API pool ${args.pool}, ${CLIENTS} clients, ${LINES} lines per voucher`,
    );

    const orgs: OrgFixture[] = [];
    for (let i = 0; i < ORGS; i++) orgs.push(await seedOrg(deps, handle, i));
    await createVouchers(base, orgs, Math.min(300, VOUCHERS), CLIENTS);

    console.log('\nSales vouchers created over HTTP (each: number, 5 lines, stock + ledger, audit, one transaction)');
    for (const [label, set] of [
      [`spread over ${ORGS} organisations`, orgs],
      ['all in one organisation', [orgs[0]!]],
    ] as const) {
      const r = await createVouchers(base, set, VOUCHERS, CLIENTS);
      console.log(
        `  ${label.padEnd(34)} ${r.perSecond.toFixed(0).padStart(5)} vouchers/s   p50 ${ms(r.p50)}   p99 ${ms(r.p99)}   max ${ms(r.max)}   failures ${r.failures.length}`,
      );
      if (r.failures.length > 0) console.log(`    first failure: ${r.failures[0]}`);
    }

    await measureLists(deps, handle, base, ROWS, LIST_REQUESTS);
  } finally {
    if (server) {
      server.send('stop');
      await once(server, 'exit');
    }
    await handle.close();
    await db.drop();
  }
}

if (isMain) await main();
