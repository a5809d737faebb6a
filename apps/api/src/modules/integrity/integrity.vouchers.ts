import { computeLine, voucherTypes, type LineAmounts } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { totalOf, voucherProblem, type CheckContext, type CheckOutcome } from './integrity.context';
import type { IntegrityProblem } from './integrity.report';

const AMOUNT_FIELDS = [
  ['discount', 'discount_amount'],
  ['taxable', 'taxable_amount'],
  ['cgst', 'cgst_amount'],
  ['sgst', 'sgst_amount'],
  ['igst', 'igst_amount'],
  ['total', 'total_amount'],
] as const;

interface TotalsRow {
  org: string;
  id: string;
  type: string;
  number: string;
  total: number;
  h_lines: number;
  l_lines: number;
  inter: boolean;
  supplier: string;
  place: string;
  h_round_off: string;
  e_round_off: string;
  h_grand_total: string;
  e_grand_total: string;
  [key: string]: unknown;
}

/**
 * Header = Σ lines, for every amount; round-off and grand total from the lines' total (nearest
 * rupee, half up: PostgreSQL's round() rounds half away from zero, and amounts here are not
 * negative); the inter-state flag from the supplier's state and the place of supply.
 * One GROUP BY over the lines joined to the headers.
 */
export async function checkVoucherTotals(ctx: CheckContext): Promise<CheckOutcome> {
  // Only vouchers of item lines add up from their lines (a receipt's total is its amount, a
  // journal's its debits: the books check balances their entries).
  const itemTypes = voucherTypes()
    .filter((d) => d.lines === 'items')
    .map((d) => d.type);
  const rows = await queryRows<TotalsRow>(
    ctx.tx,
    sql`
      WITH s AS (
        SELECT voucher_id, count(*)::int AS n, sum(discount_amount) AS discount, sum(taxable_amount) AS taxable,
               sum(cgst_amount) AS cgst, sum(sgst_amount) AS sgst, sum(igst_amount) AS igst, sum(total_amount) AS total
          FROM voucher_lines GROUP BY voucher_id
      ), j AS (
        SELECT v.*, coalesce(s.n, 0) AS l_n, coalesce(s.discount, 0) AS l_discount, coalesce(s.taxable, 0) AS l_taxable,
               coalesce(s.cgst, 0) AS l_cgst, coalesce(s.sgst, 0) AS l_sgst, coalesce(s.igst, 0) AS l_igst,
               coalesce(s.total, 0) AS l_total
          FROM vouchers v LEFT JOIN s ON s.voucher_id = v.id
      )
      SELECT organization_id AS org, id, voucher_type AS type, voucher_number AS number, count(*) OVER () AS total,
             line_count AS h_lines, l_n AS l_lines, is_inter_state AS inter, supplier_state_code AS supplier, place_of_supply AS place,
             discount_amount::text AS h_discount, l_discount::numeric(16,2)::text AS l_discount,
             taxable_amount::text AS h_taxable, l_taxable::numeric(16,2)::text AS l_taxable,
             cgst_amount::text AS h_cgst, l_cgst::numeric(16,2)::text AS l_cgst,
             sgst_amount::text AS h_sgst, l_sgst::numeric(16,2)::text AS l_sgst,
             igst_amount::text AS h_igst, l_igst::numeric(16,2)::text AS l_igst,
             total_amount::text AS h_total, l_total::numeric(16,2)::text AS l_total,
             round_off::text AS h_round_off, (round(l_total, 0) - l_total)::numeric(16,2)::text AS e_round_off,
             grand_total::text AS h_grand_total, round(l_total, 0)::numeric(16,2)::text AS e_grand_total
        FROM j
       WHERE voucher_type IN (${sql.join(
         itemTypes.map((t) => sql`${t}`),
         sql`, `,
       )})
         AND (line_count <> l_n OR discount_amount <> l_discount OR taxable_amount <> l_taxable OR cgst_amount <> l_cgst
          OR sgst_amount <> l_sgst OR igst_amount <> l_igst OR total_amount <> l_total
          OR round_off <> round(l_total, 0) - l_total OR grand_total <> round(l_total, 0)
          OR is_inter_state <> (supplier_state_code <> place_of_supply))
       ORDER BY organization_id, voucher_type, voucher_number, id
       LIMIT ${ctx.maxProblems}`,
  );
  const problems: IntegrityProblem[] = [];
  for (const r of rows) {
    const p = (field: string, expected: string, found: string) =>
      problems.push(voucherProblem(ctx, 'voucher_totals', r, field, expected, found));
    if (Number(r.h_lines) !== Number(r.l_lines)) p('line_count', `${r.l_lines} (lines stored)`, String(r.h_lines));
    for (const [short, column] of AMOUNT_FIELDS) {
      const header = r[`h_${short}`] as string;
      const lines = r[`l_${short}`] as string;
      if (header !== lines) p(column, `${lines} (sum of ${r.l_lines} line(s))`, header);
    }
    if (r.h_round_off !== r.e_round_off) p('round_off', `${r.e_round_off} (to the nearest rupee)`, r.h_round_off);
    if (r.h_grand_total !== r.e_grand_total) p('grand_total', `${r.e_grand_total} (lines' total rounded to the rupee)`, r.h_grand_total);
    if (r.inter !== (r.supplier !== r.place)) {
      p('is_inter_state', `${r.supplier !== r.place} (supplier state ${r.supplier}, place of supply ${r.place})`, String(r.inter));
    }
  }
  return { problems, problemCount: totalOf(rows), rows: ctx.totals.vouchers, rowsLabel: 'vouchers' };
}

