import { and, count, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { ledgerSpanRows, totalsSpan } from '../reports';
import { auditEvents, organizations, parties, products, stockBalances, users, vouchers } from '../../db/schema';

/** Totals of active vouchers of one type dated in [from, to], overall and per day. */
export async function sumVouchersByDay(db: Executor, organizationId: string, from: string, to: string) {
  return db
    .select({
      type: vouchers.voucherType,
      date: vouchers.voucherDate,
      total: sql<string>`coalesce(sum(${vouchers.grandTotal}), 0)::numeric(14,2)::text`,
      n: count(),
    })
    .from(vouchers)
    .where(
      and(
        eq(vouchers.organizationId, organizationId),
        eq(vouchers.status, 'active'),
        gte(vouchers.voucherDate, from),
        lte(vouchers.voucherDate, to),
      ),
    )
    .groupBy(vouchers.voucherType, vouchers.voucherDate);
}

export async function countActiveMasters(db: Executor, organizationId: string) {
  const partyRows = await db
    .select({ kind: parties.kind, n: count() })
    .from(parties)
    .where(and(eq(parties.organizationId, organizationId), eq(parties.isActive, true)))
    .groupBy(parties.kind);
  const [productRow] = await db
    .select({ n: count() })
    .from(products)
    .where(and(eq(products.organizationId, organizationId), eq(products.isActive, true)));
  const byKind = new Map(partyRows.map((r) => [r.kind, r.n]));
  return { customers: byKind.get('customer') ?? 0, vendors: byKind.get('vendor') ?? 0, products: productRow?.n ?? 0 };
}

/** Active products at or below their reorder level (the stock page's rule), lowest cover first. */
export async function findLowStock(db: Executor, organizationId: string, limit: number) {
  const quantity = sql`coalesce(${stockBalances.quantity}, 0)`;
  const where = and(eq(products.organizationId, organizationId), eq(products.isActive, true), sql`${quantity} <= ${products.reorderLevel}`);
  const join = and(eq(stockBalances.organizationId, products.organizationId), eq(stockBalances.productId, products.id));
  const items = await db
    .select({
      productId: products.id,
      productName: products.name,
      unit: products.unit,
      quantity: sql<string>`${quantity}::numeric(14,3)::text`,
      reorderLevel: products.reorderLevel,
    })
    .from(products)
    .leftJoin(stockBalances, join)
    .where(where)
    .orderBy(sql`${quantity} - ${products.reorderLevel}`, products.name)
    .limit(limit);
  const [total] = await db.select({ n: count() }).from(products).leftJoin(stockBalances, join).where(where);
  return { items, count: total?.n ?? 0 };
}

/**
 * Every active cash and bank ledger (under Cash-in-Hand or Bank Accounts, sub-groups included)
 * with its balance as on `today`, read as the trial balance reads it: the opening balance plus
 * the whole months up to `today`'s month from the month totals and the days of that month from
 * the day totals (signed, Dr +). A ledger reads some 12 month rows a year and at most 31 day
 * rows, not a day row for every day it has ever moved.
 */
export async function findCashBankBalances(db: Executor, organizationId: string, today: string) {
  return queryRows<{ id: string; name: string; kind: 'cash_in_hand' | 'bank_accounts'; balance: string }>(
    db,
    sql`WITH RECURSIVE sub AS (
          SELECT id, system_key AS kind FROM account_groups
           WHERE organization_id = ${organizationId}::uuid AND system_key IN ('cash_in_hand', 'bank_accounts')
          UNION ALL
          SELECT c.id, sub.kind FROM sub JOIN account_groups c ON c.organization_id = ${organizationId}::uuid AND c.parent_id = sub.id
        )
        SELECT l.id, l.name, sub.kind,
               (l.opening_balance + coalesce((
                  SELECT sum(x.debit - x.credit) FROM (${ledgerSpanRows(sql`l.organization_id`, sql`l.id`, totalsSpan(null, today))}) x
               ), 0))::numeric(16,2)::text AS balance
          FROM ledgers l JOIN sub ON sub.id = l.group_id
         WHERE l.organization_id = ${organizationId}::uuid AND l.is_active
         ORDER BY sub.kind DESC, lower(l.name), l.id`,
  );
}

export async function findLatestVouchers(db: Executor, organizationId: string, limit: number) {
  return db
    .select({
      id: vouchers.id,
      voucherType: vouchers.voucherType,
      voucherNumber: vouchers.voucherNumber,
      voucherDate: vouchers.voucherDate,
      partyName: vouchers.partyName,
      grandTotal: vouchers.grandTotal,
      status: vouchers.status,
    })
    .from(vouchers)
    .where(eq(vouchers.organizationId, organizationId))
    .orderBy(desc(vouchers.createdAt), desc(vouchers.id))
    .limit(limit);
}

export async function countOrganizationsByStatus(db: Executor) {
  return db.select({ status: organizations.status, n: count() }).from(organizations).groupBy(organizations.status);
}

export async function countActiveUsers(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.isActive, true));
  return row?.n ?? 0;
}

export async function countAuditEventsSince(db: Executor, action: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), gte(auditEvents.occurredAt, since)));
  return row?.n ?? 0;
}
