import { dec, indianDate, type Camelized, type stockAdjustmentResultSchema, type stockAdjustmentSchema } from '@tritiq/contracts';
import type { z } from 'zod';
import { auditFields, type Actor } from '../../lib/actor';
import { validationError } from '../../lib/app-error';
import { toIso } from '../../lib/cursor';
import { assertBooksOpen, assertDateInWindow, getBusinessSettings } from '../organizations';
import type { StockDeps } from './stock.deps';
import { planStock, postStockPlan } from './stock.moves';
import { lockProductStock } from './stock.repo';

type AdjustmentInput = Camelized<z.output<typeof stockAdjustmentSchema>>;
type AdjustmentView = Camelized<z.output<typeof stockAdjustmentResultSchema>>;

/**
 * A manual correction with a reason, dated within the organisation's window: audited, and refused
 * below zero when the policy blocks it. The movement and its audit event are one posting.
 */
export async function adjustStock(deps: StockDeps, actor: Actor, input: AdjustmentInput): Promise<AdjustmentView> {
  const now = deps.clock.now();
  const today = indianDate(now);
  const date = input.date ?? today;
  return deps.sessions.transaction(
    async (tx) => {
      const settings = await getBusinessSettings(tx, actor.organizationId);
      assertDateInWindow(settings, date, today);
      assertBooksOpen(settings, date);
      const [locked] = await lockProductStock(tx, actor.organizationId, [input.productId]);
      if (!locked) throw validationError('product_id', 'No product with this id in your organisation');
      const plan = planStock(
        [locked],
        [
          {
            productId: locked.productId,
            change: dec(input.quantityChange),
            // Stock found or brought in at a stated cost; otherwise at the average it is already carried at.
            cost: input.unitCost === undefined ? undefined : dec(input.quantityChange).times(dec(input.unitCost)),
            field: 'quantity_change',
          },
        ],
        settings.allowNegativeStock,
      );
      const entry = plan.entries[0]!;
      const [movementId] = await postStockPlan(
        tx,
        deps.audit,
        actor.organizationId,
        plan,
        {
          allowNegative: settings.allowNegativeStock,
          now,
          cause: { source: 'adjustment', entryDate: date, userId: actor.userId, reason: input.reason },
        },
        {
          ...auditFields(actor),
          action: 'stock.adjusted',
          targetType: 'product',
          targetId: locked.productId,
          details: {
            product_name: locked.name,
            previous_quantity: locked.quantity,
            quantity_change: entry.change,
            new_quantity: entry.balanceAfter,
            unit_cost: entry.unitCost,
            value: entry.value,
            reason: input.reason,
            negative_stock_allowed: settings.allowNegativeStock,
          },
        },
      );
      return {
        productId: locked.productId,
        previousQuantity: locked.quantity,
        quantityChange: entry.change,
        newQuantity: entry.balanceAfter,
        movementId: movementId!,
        reason: input.reason,
        date,
        createdAt: toIso(now)!,
      };
    },
    { organizationId: actor.organizationId, label: 'stock.adjust' },
  );
}
