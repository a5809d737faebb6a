import {
  dec,
  indianDate,
  toQuantity,
  ZERO,
  type Camelized,
  type stockAdjustmentResultSchema,
  type stockAdjustmentSchema,
  type stockItemSchema,
  type stockMovementSchema,
} from '@tritiq/contracts';
import { z } from 'zod';
import type { SessionManager } from '../../db/session';
import type { Clock } from '../../deps';
import { auditFields, type Actor } from '../../lib/actor';
import { notFound, validationError } from '../../lib/app-error';
import { decodeCursor, pageOf, toIso } from '../../lib/cursor';
import type { AuditWriter } from '../audit/audit.writer';
import { findProduct, findProducts, type ProductWithStock } from '../products/products.repo';
import { getBusinessSettings } from './business-settings.repo';
import { applyStockPlan, planStock } from './stock.moves';
import { findStockMovements, lockProductStock } from './stock.repo';

type StockItemView = Camelized<z.output<typeof stockItemSchema>>;
type StockMovementView = Camelized<z.output<typeof stockMovementSchema>>;
type AdjustmentInput = Camelized<z.output<typeof stockAdjustmentSchema>>;
type AdjustmentView = Camelized<z.output<typeof stockAdjustmentResultSchema>>;

function presentStockItem(row: ProductWithStock): StockItemView {
  return {
    productId: row.id,
    productName: row.name,
    partNumber: row.partNumber,
    hsnCode: row.hsnCode,
    unit: row.unit,
    unitPrice: row.unitPrice,
    quantity: row.quantity,
    reorderLevel: row.reorderLevel,
    isLowStock: dec(row.quantity).lte(dec(row.reorderLevel)),
    isActive: row.isActive,
    updatedAt: toIso(row.updatedAt)!,
  };
}

export interface StockServiceDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  clock: Clock;
}

export function createStockService(deps: StockServiceDeps) {
  const { sessions, audit, clock } = deps;

  return {
    async listStock(actor: Actor, query: { search?: string; lowStockOnly: boolean; limit: number; cursor?: string }) {
      const after = decodeCursor(query.cursor, z.tuple([z.string()]));
      const rows = await sessions.transaction(
        (tx) =>
          findProducts(tx, actor.organizationId, {
            search: query.search || undefined,
            activeOnly: true,
            lowStockOnly: query.lowStockOnly,
            limit: query.limit + 1,
            after: after?.[0],
          }),
        { organizationId: actor.organizationId, readOnly: true, label: 'stock.list' },
      );
      return pageOf(rows, query.limit, presentStockItem, (r) => [r.name.toLowerCase()]);
    },

    async getStockLedger(actor: Actor, productId: string, query: { order: 'asc' | 'desc'; limit: number; cursor?: string }) {
      const after = decodeCursor(query.cursor, z.tuple([z.number().int()]));
      return sessions.transaction(
        async (tx) => {
          const product = await findProduct(tx, actor.organizationId, productId);
          if (!product) throw notFound('Product');
          const rows = await findStockMovements(tx, actor.organizationId, productId, {
            order: query.order,
            limit: query.limit + 1,
            afterSeq: after?.[0],
          });
          const page = pageOf(
            rows,
            query.limit,
            ({ movement: m, createdByEmail }): StockMovementView => {
              const change = dec(m.quantityChange);
              return {
                id: m.id,
                seq: m.seq,
                date: m.entryDate,
                occurredAt: toIso(m.occurredAt)!,
                quantityIn: change.gt(ZERO) ? toQuantity(change) : '0.000',
                quantityOut: change.lt(ZERO) ? toQuantity(change.abs()) : '0.000',
                quantityChange: m.quantityChange,
                balanceAfter: m.balanceAfter,
                source: m.source,
                voucherId: m.voucherId,
                voucherType: m.voucherType,
                voucherNumber: m.voucherNumber,
                reason: m.reason,
                createdBy: m.createdBy,
                createdByEmail,
              };
            },
            (r) => [r.movement.seq],
          );
          return {
            productId: product.id,
            productName: product.name,
            unit: product.unit,
            quantity: product.quantity,
            ...page,
          };
        },
        { organizationId: actor.organizationId, readOnly: true, label: 'stock.ledger' },
      );
    },

    /** A manual correction with a reason: audited, and refused below zero when the policy blocks it. */
    async adjustStock(actor: Actor, input: AdjustmentInput): Promise<AdjustmentView> {
      const now = clock.now();
      const date = input.date ?? indianDate(now);
      return sessions.transaction(
        async (tx) => {
          const settings = await getBusinessSettings(tx, actor.organizationId);
          const [locked] = await lockProductStock(tx, actor.organizationId, [input.productId]);
          if (!locked) throw validationError('product_id', 'No product with this id in your organisation');
          const plan = planStock(
            [locked],
            [{ productId: locked.productId, change: dec(input.quantityChange), field: 'quantity_change' }],
            settings.allowNegativeStock,
          );
          const [movementId] = await applyStockPlan(tx, actor.organizationId, plan, {
            allowNegative: settings.allowNegativeStock,
            now,
            cause: { source: 'adjustment', entryDate: date, userId: actor.userId, reason: input.reason },
          });
          const entry = plan.entries[0]!;
          await audit.record(tx, {
            ...auditFields(actor),
            action: 'stock.adjusted',
            targetType: 'product',
            targetId: locked.productId,
            details: {
              product_name: locked.name,
              previous_quantity: locked.quantity,
              quantity_change: entry.change,
              new_quantity: entry.balanceAfter,
              reason: input.reason,
              negative_stock_allowed: settings.allowNegativeStock,
            },
          });
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
    },
  };
}

export type StockService = ReturnType<typeof createStockService>;
