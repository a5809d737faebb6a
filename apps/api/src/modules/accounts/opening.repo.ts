import { and, eq, isNull, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { bills } from '../../db/schema';
import type { Nature } from './accounts.repo';

/**
 * The opening balances' reads and writes (BOOKS.md, "Chart of accounts"): ledger openings live on
 * the ledger row, a party's opening bills in `bills` (no voucher) with its ledger's opening kept
 * equal to their sum, and opening stock in the stock ledger (source `opening`), read through the
 * partial index on those rows.
 */

export interface OpeningLedgerRow {
  ledgerId: string;
  name: string;
  groupName: string;
  nature: Nature;
  partyId: string | null;
  openingBalance: string;
}

/**
 * Every ledger that is not a party's (a few tens: the form of openings), and every party ledger
 * with an opening balance, in the statements' order of groups, then by name.
 */
export async function findOpeningLedgers(db: Executor, organizationId: string): Promise<OpeningLedgerRow[]> {
  const rows = await queryRows<{
    ledger_id: string;
    name: string;
    group_name: string;
    nature: Nature;
    party_id: string | null;
    opening_balance: string;
  }>(
    db,
    sql`
    WITH RECURSIVE tree AS (
      SELECT g.id, g.name, g.nature, ARRAY[lpad(g.sort_order::text, 6, '0') || lower(g.name)] AS sort_path
        FROM account_groups g
       WHERE g.organization_id = ${organizationId}::uuid AND g.parent_id IS NULL
      UNION ALL
      SELECT c.id, c.name, c.nature, t.sort_path || (lpad(c.sort_order::text, 6, '0') || lower(c.name))
        FROM tree t JOIN account_groups c ON c.organization_id = ${organizationId}::uuid AND c.parent_id = t.id
    )
    SELECT l.id AS ledger_id, l.name, t.name AS group_name, t.nature, l.party_id, l.opening_balance::text AS opening_balance
      FROM ledgers l JOIN tree t ON t.id = l.group_id
     WHERE l.organization_id = ${organizationId}::uuid AND (l.party_id IS NULL OR l.opening_balance <> 0)
     ORDER BY t.sort_path, lower(l.name), l.id`,
  );
  return rows.map((r) => ({
    ledgerId: r.ledger_id,
    name: r.name,
    groupName: r.group_name,
    nature: r.nature,
    partyId: r.party_id,
    openingBalance: r.opening_balance,
  }));
}

export type BillRow = typeof bills.$inferSelect;

/** A party's opening bills (no voucher), by date and reference. */
export async function findOpeningBills(db: Executor, organizationId: string, partyId: string): Promise<BillRow[]> {
  return db
    .select()
    .from(bills)
    .where(and(eq(bills.organizationId, organizationId), eq(bills.partyId, partyId), isNull(bills.voucherId)))
    .orderBy(bills.billDate, sql`lower(${bills.ref})`, bills.id);
}

/** An opening bill's row, locked (allocations lock bills the same way, so none is added meanwhile). */
export async function lockOpeningBill(db: Executor, organizationId: string, billId: string): Promise<BillRow | undefined> {
  const [row] = await db
    .select()
    .from(bills)
    .where(and(eq(bills.organizationId, organizationId), eq(bills.id, billId), isNull(bills.voucherId)))
    .for('update');
  return row;
}

export async function insertOpeningBill(db: Executor, values: typeof bills.$inferInsert & { id: string }): Promise<void> {
  await db.insert(bills).values(values);
}

export async function updateOpeningBill(
  db: Executor,
  organizationId: string,
  billId: string,
  patch: { ref: string; billDate: string; dueDate: string; amount: string; outstanding: string },
): Promise<void> {
  await db
    .update(bills)
    .set(patch)
    .where(and(eq(bills.organizationId, organizationId), eq(bills.id, billId), isNull(bills.voucherId)));
}

/** Deletes an opening bill and its released allocations (their vouchers are cancelled); the caller checked none is live. */
export async function deleteOpeningBill(db: Executor, organizationId: string, billId: string): Promise<void> {
  await db.execute(sql`
    DELETE FROM bill_allocations
     WHERE organization_id = ${organizationId}::uuid AND bill_id = ${billId}::uuid AND released_at IS NOT NULL`);
  await db.execute(sql`
    DELETE FROM bills WHERE organization_id = ${organizationId}::uuid AND id = ${billId}::uuid AND voucher_id IS NULL`);
}

/** Locks the party's ledger row: its opening balance (the sum of its opening bills) changes under it. */
export async function lockPartyLedger(db: Executor, organizationId: string, partyId: string): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM ledgers WHERE organization_id = ${organizationId}::uuid AND party_id = ${partyId}::uuid FOR UPDATE`,
  );
  return row?.id;
}

/**
 * The party ledger's opening balance set to the sum of its live opening bills, signed by side
 * (receivable Dr +, payable Cr −). Answers the new opening balance.
 */
export async function syncPartyOpening(db: Executor, organizationId: string, partyId: string, now: Date): Promise<string> {
  const [row] = await queryRows<{ opening_balance: string }>(
    db,
    sql`
    UPDATE ledgers l
       SET opening_balance = coalesce((
             SELECT sum(CASE b.side WHEN 'receivable' THEN b.amount ELSE -b.amount END)
               FROM bills b
              WHERE b.organization_id = l.organization_id AND b.party_id = l.party_id AND b.voucher_id IS NULL AND b.cancelled_at IS NULL
           ), 0),
           updated_at = ${now}::timestamptz
     WHERE l.organization_id = ${organizationId}::uuid AND l.party_id = ${partyId}::uuid
 RETURNING l.opening_balance::text AS opening_balance`,
  );
  return row!.opening_balance;
}

export interface OpeningStockRow {
  productId: string;
  productName: string;
  unit: string;
  quantity: string;
  /** The rate of the latest opening movement inward (what the opening was last set at); "0.0000" without one. */
  rate: string;
}

/**
 * Per product, its opening stock: the net quantity of its opening movements, and the rate of the
 * last one inward (setting an opening reverses the previous one at its rate and enters the new
 * one). Products whose opening nets to nothing are left out unless named in `productIds`.
 */
export async function findOpeningStock(db: Executor, organizationId: string, productIds?: string[]): Promise<OpeningStockRow[]> {
  const only = productIds
    ? sql`AND o.product_id IN (${sql.join(
        productIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const rows = await queryRows<{ product_id: string; product_name: string; unit: string; quantity: string; rate: string | null }>(
    db,
    sql`
    WITH o AS (
      SELECT s.product_id, sum(s.quantity_change) AS quantity,
             (array_agg(s.unit_cost ORDER BY s.seq DESC) FILTER (WHERE s.quantity_change > 0))[1] AS rate
        FROM stock_ledger s
       WHERE s.organization_id = ${organizationId}::uuid AND s.source = 'opening'
       GROUP BY s.product_id
    )
    SELECT o.product_id, p.name AS product_name, p.unit, o.quantity::numeric(14,3)::text AS quantity, o.rate::numeric(16,4)::text AS rate
      FROM o JOIN products p ON p.organization_id = ${organizationId}::uuid AND p.id = o.product_id
     WHERE ${productIds ? sql`true` : sql`o.quantity <> 0`} ${only}
     ORDER BY lower(p.name), p.id`,
  );
  return rows.map((r) => ({
    productId: r.product_id,
    productName: r.product_name,
    unit: r.unit,
    quantity: r.quantity,
    rate: r.rate ?? '0.0000',
  }));
}
