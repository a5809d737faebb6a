import { stockSign, voucherTypes } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { totalOf, voucherProblem, type CheckContext, type CheckOutcome } from './integrity.context';
import type { IntegrityProblem } from './integrity.report';

function productProblem(
  ctx: CheckContext,
  check: 'stock_balances' | 'stock_ledger' | 'stock_value',
  r: { org: string; product_id: string; product_name: string | null },
  field: string,
  expected: string,
  found: string,
): IntegrityProblem {
  return {
    check,
    organizationId: r.org,
    organizationName: ctx.orgName(r.org),
    subject: `product "${r.product_name ?? '?'}" (id ${r.product_id})`,
    productId: r.product_id,
    field,
    expected,
    found,
  };
}

/** Every product has its balance row, and the balance (and its ledger counter) equals its ledger's sum (and last seq). */
export async function checkStockBalances(ctx: CheckContext): Promise<CheckOutcome> {
  const rows = await queryRows<{
    org: string;
    product_id: string;
    product_name: string;
    total: number;
    has_balance: boolean;
    quantity: string | null;
    ledger_sum: string;
    ledger_seq: string | null;
    max_seq: string;
    ledger_rows: number;
  }>(
    ctx.tx,
    sql`
      WITH led AS (
        SELECT organization_id, product_id, count(*)::int AS n, max(seq) AS max_seq, sum(quantity_change) AS q
          FROM stock_ledger GROUP BY organization_id, product_id
      )
      SELECT p.organization_id AS org, p.id AS product_id, p.name AS product_name, count(*) OVER () AS total,
             b.product_id IS NOT NULL AS has_balance, b.quantity::text AS quantity,
             coalesce(l.q, 0)::numeric(16,3)::text AS ledger_sum, b.ledger_seq::text AS ledger_seq,
             coalesce(l.max_seq, 0)::text AS max_seq, coalesce(l.n, 0) AS ledger_rows
        FROM products p
        LEFT JOIN stock_balances b ON b.organization_id = p.organization_id AND b.product_id = p.id
        LEFT JOIN led l ON l.organization_id = p.organization_id AND l.product_id = p.id
       WHERE b.product_id IS NULL OR b.quantity <> coalesce(l.q, 0) OR b.ledger_seq <> coalesce(l.max_seq, 0)
       ORDER BY p.organization_id, p.name, p.id
       LIMIT ${ctx.maxProblems}`,
  );
  const problems: IntegrityProblem[] = [];
  for (const r of rows) {
    if (!r.has_balance) {
      problems.push(
        productProblem(
          ctx,
          'stock_balances',
          r,
          'stock_balances row',
          `one (balance ${r.ledger_sum} from ${r.ledger_rows} ledger row(s))`,
          'none',
        ),
      );
      continue;
    }
    if (r.quantity !== r.ledger_sum) {
      problems.push(
        productProblem(
          ctx,
          'stock_balances',
          r,
          'quantity on hand',
          `${r.ledger_sum} (sum of ${r.ledger_rows} ledger row(s))`,
          r.quantity ?? 'none',
        ),
      );
    }
    if (r.ledger_seq !== r.max_seq) {
      problems.push(productProblem(ctx, 'stock_balances', r, 'ledger_seq', `${r.max_seq} (last ledger row)`, r.ledger_seq ?? 'none'));
    }
  }
  return { problems, problemCount: totalOf(rows), rows: ctx.totals.stockBalances, rowsLabel: 'products' };
}

/**
 * Within each product, ledger rows are numbered 1, 2, 3... and each `balance_after` is the running
 * sum up to it (one window pass). A missing or changed row makes every later row of the product
 * wrong too, so each product is reported once, at its first wrong row, with the count of wrong rows.
 */
