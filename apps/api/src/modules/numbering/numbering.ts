import { financialYearOf, formatVoucherNumber } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { findSeries, peekSeries, setSeriesPrefix, takeSeriesNumber } from './series.repo';

/**
 * Voucher numbers `{PREFIX}/{FY}/{SEQ}` from `voucher_series`: one series per organisation, type
 * and financial year (DOMAIN.md, "Numbering"). Used by the voucher engine (take, preview) and by
 * the organisation's settings (the prefix per type).
 */

export interface SeriesType {
  type: string;
  defaultPrefix: string;
}

/** Takes the voucher's number in the caller's transaction (see `takeSeriesNumber`). */
export async function takeVoucherNumber(db: Executor, organizationId: string, def: SeriesType, date: string) {
  const fy = financialYearOf(date);
  const { seq, prefix } = await takeSeriesNumber(db, organizationId, def.type, fy.code, def.defaultPrefix);
  return { fiscalYear: fy.code, seq, voucherNumber: formatVoucherNumber(prefix, fy.code, seq) };
}

/** The number the next voucher of that date would get; a preview, not a reservation. */
export async function previewVoucherNumber(db: Executor, organizationId: string, def: SeriesType, date: string) {
  const fy = financialYearOf(date);
  const { nextNumber, prefix } = await peekSeries(db, organizationId, def.type, fy.code, def.defaultPrefix);
  return { fiscalYear: fy.code, voucherNumber: formatVoucherNumber(prefix, fy.code, nextNumber) };
}

/** The prefix each type numbers with as of `today`: this year's series', else the latest one's, else the type's default. */
export async function currentPrefixes(
  db: Executor,
  organizationId: string,
  types: readonly SeriesType[],
  today: string,
): Promise<Record<string, string>> {
  const series = await findSeries(db, organizationId);
  const fy = financialYearOf(today).code;
  const yearOf = (code: string) => (code === '9900' ? 1999 : 2000 + Number(code.slice(0, 2)));
  return Object.fromEntries(
    types.map((t) => {
      const own = series.filter((s) => s.voucherType === t.type).sort((a, b) => yearOf(b.fiscalYear) - yearOf(a.fiscalYear));
      return [t.type, (own.find((s) => s.fiscalYear === fy) ?? own[0])?.prefix ?? t.defaultPrefix];
    }),
  );
}

/** Sets a type's prefix from the financial year of `today` on. */
export async function setPrefix(db: Executor, organizationId: string, type: string, prefix: string, today: string): Promise<void> {
  await setSeriesPrefix(db, organizationId, type, financialYearOf(today), prefix);
}
