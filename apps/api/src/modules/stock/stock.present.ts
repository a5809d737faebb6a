import { dec, toQuantity, ZERO, type Camelized, type stockItemSchema, type stockMovementSchema } from '@tritiq/contracts';
import type { z } from 'zod';
import { toIso } from '../../lib/cursor';
import type { ProductWithStock } from '../products';
import type { findStockMovements } from './stock.repo';

export type StockItemView = Camelized<z.output<typeof stockItemSchema>>;
export type StockMovementView = Camelized<z.output<typeof stockMovementSchema>>;

export function presentStockItem(row: ProductWithStock): StockItemView {
  return {
    productId: row.id,
    productName: row.name,
    partNumber: row.partNumber,
    hsnCode: row.hsnCode,
    unit: row.unit,
    unitPrice: row.salePrice,
    purchasePrice: row.purchasePrice,
    salePrice: row.salePrice,
    quantity: row.quantity,
    reorderLevel: row.reorderLevel,
    isLowStock: dec(row.quantity).lte(dec(row.reorderLevel)),
    isActive: row.isActive,
    updatedAt: toIso(row.updatedAt)!,
  };
}

export function presentMovement({
  movement: m,
  createdByEmail,
}: Awaited<ReturnType<typeof findStockMovements>>[number]): StockMovementView {
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
    unitCost: m.unitCost,
    value: m.value,
    source: m.source,
    voucherId: m.voucherId,
    voucherType: m.voucherType,
    voucherNumber: m.voucherNumber,
    reason: m.reason,
    createdBy: m.createdBy,
    createdByEmail,
  };
}
