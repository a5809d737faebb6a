import type { Executor } from '../../db/client';
import { AppError } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { planStockMovements, type StockMovement, type StockPlan } from './stock.plan';
import { applyStockBalances, insertStockMovements, type LockedProductStock } from './stock.repo';

export interface MovementCause {
  source: 'voucher' | 'voucher_cancel' | 'adjustment';
  entryDate: string;
  userId: string;
  voucherId?: string;
  voucherType?: string;
  voucherNumber?: string;
  reason?: string;
}

/** Plans movements of products already locked with `lockProductStock` (throws 409 when refused). */
export function planStock(locked: readonly LockedProductStock[], moves: readonly StockMovement[], allowNegative: boolean): StockPlan {
  return planStockMovements(new Map(locked.map((l) => [l.productId, l])), moves, allowNegative);
}

/**
 * Applies a plan: the balances with the guarded UPDATE, then one ledger row per movement with
 * its cause and the balance after it. Runs inside the caller's transaction, so the movement
 * exists exactly when the voucher or adjustment does.
 */
export async function applyStockPlan(
  tx: Executor,
  organizationId: string,
  plan: StockPlan,
  options: { allowNegative: boolean; cause: MovementCause; now: Date },
): Promise<string[]> {
  const applied = await applyStockBalances(tx, organizationId, plan.balances, options.allowNegative, options.now);
  if (applied.length !== plan.balances.length) {
    const refused = plan.balances.find((b) => !applied.some((a) => a.productId === b.productId));
    throw new AppError('INSUFFICIENT_STOCK', `Not enough stock of product ${refused?.productId ?? ''}`);
  }
  const { cause } = options;
  const ids = plan.entries.map(() => newId());
  await insertStockMovements(
    tx,
    plan.entries.map((e, i) => ({
      id: ids[i],
      organizationId,
      productId: e.productId,
      seq: e.seq,
      entryDate: cause.entryDate,
      occurredAt: options.now,
      quantityChange: e.change,
      balanceAfter: e.balanceAfter,
      source: cause.source,
      voucherId: cause.voucherId ?? null,
      voucherType: cause.voucherType ?? null,
      voucherNumber: cause.voucherNumber ?? null,
      reason: cause.reason ?? null,
      createdBy: cause.userId,
    })),
  );
  return ids;
}