export async function checkStockLedger(ctx: CheckContext): Promise<CheckOutcome> {
  const rows = await queryRows<{
    org: string;
    product_id: string;
    product_name: string | null;
    total: number;
    seq: string;
    rn: string;
    balance_after: string;
    running: string;
    wrong_rows: number;
    voucher_number: string | null;
    source: string;
  }>(
    ctx.tx,
    sql`
      WITH w AS (
        SELECT organization_id, product_id, seq, source, voucher_number, balance_after,
               sum(quantity_change) OVER (PARTITION BY organization_id, product_id ORDER BY seq) AS running,
               row_number() OVER (PARTITION BY organization_id, product_id ORDER BY seq) AS rn
          FROM stock_ledger
      ), bad AS (
        SELECT w.*, count(*) OVER (PARTITION BY organization_id, product_id) AS wrong_rows
          FROM w WHERE balance_after <> running OR seq <> rn
      ), firsts AS (
        SELECT DISTINCT ON (organization_id, product_id) * FROM bad ORDER BY organization_id, product_id, seq
      )
      SELECT f.organization_id AS org, f.product_id, p.name AS product_name, count(*) OVER () AS total,
             f.seq::text AS seq, f.rn::text AS rn, f.balance_after::text AS balance_after,
             f.running::numeric(16,3)::text AS running, f.wrong_rows::int AS wrong_rows, f.voucher_number, f.source
        FROM firsts f LEFT JOIN products p ON p.id = f.product_id
       ORDER BY f.organization_id, p.name, f.product_id
       LIMIT ${ctx.maxProblems}`,
  );
  const problems: IntegrityProblem[] = [];
  for (const r of rows) {
    const at = `ledger row seq ${r.seq} (${r.source}${r.voucher_number ? ` ${r.voucher_number}` : ''}; ${r.wrong_rows} wrong row(s) from here on)`;
    if (r.seq !== r.rn) problems.push(productProblem(ctx, 'stock_ledger', r, `${at}: seq`, `${r.rn} (rows numbered without gaps)`, r.seq));
    if (r.balance_after !== r.running) {
      problems.push(
        productProblem(ctx, 'stock_ledger', r, `${at}: balance_after`, `${r.running} (running sum of the ledger)`, r.balance_after),
      );
    }
  }
  return { problems, problemCount: totalOf(rows), rows: ctx.totals.ledgerRows, rowsLabel: 'ledger rows' };
}

/** `(VALUES ('sales', -1), ('purchase', 1), …)`: each voucher type's stock direction (0: moves none), from the definitions. */
function directions() {
  const values = voucherTypes().map((d) => sql`(${d.type}::text, ${stockSign(d)}::int)`);
  return sql`(VALUES ${sql.join(values, sql`, `)}) AS d(voucher_type, direction)`;
}

/**
 * Posting: for each voucher and product, as many `voucher` ledger rows as lines (with a quantity), moving the
 * lines' quantity in the type's direction. Cancelling: as many `voucher_cancel` rows moving it
 * back; an active voucher has none. One aggregate of lines and one of ledger rows, joined.
 */
