import { voucherTypes } from '@tritiq/contracts';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { dayAfter } from './reports.period';
import { stockSpanRows, totalsSpan } from './totals-span';

/**
 * The reads of bills and their allocations (BOOKS.md, "Bills: outstanding and ageing"): a party's
 * bills page by page, and the outstanding of one side as on a date, aged, by party.
 *
 * A bill's `outstanding` is kept as it stands now (amount less its live allocations). The
 * outstanding as on an earlier day adds back the live allocations that count from after it: those
 * placed later (`allocated_on` after the day, index `bill_allocations_org_date_idx`) and those made
 * with a voucher dated after it (`allocated_on` null: the voucher's date, found through the vouchers
 * of the types that allocate, dated after the day, index `vouchers_list_idx`). So the report reads
 * the open bills (`bills_open_idx`) and what happened after the day, never the whole history.
 * A released allocation (its voucher cancelled) never counts, as its cancelled voucher never posted.
 */

/** The voucher types that allocate to bills: those made against another voucher (receipts and payments settle, notes return). */
function allocatingTypes(): SQL {
  const types = voucherTypes()
    .filter((d) => d.against !== undefined)
    .map((d) => d.type);
  return types.length
    ? sql.join(
        types.map((t) => sql`${t}`),
        sql`, `,
      )
    : sql`NULL`;
}

const partyKindOf = (side: 'receivable' | 'payable') => (side === 'receivable' ? 'customer' : 'vendor');

/** One party's figures, or the total of every party: amounts as two-decimal text, summed in SQL. */
export interface OutstandingFigures {
  bills: number;
  notDue: string;
  d1to30: string;
  d31to60: string;
  d61to90: string;
  over90: string;
  total: string;
  onAccount: string;
  /** total − onAccount. */
  net: string;
}

export interface OutstandingRow extends OutstandingFigures {
  partyId: string;
  name: string;
}

/**
 * The CTEs `later` (live allocations that count from after `asOf`), `later_by_bill` and
 * `open_bills` (`party_id, side, due_date, outstanding`: every bill of the side, or of both sides
 * when `side` is null, dated by `asOf` and open on that day, with what it owed then). The
 * outstanding report and the dashboard read the same open bills from here.
 */
function openBillsOn(org: SQL, asOf: SQL, side: 'receivable' | 'payable' | null): SQL {
  const ofSide = side === null ? sql`` : sql`AND b.side = ${side}`;
  return sql`later AS (
      SELECT a.bill_id, a.party_id, a.amount, v.voucher_date <= ${asOf} AS paid_by_then
        FROM bill_allocations a
        JOIN vouchers v ON v.id = a.voucher_id
       WHERE a.organization_id = ${org} AND a.allocated_on > ${asOf}
         AND a.released_at IS NULL AND a.bill_id IS NOT NULL
      UNION ALL
      SELECT a.bill_id, a.party_id, a.amount, false
        FROM vouchers v
        JOIN bill_allocations a ON a.voucher_id = v.id
       WHERE v.organization_id = ${org} AND v.voucher_type IN (${allocatingTypes()}) AND v.voucher_date > ${asOf}
         AND a.organization_id = ${org} AND a.allocated_on IS NULL AND a.released_at IS NULL AND a.bill_id IS NOT NULL
    ),
    later_by_bill AS (
      SELECT bill_id, sum(amount) AS amount FROM later GROUP BY bill_id
    ),
    open_bills AS (
      SELECT b.party_id, b.side, b.due_date, b.outstanding + coalesce(l.amount, 0) AS outstanding
        FROM bills b
        LEFT JOIN later_by_bill l ON l.bill_id = b.id
       WHERE b.organization_id = ${org} ${ofSide} AND b.outstanding > 0 AND b.cancelled_at IS NULL
         AND b.bill_date <= ${asOf}
      UNION ALL
      SELECT b.party_id, b.side, b.due_date, l.amount
        FROM later_by_bill l
        JOIN bills b ON b.organization_id = ${org} AND b.id = l.bill_id
       WHERE b.outstanding = 0 ${ofSide} AND b.cancelled_at IS NULL AND b.bill_date <= ${asOf}
    )`;
}

/**
 * What the open bills of each side owe on `asOf` (the outstanding report's bills and figures,
 * not netted of advances), in total and past their due date, with their counts: the dashboard's
 * receivables and payables. A side with no open bill has no row.
 */
