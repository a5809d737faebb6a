import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { newId } from '../../lib/ids';
import { organizations, users } from './accounts';
import { emailMessages } from './email';
import { parties, products } from './masters';

const money = () => numeric({ precision: 14, scale: 2 });

/**
 * A number series: per organisation, voucher type and financial year, its prefix and the next
 * number it gives. Taking a number updates this row inside the transaction that writes the
 * voucher, so the row lock orders concurrent creators and a rolled-back creation gives its number
 * back (gapless). A new year's series starts with the prefix of the type's latest series (else the
 * type's default), so a prefix set in the settings carries on into later years.
 */
export const voucherSeries = pgTable(
  'voucher_series',
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    voucherType: text().notNull(),
    fiscalYear: text().notNull(),
    prefix: text().notNull(),
    nextNumber: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.voucherType, t.fiscalYear] }),
    check('voucher_series_next_number_ck', sql`${t.nextNumber} >= 1`),
    check('voucher_series_prefix_ck', sql`${t.prefix} ~ '^[A-Z0-9-]{1,5}$'`),
    check('voucher_series_fiscal_year_ck', sql`${t.fiscalYear} ~ '^[0-9]{4}$'`),
  ],
);

export const vouchers = pgTable(
  'vouchers',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    voucherType: text().notNull(),
    voucherNumber: text().notNull(),
    fiscalYear: text().notNull(),
    seq: integer().notNull(),
    voucherDate: date({ mode: 'string' }).notNull(),
    status: text({ enum: ['active', 'cancelled'] })
      .notNull()
      .default('active'),
    // The party as printed: later edits of the master do not change an issued invoice. None for a
    // journal or contra, or a receipt from another ledger (a loan).
    partyId: uuid(),
    partyKind: text(),
    partyName: text(),
    partyGstin: text(),
    partyStateCode: text(),
    partyEmail: text(),
    partyAddress: text(),
    // GST's supply: none for a voucher without item lines (receipt, payment, contra, journal).
    supplierStateCode: text(),
    placeOfSupply: text(),
    isInterState: boolean().notNull(),
    dueDate: date({ mode: 'string' }),
    reference: text(),
    supplierInvoiceNumber: text(),
    supplierInvoiceDate: date({ mode: 'string' }),
    notes: text(),
    // A receipt's or payment's money side (the header amount is its grand_total): the cash or bank
    // ledger, the other ledger when there is no party, and how the money moved.
    cashBankLedgerId: uuid(),
    otherLedgerId: uuid(),
    mode: text(),
    instrumentNumber: text(),
    instrumentDate: date({ mode: 'string' }),
    transferReference: text(),
    /**
     * A note (credit or debit) names the one invoice it is made against (issue 16): its id, and its
     * number and date as printed on the note (the original's header is not edited afterwards).
     */
    againstVoucherId: uuid().references((): AnyPgColumn => vouchers.id),
    againstVoucherNumber: text(),
    againstVoucherDate: date({ mode: 'string' }),
    /** A note's reason, from the GST list (the type's `reason` header field). */
    reason: text(),
    lineCount: integer().notNull(),
    discountAmount: money().notNull(),
    taxableAmount: money().notNull(),
    cgstAmount: money().notNull(),
    sgstAmount: money().notNull(),
    igstAmount: money().notNull(),
    totalAmount: money().notNull(),
    roundOff: money().notNull(),
    grandTotal: money().notNull(),
    emailStatus: text({ enum: ['not_sent', 'queued', 'sent', 'failed'] })
      .notNull()
      .default('not_sent'),
    emailError: text(),
    emailTo: text(),
    /** The outbox message whose outcome the status follows (the latest one queued). */
    emailMessageId: uuid().references(() => emailMessages.id),
    emailUpdatedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelledBy: uuid().references(() => users.id),
    cancelReason: text(),
  },
  (t) => [
    uniqueIndex('vouchers_org_type_number_uq').on(t.organizationId, t.voucherType, t.voucherNumber),
    uniqueIndex('vouchers_org_type_fy_seq_uq').on(t.organizationId, t.voucherType, t.fiscalYear, t.seq),
    // Lists: newest first, keyset on (voucher_date, seq) within a type.
    index('vouchers_list_idx').on(t.organizationId, t.voucherType, t.voucherDate, t.seq),
    // The day book (every type in date order) and the allocations dated after a day (outstanding as on it).
    index('vouchers_date_idx').on(t.organizationId, t.voucherDate, t.id),
    index('vouchers_party_idx').on(t.organizationId, t.partyId, t.voucherType, t.voucherDate, t.seq),
    index('vouchers_cancelled_idx')
      .on(t.organizationId, t.voucherType, t.voucherDate, t.seq)
      .where(sql`${t.status} = 'cancelled'`),
    index('vouchers_created_by_idx').on(t.createdBy),
    // The notes of an invoice: the limits across them, the refusal to cancel an invoice that has them.
    index('vouchers_against_idx')
      .on(t.organizationId, t.againstVoucherId)
      .where(sql`${t.againstVoucherId} IS NOT NULL`),
    index('vouchers_cancelled_by_idx')
      .on(t.cancelledBy)
      .where(sql`${t.cancelledBy} IS NOT NULL`),
    index('vouchers_email_message_idx')
      .on(t.emailMessageId)
      .where(sql`${t.emailMessageId} IS NOT NULL`),
    foreignKey({ columns: [t.organizationId, t.partyId], foreignColumns: [parties.organizationId, parties.id] }),
    check('vouchers_status_ck', sql`${t.status} IN ('active', 'cancelled')`),
    check('vouchers_email_status_ck', sql`${t.emailStatus} IN ('not_sent', 'queued', 'sent', 'failed')`),
    check('vouchers_round_off_ck', sql`abs(${t.roundOff}) <= 0.50`),
    check('vouchers_number_length_ck', sql`length(${t.voucherNumber}) <= 16`),
    check('vouchers_mode_ck', sql`${t.mode} IS NULL OR ${t.mode} IN ('cash', 'cheque', 'bank_transfer', 'upi')`),
    index('vouchers_cash_bank_ledger_idx')
      .on(t.organizationId, t.cashBankLedgerId)
      .where(sql`${t.cashBankLedgerId} IS NOT NULL`),
    index('vouchers_other_ledger_idx')
      .on(t.organizationId, t.otherLedgerId)
      .where(sql`${t.otherLedgerId} IS NOT NULL`),
  ],
);

