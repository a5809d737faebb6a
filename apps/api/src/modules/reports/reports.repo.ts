import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { dayBefore } from './reports.period';
import { ledgerSpanRows, stockSpanRows, totalsSpan } from './totals-span';

/**
 * The statements' reads. Balances come from the maintained totals (totals-span.ts: whole months
 * from `ledger_month_totals` and `stock_value_month_totals`, the days of a part month from
 * `ledger_day_totals` and `stock_value_day_totals`, each a primary-key range), never from a scan
 * of the entries; the group tree is walked with a
 * recursive CTE. Entry rows are read only for a page of a ledger statement or day book, in the
 * order of their index, after a keyset.
 */

export interface GroupRow {
  id: string;
  parentId: string | null;
  name: string;
  nature: 'asset' | 'liability' | 'income' | 'expense';
  systemKey: string | null;
  depth: number;
  /** The primary group's system key (null for a user-made primary group). */
  rootKey: string | null;
  /** The group itself and every group above it. */
  ancestors: string[];
  /** Σ closing of the ledgers under it (signed Dr +), rolled up the tree. */
  closing: string;
}

export interface LedgerBalanceRow {
  id: string;
  name: string;
  groupId: string;
  systemKey: string | null;
  nature: GroupRow['nature'];
  rootKey: string | null;
  /** Signed (Dr +) closing on `asOf`: income and expense from the financial year's start only. */
  closing: string;
  /** Income and expense only: the result of the years before the financial year (signed Dr +). */
  earlierYears: string;
}

/** The books' start: ledger opening balances are as on it. */
export async function findBooksStart(db: Executor, organizationId: string): Promise<string> {
  const [row] = await queryRows<{ start: string }>(
    db,
    sql`SELECT books_start_date::text AS start FROM organizations WHERE id = ${organizationId}::uuid`,
  );
  return row!.start;
}

const TREE = (organizationId: string) => sql`
  tree AS (
    SELECT g.id, g.parent_id, g.name, g.nature, g.system_key, 0 AS depth, g.system_key AS root_key,
           ARRAY[g.id] AS ancestors, ARRAY[lpad(g.sort_order::text, 6, '0') || lower(g.name)] AS path
      FROM account_groups g
     WHERE g.organization_id = ${organizationId}::uuid AND g.parent_id IS NULL
    UNION ALL
    SELECT c.id, c.parent_id, c.name, c.nature, c.system_key, t.depth + 1, t.root_key,
           t.ancestors || c.id, t.path || (lpad(c.sort_order::text, 6, '0') || lower(c.name))
      FROM tree t
      JOIN account_groups c ON c.organization_id = ${organizationId}::uuid AND c.parent_id = t.id
  )`;

/**
 * Every ledger's closing as on `asOf` in the financial year starting `fyStart` (income and expense
 * start from zero there; their earlier result separately), and every group's total rolled up the
 * tree, in the statements' order (Tally's order of primary groups, then by name).
 */
