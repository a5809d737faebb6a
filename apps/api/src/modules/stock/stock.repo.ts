import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { insertValuesSql, rawRows, SqlParams } from '../../db/raw';
import { stockLedger, users } from '../../db/schema';
import type { PlannedBalance } from './stock.plan';

export interface LockedProductStock {
  productId: string;
  name: string;
  hsnCode: string | null;
  unit: string;
  unitPrice: string;
  gstRate: string;
  isGstInclusive: boolean;
  isActive: boolean;
  quantity: string;
  ledgerSeq: number;
}

/**
 * Locks the stock rows of these products in product-id order and reads the products with them.
 * Every writer of stock locks this way (one statement, sorted), so two vouchers touching the
 * same products wait for each other instead of deadlocking. The products themselves get a key
 * share lock: they cannot be deleted meanwhile, but may still be edited.
 */
export async function lockProductStock(db: Executor, organizationId: string, productIds: readonly string[]): Promise<LockedProductStock[]> {
  if (productIds.length === 0) return [];
  const params = new SqlParams();
  const org = params.add(organizationId);
  const ids = productIds.map((id) => params.add(id)).join(', ');
  const rows = await rawRows<{
    product_id: string;
    name: string;
    hsn_code: string | null;
    unit: string;
    unit_price: string;
    gst_rate: string;
    is_gst_inclusive: boolean;
    is_active: boolean;
    quantity: string;
    ledger_seq: string | number;
  }>(
    db,
    `SELECT p.id AS product_id, p.name, p.hsn_code, p.unit, p.unit_price, p.gst_rate, p.is_gst_inclusive, p.is_active,
            s.quantity, s.ledger_seq
       FROM products p
       JOIN stock_balances s ON s.organization_id = p.organization_id AND s.product_id = p.id
      WHERE p.organization_id = ${org} AND p.id IN (${ids})
      ORDER BY p.id
        FOR UPDATE OF s
        FOR KEY SHARE OF p`,
    params.values,
  );
  return rows.map((r) => ({
    productId: r.product_id,
    name: r.name,
    hsnCode: r.hsn_code,
    unit: r.unit,
    unitPrice: r.unit_price,
    gstRate: r.gst_rate,
    isGstInclusive: r.is_gst_inclusive,
    isActive: r.is_active,
    quantity: r.quantity,
    ledgerSeq: Number(r.ledger_seq),
  }));
}

export type StockLedgerInsert = typeof stockLedger.$inferInsert;

export interface StockMovementWrite {
  balances: readonly PlannedBalance[];
  ledger: StockLedgerInsert[];
  allowNegative: boolean;
  now: Date;
}

/**
 * The planned balance changes as two CTEs for a caller's statement: `updated`, one guarded
 * UPDATE of the balances (RETURNING the product ids it changed), and `logged`, the ledger rows.
 * A row whose stock would go below zero (when that is not allowed) is left alone and not
 * returned, which the caller treats as a refusal (and rolls back, ledger rows included). Under
 * the locks of `lockProductStock` the guard agrees with the plan; it is there so no code path can
 * ever write a negative balance by mistake. `movement.balances` must not be empty.
 */
export function stockMovementCtes(params: SqlParams, organizationId: string, movement: StockMovementWrite): string {
  const values = movement.balances.map(
    (b) => `(${params.add(b.productId)}::uuid, ${params.add(b.delta)}::numeric, ${params.add(b.ledgerSeq)}::bigint)`,
  );
  return `updated AS (
          UPDATE stock_balances s
             SET quantity = s.quantity + v.delta, ledger_seq = v.ledger_seq, updated_at = ${params.add(movement.now)}::timestamptz
            FROM (VALUES ${values.join(', ')}) AS v(product_id, delta, ledger_seq)
           WHERE s.organization_id = ${params.add(organizationId)} AND s.product_id = v.product_id
             AND (${params.add(movement.allowNegative)}::boolean OR s.quantity + v.delta >= 0)
       RETURNING s.product_id
        ), logged AS (${insertValuesSql(stockLedger, movement.ledger, params)})`;
}

/** Applies planned balance changes and writes their ledger rows in a single statement (see `stockMovementCtes`). */
export async function applyStockMovements(
  db: Executor,
  organizationId: string,
  movement: StockMovementWrite,
): Promise<{ updated: number }> {
  if (movement.balances.length === 0) return { updated: 0 };
  const params = new SqlParams();
  const [row] = await rawRows<{ updated: number }>(
    db,
    `WITH ${stockMovementCtes(params, organizationId, movement)} SELECT count(*)::int AS updated FROM updated`,
    params.values,
  );
  return { updated: Number(row?.updated ?? 0) };
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