export async function sumOpenBillsOn(db: Executor, organizationId: string, asOf: string) {
  const on = sql`${asOf}::date`;
  return queryRows<{ side: 'receivable' | 'payable'; total: string; overdue: string; bills: number; overdue_bills: number }>(
    db,
    sql`WITH ${openBillsOn(sql`${organizationId}::uuid`, on, null)}
        SELECT side,
               sum(outstanding)::numeric(16,2)::text AS total,
               coalesce(sum(outstanding) FILTER (WHERE due_date < ${on}), 0)::numeric(16,2)::text AS overdue,
               count(*)::int AS bills,
               (count(*) FILTER (WHERE due_date < ${on}))::int AS overdue_bills
          FROM open_bills
         GROUP BY side`,
  );
}

/**
 * Per party of the side (customers: receivable, vendors: payable) with an open bill or something
 * on account on `asOf`: its open bills' outstanding on that day by days past due, and its advances
 * (received or paid by the day, not allocated to a bill by it); and the same figures summed over
 * every party. One statement, set-based: the figures leave the server as the two-decimal text the
 * answer carries (numeric, never a float), so the report does no arithmetic per party.
 */
export async function findOutstanding(
  db: Executor,
  organizationId: string,
  p: { side: 'receivable' | 'payable'; asOf: string },
): Promise<{ parties: OutstandingRow[]; total: OutstandingFigures }> {
  const org = sql`${organizationId}::uuid`;
  const asOf = sql`${p.asOf}::date`;
  const rows = await queryRows<{
    party_id: string | null;
    name: string | null;
    bills: number;
    not_due: string;
    d1_30: string;
    d31_60: string;
    d61_90: string;
    over_90: string;
    total: string;
    on_account: string;
    net: string;
  }>(
    db,
    sql`
    WITH ${openBillsOn(org, asOf, p.side)},
    by_party AS (
      SELECT party_id, count(*)::int AS bills,
             coalesce(sum(outstanding) FILTER (WHERE due_date >= ${asOf}), 0) AS not_due,
             coalesce(sum(outstanding) FILTER (WHERE ${asOf} - due_date BETWEEN 1 AND 30), 0) AS d1_30,
             coalesce(sum(outstanding) FILTER (WHERE ${asOf} - due_date BETWEEN 31 AND 60), 0) AS d31_60,
             coalesce(sum(outstanding) FILTER (WHERE ${asOf} - due_date BETWEEN 61 AND 90), 0) AS d61_90,
             coalesce(sum(outstanding) FILTER (WHERE ${asOf} - due_date > 90), 0) AS over_90,
             sum(outstanding) AS total
        FROM open_bills
       GROUP BY party_id
    ),
    advances AS (
      SELECT party_id, sum(amount) AS amount
        FROM (
          SELECT a.party_id, a.amount
            FROM bill_allocations a
            JOIN vouchers v ON v.id = a.voucher_id
           WHERE a.organization_id = ${org} AND a.bill_id IS NULL AND a.released_at IS NULL AND v.voucher_date <= ${asOf}
          UNION ALL
          SELECT party_id, amount FROM later WHERE paid_by_then
        ) x
       GROUP BY party_id
    ),
    per_party AS (
      SELECT p.id AS party_id, p.name, coalesce(bp.bills, 0) AS bills,
             coalesce(bp.not_due, 0) AS not_due, coalesce(bp.d1_30, 0) AS d1_30, coalesce(bp.d31_60, 0) AS d31_60,
             coalesce(bp.d61_90, 0) AS d61_90, coalesce(bp.over_90, 0) AS over_90, coalesce(bp.total, 0) AS total,
             coalesce(ad.amount, 0) AS on_account
        FROM (SELECT party_id FROM by_party UNION SELECT party_id FROM advances) ids
        JOIN parties p ON p.organization_id = ${org} AND p.id = ids.party_id AND p.kind = ${partyKindOf(p.side)}
        LEFT JOIN by_party bp ON bp.party_id = ids.party_id
        LEFT JOIN advances ad ON ad.party_id = ids.party_id
    )
    SELECT party_id, name, bills, not_due::numeric(16,2)::text AS not_due, d1_30::numeric(16,2)::text AS d1_30,
           d31_60::numeric(16,2)::text AS d31_60, d61_90::numeric(16,2)::text AS d61_90, over_90::numeric(16,2)::text AS over_90,
           total::numeric(16,2)::text AS total, on_account::numeric(16,2)::text AS on_account,
           (total - on_account)::numeric(16,2)::text AS net
      FROM (
        SELECT *, 0 AS is_total FROM per_party
        UNION ALL
        SELECT NULL, NULL, coalesce(sum(bills), 0)::int, coalesce(sum(not_due), 0), coalesce(sum(d1_30), 0), coalesce(sum(d31_60), 0),
               coalesce(sum(d61_90), 0), coalesce(sum(over_90), 0), coalesce(sum(total), 0), coalesce(sum(on_account), 0), 1
          FROM per_party
      ) r
     ORDER BY is_total, lower(name), party_id`,
  );
  const figures = (r: (typeof rows)[number]): OutstandingFigures => ({
    bills: Number(r.bills),
    notDue: r.not_due,
    d1to30: r.d1_30,
    d31to60: r.d31_60,
    d61to90: r.d61_90,
    over90: r.over_90,
    total: r.total,
    onAccount: r.on_account,
    net: r.net,
  });
  const total = rows.pop()!;
  return { parties: rows.map((r) => ({ partyId: r.party_id!, name: r.name!, ...figures(r) })), total: figures(total) };
}

