import type { Executor } from '../../db/client';
import { AppError } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import type { AuditWriter } from '../audit';
import { writePosting, type AuditAppend, type StockWrite } from '../posting';
import { planStockMovements, type StockMovement, type StockPlan } from './stock.plan';
import type { LockedProductStock } from './stock.repo';

export interface MovementCause {
  source: 'voucher' | 'voucher_cancel' | 'adjustment' | 'opening';
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

/**
 * What applying a plan writes, as data for a posting: the balance changes and one ledger row per
 * movement with its cause and the balance right after it (ids made here, in the plan's order).
 */
export function stockWriteOf(organizationId: string, plan: StockPlan, options: StockPlanOptions): { ids: string[]; write: StockWrite } {
  const { cause } = options;
  const ids = plan.entries.map(() => newId());
  return {
    ids,
    write: {
      balances: plan.balances,
      date: cause.entryDate,
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
        unitCost: e.unitCost,
        value: e.value,
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

/** Throws the 409 when the guarded update changed fewer balances than the plan has. */
export function assertStockApplied(plan: StockPlan, updated: number): void {
  if (updated !== plan.balances.length) throw stockTakenMeanwhile();
}

/** The refusal when a guarded balance was left alone: another change took the stock after the plan was made. */
export function stockTakenMeanwhile(): AppError {
  return new AppError('INSUFFICIENT_STOCK', 'Not enough stock for this change: another change took it first');
}

/**
 * Applies a plan and appends its audit event in one posting, inside the caller's transaction, so
 * the movement exists exactly when the voucher, cancellation or adjustment it belongs to does.
 * Answers the ledger rows' ids, in the plan's order.
 */
export async function postStockPlan(
  tx: Executor,
  audit: Pick<AuditWriter, 'prepare' | 'record'>,
  organizationId: string,
  plan: StockPlan,
  options: StockPlanOptions,
  event: Parameters<AuditWriter['prepare']>[0],
): Promise<string[]> {
  const { ids, write } = stockWriteOf(organizationId, plan, options);
  const prepared: AuditAppend = audit.prepare(event);
  const posted = await writePosting(tx, { stock: { organizationId, write }, audit: prepared });
  assertStockApplied(plan, posted.stockUpdated);
  // The organisation's first audit event: its chain has no head yet, so it is appended on its own.
  if (!posted.audited) await audit.record(tx, event);
  return ids;
}