export async function findBalances(db: Executor, organizationId: string, p: { fyStart: string; asOf: string; booksStart: string }) {
  // A month row is dated its first day: it falls wholly on one side of a 1 April.
  if (!p.fyStart.endsWith('-01') || p.fyStart > p.asOf) throw new Error(`findBalances: ${p.fyStart} does not start ${p.asOf}'s year`);
  const rows = await queryRows<{
    row_kind: 'group' | 'ledger';
    id: string;
    parent_id: string | null;
    name: string;
    nature: GroupRow['nature'];
    system_key: string | null;
    depth: number;
    root_key: string | null;
    ancestors: string[] | string;
    closing: string;
    earlier: string;
  }>(
    db,
    sql`
    WITH RECURSIVE ${TREE(organizationId)},
    bal AS (
      SELECT l.id, l.name, l.group_id, l.system_key, t.nature, t.root_key, t.ancestors,
             CASE WHEN t.nature IN ('income', 'expense')
                  THEN coalesce(m.within, 0) + CASE WHEN ${p.booksStart}::date >= ${p.fyStart}::date THEN l.opening_balance ELSE 0 END
                  ELSE l.opening_balance + coalesce(m.before, 0) + coalesce(m.within, 0) END AS closing,
             CASE WHEN t.nature IN ('income', 'expense')
                  THEN coalesce(m.before, 0) + CASE WHEN ${p.booksStart}::date < ${p.fyStart}::date THEN l.opening_balance ELSE 0 END
                  ELSE 0 END AS earlier
        FROM ledgers l
        JOIN tree t ON t.id = l.group_id
        LEFT JOIN LATERAL (
          SELECT sum(x.debit - x.credit) FILTER (WHERE x.d < ${p.fyStart}::date) AS before,
                 sum(x.debit - x.credit) FILTER (WHERE x.d >= ${p.fyStart}::date) AS within
            FROM (${ledgerSpanRows(sql`l.organization_id`, sql`l.id`, totalsSpan(null, p.asOf))}) x
        ) m ON true
       WHERE l.organization_id = ${organizationId}::uuid
    ),
    rolled AS (
      SELECT a.id AS group_id, sum(b.closing) AS closing
        FROM bal b CROSS JOIN LATERAL unnest(b.ancestors) AS a(id)
       GROUP BY a.id
    )
    SELECT 'group' AS row_kind, t.id, t.parent_id, t.name, t.nature, t.system_key, t.depth, t.root_key, t.ancestors,
           coalesce(r.closing, 0)::numeric(16,2)::text AS closing, '0.00' AS earlier, t.path AS sort_path
      FROM tree t LEFT JOIN rolled r ON r.group_id = t.id
    UNION ALL
    SELECT 'ledger', b.id, b.group_id, b.name, b.nature, b.system_key, 0, b.root_key, b.ancestors,
           b.closing::numeric(16,2)::text, b.earlier::numeric(16,2)::text, NULL
      FROM bal b
     ORDER BY row_kind, sort_path, name, id`,
  );
  const groups: GroupRow[] = [];
  const ledgers: LedgerBalanceRow[] = [];
  for (const r of rows) {
    const ancestors = Array.isArray(r.ancestors) ? r.ancestors : parsePgArray(r.ancestors);
    if (r.row_kind === 'group') {
      groups.push({
        id: r.id,
        parentId: r.parent_id,
        name: r.name,
        nature: r.nature,
        systemKey: r.system_key,
        depth: r.depth,
        rootKey: r.root_key,
        ancestors,
        closing: r.closing,
      });
    } else {
      ledgers.push({
        id: r.id,
        name: r.name,
        groupId: r.parent_id!,
        systemKey: r.system_key,
        nature: r.nature,
        rootKey: r.root_key,
        closing: r.closing,
        earlierYears: r.earlier,
      });
    }
  }
  return { groups, ledgers };
}

/** `{a,b}` as the text protocol sends a uuid[] (the pg driver parses only arrays of known types). */
function parsePgArray(text: string): string[] {
  const inner = text.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}

/**
 * Per income and expense ledger, its movement in [from, to] (signed Dr +), with its primary
 * group's key; the opening balance counts when the books start inside the period.
 */
export async function findPeriodMovements(db: Executor, organizationId: string, p: { from: string; to: string; booksStart: string }) {
  return queryRows<{ id: string; name: string; group_name: string; nature: 'income' | 'expense'; root_key: string | null; amount: string }>(
    db,
    sql`
    WITH RECURSIVE ${TREE(organizationId)}
    SELECT l.id, l.name, g.name AS group_name, t.nature, t.root_key,
           (coalesce(m.net, 0) + CASE WHEN ${p.booksStart}::date BETWEEN ${p.from}::date AND ${p.to}::date
                                      THEN l.opening_balance ELSE 0 END)::numeric(16,2)::text AS amount
      FROM ledgers l
      JOIN tree t ON t.id = l.group_id
      JOIN account_groups g ON g.id = l.group_id
      LEFT JOIN LATERAL (
        SELECT sum(x.debit - x.credit) AS net FROM (${ledgerSpanRows(sql`l.organization_id`, sql`l.id`, totalsSpan(p.from, p.to))}) x
      ) m ON true
     WHERE l.organization_id = ${organizationId}::uuid AND t.nature IN ('income', 'expense')
     ORDER BY t.path, lower(l.name), l.id`,
  );
}

