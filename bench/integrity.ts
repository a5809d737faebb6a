/**
 * How long `npm run check:integrity` takes on a million vouchers. Usage (from the repository root):
 *   npm run bench -- integrity [--vouchers 1000000] [--lines 3] [--orgs 20] [--keep] [--url <seeded database>]
 * Seeds a throwaway database on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
 * with consistent vouchers, lines, counters, stock ledger, balances and hash-chained audit rows,
 * runs the checker (expects a pass), corrupts a few rows of each kind, runs it again (expects each
 * to be found), and drops the database. See bench/README.md.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createPgHandle, queryRows, type PgHandle } from '../apps/api/src/db/client';
import { migrateDatabase } from '../apps/api/src/db/migrate';
import { categoryLoggers, createLogger } from '../apps/api/src/lib/logger';
import { canonicalPayload, chainHash, GENESIS_HASH } from '../apps/api/src/modules/audit/audit.chain';
import { checkIntegrity, formatReport, type IntegrityReport } from '../apps/api/src/modules/integrity';
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
const n = (x: number) => x.toLocaleString('en-IN');

async function step(label: string, fn: () => Promise<unknown>) {
  const t0 = performance.now();
  await fn();
  console.log(`  ${label.padEnd(58)} ${seconds(t0).padStart(6)} s`);
}

/**
 * Everything with set-based SQL over generate_series, in staging tables first so the headers can
 * be the sums of their lines. Line amounts follow DOMAIN.md's arithmetic (the same steps as the
 * shared GST module; the checker recomputes a sample of them with the module itself, so a seed
 * that disagreed with the server's arithmetic would fail the clean run).
 */
