import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { newId } from '../../lib/ids';
import { users } from './accounts';
import { products } from './masters';
import { vouchers } from './vouchers';

/**
 * Quantity on hand per product, created with the product. Every change locks this row, so its
 * `ledgerSeq` orders the product's ledger exactly as the changes were applied.
 */
export const stockBalances = pgTable(
  'stock_balances',
  {
    organizationId: uuid().notNull(),
    productId: uuid().notNull(),
    quantity: numeric({ precision: 14, scale: 3 }).notNull().default('0'),
    ledgerSeq: bigint({ mode: 'number' }).notNull().default(0),
    /** Weighted average cost per unit (BOOKS.md, "Stock value"), four decimals. */
    averageCost: numeric({ precision: 16, scale: 4 }).notNull().default('0'),
    /** Always quantity × average cost, rounded to paise. */
    value: numeric({ precision: 16, scale: 2 }).notNull().default('0'),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.productId] }),
    foreignKey({ columns: [t.organizationId, t.productId], foreignColumns: [products.organizationId, products.id] }).onDelete('cascade'),
  ],
);

export const STOCK_SOURCES = ['voucher', 'voucher_cancel', 'adjustment', 'opening'] as const;

/** Every stock movement, with what caused it and the balance right after it. Append-only. */
export const stockLedger = pgTable(
  'stock_ledger',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    organizationId: uuid().notNull(),
    productId: uuid().notNull(),
    seq: bigint({ mode: 'number' }).notNull(),
    entryDate: date({ mode: 'string' }).notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    quantityChange: numeric({ precision: 14, scale: 3 }).notNull(),
    balanceAfter: numeric({ precision: 14, scale: 3 }).notNull(),
    /** The cost per unit the movement was valued at: its own (a purchase line's taxable value per unit) or the average it left at. */
    unitCost: numeric({ precision: 16, scale: 4 }).notNull().default('0'),
    /** What the movement changed the product's stock value by (signed, paise). */
    value: numeric({ precision: 16, scale: 2 }).notNull().default('0'),
    source: text({ enum: STOCK_SOURCES }).notNull(),
    voucherId: uuid().references(() => vouchers.id),
    voucherType: text(),
    voucherNumber: text(),
    reason: text(),
    createdBy: uuid().references(() => users.id),
  },
  (t) => [
    uniqueIndex('stock_ledger_product_seq_uq').on(t.organizationId, t.productId, t.seq),
    foreignKey({ columns: [t.organizationId, t.productId], foreignColumns: [products.organizationId, products.id] }),
    index('stock_ledger_voucher_idx')
      .on(t.voucherId)
      .where(sql`${t.voucherId} IS NOT NULL`),
    index('stock_ledger_created_by_idx').on(t.createdBy),
    // Opening stock (issue 15 item 1): a product's opening movements, found without reading its history.
    index('stock_ledger_opening_idx')
      .on(t.organizationId, t.productId, t.seq)
      .where(sql`${t.source} = 'opening'`),
    check('stock_ledger_source_ck', sql`${t.source} IN ('voucher', 'voucher_cancel', 'adjustment', 'opening')`),
  ],
);
