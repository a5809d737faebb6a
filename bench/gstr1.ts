/**
 * How long GSTR-1's JSON takes for a month of 1,00,000 invoices × 3 lines, and how much memory it
 * takes. Usage (from the repository root):
 *   npm run bench -- gstr1 [--invoices 100000] [--lines 3] [--small 10000] [--url <seeded database>] [--keep]
 * Seeds a throwaway database on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
 * by SQL with one organisation's month of sales invoices (half to buyers with a GSTIN, some
 * inter-state, some large unregistered ones for b2cl, several rates and HSN codes), then writes the
 * month's GSTR-1 JSON with the product's writer to a byte counter, sampling the process's memory,
 * first for a month of `--small` invoices and then for the full month: peak memory that does not
 * grow with the month shows the document is streamed. The run itself happens in a child process
 * whose V8 old space is capped at HEAP_CAP_MB and which may collect garbage on demand: the live
 * heap is sampled after a forced collection every 25 chunks. See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gstinCheckCharacter } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { createPgHandle, queryRows, type PgHandle } from '../apps/api/src/db/client';
import { migrateDatabase } from '../apps/api/src/db/migrate';
import { categoryLoggers, createLogger } from '../apps/api/src/lib/logger';
import {
  findGstr1Problems,
  findReturnOrganization,
  gstr1Reader,
  tuneForReturns,
  writeGstr1Json,
} from '../apps/api/src/modules/gst-returns';
import { createThrowawayDatabase } from './support/throwaway-db';

const HEAP_CAP_MB = 96;
const GC_EVERY = Number(process.env.GSTR1_GC_EVERY ?? 5);
if (!process.env.GSTR1_BENCH_CHILD) {
  const child = spawnSync(
    process.execPath,
    [`--max-old-space-size=${HEAP_CAP_MB}`, '--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, GSTR1_BENCH_CHILD: '1' } },
  );
  process.exit(child.status ?? 1);
}

const { values: args } = parseArgs({
  options: {
    invoices: { type: 'string', default: '100000' },
    lines: { type: 'string', default: '3' },
    small: { type: 'string', default: '10000' },
    keep: { type: 'boolean', default: false },
    url: { type: 'string' },
  },
});
const INVOICES = Number(args.invoices);
const LINES = Number(args.lines);
const SMALL = Number(args.small);
const PARTIES = 200;
const PRODUCTS = 50;
const ORG_GSTIN = (() => {
  const first = '27AAPFU0939F1Z';
  return first + gstinCheckCharacter(first);
})();

const n = (x: number) => x.toLocaleString('en-IN');
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(2);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** Two months of one organisation: November with `INVOICES` invoices and October with `SMALL`. */
async function seed(handle: PgHandle): Promise<string> {
  const x = (q: ReturnType<typeof sql>) => handle.db.execute(q);
  const [org] = await queryRows<{ id: string }>(
    handle.db,
    sql`INSERT INTO organizations (id, name, state_code, state, gstin, books_start_date)
        VALUES (gen_random_uuid(), 'Bench GSTR-1', '27', 'Maharashtra', ${ORG_GSTIN}, date '2026-04-01') RETURNING id`,
  );
  const orgId = org!.id;
  // Parties: every other one registered (a valid GSTIN of its state), a third of them in Karnataka.
  const parties = Array.from({ length: PARTIES }, (_, i) => {
    const state = i % 3 === 0 ? '29' : '27';
    const pan = `AAACP${String(1000 + i).padStart(4, '0')}Q`;
    const first = `${state}${pan}1Z`;
    return { i: i + 1, state, gstin: i % 2 === 0 ? first + gstinCheckCharacter(first) : null };
  });
  await x(sql`INSERT INTO parties (id, organization_id, kind, name, state_code, gstin, created_at, updated_at)
              SELECT gen_random_uuid(), ${orgId}::uuid, 'customer', 'Customer ' || p.i, p.state, p.gstin, now(), now()
                FROM jsonb_to_recordset(${JSON.stringify(parties)}::jsonb) AS p(i int, state text, gstin text)`);
  await x(sql`INSERT INTO products (id, organization_id, name, hsn_code, unit, purchase_price, sale_price, gst_rate, created_at, updated_at)
              SELECT gen_random_uuid(), ${orgId}::uuid, 'Product ' || j, lpad((8400 + j)::text, 4, '0') || CASE WHEN j % 2 = 0 THEN '10' ELSE '' END,
                     (ARRAY['PCS', 'KG', 'NOS', 'BOX'])[1 + j % 4], 100, (10 + j * 7.25)::numeric(14,2),
                     (ARRAY[0, 5, 12, 18, 28])[1 + j % 5], now(), now()
                FROM generate_series(1, ${PRODUCTS}) j`);
  await x(sql`CREATE UNLOGGED TABLE bench_parties AS
              SELECT row_number() OVER (ORDER BY name)::int AS no, id, name, state_code, gstin FROM parties WHERE organization_id = ${orgId}::uuid`);
  await x(sql`CREATE UNLOGGED TABLE bench_products AS
              SELECT substring(name FROM 9)::int AS j, id, name, hsn_code, unit, sale_price, gst_rate FROM products WHERE organization_id = ${orgId}::uuid`);
  // Invoices: October's then November's, numbered in date order; 1 in 100 cancelled; 1 in 50 large.
  await x(sql`CREATE UNLOGGED TABLE bench_v AS
    SELECT g, gen_random_uuid() AS id, 1 + (g * 7) % ${PARTIES} AS party_no, g % 100 = 0 AS cancelled, g % 50 = 0 AS large,
           CASE WHEN g <= ${SMALL} THEN date '2026-10-01' + ((g - 1) * 31 / ${SMALL})::int
                ELSE date '2026-11-01' + ((g - ${SMALL} - 1)::bigint * 30 / ${INVOICES})::int END AS d
      FROM generate_series(1, ${SMALL + INVOICES}) g`);
  await x(sql`CREATE UNLOGGED TABLE bench_l AS
    SELECT v.g, k, v.id AS voucher_id, p.id AS product_id, p.name AS product_name, p.hsn_code, p.unit, p.gst_rate, pa.state_code <> '27' AS inter,
           q.quantity, q.price, round(q.quantity * q.price, 2) AS taxable
      FROM bench_v v CROSS JOIN generate_series(1, ${LINES}) k
      JOIN bench_parties pa ON pa.no = v.party_no
      JOIN bench_products p ON p.j = 1 + (v.g * 7 + k * 13) % ${PRODUCTS}
      CROSS JOIN LATERAL (SELECT (1 + (v.g + k) % 5)::numeric(14,3) AS quantity,
                                 CASE WHEN v.large THEN 40000 ELSE p.sale_price END AS price) q`);
  await x(sql`ALTER TABLE bench_l ADD COLUMN cgst numeric(14,2), ADD COLUMN sgst numeric(14,2), ADD COLUMN igst numeric(14,2)`);
  await x(sql`UPDATE bench_l SET cgst = CASE WHEN inter THEN 0 ELSE round(taxable * gst_rate / 200, 2) END,
                                 sgst = CASE WHEN inter THEN 0 ELSE round(taxable * gst_rate / 200, 2) END,
                                 igst = CASE WHEN inter THEN round(taxable * gst_rate / 100, 2) ELSE 0 END`);
  await x(sql`INSERT INTO vouchers (id, organization_id, voucher_type, voucher_number, fiscal_year, seq, voucher_date, status, party_id, party_kind,
                                    party_name, party_gstin, party_state_code, supplier_state_code, place_of_supply, is_inter_state, line_count,
                                    discount_amount, taxable_amount, cgst_amount, sgst_amount, igst_amount, total_amount, round_off, grand_total)
    SELECT v.id, ${orgId}::uuid, 'sales', 'SV/2627/' || lpad(v.g::text, 6, '0'), '2627', v.g, v.d,
           CASE WHEN v.cancelled THEN 'cancelled' ELSE 'active' END, pa.id, 'customer', pa.name, pa.gstin, pa.state_code, '27', pa.state_code,
           pa.state_code <> '27', s.n, 0, s.taxable, s.cgst, s.sgst, s.igst, s.total, round(s.total, 0) - s.total, round(s.total, 0)
      FROM bench_v v JOIN bench_parties pa ON pa.no = v.party_no
      JOIN (SELECT g, count(*)::int AS n, sum(taxable) AS taxable, sum(cgst) AS cgst, sum(sgst) AS sgst, sum(igst) AS igst,
                   sum(taxable + cgst + sgst + igst) AS total FROM bench_l GROUP BY g) s ON s.g = v.g`);
  await x(sql`INSERT INTO voucher_lines (id, organization_id, voucher_id, line_no, product_id, product_name, hsn_code, unit, quantity, unit_price,
                                         is_gst_inclusive, discount_percentage, discount_amount, gst_rate, taxable_amount, cgst_amount, sgst_amount,
                                         igst_amount, total_amount)
    SELECT gen_random_uuid(), ${orgId}::uuid, voucher_id, k, product_id, product_name, hsn_code, unit, quantity, price, false, 0, 0, gst_rate,
           taxable, cgst, sgst, igst, taxable + cgst + sgst + igst
      FROM bench_l`);
  await x(sql`DROP TABLE bench_l, bench_v, bench_parties, bench_products`);
  await x(sql`ANALYZE`);
  return orgId;
}

