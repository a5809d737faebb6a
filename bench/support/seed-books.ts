/**
 * A large, consistent company written with set-based SQL (generate_series into unlogged staging
 * tables, then the real tables): organisations, parties with their ledgers, products, vouchers
 * whose headers are the sums of their lines (DOMAIN.md's arithmetic), number series, the stock
 * ledger with weighted-average values and balances, the ledger entries each voucher's posting rule
 * gives (and a cancellation's reverse), the ledger and stock value day totals, the invoices' bills,
 * and optionally hash-chained audit events. Used by the `integrity` and `books` benchmarks.
 */
import { randomUUID } from 'node:crypto';
import { billSideOf, voucherTypes, type PostingAmount } from '@tritiq/contracts';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type PgHandle } from '../../apps/api/src/db/client';
import { canonicalPayload, chainHash, GENESIS_HASH } from '../../apps/api/src/modules/audit/audit.chain';

export interface SeedOptions {
  vouchers: number;
  lines: number;
  /** New organisations to create, or (`orgIds`) the existing ones to fill. */
  orgs: number;
  orgIds?: string[];
  customers: number;
  vendors: number;
  products: number;
  /** Days the vouchers are spread over, from 2024-04-01 (730: two financial years). */
  days: number;
  /** One event per voucher and per cancellation, hash-chained per organisation in Node (slow; the integrity benchmark's). */
  audit: boolean;
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
export const n = (x: number) => x.toLocaleString('en-IN');

export async function step(label: string, fn: () => Promise<unknown>) {
  const t0 = performance.now();
  await fn();
  console.log(`  ${label.padEnd(64)} ${seconds(t0).padStart(6)} s`);
}

/** The header column each posting figure is read from. */
const FIGURE_COLUMNS: Partial<Record<PostingAmount, string>> = {
  grand_total: 'grand_total',
  taxable_total: 'taxable_amount',
  cgst_total: 'cgst_amount',
  sgst_total: 'sgst_amount',
  igst_total: 'igst_amount',
  round_off: 'round_off',
};

/** `(VALUES (type, position, system ledger or NULL for the party, figure column, sign), …)` from the definitions' posting rules. */
function postingRules(): SQL {
  const rows: SQL[] = [];
  for (const def of voucherTypes()) {
    if (def.posting?.kind !== 'entries') continue;
    def.posting.entries.forEach((e, i) => {
      const column = FIGURE_COLUMNS[e.amount];
      if (!column || (e.account.from !== 'party' && e.account.from !== 'system')) return;
      const key = e.account.from === 'system' ? e.account.ledger : null;
      rows.push(sql`(${def.type}::text, ${i + 1}::int, ${key}::text, ${column}::text, ${e.side === 'debit' ? 1 : -1}::int)`);
    });
  }
  return sql`(VALUES ${sql.join(rows, sql`, `)}) AS rule(voucher_type, position, ledger_key, figure, sign)`;
}

function billSides(): SQL {
  const rows = voucherTypes()
    .map((d) => [d.type, billSideOf(d)] as const)
    .filter(([, side]) => side !== null)
    .map(([type, side]) => sql`(${type}::text, ${side}::text)`);
  return sql`(VALUES ${sql.join(rows, sql`, `)}) AS bs(voucher_type, side)`;
}

export async function seedCompany(handle: PgHandle, o: SeedOptions): Promise<void> {
  const db = handle.db;
  const x = (q: SQL) => db.execute(q);
  const ORGS = o.orgIds ? o.orgIds.length : o.orgs;
  await handle.db.execute(sql`SET synchronous_commit = off`);

  await step(`${ORGS} organisation(s), ${o.customers} customers, ${o.vendors} vendors, ${o.products} products each`, async () => {
    if (o.orgIds) {
      await x(sql`CREATE UNLOGGED TABLE bench_orgs AS
                  SELECT ordinality::int AS o, id FROM unnest(${sql.param(o.orgIds)}::uuid[]) WITH ORDINALITY AS t(id, ordinality)`);
    } else {
      await x(sql`INSERT INTO organizations (id, name, state_code, state, books_start_date)
                  SELECT gen_random_uuid(), 'Bench org ' || o, '27', 'Maharashtra', date '2024-04-01' FROM generate_series(1, ${ORGS}) o`);
      await x(sql`CREATE UNLOGGED TABLE bench_orgs AS SELECT row_number() OVER (ORDER BY name)::int AS o, id FROM organizations`);
    }
    await x(sql`SELECT tritiq_seed_books(id) FROM bench_orgs`);
    await x(sql`INSERT INTO parties (id, organization_id, kind, name, state_code, created_at, updated_at)
                SELECT gen_random_uuid(), b.id, k.kind, initcap(k.kind) || ' ' || lpad(p::text, 5, '0'), CASE WHEN p % 3 = 0 THEN '29' ELSE '27' END, now(), now()
                  FROM bench_orgs b CROSS JOIN (VALUES ('customer', ${o.customers}::int), ('vendor', ${o.vendors}::int)) k(kind, n)
                  CROSS JOIN LATERAL generate_series(1, k.n) p`);
    await x(sql`CREATE UNLOGGED TABLE bench_parties AS
                SELECT b.o, p.kind, row_number() OVER (PARTITION BY b.o, p.kind ORDER BY p.name)::int AS no, p.id, p.name, p.state_code
                  FROM parties p JOIN bench_orgs b ON b.id = p.organization_id`);
    await x(sql`CREATE INDEX ON bench_parties (o, kind, no)`);
    // Each party's ledger, as the parties module creates it with the party.
    await x(sql`INSERT INTO ledgers (id, organization_id, group_id, name, party_id)
                SELECT gen_random_uuid(), p.organization_id, g.id, p.name, p.id
                  FROM parties p JOIN bench_orgs b ON b.id = p.organization_id
                  JOIN account_groups g ON g.organization_id = p.organization_id
                   AND g.system_key = CASE p.kind WHEN 'customer' THEN 'sundry_debtors' ELSE 'sundry_creditors' END`);
    await x(sql`INSERT INTO products (id, organization_id, name, unit, purchase_price, sale_price, gst_rate, is_gst_inclusive, created_at, updated_at)
                SELECT gen_random_uuid(), b.id, 'Product ' || j, 'PCS', (10 + j * 7.25)::numeric(14,2), (10 + j * 7.25)::numeric(14,2),
                       (ARRAY[0, 5, 12, 18, 28])[1 + j % 5], j % 3 = 0, now(), now()
                  FROM bench_orgs b CROSS JOIN generate_series(1, ${o.products}) j`);
    await x(sql`CREATE UNLOGGED TABLE bench_products AS
                SELECT b.o, substring(p.name FROM 9)::int AS j, p.id, p.name, p.sale_price AS unit_price, p.purchase_price AS cost,
                       p.gst_rate, p.is_gst_inclusive
                  FROM products p JOIN bench_orgs b ON b.id = p.organization_id`);
    await x(sql`CREATE INDEX ON bench_products (o, j)`);
  });

  await step(`${n(o.vouchers)} voucher headers staged (numbered per org, type and year)`, async () => {
    // A quarter are purchases; 2 % cancelled.
    await x(sql`CREATE UNLOGGED TABLE bench_v AS
      WITH base AS (
        SELECT g, 1 + g % ${ORGS} AS o, CASE WHEN g % 4 = 0 THEN 'purchase' ELSE 'sales' END AS type,
               date '2024-04-01' + ((g - 1)::bigint * ${o.days} / ${o.vouchers})::int AS d
          FROM generate_series(1, ${o.vouchers}) g
      ), fy AS (
        SELECT *, CASE WHEN extract(month FROM d) >= 4 THEN extract(year FROM d)::int ELSE extract(year FROM d)::int - 1 END AS y FROM base
      )
      SELECT g, o, type, d, lpad((y % 100)::text, 2, '0') || lpad(((y + 1) % 100)::text, 2, '0') AS fy,
             row_number() OVER (PARTITION BY o, type, y ORDER BY g)::int AS seq, gen_random_uuid() AS id,
             1 + ((g * 7) % CASE WHEN type = 'sales' THEN ${o.customers}::int ELSE ${o.vendors}::int END)::int AS party_no, g % 50 = 0 AS cancelled
        FROM fy`);
    await x(sql`ALTER TABLE bench_v ADD PRIMARY KEY (g)`);
  });

  await step(`${n(o.vouchers * o.lines)} lines computed`, () =>
    x(sql`CREATE UNLOGGED TABLE bench_l AS
      SELECT v.g, k, v.o, v.id AS voucher_id, p.id AS product_id, p.name AS product_name, p.cost, e.*,
             e.taxable_amount + e.cgst_amount + e.sgst_amount + e.igst_amount AS total_amount
        FROM bench_v v
        CROSS JOIN generate_series(1, ${o.lines}) k
        JOIN bench_parties pa ON pa.o = v.o AND pa.kind = CASE WHEN v.type = 'sales' THEN 'customer' ELSE 'vendor' END AND pa.no = v.party_no
        JOIN bench_products p ON p.o = v.o AND p.j = 1 + (v.g * 7 + k * 13) % ${o.products}
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

  await step(`${n(o.vouchers)} vouchers inserted (headers = sums of lines)`, () =>
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

  await step(`${n(o.vouchers * o.lines)} voucher lines inserted, number series`, async () => {
    await x(sql`INSERT INTO voucher_lines (id, organization_id, voucher_id, line_no, product_id, product_name, unit, quantity, unit_price,
                                           is_gst_inclusive, discount_percentage, discount_amount, gst_rate, taxable_amount, cgst_amount,
                                           sgst_amount, igst_amount, total_amount)
      SELECT gen_random_uuid(), b.id, l.voucher_id, l.k, l.product_id, l.product_name, 'PCS', l.quantity, l.unit_price, l.is_gst_inclusive,
             l.discount_percentage, l.discount_amount, l.gst_rate, l.taxable_amount, l.cgst_amount, l.sgst_amount, l.igst_amount, l.total_amount
        FROM bench_l l JOIN bench_orgs b ON b.o = l.o`);
    await x(sql`INSERT INTO voucher_series (organization_id, voucher_type, fiscal_year, prefix, next_number)
                SELECT organization_id, voucher_type, fiscal_year, CASE voucher_type WHEN 'sales' THEN 'SV' ELSE 'PV' END, max(seq) + 1
                  FROM vouchers WHERE organization_id IN (SELECT id FROM bench_orgs) GROUP BY 1, 2, 3
                ON CONFLICT (organization_id, voucher_type, fiscal_year) DO UPDATE SET next_number = excluded.next_number`);
  });

  await step('stock ledger with values, balances, value day totals', async () => {
    // Per product in time order: an opening adjustment, then each voucher's movement, each
    // cancellation's reversal right after it; seq and balance_after by window functions. Every
    // movement is at the product's one cost, so the weighted average stays that cost and a row's
    // value change is the change of round(balance x cost, 2) (BOOKS.md, "Stock value").
    await x(sql`CREATE UNLOGGED TABLE bench_moves AS
      SELECT o, id AS product_id, cost, 0::bigint AS g, 0 AS k, 0 AS kind, 'adjustment' AS source, NULL::uuid AS voucher_id,
             1000000::numeric(14,3) AS change, date '2024-04-01' AS d, NULL::text AS type
        FROM bench_products
      UNION ALL
      SELECT l.o, l.product_id, l.cost, l.g, l.k, 1, 'voucher', l.voucher_id, l.quantity * CASE WHEN v.type = 'sales' THEN -1 ELSE 1 END, v.d, v.type
        FROM bench_l l JOIN bench_v v ON v.g = l.g
      UNION ALL
      SELECT l.o, l.product_id, l.cost, l.g, l.k, 2, 'voucher_cancel', l.voucher_id, l.quantity * CASE WHEN v.type = 'sales' THEN 1 ELSE -1 END, v.d, v.type
        FROM bench_l l JOIN bench_v v ON v.g = l.g WHERE v.cancelled`);
    await x(sql`INSERT INTO stock_ledger (id, organization_id, product_id, seq, entry_date, occurred_at, quantity_change, balance_after,
                                          unit_cost, value, source, voucher_id, voucher_type, voucher_number, reason)
      SELECT gen_random_uuid(), m.org, m.product_id, m.seq, m.d, now(), m.change, m.balance, m.cost,
             round(m.balance * m.cost, 2) - round((m.balance - m.change) * m.cost, 2), m.source, m.voucher_id, m.type, vo.voucher_number,
             CASE WHEN m.source = 'adjustment' THEN 'Opening stock' WHEN m.source = 'voucher_cancel' THEN 'Bench' END
        FROM (SELECT m.*, b.id AS org, row_number() OVER w AS seq, sum(m.change) OVER w AS balance
                FROM bench_moves m JOIN bench_orgs b ON b.o = m.o
              WINDOW w AS (PARTITION BY m.o, m.product_id ORDER BY m.g, m.kind, m.k)) m
        LEFT JOIN vouchers vo ON vo.id = m.voucher_id`);
    await x(sql`INSERT INTO stock_balances (organization_id, product_id, quantity, ledger_seq, average_cost, value)
                SELECT l.organization_id, l.product_id, sum(l.quantity_change), max(l.seq), p.purchase_price, round(sum(l.quantity_change) * p.purchase_price, 2)
                  FROM stock_ledger l JOIN products p ON p.id = l.product_id
                 WHERE l.organization_id IN (SELECT id FROM bench_orgs) GROUP BY 1, 2, p.purchase_price
                ON CONFLICT (organization_id, product_id) DO UPDATE
                   SET quantity = excluded.quantity, ledger_seq = excluded.ledger_seq, average_cost = excluded.average_cost, value = excluded.value`);
    await x(sql`INSERT INTO stock_value_day_totals (organization_id, product_id, entry_date, quantity_change, value_change)
                SELECT organization_id, product_id, entry_date, sum(quantity_change), sum(value)
                  FROM stock_ledger WHERE organization_id IN (SELECT id FROM bench_orgs) GROUP BY 1, 2, 3`);
    await x(sql`INSERT INTO stock_value_month_totals (organization_id, product_id, month, quantity_change, value_change)
                SELECT organization_id, product_id, date_trunc('month', entry_date)::date, sum(quantity_change), sum(value_change)
                  FROM stock_value_day_totals WHERE organization_id IN (SELECT id FROM bench_orgs) GROUP BY 1, 2, 3`);
  });

  await step('ledger entries by each type\u2019s posting rule (and reversals), day and month totals, bills', async () => {
    await x(sql`CREATE UNLOGGED TABLE bench_entries AS
      SELECT v.organization_id, v.id AS voucher_id, v.voucher_date, v.status = 'cancelled' AS cancelled,
             row_number() OVER (PARTITION BY v.id ORDER BY rule.position)::int AS line_no,
             coalesce(sl.id, pl.id) AS ledger_id, f.amount
        FROM vouchers v
        JOIN ${postingRules()} ON rule.voucher_type = v.voucher_type
        CROSS JOIN LATERAL (SELECT rule.sign * CASE rule.figure WHEN 'grand_total' THEN v.grand_total WHEN 'taxable_amount' THEN v.taxable_amount
                                   WHEN 'cgst_amount' THEN v.cgst_amount WHEN 'sgst_amount' THEN v.sgst_amount
                                   WHEN 'igst_amount' THEN v.igst_amount WHEN 'round_off' THEN v.round_off END AS amount) f
        LEFT JOIN ledgers sl ON sl.organization_id = v.organization_id AND sl.system_key = rule.ledger_key
        LEFT JOIN ledgers pl ON rule.ledger_key IS NULL AND pl.organization_id = v.organization_id AND pl.party_id = v.party_id
       WHERE v.organization_id IN (SELECT id FROM bench_orgs) AND f.amount <> 0`);
    await x(sql`INSERT INTO ledger_entries (organization_id, voucher_id, is_reversal, line_no, ledger_id, entry_date, amount)
                SELECT organization_id, voucher_id, false, line_no, ledger_id, voucher_date, amount FROM bench_entries
                UNION ALL
                SELECT organization_id, voucher_id, true, line_no, ledger_id, voucher_date, -amount FROM bench_entries WHERE cancelled`);
    await x(sql`INSERT INTO ledger_day_totals (organization_id, ledger_id, entry_date, debit, credit)
                SELECT organization_id, ledger_id, entry_date,
                       coalesce(sum(amount) FILTER (WHERE amount > 0), 0), coalesce(-sum(amount) FILTER (WHERE amount < 0), 0)
                  FROM ledger_entries WHERE organization_id IN (SELECT id FROM bench_orgs) GROUP BY 1, 2, 3`);
    await x(sql`INSERT INTO ledger_month_totals (organization_id, ledger_id, month, debit, credit)
                SELECT organization_id, ledger_id, date_trunc('month', entry_date)::date, sum(debit), sum(credit)
                  FROM ledger_day_totals WHERE organization_id IN (SELECT id FROM bench_orgs) GROUP BY 1, 2, 3`);
    await x(sql`INSERT INTO bills (id, organization_id, party_id, side, voucher_id, ref, bill_date, due_date, amount, outstanding, cancelled_at, created_at)
                SELECT gen_random_uuid(), v.organization_id, v.party_id, bs.side, v.id, v.voucher_number, v.voucher_date, v.voucher_date + 30,
                       v.grand_total, v.grand_total, v.cancelled_at, v.created_at
                  FROM vouchers v JOIN ${billSides()} ON bs.voucher_type = v.voucher_type
                 WHERE v.organization_id IN (SELECT id FROM bench_orgs)`);
  });

  if (o.audit) await seedAudit(handle, o, ORGS);

  await step('staging tables dropped, ANALYZE', async () => {
    await x(sql`DROP TABLE bench_orgs, bench_parties, bench_products, bench_v, bench_l, bench_moves, bench_entries`);
    await x(sql`ANALYZE`);
  });
}

async function seedAudit(handle: PgHandle, o: SeedOptions, ORGS: number) {
  const db = handle.db;
  await step(`audit chains (one event per voucher and per cancellation, hashed in Node)`, async () => {
    const orgs = await queryRows<{ o: number; id: string }>(db, sql`SELECT o, id FROM bench_orgs ORDER BY o`);
    const heads = new Map(orgs.map((org) => [org.id, { seq: 0, hash: GENESIS_HASH }]));
    const BATCH = 20_000;
    const start = Date.parse('2024-04-01T04:30:00Z');
    for (let from = 1; from <= o.vouchers; from += BATCH) {
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
      for (let g = from; g < Math.min(from + BATCH, o.vouchers + 1); g++) {
        push(g, 'voucher.created', { voucher_no: g, line_count: o.lines });
        if (g % 50 === 0) push(g, 'voucher.cancelled', { voucher_no: g, reason: 'Bench' });
      }
      await db.execute(sql`INSERT INTO audit_events (id, chain_key, seq, occurred_at, organization_id, actor_email, action, target_type, target_id,
                                            ip, user_agent, success, details, prev_hash, hash)
        SELECT id, chain, seq, at, org, 'bench@example.test', action, 'voucher', target, '127.0.0.1', 'bench', true, details::jsonb, prev, hash
          FROM unnest(${sql.param(cols.id)}::uuid[], ${sql.param(cols.chain)}::text[], ${sql.param(cols.seq)}::bigint[], ${sql.param(cols.at)}::timestamptz[], ${sql.param(cols.org)}::uuid[],
                      ${sql.param(cols.action)}::text[], ${sql.param(cols.target)}::text[], ${sql.param(cols.details)}::text[], ${sql.param(cols.prev)}::text[], ${sql.param(cols.hash)}::text[])
               AS t(id, chain, seq, at, org, action, target, details, prev, hash)`);
    }
    for (const [chain, head] of heads) {
      await db.execute(sql`INSERT INTO audit_chain_heads (chain_key, seq, last_hash) VALUES (${chain}, ${head.seq}, ${head.hash})`);
    }
  });
}