/**
 * DOMAIN.md's line arithmetic in SQL, step for step as packages/contracts/src/gst/compute.ts does
 * it with big.js (DP 30, half up): a GST-inclusive gross is divided once at 30 decimals, the
 * discount is rounded to 30 decimals like big.js's division, the taxable value to paise, each tax
 * to paise (a flat discount is taken as stored, and the taxable value is never below 0). PostgreSQL's numeric is exact for the rest, and its round() is half away from zero,
 * which is half up for these non-negative amounts. Every line is checked this way (set-based);
 * a sample is also recomputed with the shared module itself (below), so a drift between this SQL
 * and the module the server uses shows up as a problem rather than passing silently.
 */
const EXPECTED_LINE = sql`
  CROSS JOIN LATERAL (
    SELECT CASE WHEN l.is_gst_inclusive
                THEN (l.quantity * l.unit_price * 100)::numeric(60, 30) / (100 + l.gst_rate)
                ELSE l.quantity * l.unit_price END AS gross
  ) g
  CROSS JOIN LATERAL (
    SELECT CASE WHEN l.discount_flat IS NOT NULL THEN l.discount_flat
                ELSE round(g.gross * l.discount_percentage / 100, 30) END AS discount
  ) d
  CROSS JOIN LATERAL (SELECT greatest(round(g.gross - d.discount, 2), 0) AS taxable) tx
  CROSS JOIN LATERAL (
    SELECT round(d.discount, 2) AS discount_amount, tx.taxable AS taxable_amount,
           CASE WHEN v.is_inter_state THEN 0 ELSE round(tx.taxable * l.gst_rate / 200, 2) END AS cgst_amount,
           CASE WHEN v.is_inter_state THEN 0 ELSE round(tx.taxable * l.gst_rate / 200, 2) END AS sgst_amount,
           CASE WHEN v.is_inter_state THEN round(tx.taxable * l.gst_rate / 100, 2) ELSE 0 END AS igst_amount
  ) e
  CROSS JOIN LATERAL (SELECT e.taxable_amount + e.cgst_amount + e.sgst_amount + e.igst_amount AS total_amount) et`;

const LINE_COLUMNS = sql`
  l.organization_id AS org, l.voucher_id AS id, v.voucher_type AS type, v.voucher_number AS number, l.line_no, l.id AS line_id,
  v.is_inter_state AS inter, l.quantity::text AS quantity, l.unit_price::text AS unit_price, l.gst_rate::text AS gst_rate,
  l.discount_percentage::text AS discount_percentage, l.discount_flat::text AS discount_flat, l.is_gst_inclusive AS inclusive,
  l.discount_amount::text AS f_discount, l.taxable_amount::text AS f_taxable, l.cgst_amount::text AS f_cgst,
  l.sgst_amount::text AS f_sgst, l.igst_amount::text AS f_igst, l.total_amount::text AS f_total,
  e.discount_amount::numeric(16,2)::text AS e_discount, e.taxable_amount::numeric(16,2)::text AS e_taxable,
  e.cgst_amount::numeric(16,2)::text AS e_cgst, e.sgst_amount::numeric(16,2)::text AS e_sgst,
  e.igst_amount::numeric(16,2)::text AS e_igst, et.total_amount::numeric(16,2)::text AS e_total`;