export async function checkVoucherStock(ctx: CheckContext): Promise<CheckOutcome> {
  const rows = await queryRows<{
    org: string;
    id: string;
    type: string;
    number: string;
    status: string;
    total: number;
    product_id: string;
    product_name: string | null;
    direction: number | null;
    lines: number;
    quantity: string;
    posted_rows: number;
    posted: string;
    reversal_rows: number;
    reversed: string;
  }>(
    ctx.tx,
    sql`
      WITH l AS (
        -- A note's value-only line (quantity 0) moves no goods: it has no ledger row.
        SELECT voucher_id, product_id, count(*)::int AS n, sum(quantity) AS q FROM voucher_lines WHERE quantity > 0 GROUP BY voucher_id, product_id
      ), g AS (
        SELECT voucher_id, product_id,
               count(*) FILTER (WHERE source = 'voucher')::int AS n_post, coalesce(sum(quantity_change) FILTER (WHERE source = 'voucher'), 0) AS q_post,
               count(*) FILTER (WHERE source = 'voucher_cancel')::int AS n_rev, coalesce(sum(quantity_change) FILTER (WHERE source = 'voucher_cancel'), 0) AS q_rev
          FROM stock_ledger WHERE voucher_id IS NOT NULL GROUP BY voucher_id, product_id
      ), j AS (
        SELECT coalesce(l.voucher_id, g.voucher_id) AS voucher_id, coalesce(l.product_id, g.product_id) AS product_id,
               coalesce(l.n, 0) AS n, coalesce(l.q, 0) AS q, coalesce(g.n_post, 0) AS n_post, coalesce(g.q_post, 0) AS q_post,
               coalesce(g.n_rev, 0) AS n_rev, coalesce(g.q_rev, 0) AS q_rev
          FROM l FULL JOIN g ON g.voucher_id = l.voucher_id AND g.product_id = l.product_id
      )
      SELECT v.organization_id AS org, v.id, v.voucher_type AS type, v.voucher_number AS number, v.status, count(*) OVER () AS total,
             j.product_id, p.name AS product_name, d.direction, j.n AS lines, (j.q * coalesce(d.direction, 1))::numeric(16,3)::text AS quantity,
             j.n_post AS posted_rows, j.q_post::numeric(16,3)::text AS posted, j.n_rev AS reversal_rows, j.q_rev::numeric(16,3)::text AS reversed
        FROM j JOIN vouchers v ON v.id = j.voucher_id
        LEFT JOIN ${directions()} ON d.voucher_type = v.voucher_type
        LEFT JOIN products p ON p.id = j.product_id
       WHERE d.direction IS NULL OR j.n_post <> j.n * abs(d.direction) OR j.q_post <> j.q * d.direction
          OR (v.status = 'cancelled' AND (j.n_rev <> j.n * abs(d.direction) OR j.q_rev <> -j.q * d.direction))
          OR (v.status <> 'cancelled' AND j.n_rev <> 0)
       ORDER BY v.organization_id, v.voucher_type, v.voucher_number, j.product_id
       LIMIT ${ctx.maxProblems}`,
  );
  const problems: IntegrityProblem[] = [];
  for (const r of rows) {
    const suffix = `, product "${r.product_name ?? '?'}" (id ${r.product_id})`;
    const p = (field: string, expected: string, found: string) =>
      problems.push(voucherProblem(ctx, 'voucher_stock', r, field, expected, found, suffix));
    if (r.direction === null) {
      p('voucher_type', 'a known voucher type', r.type);
      continue;
    }
    // A type that moves no stock (direction 0) has no ledger rows at all.
    const lines = r.direction === 0 ? 0 : Number(r.lines);
    if (Number(r.posted_rows) !== lines || r.posted !== r.quantity) {
      p('posting ledger rows', `${lines} row(s) moving ${r.quantity} (its lines)`, `${r.posted_rows} row(s) moving ${r.posted}`);
    }
    const back = r.quantity.startsWith('-') ? r.quantity.slice(1) : r.quantity === '0.000' ? r.quantity : `-${r.quantity}`;
    if (r.status === 'cancelled' && (Number(r.reversal_rows) !== lines || r.reversed !== back)) {
      p('reversal ledger rows (voucher is cancelled)', `${lines} row(s) moving ${back}`, `${r.reversal_rows} row(s) moving ${r.reversed}`);
    }
    if (r.status !== 'cancelled' && Number(r.reversal_rows) !== 0) {
      p('reversal ledger rows (voucher is active)', 'none', `${r.reversal_rows} row(s) moving ${r.reversed}`);
    }
  }
  return { problems, problemCount: totalOf(rows), rows: ctx.totals.vouchers, rowsLabel: 'vouchers' };
}

/**
 * Stock value (BOOKS.md, weighted average cost): each balance's value is its quantity × average
 * cost to the paisa and the sum of its ledger rows' value changes; each product's value day total
 * (quantity and value) equals that day's ledger rows. One aggregate of the ledger per product and
 * day, fully joined to the day totals, then rolled up per product against the balance.
 */