async function measure(handle: PgHandle, orgId: string, label: string, month: { from: string; to: string; fp: string }) {
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  let bytes = 0;
  let chunks = 0;
  let peakLive = 0;
  let reading = 0;
  const sections = new Map<string, number>();
  const t0 = performance.now();
  await handle.db.transaction(
    async (tx) => {
      await tuneForReturns(tx);
      // The time spent waiting for the database, apart from writing JSON.
      const reader = gstr1Reader(tx, orgId, month);
      const spent = (section: string, ms: number) => {
        reading += ms;
        sections.set(section, (sections.get(section) ?? 0) + ms);
      };
      const timed = <T>(section: string, gen: () => AsyncGenerator<T>) =>
        async function* () {
          const it = gen();
          for (;;) {
            const r0 = performance.now();
            const next = await it.next();
            spent(section, performance.now() - r0);
            if (next.done) return;
            yield next.value;
          }
        };
      const timedOnce =
        <T>(section: string, fn: () => Promise<T>) =>
        async () => {
          const r0 = performance.now();
          const out = await fn();
          spent(section, performance.now() - r0);
          return out;
        };
      const measured: typeof reader = {
        b2b: timed('b2b', reader.b2b),
        b2cl: timed('b2cl', reader.b2cl),
        cdnr: timed('cdnr', reader.cdnr),
        cdnur: timed('cdnur', reader.cdnur),
        b2cs: timedOnce('summaries', reader.b2cs),
        nil: timedOnce('summaries', reader.nil),
        hsn: timedOnce('summaries', reader.hsn),
        docIssue: timedOnce('doc_issue', reader.docIssue),
        hsnCodes: reader.hsnCodes,
      };
      // What the export route checks before it answers (HSN/SAC codes), then the document.
      const p0 = performance.now();
      const org = await findReturnOrganization(tx, orgId);
      const problems = await findGstr1Problems(tx, orgId, org, month, measured);
      if (problems.length > 0) throw new Error(`the seeded month has ${problems.length} HSN problems`);
      spent('checks', performance.now() - p0);
      await writeGstr1Json(measured, { gstin: ORG_GSTIN, fp: month.fp }, async (chunk) => {
        bytes += Buffer.byteLength(chunk);
        if (++chunks % GC_EVERY === 0 && global.gc) {
          global.gc();
          peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
        }
        // A consumer that takes its time, as a socket would: the writer must wait, not pile up.
        await new Promise((resolve) => setImmediate(resolve));
      });
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  const took = seconds(t0);
  clearInterval(sampler);
  // The floor: the least any GSTR-1 must read, every outward line of the month once, joined to its
  // voucher (summed in the database, so nothing crosses the wire), on the same data just after.
  const f0 = performance.now();
  await handle.db.transaction(async (tx) => {
    await tuneForReturns(tx);
    await tx.execute(sql`SELECT count(*), sum(l.taxable_amount), sum(l.igst_amount + l.cgst_amount + l.sgst_amount)
                           FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
                          WHERE v.organization_id = ${orgId}::uuid AND v.voucher_type IN ('sales', 'credit-note') AND v.status = 'active'
                            AND v.voucher_date BETWEEN ${month.from}::date AND ${month.to}::date`);
  });
  const floor = (performance.now() - f0) / 1000;
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  console.log(
    `  ${label.padEnd(30)} ${took.padStart(6)} s (database ${(reading / 1000).toFixed(2)} s)   ${mb(bytes).padStart(5)} MB of JSON   ` +
      `live heap after GC ≤ ${mb(peakLive)} MB (${mb(base.heapUsed)} before)   peak heap ${mb(peakHeap)} MB   peak RSS ${mb(peakRss)} MB (+${mb(peakRss - base.rss)})`,
  );
  console.log(
    `    floor (one pass over the month's outward lines, summed in SQL): ${floor.toFixed(2)} s; GSTR-1 took ${(Number(took) / floor).toFixed(1)}× the floor; load average ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(`    database time by section: ${[...sections].map(([k, ms]) => `${k} ${(ms / 1000).toFixed(2)} s`).join(', ')}`);
  return Number(took);
}

async function main() {
  const target = args.url ? { url: args.url, drop: async () => undefined } : await createThrowawayDatabase();
  const loggers = categoryLoggers(createLogger({ level: 'silent', pretty: false }));
  const handle = createPgHandle({ url: target.url, poolSize: 2, poolTimeoutMs: 60_000, statementTimeoutMs: 0 }, loggers.database);
  try {
    const [version] = await queryRows<{ v: string }>(handle.db, sql`SELECT current_setting('server_version') AS v`);
    let orgId: string;
    if (args.url) {
      orgId = (await queryRows<{ id: string }>(handle.db, sql`SELECT id FROM organizations WHERE name = 'Bench GSTR-1'`))[0]!.id;
    } else {
      await migrateDatabase(handle, loggers.database);
      await handle.db.execute(sql`SET synchronous_commit = off`);
      const t0 = performance.now();
      orgId = await seed(handle);
      console.log(`PostgreSQL ${version!.v}; seeded ${n(SMALL)} + ${n(INVOICES)} invoices × ${LINES} lines in ${seconds(t0)} s`);
    }
    await measure(handle, orgId, `October: ${n(SMALL)} invoices`, { from: '2026-10-01', to: '2026-10-31', fp: '102026' });
    const took = await measure(handle, orgId, `November: ${n(INVOICES)} invoices`, { from: '2026-11-01', to: '2026-11-30', fp: '112026' });
    console.log(`  V8 old space capped at ${HEAP_CAP_MB} MB; target under 10 s for 1,00,000 invoices: ${took < 10 ? 'met' : 'NOT met'}`);
    if (args.keep) console.log(`  kept at ${target.url}`);
  } finally {
    await handle.close();
    if (!args.keep) await target.drop();
  }
}

await main();
