import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { totalOf, voucherProblem, type CheckContext, type CheckOutcome } from './integrity.context';
import type { IntegrityProblem } from './integrity.report';

/** The Indian financial-year code (`2526`) of a date column, as financialYearOf computes it. */
const FY_OF_DATE = sql`(SELECT lpad((y % 100)::text, 2, '0') || lpad(((y + 1) % 100)::text, 2, '0')
                          FROM (SELECT CASE WHEN extract(month FROM voucher_date) >= 4 THEN extract(year FROM voucher_date)::int
                                            ELSE extract(year FROM voucher_date)::int - 1 END AS y) fy)`;

interface SeriesRow {
  org: string;
  type: string;
  fy: string;
  total: number;
}

function seriesProblem(ctx: CheckContext, r: SeriesRow, field: string, expected: string, found: string, subject = ''): IntegrityProblem {
  return {
    check: 'numbering',
    organizationId: r.org,
    organizationName: ctx.orgName(r.org),
    subject: `${r.type} vouchers of financial year ${r.fy}${subject}`,
    field,
    expected,
    found,
  };
}

/**
 * Per organisation, type and financial year: numbers and sequence numbers unique (GROUP BY),
 * sequence 1..n without gaps (lag() over the series), each number `…/{FY}/{seq}` with the FY of
 * its date, and the series row at the number after the last one taken.
 */
export async function checkNumbering(ctx: CheckContext): Promise<CheckOutcome> {
  const max = ctx.maxProblems;
  const problems: IntegrityProblem[] = [];
  let problemCount = 0;
  const add = (found: number, list: IntegrityProblem[]) => {
    problemCount += found;
    problems.push(...list.slice(0, Math.max(0, max - problems.length)));
  };

  const duplicates = await queryRows<SeriesRow & { key: string; what: string; n: number; ids: string[] | string }>(
    ctx.tx,
    sql`
      SELECT * , count(*) OVER () AS total FROM (
        SELECT organization_id AS org, voucher_type AS type, min(fiscal_year) AS fy, 'voucher_number' AS what, voucher_number AS key,
               count(*)::int AS n, array_agg(id::text ORDER BY id) AS ids
          FROM vouchers GROUP BY organization_id, voucher_type, voucher_number HAVING count(*) > 1
        UNION ALL
        SELECT organization_id, voucher_type, fiscal_year, 'seq', seq::text, count(*)::int, array_agg(id::text ORDER BY id)
          FROM vouchers GROUP BY organization_id, voucher_type, fiscal_year, seq HAVING count(*) > 1
      ) d ORDER BY org, type, fy, what, key LIMIT ${max}`,
  );
  add(
    totalOf(duplicates),
    duplicates.map((r) => {
      const ids = Array.isArray(r.ids) ? r.ids.join(', ') : String(r.ids);
      return seriesProblem(ctx, r, `duplicate ${r.what} ${r.key}`, 'one voucher', `${r.n} vouchers (ids ${ids})`);
    }),
  );

  const gaps = await queryRows<SeriesRow & { first_missing: number; last_missing: number; after: string | null; before: string }>(
    ctx.tx,
    sql`
      SELECT org, type, fy, prev + 1 AS first_missing, seq - 1 AS last_missing, prev_number AS after, voucher_number AS before,
             count(*) OVER () AS total
        FROM (
          SELECT organization_id AS org, voucher_type AS type, fiscal_year AS fy, seq, voucher_number,
                 lag(seq, 1, 0) OVER s AS prev, lag(voucher_number) OVER s AS prev_number
            FROM vouchers WINDOW s AS (PARTITION BY organization_id, voucher_type, fiscal_year ORDER BY seq)
        ) x
       WHERE seq > prev + 1
       ORDER BY org, type, fy, seq LIMIT ${max}`,
  );
  add(
    totalOf(gaps),
    gaps.map((r) => {
      const missing = r.first_missing === r.last_missing ? `seq ${r.first_missing}` : `seq ${r.first_missing} to ${r.last_missing}`;
      const where = r.after ? `between ${r.after} and ${r.before}` : `before ${r.before}`;
      return seriesProblem(ctx, r, `gap ${where}`, `${missing} present`, 'missing');
    }),
  );

  const badNumbers = await queryRows<{
    org: string;
    id: string;
    type: string;
    number: string;
    seq: number;
    fy: string;
    date_fy: string;
    total: number;
  }>(
    ctx.tx,
    sql`
      SELECT * FROM (
        SELECT organization_id AS org, id, voucher_type AS type, voucher_number AS number, seq, fiscal_year AS fy,
               ${FY_OF_DATE} AS date_fy, count(*) OVER () AS total
          FROM vouchers
         WHERE fiscal_year <> ${FY_OF_DATE}
            OR right(voucher_number, length(fiscal_year) + 2 + greatest(5, length(seq::text)))
               <> '/' || fiscal_year || '/' || lpad(seq::text, greatest(5, length(seq::text)), '0')
      ) x ORDER BY org, type, number LIMIT ${max}`,
  );
  add(
    totalOf(badNumbers),
    badNumbers.map((r) =>
      r.fy !== r.date_fy
        ? voucherProblem(ctx, 'numbering', r, 'fiscal_year', `${r.date_fy} (the financial year of its date)`, r.fy)
        : voucherProblem(ctx, 'numbering', r, 'voucher_number', `…/${r.fy}/${String(r.seq).padStart(5, '0')} (its year and seq)`, r.number),
    ),
  );

  const counters = await queryRows<SeriesRow & { max_seq: number | null; last_seq: number | null }>(
    ctx.tx,
    sql`
      WITH m AS (
        SELECT organization_id, voucher_type, fiscal_year, max(seq) AS max_seq FROM vouchers GROUP BY organization_id, voucher_type, fiscal_year
      )
      SELECT coalesce(m.organization_id, c.organization_id) AS org, coalesce(m.voucher_type, c.voucher_type) AS type,
             coalesce(m.fiscal_year, c.fiscal_year) AS fy, m.max_seq, c.last_seq, count(*) OVER () AS total
        FROM m FULL JOIN (SELECT organization_id, voucher_type, fiscal_year, next_number - 1 AS last_seq FROM voucher_series) c
          ON c.organization_id = m.organization_id AND c.voucher_type = m.voucher_type AND c.fiscal_year = m.fiscal_year
       WHERE c.last_seq IS DISTINCT FROM m.max_seq AND NOT (m.max_seq IS NULL AND c.last_seq = 0)
       ORDER BY 1, 2, 3 LIMIT ${max}`,
  );
  add(
    totalOf(counters),
    counters.map((r) =>
      seriesProblem(
        ctx,
        r,
        'voucher_series.next_number',
        r.max_seq === null ? '1 (no vouchers in this series)' : `${r.max_seq + 1} (after the highest seq of its vouchers)`,
        r.last_seq === null ? 'no series row' : String(r.last_seq + 1),
      ),
    ),
  );
  return { problems, problemCount, rows: ctx.totals.vouchers + ctx.totals.counters, rowsLabel: 'vouchers+ctr' };
}
