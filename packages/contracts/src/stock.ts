import { z } from 'zod';
import { exportFormatField } from './exports';
import { dateField, decimalField, moneySchema, pageQuery, pageSchema, quantitySchema, queryBoolean, requiredText } from './fields';

export const stockItemSchema = z
  .object({
    product_id: z.uuid(),
    product_name: z.string(),
    part_number: z.string().nullable(),
    hsn_code: z.string().nullable(),
    unit: z.string(),
    unit_price: moneySchema.meta({ description: 'The sale price (kept for older clients)', deprecated: true }),
    purchase_price: moneySchema,
    sale_price: moneySchema,
    quantity: quantitySchema,
    reorder_level: quantitySchema,
    is_low_stock: z.boolean().meta({ description: 'quantity <= reorder_level' }),
    is_active: z.boolean(),
    updated_at: z.string(),
  })
  .meta({ id: 'StockItem' });

export const stockListQuery = z.object({
  search: z.string().trim().max(100).optional(),
  low_stock_only: queryBoolean.default(false),
  ...pageQuery,
  ...exportFormatField,
});

export const stockPageSchema = pageSchema(stockItemSchema);

export const STOCK_MOVEMENT_SOURCES = ['voucher', 'voucher_cancel', 'adjustment', 'opening'] as const;

export const stockMovementSchema = z
  .object({
    id: z.uuid(),
    seq: z.number().int(),
    date: z.string(),
    occurred_at: z.string(),
    quantity_in: quantitySchema,
    quantity_out: quantitySchema,
    quantity_change: quantitySchema,
    balance_after: quantitySchema,
    unit_cost: z.string().meta({ description: 'The cost per unit the movement was valued at (four decimals)' }),
    value: moneySchema.meta({ description: "What the movement changed the product's stock value by (weighted average cost)" }),
    source: z.enum(STOCK_MOVEMENT_SOURCES),
    voucher_id: z.uuid().nullable(),
    voucher_type: z.string().nullable(),
    voucher_number: z.string().nullable(),
    reason: z.string().nullable(),
    created_by: z.uuid().nullable(),
    created_by_email: z.string().nullable(),
  })
  .meta({ id: 'StockMovement' });

export const stockLedgerQuery = z.object({
  order: z.enum(['asc', 'desc']).default('desc').meta({ description: 'desc: newest first (default)' }),
  ...pageQuery,
});

export const stockLedgerSchema = z
  .object({
    product_id: z.uuid(),
    product_name: z.string(),
    unit: z.string(),
    quantity: quantitySchema,
    items: z.array(stockMovementSchema),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: 'StockLedger' });

export const stockAdjustmentSchema = z
  .object({
    product_id: z.uuid({ message: 'must be a UUID' }),
    quantity_change: decimalField({ scale: 3, integerDigits: 11 }).refine((v) => !/^-?0+\.0+$/.test(v), {
      message: 'must not be zero',
    }),
    reason: requiredText(500, { multiline: true }).refine((v) => v.length >= 3, { message: 'must be at least 3 characters' }),
    date: dateField.optional().meta({ description: 'Defaults to today (India)' }),
    unit_cost: decimalField({ scale: 4, integerDigits: 12, min: '0' })
      .optional()
      .meta({ description: 'Stock coming in only: its cost per unit (weighted average cost); defaults to the current average cost' }),
  })
  .refine((a) => a.unit_cost === undefined || !a.quantity_change.startsWith('-'), {
    path: ['unit_cost'],
    message: 'is only for stock coming in: stock going out leaves at the average cost',
  })
  .meta({ id: 'StockAdjustmentCreate' });

export const stockAdjustmentResultSchema = z
  .object({
    product_id: z.uuid(),
    previous_quantity: quantitySchema,
    quantity_change: quantitySchema,
    new_quantity: quantitySchema,
    movement_id: z.uuid(),
    reason: z.string(),
    date: z.string(),
    created_at: z.string(),
  })
  .meta({ id: 'StockAdjustment' });