export type BillFilter = 'open' | 'overdue' | 'paid' | 'cancelled' | 'all';

export interface BillRow {
  id: string;
  partyId: string;
  side: 'receivable' | 'payable';
  ref: string;
  voucherId: string | null;
  voucherType: string | null;
  voucherNumber: string | null;
  billDate: string;
  dueDate: string;
  amount: string;
  outstanding: string;
  cancelled: boolean;
}

function billFilter(filter: BillFilter, today: string): SQL {
  switch (filter) {
    case 'open':
      return sql`b.outstanding > 0 AND b.cancelled_at IS NULL`;
    case 'overdue':
      return sql`b.outstanding > 0 AND b.cancelled_at IS NULL AND b.due_date < ${today}::date`;
    case 'paid':
      return sql`b.outstanding = 0 AND b.cancelled_at IS NULL`;
    case 'cancelled':
      return sql`b.cancelled_at IS NOT NULL`;
    case 'all':
      return sql`true`;
  }
}

/** A page of a party's bills, oldest first (date, id), after the keyset `after`; `limit` rows at most. */
export async function findPartyBills(
  db: Executor,
  organizationId: string,
  p: { partyId: string; filter: BillFilter; today: string; limit: number; after?: { date: string; id: string } },
): Promise<BillRow[]> {
  const rows = await queryRows<{
    id: string;
    party_id: string;
    side: 'receivable' | 'payable';
    ref: string;
    voucher_id: string | null;
    voucher_type: string | null;
    voucher_number: string | null;
    bill_date: string;
    due_date: string;
    amount: string;
    outstanding: string;
    cancelled: boolean;
  }>(
    db,
    sql`SELECT b.id, b.party_id, b.side, b.ref, b.voucher_id, v.voucher_type, v.voucher_number,
               b.bill_date::text AS bill_date, b.due_date::text AS due_date, b.amount, b.outstanding,
               b.cancelled_at IS NOT NULL AS cancelled
          FROM bills b
          LEFT JOIN vouchers v ON v.id = b.voucher_id
         WHERE b.organization_id = ${organizationId}::uuid AND b.party_id = ${p.partyId}::uuid
           AND ${billFilter(p.filter, p.today)}
           ${p.after ? sql`AND (b.bill_date, b.id) > (${p.after.date}::date, ${p.after.id}::uuid)` : sql``}
         ORDER BY b.bill_date, b.id
         LIMIT ${p.limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    partyId: r.party_id,
    side: r.side,
    ref: r.ref,
    voucherId: r.voucher_id,
    voucherType: r.voucher_type,
    voucherNumber: r.voucher_number,
    billDate: r.bill_date,
    dueDate: r.due_date,
    amount: r.amount,
    outstanding: r.outstanding,
    cancelled: r.cancelled,
  }));
}

/** A party's open bills in total and past due on `today`, and what it has on account now. */
export async function findPartyBillTotals(
  db: Executor,
  organizationId: string,
  partyId: string,
  today: string,
): Promise<{ outstanding: string; overdue: string; onAccount: string }> {
  const [row] = await queryRows<{ outstanding: string; overdue: string; on_account: string }>(
    db,
    sql`SELECT
          (SELECT coalesce(sum(outstanding), 0) FROM bills
            WHERE organization_id = ${organizationId}::uuid AND party_id = ${partyId}::uuid
              AND outstanding > 0 AND cancelled_at IS NULL) AS outstanding,
          (SELECT coalesce(sum(outstanding), 0) FROM bills
            WHERE organization_id = ${organizationId}::uuid AND party_id = ${partyId}::uuid
              AND outstanding > 0 AND cancelled_at IS NULL AND due_date < ${today}::date) AS overdue,
          (SELECT coalesce(sum(amount), 0) FROM bill_allocations
            WHERE organization_id = ${organizationId}::uuid AND party_id = ${partyId}::uuid
              AND bill_id IS NULL AND released_at IS NULL) AS on_account`,
  );
  return { outstanding: row!.outstanding, overdue: row!.overdue, onAccount: row!.on_account };
}

export interface StockSummaryRow {
  productId: string;
  name: string;
  /** The page order's key: lower(name), then the id. */
  sortName: string;
  partNumber: string | null;
  unit: string;
  quantity: string;
  value: string;
  averageCost: string;
  movedAfter: boolean;
}

/**
 * Every product's quantity and value on `asOf` (BOOKS.md, "Stock value"): its balance now less what
 * moved after it (the rest of its month from the day totals, `stock_value_day_totals_org_date_idx`,
 * the months after from the month totals), so a past day reads only what moved since; the recorded
 * average alongside, and whether anything moved after the day. Products with neither quantity nor
 * value on the day are left out. With `page`, only the products after its keyset (lower name, id),
 * at most `limit`; the count and total value are always of every product.
 */
export async function findStockSummary(
  db: Executor,
  organizationId: string,
  asOf: string,
  page?: { limit: number; after?: readonly [string, string] },
): Promise<{ rows: StockSummaryRow[]; count: number; totalValue: string }> {
  const rows = await queryRows<{
    product_id: string | null;
    name: string;
    sort_name: string;
    part_number: string | null;
    unit: string;
    quantity: string;
    value: string;
    average_cost: string;
    moved_after: boolean;
    count: number;
    total_value: string;
  }>(
    db,
    sql`WITH after AS (
          SELECT x.product_id, sum(x.quantity) AS quantity, sum(x.value) AS value
            FROM (${stockSpanRows(sql`${organizationId}::uuid`, totalsSpan(dayAfter(asOf), null))}) x
           GROUP BY x.product_id
        ), on_day AS (
          SELECT x.* FROM (
            SELECT p.id AS product_id, p.name, lower(p.name) AS sort_name, p.part_number, p.unit,
                   s.quantity - coalesce(a.quantity, 0) AS quantity, s.value - coalesce(a.value, 0) AS value,
                   s.average_cost, a.product_id IS NOT NULL AS moved_after
              FROM stock_balances s
              JOIN products p ON p.organization_id = s.organization_id AND p.id = s.product_id
              LEFT JOIN after a ON a.product_id = s.product_id
             WHERE s.organization_id = ${organizationId}::uuid
          ) x
           WHERE x.quantity <> 0 OR x.value <> 0
        ), whole AS (
          SELECT count(*)::int AS count, coalesce(sum(value), 0)::numeric(18,2)::text AS total_value FROM on_day
        )
        SELECT d.product_id, d.name, d.sort_name, d.part_number, d.unit, d.quantity::text, d.value::text, d.average_cost::text,
               d.moved_after, w.count, w.total_value
          FROM whole w
          LEFT JOIN LATERAL (
            SELECT * FROM on_day
             ${page?.after ? sql`WHERE (sort_name, product_id) > (${page.after[0]}, ${page.after[1]}::uuid)` : sql``}
             ORDER BY sort_name, product_id
             ${page ? sql`LIMIT ${page.limit}` : sql``}
          ) d ON true`,
  );
  const first = rows[0]!;
  return {
    rows: rows
      .filter((r) => r.product_id !== null)
      .map((r) => ({
        productId: r.product_id!,
        name: r.name,
        sortName: r.sort_name,
        partNumber: r.part_number,
        unit: r.unit,
        quantity: r.quantity,
        value: r.value,
        averageCost: r.average_cost,
        movedAfter: r.moved_after,
      })),
    count: Number(first.count),
    totalValue: first.total_value,
  };
}