export async function checkStockValue(ctx: CheckContext): Promise<CheckOutcome> {
  const rows = await queryRows<{
    org: string;
    product_id: string;
    product_name: string | null;
    total: number;
    entry_date: string | null;
    quantity: string | null;
    average_cost: string | null;
    value: string | null;
    times: string | null;
    l_quantity: string;
    l_value: string;
    d_quantity: string | null;
    d_value: string | null;
  }>(
    ctx.tx,
    sql`
      WITH ld AS (
        SELECT organization_id, product_id, entry_date, sum(quantity_change) AS q, sum(value) AS val
          FROM stock_ledger GROUP BY organization_id, product_id, entry_date
      ), days AS (
        SELECT coalesce(ld.organization_id, d.organization_id) AS org, coalesce(ld.product_id, d.product_id) AS product_id,
               coalesce(ld.entry_date, d.entry_date) AS entry_date, coalesce(ld.q, 0) AS l_q, coalesce(ld.val, 0) AS l_val,
               d.quantity_change AS d_q, d.value_change AS d_val
          FROM ld FULL JOIN stock_value_day_totals d
            ON d.organization_id = ld.organization_id AND d.product_id = ld.product_id AND d.entry_date = ld.entry_date
      ), per_product AS (
        SELECT org, product_id, sum(l_q) AS l_q, sum(l_val) AS l_val FROM days GROUP BY org, product_id
      ), bad AS (
        SELECT org, product_id, entry_date, NULL::numeric AS quantity, NULL::numeric AS average_cost, NULL::numeric AS value,
               l_q, l_val, d_q, d_val
          FROM days
         WHERE d_q IS NULL OR d_q <> l_q OR d_val <> l_val
        UNION ALL
        SELECT b.organization_id, b.product_id, NULL, b.quantity, b.average_cost, b.value,
               coalesce(pp.l_q, 0), coalesce(pp.l_val, 0), NULL, NULL
          FROM stock_balances b LEFT JOIN per_product pp ON pp.org = b.organization_id AND pp.product_id = b.product_id
         WHERE b.value <> round(b.quantity * b.average_cost, 2) OR b.value <> coalesce(pp.l_val, 0)
      )
      SELECT bad.org, bad.product_id, p.name AS product_name, count(*) OVER () AS total, bad.entry_date::text,
             bad.quantity::text, bad.average_cost::text, bad.value::text,
             round(bad.quantity * bad.average_cost, 2)::numeric(18,2)::text AS times,
             bad.l_q::numeric(16,3)::text AS l_quantity, bad.l_val::numeric(16,2)::text AS l_value,
             bad.d_q::text AS d_quantity, bad.d_val::text AS d_value
        FROM bad LEFT JOIN products p ON p.id = bad.product_id
       ORDER BY bad.org, p.name, bad.product_id, bad.entry_date NULLS FIRST
       LIMIT ${ctx.maxProblems}`,
  );
  const problems: IntegrityProblem[] = [];
  for (const r of rows) {
    const p = (field: string, expected: string, found: string) =>
      problems.push(productProblem(ctx, 'stock_value', r, field, expected, found));
    if (r.entry_date === null) {
      if (r.value !== r.times) p('value', `${r.times} (quantity ${r.quantity} x average cost ${r.average_cost})`, r.value ?? 'none');
      if (r.value !== r.l_value) p('value', `${r.l_value} (sum of its ledger rows' value changes)`, r.value ?? 'none');
      continue;
    }
    const at = `stock_value_day_totals of ${r.entry_date}`;
    if (r.d_quantity === null) {
      p(`${at}`, `a row (quantity ${r.l_quantity}, value ${r.l_value} from the ledger)`, 'none');
      continue;
    }
    if (r.d_quantity !== r.l_quantity) p(`${at}: quantity_change`, `${r.l_quantity} (sum of the day's ledger rows)`, r.d_quantity);
    if (r.d_value !== r.l_value) p(`${at}: value_change`, `${r.l_value} (sum of the day's ledger rows)`, r.d_value ?? 'none');
  }
  return { problems, problemCount: totalOf(rows), rows: ctx.totals.stockBalances, rowsLabel: 'products' };
}
