import { sql, type SQL } from 'drizzle-orm';

/**
 * A date range read from the maintained totals: the whole calendar months inside it from the month
 * totals (`ledger_month_totals`, `stock_value_month_totals`) and only the days at its ends that do
 * not fill a month from the day totals. Over two years a ledger has some 24 month rows and at most
 * about 60 day rows to read, where the day totals alone would be up to 730.
 *
 * Either end may be open (`null`): everything before `to`, or everything from `from` on.
 * Dates are `YYYY-MM-DD`; no time zone is involved.
 */
export interface TotalsSpan {
  /** Whole months read from the month totals: `month >= from` (when not null) and `month < until` (when not null). */
  months: { from: string | null; until: string | null } | null;
  /** Day ranges read from the day totals, each inclusive at both ends (`null`: open). */
  days: { from: string | null; to: string | null }[];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parse = (date: string) => new Date(`${date}T00:00:00Z`);

/** The first day of the month after `date`'s. */
function nextMonthStart(date: string): string {
  const d = parse(date);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
}

const monthStart = (date: string) => `${date.slice(0, 7)}-01`;

function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

export function totalsSpan(from: string | null, to: string | null): TotalsSpan {
  if (from !== null && to !== null && from > to) return { months: null, days: [] };
  // The first whole month on or after `from`, and the first day after the last whole month up to `to`.
  const first = from === null ? null : from.endsWith('-01') ? from : nextMonthStart(from);
  const until = to === null ? null : addDays(to, 1).endsWith('-01') ? addDays(to, 1) : monthStart(to);
  if (first !== null && until !== null && first >= until) return { months: null, days: [{ from, to }] };
  const days: TotalsSpan['days'] = [];
  if (from !== null && first !== from) days.push({ from, to: addDays(first!, -1) });
  if (to !== null && until !== addDays(to, 1)) days.push({ from: until, to });
  return { months: { from: first, until }, days };
}

/**
 * The rows of a span as `(d date, debit, credit)` for one ledger (`ledger`: SQL naming its id, a
 * column or a parameter): month rows dated their first day, day rows their day. Read on the
 * primary keys (organisation, ledger, month or day).
 */
export function ledgerSpanRows(organizationId: SQL, ledger: SQL, span: TotalsSpan): SQL {
  const parts: SQL[] = [];
  if (span.months) {
    const { from, until } = span.months;
    parts.push(sql`SELECT m.month AS d, m.debit, m.credit FROM ledger_month_totals m
                    WHERE m.organization_id = ${organizationId} AND m.ledger_id = ${ledger}
                      ${from === null ? sql`` : sql`AND m.month >= ${from}::date`}
                      ${until === null ? sql`` : sql`AND m.month < ${until}::date`}`);
  }
  for (const r of span.days) {
    parts.push(sql`SELECT t.entry_date AS d, t.debit, t.credit FROM ledger_day_totals t
                    WHERE t.organization_id = ${organizationId} AND t.ledger_id = ${ledger}
                      ${r.from === null ? sql`` : sql`AND t.entry_date >= ${r.from}::date`}
                      ${r.to === null ? sql`` : sql`AND t.entry_date <= ${r.to}::date`}`);
  }
  if (parts.length === 0) return sql`SELECT NULL::date AS d, 0::numeric AS debit, 0::numeric AS credit WHERE false`;
  return sql.join(parts, sql` UNION ALL `);
}

/** The same for an organisation's stock: `(product_id, quantity, value)` changes of every product in the span. */
export function stockSpanRows(organizationId: SQL, span: TotalsSpan): SQL {
  const parts: SQL[] = [];
  if (span.months) {
    const { from, until } = span.months;
    parts.push(sql`SELECT m.product_id, m.quantity_change AS quantity, m.value_change AS value FROM stock_value_month_totals m
                    WHERE m.organization_id = ${organizationId}
                      ${from === null ? sql`` : sql`AND m.month >= ${from}::date`}
                      ${until === null ? sql`` : sql`AND m.month < ${until}::date`}`);
  }
  for (const r of span.days) {
    parts.push(sql`SELECT t.product_id, t.quantity_change AS quantity, t.value_change AS value FROM stock_value_day_totals t
                    WHERE t.organization_id = ${organizationId}
                      ${r.from === null ? sql`` : sql`AND t.entry_date >= ${r.from}::date`}
                      ${r.to === null ? sql`` : sql`AND t.entry_date <= ${r.to}::date`}`);
  }
  if (parts.length === 0) return sql`SELECT NULL::uuid AS product_id, 0::numeric AS quantity, 0::numeric AS value WHERE false`;
  return sql.join(parts, sql` UNION ALL `);
}