interface LineRow {
  org: string;
  id: string;
  type: string;
  number: string;
  line_no: number;
  line_id: string;
  inter: boolean;
  quantity: string;
  unit_price: string;
  gst_rate: string;
  discount_percentage: string;
  discount_flat: string | null;
  inclusive: boolean;
  [key: string]: unknown;
}

function lineSuffix(r: LineRow): string {
  const price = `${r.unit_price}${r.inclusive ? ' incl. GST' : ''}`;
  return ` line ${r.line_no} (${r.quantity} x ${price}, ${r.discount_flat === null ? `${r.discount_percentage} %` : r.discount_flat} off, GST ${r.gst_rate} %, ${r.inter ? 'inter' : 'intra'}-state)`;
}

function lineMismatches(r: LineRow, expected: (short: string) => string): { column: string; expected: string; found: string }[] {
  const out: { column: string; expected: string; found: string }[] = [];
  for (const [short, column] of AMOUNT_FIELDS) {
    const e = expected(short);
    const f = r[`f_${short}`] as string;
    if (e !== f) out.push({ column, expected: e, found: f });
  }
  return out;
}

/** Lines recomputed for the module cross-check: a random sample, or every line of a small database. */
const MODULE_SAMPLE = 20_000;

export async function checkLineGst(ctx: CheckContext): Promise<CheckOutcome> {
  const rows = await queryRows<LineRow & { total: number }>(
    ctx.tx,
    sql`
      SELECT * FROM (
        SELECT ${LINE_COLUMNS}, count(*) OVER () AS total
          FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id ${EXPECTED_LINE}
         WHERE l.discount_amount <> e.discount_amount OR l.taxable_amount <> e.taxable_amount OR l.cgst_amount <> e.cgst_amount
            OR l.sgst_amount <> e.sgst_amount OR l.igst_amount <> e.igst_amount OR l.total_amount <> et.total_amount
      ) x ORDER BY org, type, number, line_no LIMIT ${ctx.maxProblems}`,
  );
  const problems: IntegrityProblem[] = [];
  for (const r of rows) {
    for (const m of lineMismatches(r, (short) => r[`e_${short}`] as string)) {
      problems.push(voucherProblem(ctx, 'line_gst', r, m.column, `${m.expected} (recomputed)`, m.found, lineSuffix(r)));
    }
  }
  let problemCount = totalOf(rows);

  // The shared module on a sample: it must agree with the SQL above on every sampled line.
  const lines = ctx.totals.voucherLines;
  if (lines > 0) {
    const percent = Math.min(100, (MODULE_SAMPLE * 110) / lines);
    const sample = await queryRows<LineRow>(
      ctx.tx,
      sql`SELECT ${LINE_COLUMNS}
            FROM voucher_lines l TABLESAMPLE BERNOULLI (${sql.raw(percent.toFixed(6))}) JOIN vouchers v ON v.id = l.voucher_id ${EXPECTED_LINE}
           LIMIT ${MODULE_SAMPLE}`,
    );
    for (const r of sample) {
      const computed: LineAmounts = computeLine(
        {
          quantity: r.quantity,
          unitPrice: r.unit_price,
          gstRate: r.gst_rate,
          discountPercentage: r.discount_percentage,
          discountFlat: r.discount_flat,
          priceIncludesGst: r.inclusive,
        },
        r.inter,
      );
      const fromModule = (short: string) => computed[`${short}Amount` as keyof LineAmounts];
      for (const [short, column] of AMOUNT_FIELDS) {
        if (fromModule(short) !== r[`e_${short}`]) {
          problemCount++;
          if (problems.length < ctx.maxProblems) {
            problems.push(
              voucherProblem(
                ctx,
                'line_gst',
                r,
                `${column} (checker self-test)`,
                `${fromModule(short)} (shared GST module)`,
                `${r[`e_${short}`] as string} (the checker's SQL): the checker disagrees with the server's arithmetic`,
                lineSuffix(r),
              ),
            );
          }
        }
      }
    }
  }
  return { problems, problemCount, rows: lines, rowsLabel: 'lines' };
}