async function seed(handle: PgHandle) {
  const db = handle.db;
  const x = (q: ReturnType<typeof sql>) => db.execute(q);
  await step(`${ORGS} organisations, 20 parties and ${PRODUCTS} products each`, async () => {
    await x(sql`INSERT INTO organizations (id, name, state_code, state, books_start_date)
                SELECT gen_random_uuid(), 'Bench org ' || o, '27', 'Maharashtra', date '2024-04-01' FROM generate_series(1, ${ORGS}) o`);
    await x(sql`CREATE UNLOGGED TABLE bench_orgs AS SELECT row_number() OVER (ORDER BY name)::int AS o, id FROM organizations`);
    await x(sql`INSERT INTO parties (id, organization_id, kind, name, state_code, created_at, updated_at)
                SELECT gen_random_uuid(), b.id, k.kind, initcap(k.kind) || ' ' || p, CASE WHEN p % 3 = 0 THEN '29' ELSE '27' END, now(), now()
                  FROM bench_orgs b CROSS JOIN (VALUES ('customer'), ('vendor')) k(kind) CROSS JOIN generate_series(1, 10) p`);
    await x(sql`CREATE UNLOGGED TABLE bench_parties AS
                SELECT b.o, p.kind, row_number() OVER (PARTITION BY b.o, p.kind ORDER BY p.name)::int AS no, p.id, p.name, p.state_code
                  FROM parties p JOIN bench_orgs b ON b.id = p.organization_id`);
    await x(sql`INSERT INTO products (id, organization_id, name, unit, purchase_price, sale_price, gst_rate, is_gst_inclusive, created_at, updated_at)
                SELECT gen_random_uuid(), b.id, 'Product ' || j, 'PCS', (10 + j * 7.25)::numeric(14,2), (10 + j * 7.25)::numeric(14,2),
                       (ARRAY[0, 5, 12, 18, 28])[1 + j % 5], j % 3 = 0, now(), now()
                  FROM bench_orgs b CROSS JOIN generate_series(1, ${PRODUCTS}) j`);
    await x(sql`CREATE UNLOGGED TABLE bench_products AS
                SELECT b.o, substring(p.name FROM 9)::int AS j, p.id, p.name, p.sale_price AS unit_price, p.gst_rate, p.is_gst_inclusive
                  FROM products p JOIN bench_orgs b ON b.id = p.organization_id`);
    await x(sql`CREATE INDEX ON bench_products (o, j)`);
  });

  await step(`${n(VOUCHERS)} voucher headers staged (numbered per org, type and year)`, async () => {
    // Dates over two financial years; a quarter are purchases; 2 % cancelled.
    await x(sql`CREATE UNLOGGED TABLE bench_v AS
      WITH base AS (
        SELECT g, 1 + g % ${ORGS} AS o, CASE WHEN g % 4 = 0 THEN 'purchase' ELSE 'sales' END AS type,
               date '2024-04-01' + ((g - 1)::bigint * 730 / ${VOUCHERS})::int AS d
          FROM generate_series(1, ${VOUCHERS}) g
      ), fy AS (
        SELECT *, CASE WHEN extract(month FROM d) >= 4 THEN extract(year FROM d)::int ELSE extract(year FROM d)::int - 1 END AS y FROM base
      )
      SELECT g, o, type, d, lpad((y % 100)::text, 2, '0') || lpad(((y + 1) % 100)::text, 2, '0') AS fy,
             row_number() OVER (PARTITION BY o, type, y ORDER BY g)::int AS seq, gen_random_uuid() AS id,
             1 + (g * 7) % 10 AS party_no, g % 50 = 0 AS cancelled
        FROM fy`);
    await x(sql`ALTER TABLE bench_v ADD PRIMARY KEY (g)`);
  });

  await step(`${n(VOUCHERS * LINES)} lines computed`, () =>
    x(sql`CREATE UNLOGGED TABLE bench_l AS
      SELECT v.g, k, v.o, v.id AS voucher_id, p.id AS product_id, p.name AS product_name, e.*,
             e.taxable_amount + e.cgst_amount + e.sgst_amount + e.igst_amount AS total_amount
        FROM bench_v v
        CROSS JOIN generate_series(1, ${LINES}) k
        JOIN bench_parties pa ON pa.o = v.o AND pa.kind = CASE WHEN v.type = 'sales' THEN 'customer' ELSE 'vendor' END AND pa.no = v.party_no
        JOIN bench_products p ON p.o = v.o AND p.j = 1 + (v.g * 7 + k * 13) % ${PRODUCTS}
        CROSS JOIN LATERAL (SELECT (1 + (v.g + k) % 5 + CASE WHEN k = 2 THEN 0.5 ELSE 0 END)::numeric(14,3) AS quantity,
                                   ((v.g % 4) * 2.5)::numeric(5,2) AS discount_percentage, pa.state_code <> '27' AS inter) i
        CROSS JOIN LATERAL (SELECT CASE WHEN p.is_gst_inclusive THEN (i.quantity * p.unit_price * 100)::numeric(60,30) / (100 + p.gst_rate)
                                        ELSE i.quantity * p.unit_price END AS gross) gr
        CROSS JOIN LATERAL (SELECT round(gr.gross * i.discount_percentage / 100, 30) AS discount) dc
        CROSS JOIN LATERAL (SELECT round(gr.gross - dc.discount, 2) AS taxable) tx
        CROSS JOIN LATERAL (
          SELECT i.quantity, p.unit_price, p.is_gst_inclusive, i.discount_percentage, p.gst_rate, i.inter,
                 round(dc.discount, 2)::numeric(14,2) AS discount_amount, tx.taxable::numeric(14,2) AS taxable_amount,
                 (CASE WHEN i.inter THEN 0 ELSE round(tx.taxable * p.gst_rate / 200, 2) END)::numeric(14,2) AS cgst_amount,
                 (CASE WHEN i.inter THEN 0 ELSE round(tx.taxable * p.gst_rate / 200, 2) END)::numeric(14,2) AS sgst_amount,
                 (CASE WHEN i.inter THEN round(tx.taxable * p.gst_rate / 100, 2) ELSE 0 END)::numeric(14,2) AS igst_amount
        ) e`),
  );

  await step(`${n(VOUCHERS)} vouchers inserted (headers = sums of lines)`, () =>
    x(sql`INSERT INTO vouchers (id, organization_id, voucher_type, voucher_number, fiscal_year, seq, voucher_date, status,
                                party_id, party_kind, party_name, party_state_code, supplier_state_code, place_of_supply, is_inter_state,
                                line_count, discount_amount, taxable_amount, cgst_amount, sgst_amount, igst_amount, total_amount,
                                round_off, grand_total, created_at, cancelled_at, cancel_reason)
      SELECT v.id, b.id, v.type, CASE WHEN v.type = 'sales' THEN 'SV' ELSE 'PV' END || '/' || v.fy || '/' || lpad(v.seq::text, greatest(5, length(v.seq::text)), '0'),
             v.fy, v.seq, v.d, CASE WHEN v.cancelled THEN 'cancelled' ELSE 'active' END,
             pa.id, pa.kind, pa.name, pa.state_code,
             CASE WHEN v.type = 'sales' THEN '27' ELSE pa.state_code END, CASE WHEN v.type = 'sales' THEN pa.state_code ELSE '27' END,
             pa.state_code <> '27', s.n, s.discount, s.taxable, s.cgst, s.sgst, s.igst, s.total,
             round(s.total, 0) - s.total, round(s.total, 0), now(), CASE WHEN v.cancelled THEN now() END, CASE WHEN v.cancelled THEN 'Bench' END
        FROM bench_v v
        JOIN bench_orgs b ON b.o = v.o
        JOIN bench_parties pa ON pa.o = v.o AND pa.kind = CASE WHEN v.type = 'sales' THEN 'customer' ELSE 'vendor' END AND pa.no = v.party_no
        JOIN (SELECT g, count(*)::int AS n, sum(discount_amount) AS discount, sum(taxable_amount) AS taxable, sum(cgst_amount) AS cgst,
                     sum(sgst_amount) AS sgst, sum(igst_amount) AS igst, sum(total_amount) AS total FROM bench_l GROUP BY g) s ON s.g = v.g`),
  );

  await step(`${n(VOUCHERS * LINES)} voucher lines inserted, number series`, async () => {
    await x(sql`INSERT INTO voucher_lines (id, organization_id, voucher_id, line_no, product_id, product_name, unit, quantity, unit_price,
                                           is_gst_inclusive, discount_percentage, discount_amount, gst_rate, taxable_amount, cgst_amount,
                                           sgst_amount, igst_amount, total_amount)
      SELECT gen_random_uuid(), b.id, l.voucher_id, l.k, l.product_id, l.product_name, 'PCS', l.quantity, l.unit_price, l.is_gst_inclusive,
             l.discount_percentage, l.discount_amount, l.gst_rate, l.taxable_amount, l.cgst_amount, l.sgst_amount, l.igst_amount, l.total_amount
        FROM bench_l l JOIN bench_orgs b ON b.o = l.o`);
    await x(sql`INSERT INTO voucher_series (organization_id, voucher_type, fiscal_year, prefix, next_number)
                SELECT organization_id, voucher_type, fiscal_year, CASE voucher_type WHEN 'sales' THEN 'SV' ELSE 'PV' END, max(seq) + 1
                  FROM vouchers GROUP BY 1, 2, 3`);
  });

  await step('stock ledger (opening stock, postings, reversals) and balances', async () => {
    // Per product in time order: an opening adjustment, then each voucher's movement, each
    // cancellation's reversal right after it; seq and balance_after by window functions.
    await x(sql`CREATE UNLOGGED TABLE bench_moves AS
      SELECT o, id AS product_id, 0::bigint AS g, 0 AS k, 0 AS kind, 'adjustment' AS source, NULL::uuid AS voucher_id,
             1000000::numeric(14,3) AS change, date '2024-04-01' AS d, NULL::text AS type
        FROM bench_products
      UNION ALL
      SELECT l.o, l.product_id, l.g, l.k, 1, 'voucher', l.voucher_id, l.quantity * CASE WHEN v.type = 'sales' THEN -1 ELSE 1 END, v.d, v.type
        FROM bench_l l JOIN bench_v v ON v.g = l.g
      UNION ALL
      SELECT l.o, l.product_id, l.g, l.k, 2, 'voucher_cancel', l.voucher_id, l.quantity * CASE WHEN v.type = 'sales' THEN 1 ELSE -1 END, v.d, v.type
        FROM bench_l l JOIN bench_v v ON v.g = l.g WHERE v.cancelled`);
    await x(sql`INSERT INTO stock_ledger (id, organization_id, product_id, seq, entry_date, occurred_at, quantity_change, balance_after,
                                          source, voucher_id, voucher_type, voucher_number, reason)
      SELECT gen_random_uuid(), b.id, m.product_id,
             row_number() OVER w, m.d, now(), m.change, sum(m.change) OVER w, m.source, m.voucher_id, m.type, vo.voucher_number,
             CASE WHEN m.source = 'adjustment' THEN 'Opening stock' WHEN m.source = 'voucher_cancel' THEN 'Bench' END
        FROM bench_moves m JOIN bench_orgs b ON b.o = m.o LEFT JOIN vouchers vo ON vo.id = m.voucher_id
      WINDOW w AS (PARTITION BY m.o, m.product_id ORDER BY m.g, m.kind, m.k)`);
    await x(sql`INSERT INTO stock_balances (organization_id, product_id, quantity, ledger_seq)
                SELECT organization_id, product_id, sum(quantity_change), max(seq) FROM stock_ledger GROUP BY 1, 2`);
  });

  await step(`audit chains (one event per voucher and per cancellation, hashed in Node)`, async () => {
    const orgs = await queryRows<{ o: number; id: string }>(db, sql`SELECT o, id FROM bench_orgs ORDER BY o`);
    const heads = new Map(orgs.map((org) => [org.id, { seq: 0, hash: GENESIS_HASH }]));
    const BATCH = 20_000;
    const start = Date.parse('2024-04-01T04:30:00Z');
    for (let from = 1; from <= VOUCHERS; from += BATCH) {
      const cols: Record<string, unknown[]> = {
        id: [],
        chain: [],
        seq: [],
        at: [],
        org: [],
        action: [],
        target: [],
        details: [],
        prev: [],
        hash: [],
      };
      const push = (g: number, action: string, details: Record<string, unknown>) => {
        const org = orgs[g % ORGS]!.id;
        const head = heads.get(org)!;
        const occurredAt = new Date(start + g * 60_000 + (action === 'voucher.cancelled' ? 1 : 0));
        const payload = canonicalPayload({
          occurredAt,
          organizationId: org,
          actorUserId: null,
          actorEmail: 'bench@example.test',
          action,
          targetType: 'voucher',
          targetId: String(g),
          ip: '127.0.0.1',
          userAgent: 'bench',
          success: true,
          details,
        });
        const hash = chainHash(head.hash, payload);
        cols.id!.push(randomUUID());
        cols.chain!.push(org);
        cols.seq!.push(++head.seq);
        cols.at!.push(occurredAt.toISOString());
        cols.org!.push(org);
        cols.action!.push(action);
        cols.target!.push(String(g));
        cols.details!.push(JSON.stringify(details));
        cols.prev!.push(head.hash);
        cols.hash!.push(hash);
        head.hash = hash;
      };
      for (let g = from; g < Math.min(from + BATCH, VOUCHERS + 1); g++) {
        push(g, 'voucher.created', { voucher_no: g, line_count: LINES });
        if (g % 50 === 0) push(g, 'voucher.cancelled', { voucher_no: g, reason: 'Bench' });
      }
      await x(sql`INSERT INTO audit_events (id, chain_key, seq, occurred_at, organization_id, actor_email, action, target_type, target_id,
                                            ip, user_agent, success, details, prev_hash, hash)
        SELECT id, chain, seq, at, org, 'bench@example.test', action, 'voucher', target, '127.0.0.1', 'bench', true, details::jsonb, prev, hash
          FROM unnest(${sql.param(cols.id)}::uuid[], ${sql.param(cols.chain)}::text[], ${sql.param(cols.seq)}::bigint[], ${sql.param(cols.at)}::timestamptz[], ${sql.param(cols.org)}::uuid[],
                      ${sql.param(cols.action)}::text[], ${sql.param(cols.target)}::text[], ${sql.param(cols.details)}::text[], ${sql.param(cols.prev)}::text[], ${sql.param(cols.hash)}::text[])
               AS t(id, chain, seq, at, org, action, target, details, prev, hash)`);
    }
    for (const [chain, head] of heads) {
      await x(sql`INSERT INTO audit_chain_heads (chain_key, seq, last_hash) VALUES (${chain}, ${head.seq}, ${head.hash})`);
    }
  });

  await step('staging tables dropped, ANALYZE', async () => {
    await x(sql`DROP TABLE bench_orgs, bench_parties, bench_products, bench_v, bench_l, bench_moves`);
    await x(sql`ANALYZE`);
  });
}

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
      `  ${c.id.padEnd(16)} ${n(c.rows).padStart(12)} ${c.rowsLabel.padEnd(12)} ${c.seconds.toFixed(2).padStart(8)} s   ${c.problemCount} found wrong`,
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
      await handle.db.execute(sql`SET synchronous_commit = off`);
      await seed(handle);
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
    const expected = ['voucher_totals', 'line_gst', 'stock_balances', 'stock_ledger', 'numbering', 'voucher_stock', 'audit_chain'];
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
