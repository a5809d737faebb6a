import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { totalOf, type CheckContext, type CheckOutcome } from './integrity.context';
import type { IntegrityProblem } from './integrity.report';

/**
 * The month totals the statements read whole months from (`ledger_month_totals`,
 * `stock_value_month_totals`): per ledger and month, the debit and credit equal the sums of that
 * month's debit and credit entries (a reversal on its own side, as the posting statement adds it);
 * per product and month, the quantity and value changes equal the sums of its stock ledger rows.
 * Each is one aggregate of the source rows, fully joined to the month totals, so a month row with
 * nothing behind it, or a month with entries and no row, is found too. The `ledger_day_totals` and
 * `stock_value` checks hold the day totals to the same entries and rows, so a pass of all three
 * also proves each month total equal to the sum of its days.
 */
export async function checkMonthTotals(ctx: CheckContext): Promise<CheckOutcome> {
  const ledgers = await queryRows<{
    org: string;
    subject_id: string;
    name: string | null;
    total: number;
    month: string;
    n: number;
    e_debit: string;
    e_credit: string;
    m_debit: string | null;
    m_credit: string | null;
  }>(
    ctx.tx,
    sql`
      WITH e AS (
        SELECT organization_id, ledger_id, date_trunc('month', entry_date)::date AS month, count(*)::int AS n,
               coalesce(sum(amount) FILTER (WHERE amount > 0), 0) AS debit, coalesce(-sum(amount) FILTER (WHERE amount < 0), 0) AS credit
          FROM ledger_entries GROUP BY 1, 2, 3
      ), j AS (
        SELECT coalesce(e.organization_id, m.organization_id) AS org, coalesce(e.ledger_id, m.ledger_id) AS ledger_id,
               coalesce(e.month, m.month) AS month, coalesce(e.n, 0) AS n,
               coalesce(e.debit, 0) AS e_debit, coalesce(e.credit, 0) AS e_credit, m.debit AS m_debit, m.credit AS m_credit
          FROM e FULL JOIN ledger_month_totals m
            ON m.organization_id = e.organization_id AND m.ledger_id = e.ledger_id AND m.month = e.month
      )
      SELECT j.org, j.ledger_id AS subject_id, l.name, count(*) OVER () AS total, to_char(j.month, 'YYYY-MM') AS month, j.n,
             j.e_debit::numeric(18,2)::text AS e_debit, j.e_credit::numeric(18,2)::text AS e_credit,
             j.m_debit::text AS m_debit, j.m_credit::text AS m_credit
        FROM j LEFT JOIN ledgers l ON l.id = j.ledger_id
       WHERE j.m_debit IS NULL OR j.m_debit <> j.e_debit OR j.m_credit <> j.e_credit
       ORDER BY j.org, l.name, j.ledger_id, j.month
       LIMIT ${ctx.maxProblems}`,
  );
  const products = await queryRows<{
    org: string;
    subject_id: string;
    name: string | null;
    total: number;
    month: string;
    n: number;
    l_quantity: string;
    l_value: string;
    m_quantity: string | null;
    m_value: string | null;
  }>(
    ctx.tx,
    sql`
      WITH l AS (
        SELECT organization_id, product_id, date_trunc('month', entry_date)::date AS month, count(*)::int AS n,
               sum(quantity_change) AS q, sum(value) AS val
          FROM stock_ledger GROUP BY 1, 2, 3
      ), j AS (
        SELECT coalesce(l.organization_id, m.organization_id) AS org, coalesce(l.product_id, m.product_id) AS product_id,
               coalesce(l.month, m.month) AS month, coalesce(l.n, 0) AS n, coalesce(l.q, 0) AS l_q, coalesce(l.val, 0) AS l_val,
               m.quantity_change AS m_q, m.value_change AS m_val
          FROM l FULL JOIN stock_value_month_totals m
            ON m.organization_id = l.organization_id AND m.product_id = l.product_id AND m.month = l.month
      )
      SELECT j.org, j.product_id AS subject_id, p.name, count(*) OVER () AS total, to_char(j.month, 'YYYY-MM') AS month, j.n,
             j.l_q::numeric(18,3)::text AS l_quantity, j.l_val::numeric(18,2)::text AS l_value,
             j.m_q::text AS m_quantity, j.m_val::text AS m_value
        FROM j LEFT JOIN products p ON p.id = j.product_id
       WHERE j.m_q IS NULL OR j.m_q <> j.l_q OR j.m_val <> j.l_val
       ORDER BY j.org, p.name, j.product_id, j.month
       LIMIT ${ctx.maxProblems}`,
  );

  const problems: IntegrityProblem[] = [];
  const problem = (r: { org: string }, subject: string, field: string, expected: string, found: string, productId?: string) =>
    problems.push({
      check: 'month_totals',
      organizationId: r.org,
      organizationName: ctx.orgName(r.org),
      subject,
      ...(productId ? { productId } : {}),
      field,
      expected,
      found,
    });
  const plural = (n: number, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`;
  for (const r of ledgers) {
    const subject = `ledger "${r.name ?? '?'}" (id ${r.subject_id}), month ${r.month}`;
    if (r.m_debit === null) {
      problem(r, subject, 'ledger_month_totals row', `one (debit ${r.e_debit}, credit ${r.e_credit})`, 'none');
      continue;
    }
    const sums = (side: string, amount: string) => `${amount} (sum of the ${side} of ${plural(r.n, 'entry', 'entries')})`;
    if (r.m_debit !== r.e_debit) problem(r, subject, 'debit', sums('debits', r.e_debit), r.m_debit);
    if (r.m_credit !== r.e_credit) problem(r, subject, 'credit', sums('credits', r.e_credit), r.m_credit!);
  }
  for (const r of products) {
    const subject = `product "${r.name ?? '?'}" (id ${r.subject_id}), month ${r.month}`;
    if (r.m_quantity === null) {
      problem(r, subject, 'stock_value_month_totals row', `one (quantity ${r.l_quantity}, value ${r.l_value})`, 'none', r.subject_id);
      continue;
    }
    const sums = (what: string, amount: string) =>
      `${amount} (sum of the ${what} of ${plural(r.n, 'stock ledger row', 'stock ledger rows')})`;
    if (r.m_quantity !== r.l_quantity)
      problem(r, subject, 'quantity_change', sums('quantity changes', r.l_quantity), r.m_quantity, r.subject_id);
    if (r.m_value !== r.l_value) problem(r, subject, 'value_change', sums('value changes', r.l_value), r.m_value!, r.subject_id);
  }
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT ((SELECT count(*) FROM ledger_month_totals) + (SELECT count(*) FROM stock_value_month_totals))::int AS n`,
  );
  return {
    problems: problems.slice(0, ctx.maxProblems),
    problemCount: totalOf(ledgers) + totalOf(products),
    rows: Number(count!.n),
    rowsLabel: 'month totals',
  };
}
