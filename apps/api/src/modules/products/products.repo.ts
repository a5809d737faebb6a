import { and, asc, eq, gt, ilike, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { products, stockBalances, stockLedger, voucherLines } from '../../db/schema';
import { likePattern } from '../../lib/search';

export type ProductRow = typeof products.$inferSelect;
export type ProductValues = Omit<typeof products.$inferInsert, 'id' | 'organizationId' | 'createdAt' | 'updatedAt'>;
export type ProductWithStock = ProductRow & { quantity: string };

/** A product and its (empty) stock balance, created together so stock moves always find a row. */
export async function insertProduct(db: Executor, organizationId: string, values: ProductValues): Promise<ProductWithStock> {
  const [row] = await db
    .insert(products)
    .values({ ...values, organizationId })
    .returning();
  await db.insert(stockBalances).values({ organizationId, productId: row!.id });
  return { ...row!, quantity: '0.000' };
}

/** Many new products at once (an import): multi-row inserts of a few hundred, each with its stock balance at zero. */
/**
 * Every product first, then every stock row. The other order (each chunk's products, then their
 * stock rows) made a large import quadratic: PostgreSQL plans the stock row's foreign-key check
 * (organisation and product) once per connection, at the first chunk, when the table looks
 * nearly empty; every index on `products` led by the organisation then costs the same, and it
 * picked the smallest (organisation and HSN code), so each check read every product of the
 * organisation (bench/README.md "import": 10,000 products into 10,000 took 14-15 s). Planned
 * after all the products are in, the check uses the (organisation, id) key.
 */
export async function insertProducts(db: Executor, organizationId: string, values: readonly ProductValues[]): Promise<number> {
  const CHUNK = 500;
  const ids: string[] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    const rows = await db
      .insert(products)
      .values(values.slice(i, i + CHUNK).map((v) => ({ ...v, organizationId })))
      .returning({ id: products.id });
    for (const r of rows) ids.push(r.id);
  }
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db.insert(stockBalances).values(ids.slice(i, i + CHUNK).map((productId) => ({ organizationId, productId })));
  }
  return values.length;
}

function selectWithStock(db: Executor) {
  return db
    .select({ product: products, quantity: stockBalances.quantity })
    .from(products)
    .innerJoin(stockBalances, and(eq(stockBalances.organizationId, products.organizationId), eq(stockBalances.productId, products.id)));
}

export async function findProduct(db: Executor, organizationId: string, id: string): Promise<ProductWithStock | undefined> {
  const [row] = await selectWithStock(db).where(and(eq(products.organizationId, organizationId), eq(products.id, id)));
  return row ? { ...row.product, quantity: row.quantity } : undefined;
}

export async function lockProduct(db: Executor, organizationId: string, id: string): Promise<ProductRow | undefined> {
  const [row] = await db
    .select()
    .from(products)
    .where(and(eq(products.organizationId, organizationId), eq(products.id, id)))
    .for('update');
  return row;
}

export async function updateProduct(
  db: Executor,
  organizationId: string,
  id: string,
  patch: Partial<ProductValues> & { updatedAt: Date },
): Promise<ProductRow> {
  const [row] = await db
    .update(products)
    .set(patch)
    .where(and(eq(products.organizationId, organizationId), eq(products.id, id)))
    .returning();
  return row!;
}

/** Whether any voucher line or stock movement names the product (then it can only be deactivated). */
export async function isProductUsed(db: Executor, organizationId: string, id: string): Promise<boolean> {
  const [line] = await db
    .select({ id: voucherLines.id })
    .from(voucherLines)
    .where(and(eq(voucherLines.organizationId, organizationId), eq(voucherLines.productId, id)))
    .limit(1);
  if (line) return true;
  const [move] = await db
    .select({ id: stockLedger.id })
    .from(stockLedger)
    .where(and(eq(stockLedger.organizationId, organizationId), eq(stockLedger.productId, id)))
    .limit(1);
  return move !== undefined;
}

export async function deleteProduct(db: Executor, organizationId: string, id: string): Promise<void> {
  await db.delete(products).where(and(eq(products.organizationId, organizationId), eq(products.id, id)));
}

export interface ProductListFilter {
  search?: string;
  activeOnly: boolean;
  lowStockOnly?: boolean;
  limit: number;
  after?: string;
}

/** Ordered by name (unique per organisation, case-insensitively): lower(name) is the keyset. */
export async function findProducts(db: Executor, organizationId: string, filter: ProductListFilter): Promise<ProductWithStock[]> {
  const conditions = [eq(products.organizationId, organizationId)];
  if (filter.activeOnly) conditions.push(eq(products.isActive, true));
  if (filter.lowStockOnly) conditions.push(sql`${stockBalances.quantity} <= ${products.reorderLevel}`);
  if (filter.search) {
    const pattern = likePattern(filter.search);
    conditions.push(or(ilike(products.name, pattern), ilike(products.partNumber, pattern), ilike(products.hsnCode, pattern))!);
  }
  if (filter.after !== undefined) conditions.push(gt(sql`lower(${products.name})`, filter.after));
  const rows = await selectWithStock(db)
    .where(and(...conditions))
    .orderBy(asc(sql`lower(${products.name})`))
    .limit(filter.limit);
  return rows.map((r) => ({ ...r.product, quantity: r.quantity }));
}
