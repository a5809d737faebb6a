import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { rawRows, SqlParams } from '../../db/raw';
import { stockLedger, users } from '../../db/schema';

export interface LockedProductStock {
  productId: string;
  name: string;
  hsnCode: string | null;
  unit: string;
  purchasePrice: string;
  salePrice: string;
  gstRate: string;
  isGstInclusive: boolean;
  isActive: boolean;
  quantity: string;
  ledgerSeq: number;
  averageCost: string;
  value: string;
}

/**
 * Locks the stock rows of these products in product-id order and reads the products with them
 * (`stock: false`: reads them without locking stock, for a voucher that moves none).
 * Every writer of stock locks this way (one statement, sorted), so two vouchers touching the
 * same products wait for each other instead of deadlocking. The products themselves get a key
 * share lock: they cannot be deleted meanwhile, but may still be edited.
 */
export async function lockProductStock(
  db: Executor,
  organizationId: string,
  productIds: readonly string[],
  options: { stock: boolean } = { stock: true },
): Promise<LockedProductStock[]> {
  if (productIds.length === 0) return [];
  const params = new SqlParams();
  const org = params.add(organizationId);
  const ids = productIds.map((id) => params.add(id)).join(', ');
  const rows = await rawRows<{
    product_id: string;
    name: string;
    hsn_code: string | null;
    unit: string;
    purchase_price: string;
    sale_price: string;
    gst_rate: string;
    is_gst_inclusive: boolean;
    is_active: boolean;
    quantity: string;
    ledger_seq: string | number;
    average_cost: string;
    value: string;
  }>(
    db,
    `SELECT p.id AS product_id, p.name, p.hsn_code, p.unit, p.purchase_price, p.sale_price, p.gst_rate, p.is_gst_inclusive, p.is_active,
            s.quantity, s.ledger_seq, s.average_cost, s.value
       FROM products p
       JOIN stock_balances s ON s.organization_id = p.organization_id AND s.product_id = p.id
      WHERE p.organization_id = ${org} AND p.id IN (${ids})
      ORDER BY p.id
        ${options.stock ? 'FOR UPDATE OF s' : ''}
        FOR KEY SHARE OF p`,
    params.values,
  );
  return rows.map((r) => ({
    productId: r.product_id,
    name: r.name,
    hsnCode: r.hsn_code,
    unit: r.unit,
    purchasePrice: r.purchase_price,
    salePrice: r.sale_price,
    gstRate: r.gst_rate,
    isGstInclusive: r.is_gst_inclusive,
    isActive: r.is_active,
    quantity: r.quantity,
    ledgerSeq: Number(r.ledger_seq),
    averageCost: r.average_cost,
    value: r.value,
  }));
}

export interface LedgerFilter {
  order: 'asc' | 'desc';
  limit: number;
  afterSeq?: number;
}

export async function findStockMovements(db: Executor, organizationId: string, productId: string, filter: LedgerFilter) {
  const conditions = [eq(stockLedger.organizationId, organizationId), eq(stockLedger.productId, productId)];
  if (filter.afterSeq !== undefined) {
    conditions.push(filter.order === 'asc' ? gt(stockLedger.seq, filter.afterSeq) : lt(stockLedger.seq, filter.afterSeq));
  }
  return db
    .select({ movement: stockLedger, createdByEmail: users.email })
    .from(stockLedger)
    .leftJoin(users, eq(users.id, stockLedger.createdBy))
    .where(and(...conditions))
    .orderBy(filter.order === 'asc' ? asc(stockLedger.seq) : desc(stockLedger.seq))
    .limit(filter.limit);
}

/** A voucher's own stock movements (not their reversal), in the order they were made: what cancelling it reverses, at their costs. */
export async function findVoucherMovements(
  db: Executor,
  organizationId: string,
  voucherId: string,
): Promise<{ productId: string; quantityChange: string; unitCost: string }[]> {
  return db
    .select({ productId: stockLedger.productId, quantityChange: stockLedger.quantityChange, unitCost: stockLedger.unitCost })
    .from(stockLedger)
    .where(and(eq(stockLedger.organizationId, organizationId), eq(stockLedger.voucherId, voucherId), eq(stockLedger.source, 'voucher')))
    .orderBy(asc(stockLedger.productId), asc(stockLedger.seq));
}