/** The value of stock as on a date: Σ of the month and day totals of every product up to it. */
export async function findStockValue(db: Executor, organizationId: string, asOf: string): Promise<string> {
  const [row] = await queryRows<{ value: string }>(
    db,
    sql`SELECT coalesce(sum(x.value), 0)::numeric(16,2)::text AS value
          FROM (${stockSpanRows(sql`${organizationId}::uuid`, totalsSpan(null, asOf))}) x`,
  );
  return row!.value;
}

export interface StatementLedger {
  id: string;
  name: string;
  groupId: string;
  groupName: string;
  openingBalance: string;
}

export async function findStatementLedger(db: Executor, organizationId: string, ledgerId: string): Promise<StatementLedger | undefined> {
  const [row] = await queryRows<{ id: string; name: string; group_id: string; group_name: string; opening_balance: string }>(
    db,
    sql`SELECT l.id, l.name, l.group_id, g.name AS group_name, l.opening_balance::text
          FROM ledgers l JOIN account_groups g ON g.organization_id = l.organization_id AND g.id = l.group_id
         WHERE l.organization_id = ${organizationId}::uuid AND l.id = ${ledgerId}::uuid`,
  );
  return row && { id: row.id, name: row.name, groupId: row.group_id, groupName: row.group_name, openingBalance: row.opening_balance };
}

/** The ledger of a party (every customer and vendor has one, named after it). */
export async function findPartyLedger(db: Executor, organizationId: string, partyId: string): Promise<StatementLedger | undefined> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM ledgers WHERE organization_id = ${organizationId}::uuid AND party_id = ${partyId}::uuid`,
  );
  return row ? findStatementLedger(db, organizationId, row.id) : undefined;
}

export async function findSystemLedgerId(db: Executor, organizationId: string, systemKey: string): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM ledgers WHERE organization_id = ${organizationId}::uuid AND system_key = ${systemKey}`,
  );
  return row?.id;
}

/** The ledgers under a system group (and its sub-groups), by name. */
export async function findLedgersUnder(db: Executor, organizationId: string, groupKey: string) {
  return queryRows<{ id: string; name: string; opening_balance: string }>(
    db,
    sql`
    WITH RECURSIVE sub AS (
      SELECT id FROM account_groups WHERE organization_id = ${organizationId}::uuid AND system_key = ${groupKey}
      UNION ALL
      SELECT c.id FROM sub JOIN account_groups c ON c.organization_id = ${organizationId}::uuid AND c.parent_id = sub.id
    )
    SELECT l.id, l.name, l.opening_balance::text
      FROM ledgers l
     WHERE l.organization_id = ${organizationId}::uuid AND l.group_id IN (SELECT id FROM sub)
     ORDER BY lower(l.name), l.id`,
  );
}

/** A ledger's movement from its maintained totals: before `from` (signed), and debits and credits in [from, to]. */
export async function findLedgerTotals(db: Executor, organizationId: string, ledgerId: string, from: string, to: string) {
  const org = sql`${organizationId}::uuid`;
  const ledger = sql`${ledgerId}::uuid`;
  const [row] = await queryRows<{ before: string; debit: string; credit: string }>(
    db,
    sql`SELECT (SELECT coalesce(sum(b.debit - b.credit), 0) FROM (${ledgerSpanRows(org, ledger, totalsSpan(null, dayBefore(from)))}) b)::numeric(16,2)::text AS before,
               coalesce(sum(w.debit), 0)::numeric(16,2)::text AS debit, coalesce(sum(w.credit), 0)::numeric(16,2)::text AS credit
          FROM (${ledgerSpanRows(org, ledger, totalsSpan(from, to))}) w`,
  );
  return row!;
}

