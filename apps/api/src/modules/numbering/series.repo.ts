import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { rawRows } from '../../db/raw';
import { voucherSeries } from '../../db/schema';

/**
 * A financial year's code (`2526`) as its starting year, for ordering series: the codes keep two
 * digits of each year and the dates accepted run from 2000 to 2098, so only `9900` (1999-2000)
 * belongs to the last century.
 */
const startYearOf = (column: string) => `(CASE ${column} WHEN '9900' THEN 1999 ELSE 2000 + left(${column}, 2)::int END)`;

/** The prefix a series of this type starts with: its latest series' (by year), else none. */
const latestPrefixSql = `(SELECT p.prefix FROM voucher_series p WHERE p.organization_id = $1 AND p.voucher_type = $2
                           ORDER BY ${startYearOf('p.fiscal_year')} DESC LIMIT 1)`;

/**
 * Takes the next number of the series, creating the series on its year's first voucher: the row
 * stays locked until the transaction ends, so concurrent creators queue here and a rolled-back
 * creation gives its number back (no gaps, no duplicates). Answers the number and the prefix in
 * one round trip (a named prepared statement: this is on every voucher's path).
 */
export async function takeSeriesNumber(
  db: Executor,
  organizationId: string,
  voucherType: string,
  fiscalYear: string,
  defaultPrefix: string,
): Promise<{ seq: number; prefix: string }> {
  const [row] = await rawRows<{ seq: number | string; prefix: string }>(
    db,
    `INSERT INTO voucher_series AS s (organization_id, voucher_type, fiscal_year, prefix, next_number)
     VALUES ($1, $2, $3, COALESCE(${latestPrefixSql}, $4), 2)
     ON CONFLICT (organization_id, voucher_type, fiscal_year)
     DO UPDATE SET next_number = s.next_number + 1, updated_at = now()
     RETURNING s.next_number - 1 AS seq, s.prefix`,
    [organizationId, voucherType, fiscalYear, defaultPrefix],
  );
  return { seq: Number(row!.seq), prefix: row!.prefix };
}

/** The series of a year as it stands (no lock), or, when it has none yet, what it would start with. */
export async function peekSeries(
  db: Executor,
  organizationId: string,
  voucherType: string,
  fiscalYear: string,
  defaultPrefix: string,
): Promise<{ nextNumber: number; prefix: string }> {
  const [row] = await rawRows<{ next_number: number | string; prefix: string }>(
    db,
    `SELECT next_number, prefix FROM voucher_series WHERE organization_id = $1 AND voucher_type = $2 AND fiscal_year = $3
     UNION ALL
     SELECT 1, COALESCE(${latestPrefixSql}, $4)
     LIMIT 1`,
    [organizationId, voucherType, fiscalYear, defaultPrefix],
  );
  return { nextNumber: Number(row!.next_number), prefix: row!.prefix };
}

/**
 * Sets the prefix of a type from this year on: this year's series (created when it has none) and
 * any later one already begun. Earlier years keep theirs: their numbers are issued.
 */
export async function setSeriesPrefix(
  db: Executor,
  organizationId: string,
  voucherType: string,
  fiscalYear: { code: string; startYear: number },
  prefix: string,
): Promise<void> {
  await db
    .insert(voucherSeries)
    .values({ organizationId, voucherType, fiscalYear: fiscalYear.code, prefix })
    .onConflictDoUpdate({
      target: [voucherSeries.organizationId, voucherSeries.voucherType, voucherSeries.fiscalYear],
      set: { prefix, updatedAt: sql`now()` },
    });
  await db
    .update(voucherSeries)
    .set({ prefix, updatedAt: sql`now()` })
    .where(
      and(
        eq(voucherSeries.organizationId, organizationId),
        eq(voucherSeries.voucherType, voucherType),
        sql`${sql.raw(startYearOf('"voucher_series"."fiscal_year"'))} > ${fiscalYear.startYear}`,
      ),
    );
}

/** Every series of the organisation (all types and years). */
export async function findSeries(db: Executor, organizationId: string) {
  return db
    .select({
      voucherType: voucherSeries.voucherType,
      fiscalYear: voucherSeries.fiscalYear,
      prefix: voucherSeries.prefix,
      nextNumber: voucherSeries.nextNumber,
    })
    .from(voucherSeries)
    .where(eq(voucherSeries.organizationId, organizationId));
}
