import { and, asc, count, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { organizations, stockLedger, vouchers } from '../../db/schema';
import { likePattern } from '../../lib/search';

export type OrganizationRow = typeof organizations.$inferSelect;
export type OrganizationInsert = typeof organizations.$inferInsert;

/**
 * Reads the organisation and locks its row for the rest of the transaction. Every change to its
 * users takes this lock first, so "max_users" and "keep one active org admin" hold under
 * concurrent requests.
 */
export async function lockOrganization(db: Executor, organizationId: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, organizationId)).limit(1).for('update');
  return row;
}

export async function findOrganization(db: Executor, organizationId: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  return row;
}

export async function insertOrganization(db: Executor, values: OrganizationInsert): Promise<OrganizationRow> {
  const [row] = await db.insert(organizations).values(values).returning();
  if (!row) throw new Error('organisation insert returned nothing');
  return row;
}

export async function updateOrganization(
  db: Executor,
  organizationId: string,
  patch: Partial<Omit<OrganizationInsert, 'id' | 'createdAt'>>,
): Promise<OrganizationRow> {
  const [row] = await db.update(organizations).set(patch).where(eq(organizations.id, organizationId)).returning();
  if (!row) throw new Error(`organisation ${organizationId} vanished`);
  return row;
}

// Written out with aliases: inside a subquery drizzle would leave the column names unqualified.
const activeUsers = sql<number>`(SELECT count(*)::int FROM users u WHERE u.organization_id = "organizations"."id" AND u.is_active)`;

export interface OrganizationFilters {
  search?: string;
  status?: 'active' | 'suspended';
  hasGstin?: boolean;
  limit: number;
  offset: number;
}

export async function listOrganizations(db: Executor, filters: OrganizationFilters) {
  const conditions: SQL[] = [];
  if (filters.search) {
    const pattern = likePattern(filters.search);
    conditions.push(or(ilike(organizations.name, pattern), ilike(organizations.legalName, pattern), ilike(organizations.gstin, pattern))!);
  }
  if (filters.status) conditions.push(eq(organizations.status, filters.status));
  if (filters.hasGstin !== undefined) conditions.push(filters.hasGstin ? isNotNull(organizations.gstin) : isNull(organizations.gstin));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({ organization: organizations, activeUsers })
      .from(organizations)
      .where(where)
      .orderBy(asc(organizations.name), asc(organizations.id))
      .limit(filters.limit)
      .offset(filters.offset),
    db.select({ n: count() }).from(organizations).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findOrganizationWithCounts(db: Executor, organizationId: string) {
  const [row] = await db
    .select({ organization: organizations, activeUsers })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  return row;
}

/**
 * What of the opening balances is tied to the books start date: products with opening stock
 * (dated the day before it) and the latest opening bill's date (on or before it).
 */
export async function findOpeningsAtStart(
  db: Executor,
  organizationId: string,
): Promise<{ openingStock: boolean; latestOpeningBill: string | null }> {
  const [row] = await queryRows<{ opening_stock: boolean; latest_bill: string | null }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM stock_ledger WHERE organization_id = ${organizationId}::uuid AND source = 'opening'
                        GROUP BY product_id HAVING sum(quantity_change) <> 0) AS opening_stock,
               (SELECT max(bill_date)::text FROM bills WHERE organization_id = ${organizationId}::uuid AND voucher_id IS NULL) AS latest_bill`,
  );
  return { openingStock: row!.opening_stock, latestOpeningBill: row!.latest_bill };
}

/** The date of the organisation's earliest voucher or stock movement (opening stock apart: it follows the start), if it has any. */
export async function findFirstRecordedDate(db: Executor, organizationId: string): Promise<string | null> {
  const [row] = await db
    .select({
      first: sql<
        string | null
      >`LEAST((SELECT min(${vouchers.voucherDate}) FROM ${vouchers} WHERE ${vouchers.organizationId} = ${organizationId}),
                   (SELECT min(${stockLedger.entryDate}) FROM ${stockLedger}
                     WHERE ${stockLedger.organizationId} = ${organizationId} AND ${stockLedger.source} <> 'opening'))::text`,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row?.first ?? null;
}