export const voucherLines = pgTable(
  'voucher_lines',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    organizationId: uuid().notNull(),
    voucherId: uuid()
      .notNull()
      .references(() => vouchers.id, { onDelete: 'cascade' }),
    lineNo: integer().notNull(),
    productId: uuid().notNull(),
    /** A note's line names the line of the original it returns or revalues. */
    againstLineId: uuid().references((): AnyPgColumn => voucherLines.id),
    productName: text().notNull(),
    hsnCode: text(),
    unit: text().notNull(),
    quantity: numeric({ precision: 14, scale: 3 }).notNull(),
    unitPrice: money().notNull(),
    isGstInclusive: boolean().notNull(),
    discountPercentage: numeric({ precision: 5, scale: 2 }).notNull(),
    /** A flat discount given instead of the percentage (then 0): the amount taken off, as entered. Null: the percentage applies. */
    discountFlat: numeric({ precision: 14, scale: 2 }),
    discountAmount: money().notNull(),
    gstRate: numeric({ precision: 5, scale: 2 }).notNull(),
    taxableAmount: money().notNull(),
    cgstAmount: money().notNull(),
    sgstAmount: money().notNull(),
    igstAmount: money().notNull(),
    totalAmount: money().notNull(),
  },
  (t) => [
    uniqueIndex('voucher_lines_voucher_line_uq').on(t.voucherId, t.lineNo),
    index('voucher_lines_org_product_idx').on(t.organizationId, t.productId),
    index('voucher_lines_against_line_idx')
      .on(t.againstLineId)
      .where(sql`${t.againstLineId} IS NOT NULL`),
    foreignKey({ columns: [t.organizationId, t.productId], foreignColumns: [products.organizationId, products.id] }),
    // Zero only on a note's value-only line (a price correction or discount after sale: no goods move).
    check('voucher_lines_quantity_ck', sql`${t.quantity} > 0 OR (${t.quantity} = 0 AND ${t.againstLineId} IS NOT NULL)`),
    check('voucher_lines_discount_ck', sql`${t.discountPercentage} >= 0 AND ${t.discountPercentage} <= 100`),
    // A line takes a percentage or a flat amount, never both; the amount is what was taken off.
    check(
      'voucher_lines_discount_flat_ck',
      sql`${t.discountFlat} IS NULL OR (${t.discountFlat} >= 0 AND ${t.discountPercentage} = 0 AND ${t.discountFlat} = ${t.discountAmount})`,
    ),
  ],
);

/**
 * `Idempotency-Key` of a creation request. Inserted first in the creating transaction: a
 * concurrent duplicate waits on the key's unique index and then finds the finished voucher.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    scope: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    voucherId: uuid().references(() => vouchers.id),
    userId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.scope, t.key] }),
    index('idempotency_keys_voucher_idx').on(t.voucherId),
    index('idempotency_keys_user_idx').on(t.userId),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);