export interface StatementKey {
  date: string;
  voucherId: string;
  isReversal: boolean;
  lineNo: number;
}

/**
 * One page of a ledger's entries in [from, to], in the order of `ledger_entries_ledger_page_idx`
 * (date, voucher) and then reversal and line, after the keyset `after`; each with its voucher and
 * the ledgers on the other side of the same posting (or reversal).
 */
export async function findLedgerEntries(
  db: Executor,
  organizationId: string,
  ledgerId: string,
  p: { from: string; to: string; after?: StatementKey; limit: number },
) {
  const after = p.after
    ? sql`AND (e.entry_date, e.voucher_id, e.is_reversal, e.line_no) > (${p.after.date}::date, ${p.after.voucherId}::uuid, ${p.after.isReversal}, ${p.after.lineNo})`
    : sql``;
  return queryRows<{
    date: string;
    voucher_id: string;
    is_reversal: boolean;
    line_no: number;
    amount: string;
    voucher_type: string;
    voucher_number: string;
    others: { id: string; name: string }[] | string | null;
  }>(
    db,
    sql`
    SELECT e.entry_date::text AS date, e.voucher_id, e.is_reversal, e.line_no, e.amount::text, v.voucher_type, v.voucher_number,
           (SELECT json_agg(json_build_object('id', ol.id, 'name', ol.name) ORDER BY o.line_no)
              FROM ledger_entries o JOIN ledgers ol ON ol.organization_id = o.organization_id AND ol.id = o.ledger_id
             WHERE o.voucher_id = e.voucher_id AND o.is_reversal = e.is_reversal AND sign(o.amount) <> sign(e.amount)) AS others
      FROM ledger_entries e
      JOIN vouchers v ON v.organization_id = e.organization_id AND v.id = e.voucher_id
     WHERE e.organization_id = ${organizationId}::uuid AND e.ledger_id = ${ledgerId}::uuid
       AND e.entry_date BETWEEN ${p.from}::date AND ${p.to}::date ${after}
     ORDER BY e.entry_date, e.voucher_id, e.is_reversal, e.line_no
     LIMIT ${p.limit}`,
  );
}

/** One page of the vouchers dated in [from, to] in (date, id) order after the keyset, with their posted entries. */
export async function findDayBook(
  db: Executor,
  organizationId: string,
  p: { from: string; to: string; after?: { date: string; id: string }; limit: number },
) {
  const after = p.after ? sql`AND (v.voucher_date, v.id) > (${p.after.date}::date, ${p.after.id}::uuid)` : sql``;
  return queryRows<{
    id: string;
    date: string;
    voucher_type: string;
    voucher_number: string;
    party_name: string | null;
    grand_total: string;
    status: 'active' | 'cancelled';
    entries: { ledger_id: string; ledger_name: string; amount: string }[] | string | null;
  }>(
    db,
    sql`
    SELECT v.id, v.voucher_date::text AS date, v.voucher_type, v.voucher_number, v.party_name, v.grand_total::text, v.status,
           (SELECT json_agg(json_build_object('ledger_id', l.id, 'ledger_name', l.name, 'amount', e.amount::text) ORDER BY e.line_no)
              FROM ledger_entries e JOIN ledgers l ON l.organization_id = e.organization_id AND l.id = e.ledger_id
             WHERE e.voucher_id = v.id AND NOT e.is_reversal) AS entries
      FROM vouchers v
     WHERE v.organization_id = ${organizationId}::uuid AND v.voucher_date BETWEEN ${p.from}::date AND ${p.to}::date ${after}
     ORDER BY v.voucher_date, v.id
     LIMIT ${p.limit}`,
  );
}
