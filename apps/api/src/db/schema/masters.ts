import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, numeric, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../lib/ids';
import { timestamps } from './columns';
import { organizations, users } from './accounts';

/** Vendors and customers: one shape, one code path, told apart by `kind`. */
export const parties = pgTable(
  'parties',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    kind: text({ enum: ['vendor', 'customer'] }).notNull(),
    name: text().notNull(),
    contactNumber: text(),
    email: text(),
    addressLine1: text(),
    addressLine2: text(),
    city: text(),
    state: text(),
    pinCode: text(),
    stateCode: text(),
    gstin: text(),
    pan: text(),
    /** Days after an invoice's date its bill falls due when the invoice names no due date. */
    creditDays: integer().notNull().default(0),
    isActive: boolean().notNull().default(true),
    createdBy: uuid().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    // Also the list order (keyset on lower(name), unique within a kind).
    uniqueIndex('parties_org_kind_name_uq').on(t.organizationId, t.kind, sql`lower(${t.name})`),
    // Target of the (organization_id, party_id) foreign keys: a voucher cannot name another tenant's party.
    unique('parties_org_id_uq').on(t.organizationId, t.id),
    index('parties_org_kind_gstin_idx').on(t.organizationId, t.kind, t.gstin),
    index('parties_created_by_idx').on(t.createdBy),
    check('parties_kind_ck', sql`${t.kind} IN ('vendor', 'customer')`),
    check('parties_credit_days_ck', sql`${t.creditDays} BETWEEN 0 AND 3650`),
  ],
);

export const products = pgTable(
  'products',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    name: text().notNull(),
    partNumber: text(),
    hsnCode: text(),
    unit: text().notNull(),
    /** What the product is bought at: purchase-side voucher types default their lines to it (the type's `defaultPrice`). */
    purchasePrice: numeric({ precision: 14, scale: 2 }).notNull(),
    /** What it is sold at: sales-side types default to it; the API's `unit_price` is this price (kept for older clients). */
    salePrice: numeric({ precision: 14, scale: 2 }).notNull(),
    gstRate: numeric({ precision: 5, scale: 2 }).notNull().default('0'),
    isGstInclusive: boolean().notNull().default(false),
    reorderLevel: numeric({ precision: 14, scale: 3 }).notNull().default('0'),
    description: text(),
    isActive: boolean().notNull().default(true),
    createdBy: uuid().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('products_org_name_uq').on(t.organizationId, sql`lower(${t.name})`),
    uniqueIndex('products_org_part_number_uq')
      .on(t.organizationId, sql`lower(${t.partNumber})`)
      .where(sql`${t.partNumber} IS NOT NULL`),
    unique('products_org_id_uq').on(t.organizationId, t.id),
    index('products_org_hsn_idx').on(t.organizationId, t.hsnCode),
    index('products_created_by_idx').on(t.createdBy),
    check('products_purchase_price_ck', sql`${t.purchasePrice} >= 0`),
    check('products_sale_price_ck', sql`${t.salePrice} >= 0`),
    check('products_gst_rate_ck', sql`${t.gstRate} >= 0 AND ${t.gstRate} <= 100`),
  ],
);
