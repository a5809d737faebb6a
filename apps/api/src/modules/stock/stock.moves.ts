import type { Executor } from '../../db/client';
import { AppError } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { planStockMovements, type StockMovement, type StockPlan } from './stock.plan';
import { applyStockMovements, type LockedProductStock, type StockMovementWrite } from './stock.repo';

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

export interface StockPlanOptions {
  allowNegative: boolean;
  cause: MovementCause;
  now: Date;
}

/** What applying a plan writes: the balance changes and one ledger row per movement (ids made here). */
export function stockPlanWrite(
  organizationId: string,
  plan: StockPlan,
  options: StockPlanOptions,
): { ids: string[]; movement: StockMovementWrite } {
  const { cause } = options;
  const ids = plan.entries.map(() => newId());
  return {
    ids,
    movement: {
      balances: plan.balances,
      allowNegative: options.allowNegative,
      now: options.now,
      ledger: plan.entries.map((e, i) => ({
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
    },
  };
}

/** Throws the 409 when the guarded UPDATE changed fewer balances than the plan has. */
export function assertStockApplied(plan: StockPlan, updated: number): void {
  if (updated !== plan.balances.length) {
    throw new AppError('INSUFFICIENT_STOCK', 'Not enough stock for this change: another change took it first');
  }
}

/**
 * Applies a plan: the balances with the guarded UPDATE, then one ledger row per movement with
 * its cause and the balance after it. Runs inside the caller's transaction, so the movement
 * exists exactly when the voucher or adjustment does.
 */
export async function applyStockPlan(tx: Executor, organizationId: string, plan: StockPlan, options: StockPlanOptions): Promise<string[]> {
  const { ids, movement } = stockPlanWrite(organizationId, plan, options);
  const { updated } = await applyStockMovements(tx, organizationId, movement);
  assertStockApplied(plan, updated);
  return ids;
}
